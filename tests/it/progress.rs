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
        updated: 0.0,
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
    assert!(md.contains("| 2026-11-24 | The allotment | 0:14 |"), "{md}");
    assert!(md.contains("Pattern painful-memories-too-fast"));
    assert!(md.contains("The referral wording pulled me"));
    assert!(
        !md.contains("Private: not for the log."),
        "unticked reflections stay out"
    );
}

fn reflection(id: &str, created: f64, text: &str) -> attune::progress::JournalEntry {
    attune::progress::JournalEntry {
        id: id.into(),
        created,
        scenario: "overtime".into(),
        scenario_title: "Overtime".into(),
        context: "Debrief".into(),
        prompt: None,
        text: text.into(),
        in_cpd: false,
        updated: created,
    }
}

#[test]
fn importing_an_older_export_keeps_newer_work() {
    use attune::progress::import;
    let monday = v1();
    let export = progress::to_json(&monday);
    let mut device = monday.clone();
    device.journal.push(reflection(
        "j3",
        1_795_600_000_000.0,
        "written after the export",
    ));
    let mut edited = device.journal[0].clone();
    edited.text = "edited on Wednesday".into();
    edited.updated = 1_795_700_000_000.0;
    device.journal[0] = edited;

    let incoming = import::read(&export).expect("a real export is accepted");
    let c = import::compare(&device, &incoming);
    assert_eq!((c.file_reflections, c.device_reflections), (2, 3));
    assert_eq!(
        c.device_only_reflections, 1,
        "the new reflection is not in the file"
    );
    assert_eq!(c.newer_here, 1, "the edited reflection is newer here");
    assert!(c.replace_loses_work());

    let merged = import::merged(&device, &incoming);
    assert_eq!(merged.journal.len(), 3);
    assert!(merged
        .journal
        .iter()
        .any(|j| j.text == "written after the export"));
    assert!(merged
        .journal
        .iter()
        .any(|j| j.text == "edited on Wednesday"));
    assert_eq!(
        merged.settings, device.settings,
        "a merge keeps this device's display"
    );

    let replaced = import::replaced(&device, &incoming);
    assert_eq!(
        replaced.journal, monday.journal,
        "replace takes the file, once confirmed"
    );
}

#[test]
fn a_file_without_its_journal_never_empties_the_journal() {
    use attune::progress::import;
    let device = v1();
    let mut doc: serde_json::Value = serde_json::from_str(&progress::to_json(&device)).unwrap();
    doc.as_object_mut().unwrap().remove("journal");
    let incoming = import::read(&doc.to_string()).expect("accepted: the other sections are fine");
    assert!(!incoming.has_journal);
    assert_eq!(
        import::compare(&device, &incoming).device_only_reflections,
        0
    );
    assert_eq!(import::replaced(&device, &incoming).journal, device.journal);
    assert_eq!(import::merged(&device, &incoming).journal, device.journal);
}

#[test]
fn out_of_range_values_are_refused_on_import_and_repaired_in_storage() {
    use attune::progress::import;
    let mut bad = v1();
    bad.settings.text_size = 9999;
    bad.plays[0].active_seconds = 3_600_000;
    let text = progress::to_json(&bad);
    let why = import::read(&text).unwrap_err();
    assert!(why.contains("text size is 9999%"), "{why}");
    assert!(why.contains("60000 minutes"), "{why}");
    assert!(why.ends_with("Nothing was changed."), "{why}");
    match progress::load(Some(&text)) {
        Loaded::Ok(p) => {
            assert!(progress::TEXT_SIZES.contains(&p.settings.text_size));
            assert!(
                p.plays[0].active_seconds <= 300 + 60,
                "no more than the play's own span"
            );
            assert_eq!(
                p.journal, bad.journal,
                "repair never touches what was written"
            );
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn refusals_say_what_is_wrong_in_plain_words() {
    use attune::progress::import;
    let whole = progress::to_json(&v1());
    let cut = import::read(&whole[..whole.len() / 2]).unwrap_err();
    assert!(cut.contains("cut off"), "{cut}");
    for why in [
        cut,
        import::read("hello").unwrap_err(),
        import::read(r#"{"plays": 3}"#).unwrap_err(),
        import::read(r#"{"version": 1, "plays": [{"id": 3}]}"#).unwrap_err(),
    ] {
        assert!(
            !why.contains("EOF") && !why.contains("column"),
            "parser text leaked: {why}"
        );
        assert!(why.ends_with("Nothing was changed."), "{why}");
    }
}

/// A finished play of `scenario` with this much active time, optionally a branch.
fn finished_play(id: &str, started: f64, seconds: u32, branch: bool) -> progress::PlayRecord {
    let mut p = v1().plays[1].clone();
    p.id = id.into();
    p.started = started;
    p.updated = started + f64::from(seconds) * 1000.0;
    p.active_seconds = seconds;
    p.branch_of = branch.then(|| progress::Branch {
        play: "the-allotment-1795479000000-00bb".into(),
        turns: 1,
    });
    p
}

#[test]
fn the_cpd_total_is_the_sum_of_its_rows_and_a_what_if_is_not_a_completion() {
    let mut p = v1();
    // 14 min (in v1), 59 s, 2 min 59 s, and a 1 h 3 min "what if" branch.
    p.plays
        .push(finished_play("a", 1_795_480_000_000.0, 59, false));
    p.plays
        .push(finished_play("b", 1_795_481_000_000.0, 179, false));
    p.plays
        .push(finished_play("c", 1_795_482_000_000.0, 3780, true));
    let log = p.cpd_log(|id| id.to_owned());
    assert_eq!(
        log.rows.len(),
        4,
        "every finished play is listed, branches too"
    );
    assert_eq!((log.completed, log.branches), (3, 1));
    assert_eq!(
        log.minutes,
        log.rows.iter().map(|r| r.minutes).sum::<u32>(),
        "the total is the sum of the rows"
    );
    let times: Vec<String> = log.rows.iter().map(|r| r.time()).collect();
    assert_eq!(times, ["0:14", "under 1 min", "0:02", "1:03"]);
    assert_eq!(progress::cpd::hm(log.minutes), "1:19");

    let md = p.cpd_markdown("2026-11-24", |id| id.to_owned());
    assert!(md.contains("Scenarios completed: 3."), "{md}");
    assert!(
        md.contains("One “what if” branch was also explored"),
        "{md}"
    );
    assert!(md.contains("Time spent: 1:19 (hours:minutes)."), "{md}");
    assert!(md.contains("| under 1 min |"), "{md}");
    assert!(md.contains("The allotment (what if) | 1:03 |"), "{md}");
    assert!(md.contains("| | **Total** | **1:19** | |"), "{md}");
    // The rows in the Markdown add up to its header too.
    let minutes: u32 = md
        .lines()
        .filter(|l| l.starts_with("| 20"))
        .map(|l| l.split('|').nth(3).unwrap().trim())
        .filter_map(|t| t.split_once(':'))
        .map(|(h, m)| h.parse::<u32>().unwrap() * 60 + m.parse::<u32>().unwrap())
        .sum();
    assert_eq!(minutes, log.minutes);
}

#[test]
fn the_library_standing_counts_endings_reached_but_not_what_if_branches() {
    let mut p = v1();
    assert_eq!(p.standing("overtime"), (true, 0), "an unfinished play");
    assert_eq!(p.standing("the-allotment"), (false, 1));
    assert_eq!(p.standing("the-choir"), (false, 0), "never played");
    p.plays
        .push(finished_play("branch", 1_795_482_000_000.0, 120, true));
    assert_eq!(
        p.standing("the-allotment"),
        (false, 1),
        "a what-if branch is not another completion"
    );
    let mut again = p.plays[0].clone();
    again.id = "again".into();
    again.scenario = "the-allotment".into();
    again.updated = 1_795_490_000_000.0;
    p.plays.push(again);
    assert_eq!(
        p.standing("the-allotment"),
        (true, 1),
        "its latest play is under way"
    );
}
