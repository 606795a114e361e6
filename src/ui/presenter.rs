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

/// What the room counted at a decision it has reached, kept by turn so that going back
/// and forward never loses a hand already counted.
#[derive(Debug, Clone, PartialEq)]
pub struct Kept {
    pub node: usize,
    pub tallies: Vec<u32>,
    pub selected: Option<usize>,
    /// The option the room went with here, once revealed: coming back and choosing
    /// another means the later decisions' counts were for another path.
    pub choice: Option<usize>,
}

/// The private facilitator notes: hidden, asking whether to put them on the shared
/// screen, or shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notes {
    Hidden,
    Asking,
    Shown,
}

/// A key that could not do what it usually does, said on screen instead of ignored.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Notice {
    /// Advance or reveal with no option highlighted.
    PickFirst,
    /// Back at the first decision.
    AtStart,
    /// Advance at the debrief.
    AtEnd,
}

impl Notice {
    pub fn text(self) -> &'static str {
        match self {
            Notice::PickFirst => "Choose the room's option first: press A–D (or 1–4), or click it. Then advance to reveal.",
            Notice::AtStart => "This is the first decision; there is nothing before it.",
            Notice::AtEnd => "This is the room's debrief, the end of the scenario. Back (PageUp) returns to the last feedback.",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Presenter {
    pub session: Session,
    /// The option highlighted, by shown position (A = 0).
    pub selected: Option<usize>,
    /// Hands at the current decision, by shown position.
    pub tallies: Vec<u32>,
    /// Whether the feedback for the room's latest choice is showing.
    pub revealed: bool,
    /// After a reveal: another option, by shown position, to show "what would have happened".
    pub preview: Option<usize>,
    /// The discussion prompt, which is for the room.
    pub show_prompt: bool,
    /// The facilitator notes, which are not.
    pub notes: Notes,
    pub show_keys: bool,
    pub history: Vec<RoomTurn>,
    /// Tallies at every decision reached, by turn (see `Kept`).
    pub kept: Vec<Kept>,
    /// "The room says it first": at each decision the options stay hidden until the room
    /// has said what it would say and the facilitator shows them.
    pub say_first: bool,
    /// Whether the options at the current decision are on screen.
    pub options_shown: bool,
    /// Options in the session's seeded order rather than file order (A–D as in the pack).
    pub shuffle: bool,
    /// The screen is blanked to a calm slide.
    pub blank: bool,
    pub notice: Option<Notice>,
}

/// What a key means in presenter mode.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Select(usize),
    Tally(i32),
    Reveal,
    Next,
    Back,
    /// A clicker's forward: show the options, reveal, or move on, whichever comes next.
    Advance,
    Prompt,
    /// Facilitator notes: ask first, then show; again hides them.
    Notes,
    NotesHide,
    Keys,
    ShowOptions,
    SayFirst,
    Blank,
}

impl Command {
    pub fn from_key(key: &str) -> Option<Command> {
        Some(match key {
            "a" | "A" | "1" => Command::Select(0),
            "b" | "B" | "ArrowLeft" | "PageUp" => Command::Back,
            "2" => Command::Select(1),
            "c" | "C" | "3" => Command::Select(2),
            "d" | "D" | "4" => Command::Select(3),
            "+" | "=" => Command::Tally(1),
            "-" | "_" => Command::Tally(-1),
            "r" | "R" => Command::Reveal,
            "n" | "N" => Command::Next,
            "ArrowRight" | "PageDown" => Command::Advance,
            "p" | "P" => Command::Prompt,
            "m" | "M" => Command::Notes,
            "?" => Command::Keys,
            "o" | "O" => Command::ShowOptions,
            "s" | "S" => Command::SayFirst,
            "." => Command::Blank,
            _ => return None,
        })
    }
}

/// The key map shown on screen (and in the `?` panel and the pack).
pub const KEYS: [(&str, &str); 14] = [
    (
        "PageDown or →",
        "advance: show the options, reveal, then next",
    ),
    ("PageUp, ← or B", "back (hands already counted are kept)"),
    (".", "blank the screen; again to return"),
    (
        "1–4, or A, C, D",
        "highlight an option (B is kept for back)",
    ),
    ("+ / −", "add or remove a raised hand"),
    ("R", "reveal the feedback"),
    ("N", "next decision"),
    ("P", "discussion prompt, for the room"),
    ("M", "my facilitator notes (private: asks first)"),
    ("O", "show the options, once the room has said it first"),
    ("S", "the room says it first: on or off"),
    ("F", "full screen"),
    ("Esc", "pause the room"),
    ("?", "show or hide this key map"),
];

pub const LETTERS: [&str; 4] = ["A", "B", "C", "D"];

impl Presenter {
    pub fn new(session: Session, say_first: bool, shuffle: bool) -> Self {
        let mut p = Presenter {
            session,
            selected: None,
            tallies: Vec::new(),
            revealed: false,
            preview: None,
            show_prompt: false,
            notes: Notes::Hidden,
            show_keys: false,
            history: Vec::new(),
            kept: Vec::new(),
            say_first,
            options_shown: !say_first,
            shuffle,
            blank: false,
            notice: None,
        };
        p.arrive();
        p
    }

    /// The current decision's options in the order the room sees them: file order unless
    /// the facilitator chose to shuffle.
    pub fn offered(&self) -> Vec<usize> {
        if self.shuffle {
            self.session.offered()
        } else {
            (0..self.session.current_node().map_or(0, |n| n.choices.len())).collect()
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
            self.offered()
        }
    }

    fn current_node_ix(&self) -> Option<usize> {
        match self.session.position() {
            crate::engine::Position::At(n) => Some(n),
            crate::engine::Position::Ended(_) => None,
        }
    }

    /// Keeps the current decision's hands under its turn before the room leaves it.
    fn stash(&mut self) {
        let Some(node) = self.current_node_ix().filter(|_| !self.revealed) else {
            return;
        };
        let turn = self.history.len();
        let kept = Kept {
            node,
            tallies: self.tallies.clone(),
            selected: self.selected,
            choice: self
                .kept
                .get(turn)
                .filter(|k| k.node == node)
                .and_then(|k| k.choice),
        };
        if turn < self.kept.len() {
            self.kept[turn] = kept;
        } else {
            // Turns never reached on this path hold nothing a node can match.
            self.kept.resize(
                turn,
                Kept {
                    node: usize::MAX,
                    tallies: Vec::new(),
                    selected: None,
                    choice: None,
                },
            );
            self.kept.push(kept);
        }
    }

    /// Arrives at the current decision: its kept hands if the room has been here on this
    /// path before (and so has seen its options), else a fresh count.
    fn arrive(&mut self) {
        self.revealed = false;
        self.preview = None;
        self.show_prompt = false;
        self.notes = Notes::Hidden;
        let n = self.offered().len();
        let node = self.current_node_ix();
        match self
            .kept
            .get(self.history.len())
            .filter(|k| Some(k.node) == node && k.tallies.len() == n)
        {
            Some(k) => {
                self.tallies = k.tallies.clone();
                self.selected = k.selected;
                self.options_shown = true;
            }
            None => {
                self.tallies = vec![0; n];
                self.selected = None;
                self.options_shown = !self.say_first;
            }
        }
    }

    pub fn apply(&mut self, cmd: Command) {
        self.notice = None;
        if self.blank {
            // Behind a blank screen nothing moves: a clicker's forward or back, or '.'
            // again, brings the slide back exactly as it was.
            if matches!(cmd, Command::Blank | Command::Advance | Command::Back) {
                self.blank = false;
            }
            return;
        }
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
            Command::Reveal => self.reveal(),
            Command::Next => {
                if self.revealed {
                    self.arrive();
                }
            }
            Command::Advance => {
                if self.revealed {
                    self.arrive();
                } else if self.at_debrief() {
                    self.notice = Some(Notice::AtEnd);
                } else if self.options_hidden() {
                    self.options_shown = true;
                } else {
                    self.reveal();
                }
            }
            Command::Back => self.back(),
            Command::Prompt => self.show_prompt = !self.show_prompt,
            Command::Notes => {
                self.notes = match self.notes {
                    Notes::Hidden => Notes::Asking,
                    Notes::Asking => Notes::Shown,
                    Notes::Shown => Notes::Hidden,
                }
            }
            Command::NotesHide => self.notes = Notes::Hidden,
            Command::Keys => self.show_keys = !self.show_keys,
            Command::ShowOptions => self.options_shown = true,
            Command::SayFirst => {
                self.say_first = !self.say_first;
                if !self.say_first {
                    self.options_shown = true;
                }
            }
            Command::Blank => self.blank = true,
        }
    }

    fn reveal(&mut self) {
        if self.revealed || self.session.current_node().is_none() {
            return;
        }
        let Some(i) = self.selected else {
            self.notice = Some(Notice::PickFirst);
            return;
        };
        let order = self.offered();
        let Some(&choice) = order.get(i) else { return };
        let Some(node) = self.current_node_ix() else {
            return;
        };
        self.stash();
        let turn = self.history.len();
        if self.session.choose(choice).is_ok() {
            if let Some(k) = self.kept.get_mut(turn) {
                if k.choice.is_some_and(|c| c != choice) {
                    self.kept.truncate(turn + 1);
                }
            }
            if let Some(k) = self.kept.get_mut(turn) {
                k.choice = Some(choice);
            }
            self.history.push(RoomTurn {
                node,
                order,
                tallies: self.tallies.clone(),
                choice,
            });
            self.revealed = true;
            self.preview = None;
            self.notes = Notes::Hidden;
        }
    }

    fn back(&mut self) {
        if self.revealed {
            // Back from the feedback to the same decision, its hands intact.
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
            // Back from a decision (or the debrief) to the feedback before it. The session
            // already holds that choice, so only the view changes; this decision's hands
            // are kept for when the room comes forward again.
            let selected = turn.order.iter().position(|&c| c == turn.choice);
            self.stash();
            self.selected = selected;
            self.revealed = true;
            self.preview = None;
        } else {
            self.notice = Some(Notice::AtStart);
        }
        self.notes = Notes::Hidden;
    }

    /// The room has reached the end and moved past the last feedback.
    pub fn at_debrief(&self) -> bool {
        !self.revealed && self.session.ending().is_some()
    }
}
