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
    assert!(out.contains("1 valid scenario(s), 0 error(s)"));
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
    assert!(v["diagnostics"].as_array().unwrap().is_empty());

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
