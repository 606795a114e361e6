//! Reflection drafts, autosaved as they are typed: each journal entry's unsaved words sit
//! under a key of their own (`attune.draft.<entry id>`), apart from the progress document,
//! so a reload, Continue or leaving for the library loses no words and a draft never
//! touches saved progress. A draft is removed once its reflection is saved, and erasing all
//! progress erases the drafts too. A stored draft that is blank or far too long to be
//! one is ignored, never a panic.

use super::platform;

/// The start of every draft's key; the journal entry's id follows.
pub const DRAFT_PREFIX: &str = "attune.draft.";
/// No reflection is this long; anything longer was not written by this box.
const MAX_DRAFT: usize = 200_000;

fn key(entry: &str) -> String {
    format!("{DRAFT_PREFIX}{entry}")
}

/// A stored draft, if it is one worth restoring.
pub fn usable(raw: Option<String>) -> Option<String> {
    raw.filter(|t| !t.trim().is_empty() && t.len() <= MAX_DRAFT)
}

/// The unsaved draft for this journal entry, if one was kept.
pub fn read(entry: &str) -> Option<String> {
    usable(platform::storage_read(&key(entry)).ok().flatten())
}

/// Keeps `text` as this entry's draft, or forgets the draft when `text` is `None`.
/// Storage that refuses is left alone: the words stay in the text box.
pub fn write(entry: &str, text: Option<&str>) {
    match text {
        Some(t) => {
            let _ = platform::storage_write(&key(entry), t);
        }
        None => platform::storage_remove(&key(entry)),
    }
}

/// Forgets every draft, for "Erase all progress".
pub fn clear_all() {
    for k in platform::storage_keys(DRAFT_PREFIX) {
        platform::storage_remove(&k);
    }
}

#[cfg(test)]
mod tests {
    use super::usable;

    #[test]
    fn blank_and_oversized_drafts_are_ignored() {
        assert_eq!(usable(None), None);
        assert_eq!(usable(Some("  \n".into())), None);
        assert_eq!(usable(Some("x".repeat(200_001))), None);
        assert_eq!(
            usable(Some("half a thought".into())).as_deref(),
            Some("half a thought")
        );
    }
}
