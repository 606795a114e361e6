//! A play of one scenario: a small, versioned, serialisable state (seed + the choices
//! made) over an immutable `Rc<Scenario>`. Everything else (position, relational state,
//! history) is derived by replaying the choices, so a saved play resumes exactly and a
//! "what if" is just a shorter list of choices.

use std::rc::Rc;

use rand::rngs::StdRng;
use rand::seq::SliceRandom;
use rand::SeedableRng;
use serde::{Deserialize, Serialize};

use super::model::{Classification, Ending, History, PatternId, PlayFacts, Scenario, Target};

/// Bump when `SessionState`'s shape changes, and add a migration for the old one.
pub const STATE_VERSION: u32 = 1;

/// One choice made: the node it was made at and the choice's index in file order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pick {
    pub node: String,
    pub choice: usize,
}

/// All that must be saved to restore a play.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionState {
    pub version: u32,
    pub scenario: String,
    pub scenario_version: String,
    pub seed: u64,
    pub picks: Vec<Pick>,
}

/// Where the play is now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Position {
    /// At a decision node, by index.
    At(usize),
    /// At an ending, by index.
    Ended(usize),
}

/// One turn that has been taken, with the relational state before and after it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    pub node: usize,
    pub choice: usize,
    pub before: Vec<i32>,
    pub after: Vec<i32>,
    pub to: Target,
}

/// What the runtime reports; views render these and never work out routing themselves.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Event {
    /// The client speaks the line of this node.
    NodeEntered { node: usize },
    /// These choices are offered, in this (shuffled) order of file indices.
    ChoicesOffered { node: usize, order: Vec<usize> },
    /// The trainee chose; feedback for this choice is due.
    ChoiceMade { node: usize, choice: usize },
    /// A relational variable moved.
    StateChanged { var: usize, from: i32, to: i32 },
    /// The play reached this ending.
    Ended { ending: usize },
}

/// What the debrief shows for a finished play, as the engine judges it, so a view only
/// renders it: the ending, its paragraphs (`text` first) that hold for this play, their
/// questions, and the scenario's own reflection questions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Closing<'a> {
    pub ending: &'a Ending,
    pub paragraphs: Vec<&'a str>,
    pub questions: Vec<&'a str>,
    /// The scenario's `reflection_questions`, which replace the catalogue's pattern
    /// questions; empty when the scenario has none, and then the catalogue's apply.
    pub reflection: &'a [String],
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SessionError {
    /// The play has already ended.
    Finished,
    /// There is no choice with this index at the current node.
    NoSuchChoice(usize),
    /// A saved play cannot be restored over this scenario.
    Incompatible(String),
}

impl std::fmt::Display for SessionError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            SessionError::Finished => write!(f, "this play has already ended"),
            SessionError::NoSuchChoice(i) => write!(f, "there is no choice {i} here"),
            SessionError::Incompatible(why) => write!(f, "the saved play does not fit: {why}"),
        }
    }
}

impl std::error::Error for SessionError {}

#[derive(Debug, Clone, PartialEq)]
pub struct Session {
    scenario: Rc<Scenario>,
    state: SessionState,
    position: Position,
    vars: Vec<i32>,
    steps: Vec<Step>,
    /// What conditions can ask about the play so far, kept in step with `steps`.
    history: History,
}

impl Session {
    /// Starts a new play; the events describe the first node.
    pub fn start(scenario: Rc<Scenario>, seed: u64) -> (Self, Vec<Event>) {
        let state = SessionState {
            version: STATE_VERSION,
            scenario: scenario.meta.id.0.clone(),
            scenario_version: scenario.meta.version.clone(),
            seed,
            picks: Vec::new(),
        };
        let session = Session {
            vars: scenario.initial_vars(),
            position: Position::At(scenario.start),
            history: History::start(&scenario),
            scenario,
            state,
            steps: Vec::new(),
        };
        let events = session.arrival_events();
        (session, events)
    }

    /// Restores a saved play by replaying its choices. Refuses, without panicking, a
    /// state from a newer Attune, another scenario, or choices the scenario no longer has.
    pub fn resume(scenario: Rc<Scenario>, saved: &SessionState) -> Result<Self, SessionError> {
        if saved.version > STATE_VERSION {
            return Err(SessionError::Incompatible(format!(
                "it was saved by a newer Attune (state version {})",
                saved.version
            )));
        }
        if saved.scenario != scenario.meta.id.0 {
            return Err(SessionError::Incompatible(format!(
                "it belongs to scenario `{}`",
                saved.scenario
            )));
        }
        let (mut session, _) = Session::start(scenario, saved.seed);
        session.state.scenario_version = saved.scenario_version.clone();
        for pick in &saved.picks {
            let here = session.current_node().map(|n| n.id.0.as_str());
            if here != Some(pick.node.as_str()) {
                return Err(SessionError::Incompatible(format!(
                    "a choice was made at `{}`, but replay reached `{}`",
                    pick.node,
                    here.unwrap_or("an ending")
                )));
            }
            session
                .choose(pick.choice)
                .map_err(|e| SessionError::Incompatible(e.to_string()))?;
        }
        Ok(session)
    }

    /// Makes a choice (by file index at the current node) and moves on.
    pub fn choose(&mut self, choice: usize) -> Result<Vec<Event>, SessionError> {
        let Position::At(node_ix) = self.position else {
            return Err(SessionError::Finished);
        };
        let scenario = Rc::clone(&self.scenario);
        let node = &scenario.nodes[node_ix];
        let c = node
            .choices
            .get(choice)
            .ok_or(SessionError::NoSuchChoice(choice))?;
        let mut events = vec![Event::ChoiceMade {
            node: node_ix,
            choice,
        }];
        let before = self.vars.clone();
        // Effects first, so routing sees the relationship as this response left it.
        for &(var, delta) in &c.effects {
            let v = &scenario.variables[var];
            let from = self.vars[var];
            let to = v.apply(from, delta);
            if to != from {
                self.vars[var] = to;
                events.push(Event::StateChanged { var, from, to });
            }
        }
        // The choice counts as made when its own branches are judged, so `chose` and
        // `met` see it, as the checker's search does.
        self.history.record(c);
        let to = c.route(&PlayFacts {
            vars: &self.vars,
            history: &self.history,
        });
        self.position = match to {
            Target::Node(i) => {
                self.history.enter(i);
                Position::At(i)
            }
            Target::Ending(i) => Position::Ended(i),
        };
        self.steps.push(Step {
            node: node_ix,
            choice,
            before,
            after: self.vars.clone(),
            to,
        });
        self.state.picks.push(Pick {
            node: node.id.0.clone(),
            choice,
        });
        events.extend(self.arrival_events());
        Ok(events)
    }

    fn arrival_events(&self) -> Vec<Event> {
        match self.position {
            Position::At(node) => vec![
                Event::NodeEntered { node },
                Event::ChoicesOffered {
                    node,
                    order: self.offered(),
                },
            ],
            Position::Ended(ending) => vec![Event::Ended { ending }],
        }
    }

    /// The order to show the current node's choices in. It depends only on the seed
    /// and the turn number, so a resumed play shows the same order.
    pub fn offered(&self) -> Vec<usize> {
        let Some(node) = self.current_node() else {
            return Vec::new();
        };
        let mut order: Vec<usize> = (0..node.choices.len()).collect();
        let turn = self.steps.len() as u64;
        let mut rng =
            StdRng::seed_from_u64(self.state.seed ^ turn.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        order.shuffle(&mut rng);
        order
    }

    /// What would happen with another choice here, leaving this play untouched.
    pub fn preview(&self, choice: usize) -> Result<Session, SessionError> {
        let mut other = self.clone();
        other.choose(choice)?;
        Ok(other)
    }

    /// The same play as it stood after its first `turns` choices: the root of a "what if".
    pub fn rewind(&self, turns: usize) -> Session {
        let mut saved = self.state.clone();
        saved.picks.truncate(turns);
        // Replaying a prefix of a valid play over the same scenario cannot fail.
        Session::resume(Rc::clone(&self.scenario), &saved).unwrap_or_else(|_| self.clone())
    }

    pub fn scenario(&self) -> &Rc<Scenario> {
        &self.scenario
    }

    pub fn state(&self) -> &SessionState {
        &self.state
    }

    pub fn position(&self) -> Position {
        self.position
    }

    pub fn current_node(&self) -> Option<&super::model::Node> {
        match self.position {
            Position::At(i) => self.scenario.nodes.get(i),
            Position::Ended(_) => None,
        }
    }

    pub fn ending(&self) -> Option<&super::model::Ending> {
        match self.position {
            Position::Ended(i) => self.scenario.endings.get(i),
            Position::At(_) => None,
        }
    }

    /// The debrief for this play, once it has ended.
    pub fn closing(&self) -> Option<Closing<'_>> {
        let ending = self.ending()?;
        let (paragraphs, questions) = ending.shown(&self.facts());
        Some(Closing {
            ending,
            paragraphs,
            questions,
            reflection: &self.scenario.reflection_questions,
        })
    }

    pub fn vars(&self) -> &[i32] {
        &self.vars
    }

    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// What the play has done so far, as conditions see it.
    pub fn history(&self) -> &History {
        &self.history
    }

    /// The relational state and history together, for judging a condition now.
    pub fn facts(&self) -> PlayFacts<'_> {
        PlayFacts {
            vars: &self.vars,
            history: &self.history,
        }
    }

    /// The relational state at the start and after every turn, one row per variable.
    pub fn trajectory(&self) -> Vec<Vec<i32>> {
        (0..self.vars.len())
            .map(|v| {
                std::iter::once(self.scenario.variables[v].initial)
                    .chain(self.steps.iter().map(|s| s.after[v]))
                    .collect()
            })
            .collect()
    }

    /// Every pattern the trainee's choices risked, in first-met order, with counts.
    pub fn patterns_met(&self) -> Vec<(PatternId, usize)> {
        let mut out: Vec<(PatternId, usize)> = Vec::new();
        for s in &self.steps {
            let c = &self.scenario.nodes[s.node].choices[s.choice];
            if c.class == Classification::Attuned {
                continue;
            }
            for p in &c.patterns {
                match out.iter_mut().find(|(id, _)| id == p) {
                    Some((_, n)) => *n += 1,
                    None => out.push((p.clone(), 1)),
                }
            }
        }
        out
    }
}
