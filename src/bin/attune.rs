//! `attune`: the command-line tool for scenario authors: `check`, `graph` and `schema`.
//!
//! Exit codes follow ripgrep: 0 all valid, 1 problems found, 2 usage or I/O error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use ariadne::{Color, Label, Report, ReportKind, Source};

use attune::engine::library::{Report as CheckReport, ScenarioStats};
use attune::engine::map::{self, Format};
use attune::engine::{schema, Diagnostic, Severity};
use attune::fsload;

const USAGE: &str = "\
attune: check, draw and describe Attune scenario files

USAGE:
    attune check [--json] [--deny warnings] [PATHS...]
    attune graph FILE [--format svg|dot|mermaid] [--out FILE]
    attune schema scenario|patterns
    attune schema --out DIR

check   Checks scenario files or folders (default: scenarios/) and prints every
        problem with its file, line and column. `--deny warnings` makes warnings
        fail too.
graph   Draws a scenario as a map of its decisions, choices and endings (default
        format: svg), to standard output or to --out.
schema  Prints the JSON Schema of scenario files or of patterns.toml, or writes
        both into DIR (the repository ships them in schema/).

EXIT CODES:
    0  every file is valid (check), or the output was written
    1  problems were found (check), or the scenario is invalid (graph)
    2  usage or I/O error
";

enum Command {
    Check(Args),
    Graph {
        file: PathBuf,
        format: Format,
        out: Option<PathBuf>,
    },
    Schema(SchemaTarget),
}

enum SchemaTarget {
    Scenario,
    Patterns,
    Dir(PathBuf),
}

struct Args {
    json: bool,
    deny_warnings: bool,
    paths: Vec<PathBuf>,
}

fn parse_args(mut args: impl Iterator<Item = String>) -> Result<Option<Command>> {
    match args.next().as_deref() {
        Some("check") => parse_check(args).map(|a| a.map(Command::Check)),
        Some("graph") => parse_graph(args),
        Some("schema") => parse_schema(args),
        Some("-h" | "--help" | "help") => Ok(None),
        Some(other) => bail!("unknown command `{other}`\n\n{USAGE}"),
        None => bail!("no command given\n\n{USAGE}"),
    }
}

fn parse_check(mut args: impl Iterator<Item = String>) -> Result<Option<Args>> {
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

fn parse_graph(mut args: impl Iterator<Item = String>) -> Result<Option<Command>> {
    let mut file = None;
    let mut format = Format::Svg;
    let mut out = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--format" => {
                let name = args.next().unwrap_or_default();
                format = Format::parse(&name).with_context(|| {
                    format!("`--format` takes svg, dot or mermaid, not `{name}`")
                })?;
            }
            "--out" | "-o" => match args.next() {
                Some(p) => out = Some(PathBuf::from(p)),
                None => bail!("`--out` takes a file name"),
            },
            "-h" | "--help" => return Ok(None),
            flag if flag.starts_with('-') => bail!("unknown option `{flag}`\n\n{USAGE}"),
            _ if file.is_some() => bail!("`graph` draws one scenario file at a time"),
            _ => file = Some(PathBuf::from(a)),
        }
    }
    let file = file.with_context(|| format!("`graph` needs a scenario file\n\n{USAGE}"))?;
    Ok(Some(Command::Graph { file, format, out }))
}

fn parse_schema(mut args: impl Iterator<Item = String>) -> Result<Option<Command>> {
    let target = match args.next().as_deref() {
        Some("scenario") => SchemaTarget::Scenario,
        Some("patterns") => SchemaTarget::Patterns,
        Some("--out" | "-o") => match args.next() {
            Some(dir) => SchemaTarget::Dir(PathBuf::from(dir)),
            None => bail!("`--out` takes a folder"),
        },
        Some("-h" | "--help") => return Ok(None),
        _ => bail!("`schema` takes `scenario`, `patterns` or `--out DIR`\n\n{USAGE}"),
    };
    if let Some(extra) = args.next() {
        bail!("unexpected `{extra}` after `schema`");
    }
    Ok(Some(Command::Schema(target)))
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
    match parse_args(std::env::args().skip(1))? {
        None => {
            print!("{USAGE}");
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check(args)) => run_check(&args),
        Some(Command::Graph { file, format, out }) => run_graph(&file, format, out.as_deref()),
        Some(Command::Schema(target)) => run_schema(&target),
    }
}

fn run_check(args: &Args) -> Result<ExitCode> {
    let report = check(args)?;
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

/// Draws one scenario. An invalid file gets its diagnostics on stderr and exit 1, so a
/// pipeline never mistakes an error for a picture.
fn run_graph(file: &Path, format: Format, out: Option<&Path>) -> Result<ExitCode> {
    if file.is_dir() {
        bail!(
            "{} is a folder; `graph` draws one scenario file",
            file.display()
        );
    }
    if !file.exists() {
        bail!("{} does not exist", file.display());
    }
    let report = fsload::check_file(file);
    let scenario = match report.scenarios.first() {
        Some((_, s)) if report.errors() == 0 => s,
        _ => {
            let mut buf = Vec::new();
            for d in report.diagnostics.iter().filter(|d| d.is_error()) {
                render(d, &mut buf);
            }
            let mut stderr = std::io::stderr().lock();
            stderr.write_all(&buf)?;
            writeln!(
                stderr,
                "{} is not a valid scenario ({} error(s)); nothing was drawn",
                file.display(),
                report.errors()
            )?;
            return Ok(ExitCode::from(1));
        }
    };
    let drawn = map::render(scenario, format, None);
    match out {
        Some(path) => std::fs::write(path, drawn)
            .with_context(|| format!("cannot write {}", path.display()))?,
        None => std::io::stdout().lock().write_all(drawn.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}

fn run_schema(target: &SchemaTarget) -> Result<ExitCode> {
    match target {
        SchemaTarget::Scenario => print!("{}", schema::scenario()),
        SchemaTarget::Patterns => print!("{}", schema::catalog()),
        SchemaTarget::Dir(dir) => {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create {}", dir.display()))?;
            for (name, text) in [
                (schema::SCENARIO_FILE, schema::scenario()),
                (schema::CATALOG_FILE, schema::catalog()),
            ] {
                let path = dir.join(name);
                std::fs::write(&path, text)
                    .with_context(|| format!("cannot write {}", path.display()))?;
                println!("wrote {}", path.display());
            }
        }
    }
    Ok(ExitCode::SUCCESS)
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
