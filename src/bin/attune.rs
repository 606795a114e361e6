//! `attune`: the command-line tool for scenario authors: `check`, `graph` and `schema`.
//!
//! Exit codes follow ripgrep: 0 all valid, 1 problems found, 2 usage or I/O error.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use ariadne::{Color, Label, Report, ReportKind, Source};

use attune::engine::guess::{self, GroupTells};
use attune::engine::library::{Guessability, Report as CheckReport, ScenarioStats};
use attune::engine::map::{self, Format};
use attune::engine::{schema, Diagnostic, Severity};
use attune::fsload;

const USAGE: &str = "\
attune: check, draw and describe Attune scenario files

USAGE:
    attune check [--json] [--deny warnings] [PATHS...]
    attune check --tells [--json] [PATH]
    attune graph FILE [--format svg|dot|mermaid] [--out FILE]
    attune schema scenario|patterns
    attune schema --out DIR

check   Checks scenario files or folders (default: scenarios/) and prints every
        problem with its file, line and column, then how often the attuned option
        can be picked from the therapist's wording alone (guessability). `--deny
        warnings` makes warnings fail too. `--tells` lists instead the words and
        phrases that give each class away.
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
    tells: bool,
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
        tells: false,
        paths: Vec::new(),
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => out.json = true,
            "--tells" => out.tells = true,
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
    if out.tells && out.paths.len() > 1 {
        bail!("`--tells` lists the tells of one library or file at a time");
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

/// Everything `check` found over all its paths.
#[derive(Default)]
struct Checked {
    report: CheckReport,
    /// One guessability check per path that had scenarios to measure.
    guess: Vec<Guessability>,
    /// Paths whose guessability could not be measured, and why.
    unmeasured: Vec<String>,
}

fn check(args: &Args) -> Result<Checked> {
    let mut all = Checked::default();
    for path in &args.paths {
        let mut report = if path.is_dir() {
            let mut r = fsload::check_dir(path)
                .with_context(|| format!("cannot read folder {}", path.display()))?;
            r.check_guessability(&path.display().to_string());
            r
        } else if path.exists() {
            let mut r = fsload::check_file(path);
            if !r.scenarios.is_empty() {
                match fsload::training_library(path) {
                    Some((dir, library)) => {
                        r.check_guessability_against(&library, &library_name(&dir))
                    }
                    None => all.unmeasured.push(format!(
                        "{}: guessability not measured: there is no index.toml beside it and the shipped scenarios/ folder is not available to train on",
                        path.display()
                    )),
                }
            }
            r
        } else {
            bail!("{} does not exist", path.display());
        };
        all.report.diagnostics.append(&mut report.diagnostics);
        all.report.scenarios.append(&mut report.scenarios);
        all.guess.extend(report.guessability);
    }
    Ok(all)
}

/// A training library in words. The shipped one is named, not given as a path, so the
/// output is the same on every machine.
fn library_name(dir: &Path) -> String {
    if fsload::builtin_library_dir().as_deref() == Some(dir) {
        "the shipped library (Attune's scenarios/)".to_owned()
    } else {
        format!("the scenarios in {}", dir.display())
    }
}

fn pct(x: f64) -> String {
    format!("{:.0}%", x * 100.0)
}

/// The short table after the diagnostics: one row per scenario, then the library's.
fn write_guess_table(out: &mut impl Write, g: &Guessability) -> std::io::Result<()> {
    let f = &g.figures;
    writeln!(
        out,
        "\nGuessability: how often the attuned option can be picked from the therapist's wording alone,\nwithout reading the client (naive Bayes over words and word pairs, trained on {}):",
        g.trained_on
    )?;
    let width = f
        .scenarios
        .iter()
        .map(|s| s.id.chars().count())
        .chain([8])
        .max()
        .unwrap_or(8);
    writeln!(
        out,
        "  {:width$}  decisions  picked  chance  reversed",
        "scenario"
    )?;
    for s in &f.scenarios {
        // Below the minimum a share means little, and a draft's figure would swing with
        // every edit to the library it is measured against; the JSON still has it.
        let (picked, flag) = if s.decisions() < guess::MIN_DECISIONS {
            (
                "-".to_owned(),
                format!("  fewer than {} decisions to judge", guess::MIN_DECISIONS),
            )
        } else if s.warns() {
            (
                pct(s.rate()),
                format!("  above {}", pct(guess::SCENARIO_WARN_ABOVE)),
            )
        } else {
            (pct(s.rate()), String::new())
        };
        let reversed = if s.decisions() < guess::MIN_DECISIONS {
            "-".to_owned()
        } else {
            pct(s.reverse_rate())
        };
        writeln!(
            out,
            "  {:width$}  {:>9}  {:>6}  {:>6}  {:>8}{flag}",
            s.id,
            s.decisions(),
            picked,
            pct(s.chance()),
            reversed
        )?;
    }
    if g.whole_library {
        let chance = match f.decisions() {
            0 => 0.0,
            d => {
                f.scenarios
                    .iter()
                    .map(|s| s.chance() * s.decisions() as f64)
                    .sum::<f64>()
                    / d as f64
            }
        };
        let flag = if f.rate() > guess::LIBRARY_WARN_ABOVE {
            format!("  above {}", pct(guess::LIBRARY_WARN_ABOVE))
        } else {
            String::new()
        };
        writeln!(
            out,
            "  {:width$}  {:>9}  {:>6}  {:>6}{flag}",
            "library",
            f.decisions(),
            pct(f.rate()),
            pct(chance)
        )?;
    }
    writeln!(
        out,
        "  (\"reversed\": picking the option that sounds least attuned; a scenario warns when either\n  figure is above {}, a library above {}; `attune check --tells` lists the giveaways)\n",
        pct(guess::SCENARIO_WARN_ABOVE),
        pct(guess::LIBRARY_WARN_ABOVE)
    )
}

/// The `guessability` object of `check --json`: every measured scenario by id, and the
/// figure pooled over all of them.
fn guess_json(checks: &[Guessability]) -> serde_json::Value {
    let mut scenarios = serde_json::Map::new();
    let mut pooled = guess::LibraryGuess::default();
    for g in checks {
        for s in &g.figures.scenarios {
            scenarios.insert(
                s.id.clone(),
                serde_json::json!({
                    "rate": s.rate(),
                    "decisions": s.decisions(),
                    "hits": s.hits(),
                    "chance": s.chance(),
                    "reverse_rate": s.reverse_rate(),
                    "trained_on": s.trained_on,
                    "given_away": s.given_away(),
                    "warns": s.warns(),
                }),
            );
        }
        pooled.scenarios.extend(g.figures.scenarios.iter().cloned());
    }
    serde_json::json!({
        "library": if pooled.decisions() > 0 { serde_json::json!(pooled.rate()) } else { serde_json::Value::Null },
        "decisions": pooled.decisions(),
        "hits": pooled.hits(),
        "trained_on": checks.iter().map(|g| g.trained_on.clone()).collect::<Vec<_>>(),
        "thresholds": {
            "scenario": guess::SCENARIO_WARN_ABOVE,
            "library": guess::LIBRARY_WARN_ABOVE,
        },
        "scenarios": scenarios,
    })
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
    if args.tells {
        return run_tells(args);
    }
    let Checked {
        report,
        guess,
        unmeasured,
    } = check(args)?;
    let denied = args.deny_warnings && report.warnings() > 0;
    let failed = report.errors() > 0 || denied;
    let mut stdout = std::io::stdout().lock();
    if args.json {
        let scenarios: Vec<ScenarioStats> = report
            .scenarios
            .iter()
            .map(|(f, s)| ScenarioStats::of(s, f))
            .collect();
        let json = serde_json::json!({
            "scenarios": scenarios,
            "diagnostics": report.diagnostics,
            "guessability": guess_json(&guess),
        });
        writeln!(stdout, "{}", serde_json::to_string_pretty(&json)?)?;
    } else {
        let mut buf = Vec::new();
        for d in &report.diagnostics {
            render(d, &mut buf);
        }
        stdout.write_all(&buf)?;
        for g in &guess {
            write_guess_table(&mut stdout, g)?;
        }
        for note in &unmeasured {
            writeln!(stdout, "{note}")?;
        }
        if denied && report.errors() == 0 {
            // The summary must agree with the exit code: these files are not passing.
            let mut files: Vec<&str> = report.diagnostics.iter().map(|d| d.file.as_str()).collect();
            files.sort_unstable();
            files.dedup();
            writeln!(
                stdout,
                "{} file(s) with warnings, 0 error(s), {} warning(s); failing because of --deny warnings",
                files.len(),
                report.warnings()
            )?;
        } else {
            writeln!(
                stdout,
                "{} valid scenario(s), {} error(s), {} warning(s)",
                report.scenarios.len(),
                report.errors(),
                report.warnings()
            )?;
        }
    }
    Ok(if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `check --tells`: the words and phrases that give each class away, over a folder's
/// library or, for one file, those in the file by the evidence of its library.
fn run_tells(args: &Args) -> Result<ExitCode> {
    let path = args
        .paths
        .first()
        .context("`--tells` needs a folder or a file")?;
    let (groups, about, errors) = if path.is_dir() {
        let report = fsload::check_dir(path)
            .with_context(|| format!("cannot read folder {}", path.display()))?;
        let groups = guess::tells(report.scenarios.iter().map(|(_, s)| &**s), guess::TOP_TELLS);
        let about = format!(
            "the {} valid scenario(s) in {}",
            report.scenarios.len(),
            path.display()
        );
        (groups, about, report.errors())
    } else if path.exists() {
        let report = fsload::check_file(path);
        let Some((_, focus)) = report.scenarios.first() else {
            let mut buf = Vec::new();
            for d in report.diagnostics.iter().filter(|d| d.is_error()) {
                render(d, &mut buf);
            }
            std::io::stdout().lock().write_all(&buf)?;
            println!(
                "{} is not a valid scenario ({} error(s)); no tells were measured",
                path.display(),
                report.errors()
            );
            return Ok(ExitCode::from(1));
        };
        let (name, mut library) = match fsload::training_library(path) {
            Some((dir, library)) => (library_name(&dir), library),
            None => (
                "no library (none was found to train on)".to_owned(),
                Vec::new(),
            ),
        };
        library.retain(|s| s.meta.id != focus.meta.id);
        let others = library.len();
        library.push(focus.clone());
        let groups = guess::tells_in(library.iter().map(|s| &**s), focus, guess::TOP_TELLS);
        let about = format!(
            "the phrases of {} that give its answers away, weighed over it and {name} ({others} other scenario(s))",
            path.display()
        );
        (groups, about, report.errors())
    } else {
        bail!("{} does not exist", path.display());
    };
    let mut stdout = std::io::stdout().lock();
    if args.json {
        let json = serde_json::json!({ "about": about, "tells": groups });
        writeln!(stdout, "{}", serde_json::to_string_pretty(&json)?)?;
    } else {
        write_tells(&mut stdout, &about, &groups)?;
        if errors > 0 {
            writeln!(
                stdout,
                "{errors} error(s) left some files out; run `attune check {}` for details",
                path.display()
            )?;
        }
    }
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn write_tells(out: &mut impl Write, about: &str, groups: &[GroupTells]) -> std::io::Result<()> {
    writeln!(
        out,
        "Tells: {about}.\nweight = ln(P(phrase | class) / P(phrase | the other options)), Laplace-smoothed; 0.69 is twice as likely.\nPhrases seen at least {} times in the class, in at least {} scenarios.",
        guess::MIN_TELL_COUNT,
        guess::MIN_TELL_SCENARIOS
    )?;
    for g in groups {
        writeln!(
            out,
            "\n{} ({} option(s), against {} other(s))",
            g.group.key(),
            g.options,
            g.others
        )?;
        if g.tells.is_empty() {
            writeln!(out, "  (none)")?;
            continue;
        }
        writeln!(out, "  weight  in class  in others  phrase")?;
        for t in &g.tells {
            writeln!(
                out,
                "  {:>6.2}  {:>8}  {:>9}  {}",
                t.llr, t.in_class, t.in_others, t.phrase
            )?;
        }
    }
    Ok(())
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
