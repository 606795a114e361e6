//! Raw → model. Checks everything a scenario, catalogue or manifest must satisfy and
//! collects every problem it finds; a model comes back only when there are no errors.
//! A valid scenario then goes through the domain lints (`lint.rs`), which add warnings.

use std::collections::{HashMap, HashSet, VecDeque};
use std::fmt::{self, Display};
use std::ops::Range;

use serde::de::DeserializeOwned;

use super::condition::{self, ConditionError, Names};
use super::diagnostic::{Code, Diagnostic, Severity, Sink};
use super::lint;
use super::model::*;
use super::paths;
use super::raw::*;
use super::source::SourceFile;

/// The scenario format version this engine reads.
pub const FORMAT_VERSION: i64 = 1;

/// Files larger than this are refused before parsing: no real scenario comes close,
/// and a runaway file must not freeze a browser tab.
pub const MAX_FILE_BYTES: usize = 2 * 1024 * 1024;

/// Turns bytes from disk or a file picker into a source file, refusing what cannot be one.
pub fn source_from_bytes(name: &str, bytes: Vec<u8>) -> Result<SourceFile, Box<Diagnostic>> {
    let fail = |code: Code, message: String, hint: &str| {
        Box::new(Diagnostic {
            file: name.to_owned(),
            line: 1,
            column: 1,
            severity: Severity::Error,
            code,
            message,
            hint: Some(hint.to_owned()),
            span: 0..0,
        })
    };
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fail(
            Code::FileTooLarge,
            format!(
                "the file is {} KB; scenario files may be at most {} KB",
                bytes.len() / 1024,
                MAX_FILE_BYTES / 1024
            ),
            "split the file, or check that you chose the right one",
        ));
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(SourceFile::new(name, text)),
        Err(e) => Err(fail(
            Code::NotUtf8,
            format!(
                "the file is not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            ),
            "save the file as UTF-8 in your editor",
        )),
    }
}

/// Parses a file into its raw structs with the toml crate, reporting any problem.
fn parse_toml<T: DeserializeOwned + Default>(sink: &mut Sink) -> Option<T> {
    if sink.file.text.trim().is_empty() {
        sink.error_hint(
            Code::MissingField,
            0..0,
            "the file is empty",
            "start from the worked example in docs/scenario-format.md",
        );
        return None;
    }
    match toml::from_str::<T>(&sink.file.text) {
        Ok(v) => Some(v),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let msg = e.message().trim().to_owned();
            // serde's data errors read better with their own codes than as syntax errors.
            let (code, hint) = if msg.starts_with("unknown field") {
                (
                    Code::UnknownField,
                    "check the spelling against docs/scenario-format.md",
                )
            } else if msg.starts_with("invalid type") || msg.starts_with("invalid value") {
                (
                    Code::InvalidValue,
                    "this field expects a different kind of value, as the message says",
                )
            } else {
                (
                    Code::TomlSyntax,
                    "check quotes, brackets and commas near this point",
                )
            };
            sink.error_hint(code, span, msg, hint);
            None
        }
    }
}

/// Small helpers over a sink for required and optional fields.
struct Fields<'s, 'f> {
    sink: &'s mut Sink<'f>,
}

impl Fields<'_, '_> {
    fn missing(&mut self, field: &str, ctx: &(impl Display + ?Sized), at: &Range<usize>) {
        self.sink.error_hint(
            Code::MissingField,
            at.clone(),
            format!("{ctx} is missing `{field}`"),
            format!("add `{field} = ...` here"),
        );
    }

    /// A required, non-blank string. It is moved out of the raw struct, which keeps
    /// its span for later diagnostics but is not read for its text again.
    fn text(
        &mut self,
        f: &mut Text,
        field: &str,
        ctx: &(impl Display + ?Sized),
        at: &Range<usize>,
    ) -> String {
        match f {
            Some(s) if !s.get_ref().trim().is_empty() => std::mem::take(s.get_mut()),
            Some(s) => {
                self.sink.error_hint(
                    Code::MissingField,
                    s.span(),
                    format!("`{field}` in {ctx} is empty"),
                    "write the text, or remove the field if it is optional",
                );
                String::new()
            }
            None => {
                self.missing(field, ctx, at);
                String::new()
            }
        }
    }

    /// An optional string, trimmed, moved out of the raw struct like `text`.
    fn opt_text(f: &mut Text) -> Option<String> {
        let s = f.as_mut()?.get_mut();
        let trimmed = s.trim();
        if trimmed.is_empty() {
            None
        } else if trimmed.len() == s.len() {
            Some(std::mem::take(s))
        } else {
            Some(trimmed.to_owned())
        }
    }

    /// A required list, moved out of the raw struct like `text`.
    fn list(
        &mut self,
        f: &mut TextList,
        field: &str,
        ctx: &(impl Display + ?Sized),
        at: &Range<usize>,
    ) -> Vec<S<String>> {
        match f {
            Some(l) => std::mem::take(l.get_mut()),
            None => {
                self.missing(field, ctx, at);
                Vec::new()
            }
        }
    }

    fn int(
        &mut self,
        f: &Option<S<i64>>,
        field: &str,
        ctx: &(impl Display + ?Sized),
        at: &Range<usize>,
    ) -> i32 {
        match f {
            Some(v) => match i32::try_from(*v.get_ref()) {
                Ok(n) => n,
                Err(_) => {
                    self.sink.error(
                        Code::InvalidValue,
                        v.span(),
                        format!("`{field}` in {ctx} is out of range"),
                    );
                    0
                }
            },
            None => {
                self.missing(field, ctx, at);
                0
            }
        }
    }

    fn format(&mut self, f: &Option<S<i64>>) {
        if let Some(v) = f {
            if *v.get_ref() != FORMAT_VERSION {
                self.sink.error_hint(
                    Code::UnsupportedFormat,
                    v.span(),
                    format!(
                        "format {} is not supported; this version of Attune reads format {}",
                        v.get_ref(),
                        FORMAT_VERSION
                    ),
                    "update Attune, or write the file in format 1",
                );
            }
        }
    }
}

fn whole(file: &SourceFile) -> Range<usize> {
    0..file.text.len().min(1)
}

/// Validates the harm-pattern catalogue.
pub fn catalog(file: &SourceFile) -> (Option<Catalog>, Vec<Diagnostic>) {
    let mut sink = Sink::new(file);
    let Some(mut raw) = parse_toml::<RawCatalog>(&mut sink) else {
        return (None, sink.out);
    };
    let mut f = Fields { sink: &mut sink };
    f.format(&raw.format);
    let top = whole(file);
    let mut seen = HashSet::new();
    let mut patterns = Vec::new();
    match &mut raw.patterns {
        None => f.missing("patterns", "the catalogue", &top),
        Some(list) => {
            for p in list.get_mut() {
                let at = p.span();
                let p = p.get_mut();
                let id = f.text(&mut p.id, "id", "a pattern", &at);
                let ctx = format!("pattern `{id}`");
                if !id.is_empty() && !seen.insert(id.clone()) {
                    f.sink.error(
                        Code::DuplicateId,
                        at.clone(),
                        format!("{ctx} is defined twice"),
                    );
                }
                patterns.push(Pattern {
                    number: f.int(&p.number, "number", &ctx, &at).max(0) as u32,
                    name: f.text(&mut p.name, "name", &ctx, &at),
                    summary: f.text(&mut p.summary, "summary", &ctx, &at),
                    description: f.text(&mut p.description, "description", &ctx, &at),
                    alternative: f.text(&mut p.alternative, "alternative", &ctx, &at),
                    example_harmful: Fields::opt_text(&mut p.example_harmful),
                    example_alternative: Fields::opt_text(&mut p.example_alternative),
                    questions: strings(f.list(&mut p.questions, "questions", &ctx, &at)),
                    references: strings(f.list(&mut p.references, "references", &ctx, &at)),
                    id: PatternId(id),
                });
            }
        }
    }
    let mut principles = Vec::new();
    for p in raw.principles.iter_mut().flat_map(|l| l.get_mut()) {
        let at = p.span();
        let p = p.get_mut();
        principles.push(Principle {
            id: f.text(&mut p.id, "id", "a principle", &at),
            name: f.text(&mut p.name, "name", "a principle", &at),
            text: f.text(&mut p.text, "text", "a principle", &at),
        });
    }
    let ok = !sink.has_errors();
    (
        ok.then_some(Catalog {
            patterns,
            principles,
        }),
        sink.out,
    )
}

/// The manifest: which scenario files the app lists, in order.
#[derive(Debug, Clone, PartialEq)]
pub struct Manifest {
    pub patterns: String,
    pub scenarios: Vec<(String, Range<usize>)>,
}

pub fn manifest(file: &SourceFile) -> (Option<Manifest>, Vec<Diagnostic>) {
    let mut sink = Sink::new(file);
    let Some(mut raw) = parse_toml::<RawManifest>(&mut sink) else {
        return (None, sink.out);
    };
    let mut f = Fields { sink: &mut sink };
    f.format(&raw.format);
    let top = whole(file);
    let patterns = Fields::opt_text(&mut raw.patterns).unwrap_or_else(|| "patterns.toml".into());
    let scenarios = f
        .list(&mut raw.scenarios, "scenarios", "the manifest", &top)
        .into_iter()
        .map(|s| {
            let span = s.span();
            (s.into_inner(), span)
        })
        .collect();
    let ok = !sink.has_errors();
    (
        ok.then_some(Manifest {
            patterns,
            scenarios,
        }),
        sink.out,
    )
}

fn strings(v: Vec<S<String>>) -> Vec<String> {
    v.into_iter().map(S::into_inner).collect()
}

/// An optional list's entries, trimmed, leaving out blank ones.
fn non_blank(list: Option<&S<Vec<S<String>>>>) -> Vec<String> {
    list.map(|l| l.get_ref().as_slice())
        .unwrap_or_default()
        .iter()
        .map(|s| s.get_ref().trim())
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

/// Validates one scenario file against the catalogue.
pub fn scenario(file: &SourceFile, catalog: &Catalog) -> (Option<Scenario>, Vec<Diagnostic>) {
    let mut sink = Sink::new(file);
    let Some(mut raw) = parse_toml::<RawScenario>(&mut sink) else {
        return (None, sink.out);
    };
    let built = ScenarioBuilder {
        f: Fields { sink: &mut sink },
        catalog,
    }
    .build(&mut raw, whole(file));
    let ok = !sink.has_errors();
    let mut built = built.filter(|_| ok);
    if let Some(s) = &built {
        // One search over every play serves the assumption check here and the lints.
        let found = paths::search(s);
        paths::assumptions(s, &found, &raw, &mut sink);
        // Lints need a whole, valid model; on a file with errors they would only add noise.
        if sink.has_errors() {
            built = None;
        } else {
            lint::scenario(s, &raw, &found, &mut sink);
        }
    }
    (built, sink.out)
}

struct ScenarioBuilder<'s, 'f, 'c> {
    f: Fields<'s, 'f>,
    catalog: &'c Catalog,
}

impl ScenarioBuilder<'_, '_, '_> {
    fn patterns(&mut self, list: &[S<String>], ctx: &(impl Display + ?Sized)) -> Vec<PatternId> {
        let mut out = Vec::new();
        for p in list {
            if self.catalog.get(p.get_ref()).is_none() {
                let known: Vec<&str> = self
                    .catalog
                    .patterns
                    .iter()
                    .map(|p| p.id.as_str())
                    .collect();
                self.f.sink.error_hint(
                    Code::UnknownPattern,
                    p.span(),
                    format!("{ctx} names unknown pattern `{}`", p.get_ref()),
                    format!("known patterns: {}", known.join(", ")),
                );
            } else {
                out.push(PatternId(p.get_ref().clone()));
            }
        }
        out
    }

    /// Builds the model, moving text out of `raw`. The lints read only spans from
    /// `raw` afterwards, and the values of `focus`, which is copied instead.
    fn build(mut self, raw: &mut RawScenario, top: Range<usize>) -> Option<Scenario> {
        let f = &mut self.f;
        f.format(&raw.format);
        let id = f.text(&mut raw.id, "id", "the scenario", &top);
        let title = f.text(&mut raw.title, "title", "the scenario", &top);
        let summary = f.text(&mut raw.summary, "summary", "the scenario", &top);
        let setting = f.text(&mut raw.setting, "setting", "the scenario", &top);
        let version = f.text(&mut raw.version, "version", "the scenario", &top);
        let minutes = f.int(&raw.minutes, "minutes", "the scenario", &top);
        if let Some(m) = &raw.minutes {
            if *m.get_ref() <= 0 {
                f.sink
                    .error(Code::InvalidValue, m.span(), "`minutes` must be at least 1");
            }
        }
        let content_notes = strings(f.list(
            &mut raw.content_notes,
            "content_notes",
            "the scenario",
            &top,
        ));
        let focus_raw = f.list(&mut raw.focus.clone(), "focus", "the scenario", &top);
        let references = raw
            .references
            .as_mut()
            .map(|l| strings(std::mem::take(l.get_mut())))
            .unwrap_or_default();
        // Copied rather than moved: the learning-outcomes lint reads them from `raw`.
        let learning_outcomes = non_blank(raw.learning_outcomes.as_ref());
        let reflection_questions = non_blank(raw.reflection_questions.as_ref());

        let client = match &mut raw.client {
            None => {
                f.missing("[client]", "the scenario", &top);
                None
            }
            Some(c) => {
                let at = c.span();
                let c = c.get_mut();
                Some(Client {
                    name: f.text(&mut c.name, "name", "[client]", &at),
                    pronouns: f.text(&mut c.pronouns, "pronouns", "[client]", &at),
                    age: Fields::opt_text(&mut c.age),
                    context: f.text(&mut c.context, "context", "[client]", &at),
                })
            }
        };
        let provenance = match &mut raw.provenance {
            None => {
                f.missing("[provenance]", "the scenario", &top);
                None
            }
            Some(p) => {
                let at = p.span();
                let p = p.get_mut();
                Some(Provenance {
                    authors: strings(f.list(&mut p.authors, "authors", "[provenance]", &at)),
                    date: Fields::opt_text(&mut p.date),
                    note: Fields::opt_text(&mut p.note),
                })
            }
        };
        let focus = self.patterns(&focus_raw, "`focus`");

        let variables = self.variables(raw, &top);
        let var_index: HashMap<String, usize> = variables
            .iter()
            .enumerate()
            .map(|(i, v)| (v.id.0.clone(), i))
            .collect();

        // Ids first, so that `next` can point forwards.
        let f = &mut self.f;
        let mut targets: HashMap<String, Target> = HashMap::new();
        let mut no_nodes = Vec::new();
        let raw_nodes: &mut Vec<S<RawNode>> = match &mut raw.nodes {
            Some(n) => n.get_mut(),
            None => {
                f.missing("[[nodes]]", "the scenario", &top);
                &mut no_nodes
            }
        };
        let mut no_endings = Vec::new();
        let raw_endings: &mut Vec<S<RawEnding>> = match &mut raw.endings {
            Some(e) => e.get_mut(),
            None => {
                f.missing("[[endings]]", "the scenario", &top);
                &mut no_endings
            }
        };
        let mut node_ids = Vec::new();
        for (i, n) in raw_nodes.iter_mut().enumerate() {
            let at = n.span();
            let nid = f.text(&mut n.get_mut().id, "id", &format!("node {}", i + 1), &at);
            Self::claim(
                f,
                &mut targets,
                &nid,
                Target::Node(i),
                n.get_ref().id.as_ref(),
            );
            node_ids.push(nid);
        }
        let mut ending_ids = Vec::new();
        for (i, e) in raw_endings.iter_mut().enumerate() {
            let at = e.span();
            let eid = f.text(&mut e.get_mut().id, "id", &format!("ending {}", i + 1), &at);
            Self::claim(
                f,
                &mut targets,
                &eid,
                Target::Ending(i),
                e.get_ref().id.as_ref(),
            );
            ending_ids.push(eid);
        }

        let start = match &raw.start {
            None => {
                f.missing("start", "the scenario", &top);
                None
            }
            Some(s) => match targets.get(s.get_ref()) {
                Some(Target::Node(i)) => Some(*i),
                Some(Target::Ending(_)) => {
                    f.sink.error(
                        Code::InvalidValue,
                        s.span(),
                        format!(
                            "`start` points at ending `{}`; it must be a node",
                            s.get_ref()
                        ),
                    );
                    None
                }
                None => {
                    f.sink.error_hint(
                        Code::DanglingNext,
                        s.span(),
                        format!("`start` names `{}`, which is not a node", s.get_ref()),
                        suggest(s.get_ref(), &node_ids),
                    );
                    None
                }
            },
        };

        let all_ids = (&node_ids[..], &ending_ids[..]);
        let mut nodes = Vec::new();
        for (n, nid) in raw_nodes.iter_mut().zip(&node_ids) {
            let at = n.span();
            let rn = n.get_mut();
            let ctx = NodeCtx {
                node: nid,
                choice: None,
            };
            let client_line = self.f.text(&mut rn.client, "client", &ctx, &at);
            let mut choices = Vec::new();
            match &mut rn.choices {
                Some(list) if !list.get_ref().is_empty() => {
                    for (ci, c) in list.get_mut().iter_mut().enumerate() {
                        let cctx = NodeCtx {
                            node: nid,
                            choice: Some(ci + 1),
                        };
                        choices.push(self.choice(c, &cctx, &targets, &var_index, all_ids));
                    }
                }
                Some(list) => self.f.sink.error_hint(
                    Code::NoChoices,
                    list.span(),
                    format!("{ctx} has no choices"),
                    "a node needs choices; to finish the scenario, point `next` at an ending",
                ),
                None => self.f.sink.error_hint(
                    Code::NoChoices,
                    at.clone(),
                    format!("{ctx} has no choices"),
                    "add [[nodes.choices]] tables after this node",
                ),
            }
            nodes.push(Node {
                id: NodeId(nid.clone()),
                client: client_line,
                cues: Fields::opt_text(&mut rn.cues),
                prompt: Fields::opt_text(&mut rn.prompt),
                facilitator_notes: Fields::opt_text(&mut rn.facilitator_notes),
                choices: choices.into_iter().flatten().collect(),
            });
        }

        let mut endings = Vec::new();
        for (e, eid) in raw_endings.iter_mut().zip(&ending_ids) {
            let at = e.span();
            let re = e.get_mut();
            let ctx = format!("ending `{eid}`");
            let kind = match &re.kind {
                None => {
                    self.f.missing("kind", &ctx, &at);
                    EndingKind::Open
                }
                Some(k) => EndingKind::parse(k.get_ref()).unwrap_or_else(|| {
                    self.f.sink.error_hint(
                        Code::InvalidValue,
                        k.span(),
                        format!("{ctx} has kind `{}`", k.get_ref()),
                        "use rupture, repair, growth or open",
                    );
                    EndingKind::Open
                }),
            };
            let names = Names {
                vars: &var_index,
                nodes: &node_ids,
                endings: &ending_ids,
                catalog: self.catalog,
            };
            let (assumes, paragraphs) = self.ending_extras(re, &ctx, &names);
            endings.push(Ending {
                id: EndingId(eid.clone()),
                kind,
                title: self.f.text(&mut re.title, "title", &ctx, &at),
                text: self.f.text(&mut re.text, "text", &ctx, &at),
                questions: re
                    .questions
                    .as_mut()
                    .map(|q| strings(std::mem::take(q.get_mut())))
                    .unwrap_or_default(),
                assumes,
                paragraphs,
            });
        }

        let sink = &mut *self.f.sink;
        if sink.has_errors() {
            return None;
        }
        let scenario = Scenario {
            meta: Meta {
                id: ScenarioId(id),
                title,
                summary,
                setting,
                minutes: minutes.max(1) as u32,
                version,
                client: client?,
                content_notes,
                focus,
                references,
                provenance: provenance?,
            },
            variables,
            start: start?,
            nodes,
            endings,
            learning_outcomes,
            reflection_questions,
        };
        graph_checks(&scenario, sink, raw_nodes, raw_endings);
        Some(scenario)
    }

    fn claim(
        f: &mut Fields,
        targets: &mut HashMap<String, Target>,
        id: &str,
        t: Target,
        span: Option<&S<String>>,
    ) {
        if id.is_empty() {
            return;
        }
        if targets.insert(id.to_owned(), t).is_some() {
            f.sink.error_hint(
                Code::DuplicateId,
                span.map(|s| s.span()).unwrap_or(0..0),
                format!("the id `{id}` is used more than once"),
                "node and ending ids share one namespace; rename one of them",
            );
        }
    }

    fn variables(&mut self, raw: &mut RawScenario, top: &Range<usize>) -> Vec<Variable> {
        let f = &mut self.f;
        let mut out: Vec<Variable> = Vec::new();
        let Some(list) = &mut raw.variables else {
            f.missing("[[variables]]", "the scenario", top);
            return out;
        };
        for v in list.get_mut() {
            let at = v.span();
            let rv = v.get_mut();
            let id = f.text(&mut rv.id, "id", "a variable", &at);
            let ctx = format!("variable `{id}`");
            if !id.is_empty() && out.iter().any(|o| o.id.0 == id) {
                f.sink.error(
                    Code::DuplicateId,
                    at.clone(),
                    format!("{ctx} is defined twice"),
                );
            }
            let var = Variable {
                label: f.text(&mut rv.label, "label", &ctx, &at),
                initial: f.int(&rv.initial, "initial", &ctx, &at),
                min: f.int(&rv.min, "min", &ctx, &at),
                max: f.int(&rv.max, "max", &ctx, &at),
                id: VarId(id),
            };
            if var.min > var.max || var.initial < var.min || var.initial > var.max {
                f.sink.error_hint(
                    Code::InvalidValue,
                    at.clone(),
                    format!(
                        "{ctx} needs min ≤ initial ≤ max, but has min {}, initial {}, max {}",
                        var.min, var.initial, var.max
                    ),
                    "adjust the bounds or the starting value",
                );
            }
            out.push(var);
        }
        out
    }

    fn target(
        &mut self,
        s: &S<String>,
        ctx: &NodeCtx,
        targets: &HashMap<String, Target>,
        ids: (&[String], &[String]),
    ) -> Option<Target> {
        let t = targets.get(s.get_ref()).copied();
        if t.is_none() {
            self.f.sink.error_hint(
                Code::DanglingNext,
                s.span(),
                format!(
                    "{ctx} leads to `{}`, which is not a node or ending",
                    s.get_ref()
                ),
                suggest(s.get_ref(), ids.0.iter().chain(ids.1)),
            );
        }
        t
    }

    fn choice(
        &mut self,
        c: &mut S<RawChoice>,
        ctx: &NodeCtx,
        targets: &HashMap<String, Target>,
        vars: &HashMap<String, usize>,
        ids: (&[String], &[String]),
    ) -> Option<Choice> {
        let at = c.span();
        let rc = c.get_mut();
        let text = self.f.text(&mut rc.text, "text", ctx, &at);
        let class = match &rc.class {
            None => {
                self.f.missing("class", ctx, &at);
                None
            }
            Some(k) => {
                let parsed = Classification::parse(k.get_ref());
                if parsed.is_none() {
                    self.f.sink.error_hint(
                        Code::InvalidValue,
                        k.span(),
                        format!("{ctx} has class `{}`", k.get_ref()),
                        "use attuned, subtle or harmful",
                    );
                }
                parsed
            }
        };
        let patterns = rc
            .patterns
            .as_ref()
            .map(|p| self.patterns(p.get_ref(), ctx))
            .unwrap_or_default();
        let rationale = Fields::opt_text(&mut rc.rationale);
        let perspective = Fields::opt_text(&mut rc.perspective);
        let alternative = Fields::opt_text(&mut rc.alternative);
        if let Some(class) = class {
            let mut lacking = Vec::new();
            if rationale.is_none() {
                lacking.push("rationale");
            }
            if class != Classification::Attuned {
                if rc.patterns.as_ref().is_none_or(|p| p.get_ref().is_empty()) {
                    lacking.push("patterns");
                }
                if alternative.is_none() {
                    lacking.push("alternative");
                }
                if perspective.is_none() {
                    lacking.push("perspective");
                }
            }
            if !lacking.is_empty() {
                self.f.sink.error_hint(
                    Code::FeedbackIncomplete,
                    at.clone(),
                    format!(
                        "{ctx} is `{}` but has no {}",
                        class.key(),
                        lacking.join(", no ")
                    ),
                    "every choice explains itself; non-attuned ones also name patterns, the client's perspective and an alternative",
                );
            }
        }
        let mut effects = Vec::new();
        for (name, delta) in rc.effects.iter().flat_map(|e| e.get_ref()) {
            match vars.get(name) {
                Some(&i) => effects.push((i, (*delta.get_ref()).clamp(-1000, 1000) as i32)),
                None => self.f.sink.error_hint(
                    Code::UndefinedVariable,
                    delta.span(),
                    format!("{ctx} changes `{name}`, which is not a declared variable"),
                    format!(
                        "declared variables: {}",
                        vars.keys().cloned().collect::<Vec<_>>().join(", ")
                    ),
                ),
            }
        }
        let next = match &rc.next {
            None => {
                self.f.missing("next", ctx, &at);
                None
            }
            Some(n) => self.target(n, ctx, targets, ids),
        };
        let mut branches = Vec::new();
        for b in rc.branches.iter().flat_map(|b| b.get_ref()) {
            let bat = b.span();
            let rb = b.get_ref();
            let when = match &rb.when {
                None => {
                    self.f.missing("when", &format!("a branch of {ctx}"), &bat);
                    None
                }
                Some(w) => {
                    let names = Names {
                        vars,
                        nodes: ids.0,
                        endings: ids.1,
                        catalog: self.catalog,
                    };
                    self.condition(w, &format!("a branch of {ctx}"), &names)
                }
            };
            let bnext = match &rb.next {
                None => {
                    self.f.missing("next", &format!("a branch of {ctx}"), &bat);
                    None
                }
                Some(n) => self.target(n, ctx, targets, ids),
            };
            if let (Some(when), Some(next)) = (when, bnext) {
                branches.push(Branch { when, next });
            }
        }
        Some(Choice {
            text,
            class: class?,
            patterns,
            rationale: rationale.unwrap_or_default(),
            perspective: perspective.unwrap_or_default(),
            alternative: alternative.unwrap_or_default(),
            effects,
            repair: rc.repair.as_ref().is_some_and(|r| *r.get_ref()),
            branches,
            next: next?,
        })
    }

    /// Parses one condition (`when` or `assumes`), reporting every problem in it at the
    /// words concerned. `what` names where it is, such as "a branch of node `n1`, choice 2".
    fn condition(&mut self, w: &S<String>, what: &str, names: &Names) -> Option<Condition> {
        let errors = match condition::parse(w.get_ref(), names) {
            Ok(c) => return Some(c),
            Err(e) => e,
        };
        for e in errors {
            let span = inner_span(&self.f.sink.file.text, w, e.at());
            match e {
                ConditionError::Syntax { message, .. } => self.f.sink.error_hint(
                    Code::BadCondition,
                    span,
                    format!("{what} has a condition that does not parse: {message}"),
                    "write it like `trust >= 60`, `visited names_it and not chose harmful` or `repaired`",
                ),
                ConditionError::UnknownVariable { name, .. } => {
                    let mut declared: Vec<&str> = names.vars.keys().map(String::as_str).collect();
                    declared.sort_unstable();
                    self.f.sink.error_hint(
                        Code::UndefinedVariable,
                        span,
                        format!("{what} tests `{name}`, which is not a declared variable"),
                        format!("declared variables: {}", declared.join(", ")),
                    );
                }
                ConditionError::UnknownNode { name, ending, .. } => {
                    let message = if ending {
                        format!("{what} asks whether the play visited `{name}`, which is an ending; `visited` takes a node")
                    } else {
                        format!("{what} asks whether the play visited `{name}`, which is not a node")
                    };
                    self.f.sink.error_hint(
                        Code::DanglingNext,
                        span,
                        message,
                        suggest(&name, names.nodes),
                    );
                }
                ConditionError::UnknownPattern { name, .. } => {
                    let known: Vec<String> =
                        self.catalog.patterns.iter().map(|p| p.id.0.clone()).collect();
                    self.f.sink.error_hint(
                        Code::UnknownPattern,
                        span,
                        format!("{what} names unknown pattern `{name}`"),
                        suggest(&name, &known),
                    );
                }
            }
        }
        None
    }

    /// An ending's `assumes` and paragraphs.
    fn ending_extras(
        &mut self,
        re: &mut RawEnding,
        ctx: &str,
        names: &Names,
    ) -> (Option<Condition>, Vec<Paragraph>) {
        let assumes = re
            .assumes
            .as_ref()
            .and_then(|a| self.condition(a, &format!("the `assumes` of {ctx}"), names));
        let mut paragraphs = Vec::new();
        for (i, p) in re
            .paragraphs
            .iter_mut()
            .flat_map(|l| l.get_mut())
            .enumerate()
        {
            let at = p.span();
            let rp = p.get_mut();
            let pctx = format!("paragraph {} of {ctx}", i + 1);
            let text = self.f.text(&mut rp.text, "text", &pctx, &at);
            let when = rp
                .when
                .as_ref()
                .and_then(|w| self.condition(w, &format!("the `when` of {pctx}"), names));
            let assumes = rp
                .assumes
                .as_ref()
                .and_then(|a| self.condition(a, &format!("the `assumes` of {pctx}"), names));
            paragraphs.push(Paragraph {
                text,
                when,
                assumes,
                questions: rp
                    .questions
                    .as_mut()
                    .map(|q| strings(std::mem::take(q.get_mut())))
                    .unwrap_or_default(),
            });
        }
        (assumes, paragraphs)
    }
}

/// Where a part of a string value sits in the file: `within` is a byte range of the
/// value, which is found verbatim after its opening quote unless it holds escapes or
/// is a multi-line string; then the whole value is the best place to point at.
fn inner_span(file: &str, value: &S<String>, within: Range<usize>) -> Range<usize> {
    let span = value.span();
    let text = value.get_ref();
    let start = span.start + 1;
    let quoted = matches!(file.get(span.start..start), Some("\"" | "'"));
    let multiline = matches!(
        file.get(span.start..span.start + 3),
        Some("\"\"\"" | "\'\'\'")
    );
    let verbatim =
        quoted && !multiline && file.get(start..start + text.len()) == Some(text.as_str());
    if verbatim && within.end <= text.len() && within.start < within.end {
        start + within.start..start + within.end
    } else {
        span
    }
}

/// How diagnostics name a node or one of its choices: "node `n1`" or
/// "node `n1`, choice 2". Written out only when a diagnostic needs it, since a large
/// file has many thousands of choices and almost never a problem in them.
struct NodeCtx<'a> {
    node: &'a str,
    choice: Option<usize>,
}

impl Display for NodeCtx<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "node `{}`", self.node)?;
        if let Some(n) = self.choice {
            write!(f, ", choice {n}")?;
        }
        Ok(())
    }
}

/// A "did you mean" hint from the closest known id.
fn suggest<'i>(wrong: &str, ids: impl IntoIterator<Item = &'i String>) -> String {
    let mut ids: Vec<&String> = ids.into_iter().filter(|i| !i.is_empty()).collect();
    ids.sort();
    ids.dedup();
    let best = ids
        .iter()
        .copied()
        .map(|id| (edit_distance(wrong, id), id))
        .min_by_key(|(d, _)| *d);
    match best {
        Some((d, id)) if d <= 3 => format!("did you mean `{id}`?"),
        _ if ids.is_empty() => "no nodes or endings are defined yet".to_owned(),
        _ => format!(
            "known ids: {}",
            ids.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != *cb);
            cur.push(sub.min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Reachability both ways: every node and ending must be reachable from the start,
/// and every node must be able to reach some ending. Conditions are treated as
/// possibly true, so these checks never reject a scenario that could work.
fn graph_checks(
    s: &Scenario,
    sink: &mut Sink,
    raw_nodes: &[S<RawNode>],
    raw_endings: &[S<RawEnding>],
) {
    let n = s.nodes.len();
    let index = |t: Target| match t {
        Target::Node(i) => i,
        Target::Ending(i) => n + i,
    };
    let total = n + s.endings.len();
    let mut forward = vec![Vec::new(); total];
    let mut backward = vec![Vec::new(); total];
    for (i, node) in s.nodes.iter().enumerate() {
        for t in node.choices.iter().flat_map(Choice::targets) {
            forward[i].push(index(t));
            backward[index(t)].push(i);
        }
    }
    let reach = |starts: Vec<usize>, edges: &Vec<Vec<usize>>| {
        let mut seen = vec![false; total];
        let mut queue: VecDeque<usize> = starts.into();
        while let Some(i) = queue.pop_front() {
            if !std::mem::replace(&mut seen[i], true) {
                queue.extend(edges[i].iter().copied());
            }
        }
        seen
    };
    let from_start = reach(vec![s.start], &forward);
    let to_ending = reach((n..total).collect(), &backward);
    for (i, node) in s.nodes.iter().enumerate() {
        let span = raw_nodes[i].span();
        if !from_start[i] {
            sink.error_hint(
                Code::UnreachableNode,
                span.clone(),
                format!("node `{}` can never be reached from the start", node.id),
                "point some choice's `next` here, or remove the node",
            );
        } else if !to_ending[i] {
            sink.error_hint(
                Code::NoEndingReachable,
                span,
                format!(
                    "from node `{}` no ending can be reached: the trainee would be trapped",
                    node.id
                ),
                "give at least one choice on this path a `next` that leads towards an ending",
            );
        }
    }
    for (i, e) in s.endings.iter().enumerate() {
        if !from_start[n + i] {
            sink.error_hint(
                Code::UnreachableNode,
                raw_endings[i].span(),
                format!("ending `{}` can never be reached from the start", e.id),
                "point some choice's `next` here, or remove the ending",
            );
        }
    }
}
