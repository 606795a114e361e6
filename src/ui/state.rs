//! The app's state as a Yew `Reducible`: one action enum, one pure reducer. The session
//! inside decides every step; the reducer only asks it, records what the view shows and
//! keeps the saved progress in step. Time and randomness come in with the actions, so the
//! reducer stays deterministic.

use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

use yew::prelude::*;

use super::boot::Boot;
use super::presenter::{Command, Presenter};
use super::route::Route;
use crate::authoring::Shown;
use crate::engine::{Catalog, Diagnostic, Meta, Position, Scenario, Session};
use crate::progress::{self, Branch, JournalEntry, PlayRecord, Progress, Settings};

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
    /// The saved record this play writes to.
    pub record: String,
    /// "Say it first" is on for this play.
    pub say_first: bool,
    /// The trainee's own words by turn, written before the options were shown.
    pub said: BTreeMap<usize, String>,
}

impl Play {
    pub fn new(session: Session, record: String) -> Self {
        Play {
            session,
            feedback: None,
            record,
            say_first: false,
            said: BTreeMap::new(),
        }
    }

    /// At a decision whose options stay hidden until the trainee has said what they would
    /// say (or chosen to skip).
    pub fn awaiting_words(&self) -> bool {
        self.say_first
            && self.feedback.is_none()
            && self.session.current_node().is_some()
            && !self.said.contains_key(&self.session.steps().len())
    }

    /// The debrief shows once the ending is reached and the last feedback was read.
    pub fn at_debrief(&self) -> bool {
        self.feedback.is_none() && matches!(self.session.position(), Position::Ended(_))
    }
}

/// Whether progress can be kept, and if not, why: shown to the trainee as a notice.
#[derive(Debug, Clone, PartialEq)]
pub enum Storage {
    /// Not read yet (the pre-rendered first screen).
    Unknown,
    Ok,
    /// The browser refused storage (disabled, private mode, full): nothing will be kept.
    Unavailable(AttrValue),
    /// Saved by a newer Attune; it is left untouched and nothing is written over it.
    FromTheFuture(u32),
    /// Saved progress could not be read; it was kept aside and can be downloaded.
    Recovered {
        raw: AttrValue,
        reason: AttrValue,
    },
}

impl Storage {
    pub fn writable(&self) -> bool {
        matches!(self, Storage::Ok | Storage::Recovered { .. })
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct AppState {
    pub boot: Rc<Boot>,
    pub route: Route,
    pub scenarios: HashMap<AttrValue, Load>,
    /// Live plays by scenario id; leaving a scenario keeps its place.
    pub plays: HashMap<AttrValue, Play>,
    pub progress: Rc<Progress>,
    pub storage: Storage,
    /// Workshop mode: the scenario and the room's session. Kept apart from the
    /// trainee's own plays and not saved.
    pub presenter: Option<(AttrValue, Presenter)>,
    /// The last file opened on the library page, while it is checked or if it failed.
    pub opened: Opened,
    pub stepped_out: bool,
    /// The whole pattern catalogue with its long texts, once the glossary has loaded it
    /// (`boot.catalog` has only names, summaries and questions). `Err` says why not.
    pub full_catalog: Option<Result<Rc<Catalog>, AttrValue>>,
    /// Plays whose feedback was on screen when the first-load build handed over, by saved
    /// record: shown again when those plays resume.
    pub feedback_to_restore: Vec<(String, usize)>,
}

/// A scenario file the trainee opened from their own device.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Opened {
    #[default]
    None,
    Checking(AttrValue),
    /// Could not be used: every problem, with its line.
    Problems {
        file: AttrValue,
        diagnostics: Rc<Vec<Shown>>,
    },
    Failed(AttrValue),
    /// Playable, under the id `id`: its warnings, and how guessable its wording is against
    /// the shipped library, for the author to see beside it.
    Valid {
        id: AttrValue,
        file: AttrValue,
        warnings: Rc<Vec<Shown>>,
        guessability: Option<Rc<crate::engine::guess::ScenarioGuess>>,
    },
}

/// Opened files get ids of their own, so they never replace a shipped scenario.
pub fn opened_id(scenario_id: &str) -> AttrValue {
    AttrValue::from(format!("opened-{scenario_id}"))
}

pub enum Action {
    Navigate(Route),
    Loading(AttrValue),
    Loaded(AttrValue, Load),
    /// Saved progress was read at start-up.
    Restore(Progress, Storage),
    /// The first-load build handed over with these plays' feedback on screen.
    FeedbackShowing(Vec<(String, usize)>),
    /// Another tab saved: fold its progress into ours.
    Merge(Progress),
    StorageFailed(AttrValue),
    /// The glossary's catalogue arrived, or could not be read.
    CatalogLoaded(Result<Rc<Catalog>, AttrValue>),
    /// Start a new play with this seed (chosen by the caller, so the reducer stays pure).
    Begin {
        id: AttrValue,
        seed: u64,
        now: f64,
        /// "Say it first" for this play.
        say_first: bool,
    },
    /// The trainee's own words at the current decision (empty to skip); the options show.
    SayFirst {
        words: String,
        now: f64,
    },
    /// Choose by index in the file's order.
    Choose {
        choice: usize,
        now: f64,
    },
    Continue,
    /// Branch the current play after this many turns: a "what if".
    WhatIf {
        turns: usize,
        now: f64,
    },
    Reflect(JournalEntry),
    SetInCpd {
        entry: String,
        in_cpd: bool,
    },
    Settings(Settings),
    /// Replace everything with imported progress.
    Import(Progress),
    /// Erase all progress.
    Reset,
    /// A file is being checked.
    Opening(AttrValue),
    /// The checker answered: a playable scenario (added under its own id), or problems.
    Opened(AttrValue, Box<Result<crate::authoring::Checked, String>>),
    /// Start (or restart) running a scenario with a room.
    PresentStart {
        id: AttrValue,
        seed: u64,
        say_first: bool,
        /// Options in a seeded order rather than file order (A–D as in the pack).
        shuffle: bool,
    },
    Present(Command),
    /// A room's session read back from storage after a reload.
    PresentResume {
        id: AttrValue,
        presenter: Box<Presenter>,
    },
    /// "New session": back to the start screen with nothing kept.
    PresentEnd,
    /// A key pressed anywhere; what it means depends on the screen.
    Key {
        key: String,
        now: f64,
    },
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
            progress: Rc::new(Progress::default()),
            storage: Storage::Unknown,
            presenter: None,
            opened: Opened::None,
            stepped_out: false,
            full_catalog: None,
            feedback_to_restore: Vec::new(),
        }
    }

    /// What the library, pre-brief and titles show for a scenario: its own file's once that
    /// has loaded (the boot listing leaves out the client's background), else the listing's.
    pub fn meta(&self, id: &str) -> Option<Meta> {
        self.scenario(id)
            .map(|s| s.meta.clone())
            .or_else(|| self.boot.entry(id).map(|e| e.meta.clone()))
    }

    /// What a hand-over passes on: each live play whose feedback is on screen, one per line
    /// as `record=step` (read back by `parse_feedback_showing`).
    pub fn feedback_showing(&self) -> String {
        self.plays
            .values()
            .filter_map(|p| p.feedback.map(|step| format!("{}={step}", p.record)))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The play for the scenario on screen, if the route is a play route.
    pub fn current_play(&self) -> Option<&Play> {
        self.plays.get(&self.current_id()?)
    }

    /// The scenario whose play is on screen: the play route's, or the saved record's.
    fn current_id(&self) -> Option<AttrValue> {
        match &self.route {
            Route::Play(id) => Some(id.clone()),
            Route::PlayRecord(record) => self
                .progress
                .play(record)
                .map(|r| AttrValue::from(r.scenario.clone())),
            _ => None,
        }
    }

    /// A scenario that has loaded and validated, if it has.
    pub fn scenario(&self, id: &str) -> Option<Rc<Scenario>> {
        match self.scenarios.get(id) {
            Some(Load::Ready(s)) => Some(Rc::clone(s)),
            _ => None,
        }
    }

    /// Brings back the scenario's latest saved play once its scenario is loaded: where an
    /// unfinished one stands, or the debrief of one that has just ended, so a reload on
    /// either shows the same screen.
    fn resume_saved(&mut self, id: &AttrValue) {
        if self.plays.contains_key(id) {
            return;
        }
        if let Some(record) = self.progress.latest_play(id).cloned() {
            self.resume_record(&record);
        }
    }

    /// On a play-record route, makes that saved play the live play of its scenario once
    /// the scenario is loaded (the play it replaces is already saved). The route is the
    /// full build's (History's); the first-load build hands it over.
    #[cfg(not(feature = "studio"))]
    fn open_record(&mut self) {}

    #[cfg(feature = "studio")]
    fn open_record(&mut self) {
        let Route::PlayRecord(wanted) = &self.route else {
            return;
        };
        let Some(record) = self.progress.play(wanted).cloned() else {
            return;
        };
        if self
            .plays
            .get(record.scenario.as_str())
            .is_some_and(|p| p.record == record.id)
        {
            return;
        }
        self.resume_record(&record);
    }

    /// Rebuilds a saved play from its record, if its scenario is loaded and still fits.
    fn resume_record(&mut self, record: &PlayRecord) {
        let Some(scenario) = self.scenario(&record.scenario) else {
            return;
        };
        if let Ok(session) = Session::resume(scenario, &record.state) {
            let mut play = Play::new(session, record.id.clone());
            play.say_first = record.say_first;
            play.said = record.said.clone();
            if let Some(at) = self
                .feedback_to_restore
                .iter()
                .position(|(r, _)| *r == record.id)
            {
                let (_, step) = self.feedback_to_restore.remove(at);
                play.feedback = Some(step).filter(|&s| s < play.session.steps().len());
            }
            self.plays
                .insert(AttrValue::from(record.scenario.clone()), play);
        }
    }

    /// Writes a live play back into its saved record.
    fn save_play(&mut self, id: &AttrValue, now: f64, branch_of: Option<Branch>) {
        let Some(play) = self.plays.get(id) else {
            return;
        };
        let s = &play.session;
        let scenario = s.scenario();
        let previous = self.progress.play(&play.record).cloned();
        let started = previous.as_ref().map_or(now, |p| p.started);
        let gap = previous
            .as_ref()
            .map_or(0.0, |p| (now - p.updated).max(0.0));
        let record = PlayRecord {
            id: play.record.clone(),
            scenario: scenario.meta.id.0.clone(),
            scenario_title: scenario.meta.title.clone(),
            started,
            updated: now,
            active_seconds: previous.as_ref().map_or(0, |p| p.active_seconds)
                + (gap.min(300_000.0) / 1000.0) as u32,
            state: s.state().clone(),
            ending: s.ending().map(|e| e.id.0.clone()),
            branch_of: branch_of.or_else(|| previous.and_then(|p| p.branch_of)),
            patterns: s
                .steps()
                .iter()
                .flat_map(|st| scenario.nodes[st.node].choices[st.choice].patterns.iter())
                .map(|p| p.0.clone())
                .collect(),
            say_first: play.say_first,
            said: play.said.clone(),
        };
        Rc::make_mut(&mut self.progress).upsert(record);
    }

    /// Makes `session` the live play of scenario `id`, saved under a new record.
    fn start_play(&mut self, id: &AttrValue, mut play: Play, now: f64, branch_of: Option<Branch>) {
        play.feedback = None;
        self.plays.insert(id.clone(), play);
        self.save_play(id, now, branch_of);
    }

    fn choose(&mut self, choice: usize, now: f64) {
        if self.stepped_out {
            return;
        }
        let Some(id) = self.current_id() else { return };
        let Some(play) = self.plays.get_mut(&id) else {
            return;
        };
        if play.feedback.is_some() || play.awaiting_words() || play.session.choose(choice).is_err()
        {
            return;
        }
        play.feedback = Some(play.session.steps().len() - 1);
        self.save_play(&id, now, None);
    }
}

fn record_id(scenario: &str, now: f64, seed: u64) -> String {
    format!("{scenario}-{}-{:04x}", now as u64, seed & 0xffff)
}

impl Reducible for AppState {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut s = (*self).clone();
        match action {
            Action::Navigate(route) => {
                s.route = route;
                s.stepped_out = false;
                s.open_record();
            }
            Action::Loading(id) => {
                s.scenarios.insert(id, Load::Loading);
            }
            Action::Loaded(id, load) => {
                s.scenarios.insert(id.clone(), load);
                s.resume_saved(&id);
                s.open_record();
            }
            Action::Restore(progress, storage) => {
                s.progress = Rc::new(progress);
                s.storage = storage;
                let ids: Vec<AttrValue> = s.scenarios.keys().cloned().collect();
                for id in ids {
                    s.resume_saved(&id);
                }
                s.open_record();
            }
            Action::Merge(theirs) => {
                let merged = progress::merge(&s.progress, &theirs);
                if merged == *s.progress {
                    return self;
                }
                s.progress = Rc::new(merged);
            }
            Action::StorageFailed(why) => s.storage = Storage::Unavailable(why),
            Action::FeedbackShowing(list) => s.feedback_to_restore = list,
            Action::CatalogLoaded(catalog) => s.full_catalog = Some(catalog),
            Action::Begin {
                id,
                seed,
                now,
                say_first,
            } => {
                if let Some(scenario) = s.scenario(&id) {
                    let (session, _) = Session::start(scenario, seed);
                    let mut play = Play::new(session, record_id(&id, now, seed));
                    play.say_first = say_first;
                    s.start_play(&id, play, now, None);
                }
            }
            Action::SayFirst { words, now } => {
                let Some(id) = s.current_id() else {
                    return self;
                };
                match s.plays.get_mut(&id) {
                    Some(play) if play.awaiting_words() && !s.stepped_out => {
                        let turn = play.session.steps().len();
                        play.said.insert(turn, words.trim().to_owned());
                    }
                    _ => return self,
                }
                s.save_play(&id, now, None);
            }
            Action::Choose { choice, now } => s.choose(choice, now),
            Action::Continue => {
                if let Some(id) = s.current_id() {
                    if let Some(play) = s.plays.get_mut(&id) {
                        play.feedback = None;
                    }
                }
            }
            Action::WhatIf { turns, now } => {
                let Some(id) = s.current_id() else {
                    return self;
                };
                let Some(play) = s.plays.get(&id) else {
                    return self;
                };
                // The original play stays in the saved records untouched; the branch is new,
                // and keeps the trainee's own words up to where it branches.
                let session = play.session.rewind(turns);
                let parent = play.record.clone();
                let record = record_id(&id, now, session.state().seed ^ turns as u64 ^ 0xbeef);
                let mut branch = Play::new(session, record);
                branch.say_first = play.say_first;
                branch.said = play
                    .said
                    .range(..turns)
                    .map(|(k, v)| (*k, v.clone()))
                    .collect();
                s.start_play(
                    &id,
                    branch,
                    now,
                    Some(Branch {
                        play: parent,
                        turns,
                    }),
                );
            }
            Action::Reflect(entry) => {
                let p = Rc::make_mut(&mut s.progress);
                match p.journal.iter_mut().find(|j| j.id == entry.id) {
                    Some(j) => *j = entry,
                    None => p.journal.push(entry),
                }
            }
            Action::SetInCpd { entry, in_cpd } => {
                if let Some(j) = Rc::make_mut(&mut s.progress)
                    .journal
                    .iter_mut()
                    .find(|j| j.id == entry)
                {
                    j.in_cpd = in_cpd;
                }
            }
            Action::Settings(settings) => Rc::make_mut(&mut s.progress).settings = settings,
            Action::Import(progress) => {
                s.progress = Rc::new(progress);
                s.plays.clear();
                let ids: Vec<AttrValue> = s.scenarios.keys().cloned().collect();
                for id in ids {
                    s.resume_saved(&id);
                }
                s.open_record();
            }
            Action::Reset => {
                s.progress = Rc::new(Progress::default());
                s.plays.clear();
            }
            Action::Opening(file) => s.opened = Opened::Checking(file),
            Action::Opened(file, result) => match *result {
                Ok(checked) => match checked.scenario {
                    Some(mut scenario) => {
                        let id = opened_id(scenario.meta.id.as_str());
                        // Saved plays key on the scenario id; keep opened ones apart.
                        scenario.meta.id = crate::engine::ScenarioId(id.to_string());
                        s.scenarios
                            .insert(id.clone(), Load::Ready(Rc::new(scenario)));
                        s.opened = Opened::Valid {
                            id,
                            file,
                            warnings: Rc::new(checked.diagnostics),
                            guessability: checked.guessability.map(Rc::new),
                        };
                    }
                    None => {
                        s.opened = Opened::Problems {
                            file,
                            diagnostics: Rc::new(checked.diagnostics),
                        }
                    }
                },
                Err(why) => s.opened = Opened::Failed(why.into()),
            },
            Action::PresentStart {
                id,
                seed,
                say_first,
                shuffle,
            } => {
                if let Some(scenario) = s.scenario(&id) {
                    let (session, _) = Session::start(scenario, seed);
                    s.presenter = Some((id, Presenter::new(session, say_first, shuffle)));
                }
            }
            Action::PresentResume { id, presenter } => {
                if s.presenter.as_ref().is_none_or(|(p, _)| *p != id) {
                    s.presenter = Some((id, *presenter));
                }
            }
            Action::PresentEnd => s.presenter = None,
            Action::Present(cmd) => {
                if let (false, Some((_, p))) = (s.stepped_out, s.presenter.as_mut()) {
                    p.apply(cmd);
                }
            }
            Action::Key { key, now } => {
                if key == "Escape" {
                    s.stepped_out = !s.stepped_out;
                } else if s.stepped_out {
                    return self;
                } else if let Route::Present(_) = s.route {
                    match (Command::from_key(&key), s.presenter.as_mut()) {
                        (Some(cmd), Some((_, p))) => p.apply(cmd),
                        _ => return self,
                    }
                } else if let Some(d) = key.parse::<usize>().ok().filter(|d| (1..=9).contains(d)) {
                    let choice = s
                        .current_play()
                        .filter(|p| p.feedback.is_none())
                        .and_then(|p| p.session.offered().get(d - 1).copied());
                    match choice {
                        Some(choice) => s.choose(choice, now),
                        None => return self,
                    }
                } else {
                    return self;
                }
            }
            Action::StepOut => s.stepped_out = true,
            Action::StepBackIn => s.stepped_out = false,
        }
        Rc::new(s)
    }
}

/// Reads what `AppState::feedback_showing` wrote; lines that do not parse are skipped.
pub fn parse_feedback_showing(note: &str) -> Vec<(String, usize)> {
    note.lines()
        .filter_map(|l| l.rsplit_once('='))
        .filter_map(|(record, step)| Some((record.to_owned(), step.parse().ok()?)))
        .collect()
}

/// Shared through context so components read state without copying it into props.
pub type AppContext = UseReducerHandle<AppState>;

/// A callback that starts a fresh play of `id` (a new seed, so a new order), with or
/// without "Say it first", then, if given, moves to `then`.
pub fn begin_callback<E>(
    state: &AppContext,
    id: AttrValue,
    say_first: bool,
    then: Option<String>,
) -> Callback<E> {
    let dispatcher = state.dispatcher();
    Callback::from(move |_| {
        dispatcher.dispatch(Action::Begin {
            id: id.clone(),
            seed: super::platform::random_seed(),
            now: super::platform::now(),
            say_first,
        });
        if let Some(hash) = &then {
            super::platform::set_hash(hash);
        }
    })
}

#[cfg(test)]
mod tests {
    use super::parse_feedback_showing;

    #[test]
    fn a_hand_over_note_reads_back_and_skips_what_does_not_parse() {
        let note = "overtime-1795-00ab=2\nnot a line\nthe-stim-17=x\nsession-six-9=0";
        assert_eq!(
            parse_feedback_showing(note),
            vec![
                ("overtime-1795-00ab".to_owned(), 2),
                ("session-six-9".to_owned(), 0)
            ]
        );
        assert!(parse_feedback_showing("").is_empty());
    }
}
