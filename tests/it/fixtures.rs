//! Invalid inputs and the exact diagnostics they must produce (kdl-rs style): each
//! `tests/fixtures/invalid/NAME.toml` has a `NAME.expected` with one `CODE LINE:COL`
//! per expected diagnostic, in order.

use attune::engine::{validate, Code, Severity, SourceFile};

#[test]
fn every_invalid_fixture_gives_its_expected_diagnostics() {
    let catalog = super::fixture_catalog();
    let dir = super::fixture("invalid");
    let mut checked = 0;
    let mut failures = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
    {
        let expected_path = path.with_extension("expected");
        let expected = std::fs::read_to_string(&expected_path)
            .unwrap_or_else(|_| panic!("{} has no .expected file", path.display()));
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let src = SourceFile::new(name.clone(), std::fs::read_to_string(path).unwrap());
        let (scenario, diags) = validate::scenario(&src, &catalog);
        assert!(scenario.is_none(), "{name} should not validate");
        let got: Vec<String> = diags
            .iter()
            .map(|d| format!("{} {}:{}", d.code.code(), d.line, d.column))
            .collect();
        let want: Vec<String> = expected
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .map(String::from)
            .collect();
        if got != want {
            failures.push(format!(
                "{name}:\n  want {want:?}\n  got  {got:?}\n  {:#?}",
                diags.iter().map(|d| d.one_line()).collect::<Vec<_>>()
            ));
        }
        for d in &diags {
            assert_eq!(d.file, name);
            assert!(d.line >= 1 && d.column >= 1);
            assert!(!d.message.is_empty());
        }
        checked += 1;
    }
    assert!(
        checked >= 15,
        "expected at least 15 invalid fixtures, found {checked}"
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn validation_collects_every_problem_not_just_the_first() {
    let src = SourceFile::new(
        "many.toml",
        std::fs::read_to_string(super::fixture("invalid/missing-fields.toml")).unwrap(),
    );
    let (_, diags) = validate::scenario(&src, &super::fixture_catalog());
    assert!(diags.len() >= 3, "{diags:?}");
    assert!(diags
        .iter()
        .all(|d| d.code == Code::MissingField && d.severity == Severity::Error));
}

#[test]
fn oversized_and_non_utf8_files_are_refused_before_parsing() {
    let big = vec![b'a'; validate::MAX_FILE_BYTES + 1];
    let err = validate::source_from_bytes("big.toml", big).unwrap_err();
    assert_eq!(err.code, Code::FileTooLarge);
    assert!(err.message.contains("KB"));
    let err = validate::source_from_bytes("latin1.toml", vec![b't', b'i', 0xE9]).unwrap_err();
    assert_eq!(err.code, Code::NotUtf8);
    assert!(validate::source_from_bytes("ok.toml", b"a = 1".to_vec()).is_ok());
}

#[test]
fn every_code_is_unique_and_stable_in_shape() {
    let mut seen = std::collections::HashSet::new();
    for c in Code::ALL {
        assert!(seen.insert(c.code()), "duplicate code {}", c.code());
        assert!(c.code().starts_with('A') && c.code().len() == 4);
        assert!(c
            .name()
            .chars()
            .all(|ch| ch.is_ascii_lowercase() || ch == '-' || ch.is_ascii_digit()));
    }
}

#[test]
fn folder_checks_report_manifest_mismatches() {
    use attune::engine::library::check_folder;
    let read = |p: &str| {
        Ok(SourceFile::new(
            p,
            std::fs::read_to_string(super::fixture(&format!("valid/{p}"))).unwrap(),
        ))
    };
    let manifest = Ok(SourceFile::new(
        "index.toml",
        "format = 1\nscenarios = [\"small.toml\", \"gone.toml\"]\n",
    ));
    let report = check_folder(
        read("patterns.toml"),
        manifest,
        vec![
            ("small.toml".into(), read("small.toml")),
            ("extra.toml".into(), read("small.toml")),
        ],
    );
    let codes: Vec<(Code, Severity)> = report
        .diagnostics
        .iter()
        .map(|d| (d.code, d.severity))
        .collect();
    assert!(
        codes.contains(&(Code::ManifestMismatch, Severity::Error)),
        "{codes:?}"
    );
    assert!(
        codes.contains(&(Code::ManifestMismatch, Severity::Warning)),
        "{codes:?}"
    );
    // The second copy of `small` reuses its id.
    assert!(
        codes.contains(&(Code::DuplicateId, Severity::Error)),
        "{codes:?}"
    );
    assert_eq!(report.scenarios.len(), 1);
}
