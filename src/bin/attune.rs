//! `attune`: the command-line tool for scenario authors.
//!
//! Exit codes follow ripgrep: 0 all valid, 1 problems found, 2 usage or I/O error.

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use ariadne::{Color, Label, Report, ReportKind, Source};

use attune::engine::library::{Report as CheckReport, ScenarioStats};
use attune::engine::{Diagnostic, Severity};
use attune::fsload;

const USAGE: &str = "\
attune: check Attune scenario files

USAGE:
    attune check [--json] [--deny warnings] [PATHS...]

Checks scenario files or folders (default: scenarios/) and prints every problem
with its file, line and column.

EXIT CODES:
    0  every file is valid
    1  problems were found
    2  usage or I/O error
";

struct Args {
    json: bool,
    deny_warnings: bool,
    paths: Vec<PathBuf>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Args>> {
    match args.next().as_deref() {
        Some("check") => {}
        Some("-h" | "--help" | "help") => return Ok(None),
        Some(other) => bail!("unknown command `{other}`\n\n{USAGE}"),
        None => bail!("no command given\n\n{USAGE}"),
    }
    let mut out = Args {
        json: false,
        deny_warnings: false,
        paths: Vec::new(),
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => out.json = true,
            "--deny" => match args.next().as_deref() {
                Some("warnings") => out.deny_warnings = true,
                _ => bail!("`--deny` takes `warnings`"),
            },
            "-h" | "--help" => return Ok(None),
            flag if flag.starts_with('-') => bail!("unknown option `{flag}`\n\n{USAGE}"),
            _ => out.paths.push(PathBuf::from(a)),
        }
    }
    if out.paths.is_empty() {
        out.paths.push(PathBuf::from("scenarios"));
    }
    Ok(Some(out))
}

fn check(args: &Args) -> Result<CheckReport> {
    let mut all = CheckReport::default();
    for path in &args.paths {
        let report = if path.is_dir() {
            fsload::check_dir(path)
                .with_context(|| format!("cannot read folder {}", path.display()))?
        } else if path.exists() {
            fsload::check_file(path)
        } else {
            bail!("{} does not exist", path.display());
        };
        all.diagnostics.extend(report.diagnostics);
        all.scenarios.extend(report.scenarios);
    }
    Ok(all)
}

/// rustc-style rendering: the source line, an underline and the hint.
fn render(d: &Diagnostic, out: &mut Vec<u8>) {
    let text = std::fs::read_to_string(&d.file).unwrap_or_default();
    let kind = match d.severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
    };
    let span =
        d.span.start.min(text.len())..d.span.end.min(text.len()).max(d.span.start.min(text.len()));
    // ariadne counts characters by default; convert our byte span.
    let to_chars = |b: usize| text.get(..b).map(|s| s.chars().count()).unwrap_or(0);
    let span = to_chars(span.start)..to_chars(span.end).max(to_chars(span.start) + 1);
    let file = d.file.as_str();
    let mut report = Report::build(kind, (file, span.clone()))
        .with_code(format!("{} {}", d.code.code(), d.code.name()))
        .with_message(format!(
            "{} ({}:{}:{})",
            d.message, d.file, d.line, d.column
        ))
        .with_config(ariadne::Config::default().with_color(false))
        .with_label(
            Label::new((file, span))
                .with_message(d.code.name())
                .with_color(Color::Red),
        );
    if let Some(h) = &d.hint {
        report = report.with_help(h);
    }
    let _ = report
        .finish()
        .write((file, Source::from(text.as_str())), &mut *out);
}

fn run() -> Result<ExitCode> {
    let Some(args) = parse_args(std::env::args().skip(1))? else {
        print!("{USAGE}");
        return Ok(ExitCode::SUCCESS);
    };
    let report = check(&args)?;
    let failed = report.errors() > 0 || (args.deny_warnings && report.warnings() > 0);
    let mut stdout = std::io::stdout().lock();
    if args.json {
        let scenarios: Vec<ScenarioStats> = report
            .scenarios
            .iter()
            .map(|(f, s)| ScenarioStats::of(s, f))
            .collect();
        let json = serde_json::json!({ "scenarios": scenarios, "diagnostics": report.diagnostics });
        writeln!(stdout, "{}", serde_json::to_string_pretty(&json)?)?;
    } else {
        let mut buf = Vec::new();
        for d in &report.diagnostics {
            render(d, &mut buf);
        }
        stdout.write_all(&buf)?;
        writeln!(
            stdout,
            "{} valid scenario(s), {} error(s), {} warning(s)",
            report.scenarios.len(),
            report.errors(),
            report.warnings()
        )?;
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn main() -> ExitCode {
    match run() {
        Ok(code) => code,
        Err(e) => {
            eprintln!("attune: {e:#}");
            ExitCode::from(2)
        }
    }
}
