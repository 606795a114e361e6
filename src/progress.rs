//! Saved progress: plays (finished, in progress and "what if" branches), the reflection
//! journal and settings, as one versioned document. Pure: the browser layer reads and
//! writes the text; this module parses, migrates, merges and summarises it.
//!
//! Nothing here may lose a user's work. Unreadable text is reported, not discarded; a
//! document from a newer Attune is refused, not overwritten; and two copies (two tabs)
//! merge instead of the last writer winning.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::engine::SessionState;

pub mod cpd;
pub mod import;

/// Bump when `Progress` changes shape, and add a step to `migrate`.
pub const PROGRESS_VERSION: u32 = 1;
/// The localStorage key.
pub const STORAGE_KEY: &str = "attune.progress";
/// Where unreadable progress is kept aside, so it can still be downloaded.
pub const BACKUP_KEY: &str = "attune.progress.unreadable";
/// Where the progress on this device is copied before an import changes it, so the import
/// can be undone.
pub const BEFORE_IMPORT_KEY: &str = "attune.progress.before-import";
/// The text sizes Attune accepts, in percent of the default. The Display page offers
/// 100 to 200; anything outside this range would make the page unreadable.
pub const TEXT_SIZES: std::ops::RangeInclusive<u16> = 75..=200;
/// No single play can have taken longer than a day of active time: each action counts
/// at most five minutes, and a scenario has a few dozen actions at most.
pub const MAX_ACTIVE_SECONDS: u32 = 24 * 60 * 60;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub version: u32,
    #[serde(default)]
    pub plays: Vec<PlayRecord>,
    #[serde(default)]
    pub journal: Vec<JournalEntry>,
    #[serde(default)]
    pub settings: Settings,
}

impl Default for Progress {
    fn default() -> Self {
        Progress {
            version: PROGRESS_VERSION,
            plays: Vec::new(),
            journal: Vec::new(),
            settings: Settings::default(),
        }
    }
}

/// Where a "what if" play branched from: another play, after this many turns.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branch {
    pub play: String,
    pub turns: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PlayRecord {
    /// Unique and stable: the scenario id and the start time.
    pub id: String,
    pub scenario: String,
    pub scenario_title: String,
    /// Milliseconds since the Unix epoch.
    pub started: f64,
    pub updated: f64,
    /// Time actively spent, counting no more than five minutes between two actions.
    #[serde(default)]
    pub active_seconds: u32,
    pub state: SessionState,
    /// The ending's id once the play has finished.
    #[serde(default)]
    pub ending: Option<String>,
    #[serde(default)]
    pub branch_of: Option<Branch>,
    /// Patterns risked by the choices made, in order, for "My patterns".
    #[serde(default)]
    pub patterns: Vec<String>,
    /// "Say it first": whether this play asks for the trainee's own words before showing
    /// the options at each decision.
    #[serde(default)]
    pub say_first: bool,
    /// The trainee's own words at each decision, by turn (0-based); empty where they
    /// chose to skip. Kept on this device only, like the journal.
    #[serde(default)]
    pub said: BTreeMap<usize, String>,
}

impl PlayRecord {
    pub fn finished(&self) -> bool {
        self.ending.is_some()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JournalEntry {
    pub id: String,
    pub created: f64,
    pub scenario: String,
    pub scenario_title: String,
    /// Where it was written, e.g. "After turn 3" or "Debrief".
    pub context: String,
    #[serde(default)]
    pub prompt: Option<String>,
    pub text: String,
    /// Whether the trainee chose to put it in the CPD log.
    #[serde(default)]
    pub in_cpd: bool,
    /// When the text was last saved (milliseconds since the epoch); 0 in documents written
    /// before this was recorded, where `created` stands in. Merges keep the later copy.
    #[serde(default)]
    pub updated: f64,
}

impl JournalEntry {
    /// When this entry last changed, for merges.
    pub fn changed(&self) -> f64 {
        self.updated.max(self.created)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "kebab-case")]
pub enum Theme {
    /// Follow the system's light or dark preference.
    #[default]
    System,
    Light,
    Dark,
    HighContrast,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub theme: Theme,
    /// Percent of the default text size.
    #[serde(default = "default_text_size")]
    pub text_size: u16,
    /// Start each play with "Say it first" switched on.
    #[serde(default)]
    pub say_it_first: bool,
    /// Show the client's state (the meters) while playing; the debrief always shows it.
    #[serde(default = "yes")]
    pub show_state: bool,
}

fn default_text_size() -> u16 {
    100
}

fn yes() -> bool {
    true
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            theme: Theme::System,
            text_size: 100,
            say_it_first: false,
            show_state: true,
        }
    }
}

/// What was found in storage.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing saved yet.
    Fresh,
    Ok(Progress),
    /// The text could not be read as progress; it is returned so it can be kept aside.
    Unreadable {
        raw: String,
        reason: String,
    },
    /// Saved by a newer Attune: do not overwrite it.
    FromTheFuture {
        version: u32,
    },
}

/// Reads saved text, migrating older versions, and brings any value that is out of its
/// range back into it (see `Progress::repaired`), so a bad value in storage can never
/// leave the app unusable.
pub fn load(raw: Option<&str>) -> Loaded {
    match parse(raw) {
        Loaded::Ok(p) => Loaded::Ok(p.repaired().0),
        other => other,
    }
}

/// Reads saved text as it is, migrating older versions but checking no ranges.
pub(crate) fn parse(raw: Option<&str>) -> Loaded {
    let Some(raw) = raw.filter(|r| !r.trim().is_empty()) else {
        return Loaded::Fresh;
    };
    // The version alone first, so a newer document is recognised even if its shape is new.
    #[derive(Deserialize)]
    struct Versioned {
        #[serde(default)]
        version: u32,
    }
    let version = match serde_json::from_str::<Versioned>(raw) {
        Ok(v) => v.version,
        Err(e) => {
            return Loaded::Unreadable {
                raw: raw.to_owned(),
                reason: e.to_string(),
            }
        }
    };
    if version > PROGRESS_VERSION {
        return Loaded::FromTheFuture { version };
    }
    match migrate(raw, version) {
        Ok(p) => Loaded::Ok(p),
        Err(reason) => Loaded::Unreadable {
            raw: raw.to_owned(),
            reason,
        },
    }
}

/// Reads a document of any version Attune has written, as the current `Progress`. Each
/// earlier version gets its own typed struct here and a conversion, one step at a time;
/// typed rather than a JSON tree, which also keeps the wasm small.
fn migrate(raw: &str, version: u32) -> Result<Progress, String> {
    match version {
        PROGRESS_VERSION => serde_json::from_str::<Progress>(raw).map_err(|e| e.to_string()),
        other => Err(format!(
            "progress version {other} is not one Attune ever wrote"
        )),
    }
}

pub fn to_json(p: &Progress) -> String {
    serde_json::to_string(p).unwrap_or_default()
}

/// Merges two copies (this tab's and another's). Plays and journal entries are unions by
/// id, the most recently updated copy of each winning; settings come from `newer`.
pub fn merge(mine: &Progress, newer: &Progress) -> Progress {
    let mut plays: BTreeMap<String, PlayRecord> = BTreeMap::new();
    for p in mine.plays.iter().chain(&newer.plays) {
        match plays.get(&p.id) {
            Some(existing) if existing.updated > p.updated => {}
            _ => {
                plays.insert(p.id.clone(), p.clone());
            }
        }
    }
    let mut journal: BTreeMap<String, JournalEntry> = BTreeMap::new();
    for j in mine.journal.iter().chain(&newer.journal) {
        match journal.get(&j.id) {
            Some(existing) if existing.changed() > j.changed() => {}
            _ => {
                journal.insert(j.id.clone(), j.clone());
            }
        }
    }
    let mut plays: Vec<PlayRecord> = plays.into_values().collect();
    plays.sort_by(|a, b| a.started.total_cmp(&b.started));
    let mut journal: Vec<JournalEntry> = journal.into_values().collect();
    journal.sort_by(|a, b| a.created.total_cmp(&b.created));
    Progress {
        version: PROGRESS_VERSION,
        plays,
        journal,
        settings: newer.settings.clone(),
    }
}

impl Progress {
    /// Every value that is outside the range Attune itself would write, in plain words.
    /// An import with any of these is refused; in storage they are repaired instead.
    pub fn problems(&self) -> Vec<String> {
        self.check(false).1
    }

    /// A copy with every out-of-range value brought back into range, and what was changed.
    /// Nothing the trainee wrote is touched: only settings and counters can be repaired.
    pub fn repaired(&self) -> (Progress, Vec<String>) {
        self.check(true)
    }

    fn check(&self, repair: bool) -> (Progress, Vec<String>) {
        let mut out = if repair {
            self.clone()
        } else {
            Progress::default()
        };
        let mut problems = Vec::new();
        let size = self.settings.text_size;
        if !TEXT_SIZES.contains(&size) {
            problems.push(format!(
                "The text size is {size}%, but Attune uses sizes from {}% to {}%.",
                TEXT_SIZES.start(),
                TEXT_SIZES.end()
            ));
            out.settings.text_size = default_text_size();
        }
        for (i, p) in self.plays.iter().enumerate() {
            let when = date_of(p.started);
            if p.started < 0.0 || p.updated < p.started {
                problems.push(format!(
                    "The play of “{}” has dates that run backwards (started {when}, last changed {}).",
                    p.scenario_title,
                    date_of(p.updated)
                ));
                if repair {
                    out.plays[i].started = p.started.max(0.0);
                    out.plays[i].updated = p.updated.max(out.plays[i].started);
                }
            }
            let elapsed = ((p.updated - p.started).max(0.0) / 1000.0).ceil() as u32;
            let limit = elapsed.saturating_add(60).min(MAX_ACTIVE_SECONDS);
            if p.active_seconds > limit {
                problems.push(format!(
                    "The play of “{}” on {when} records {} minutes of practice, more than {} minutes could have passed.",
                    p.scenario_title,
                    p.active_seconds / 60,
                    limit / 60
                ));
                if repair {
                    out.plays[i].active_seconds = limit;
                }
            }
        }
        (out, problems)
    }

    pub fn play(&self, id: &str) -> Option<&PlayRecord> {
        self.plays.iter().find(|p| p.id == id)
    }

    /// The newest unfinished play of a scenario, if any: the place to resume.
    pub fn open_play(&self, scenario: &str) -> Option<&PlayRecord> {
        self.plays
            .iter()
            .filter(|p| p.scenario == scenario && !p.finished())
            .max_by(|a, b| a.updated.total_cmp(&b.updated))
    }

    /// The scenario's most recently changed play, finished or not: what `#/play/…` shows
    /// after a reload, so a play that has just ended still shows its debrief.
    pub fn latest_play(&self, scenario: &str) -> Option<&PlayRecord> {
        self.plays
            .iter()
            .filter(|p| p.scenario == scenario)
            .max_by(|a, b| a.updated.total_cmp(&b.updated))
    }

    /// Where the trainee stands with a scenario, for the library: whether its latest play
    /// is unfinished, and how many plays reached an ending ("what if" branches aside).
    pub fn standing(&self, scenario: &str) -> (bool, usize) {
        let in_progress = self.latest_play(scenario).is_some_and(|p| !p.finished());
        let completed = self
            .plays
            .iter()
            .filter(|p| p.scenario == scenario && p.finished() && p.branch_of.is_none())
            .count();
        (in_progress, completed)
    }

    /// Inserts or replaces a play record by id.
    pub fn upsert(&mut self, record: PlayRecord) {
        match self.plays.iter_mut().find(|p| p.id == record.id) {
            Some(p) => *p = record,
            None => self.plays.push(record),
        }
    }

    /// How often each pattern was risked, across every play.
    pub fn pattern_totals(&self) -> BTreeMap<String, usize> {
        let mut out = BTreeMap::new();
        for p in &self.plays {
            for id in &p.patterns {
                *out.entry(id.clone()).or_default() += 1;
            }
        }
        out
    }
}

/// `YYYY-MM-DD` for milliseconds since the Unix epoch (UTC), without a date library.
pub fn date_of(ms: f64) -> String {
    let days = (ms / 86_400_000.0).floor() as i64;
    // Howard Hinnant's civil-from-days algorithm.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!("{y:04}-{m:02}-{d:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_civil_utc() {
        assert_eq!(date_of(0.0), "1970-01-01");
        assert_eq!(date_of(1_795_478_400_000.0), "2026-11-24");
        assert_eq!(date_of(951_782_400_000.0), "2000-02-29");
    }

    #[test]
    fn blank_and_garbage_are_told_apart() {
        assert_eq!(load(None), Loaded::Fresh);
        assert_eq!(load(Some("  ")), Loaded::Fresh);
        assert!(matches!(load(Some("{not json")), Loaded::Unreadable { .. }));
        assert!(matches!(load(Some("[1,2]")), Loaded::Unreadable { .. }));
        assert_eq!(
            load(Some(r#"{"version": 7}"#)),
            Loaded::FromTheFuture { version: 7 }
        );
    }
}
