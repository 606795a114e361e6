//! Domain lints: each `tests/fixtures/lint/NAME.toml` is a valid scenario that must give
//! exactly the warnings in `NAME.expected` (`CODE LINE:COL` per line), and every
//! diagnostic code, error or warning, has a fixture somewhere.

use std::collections::BTreeSet;

use attune::engine::lint;
use attune::engine::{validate, Code, Severity, SourceFile};

fn expected(path: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("{} is missing", path.display()))
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect()
}

fn tomls(dir: &str) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(super::fixture(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_lint_fixture_validates_with_exactly_its_warnings() {
    let catalog = super::fixture_catalog();
    let mut failures = Vec::new();
    let files = tomls("lint");
    assert!(files.len() >= 7, "expected a fixture per lint");
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let src = SourceFile::new(name.clone(), std::fs::read_to_string(path).unwrap());
        let (scenario, diags) = validate::scenario(&src, &catalog);
        assert!(
            scenario.is_some(),
            "{name} must validate: {:#?}",
            diags.iter().map(|d| d.one_line()).collect::<Vec<_>>()
        );
        for d in &diags {
            assert_eq!(d.severity, Severity::Warning, "{}", d.one_line());
            assert!(d.hint.as_deref().is_some_and(|h| !h.is_empty()));
            assert!(!d.message.is_empty());
            assert!(
                d.span.end > d.span.start,
                "{} has an empty span",
                d.one_line()
            );
        }
        let got: Vec<String> = diags
            .iter()
            .map(|d| format!("{} {}:{}", d.code.code(), d.line, d.column))
            .collect();
        let want = expected(&path.with_extension("expected"));
        if got != want {
            failures.push(format!("{name}:\n  want {want:?}\n  got  {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn every_diagnostic_code_has_a_fixture() {
    // Size, encoding and manifest problems cannot be written as one scenario file; the
    // Rust tests in fixtures.rs cover them. Guessability (A025) is a figure about a whole
    // library: its fixture is the folder tests/fixtures/guess/giveaway, checked in guess.rs.
    let mut covered: BTreeSet<String> = ["A014", "A015", "A016", "A025"].map(String::from).into();
    for dir in ["invalid", "lint"] {
        for path in tomls(dir) {
            for line in expected(&path.with_extension("expected")) {
                covered.insert(line.split(' ').next().unwrap_or("").to_owned());
            }
        }
    }
    let missing: Vec<String> = Code::ALL
        .iter()
        .filter(|c| !covered.contains(c.code()))
        .map(|c| format!("{} {}", c.code(), c.name()))
        .collect();
    assert!(missing.is_empty(), "codes without a fixture: {missing:?}");
}

#[test]
fn lints_stay_quiet_on_files_with_errors() {
    // A file with errors gets its errors only: lints on a half-built model are noise.
    let catalog = super::fixture_catalog();
    let text = std::fs::read_to_string(super::fixture("lint/no-content-notes.toml"))
        .unwrap()
        .replace("next = \"middle\"", "next = \"nowhere\"");
    let (s, diags) = validate::scenario(&SourceFile::new("x.toml", text), &catalog);
    assert!(s.is_none());
    assert!(
        diags.iter().all(|d| d.severity == Severity::Error),
        "{diags:?}"
    );
    assert!(diags.iter().any(|d| d.code == Code::DanglingNext));
}

#[test]
fn the_state_search_finishes_on_every_shipped_scenario() {
    // If a shipped scenario outgrew the cap, A018 would silently stop checking it.
    for (file, s) in super::shipped() {
        let reached = lint::explore(&s, lint::STATE_CAP)
            .unwrap_or_else(|| panic!("{file} needs more than {} states", lint::STATE_CAP));
        assert!(reached.endings.iter().all(|r| *r), "{file}");
    }
}

#[test]
fn the_state_search_gives_up_past_its_cap_instead_of_guessing() {
    let src = SourceFile::new(
        "x.toml",
        std::fs::read_to_string(super::fixture("lint/ending-never-reached.toml")).unwrap(),
    );
    let (s, diags) = validate::scenario(&src, &super::fixture_catalog());
    let s = s.unwrap();
    assert_eq!(diags.len(), 1);
    let full = lint::explore(&s, lint::STATE_CAP).unwrap();
    assert_eq!(full.endings, vec![false, true]);
    assert!(lint::explore(&s, 1).is_none());
}

/// The TOML blocks of `section` in a guide in docs/, joined: the scenario it builds.
fn guide_example(guide: &str, section: &str) -> SourceFile {
    let text = std::fs::read_to_string(super::root().join("docs").join(guide)).unwrap();
    let from = text
        .find(section)
        .unwrap_or_else(|| panic!("{guide} has no `{section}`"));
    let body = &text[from + section.len()..];
    let body = &body[..body.find("\n## ").unwrap_or(body.len())];
    let mut toml = String::new();
    for block in body.split("```toml\n").skip(1) {
        toml.push_str(&block[..block.find("```").unwrap_or(block.len())]);
        toml.push('\n');
    }
    SourceFile::new(guide, toml)
}

#[test]
fn the_worked_examples_in_the_guides_check_clean() {
    // Both guides promise that their example checks clean, so every new lint must
    // either leave them alone or come with a fix to the examples.
    let builtin = SourceFile::new("patterns.toml", attune::fsload::BUILTIN_CATALOG);
    let catalog = validate::catalog(&builtin)
        .0
        .expect("the built-in catalogue validates");
    for src in [
        guide_example("scenario-format.md", "## 8. A complete worked example"),
        guide_example("writing-scenarios.md", "## 2. Walk-through"),
    ] {
        let (s, diags) = validate::scenario(&src, &catalog);
        assert!(
            s.is_some() && diags.is_empty(),
            "{}: {:#?}",
            src.name,
            diags.iter().map(|d| d.one_line()).collect::<Vec<_>>()
        );
    }
}

#[test]
fn the_search_follows_history_and_finds_the_shortest_play_to_each_ending() {
    use attune::engine::{search, Classification, Facts};
    let src = SourceFile::new(
        "paths.toml",
        std::fs::read_to_string(super::fixture("valid/paths.toml")).unwrap(),
    );
    let (s, diags) = validate::scenario(&src, &super::fixture_catalog());
    assert!(diags.is_empty(), "{diags:?}");
    let s = s.unwrap();
    let mut first: Vec<Option<(usize, usize)>> = vec![None; s.endings.len()];
    let mut harmful_growth = false;
    let reached = search::explore_with(&s, search::STATE_CAP, &mut |a| {
        first[a.ending].get_or_insert((a.from, a.choice));
        // `not chose harmful` keeps a harmful start from the growth branch at middle[0]
        // (the only first choice that ends a play), though trust is high enough there.
        if a.ending == 0 && a.choice == 0 && a.facts.chose(Classification::Harmful) {
            harmful_growth = true;
        }
    })
    .unwrap();
    assert!(!harmful_growth);
    let plays: Vec<String> = first
        .iter()
        .enumerate()
        .map(|(e, w)| {
            let (from, choice) = w.expect("every ending is reached");
            search::path_text(&s, &reached.path(from, choice), e)
        })
        .collect();
    assert_eq!(
        plays,
        [
            "open[0] → middle[0] → opened",
            "open[0] → middle[1] → closed"
        ]
    );
}
