//! Domain lints: warnings about scenarios that are valid but may not teach well.
//!
//! `validate::scenario` runs these once a model exists (no errors), so every id here
//! resolves and every raw list lines up index for index with the model. Each warning
//! points at the node, choice or field it is about, with a hint. Warnings never stop a
//! scenario from loading; `attune check --deny warnings` makes them fail a build.

use std::collections::{HashMap, HashSet, VecDeque};
use std::ops::Range;

use super::diagnostic::{Code, Sink};
use super::model::{Classification, Scenario, Target};
use super::raw::{RawChoice, RawNode, RawScenario, Text, S};

/// How many (node, relational state) pairs the ending search explores before giving up.
/// Real scenarios reach a few thousand; a generated or pathological file could have
/// millions, and a lint must not freeze a browser tab, so past the cap the lint is
/// skipped rather than guessed.
pub const STATE_CAP: usize = 200_000;

/// Choice texts longer than this are hard to take in at a glance when four are shown.
pub const MAX_CHOICE_CHARS: usize = 300;

/// Phrases that suggest a timed or forced-pace mechanic.
///
/// This is a heuristic: the format has no timer, so the only way a scenario can press a
/// trainee for time is through its words (a prompt saying "quickly choose", a cue
/// announcing "ten seconds left"). Matching words cannot tell a pressuring mechanic from
/// a client who says they are "in a hurry", so this is a warning for a person to judge,
/// and matches are whole words only to keep false alarms down.
const PACE_PHRASES: &[&str] = &[
    "timer",
    "countdown",
    "count down",
    "seconds left",
    "seconds remaining",
    "seconds to decide",
    "seconds to choose",
    "time limit",
    "time is running out",
    "running out of time",
    "before time runs out",
    "hurry",
    "quickly choose",
    "choose quickly",
    "decide quickly",
    "answer quickly",
];

/// Adds every lint warning for a validated scenario to `sink`, in file order.
pub fn scenario(s: &Scenario, raw: &RawScenario, sink: &mut Sink) {
    let spans = Spans { raw };
    let mut out = Sink::new(sink.file);
    endings_reached_with_state(s, &spans, &mut out);
    for (i, node) in s.nodes.iter().enumerate() {
        let id_span = spans.node_id(i);
        if !node
            .choices
            .iter()
            .any(|c| c.class == Classification::Attuned)
        {
            out.warn(
                Code::NoAttunedChoice,
                id_span.clone(),
                format!("node `{}` has no attuned choice", node.id),
                "offer at least one response that follows the client, so the trainee can see what attunement looks like here",
            );
        }
        // A decision is real if the response changes where the conversation goes or
        // how the relationship stands. Choices that share a next node but move trust
        // differently are the format's intended design (the worked example in
        // docs/scenario-format.md does it): later branches read that state, and the
        // trainee sees it. So only a decision that changes neither is flagged.
        let targets: HashSet<Target> = node.choices.iter().flat_map(|c| c.targets()).collect();
        let effects: HashSet<Vec<(usize, i32)>> = node.choices.iter().map(net_effects).collect();
        if targets.len() == 1 && effects.len() <= 1 {
            let to = targets.iter().next().map(|t| s.target_id(*t)).unwrap_or("");
            out.warn(
                Code::NoRealBranch,
                id_span,
                format!(
                    "every choice at node `{}` leads to `{to}` and changes the relational state the same way, so the decision makes no difference",
                    node.id
                ),
                "give a choice a different `next`, a branch, or different `effects`, so the trainee's response matters",
            );
        }
        for (ci, c) in node.choices.iter().enumerate() {
            let chars = c.text.chars().count();
            if chars > MAX_CHOICE_CHARS {
                out.warn(
                    Code::LongChoiceText,
                    spans.choice_field(i, ci, |c| &c.text),
                    format!(
                        "choice {} at node `{}` is {chars} characters long; over {MAX_CHOICE_CHARS} is hard to read at a glance",
                        ci + 1,
                        node.id
                    ),
                    "keep the therapist's words to what they would say aloud; move explanation into `rationale`",
                );
            }
        }
    }
    forced_pace(s, &spans, &mut out);
    focus_explained(s, &spans, &mut out);
    if s.meta.content_notes.is_empty() {
        let span = raw.content_notes.as_ref().map(S::span).unwrap_or(0..0);
        out.warn(
            Code::NoContentNotes,
            span,
            "`content_notes` is empty, so trainees get no warning of what the scenario contains",
            "list everything a trainee might want warning of, even if it appears only briefly",
        );
    }
    let mut found = out.out;
    found.sort_by_key(|d| (d.span.start, d.code));
    sink.out.extend(found);
}

/// A choice's effects as a comparable set: sorted by variable, without zero changes.
fn net_effects(c: &super::model::Choice) -> Vec<(usize, i32)> {
    let mut e: Vec<(usize, i32)> = c.effects.iter().copied().filter(|(_, d)| *d != 0).collect();
    e.sort_unstable();
    e
}

/// Finds the spans of model items in the raw file. Indices line up because lints run
/// only on files without errors; a missing span still falls back to something sensible.
struct Spans<'r> {
    raw: &'r RawScenario,
}

impl Spans<'_> {
    fn node(&self, i: usize) -> Option<&S<RawNode>> {
        self.raw.nodes.as_ref()?.get_ref().get(i)
    }

    fn node_id(&self, i: usize) -> Range<usize> {
        self.node_field(i, |n| &n.id)
    }

    fn node_field(&self, i: usize, field: impl Fn(&RawNode) -> &Text) -> Range<usize> {
        match self.node(i) {
            Some(n) => field(n.get_ref()).as_ref().map_or(n.span(), S::span),
            None => 0..0,
        }
    }

    fn choice_field(
        &self,
        i: usize,
        ci: usize,
        field: impl Fn(&RawChoice) -> &Text,
    ) -> Range<usize> {
        let choice = self
            .node(i)
            .and_then(|n| n.get_ref().choices.as_ref())
            .and_then(|c| c.get_ref().get(ci));
        match choice {
            Some(c) => field(c.get_ref()).as_ref().map_or(c.span(), S::span),
            None => self.node_id(i),
        }
    }

    fn ending_id(&self, i: usize) -> Range<usize> {
        let ending = self.raw.endings.as_ref().and_then(|e| e.get_ref().get(i));
        match ending {
            Some(e) => e.get_ref().id.as_ref().map_or(e.span(), S::span),
            None => 0..0,
        }
    }
}

/// A018, reachability with relational state: explores every (node, variables) pair the scenario can
/// be in, breadth first, and warns about endings no play reaches. The structural check
/// (A006) treats every condition as possibly true; this one follows the numbers, so it
/// catches a branch whose condition can never hold when its choice is made.
fn endings_reached_with_state(s: &Scenario, spans: &Spans, out: &mut Sink) {
    let Some(search) = explore(s, STATE_CAP) else {
        return;
    };
    for (e, ending) in s.endings.iter().enumerate() {
        if search.endings[e] {
            continue;
        }
        // The branches that would lead here but never decide the route.
        let mut never = Vec::new();
        for (n, node) in s.nodes.iter().enumerate() {
            for (c, choice) in node.choices.iter().enumerate() {
                for (b, branch) in choice.branches.iter().enumerate() {
                    if branch.next == Target::Ending(e) && !search.branches.contains(&(n, c, b)) {
                        never.push(format!(
                            "`{}` (node `{}`, choice {})",
                            branch.when.source,
                            node.id,
                            c + 1
                        ));
                    }
                }
            }
        }
        let hint = if never.is_empty() {
            "every route here is taken over by an earlier branch; check the order and numbers of `branches`".to_owned()
        } else {
            format!(
                "the condition {} never holds when its choice is made; check it against the effects before it",
                never.join(", ")
            )
        };
        out.warn(
            Code::EndingNeverReached,
            spans.ending_id(e),
            format!(
                "ending `{}` is never reached when the relational state is followed through every path",
                ending.id
            ),
            hint,
        );
    }
}

/// What the state search found: which endings a play can reach, and which branches
/// (node, choice, branch) ever decide the route.
pub struct Reached {
    pub endings: Vec<bool>,
    pub branches: HashSet<(usize, usize, usize)>,
    pub states: usize,
}

/// Breadth-first search over (node, relational state) from the start. `None` when more
/// than `cap` states would be needed.
pub fn explore(s: &Scenario, cap: usize) -> Option<Reached> {
    let mut endings = vec![false; s.endings.len()];
    let mut branches = HashSet::new();
    let mut seen: HashMap<usize, HashSet<Vec<i32>>> = HashMap::new();
    let mut states = 1;
    let mut queue = VecDeque::from([(s.start, s.initial_vars())]);
    seen.entry(s.start).or_default().insert(s.initial_vars());
    while let Some((n, vars)) = queue.pop_front() {
        let Some(node) = s.nodes.get(n) else {
            continue;
        };
        for (ci, choice) in node.choices.iter().enumerate() {
            let mut after = vars.clone();
            choice.apply_effects(&s.variables, &mut after);
            if let Some(b) = choice.branch_taken(&after) {
                branches.insert((n, ci, b));
            }
            match choice.route(&after) {
                Target::Ending(e) => {
                    if let Some(hit) = endings.get_mut(e) {
                        *hit = true;
                    }
                }
                Target::Node(next) => {
                    if seen.entry(next).or_default().insert(after.clone()) {
                        states += 1;
                        if states > cap {
                            return None;
                        }
                        queue.push_back((next, after));
                    }
                }
            }
        }
    }
    Some(Reached {
        endings,
        branches,
        states,
    })
}

/// A022: words that press the trainee for time, in what the trainee reads.
fn forced_pace(s: &Scenario, spans: &Spans, out: &mut Sink) {
    let hint = "Attune has no timers on purpose: pressure to answer fast teaches rushing, not attunement. If the words describe the client's own situation, you can leave them";
    for (i, node) in s.nodes.iter().enumerate() {
        let fields: [(&str, Option<&str>, Range<usize>); 3] = [
            (
                "client",
                Some(node.client.as_str()),
                spans.node_field(i, |n| &n.client),
            ),
            (
                "cues",
                node.cues.as_deref(),
                spans.node_field(i, |n| &n.cues),
            ),
            (
                "prompt",
                node.prompt.as_deref(),
                spans.node_field(i, |n| &n.prompt),
            ),
        ];
        for (field, text, span) in fields {
            if let Some(phrase) = text.and_then(pace_phrase) {
                out.warn(
                    Code::ForcedPace,
                    narrow(out.file.text.as_str(), span, phrase),
                    format!(
                        "`{field}` at node `{}` says \"{phrase}\", which may press the trainee for time",
                        node.id
                    ),
                    hint,
                );
            }
        }
        for (ci, c) in node.choices.iter().enumerate() {
            if let Some(phrase) = pace_phrase(&c.text) {
                let span = spans.choice_field(i, ci, |c| &c.text);
                out.warn(
                    Code::ForcedPace,
                    narrow(out.file.text.as_str(), span, phrase),
                    format!(
                        "choice {} at node `{}` says \"{phrase}\", which may press the trainee for time",
                        ci + 1,
                        node.id
                    ),
                    hint,
                );
            }
        }
    }
}

/// The first pace phrase in `text`, matched as whole words, ignoring case.
fn pace_phrase(text: &str) -> Option<&'static str> {
    PACE_PHRASES
        .iter()
        .copied()
        .find(|p| find_word(text, p).is_some())
}

/// Byte offset of `phrase` (ASCII) in `text` as whole words, ignoring ASCII case.
fn find_word(text: &str, phrase: &str) -> Option<usize> {
    let hay = text.as_bytes();
    let needle = phrase.as_bytes();
    if needle.is_empty() || hay.len() < needle.len() {
        return None;
    }
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    (0..=hay.len() - needle.len()).find(|&i| {
        hay[i..i + needle.len()].eq_ignore_ascii_case(needle)
            && (i == 0 || !is_word(hay[i - 1]))
            && hay.get(i + needle.len()).is_none_or(|&b| !is_word(b))
    })
}

/// Narrows a field's span to where `phrase` appears in the file, so the underline
/// sits under the words; the whole field if it is not written there verbatim.
fn narrow(file: &str, span: Range<usize>, phrase: &str) -> Range<usize> {
    file.get(span.clone())
        .and_then(|field| find_word(field, phrase))
        .map_or(span.clone(), |at| {
            span.start + at..span.start + at + phrase.len()
        })
}

/// A021: a focus pattern that no choice's feedback names, so trainees never meet it.
fn focus_explained(s: &Scenario, spans: &Spans, out: &mut Sink) {
    let named: HashSet<&str> = s
        .choices()
        .flat_map(|c| c.patterns.iter().map(|p| p.as_str()))
        .collect();
    let raw_focus: Vec<&S<String>> = spans
        .raw
        .focus
        .as_ref()
        .map(|f| f.get_ref().iter().collect())
        .unwrap_or_default();
    for f in raw_focus {
        if !named.contains(f.get_ref().as_str()) {
            out.warn(
                Code::PatternNeverExplained,
                f.span(),
                format!(
                    "`focus` names `{}`, but no choice's feedback explains it",
                    f.get_ref()
                ),
                format!(
                    "add `{}` to the `patterns` of the choices that risk it, or take it out of `focus`",
                    f.get_ref()
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pace_phrases_match_whole_words_only() {
        assert_eq!(
            pace_phrase("Quick, there are TEN SECONDS LEFT"),
            Some("seconds left")
        );
        assert_eq!(pace_phrase("Hurry!"), Some("hurry"));
        assert_eq!(pace_phrase("a timer."), Some("timer"));
        assert_eq!(pace_phrase("She timers nothing; he is unhurried"), None);
        assert_eq!(pace_phrase("é hurry"), Some("hurry"));
    }

    #[test]
    fn narrowing_finds_the_phrase_or_keeps_the_field() {
        let file = r#"client = "Please hurry up""#;
        assert_eq!(narrow(file, 9..26, "hurry"), 17..22);
        assert_eq!(narrow(file, 9..26, "timer"), 9..26);
        assert_eq!(narrow(file, 90..95, "timer"), 90..95);
    }
}
