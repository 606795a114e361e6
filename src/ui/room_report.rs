//! The room's session as Markdown, for the facilitator's CPD record: how it ended, and at
//! each decision the options' wording, the hands for each and the one taken. Pure; the
//! debrief hands the text to `platform::download`.

use super::presenter::{Presenter, LETTERS};

/// Hands for one option out of `total`, as a whole percentage for a bar.
pub fn share(hands: u32, total: u32) -> u32 {
    if total == 0 {
        0
    } else {
        ((u64::from(hands) * 100 + u64::from(total) / 2) / u64::from(total)) as u32
    }
}

/// `pattern` names a pattern in words (the catalogue's name), never its id.
pub fn markdown(p: &Presenter, pattern: &dyn Fn(&str) -> String) -> String {
    let s = p.session.scenario();
    let mut out = format!("# Attune with a room: {}\n\n", s.meta.title);
    if let Some(ending) = p.session.ending() {
        out += &format!("Ending: {} ({})\n\n", ending.title, ending.kind.label());
    }
    for (i, t) in p.history.iter().enumerate() {
        let Some(node) = s.nodes.get(t.node) else {
            continue;
        };
        let total: u32 = t.tallies.iter().sum();
        out += &format!(
            "## Decision {}\n\n> {}: {}\n\n",
            i + 1,
            s.meta.client.name,
            node.client
        );
        out += "| Option | Hands | |\n|---|---|---|\n";
        for (k, &ix) in t.order.iter().enumerate() {
            let Some(c) = node.choices.get(ix) else {
                continue;
            };
            let hands = t.tallies.get(k).copied().unwrap_or(0);
            let taken = if ix == t.choice {
                format!("the room's choice ({})", c.class.label())
            } else {
                String::new()
            };
            out += &format!(
                "| {}: {} | {hands} | {taken} |\n",
                LETTERS[k % 4],
                c.text.replace('|', "\\|")
            );
        }
        out += &format!("\nHands in all: {total}\n\n");
    }
    let met = p.session.patterns_met();
    if !met.is_empty() {
        out += "## Patterns met\n\n";
        for (id, n) in met {
            out += &format!("- {} ({n})\n", pattern(&id.0));
        }
        out += "\n";
    }
    if let Some(closing) = p.session.closing() {
        out += "## For the room to discuss\n\n";
        for q in closing.questions {
            out += &format!("- {q}\n");
        }
    }
    out
}
