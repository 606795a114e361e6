//! Snapshots of what an author sees: `attune check` on a fixture, run as the real binary,
//! must print exactly `tests/fixtures/rendered/NAME.txt` (ariadne without colour).
//! To accept a deliberate change, regenerate with the command in the failure message.

use std::process::Command;

/// (snapshot name, arguments after `attune`).
const CASES: &[(&str, &[&str])] = &[
    (
        "dangling-next",
        &["check", "tests/fixtures/invalid/dangling-next.toml"],
    ),
    (
        "forced-pace",
        &["check", "tests/fixtures/lint/forced-pace.toml"],
    ),
];

#[test]
fn rendered_diagnostics_match_their_snapshots() {
    let mut failures = Vec::new();
    for (name, args) in CASES {
        let out = Command::new(env!("CARGO_BIN_EXE_attune"))
            .args(*args)
            .current_dir(super::root())
            .output()
            .unwrap();
        let got = String::from_utf8(out.stdout).unwrap();
        let path = super::fixture(&format!("rendered/{name}.txt"));
        let want = std::fs::read_to_string(&path)
            .unwrap_or_else(|_| panic!("{} is missing", path.display()));
        // Trailing spaces are invisible in review and some editors strip them.
        let norm = |s: &str| s.lines().map(str::trim_end).collect::<Vec<_>>().join("\n");
        if norm(&got) != norm(&want) {
            failures.push(format!(
                "{name}: the rendered output changed. If that is intended, run\n  cargo run -- {} > tests/fixtures/rendered/{name}.txt\n--- want\n{want}\n--- got\n{got}",
                args.join(" ")
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn snapshots_show_the_line_the_caret_and_the_hint() {
    // Guards the snapshots themselves: an accidentally emptied file must not pass.
    let text = std::fs::read_to_string(super::fixture("rendered/dangling-next.txt")).unwrap();
    for must in [
        "[A004 dangling-next] Error",
        "next = \"midle\"",
        "Help: did you mean `middle`?",
        "0 valid scenario(s), 2 error(s), 0 warning(s)",
    ] {
        assert!(text.contains(must), "missing `{must}` in:\n{text}");
    }
    let text = std::fs::read_to_string(super::fixture("rendered/forced-pace.txt")).unwrap();
    for must in [
        "[A022 forced-pace] Warning",
        "prompt = \"Quickly choose",
        "1 valid scenario(s), 0 error(s), 2 warning(s)",
    ] {
        assert!(text.contains(must), "missing `{must}` in:\n{text}");
    }
}
