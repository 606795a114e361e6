//! Domain lints: warnings about scenarios that are valid but may not teach well.
//!
//! `validate::scenario` runs these once a model exists (no errors), so every id here
//! resolves and every raw list lines up index for index with the model. Each warning
//! points at the node, choice or field it is about, with a hint. Warnings never stop a
//! scenario from loading; `attune check --deny warnings` makes them fail a build.

use std::collections::HashSet;
use std::ops::Range;

use super::diagnostic::{Code, Sink};
use super::model::{Classification, Scenario, Target};
use super::paths::{self, Findings};
use super::raw::{RawChoice, RawNode, RawScenario, Text, S};
pub use super::search::{explore, Reached, STATE_CAP};

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
pub fn scenario(s: &Scenario, raw: &RawScenario, found: &Findings, sink: &mut Sink) {
    let spans = Spans { raw };
    let mut out = Sink::new(sink.file);
    if let Some(reached) = &found.reached {
        endings_reached_with_state(s, reached, &spans, &mut out);
    }
    paths::unearned_growth(s, found, raw, &mut out);
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
        // Compared in place rather than collected into sets: nearly every node has more
        // than one target, so the effects are rarely even looked at.
        let mut targets = node.choices.iter().flat_map(|c| c.targets());
        let only_target = targets.next().filter(|first| targets.all(|t| t == *first));
        let same_effects = || match node.choices.split_first() {
            Some((first, rest)) => {
                let first = net_effects(first);
                rest.iter().all(|c| net_effects(c) == first)
            }
            None => true,
        };
        if let Some(only) = only_target.filter(|_| same_effects()) {
            let to = s.target_id(only);
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
            // A text has no more characters than bytes, so short ones need no count.
            if c.text.len() <= MAX_CHOICE_CHARS {
                continue;
            }
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
    one_way_meters(s, &spans, &mut out);
    learning_outcomes(s, raw, &mut out);
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

    fn variable_id(&self, i: usize) -> Range<usize> {
        let var = self.raw.variables.as_ref().and_then(|v| v.get_ref().get(i));
        match var {
            Some(v) => v.get_ref().id.as_ref().map_or(v.span(), S::span),
            None => self.raw.id.as_ref().map_or(0..1, S::span),
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
fn endings_reached_with_state(s: &Scenario, search: &Reached, spans: &Spans, out: &mut Sink) {
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

/// A022: words that press the trainee for time, in what the trainee reads.
fn forced_pace(s: &Scenario, spans: &Spans, out: &mut Sink) {
    let hint = "Attune has no timers on purpose: pressure to answer fast teaches rushing, not attunement. Take the pressure out; if these are the client's own words, rephrase them so they do not read as a cue to hurry";
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

/// The pace phrase that comes first in `text`, matched as whole words, ignoring case.
fn pace_phrase(text: &str) -> Option<&'static str> {
    find_pace(text, None).map(|(_, _, p)| p)
}

/// The earliest pace phrase in `text` as (start, end, phrase) in bytes, matched word by
/// word ignoring ASCII case; `only` limits the search to one phrase. Words are found one
/// at a time as the scan goes, without collecting them, so that the common case (no
/// phrase at all) allocates nothing; this runs on every text of very large files.
fn find_pace(text: &str, only: Option<&str>) -> Option<(usize, usize, &'static str)> {
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some((first, first_end)) = next_word(bytes, from) {
        from = first_end;
        // Words are ASCII, so their bounds are character boundaries.
        if !starts_a_phrase(&text[first..first_end]) {
            continue;
        }
        for &phrase in PACE_PHRASES
            .iter()
            .filter(|p| only.is_none_or(|o| o == **p))
        {
            let mut end = None;
            let mut at = first;
            for part in phrase.split(' ') {
                match next_word(bytes, at) {
                    Some((a, b)) if text[a..b].eq_ignore_ascii_case(part) => {
                        end = Some(b);
                        at = b;
                    }
                    _ => {
                        end = None;
                        break;
                    }
                }
            }
            if let Some(end) = end {
                return Some((first, end, phrase));
            }
        }
    }
    None
}

/// The next word (a run of ASCII letters, digits and underscores) at or after `from`.
/// Plain loops rather than iterator adaptors: this looks at every byte of every text a
/// trainee reads, and the size-optimised release build does not inline the closures.
fn next_word(bytes: &[u8], from: usize) -> Option<(usize, usize)> {
    let is_word = |b: u8| matches!(b, b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_');
    let mut start = from;
    while start < bytes.len() && !is_word(bytes[start]) {
        start += 1;
    }
    if start >= bytes.len() {
        return None;
    }
    let mut end = start + 1;
    while end < bytes.len() && is_word(bytes[end]) {
        end += 1;
    }
    Some((start, end))
}

/// Whether a word can begin a pace phrase: a quick filter, since almost no word does
/// and a scenario file can hold hundreds of thousands of them. A test keeps it in step
/// with `PACE_PHRASES`.
fn starts_a_phrase(word: &str) -> bool {
    // The first letter rules out most words before any copying; `| 0x20` lower-cases
    // an ASCII letter and maps no digit or underscore into this set.
    let first = word.as_bytes().first().map_or(0, |b| b | 0x20);
    if !matches!(
        first,
        b't' | b'c' | b's' | b'r' | b'b' | b'h' | b'q' | b'd' | b'a'
    ) {
        return false;
    }
    let mut buf = [0u8; 9];
    let Some(lower) = buf.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"timer"
            | b"countdown"
            | b"count"
            | b"seconds"
            | b"time"
            | b"running"
            | b"before"
            | b"hurry"
            | b"quickly"
            | b"choose"
            | b"decide"
            | b"answer"
    )
}

/// Narrows a field's span to where `phrase` appears in the file, so the underline
/// sits under the words; the whole field if it is not written there verbatim.
fn narrow(file: &str, span: Range<usize>, phrase: &str) -> Range<usize> {
    file.get(span.clone())
        .and_then(|field| find_pace(field, Some(phrase)))
        .map_or(span.clone(), |(a, b, _)| span.start + a..span.start + b)
}

/// A028: meters that move only one way. If no attuned choice ever lowers a variable, or
/// no subtle or harmful choice ever raises one, the meters' rise and fall only restates
/// each choice's class, and a trainee learns that attunement never costs comfort.
fn one_way_meters(s: &Scenario, spans: &Spans, out: &mut Sink) {
    if s.variables.is_empty() {
        return;
    }
    let attuned_lowers = s
        .choices()
        .filter(|c| c.class == Classification::Attuned)
        .any(|c| c.effects.iter().any(|&(_, d)| d < 0));
    let other_raises = s
        .choices()
        .filter(|c| c.class != Classification::Attuned)
        .any(|c| c.effects.iter().any(|&(_, d)| d > 0));
    let which = match (attuned_lowers, other_raises) {
        (true, true) => return,
        (false, false) => {
            "no attuned choice lowers any variable, and no subtle or harmful choice raises one"
        }
        (false, true) => "no attuned choice lowers any variable",
        (true, false) => "no subtle or harmful choice raises any variable",
    };
    out.warn(
        Code::OneWayMeters,
        spans.variable_id(0),
        format!("the meters move one way: {which}, so they only restate how each choice is classed"),
        "let an attuned move cost something for a while (naming race may dip safety), and let a warm but off-beam reply raise one variable while it lowers another",
    );
}

/// A029: learning outcomes missing, or too few or too many to keep a scenario focused.
fn learning_outcomes(s: &Scenario, raw: &RawScenario, out: &mut Sink) {
    let n = s.learning_outcomes.len();
    if (2..=3).contains(&n) {
        return;
    }
    let hint = "give two or three short outcomes a trainee should take away, such as \"Notice when …\" or \"Ask … directly and warmly\"; the pre-brief, the facilitator pack and the CPD log show them";
    match raw.learning_outcomes.as_ref() {
        None => out.warn(
            Code::LearningOutcomes,
            raw.id.as_ref().map_or(0..1, S::span),
            "the scenario has no `learning_outcomes`",
            hint,
        ),
        Some(list) => out.warn(
            Code::LearningOutcomes,
            list.span(),
            format!("`learning_outcomes` has {n}; two or three keep a scenario focused"),
            hint,
        ),
    }
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
        assert_eq!(
            pace_phrase("Quickly choose, seconds left"),
            Some("quickly choose")
        );
        assert_eq!(pace_phrase("Hurry!"), Some("hurry"));
        assert_eq!(pace_phrase("a timer."), Some("timer"));
        assert_eq!(pace_phrase("She timers nothing; he is unhurried"), None);
        assert_eq!(pace_phrase("é hurry"), Some("hurry"));
        assert_eq!(pace_phrase("then a COUNT DOWN."), Some("count down"));
        assert_eq!(pace_phrase("a count of down"), None);
        assert_eq!(pace_phrase(""), None);
    }

    #[test]
    fn the_quick_filter_knows_every_phrase() {
        for p in PACE_PHRASES {
            let first = p.split(' ').next().unwrap_or("");
            assert!(starts_a_phrase(first), "{p}");
            assert!(starts_a_phrase(&first.to_uppercase()), "{p}");
        }
        assert!(!starts_a_phrase("the"));
        assert!(!starts_a_phrase("countdowns"));
    }

    #[test]
    fn narrowing_finds_the_phrase_or_keeps_the_field() {
        let file = r#"client = "Please hurry up""#;
        assert_eq!(narrow(file, 9..26, "hurry"), 17..22);
        assert_eq!(narrow(file, 9..26, "timer"), 9..26);
        assert_eq!(narrow(file, 90..95, "timer"), 90..95);
    }
}
