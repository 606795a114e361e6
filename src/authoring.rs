//! Checking a scenario file someone opened in the browser, off the main thread. The
//! authoring worker runs `check_against`, and the page gets back either a playable scenario
//! or every diagnostic with its source line, as one serialisable message, with how guessable
//! the file's answers are against the shipped library. Pure, so it is tested natively like
//! the engine.

use serde::{Deserialize, Serialize};

use crate::engine::guess::{Model, ScenarioGuess};
use crate::engine::library::Anchor;
use crate::engine::{validate, Code, Diagnostic, Scenario, Severity, SourceFile};

/// The catalogue the app ships, which opened files are checked against.
pub const CATALOG_SOURCE: &str = include_str!("../scenarios/patterns.toml");

/// The shipped library's word counts (`guess::Model` as JSON), which the pre-renderer
/// writes beside the scenarios' JSON. The worker fetches it instead of the whole library:
/// one file, and no TOML to parse.
pub const GUESS_MODEL_FILE: &str = "guess-model.json";

/// A diagnostic as the page shows it: located, coded, with the offending line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Shown {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub error: bool,
    pub code: String,
    pub name: String,
    pub message: String,
    pub hint: Option<String>,
    /// The text of the offending line, shown under the message.
    pub source_line: String,
}

impl Shown {
    fn of(d: &Diagnostic, src: Option<&SourceFile>) -> Self {
        Shown {
            file: d.file.clone(),
            line: d.line,
            column: d.column,
            error: d.severity == Severity::Error,
            code: d.code.code().to_owned(),
            name: d.code.name().to_owned(),
            message: d.message.clone(),
            hint: d.hint.clone(),
            source_line: src
                .map(|s| s.line_text(d.line).to_owned())
                .unwrap_or_default(),
        }
    }
}

/// What the worker sends back.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Checked {
    pub scenario: Option<Scenario>,
    pub diagnostics: Vec<Shown>,
    /// How often the file's attuned options can be picked from their wording alone, by a
    /// model trained on the shipped library; `None` when the file is invalid or the model
    /// could not be loaded.
    #[serde(default)]
    pub guessability: Option<ScenarioGuess>,
}

/// Checks an opened file's bytes: size and encoding first, then the whole scenario.
pub fn check(name: &str, bytes: Vec<u8>) -> Checked {
    check_against(name, bytes, None)
}

/// Checks an opened file as `check` does and, given the shipped library's word model,
/// measures its guessability (warning A025 above the threshold). A file with the id of a
/// shipped scenario is taken out of the model first, so it is never tested on itself.
pub fn check_against(name: &str, bytes: Vec<u8>, model: Option<&Model>) -> Checked {
    let src = match validate::source_from_bytes(name, bytes) {
        Ok(src) => src,
        Err(d) => {
            return Checked {
                scenario: None,
                diagnostics: vec![Shown::of(&d, None)],
                guessability: None,
            }
        }
    };
    let (catalog, cat_diags) = validate::catalog(&SourceFile::new("patterns.toml", CATALOG_SOURCE));
    let Some(catalog) = catalog else {
        return Checked {
            scenario: None,
            diagnostics: cat_diags.iter().map(|d| Shown::of(d, None)).collect(),
            guessability: None,
        };
    };
    let (scenario, mut diags) = validate::scenario(&src, &catalog);
    let guessability = scenario.as_ref().zip(model).map(|(s, model)| {
        let mut model = model.clone();
        model.remove(s);
        let g = model.score(s);
        if g.warns() {
            diags.push(Anchor::of_key(&src, "id").guessable(&g, name));
        }
        g
    });
    Checked {
        scenario,
        diagnostics: diags.iter().map(|d| Shown::of(d, Some(&src))).collect(),
        guessability,
    }
}

/// A refusal made before the bytes are even read (the page knows the size first).
pub fn too_large(name: &str, size: usize) -> Option<Checked> {
    (size > validate::MAX_FILE_BYTES).then(|| Checked {
        scenario: None,
        diagnostics: vec![Shown {
            file: name.to_owned(),
            line: 1,
            column: 1,
            error: true,
            code: Code::FileTooLarge.code().to_owned(),
            name: Code::FileTooLarge.name().to_owned(),
            message: format!(
                "the file is {} KB; scenario files may be at most {} KB",
                size / 1024,
                validate::MAX_FILE_BYTES / 1024
            ),
            hint: Some("check that you chose the right file".into()),
            source_line: String::new(),
        }],
        guessability: None,
    })
}
