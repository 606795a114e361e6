//! Checking a scenario file someone opened in the browser, off the main thread. The
//! authoring worker runs `check`, and the page gets back either a playable scenario or
//! every diagnostic with its source line, as one serialisable message. Pure, so it is
//! tested natively like the engine.

use serde::{Deserialize, Serialize};

use crate::engine::{validate, Code, Diagnostic, Scenario, Severity, SourceFile};

/// The catalogue the app ships, which opened files are checked against.
pub const CATALOG_SOURCE: &str = include_str!("../scenarios/patterns.toml");

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
}

/// Checks an opened file's bytes: size and encoding first, then the whole scenario.
pub fn check(name: &str, bytes: Vec<u8>) -> Checked {
    let src = match validate::source_from_bytes(name, bytes) {
        Ok(src) => src,
        Err(d) => {
            return Checked {
                scenario: None,
                diagnostics: vec![Shown::of(&d, None)],
            }
        }
    };
    let (catalog, cat_diags) = validate::catalog(&SourceFile::new("patterns.toml", CATALOG_SOURCE));
    let Some(catalog) = catalog else {
        return Checked {
            scenario: None,
            diagnostics: cat_diags.iter().map(|d| Shown::of(d, None)).collect(),
        };
    };
    let (scenario, diags) = validate::scenario(&src, &catalog);
    Checked {
        scenario,
        diagnostics: diags.iter().map(|d| Shown::of(d, Some(&src))).collect(),
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
    })
}
