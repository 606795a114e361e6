//! One integration test binary (as ripgrep does), so the crate links once.
//!
//! Modules, in reading order:
mod architecture; // the engine imports no web crate and no filesystem
mod cli; // `attune check`, `graph` and `schema`: exit codes, diagnostics, the JSON shape
mod fixtures; // invalid files give exactly their expected diagnostics
mod guess; // guessability: the word model, the A025 fixture folder, the shipped figure
mod lints; // lint fixtures give exactly their warnings; every code has a fixture
mod map; // `attune graph` in SVG, DOT and Mermaid; no overlaps at 40 nodes
mod plans; // transcript plans play valid fixtures and shipped scenarios
mod progress; // saved progress: versions, faults, merging tabs, export and the CPD log
mod rendered; // snapshots of the rendered CLI diagnostics
mod scenarios; // every shipped scenario is valid, and the library keeps its coverage
mod schema; // the shipped JSON Schemas are fresh and accept every shipped file
mod sessions; // property tests: random walks end; saved plays resume exactly
mod ssr; // the pre-rendered first screen carries the library
mod workshop; // presenter mode's state machine, with the room saying it first

use std::path::{Path, PathBuf};
use std::rc::Rc;

use attune::engine::{validate, Catalog, Scenario, SourceFile};

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/fixtures").join(rel)
}

/// The small catalogue the fixtures are written against.
pub fn fixture_catalog() -> Catalog {
    let src = SourceFile::new(
        "patterns.toml",
        std::fs::read_to_string(fixture("valid/patterns.toml")).unwrap(),
    );
    let (c, d) = validate::catalog(&src);
    assert!(d.is_empty(), "{d:?}");
    c.unwrap()
}

/// Every scenario shipped in scenarios/, validated with no diagnostics at all: no errors,
/// and none of the warnings either (guessability, unearned growth, one-way meters,
/// learning outcomes and the rest), so the library test holds every check's figure.
pub fn shipped() -> Vec<(String, Rc<Scenario>)> {
    let report = attune::fsload::check_dir(&root().join("scenarios")).unwrap();
    let problems: Vec<String> = report.diagnostics.iter().map(|d| d.one_line()).collect();
    assert!(
        problems.is_empty(),
        "shipped scenarios have problems:\n{}",
        problems.join("\n")
    );
    report.scenarios
}
