//! Transcript plans (after YarnSpinner's `.testplan`): a plan plays a scenario step by
//! step and checks what the engine reports. Each `NAME.plan` sits beside `NAME.toml`.
//!
//! Commands, one per line (`#` starts a comment):
//! `seed N` · `at NODE` · `offered N` · `choose N` (1-based, file order) or
//! `choose "text prefix"` · `class attuned|subtle|harmful` · `patterns a b …`
//! (of the last choice) · `var NAME VALUE` · `ending ID` · `met a b …` (patterns met so far) ·
//! `shows "words"` / `hides "words"` (whether the debrief of the finished play, its
//! paragraphs and questions as `Session::closing` reports them, contains the words).

use std::path::Path;
use std::rc::Rc;

use attune::engine::{Scenario, Session};

fn run_plan(scenario: Rc<Scenario>, plan: &str, name: &str) {
    let mut session: Option<Session> = None;
    let mut last_choice: Option<(usize, usize)> = None;
    for (n, raw) in plan.lines().enumerate() {
        let line = raw.split('#').next().unwrap().trim();
        if line.is_empty() {
            continue;
        }
        let ctx = format!("{name}:{}: `{line}`", n + 1);
        let (cmd, arg) = line.split_once(' ').unwrap_or((line, ""));
        if cmd == "seed" {
            session = Some(Session::start(Rc::clone(&scenario), arg.parse().expect(&ctx)).0);
            continue;
        }
        let s = session.get_or_insert_with(|| Session::start(Rc::clone(&scenario), 0).0);
        match cmd {
            "at" => assert_eq!(s.current_node().map(|n| n.id.as_str()), Some(arg), "{ctx}"),
            "offered" => assert_eq!(s.offered().len(), arg.parse::<usize>().unwrap(), "{ctx}"),
            "choose" => {
                let node = s
                    .current_node()
                    .unwrap_or_else(|| panic!("{ctx}: the play has ended"));
                let ix = if let Some(prefix) = arg.strip_prefix('"') {
                    let prefix = prefix.trim_end_matches('"');
                    node.choices
                        .iter()
                        .position(|c| c.text.starts_with(prefix))
                        .unwrap_or_else(|| panic!("{ctx}: no such choice"))
                } else {
                    arg.parse::<usize>().expect(&ctx) - 1
                };
                let node_ix = scenario.node_index(node.id.as_str()).unwrap();
                s.choose(ix).unwrap_or_else(|e| panic!("{ctx}: {e}"));
                last_choice = Some((node_ix, ix));
            }
            "class" | "patterns" => {
                let (ni, ci) = last_choice.unwrap_or_else(|| panic!("{ctx}: nothing chosen yet"));
                let c = &scenario.nodes[ni].choices[ci];
                if cmd == "class" {
                    assert_eq!(c.class.key(), arg, "{ctx}");
                } else {
                    let got: Vec<&str> = c.patterns.iter().map(|p| p.as_str()).collect();
                    assert_eq!(got, arg.split_whitespace().collect::<Vec<_>>(), "{ctx}");
                }
            }
            "var" => {
                let (var, value) = arg.split_once(' ').expect(&ctx);
                let i = scenario
                    .variables
                    .iter()
                    .position(|v| v.id.as_str() == var)
                    .expect(&ctx);
                assert_eq!(s.vars()[i], value.parse::<i32>().unwrap(), "{ctx}");
            }
            "ending" => assert_eq!(s.ending().map(|e| e.id.as_str()), Some(arg), "{ctx}"),
            "met" => {
                let got: Vec<String> = s.patterns_met().into_iter().map(|(p, _)| p.0).collect();
                assert_eq!(got, arg.split_whitespace().collect::<Vec<_>>(), "{ctx}");
            }
            "shows" | "hides" => {
                let words = arg.trim_matches('"');
                let closing = s
                    .closing()
                    .unwrap_or_else(|| panic!("{ctx}: the play has not ended"));
                let found = closing
                    .paragraphs
                    .iter()
                    .chain(&closing.questions)
                    .any(|t| t.contains(words));
                assert_eq!(
                    found,
                    cmd == "shows",
                    "{ctx}: the debrief reads {:?} then {:?}",
                    closing.paragraphs,
                    closing.questions
                );
            }
            other => panic!("{ctx}: unknown command `{other}`"),
        }
    }
    assert!(
        session.is_some_and(|s| s.ending().is_some()),
        "{name}: a plan must play to an ending"
    );
}

fn plans_in(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut v: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "plan"))
        .collect();
    v.sort();
    v
}

#[test]
fn fixture_plans_pass() {
    let catalog = super::fixture_catalog();
    let plans = plans_in(&super::fixture("valid"));
    assert!(plans.len() >= 2, "expected fixture plans");
    for plan in plans {
        let toml = plan.with_extension("toml");
        let toml = toml.with_file_name(
            toml.file_stem()
                .unwrap()
                .to_string_lossy()
                .split('.')
                .next()
                .unwrap()
                .to_owned()
                + ".toml",
        );
        let src =
            attune::engine::SourceFile::new("f.toml", std::fs::read_to_string(&toml).unwrap());
        let (s, d) = attune::engine::validate::scenario(&src, &catalog);
        assert!(d.is_empty(), "{d:?}");
        run_plan(
            Rc::new(s.unwrap()),
            &std::fs::read_to_string(&plan).unwrap(),
            &plan.display().to_string(),
        );
    }
}

#[test]
fn shipped_scenario_plans_pass() {
    let shipped = super::shipped();
    let plans = plans_in(&super::root().join("tests/plans"));
    assert!(plans.len() >= 2, "expected plans for the starter scenarios");
    for plan in plans {
        let stem = plan
            .file_stem()
            .unwrap()
            .to_string_lossy()
            .split('.')
            .next()
            .unwrap()
            .to_owned();
        let (_, s) = shipped
            .iter()
            .find(|(f, _)| f.trim_end_matches(".toml") == stem)
            .unwrap_or_else(|| panic!("{} has no scenario {stem}.toml", plan.display()));
        run_plan(
            Rc::clone(s),
            &std::fs::read_to_string(&plan).unwrap(),
            &plan.display().to_string(),
        );
    }
}

#[test]
#[should_panic(expected = "small.rupture")]
fn a_wrong_expectation_fails() {
    // Guards the harness itself: a plan that expects the wrong ending must fail.
    let catalog = super::fixture_catalog();
    let src = attune::engine::SourceFile::new(
        "f.toml",
        std::fs::read_to_string(super::fixture("valid/small.toml")).unwrap(),
    );
    let s = Rc::new(
        attune::engine::validate::scenario(&src, &catalog)
            .0
            .unwrap(),
    );
    run_plan(s, "choose 1\nchoose 1\nending closed\n", "small.rupture");
}

#[test]
#[should_panic(expected = "the debrief reads")]
fn a_paragraph_expected_on_the_wrong_path_fails() {
    // Guards `shows`: the paragraph for a play with harm must not show on the attuned path.
    let catalog = super::fixture_catalog();
    let src = attune::engine::SourceFile::new(
        "f.toml",
        std::fs::read_to_string(super::fixture("valid/paths.toml")).unwrap(),
    );
    let s = Rc::new(
        attune::engine::validate::scenario(&src, &catalog)
            .0
            .unwrap(),
    );
    run_plan(
        s,
        "choose 1\nchoose 1\nending opened\nshows \"thinking errors\"\n",
        "paths",
    );
}
