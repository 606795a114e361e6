//! A whole scenario folder checked at once: catalogue, manifest and every scenario,
//! with the figures `attune check --json` reports. Pure: callers hand in the files.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::Serialize;

use super::diagnostic::{Code, Diagnostic, Severity};
use super::guess::{self, LibraryGuess};
use super::model::{Catalog, Classification, Meta, Scenario};
use super::source::SourceFile;
use super::validate;

/// A file the caller tried to read, or why it could not.
pub type Loaded = Result<SourceFile, Box<Diagnostic>>;

/// Figures for one valid scenario, in the shape tools read from `check --json`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScenarioStats {
    pub id: String,
    pub title: String,
    pub file: String,
    pub nodes: usize,
    pub decisions: usize,
    pub choices: usize,
    pub endings: usize,
    pub primary_patterns: Vec<String>,
    pub pattern_counts: BTreeMap<String, usize>,
    pub classifications: BTreeMap<String, usize>,
}

impl ScenarioStats {
    pub fn of(s: &Scenario, file: &str) -> Self {
        let mut pattern_counts = BTreeMap::new();
        let mut classifications: BTreeMap<String, usize> = [
            Classification::Attuned,
            Classification::Subtle,
            Classification::Harmful,
        ]
        .iter()
        .map(|c| (c.key().to_owned(), 0))
        .collect();
        for c in s.choices() {
            *classifications.entry(c.class.key().to_owned()).or_default() += 1;
            for p in &c.patterns {
                *pattern_counts.entry(p.0.clone()).or_default() += 1;
            }
        }
        ScenarioStats {
            id: s.meta.id.0.clone(),
            title: s.meta.title.clone(),
            file: file.to_owned(),
            nodes: s.nodes.len() + s.endings.len(),
            decisions: s.nodes.len(),
            choices: s.choice_count(),
            endings: s.endings.len(),
            primary_patterns: s.meta.focus.iter().map(|p| p.0.clone()).collect(),
            pattern_counts,
            classifications,
        }
    }
}

/// A library entry as the app lists it: metadata plus the file to fetch when chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Entry {
    pub file: String,
    pub meta: Meta,
}

impl Entry {
    /// The validated model as JSON, written beside the TOML at build time. The browser
    /// loads this, so the shipped app needs no TOML parser on its first path.
    pub fn data_file(&self) -> String {
        data_file_for(&self.file)
    }
}

/// `overtime.toml` → `overtime.json`.
pub fn data_file_for(toml_file: &str) -> String {
    format!("{}.json", toml_file.trim_end_matches(".toml"))
}

/// The result of checking a folder.
#[derive(Debug, Default)]
pub struct Report {
    pub catalog: Option<Catalog>,
    /// Valid scenarios, in manifest order, with their file names.
    pub scenarios: Vec<(String, Rc<Scenario>)>,
    pub diagnostics: Vec<Diagnostic>,
    /// Valid files the manifest does not list: checked, but not shown in the app.
    pub unlisted: Vec<String>,
    /// Each valid scenario's `id` line, by file name: where a diagnostic about the whole
    /// scenario points.
    pub anchors: BTreeMap<String, Anchor>,
    /// The manifest's `scenarios` line, where a diagnostic about the whole library points.
    pub manifest_anchor: Option<Anchor>,
    /// How guessable the scenarios are from their wording, once a guessability check ran.
    pub guessability: Option<Guessability>,
}

/// A place in a file that a diagnostic about something larger than one field points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Anchor {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub span: std::ops::Range<usize>,
}

impl Anchor {
    /// The line of a top-level `key = ...` in a TOML file (before its first table), or
    /// the file's first line when there is none.
    pub fn of_key(src: &SourceFile, key: &str) -> Anchor {
        let mut offset = 0;
        let mut found = None;
        for line in src.text.split_inclusive('\n') {
            let trimmed = line.trim_start();
            if trimmed.starts_with('[') {
                break;
            }
            let is_key = trimmed
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with('='));
            if is_key {
                let start = offset + (line.len() - trimmed.len());
                found = Some(start..offset + line.trim_end().len());
                break;
            }
            offset += line.len();
        }
        let span = src.clamp(found.unwrap_or(0..src.text.lines().next().map_or(0, str::len)));
        let (line, column) = src.line_col(span.start);
        Anchor {
            file: src.name.clone(),
            line,
            column,
            span,
        }
    }

    /// The A025 warning for a scenario whose figure is above the threshold, pointing at
    /// this anchor (its `id` line). `tells_at` is the file or folder the hint sends the
    /// author to with `--tells`.
    pub fn guessable(&self, g: &guess::ScenarioGuess, tells_at: &str) -> Diagnostic {
        if g.rate() <= guess::SCENARIO_WARN_ABOVE && g.warns_reversed() {
            return self.warning(
                format!(
                    "the wording gives the answer away the other way round: picking the option that sounds least like the library's attuned ones finds the attuned option at {} ({} decisions; chance here is {}; the check warns above {})",
                    percent(g.reverse_rate()),
                    g.decisions(),
                    percent(g.chance()),
                    percent(guess::SCENARIO_WARN_ABOVE)
                ),
                tells_hint(tells_at),
            );
        }
        let away = g.given_away();
        let listed = if away.is_empty() {
            String::new()
        } else {
            format!(" (given away at {})", away.join(", "))
        };
        self.warning(
            format!(
                "the attuned option can be picked from the therapist's wording alone, without reading the client, at {} of {} decisions ({}; chance here is {}; the check warns above {}){listed}",
                fmt_hits(g.hits()),
                g.decisions(),
                percent(g.rate()),
                percent(g.chance()),
                percent(guess::SCENARIO_WARN_ABOVE)
            ),
            tells_hint(tells_at),
        )
    }

    fn warning(&self, message: String, hint: String) -> Diagnostic {
        Diagnostic {
            file: self.file.clone(),
            line: self.line,
            column: self.column,
            severity: Severity::Warning,
            code: Code::GuessableWording,
            message,
            hint: Some(hint),
            span: self.span.clone(),
        }
    }
}

/// The figures of a guessability check, and what they were measured against.
#[derive(Debug, Clone, PartialEq)]
pub struct Guessability {
    /// What the model was trained on, in words: "the other scenarios in scenarios/".
    pub trained_on: String,
    /// Whether the scenarios are a whole library scored leave-one-out, so the pooled
    /// figure is the library's own.
    pub whole_library: bool,
    pub figures: LibraryGuess,
}

fn percent(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

fn tells_hint(folder: &str) -> String {
    format!(
        "run `attune check --tells {folder}` to see the words and phrases that give the answer away; \
         then mix the register: let some attuned options hedge or use a clinical word well, and some \
         other options apologise, echo the client or offer a choice"
    )
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
    /// Scores every valid scenario with a model trained on all the others (leave-one-out)
    /// and warns (A025) about each scenario, and the library, above its threshold.
    /// `folder` names the library in the report and the hint.
    pub fn check_guessability(&mut self, folder: &str) {
        let figures = guess::leave_one_out(self.scenarios.iter().map(|(_, s)| &**s));
        self.warn_guessable(&figures, Some(folder));
        if self.scenarios.len() > guess::MIN_TRAINING_SCENARIOS
            && figures.rate() > guess::LIBRARY_WARN_ABOVE
        {
            if let Some(anchor) = &self.manifest_anchor {
                self.diagnostics.push(anchor.warning(
                    format!(
                        "across the library, the attuned option can be picked from the therapist's wording alone at {} of {} decisions ({}; the check warns above {})",
                        fmt_hits(figures.hits()),
                        figures.decisions(),
                        percent(figures.rate()),
                        percent(guess::LIBRARY_WARN_ABOVE)
                    ),
                    tells_hint(folder),
                ));
            }
        }
        self.guessability = Some(Guessability {
            trained_on: format!("the other scenarios in {folder}"),
            whole_library: true,
            figures,
        });
    }

    /// Scores every valid scenario with a model trained on `training` (a shipped library),
    /// leaving out any training scenario with the same id so a file is never tested on
    /// itself, and warns (A025) above the threshold. For files checked on their own;
    /// `trained_on` says in words what the library is, such as "the scenarios in course/".
    pub fn check_guessability_against(&mut self, training: &[Rc<Scenario>], trained_on: &str) {
        let full = guess::Model::train(training.iter().map(|s| &**s));
        let figures = LibraryGuess {
            scenarios: self
                .scenarios
                .iter()
                .map(|(_, s)| {
                    let mut model = full.clone();
                    for t in training.iter().filter(|t| t.meta.id == s.meta.id) {
                        model.remove(t);
                    }
                    model.score(s)
                })
                .collect(),
        };
        self.warn_guessable(&figures, None);
        self.guessability = Some(Guessability {
            trained_on: trained_on.to_owned(),
            whole_library: false,
            figures,
        });
    }

    /// The hint sends authors to `--tells` on the folder, or on the file itself when it was
    /// checked alone (`folder` is `None`).
    fn warn_guessable(&mut self, figures: &LibraryGuess, folder: Option<&str>) {
        for ((file, _), g) in self.scenarios.iter().zip(&figures.scenarios) {
            if let Some(anchor) = self.anchors.get(file).filter(|_| g.warns()) {
                let d = anchor.guessable(g, folder.unwrap_or(&anchor.file));
                self.diagnostics.push(d);
            }
        }
    }

    pub fn entries(&self) -> Vec<Entry> {
        self.scenarios
            .iter()
            .filter(|(file, _)| !self.unlisted.contains(file))
            .map(|(file, s)| Entry {
                file: file.clone(),
                meta: s.meta.clone(),
            })
            .collect()
    }
}

/// Hits are whole numbers except after ties; show one decimal only when needed.
fn fmt_hits(h: f64) -> String {
    if (h - h.round()).abs() < 1e-9 {
        format!("{}", h.round())
    } else {
        format!("{h:.1}")
    }
}

fn manifest_diag(
    file: &str,
    span: std::ops::Range<usize>,
    src: Option<&SourceFile>,
    severity: Severity,
    message: String,
) -> Diagnostic {
    let (line, column) = src.map(|s| s.line_col(span.start)).unwrap_or((1, 1));
    Diagnostic {
        file: file.to_owned(),
        line,
        column,
        severity,
        code: Code::ManifestMismatch,
        message,
        hint: Some(
            "list every scenario file in index.toml, in the order the library should show them"
                .into(),
        ),
        span,
    }
}

/// Checks a folder: `catalog` and `manifest` are its patterns.toml and index.toml, and
/// `files` every other `.toml` file in it, by file name.
pub fn check_folder(catalog: Loaded, manifest: Loaded, files: Vec<(String, Loaded)>) -> Report {
    let mut report = Report::default();
    let catalog = match catalog {
        Ok(src) => {
            let (c, d) = validate::catalog(&src);
            report.diagnostics.extend(d);
            c
        }
        Err(d) => {
            report.diagnostics.push(*d);
            None
        }
    };
    let mut listed = Vec::new();
    let manifest_src = manifest.as_ref().ok().cloned();
    report.manifest_anchor = manifest_src
        .as_ref()
        .map(|src| Anchor::of_key(src, "scenarios"));
    match manifest {
        Ok(src) => {
            let (m, d) = validate::manifest(&src);
            report.diagnostics.extend(d);
            if let Some(m) = m {
                listed = m.scenarios;
            }
        }
        Err(d) => report.diagnostics.push(*d),
    }
    let manifest_name = manifest_src
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_else(|| "index.toml".into());
    for (name, span) in &listed {
        if !files.iter().any(|(f, _)| f == name) {
            report.diagnostics.push(manifest_diag(
                &manifest_name,
                span.clone(),
                manifest_src.as_ref(),
                Severity::Error,
                format!("the manifest lists `{name}`, but there is no such file"),
            ));
        }
    }
    let Some(catalog) = catalog else {
        return report;
    };
    let mut by_file = Vec::new();
    for (name, loaded) in files {
        if !listed.iter().any(|(l, _)| *l == name) {
            report.unlisted.push(name.clone());
            report.diagnostics.push(manifest_diag(
                &manifest_name,
                0..0,
                manifest_src.as_ref(),
                Severity::Warning,
                format!("`{name}` is in the folder but not in the manifest, so the app will not show it"),
            ));
        }
        match loaded {
            Ok(src) => {
                let (s, d) = validate::scenario(&src, &catalog);
                report.diagnostics.extend(d);
                if let Some(s) = s {
                    if let Some((other, _)) = by_file
                        .iter()
                        .find(|(_, o): &&(String, Rc<Scenario>)| o.meta.id == s.meta.id)
                    {
                        report.diagnostics.push(Diagnostic {
                            file: src.name.clone(),
                            line: 1,
                            column: 1,
                            severity: Severity::Error,
                            code: Code::DuplicateId,
                            message: format!(
                                "scenario id `{}` is also used by `{other}`",
                                s.meta.id
                            ),
                            hint: Some("each scenario needs its own id".into()),
                            span: 0..0,
                        });
                    } else {
                        report
                            .anchors
                            .insert(name.clone(), Anchor::of_key(&src, "id"));
                        by_file.push((name, Rc::new(s)));
                    }
                }
            }
            Err(d) => report.diagnostics.push(*d),
        }
    }
    // Manifest order first; unlisted files after, so nothing valid goes unreported.
    by_file.sort_by_key(|(f, _)| {
        listed
            .iter()
            .position(|(l, _)| l == f)
            .unwrap_or(usize::MAX)
    });
    report.scenarios = by_file;
    report.catalog = Some(catalog);
    report
}
