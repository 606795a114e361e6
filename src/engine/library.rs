//! A whole scenario folder checked at once: catalogue, manifest and every scenario,
//! with the figures `attune check --json` reports. Pure: callers hand in the files.

use std::collections::BTreeMap;
use std::rc::Rc;

use serde::Serialize;

use super::diagnostic::{Code, Diagnostic, Severity};
use super::model::{Catalog, Classification, Meta, Scenario};
use super::source::SourceFile;
use super::validate;

/// A file the caller tried to read, or why it could not.
pub type Loaded = Result<SourceFile, Box<Diagnostic>>;

/// Figures for one valid scenario, in the shape tools read from `check --json`.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct ScenarioStats {
    pub id: String,
    pub title: String,
    pub file: String,
    pub nodes: usize,
    pub decisions: usize,
    pub choices: usize,
    pub endings: usize,
    pub primary_patterns: Vec<String>,
    pub pattern_counts: BTreeMap<String, usize>,
    pub classifications: BTreeMap<String, usize>,
}

impl ScenarioStats {
    pub fn of(s: &Scenario, file: &str) -> Self {
        let mut pattern_counts = BTreeMap::new();
        let mut classifications: BTreeMap<String, usize> = [
            Classification::Attuned,
            Classification::Subtle,
            Classification::Harmful,
        ]
        .iter()
        .map(|c| (c.key().to_owned(), 0))
        .collect();
        for c in s.choices() {
            *classifications.entry(c.class.key().to_owned()).or_default() += 1;
            for p in &c.patterns {
                *pattern_counts.entry(p.0.clone()).or_default() += 1;
            }
        }
        ScenarioStats {
            id: s.meta.id.0.clone(),
            title: s.meta.title.clone(),
            file: file.to_owned(),
            nodes: s.nodes.len() + s.endings.len(),
            decisions: s.nodes.len(),
            choices: s.choice_count(),
            endings: s.endings.len(),
            primary_patterns: s.meta.focus.iter().map(|p| p.0.clone()).collect(),
            pattern_counts,
            classifications,
        }
    }
}

/// A library entry as the app lists it: metadata plus the file to fetch when chosen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Entry {
    pub file: String,
    pub meta: Meta,
}

impl Entry {
    /// The validated model as JSON, written beside the TOML at build time. The browser
    /// loads this, so the shipped app needs no TOML parser on its first path.
    pub fn data_file(&self) -> String {
        data_file_for(&self.file)
    }
}

/// `overtime.toml` → `overtime.json`.
pub fn data_file_for(toml_file: &str) -> String {
    format!("{}.json", toml_file.trim_end_matches(".toml"))
}

/// The result of checking a folder.
#[derive(Debug, Default)]
pub struct Report {
    pub catalog: Option<Catalog>,
    /// Valid scenarios, in manifest order, with their file names.
    pub scenarios: Vec<(String, Rc<Scenario>)>,
    pub diagnostics: Vec<Diagnostic>,
    /// Valid files the manifest does not list: checked, but not shown in the app.
    pub unlisted: Vec<String>,
}

impl Report {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
    pub fn warnings(&self) -> usize {
        self.diagnostics.len() - self.errors()
    }
    pub fn entries(&self) -> Vec<Entry> {
        self.scenarios
            .iter()
            .filter(|(file, _)| !self.unlisted.contains(file))
            .map(|(file, s)| Entry {
                file: file.clone(),
                meta: s.meta.clone(),
            })
            .collect()
    }
}

fn manifest_diag(
    file: &str,
    span: std::ops::Range<usize>,
    src: Option<&SourceFile>,
    severity: Severity,
    message: String,
) -> Diagnostic {
    let (line, column) = src.map(|s| s.line_col(span.start)).unwrap_or((1, 1));
    Diagnostic {
        file: file.to_owned(),
        line,
        column,
        severity,
        code: Code::ManifestMismatch,
        message,
        hint: Some(
            "list every scenario file in index.toml, in the order the library should show them"
                .into(),
        ),
        span,
    }
}

/// Checks a folder: `catalog` and `manifest` are its patterns.toml and index.toml, and
/// `files` every other `.toml` file in it, by file name.
pub fn check_folder(catalog: Loaded, manifest: Loaded, files: Vec<(String, Loaded)>) -> Report {
    let mut report = Report::default();
    let catalog = match catalog {
        Ok(src) => {
            let (c, d) = validate::catalog(&src);
            report.diagnostics.extend(d);
            c
        }
        Err(d) => {
            report.diagnostics.push(*d);
            None
        }
    };
    let mut listed = Vec::new();
    let manifest_src = manifest.as_ref().ok().cloned();
    match manifest {
        Ok(src) => {
            let (m, d) = validate::manifest(&src);
            report.diagnostics.extend(d);
            if let Some(m) = m {
                listed = m.scenarios;
            }
        }
        Err(d) => report.diagnostics.push(*d),
    }
    let manifest_name = manifest_src
        .as_ref()
        .map(|s| s.name.clone())
        .unwrap_or_else(|| "index.toml".into());
    for (name, span) in &listed {
        if !files.iter().any(|(f, _)| f == name) {
            report.diagnostics.push(manifest_diag(
                &manifest_name,
                span.clone(),
                manifest_src.as_ref(),
                Severity::Error,
                format!("the manifest lists `{name}`, but there is no such file"),
            ));
        }
    }
    let Some(catalog) = catalog else {
        return report;
    };
    let mut by_file = Vec::new();
    for (name, loaded) in files {
        if !listed.iter().any(|(l, _)| *l == name) {
            report.unlisted.push(name.clone());
            report.diagnostics.push(manifest_diag(
                &manifest_name,
                0..0,
                manifest_src.as_ref(),
                Severity::Warning,
                format!("`{name}` is in the folder but not in the manifest, so the app will not show it"),
            ));
        }
        match loaded {
            Ok(src) => {
                let (s, d) = validate::scenario(&src, &catalog);
                report.diagnostics.extend(d);
                if let Some(s) = s {
                    if let Some((other, _)) = by_file
                        .iter()
                        .find(|(_, o): &&(String, Rc<Scenario>)| o.meta.id == s.meta.id)
                    {
                        report.diagnostics.push(Diagnostic {
                            file: src.name.clone(),
                            line: 1,
                            column: 1,
                            severity: Severity::Error,
                            code: Code::DuplicateId,
                            message: format!(
                                "scenario id `{}` is also used by `{other}`",
                                s.meta.id
                            ),
                            hint: Some("each scenario needs its own id".into()),
                            span: 0..0,
                        });
                    } else {
                        by_file.push((name, Rc::new(s)));
                    }
                }
            }
            Err(d) => report.diagnostics.push(*d),
        }
    }
    // Manifest order first; unlisted files after, so nothing valid goes unreported.
    by_file.sort_by_key(|(f, _)| {
        listed
            .iter()
            .position(|(l, _)| l == f)
            .unwrap_or(usize::MAX)
    });
    report.scenarios = by_file;
    report.catalog = Some(catalog);
    report
}
