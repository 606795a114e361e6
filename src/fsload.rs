//! Reads scenario folders and files from disk for the CLI, the pre-renderer and tests.
//! It only reads bytes; the engine decides what they mean.

use std::path::{Path, PathBuf};
use std::rc::Rc;

use crate::engine::diagnostic::{Code, Diagnostic, Severity};
use crate::engine::library::{self, Anchor, Loaded, Report};
use crate::engine::{validate, Scenario};

/// The catalogue shipped with Attune, used for single files checked outside a folder
/// that has its own patterns.toml.
pub const BUILTIN_CATALOG: &str = include_str!("../scenarios/patterns.toml");

fn io_diag(path: &Path, e: &std::io::Error) -> Box<Diagnostic> {
    Box::new(Diagnostic {
        file: path.display().to_string(),
        line: 1,
        column: 1,
        severity: Severity::Error,
        code: Code::MissingField,
        message: format!("could not read the file: {e}"),
        hint: None,
        span: 0..0,
    })
}

/// Reads a file, refusing oversized or non-UTF-8 ones without reading them whole.
pub fn load(path: &Path) -> Loaded {
    let name = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| io_diag(path, &e))?;
    if meta.len() as usize > validate::MAX_FILE_BYTES {
        return validate::source_from_bytes(&name, vec![0; validate::MAX_FILE_BYTES + 1]);
    }
    let bytes = std::fs::read(path).map_err(|e| io_diag(path, &e))?;
    validate::source_from_bytes(&name, bytes)
}

/// Checks a scenario folder: its patterns.toml, index.toml and every other .toml file.
pub fn check_dir(dir: &Path) -> std::io::Result<Report> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let name_of = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    let scenarios = files
        .iter()
        .filter(|p| !matches!(name_of(p).as_str(), "patterns.toml" | "index.toml"))
        .map(|p| (name_of(p), load(p)))
        .collect();
    Ok(library::check_folder(
        load(&dir.join("patterns.toml")),
        load(&dir.join("index.toml")),
        scenarios,
    ))
}

/// Checks one scenario file against the patterns.toml beside it, or the built-in one.
pub fn check_file(path: &Path) -> Report {
    let beside = path.parent().map(|d| d.join("patterns.toml"));
    let catalog_src = match beside.filter(|p| p.is_file()) {
        Some(p) => load(&p),
        None => Ok(crate::engine::SourceFile::new(
            "patterns.toml (built in)",
            BUILTIN_CATALOG,
        )),
    };
    let mut report = Report::default();
    let catalog = match catalog_src {
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
    let Some(catalog) = catalog else {
        return report;
    };
    match load(path) {
        Ok(src) => {
            let (s, d) = validate::scenario(&src, &catalog);
            report.diagnostics.extend(d);
            if let Some(s) = s {
                let file = path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                report
                    .anchors
                    .insert(file.clone(), Anchor::of_key(&src, "id"));
                report.scenarios.push((file, Rc::new(s)));
            }
        }
        Err(d) => report.diagnostics.push(*d),
    }
    report.catalog = Some(catalog);
    report
}

/// The scenarios folder of the checkout this binary was built from, if it is still there.
/// Like the built-in catalogue, it is what a file outside any library is measured against.
pub fn builtin_library_dir() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("scenarios");
    dir.join("index.toml").is_file().then_some(dir)
}

/// The library a single file's guessability is measured against: the folder the file is
/// in when that folder has an index.toml, or else the shipped library. Returns the folder
/// and its valid scenarios; `None` when there is no library to train on.
pub fn training_library(file: &Path) -> Option<(PathBuf, Vec<Rc<Scenario>>)> {
    let beside = file
        .parent()
        .map(|d| {
            if d.as_os_str().is_empty() {
                Path::new(".")
            } else {
                d
            }
        })
        .filter(|d| d.join("index.toml").is_file())
        .map(Path::to_path_buf);
    let dir = beside.or_else(builtin_library_dir)?;
    let report = check_dir(&dir).ok()?;
    let scenarios: Vec<Rc<Scenario>> = report.scenarios.into_iter().map(|(_, s)| s).collect();
    (!scenarios.is_empty()).then_some((dir, scenarios))
}
