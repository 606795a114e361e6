//! The shipped library: every scenario validates with no diagnostics at all, and the
//! library keeps the depth and coverage its users rely on (see issue "Scenario library").

use std::collections::{BTreeMap, BTreeSet};

use attune::engine::{Classification, EndingKind};

const PATTERNS: [&str; 9] = [
    "individualising",
    "pathologising",
    "timeline-judgement",
    "compliance-blame",
    "trauma-pressure",
    "therapist-as-expert",
    "somatic-without-consent",
    "topic-limits",
    "painful-memories-too-fast",
];

/// Rough sentence count: enough to tell one line from a paragraph.
fn sentences(text: &str) -> usize {
    text.split(['.', '?', '!'])
        .filter(|s| s.split_whitespace().count() >= 2)
        .count()
}

#[test]
fn the_catalogue_holds_the_nine_patterns() {
    let report = attune::fsload::check_dir(&super::root().join("scenarios")).unwrap();
    let catalog = report.catalog.expect("patterns.toml validates");
    let ids: Vec<&str> = catalog.patterns.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(ids, PATTERNS);
    for p in &catalog.patterns {
        assert!(
            !p.questions.is_empty() && !p.references.is_empty(),
            "{} needs questions and references",
            p.id
        );
    }
    assert!(catalog.principles.len() >= 5);
}

#[test]
fn every_scenario_has_the_depth_the_library_promises() {
    let shipped = super::shipped();
    let mut problems = Vec::new();
    for (file, s) in &shipped {
        let mut p = |m: String| problems.push(format!("{file}: {m}"));
        if s.nodes.len() < 5 {
            p(format!(
                "{} decisions; at least 5 are needed",
                s.nodes.len()
            ));
        }
        for n in &s.nodes {
            if !(3..=4).contains(&n.choices.len()) {
                p(format!(
                    "node {} has {} choices; 3 to 4 are needed",
                    n.id,
                    n.choices.len()
                ));
            }
            if !n.choices.iter().any(|c| c.class == Classification::Attuned) {
                p(format!("node {} has no attuned choice", n.id));
            }
            if !n.choices.iter().any(|c| c.class == Classification::Subtle) {
                p(format!("node {} has no subtly harmful choice", n.id));
            }
            if n.prompt.is_none() || n.facilitator_notes.is_none() {
                p(format!(
                    "node {} needs a discussion prompt and facilitator notes",
                    n.id
                ));
            }
            for c in &n.choices {
                let k = sentences(&c.rationale);
                if c.class != Classification::Attuned && !(2..=4).contains(&k) {
                    p(format!(
                        "a choice at {} has a rationale of {k} sentences; 2 to 4 are needed",
                        n.id
                    ));
                }
            }
        }
        let kinds: Vec<EndingKind> = s.endings.iter().map(|e| e.kind).collect();
        if s.endings.len() < 2
            || !kinds.contains(&EndingKind::Rupture)
            || !kinds.contains(&EndingKind::Repair)
        {
            p(format!(
                "endings {kinds:?}: at least two, including a rupture and a repair"
            ));
        }
        let branching = s.choices().filter(|c| !c.branches.is_empty()).count();
        if branching < 2 {
            p(format!(
                "{branching} choices route on relational state; at least 2 are needed"
            ));
        }
        if s.meta.content_notes.is_empty()
            || s.meta.references.is_empty()
            || s.meta.provenance.authors.is_empty()
        {
            p("content notes, references and authors are all needed".into());
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_library_covers_every_pattern() {
    let shipped = super::shipped();
    assert!(
        shipped.len() >= 12,
        "the library needs at least 12 scenarios, has {}",
        shipped.len()
    );
    let mut primary: BTreeSet<String> = BTreeSet::new();
    let mut appears: BTreeMap<String, usize> = BTreeMap::new();
    for (_, s) in &shipped {
        primary.extend(s.meta.focus.iter().map(|p| p.0.clone()));
        let used: BTreeSet<String> = s
            .choices()
            .flat_map(|c| c.patterns.iter().map(|p| p.0.clone()))
            .collect();
        for p in used {
            *appears.entry(p).or_default() += 1;
        }
    }
    for p in PATTERNS {
        assert!(primary.contains(p), "no scenario focuses on `{p}`");
        let n = appears.get(p).copied().unwrap_or(0);
        assert!(
            n >= 3,
            "`{p}` appears in the feedback of {n} scenarios; at least 3 are needed"
        );
    }
}

#[test]
fn starter_scenarios_cover_at_least_four_patterns() {
    let shipped = super::shipped();
    let starters: BTreeSet<String> = shipped
        .iter()
        .take(2)
        .flat_map(|(_, s)| {
            s.choices()
                .flat_map(|c| c.patterns.iter().map(|p| p.0.clone()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        starters.len() >= 4,
        "the first two scenarios cover {starters:?}"
    );
}
