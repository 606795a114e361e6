//! Conditions and routes in plain words, for facilitators preparing from the pack: "if
//! trust is high (75 or more out of 100)" rather than `trust >= 75`, and "decision 3"
//! rather than a node id. Decisions are numbered in file order, as the pack lists them.

use super::model::{Atom, Choice, Classification, Comparison, Condition, Op, Scenario, Target};

/// A condition in words, its tests joined with "and". `pattern` names a pattern (the
/// catalogue's name), since the scenario alone holds only ids.
pub fn condition(s: &Scenario, c: &Condition, pattern: &dyn Fn(&str) -> String) -> String {
    let parts: Vec<String> = c
        .all
        .iter()
        .map(|t| match &t.atom {
            Atom::Compare(cmp) => compare(s, cmp, t.negated),
            Atom::Visited(n) => format!(
                "the session {} decision {}",
                if t.negated {
                    "did not pass through"
                } else {
                    "passed through"
                },
                n + 1
            ),
            Atom::Chose(class) => format!(
                "{} was chosen",
                match (class, t.negated) {
                    (Classification::Attuned, false) => "an attuned response",
                    (Classification::Attuned, true) => "no attuned response",
                    (Classification::Subtle, false) => "a response risking subtle harm",
                    (Classification::Subtle, true) => "no response risking subtle harm",
                    (Classification::Harmful, false) => "a response risking harm",
                    (Classification::Harmful, true) => "no response risking harm",
                }
            ),
            Atom::Met(p) => format!(
                "“{}” {} met",
                pattern(&p.0),
                if t.negated { "was not" } else { "was" }
            ),
            Atom::Repaired => if t.negated {
                "a harm is still waiting to be repaired"
            } else {
                "every harm so far was later repaired"
            }
            .to_owned(),
        })
        .collect();
    parts.join(" and ")
}

/// "trust is high (75 or more out of 100)": a band from where the number sits in the
/// variable's range, then the exact figure, so nothing is lost in the rounding.
fn compare(s: &Scenario, c: &Comparison, negated: bool) -> String {
    let Some(v) = s.variables.get(c.var) else {
        return String::new();
    };
    let name = v.label.to_lowercase();
    // `not trust >= 75` is `trust < 75`.
    let op = match (c.op, negated) {
        (op, false) => op,
        (Op::Lt, true) => Op::Ge,
        (Op::Le, true) => Op::Gt,
        (Op::Gt, true) => Op::Le,
        (Op::Ge, true) => Op::Lt,
        (Op::Eq, true) => Op::Ne,
        (Op::Ne, true) => Op::Eq,
    };
    let span = (v.max - v.min).max(1) as f64;
    let at = f64::from(c.value - v.min) / span;
    let (band, figure) = match op {
        Op::Ge | Op::Gt => {
            let figure = if op == Op::Ge {
                format!("{} or more", c.value)
            } else {
                format!("more than {}", c.value)
            };
            let band = if at >= 0.6 {
                "high"
            } else if at >= 0.3 {
                "not low"
            } else {
                "above its lowest"
            };
            (band, figure)
        }
        Op::Le | Op::Lt => {
            let figure = if op == Op::Le {
                format!("{} or less", c.value)
            } else {
                format!("less than {}", c.value)
            };
            let band = if at <= 0.4 {
                "low"
            } else if at <= 0.7 {
                "not high"
            } else {
                "below its highest"
            };
            (band, figure)
        }
        Op::Eq => return format!("{name} is exactly {} out of {}", c.value, v.max),
        Op::Ne => return format!("{name} is not {} (out of {})", c.value, v.max),
    };
    format!("{name} is {band} ({figure} out of {})", v.max)
}

/// Where a target leads: "decision 3" or "the ending “Her reading, her pace”".
pub fn target(s: &Scenario, t: Target) -> String {
    match t {
        Target::Node(i) => format!("decision {}", i + 1),
        Target::Ending(i) => s
            .endings
            .get(i)
            .map_or_else(String::new, |e| format!("the ending “{}”", e.title)),
    }
}

/// Every way a choice can lead, in words: the conditional branches first, as the engine
/// tries them, then where it goes otherwise.
pub fn routes(s: &Scenario, c: &Choice, pattern: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut out: Vec<String> = c
        .branches
        .iter()
        .map(|b| {
            format!(
                "{} if {}",
                target(s, b.next),
                condition(s, &b.when, pattern)
            )
        })
        .collect();
    out.push(if c.branches.is_empty() {
        target(s, c.next)
    } else {
        format!("otherwise {}", target(s, c.next))
    });
    out
}
