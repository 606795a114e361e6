//! Guessability: the word model on tiny libraries whose answer is known by construction,
//! the A025 fixture folder, and the figure of the shipped library.

use std::rc::Rc;

use attune::engine::guess::{self, Group, LibraryGuess, Model};
use attune::engine::{validate, Code, Scenario, SourceFile};

/// A valid scenario against the fixture catalogue: one node per decision, in a chain, each
/// option given as (text, class).
fn scenario(id: &str, decisions: &[&[(&str, &str)]]) -> Rc<Scenario> {
    let mut toml = format!(
        r#"format = 1
id = "{id}"
title = "Fixture {id}"
summary = "A hand-built fixture."
setting = "Fixture service"
minutes = 5
version = "1.0.0"
focus = ["individualising"]
content_notes = ["none"]
start = "n0"
references = ["Fixture reference."]

[client]
name = "Sam"
pronouns = "they/them"
context = "A fixture client."

[provenance]
authors = ["Attune fixtures"]

[[variables]]
id = "trust"
label = "Trust"
initial = 50
min = 0
max = 100
"#
    );
    for (i, options) in decisions.iter().enumerate() {
        let next = if i + 1 < decisions.len() {
            format!("n{}", i + 1)
        } else {
            "end".to_owned()
        };
        toml.push_str(&format!(
            "\n[[nodes]]\nid = \"n{i}\"\nclient = \"Something the client says.\"\n"
        ));
        for (text, class) in options.iter() {
            toml.push_str(&format!(
                "\n[[nodes.choices]]\ntext = \"{text}\"\nclass = \"{class}\"\nrationale = \"Why.\"\neffects = {{ trust = 1 }}\nnext = \"{next}\"\n"
            ));
            if *class != "attuned" {
                toml.push_str(
                    "patterns = [\"individualising\"]\nperspective = \"Hm.\"\nalternative = \"Other words.\"\n",
                );
            }
        }
    }
    toml.push_str(
        "\n[[endings]]\nid = \"end\"\nkind = \"open\"\ntitle = \"End\"\ntext = \"The end.\"\nquestions = [\"What now?\"]\n",
    );
    let src = SourceFile::new(format!("{id}.toml"), toml);
    let (s, d) = validate::scenario(&src, &super::fixture_catalog());
    let errors: Vec<String> = d
        .iter()
        .filter(|d| d.is_error())
        .map(|d| d.one_line())
        .collect();
    Rc::new(s.unwrap_or_else(|| panic!("fixture {id} is invalid: {errors:#?}")))
}

/// Five decisions per scenario; each decision's options from `make(scenario, decision)`.
fn library(
    ids: &[&str],
    make: impl Fn(usize, usize) -> Vec<(String, &'static str)>,
) -> Vec<Rc<Scenario>> {
    ids.iter()
        .enumerate()
        .map(|(si, id)| {
            let owned: Vec<Vec<(String, &str)>> = (0..5).map(|d| make(si, d)).collect();
            let refs: Vec<Vec<(&str, &str)>> = owned
                .iter()
                .map(|opts| opts.iter().map(|(t, c)| (t.as_str(), *c)).collect())
                .collect();
            let slices: Vec<&[(&str, &str)]> = refs.iter().map(Vec::as_slice).collect();
            scenario(id, &slices)
        })
        .collect()
}

/// The valid scenarios in scenarios/, as `attune check` measures them. Unlike
/// `super::shipped`, a file being written elsewhere in the folder does not stop the test.
fn shipped() -> Vec<Rc<Scenario>> {
    let report = attune::fsload::check_dir(&super::root().join("scenarios")).unwrap();
    report.scenarios.into_iter().map(|(_, s)| s).collect()
}

fn loo(lib: &[Rc<Scenario>]) -> LibraryGuess {
    guess::leave_one_out(lib.iter().map(|s| &**s))
}

const IDS: [&str; 4] = ["alpha", "bravo", "charlie", "delta"];

#[test]
fn tokens_are_lower_cased_words_with_inner_apostrophes() {
    assert_eq!(
        guess::tokens("Don't ‘quote’ me: I’d say HELLO-world, 42 times... ours' 'tis"),
        ["don't", "quote", "me", "i'd", "say", "hello", "world", "42", "times", "ours", "tis"]
    );
    assert!(guess::tokens(" -- ... ").is_empty());
    let f = guess::features("I think I think");
    assert_eq!(f.get("i"), Some(&2));
    assert_eq!(f.get("think i"), Some(&1));
    assert_eq!(f.get("i think"), Some(&2));
    assert_eq!(f.len(), 4, "{f:?}");
}

#[test]
fn an_attuned_word_that_never_varies_gives_every_answer_away() {
    let lib = library(&IDS, |s, d| {
        vec![
            (format!("xylo, what about topic{s}{d}?"), "attuned"),
            (format!("perhaps topic{s}{d} is deeper"), "subtle"),
            (format!("stop topic{s}{d} now"), "harmful"),
        ]
    });
    let g = loo(&lib);
    assert_eq!(g.decisions(), 20);
    assert_eq!(g.rate(), 1.0);
    for s in &g.scenarios {
        assert_eq!(s.rate(), 1.0, "{}", s.id);
        assert_eq!(s.trained_on, 3);
        assert!(s.warns());
        assert_eq!(s.given_away().len(), 5);
        assert!((s.chance() - 1.0 / 3.0).abs() < 1e-12);
    }
}

#[test]
fn identical_wording_scores_chance_through_ties() {
    // Every option of every decision says the same thing, so every pick is a full tie:
    // one attuned of three scores 1/3, and two attuned of three score 2/3.
    let lib = library(&IDS, |_, d| {
        let second = if d == 0 { "attuned" } else { "subtle" };
        vec![
            ("the very same words".to_owned(), "attuned"),
            ("the very same words".to_owned(), second),
            ("the very same words".to_owned(), "harmful"),
        ]
    });
    let g = loo(&lib);
    for s in &g.scenarios {
        let hits: Vec<f64> = s.nodes.iter().map(|n| n.hit).collect();
        assert!((hits[0] - 2.0 / 3.0).abs() < 1e-12, "{hits:?}");
        for h in &hits[1..] {
            assert!((h - 1.0 / 3.0).abs() < 1e-12, "{hits:?}");
        }
        assert_eq!(s.nodes[1].picked, vec![0, 1, 2]);
        assert!(!s.warns());
        assert!(s.given_away().is_empty());
    }
    assert!((g.rate() - (2.0 / 3.0 + 4.0 / 3.0) / 5.0).abs() < 1e-12);
}

#[test]
fn a_tie_between_the_attuned_option_and_one_other_is_half_a_hit() {
    let lib = library(&IDS, |s, d| {
        vec![
            (format!("xylo topic{s}{d}"), "attuned"),
            (format!("xylo topic{s}{d}"), "subtle"),
            (format!("stop topic{s}{d}"), "harmful"),
        ]
    });
    for s in &loo(&lib).scenarios {
        for n in &s.nodes {
            assert_eq!(n.picked, vec![0, 1], "{}", s.id);
            assert_eq!(n.hit, 0.5);
        }
    }
}

#[test]
fn a_word_that_always_marks_harm_is_avoided() {
    // The attuned option has no tell of its own; the two others do. The model still finds
    // it, by elimination, which is the reviewers' "avoid hedges" rule.
    let lib = library(&IDS, |s, d| {
        vec![
            (format!("topic{s}{d}"), "attuned"),
            (format!("might topic{s}{d}"), "subtle"),
            (format!("must topic{s}{d}"), "harmful"),
        ]
    });
    assert_eq!(loo(&lib).rate(), 1.0);
}

#[test]
fn a_misleading_word_is_followed_into_every_miss() {
    // In the training scenarios "xylo" marks the attuned option; in delta it marks the
    // harmful one, so the model picks wrong at every decision there.
    let lib = library(&IDS, |s, d| {
        let (a, h) = if s == 3 { ("", "xylo ") } else { ("xylo ", "") };
        vec![
            (format!("{a}topic{s}{d}"), "attuned"),
            (format!("perhaps topic{s}{d}"), "subtle"),
            (format!("{h}topic{s}{d} stop"), "harmful"),
        ]
    });
    let g = loo(&lib);
    let delta = g.scenarios.iter().find(|s| s.id == "delta").unwrap();
    assert_eq!(delta.rate(), 0.0);
    assert!(delta.nodes.iter().all(|n| n.picked == vec![2]));
}

#[test]
fn decisions_that_test_nothing_are_left_out() {
    let only = scenario(
        "only",
        &[
            &[("a", "attuned"), ("b", "attuned"), ("c", "attuned")],
            &[("a", "subtle"), ("b", "harmful"), ("c", "subtle")],
            &[("a", "attuned"), ("b", "subtle"), ("c", "harmful")],
        ],
    );
    let g = Model::default().score(&only);
    assert_eq!(g.decisions(), 1);
    assert_eq!(g.nodes[0].node, "n2");
    // An untrained model has no evidence: a three-way tie.
    assert!((g.rate() - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(g.trained_on, 0);
}

#[test]
fn taking_a_scenario_out_of_a_model_is_exactly_training_without_it() {
    let shipped = shipped();
    let full = Model::train(shipped.iter().map(|s| &**s));
    let mut without = full.clone();
    without.remove(&shipped[2]);
    let others = Model::train(
        shipped
            .iter()
            .enumerate()
            .filter(|(i, _)| *i != 2)
            .map(|(_, s)| &**s),
    );
    // Compared without Debug output: a failing model would print 20,000 counts.
    assert!(without == others, "taking a scenario out is not exact");
    // Taking out a file the model never saw changes nothing.
    let stranger = scenario("stranger", &[&[("xylo", "attuned"), ("yarrow", "subtle")]]);
    let mut m = others.clone();
    m.remove(&stranger);
    assert!(m == others);
    // An edited copy of a trained scenario comes out as far as it matches, never below zero.
    let mut m = full.clone();
    let edited = scenario(
        shipped[2].meta.id.as_str(),
        &[&[("xylo xylo", "attuned"), ("a lot", "subtle")]],
    );
    m.remove(&edited);
    assert_eq!(m.scenarios.len(), shipped.len() - 1);
    assert!(m.counts.values().all(|c| c != &[0, 0]));
    assert_eq!(
        m.counts.get("a lot"),
        full.counts.get("a lot").map(|c| [c[0], c[1] - 1]).as_ref()
    );
}

#[test]
fn the_figure_does_not_depend_on_the_order_of_the_library() {
    let shipped = shipped();
    let forward = loo(&shipped);
    let mut reversed: Vec<Rc<Scenario>> = shipped.clone();
    reversed.reverse();
    let mut backward = loo(&reversed);
    backward.scenarios.reverse();
    assert_eq!(forward, backward);
    assert_eq!(forward, loo(&shipped));
}

#[test]
fn tells_name_the_giveaway_with_its_counts() {
    let lib = library(&IDS, |s, d| {
        vec![
            (format!("xylo what about topic{s}{d}"), "attuned"),
            (format!("perhaps topic{s}{d} is deeper"), "subtle"),
            (format!("stop topic{s}{d} now"), "harmful"),
        ]
    });
    let groups = guess::tells(lib.iter().map(|s| &**s), 5);
    let keys: Vec<Group> = groups.iter().map(|g| g.group).collect();
    assert_eq!(keys, Group::ALL);
    let attuned = &groups[0];
    assert_eq!((attuned.options, attuned.others), (20, 40));
    let phrases: Vec<&str> = attuned.tells.iter().map(|t| t.phrase.as_str()).collect();
    assert!(phrases.contains(&"xylo"), "{phrases:?}");
    let xylo = attuned.tells.iter().find(|t| t.phrase == "xylo").unwrap();
    assert_eq!((xylo.in_class, xylo.in_others), (20, 0));
    assert!(attuned.tells.windows(2).all(|w| w[0].llr >= w[1].llr));
    // A topic word from one scenario is no tell, however often it occurs there.
    assert!(groups
        .iter()
        .all(|g| g.tells.iter().all(|t| !t.phrase.contains("topic"))));
    let harmful = &groups[3];
    assert!(harmful.tells.iter().any(|t| t.phrase == "stop"));
    assert!(harmful.tells.iter().all(|t| t.in_class >= 3));
}

#[test]
fn the_giveaway_fixture_library_warns_at_each_id_line_and_the_manifest() {
    let dir = super::fixture("guess/giveaway");
    let mut report = attune::fsload::check_dir(&dir).unwrap();
    assert_eq!(report.errors(), 0, "{:?}", report.diagnostics);
    report.check_guessability("tests/fixtures/guess/giveaway");
    let got: Vec<String> = report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::GuessableWording)
        .map(|d| {
            let file = std::path::Path::new(&d.file).file_name().unwrap();
            format!(
                "{} {} {}:{}",
                d.code.code(),
                file.to_string_lossy(),
                d.line,
                d.column
            )
        })
        .collect();
    let want: Vec<String> = std::fs::read_to_string(dir.join("expected"))
        .unwrap()
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(String::from)
        .collect();
    assert_eq!(got, want);
    for d in report
        .diagnostics
        .iter()
        .filter(|d| d.code == Code::GuessableWording)
    {
        assert!(d.hint.as_deref().is_some_and(|h| h.contains("--tells")));
        assert!(d.span.end > d.span.start, "{}", d.one_line());
    }
    let g = report.guessability.unwrap();
    assert!(g.whole_library);
    assert_eq!(g.figures.rate(), 1.0);
}

#[test]
fn a_library_too_small_to_train_on_gets_figures_but_no_warning() {
    let mut report = attune::fsload::check_dir(&super::fixture("valid")).unwrap();
    let valid = report.scenarios.len();
    assert!(
        valid <= guess::MIN_TRAINING_SCENARIOS,
        "the fixture folder grew: {valid}"
    );
    report.check_guessability("tests/fixtures/valid");
    assert!(report.diagnostics.is_empty(), "{:?}", report.diagnostics);
    let figures = report.guessability.unwrap().figures;
    assert_eq!(figures.scenarios.len(), valid);
    assert!(figures.scenarios.iter().all(|s| s.trained_on == valid - 1));
}

#[test]
fn a_single_file_is_measured_against_the_library_without_itself() {
    let shipped = shipped();
    let path = super::root().join("scenarios/overtime.toml");
    let mut alone = attune::fsload::check_file(&path);
    alone.check_guessability_against(&shipped, "scenarios");
    let mut whole = attune::fsload::check_dir(&super::root().join("scenarios")).unwrap();
    whole.check_guessability("scenarios");
    let id = "overtime";
    let find = |g: &attune::engine::library::Guessability| {
        g.figures
            .scenarios
            .iter()
            .find(|s| s.id == id)
            .cloned()
            .unwrap()
    };
    assert_eq!(
        find(alone.guessability.as_ref().unwrap()),
        find(whole.guessability.as_ref().unwrap()),
        "checking a shipped file alone must give its leave-one-out figure"
    );
}

/// The library's own figure. Chance is about 1/3; the thresholds are in `guess.rs`.
#[test]
fn the_shipped_library_cannot_be_passed_from_the_wording_alone() {
    let g = loo(&shipped());
    let table: Vec<String> = g
        .scenarios
        .iter()
        .map(|s| {
            format!(
                "  {:24} {:>3} decisions  {:>4.0}%",
                s.id,
                s.decisions(),
                s.rate() * 100.0
            )
        })
        .collect();
    let report = format!(
        "library {:.1}% of {} decisions (at most {:.0}% allowed), per scenario (at most {:.0}%):\n{}",
        g.rate() * 100.0,
        g.decisions(),
        guess::LIBRARY_WARN_ABOVE * 100.0,
        guess::SCENARIO_WARN_ABOVE * 100.0,
        table.join("\n")
    );
    let over: Vec<&str> = g
        .scenarios
        .iter()
        .filter(|s| s.rate() > guess::SCENARIO_WARN_ABOVE)
        .map(|s| s.id.as_str())
        .collect();
    assert!(g.rate() <= guess::LIBRARY_WARN_ABOVE, "{report}");
    assert!(over.is_empty(), "above the threshold: {over:?}\n{report}");
}

#[test]
fn the_model_survives_json_as_the_browser_reads_it() {
    let shipped = shipped();
    let model = Model::train(shipped.iter().map(|s| &**s));
    let json = serde_json::to_string(&model).unwrap();
    eprintln!("guess model: {} bytes", json.len());
    let back: Model = serde_json::from_str(&json).unwrap();
    assert!(back == model);
}

#[test]
fn an_opened_file_is_measured_against_the_precomputed_model() {
    // The browser's path: the worker holds the library's word counts and checks bytes.
    use attune::authoring;
    let dir = super::fixture("guess/giveaway");
    let others: Vec<Rc<Scenario>> = attune::fsload::check_dir(&dir)
        .unwrap()
        .scenarios
        .into_iter()
        .map(|(_, s)| s)
        .filter(|s| s.meta.id.as_str() != "canal")
        .collect();
    let model = Model::train(others.iter().map(|s| &**s));
    let bytes = std::fs::read(dir.join("canal.toml")).unwrap();
    let checked = authoring::check_against("canal.toml", bytes.clone(), Some(&model));
    assert!(checked.scenario.is_some());
    let g = checked.guessability.as_ref().unwrap();
    assert_eq!((g.rate(), g.decisions(), g.trained_on), (1.0, 5, 3));
    let warning = checked
        .diagnostics
        .iter()
        .find(|d| d.code == "A025")
        .expect("an A025 warning");
    assert!(!warning.error);
    assert_eq!((warning.line, warning.column), (2, 1));
    assert_eq!(warning.source_line, "id = \"canal\"");
    assert!(warning
        .hint
        .as_deref()
        .unwrap()
        .contains("--tells canal.toml"));
    // The model is never trained on the file it measures: with canal in the model, it is
    // taken out first, and the figure is the same.
    let mut with_canal = model.clone();
    with_canal.add(&attune::fsload::check_file(&dir.join("canal.toml")).scenarios[0].1);
    let again = authoring::check_against("canal.toml", bytes.clone(), Some(&with_canal));
    assert_eq!(again.guessability, checked.guessability);
    // Without a model the file is still checked, with no figure.
    let plain = authoring::check("canal.toml", bytes);
    assert!(plain.scenario.is_some() && plain.guessability.is_none());
    assert!(plain.diagnostics.iter().all(|d| d.code != "A025"));
    // An invalid file gets no figure.
    let bad = authoring::check_against("x.toml", b"id = 1".to_vec(), Some(&model));
    assert!(bad.scenario.is_none() && bad.guessability.is_none());
}

#[test]
fn an_answer_given_away_the_other_way_round_warns_too() {
    // "xylo" marks the attuned option in three scenarios and the harmful one in delta, so
    // in delta the model is always wrong: reading it the other way, "the one that sounds
    // least attuned", finds the answer every time, which is as much a tell.
    let lib = library(&IDS, |s, d| {
        let (a, h) = if s == 3 { ("", "xylo ") } else { ("xylo ", "") };
        vec![
            (format!("topic{s}{d}"), "subtle"),
            (format!("{a}topic{s}{d}"), "attuned"),
            (format!("{h}topic{s}{d}"), "harmful"),
        ]
    });
    let g = loo(&lib);
    let delta = g.scenarios.iter().find(|s| s.id == "delta").unwrap();
    assert_eq!(delta.rate(), 0.0);
    assert_eq!(
        delta.reverse_rate(),
        0.5,
        "a tie with the subtle option: half a hit"
    );
    let alpha = g.scenarios.iter().find(|s| s.id == "alpha").unwrap();
    assert_eq!(alpha.reverse_rate(), 0.0);
    // With the subtle option sharing delta's tell, only the attuned one sounds unlike it.
    let lib = library(&IDS, |s, d| {
        let (a, h) = if s == 3 { ("", "xylo ") } else { ("xylo ", "") };
        vec![
            (format!("{h}topic{s}{d} one"), "subtle"),
            (format!("{a}topic{s}{d}"), "attuned"),
            (format!("{h}topic{s}{d}"), "harmful"),
        ]
    });
    let delta = loo(&lib)
        .scenarios
        .into_iter()
        .find(|s| s.id == "delta")
        .unwrap();
    assert_eq!(delta.reverse_rate(), 1.0);
    assert!(delta.warns_reversed() && delta.warns());
}
