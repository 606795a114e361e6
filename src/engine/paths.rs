//! Checks that follow every play to its ending, on top of the search in `search.rs`:
//! an ending or paragraph whose `assumes` some play reaching it violates (error A026),
//! and a growth ending reached with harm still unrepaired (warning A027). Each reports
//! the shortest play that shows the problem, written `arrive[1] → feedback[0] → end`.
//!
//! One search serves every check, including the unreachable-ending lint (A018), so a
//! file is explored once however many checks it needs.

use std::ops::Range;

use super::diagnostic::{Code, Sink};
use super::model::{EndingKind, Facts, Scenario};
use super::raw::{RawEnding, RawScenario, S};
use super::search::{self, path_text, Reached, STATE_CAP};

/// Which declared assumption a play violated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Assumption {
    Ending(usize),
    /// (ending, paragraph)
    Paragraph(usize, usize),
}

/// A play that shows a problem: it reaches `ending` by `choice` from search state `from`.
#[derive(Debug, Clone, Copy)]
struct Witness {
    ending: usize,
    from: usize,
    choice: usize,
}

/// What the search over every play found. `reached` is `None` when the scenario needs
/// more states than the cap, in which case every check here is skipped.
pub struct Findings {
    pub reached: Option<Reached>,
    violated: Vec<(Assumption, Witness)>,
    unearned: Vec<Witness>,
}

/// Runs the search once, noting the first (so shortest) counterexample for every
/// assumption and every growth ending.
pub fn search(s: &Scenario) -> Findings {
    let mut violated: Vec<(Assumption, Witness)> = Vec::new();
    let mut unearned: Vec<Witness> = Vec::new();
    let mut on_end = |a: &search::Arrival| {
        let Some(ending) = s.endings.get(a.ending) else {
            return;
        };
        let witness = Witness {
            ending: a.ending,
            from: a.from,
            choice: a.choice,
        };
        let mut note = |which: Assumption| {
            if !violated.iter().any(|(w, _)| *w == which) {
                violated.push((which, witness));
            }
        };
        if ending.assumes.as_ref().is_some_and(|c| !c.holds(a.facts)) {
            note(Assumption::Ending(a.ending));
        }
        for (pi, p) in ending.paragraphs.iter().enumerate() {
            let shown = p.when.as_ref().is_none_or(|w| w.holds(a.facts));
            if shown && p.assumes.as_ref().is_some_and(|c| !c.holds(a.facts)) {
                note(Assumption::Paragraph(a.ending, pi));
            }
        }
        if ending.kind == EndingKind::Growth
            && !a.facts.repaired()
            && !unearned.iter().any(|w| w.ending == a.ending)
        {
            unearned.push(witness);
        }
    };
    let reached = search::explore_with(s, STATE_CAP, &mut on_end);
    if reached.is_none() {
        // Past the cap the search stopped early, so what it saw proves nothing either way.
        violated.clear();
        unearned.clear();
    }
    Findings {
        reached,
        violated,
        unearned,
    }
}

impl Findings {
    fn path(&self, s: &Scenario, w: &Witness) -> String {
        match &self.reached {
            Some(r) => path_text(s, &r.path(w.from, w.choice), w.ending),
            None => String::new(),
        }
    }
}

fn raw_ending(raw: &RawScenario, e: usize) -> Option<&S<RawEnding>> {
    raw.endings.as_ref()?.get_ref().get(e)
}

/// A026: every `assumes` some play violates, as an error at the condition.
pub fn assumptions(s: &Scenario, found: &Findings, raw: &RawScenario, sink: &mut Sink) {
    for (which, w) in &found.violated {
        let Some(ending) = s.endings.get(w.ending) else {
            continue;
        };
        let path = found.path(s, w);
        let (cond, span, what, verb) = match *which {
            Assumption::Ending(e) => (
                ending.assumes.as_ref(),
                raw_ending(raw, e).map(|r| {
                    let r = r.get_ref();
                    r.assumes.as_ref().map_or(0..0, S::span)
                }),
                format!("ending `{}`", ending.id),
                "reaches it",
            ),
            Assumption::Paragraph(e, p) => (
                ending.paragraphs.get(p).and_then(|p| p.assumes.as_ref()),
                raw_ending(raw, e).and_then(|r| {
                    let para = r.get_ref().paragraphs.as_ref()?.get_ref().get(p)?;
                    Some(para.get_ref().assumes.as_ref().map_or(para.span(), S::span))
                }),
                format!("paragraph {} of ending `{}`", p + 1, ending.id),
                "shows it",
            ),
        };
        let Some(cond) = cond else {
            continue;
        };
        let span: Range<usize> = span.unwrap_or(0..0);
        sink.error_hint(
            Code::AssumptionViolated,
            span,
            format!(
                "{what} assumes `{}`, but this play {verb} without that: {path}",
                cond.source
            ),
            "change the routes so every such play meets the assumption, or move the text that needs it into a paragraph with `when`",
        );
    }
}

/// A027: a growth ending some play reaches after a harmful choice with no `repair`
/// choice after it, as a warning at the ending's id.
pub fn unearned_growth(s: &Scenario, found: &Findings, raw: &RawScenario, sink: &mut Sink) {
    for w in &found.unearned {
        let Some(ending) = s.endings.get(w.ending) else {
            continue;
        };
        let steps = found
            .reached
            .as_ref()
            .map(|r| r.path(w.from, w.choice))
            .unwrap_or_default();
        let harm = steps
            .iter()
            .rev()
            .find(|&&(n, c)| {
                s.nodes
                    .get(n)
                    .and_then(|n| n.choices.get(c))
                    .is_some_and(|c| c.class == super::model::Classification::Harmful)
            })
            .and_then(|&(n, c)| s.nodes.get(n).map(|n| format!("{}[{c}]", n.id)))
            .unwrap_or_default();
        let span = raw_ending(raw, w.ending)
            .map_or(0..0, |r| r.get_ref().id.as_ref().map_or(r.span(), S::span));
        sink.warn(
            Code::UnearnedGrowth,
            span,
            format!(
                "growth ending `{}` is reached after the harmful choice {harm} with no repair after it: {}",
                ending.id,
                path_text(s, &steps, w.ending)
            ),
            "mark the choice that mends the rupture with `repair = true`, or route plays with unrepaired harm to another ending",
        );
    }
}
