//! Importing an exported progress file without losing anything on this device.
//!
//! The file is read and every value checked before anything changes; a refusal says in
//! plain words what is wrong. What the file holds is then compared with this device, and
//! the trainee chooses: merge (nothing is removed, the later copy of each play or
//! reflection wins) or replace (after confirming). Either way the page keeps a copy of
//! what was here first, so an import can be undone. A section the file does not have is
//! never emptied. Pure: the page does the reading, writing and asking.

use std::collections::BTreeMap;

use serde::de::IgnoredAny;
use serde::Deserialize;

use super::{merge, parse, Loaded, Progress};

/// A file that passed every check, with the sections it actually contains.
#[derive(Debug, Clone, PartialEq)]
pub struct Incoming {
    pub progress: Progress,
    pub has_plays: bool,
    pub has_journal: bool,
    pub has_settings: bool,
}

/// Reads an export. `Err` is a sentence for the trainee ending with what happened to their
/// progress (nothing).
pub fn read(text: &str) -> Result<Incoming, String> {
    let refuse = |why: String| Err(format!("{why} Nothing was changed."));
    let progress = match parse(Some(text)) {
        Loaded::Ok(p) => p,
        Loaded::Fresh => return refuse("That file is empty.".into()),
        Loaded::FromTheFuture { version } => {
            return refuse(format!(
                "That file was saved by a newer version of Attune (format {version}); update Attune on this device to read it."
            ))
        }
        Loaded::Unreadable { reason, .. } => return refuse(unreadable(text, &reason)),
    };
    let problems = progress.problems();
    if !problems.is_empty() {
        return refuse(format!(
            "That file has values Attune would never save, so it may have been edited or damaged: {}",
            problems.join(" ")
        ));
    }
    #[derive(Deserialize)]
    struct Sections {
        plays: Option<IgnoredAny>,
        journal: Option<IgnoredAny>,
        settings: Option<IgnoredAny>,
    }
    let sections: Sections = match serde_json::from_str(text) {
        Ok(s) => s,
        Err(e) => return refuse(unreadable(text, &e.to_string())),
    };
    if sections.plays.is_none() && sections.journal.is_none() && sections.settings.is_none() {
        return refuse("That file has no plays, reflections or settings in it.".into());
    }
    Ok(Incoming {
        progress,
        has_plays: sections.plays.is_some(),
        has_journal: sections.journal.is_some(),
        has_settings: sections.settings.is_some(),
    })
}

/// Says why a file could not be read, without quoting the parser.
fn unreadable(text: &str, reason: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(text) {
        Err(e) if e.is_eof() => "That file stops part-way through, as if it was cut off while it was copied or downloaded.".into(),
        Err(e) => format!(
            "That file is not an Attune progress export: its text is not in the expected format (line {}).",
            e.line()
        ),
        Ok(serde_json::Value::Object(_)) if reason.contains("version") => {
            "That file does not say which version of Attune saved it, so it is not an Attune progress export.".into()
        }
        Ok(serde_json::Value::Object(_)) => {
            "That file looks like an Attune export, but some of what it holds is not in the form Attune saves (it may have been edited by hand).".into()
        }
        Ok(_) => "That file is not an Attune progress export.".into(),
    }
}

/// What a file holds, set against this device.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Comparison {
    pub file_plays: usize,
    pub file_reflections: usize,
    pub device_plays: usize,
    pub device_reflections: usize,
    /// In the file and not on this device: a merge adds them.
    pub new_plays: usize,
    pub new_reflections: usize,
    /// On this device and not in the file: a replace would remove them.
    pub device_only_plays: usize,
    pub device_only_reflections: usize,
    /// On both, changed later on this device: a replace would go back to the older copy.
    pub newer_here: usize,
    /// On both, changed later in the file: either way takes the file's copy.
    pub newer_in_file: usize,
}

impl Comparison {
    /// Whether replacing would lose anything this device has.
    pub fn replace_loses_work(&self) -> bool {
        self.device_only_plays + self.device_only_reflections + self.newer_here > 0
    }
}

pub fn compare(device: &Progress, incoming: &Incoming) -> Comparison {
    let file = &incoming.progress;
    let mut c = Comparison {
        file_plays: file.plays.len(),
        file_reflections: file.journal.len(),
        device_plays: device.plays.len(),
        device_reflections: device.journal.len(),
        ..Comparison::default()
    };
    let plays = |p: &Progress| -> BTreeMap<String, f64> {
        p.plays.iter().map(|r| (r.id.clone(), r.updated)).collect()
    };
    let notes = |p: &Progress| -> BTreeMap<String, f64> {
        p.journal
            .iter()
            .map(|j| (j.id.clone(), j.changed()))
            .collect()
    };
    let (mine, theirs) = (plays(device), plays(file));
    c.new_plays = theirs.keys().filter(|k| !mine.contains_key(*k)).count();
    let (mine_notes, their_notes) = (notes(device), notes(file));
    c.new_reflections = their_notes
        .keys()
        .filter(|k| !mine_notes.contains_key(*k))
        .count();
    // A missing section is kept whole by both merge and replace, so it loses nothing.
    if incoming.has_plays {
        c.device_only_plays = mine.keys().filter(|k| !theirs.contains_key(*k)).count();
    }
    if incoming.has_journal {
        c.device_only_reflections = mine_notes
            .keys()
            .filter(|k| !their_notes.contains_key(*k))
            .count();
    }
    for (here, there, present) in [
        (&mine, &theirs, incoming.has_plays),
        (&mine_notes, &their_notes, incoming.has_journal),
    ] {
        for (id, when) in here {
            match there.get(id) {
                Some(t) if t > when => c.newer_in_file += 1,
                Some(t) if t < when && present => c.newer_here += 1,
                _ => {}
            }
        }
    }
    c
}

/// Everything from both: each play and reflection appears once, in its later copy (this
/// device's when they are equally recent). Display settings stay as they are here.
pub fn merged(device: &Progress, incoming: &Incoming) -> Progress {
    merge(&incoming.progress, device)
}

/// The file's sections in place of this device's; a section the file lacks is kept.
pub fn replaced(device: &Progress, incoming: &Incoming) -> Progress {
    let file = &incoming.progress;
    Progress {
        version: file.version,
        plays: if incoming.has_plays {
            file.plays.clone()
        } else {
            device.plays.clone()
        },
        journal: if incoming.has_journal {
            file.journal.clone()
        } else {
            device.journal.clone()
        },
        settings: if incoming.has_settings {
            file.settings.clone()
        } else {
            device.settings.clone()
        },
    }
}
