//! `attune check` as educators and tools use it: exit codes 0/1/2, readable diagnostics
//! with the offending line, and the documented JSON keys.

use std::process::Command;

fn attune(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_attune"))
        .args(args)
        .current_dir(super::root())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn valid_folder_exits_zero() {
    let (code, out, _) = attune(&["check", "tests/fixtures/valid"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("3 valid scenario(s), 0 error(s)"));
}

#[test]
fn the_default_folder_is_scenarios() {
    let (code, out, _) = attune(&["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(!out.starts_with("0 valid"));
}

#[test]
fn invalid_file_exits_one_and_shows_the_line() {
    let (code, out, _) = attune(&["check", "tests/fixtures/invalid/dangling-next.toml"]);
    assert_eq!(code, 1);
    assert!(out.contains("A004 dangling-next"), "{out}");
    assert!(
        out.contains("next = \"midle\""),
        "the offending line is shown: {out}"
    );
    assert!(out.contains("did you mean `middle`?"), "{out}");
}

#[test]
fn usage_and_io_errors_exit_two() {
    assert_eq!(attune(&["frobnicate"]).0, 2);
    assert_eq!(attune(&["check", "--nope"]).0, 2);
    let (code, _, err) = attune(&["check", "no/such/path.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("does not exist"));
    assert_eq!(attune(&["--help"]).0, 0);
}

#[test]
fn json_has_the_documented_shape() {
    let (code, out, _) = attune(&["check", "--json", "scenarios"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let scenarios = v["scenarios"].as_array().unwrap();
    assert!(scenarios.len() >= 2);
    for s in scenarios {
        for key in [
            "id",
            "title",
            "file",
            "nodes",
            "decisions",
            "choices",
            "endings",
            "primary_patterns",
            "pattern_counts",
            "classifications",
        ] {
            assert!(s.get(key).is_some(), "missing {key}");
        }
        for key in ["attuned", "subtle", "harmful"] {
            assert!(s["classifications"][key].is_u64());
        }
    }
    // Warnings about the shipped library are `shipped_scenarios_pass_with_warnings_denied`'s
    // business; the shape test needs only a valid library.
    assert!(v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .all(|d| d["severity"] == "warning"));

    let (code, out, _) = attune(&[
        "check",
        "--json",
        "tests/fixtures/invalid/missing-fields.toml",
    ]);
    assert_eq!(code, 1);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let d = &v["diagnostics"][0];
    for key in ["file", "line", "column", "severity", "code", "message"] {
        assert!(d.get(key).is_some(), "missing {key}");
    }
    assert_eq!(d["severity"], "error");
    assert_eq!(d["code"], "A002");
}

#[test]
fn deny_warnings_turns_warnings_into_failures() {
    let file = "tests/fixtures/lint/no-content-notes.toml";
    let (code, out, _) = attune(&["check", file]);
    assert_eq!(code, 0, "warnings alone pass: {out}");
    assert!(out.contains("[A023 no-content-notes] Warning"), "{out}");
    assert!(out.contains("1 valid scenario(s), 0 error(s), 1 warning(s)"));
    let (code, out, _) = attune(&["check", "--deny", "warnings", file]);
    assert_eq!(code, 1, "{out}");
    // The summary agrees with the exit code: nothing is called valid while it fails.
    assert!(
        out.contains(
            "1 file(s) with warnings, 0 error(s), 1 warning(s); failing because of --deny warnings"
        ),
        "{out}"
    );
    assert!(!out.contains("valid scenario(s)"), "{out}");
    let (code, _, _) = attune(&["check", "--deny", "warnings", "tests/fixtures/valid"]);
    assert_eq!(code, 0, "a clean folder still passes");
    assert_eq!(attune(&["check", "--deny", "errors", file]).0, 2);
}

#[test]
fn shipped_scenarios_pass_with_warnings_denied() {
    let (code, out, _) = attune(&["check", "--deny", "warnings"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains(" 0 error(s), 0 warning(s)"), "{out}");
}

#[test]
fn graph_writes_each_format_and_uses_exit_codes() {
    let small = "tests/fixtures/valid/small.toml";
    let (code, svg, err) = attune(&["graph", small]);
    assert_eq!(code, 0, "{err}");
    assert!(svg.starts_with("<svg ") && svg.trim_end().ends_with("</svg>"));
    let (code, dot, _) = attune(&["graph", small, "--format", "dot"]);
    assert_eq!(code, 0);
    assert!(dot.starts_with("digraph "));
    let (code, mermaid, _) = attune(&["graph", "--format", "mermaid", small]);
    assert_eq!(code, 0);
    assert!(mermaid.contains("flowchart TD"));

    let out_file = std::env::temp_dir().join(format!("attune-graph-{}.svg", std::process::id()));
    let (code, stdout, _) = attune(&["graph", small, "--out", out_file.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(stdout.is_empty());
    let written = std::fs::read_to_string(&out_file).unwrap();
    let _ = std::fs::remove_file(&out_file);
    assert_eq!(written, svg);

    // Invalid file: diagnostics on stderr, nothing drawn, exit 1.
    let (code, out, err) = attune(&["graph", "tests/fixtures/invalid/dangling-next.toml"]);
    assert_eq!(code, 1);
    assert!(out.is_empty(), "{out}");
    assert!(
        err.contains("A004 dangling-next") && err.contains("nothing was drawn"),
        "{err}"
    );
    // Usage and I/O errors: exit 2.
    assert_eq!(attune(&["graph"]).0, 2);
    assert_eq!(attune(&["graph", small, "--format", "png"]).0, 2);
    assert_eq!(attune(&["graph", "no/such.toml"]).0, 2);
    assert_eq!(attune(&["graph", "tests/fixtures/valid"]).0, 2);
    assert_eq!(attune(&["graph", small, small]).0, 2);
}

#[test]
fn schema_prints_and_writes_both_schemas() {
    let (code, out, _) = attune(&["schema", "scenario"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["title"], "Attune scenario");
    let (code, out, _) = attune(&["schema", "patterns"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["properties"]["patterns"].is_object());

    let dir = std::env::temp_dir().join(format!("attune-schema-{}", std::process::id()));
    let (code, out, _) = attune(&["schema", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    for name in ["scenario.schema.json", "patterns.schema.json"] {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let shipped = std::fs::read_to_string(super::root().join("schema").join(name)).unwrap();
        assert_eq!(text, shipped, "{name}");
    }
    let _ = std::fs::remove_dir_all(&dir);
    assert_eq!(attune(&["schema"]).0, 2);
    assert_eq!(attune(&["schema", "manifest"]).0, 2);
}

/// Every kind of bad input gets a clear message and exit 1, never a panic (exit 101).
#[test]
fn bad_input_of_every_kind_gets_a_clear_error() {
    let dir = std::env::temp_dir().join(format!("attune-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let small = std::fs::read(super::fixture("valid/small.toml")).unwrap();
    let cases: Vec<(&str, Vec<u8>, &str)> = vec![
        ("truncated.toml", small[..700].to_vec(), "A00"),
        ("empty.toml", Vec::new(), "the file is empty"),
        (
            "latin1.toml",
            vec![
                b't', b'i', b't', b'l', b'e', b' ', b'=', b' ', b'"', 0xE9, b'"',
            ],
            "A015 not-utf8",
        ),
        (
            "page.toml",
            b"<html><script>alert(1)</script></html>".to_vec(),
            "A001 toml-syntax",
        ),
        (
            "huge.toml",
            vec![b'a'; 50 * 1024 * 1024],
            "scenario files may be at most 2048 KB",
        ),
    ];
    for (name, bytes, expect) in cases {
        let path = dir.join(name);
        std::fs::write(&path, &bytes).unwrap();
        let (code, out, err) = attune(&["check", path.to_str().unwrap()]);
        assert_eq!(code, 1, "{name}: {out}{err}");
        assert!(out.contains(expect), "{name} should say `{expect}`:\n{out}");
    }
    for (fixture, expect) in [
        ("invalid/wrong-type.toml", "A011 invalid-value"),
        ("invalid/duplicate-id.toml", "A003 duplicate-id"),
        ("invalid/trapped.toml", "A007 no-ending-reachable"),
    ] {
        let (code, out, _) = attune(&["check", &format!("tests/fixtures/{fixture}")]);
        assert_eq!(code, 1);
        assert!(out.contains(expect), "{fixture}: {out}");
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn check_reports_guessability_in_a_table_and_in_json() {
    let folder = "tests/fixtures/guess/giveaway";
    let (code, out, _) = attune(&["check", folder]);
    assert_eq!(code, 0, "warnings alone pass: {out}");
    assert!(out.contains("[A025 guessable-wording] Warning"), "{out}");
    assert!(
        out.contains("Help: run `attune check --tells tests/fixtures/guess/giveaway`"),
        "{out}"
    );
    assert!(out.contains("Guessability:"), "{out}");
    let row = out
        .lines()
        .find(|l| l.trim_start().starts_with("library"))
        .unwrap();
    assert!(
        row.contains("20") && row.contains("100%") && row.contains("above 45%"),
        "{row}"
    );
    assert!(out.contains("4 valid scenario(s), 0 error(s), "), "{out}");
    assert_eq!(
        out.matches("[A025 guessable-wording] Warning").count(),
        5,
        "{out}"
    );
    assert_eq!(attune(&["check", "--deny", "warnings", folder]).0, 1);

    let (_, out, _) = attune(&["check", "--json", folder]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let g = &v["guessability"];
    assert_eq!(g["library"], 1.0);
    assert_eq!(g["decisions"], 20);
    assert_eq!(g["thresholds"]["scenario"], 0.6);
    assert_eq!(g["thresholds"]["library"], 0.45);
    let scenarios = g["scenarios"].as_object().unwrap();
    assert_eq!(scenarios.len(), 4);
    for (id, s) in scenarios {
        for key in [
            "rate",
            "decisions",
            "hits",
            "chance",
            "trained_on",
            "given_away",
            "warns",
        ] {
            assert!(s.get(key).is_some(), "{id} is missing {key}");
        }
        assert_eq!(s["rate"], 1.0);
        assert_eq!(s["decisions"], 5);
        assert_eq!(s["trained_on"], 3);
    }
    let a025: Vec<&serde_json::Value> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "A025")
        .collect();
    assert_eq!(a025.len(), 5);
    assert!(a025.iter().all(|d| d["severity"] == "warning"));

    // The shipped library has the same keys, whatever its figure today.
    let (_, out, _) = attune(&["check", "--json", "scenarios"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        v["guessability"]["library"].is_f64(),
        "{}",
        v["guessability"]
    );
    assert!(v["guessability"]["scenarios"]["overtime"]["rate"].is_f64());
}

#[test]
fn a_single_file_is_measured_against_the_library_beside_it() {
    // A file in a folder with an index.toml trains on that folder, leaving itself out.
    let (_, out, _) = attune(&[
        "check",
        "--json",
        "tests/fixtures/guess/giveaway/canal.toml",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let g = &v["guessability"];
    assert_eq!(g["scenarios"]["canal"]["trained_on"], 3, "{g}");
    assert_eq!(g["scenarios"]["canal"]["rate"], 1.0);
    assert!(g["trained_on"][0]
        .as_str()
        .unwrap()
        .contains("tests/fixtures/guess/giveaway"));
    let (code, out, _) = attune(&["check", "tests/fixtures/guess/giveaway/canal.toml"]);
    assert_eq!(code, 0);
    assert!(out.contains("[A025 guessable-wording] Warning"), "{out}");
    assert!(
        !out.lines().any(|l| l.trim_start().starts_with("library ")),
        "{out}"
    );
    // A file outside any library trains on the shipped one.
    let (_, out, _) = attune(&[
        "check",
        "--json",
        "tests/fixtures/lint/no-content-notes.toml",
    ]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let trained = v["guessability"]["trained_on"][0]
        .as_str()
        .unwrap()
        .to_owned();
    assert_eq!(trained, "the shipped library (Attune's scenarios/)");
}

#[test]
fn tells_list_the_giveaways_per_class() {
    let folder = "tests/fixtures/guess/giveaway";
    let (code, out, err) = attune(&["check", "--tells", folder]);
    assert_eq!(code, 0, "{err}");
    for heading in [
        "attuned (20 option(s)",
        "not-attuned (40 option(s)",
        "subtle (",
        "harmful (",
    ] {
        assert!(out.contains(heading), "missing {heading}: {out}");
    }
    // Every word of the attuned template ties for the top; "gently" is one of them.
    assert!(
        out.lines()
            .skip_while(|l| !l.starts_with("attuned"))
            .take(12)
            .any(|l| l.trim_end().ends_with(" gently")),
        "{out}"
    );
    assert!(
        !out.contains("Warning"),
        "--tells lists tells, not diagnostics: {out}"
    );

    let (code, out, _) = attune(&["check", "--tells", "--json", folder]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let groups = v["tells"].as_array().unwrap();
    let keys: Vec<&str> = groups
        .iter()
        .map(|g| g["group"].as_str().unwrap())
        .collect();
    assert_eq!(keys, ["attuned", "not-attuned", "subtle", "harmful"]);
    let attuned = groups[0]["tells"].as_array().unwrap();
    let gently = attuned.iter().find(|t| t["phrase"] == "gently").unwrap();
    assert_eq!(gently["in_class"], 20);
    assert_eq!(gently["in_others"], 0);
    assert_eq!(
        gently["llr"], attuned[0]["llr"],
        "the tell ties for the top"
    );
    assert!(gently["llr"].as_f64().unwrap() > 0.0);
    assert!(v["about"].as_str().unwrap().contains(folder));

    // For one file: the phrases in that file, weighed over the library around it.
    let (code, out, _) = attune(&[
        "check",
        "--tells",
        "--json",
        "tests/fixtures/guess/giveaway/drill.toml",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let own = v["tells"][0]["tells"].as_array().unwrap();
    assert!(own.iter().any(|t| t["phrase"] == "gently"), "{own:?}");
    // The file's subtle options never say "gently", so it is not listed as their tell.
    assert!(v["tells"][2]["tells"]
        .as_array()
        .unwrap()
        .iter()
        .all(|t| t["phrase"] != "gently"));
    assert_eq!(attune(&["check", "--tells", folder, folder]).0, 2);
    assert_eq!(attune(&["check", "--tells", "no/such/folder"]).0, 2);
    let (code, out, _) = attune(&[
        "check",
        "--tells",
        "tests/fixtures/invalid/dangling-next.toml",
    ]);
    assert_eq!(code, 1);
    assert!(out.contains("no tells were measured"), "{out}");
}
