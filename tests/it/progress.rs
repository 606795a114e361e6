//! Saved progress: every saved-state version loads, unreadable and future documents are
//! refused without loss, tabs merge without losing writes, and exports round-trip.

use attune::progress::{self, Loaded, Progress};

fn fixture(name: &str) -> String {
    std::fs::read_to_string(super::fixture(&format!("progress/{name}"))).unwrap()
}

fn v1() -> Progress {
    match progress::load(Some(&fixture("v1.json"))) {
        Loaded::Ok(p) => p,
        other => panic!("v1 should load, got {other:?}"),
    }
}

#[test]
fn every_saved_version_loads() {
    // One fixture per version Attune has written; add one when PROGRESS_VERSION grows.
    let dir = super::fixture("progress");
    let mut versions = 0;
    for v in 1..=progress::PROGRESS_VERSION {
        let text = std::fs::read_to_string(dir.join(format!("v{v}.json")))
            .unwrap_or_else(|_| panic!("missing fixture for progress version {v}"));
        assert!(matches!(progress::load(Some(&text)), Loaded::Ok(_)), "v{v}");
        versions += 1;
    }
    assert_eq!(versions, progress::PROGRESS_VERSION);
    let p = v1();
    assert_eq!(p.plays.len(), 2);
    assert_eq!(p.journal.len(), 2);
    assert_eq!(p.settings.text_size, 125);
}

#[test]
fn saved_plays_resume_over_the_shipped_scenarios() {
    let shipped = super::shipped();
    for record in &v1().plays {
        let (_, scenario) = shipped
            .iter()
            .find(|(_, s)| s.meta.id.0 == record.scenario)
            .unwrap();
        let s =
            attune::engine::Session::resume(std::rc::Rc::clone(scenario), &record.state).unwrap();
        assert_eq!(s.steps().len(), record.state.picks.len());
    }
}

#[test]
fn unreadable_and_future_documents_are_refused_without_loss() {
    let raw = fixture("corrupt.json");
    match progress::load(Some(&raw)) {
        Loaded::Unreadable { raw: kept, reason } => {
            assert_eq!(kept, raw, "the text is handed back whole, to be kept aside");
            assert!(!reason.is_empty());
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(
        progress::load(Some(&fixture("future.json"))),
        Loaded::FromTheFuture { version: 2 }
    );
}

#[test]
fn two_tabs_merge_without_losing_writes() {
    let base = v1();
    let mut tab_a = base.clone();
    let mut tab_b = base.clone();
    tab_a.journal.push(attune::progress::JournalEntry {
        id: "from-a".into(),
        created: 1.0,
        scenario: "overtime".into(),
        scenario_title: "Overtime".into(),
        context: "Debrief".into(),
        prompt: None,
        text: "written in tab A".into(),
        in_cpd: false,
    });
    let mut moved = tab_b.plays[0].clone();
    moved.updated += 1000.0;
    moved.state.picks.push(attune::engine::Pick {
        node: "feedback".into(),
        choice: 2,
    });
    tab_b.upsert(moved.clone());
    let merged = progress::merge(&tab_a, &tab_b);
    assert!(merged.journal.iter().any(|j| j.id == "from-a"));
    assert_eq!(
        merged.play(&moved.id).unwrap().state.picks.len(),
        2,
        "the newer play wins"
    );
    assert_eq!(
        progress::merge(&tab_b, &tab_a).plays,
        merged.plays,
        "merging is order-independent for plays"
    );
}

#[test]
fn export_round_trips_and_the_cpd_log_lists_what_was_chosen() {
    let p = v1();
    let json = progress::to_json(&p);
    assert_eq!(progress::load(Some(&json)), Loaded::Ok(p.clone()));
    let md = p.cpd_markdown("2026-11-24", |id| format!("Pattern {id}"));
    assert!(md.contains("Scenarios completed: 1."), "{md}");
    assert!(md.contains("| 2026-11-24 | The allotment | 14 |"), "{md}");
    assert!(md.contains("Pattern painful-memories-too-fast"));
    assert!(md.contains("The referral wording pulled me"));
    assert!(
        !md.contains("Private: not for the log."),
        "unticked reflections stay out"
    );
}
