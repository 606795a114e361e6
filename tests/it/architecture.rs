//! The engine stays pure: no yew, web-sys, gloo, wasm-bindgen or js-sys, and no
//! filesystem. Views render what it reports and never route. This test reads the source
//! so a new import cannot slip in unnoticed.

use std::path::Path;

fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Lines of code, with `//` comments removed, so prose may name what code must not use.
fn code_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.split("//").next().unwrap_or("")))
}

/// Every use of a forbidden word in the code (not the comments) of a source folder.
fn scan(dir: &str, forbidden: &[&str]) -> Vec<String> {
    let mut files = Vec::new();
    rust_files(&super::root().join(dir), &mut files);
    assert!(files.len() >= 5, "{dir} sources not found");
    let mut offences = Vec::new();
    for f in &files {
        let text = std::fs::read_to_string(f).unwrap();
        for (n, line) in code_lines(&text) {
            for word in forbidden {
                if line.contains(word) {
                    offences.push(format!(
                        "{}:{n}: `{word}` in `{}`",
                        f.display(),
                        line.trim()
                    ));
                }
            }
        }
    }
    offences
}

#[test]
fn engine_imports_no_web_crate_and_no_filesystem() {
    let forbidden = [
        "yew",
        "web_sys",
        "gloo",
        "wasm_bindgen",
        "js_sys",
        "std::fs",
        "std::env",
        "crate::ui",
        "crate::fsload",
    ];
    let offences = scan("src/engine", &forbidden);
    assert!(
        offences.is_empty(),
        "the engine must stay pure:\n{}",
        offences.join("\n")
    );
}

#[test]
fn views_never_route_or_apply_effects() {
    // Routing and effects belong to engine::session; a view that evaluates a branch
    // condition, matches on Target or changes relational values is deciding the next node.
    let forbidden = [".holds(", "Target::", ".branches", ".effects", "vars_mut"];
    let offences = scan("src/ui", &forbidden);
    assert!(
        offences.is_empty(),
        "views must not decide the next node:\n{}",
        offences.join("\n")
    );
}

#[test]
fn readme_states_the_invariants() {
    let readme = std::fs::read_to_string(super::root().join("README.md")).unwrap();
    assert!(
        readme.contains("## Architecture"),
        "README needs an Architecture section"
    );
    for must in ["engine", "never decide", "no yew"] {
        assert!(
            readme.contains(must),
            "README's architecture section should say `{must}`"
        );
    }
}
