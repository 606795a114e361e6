//! A room's session saved on the facilitator's laptop, so a reload (or a crashed tab) in
//! the middle of a workshop resumes with every hand counted. It lives under its own key,
//! apart from the trainee's progress, and holds only what cannot be derived: the engine
//! session (seed and picks), the hands at each decision, and where the room is. Pure: the
//! page reads and writes the text through `platform`.

use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::presenter::{Kept, Notes, Presenter, RoomTurn};
use crate::engine::{Position, Scenario, Session, SessionState};

/// The storage key: one room at a time, whichever scenario it is running.
pub const ROOM_KEY: &str = "attune.room";
const ROOM_VERSION: u32 = 1;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SavedRoom {
    version: u32,
    /// The id in the page's address, which can differ from the file's for an opened file.
    scenario: String,
    session: SessionState,
    say_first: bool,
    shuffle: bool,
    /// Hands at each decision the room has taken, by shown position, one per pick.
    turns: Vec<Vec<u32>>,
    kept: Vec<SavedKept>,
    revealed: bool,
    selected: Option<usize>,
    tallies: Vec<u32>,
    options_shown: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
struct SavedKept {
    /// The node's id rather than its index, so an edited file cannot move hands.
    node: String,
    tallies: Vec<u32>,
    selected: Option<usize>,
    choice: Option<usize>,
}

/// What storage held for the page's scenario.
#[derive(Debug, Clone, PartialEq)]
pub enum Stored {
    /// Nothing saved, or a room running another scenario.
    Nothing,
    Room(Box<Presenter>),
    /// Something that cannot be resumed, and why, in words for the facilitator.
    Unreadable(String),
}

pub fn to_json(id: &str, p: &Presenter) -> String {
    let nodes = &p.session.scenario().nodes;
    let saved = SavedRoom {
        version: ROOM_VERSION,
        scenario: id.to_owned(),
        session: p.session.state().clone(),
        say_first: p.say_first,
        shuffle: p.shuffle,
        turns: p.history.iter().map(|t| t.tallies.clone()).collect(),
        kept: p
            .kept
            .iter()
            .map(|k| SavedKept {
                node: nodes
                    .get(k.node)
                    .map(|n| n.id.0.clone())
                    .unwrap_or_default(),
                tallies: k.tallies.clone(),
                selected: k.selected,
                choice: k.choice,
            })
            .collect(),
        revealed: p.revealed,
        selected: p.selected,
        tallies: p.tallies.clone(),
        options_shown: p.options_shown,
    };
    serde_json::to_string(&saved).unwrap_or_default()
}

/// Reads a saved room for scenario `id`. Never panics: anything that does not fit the
/// scenario as it is now is refused with a reason.
pub fn restore(raw: Option<&str>, id: &str, scenario: Rc<Scenario>) -> Stored {
    let Some(raw) = raw else {
        return Stored::Nothing;
    };
    let saved: SavedRoom = match serde_json::from_str(raw) {
        Ok(s) => s,
        Err(e) => return Stored::Unreadable(format!("it is not a saved room ({e})")),
    };
    if saved.scenario != id {
        return Stored::Nothing;
    }
    match rebuild(saved, scenario) {
        Ok(p) => Stored::Room(Box::new(p)),
        Err(why) => Stored::Unreadable(why),
    }
}

fn rebuild(saved: SavedRoom, scenario: Rc<Scenario>) -> Result<Presenter, String> {
    if saved.version > ROOM_VERSION {
        return Err(format!(
            "it was saved by a newer Attune (version {})",
            saved.version
        ));
    }
    if saved.turns.len() != saved.session.picks.len() {
        return Err("its hands do not match its decisions".to_owned());
    }
    // Replay the room's path, so each turn's order comes from the engine as it did live.
    let (start, _) = Session::start(Rc::clone(&scenario), saved.session.seed);
    let mut p = Presenter::new(start, saved.say_first, saved.shuffle);
    for (pick, tallies) in saved.session.picks.iter().zip(saved.turns) {
        let Position::At(node) = p.session.position() else {
            return Err("it goes on past an ending".to_owned());
        };
        if scenario.nodes[node].id.0 != pick.node {
            return Err(format!(
                "the scenario has changed since (at `{}`)",
                pick.node
            ));
        }
        let order = p.offered();
        if tallies.len() != order.len() || !order.contains(&pick.choice) {
            return Err(format!(
                "its hands at `{}` do not fit the options",
                pick.node
            ));
        }
        p.session.choose(pick.choice).map_err(|e| e.to_string())?;
        p.history.push(RoomTurn {
            node,
            order,
            tallies,
            choice: pick.choice,
        });
    }
    // Hands at decisions that no longer match a node are dropped, not guessed.
    p.kept = saved
        .kept
        .into_iter()
        .map(|k| {
            let node = scenario
                .node_index(&k.node)
                .filter(|&n| scenario.nodes[n].choices.len() == k.tallies.len());
            let n = k.tallies.len();
            match node {
                Some(node) => Kept {
                    node,
                    tallies: k.tallies,
                    selected: k.selected.filter(|&s| s < n),
                    choice: k.choice.filter(|&c| c < n),
                },
                None => Kept {
                    node: usize::MAX,
                    tallies: Vec::new(),
                    selected: None,
                    choice: None,
                },
            }
        })
        .collect();
    if saved.revealed && p.history.is_empty() {
        return Err("it shows feedback before any decision".to_owned());
    }
    p.revealed = saved.revealed;
    let options = p.order().len();
    p.selected = saved.selected.filter(|&s| s < options);
    // The live count belongs to the decision on screen (the one revealed, after a reveal).
    p.tallies = if saved.tallies.len() == options {
        saved.tallies
    } else {
        vec![0; options]
    };
    p.options_shown = saved.options_shown || !p.say_first;
    p.show_prompt = false;
    p.notes = Notes::Hidden;
    p.blank = false;
    p.notice = None;
    Ok(p)
}
