//! The app's state as a Yew `Reducible`: one action enum, one pure reducer. The session
//! inside decides every step; the reducer only asks it and records what the view shows.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use super::boot::Boot;
use super::route::Route;
use crate::engine::{Diagnostic, Position, Scenario, Session};

/// A scenario file as the app knows it.
#[derive(Debug, Clone, PartialEq)]
pub enum Load {
    Loading,
    Ready(Rc<Scenario>),
    /// The file could not be fetched or did not validate; every problem is kept.
    Failed(Rc<[Diagnostic]>, AttrValue),
}

/// One play in progress, and whether the feedback for its latest step is on screen.
#[derive(Debug, Clone, PartialEq)]
pub struct Play {
    pub session: Session,
    /// Index into `session.steps()` whose feedback is showing.
    pub feedback: Option<usize>,
}

impl Play {
    /// The debrief shows once the ending is reached and the last feedback was read.
    pub fn at_debrief(&self) -> bool {
        self.feedback.is_none() && matches!(self.session.position(), Position::Ended(_))
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub boot: Rc<Boot>,
    pub route: Route,
    pub scenarios: HashMap<AttrValue, Load>,
    /// Plays by scenario id; leaving a scenario keeps its place.
    pub plays: HashMap<AttrValue, Play>,
    pub stepped_out: bool,
}

pub enum Action {
    Navigate(Route),
    Loading(AttrValue),
    Loaded(AttrValue, Load),
    /// Start a new play with this seed (chosen by the caller, so the reducer stays pure).
    Begin {
        id: AttrValue,
        seed: u64,
    },
    /// Choose by index in the file's order.
    Choose(usize),
    /// Choose the n-th choice as shown (0-based): what number keys do.
    ChooseShown(usize),
    Continue,
    StepOut,
    StepBackIn,
}

impl AppState {
    pub fn new(boot: Rc<Boot>) -> Self {
        AppState {
            boot,
            route: Route::Library,
            scenarios: HashMap::new(),
            plays: HashMap::new(),
            stepped_out: false,
        }
    }

    /// The play for the scenario on screen, if the route is a play route.
    pub fn current_play(&self) -> Option<&Play> {
        match &self.route {
            Route::Play(id) => self.plays.get(id),
            _ => None,
        }
    }

    fn current_play_mut(&mut self) -> Option<&mut Play> {
        match &self.route {
            Route::Play(id) => self.plays.get_mut(id),
            _ => None,
        }
    }

    fn choose(&mut self, choice: usize) {
        if self.stepped_out {
            return;
        }
        if let Some(play) = self.current_play_mut() {
            if play.feedback.is_some() {
                return;
            }
            if play.session.choose(choice).is_ok() {
                play.feedback = Some(play.session.steps().len() - 1);
            }
        }
    }
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Navigate(route) => {
                s.route = route;
                s.stepped_out = false;
            }
            Action::Loading(id) => {
                s.scenarios.insert(id, Load::Loading);
            }
            Action::Loaded(id, load) => {
                s.scenarios.insert(id, load);
            }
            Action::Begin { id, seed } => {
                if let Some(Load::Ready(scenario)) = s.scenarios.get(&id) {
                    let (session, _) = Session::start(Rc::clone(scenario), seed);
                    s.plays.insert(
                        id,
                        Play {
                            session,
                            feedback: None,
                        },
                    );
                }
            }
            Action::Choose(choice) => s.choose(choice),
            Action::ChooseShown(n) => {
                let choice = s
                    .current_play()
                    .and_then(|p| p.session.offered().get(n).copied());
                if let Some(choice) = choice {
                    s.choose(choice);
                }
            }
            Action::Continue => {
                if let Some(play) = s.current_play_mut() {
                    play.feedback = None;
                }
            }
            Action::StepOut => s.stepped_out = true,
            Action::StepBackIn => s.stepped_out = false,
        }
        Rc::new(s)
    }
}

/// Shared through context so components read state without copying it into props.
pub type AppContext = UseReducerHandle<AppState>;
