//! Workshop (presenter) mode as a small state machine over an engine session: the room
//! sees the client's line and the options, discusses, votes by show of hands, the
//! facilitator records the tally and picks an option, then reveals the feedback. The
//! session decides every step; this only tracks what the room has seen and counted.

use crate::engine::Session;

/// One decision as the room took it.
#[derive(Debug, Clone, PartialEq)]
pub struct RoomTurn {
    pub node: usize,
    /// The options in the order shown (file indices), so letters stay meaningful.
    pub order: Vec<usize>,
    /// Hands raised per shown option.
    pub tallies: Vec<u32>,
    /// The file index the room went with.
    pub choice: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Presenter {
    pub session: Session,
    /// The option highlighted, by shown position (A = 0).
    pub selected: Option<usize>,
    pub tallies: Vec<u32>,
    /// Whether the feedback for the room's latest choice is showing.
    pub revealed: bool,
    /// After a reveal: another option, by shown position, to show "what would have happened".
    pub preview: Option<usize>,
    pub show_prompt: bool,
    pub show_keys: bool,
    pub history: Vec<RoomTurn>,
    /// "The room says it first": at each decision the options stay hidden until the room
    /// has said what it would say and the facilitator shows them.
    pub say_first: bool,
    /// Whether the options at the current decision are on screen.
    pub options_shown: bool,
}

/// What a key means in presenter mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Select(usize),
    Tally(i32),
    Reveal,
    Next,
    Back,
    Prompt,
    Keys,
    ShowOptions,
    SayFirst,
}

impl Command {
    pub fn from_key(key: &str) -> Option<Command> {
        Some(match key {
            "a" | "A" | "1" => Command::Select(0),
            "b" | "B" => Command::Back,
            "2" => Command::Select(1),
            "c" | "C" | "3" => Command::Select(2),
            "d" | "D" | "4" => Command::Select(3),
            "+" | "=" => Command::Tally(1),
            "-" | "_" => Command::Tally(-1),
            "r" | "R" => Command::Reveal,
            "n" | "N" | "ArrowRight" => Command::Next,
            "ArrowLeft" => Command::Back,
            "p" | "P" => Command::Prompt,
            "?" => Command::Keys,
            "o" | "O" => Command::ShowOptions,
            "s" | "S" => Command::SayFirst,
            _ => return None,
        })
    }
}

/// The key map shown on screen (and in the `?` panel).
pub const KEYS: [(&str, &str); 11] = [
    (
        "1–4, or A, C, D",
        "highlight an option (B is kept for back)",
    ),
    ("+ / −", "add or remove a raised hand"),
    ("R", "reveal the feedback"),
    ("N or →", "next"),
    ("B or ←", "back"),
    ("P", "discussion prompt and notes"),
    ("O", "show the options, once the room has said it first"),
    ("S", "the room says it first: on or off"),
    ("F", "full screen"),
    ("Esc", "step out"),
    ("?", "show or hide this key map"),
];

pub const LETTERS: [&str; 4] = ["A", "B", "C", "D"];

impl Presenter {
    pub fn new(session: Session, say_first: bool) -> Self {
        let n = session.offered().len();
        Presenter {
            session,
            selected: None,
            tallies: vec![0; n],
            revealed: false,
            preview: None,
            show_prompt: false,
            show_keys: false,
            history: Vec::new(),
            say_first,
            options_shown: !say_first,
        }
    }

    /// The room is at a decision whose options it has not seen yet.
    pub fn options_hidden(&self) -> bool {
        !self.revealed && !self.options_shown && self.session.current_node().is_some()
    }

    /// The options as shown at the current decision, or at the one just revealed.
    pub fn order(&self) -> Vec<usize> {
        if self.revealed {
            self.history
                .last()
                .map(|t| t.order.clone())
                .unwrap_or_default()
        } else {
            self.session.offered()
        }
    }

    pub fn apply(&mut self, cmd: Command) {
        let options = self.order().len();
        // Nobody can pick, count or reveal an option the room has not been shown.
        if self.options_hidden()
            && matches!(
                cmd,
                Command::Select(_) | Command::Tally(_) | Command::Reveal
            )
        {
            return;
        }
        match cmd {
            Command::Select(i) if i < options => {
                if self.revealed {
                    let chosen = self.history.last().map(|t| t.choice);
                    let is_rooms = chosen == self.order().get(i).copied();
                    self.preview = if is_rooms { None } else { Some(i) };
                }
                self.selected = Some(i);
            }
            Command::Select(_) => {}
            Command::Tally(d) => {
                if let (false, Some(i)) = (self.revealed, self.selected) {
                    if let Some(t) = self.tallies.get_mut(i) {
                        *t = t.saturating_add_signed(d);
                    }
                }
            }
            Command::Reveal => {
                if self.revealed || self.session.current_node().is_none() {
                    return;
                }
                let Some(i) = self.selected else { return };
                let order = self.session.offered();
                let Some(&choice) = order.get(i) else { return };
                let node = match self.session.position() {
                    crate::engine::Position::At(n) => n,
                    crate::engine::Position::Ended(_) => return,
                };
                if self.session.choose(choice).is_ok() {
                    self.history.push(RoomTurn {
                        node,
                        order,
                        tallies: std::mem::take(&mut self.tallies),
                        choice,
                    });
                    self.revealed = true;
                    self.preview = None;
                }
            }
            Command::Next => {
                if self.revealed {
                    self.revealed = false;
                    self.selected = None;
                    self.preview = None;
                    self.show_prompt = false;
                    self.tallies = vec![0; self.session.offered().len()];
                    self.options_shown = !self.say_first;
                }
            }
            Command::Back => {
                if self.revealed {
                    // Back from the feedback to the same decision, tallies intact.
                    if let Some(turn) = self.history.pop() {
                        self.session = self.session.rewind(self.history.len());
                        self.tallies = turn.tallies;
                        self.selected = turn.order.iter().position(|&c| c == turn.choice);
                    }
                    self.revealed = false;
                    self.preview = None;
                    // The room has already seen these options.
                    self.options_shown = true;
                } else if let Some(turn) = self.history.last() {
                    // Back from a decision to the feedback before it; the session already
                    // holds that choice, so only the view changes.
                    self.selected = turn.order.iter().position(|&c| c == turn.choice);
                    self.revealed = true;
                    self.preview = None;
                }
            }
            Command::Prompt => self.show_prompt = !self.show_prompt,
            Command::Keys => self.show_keys = !self.show_keys,
            Command::ShowOptions => self.options_shown = true,
            Command::SayFirst => {
                self.say_first = !self.say_first;
                if !self.say_first {
                    self.options_shown = true;
                }
            }
        }
    }

    /// The room has reached the end and moved past the last feedback.
    pub fn at_debrief(&self) -> bool {
        !self.revealed && self.session.ending().is_some()
    }
}
