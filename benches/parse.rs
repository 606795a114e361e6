//! Native parse + validate of generated scenarios at 1k, 10k and 100k nodes.
//!
//! Run with `cargo bench --bench parse`; `cargo xtask bench` runs it with a short
//! measurement time and prints the medians. Targets (issue 7): 10k nodes in at most
//! 50 ms and 100k in at most 500 ms, with cost growing linearly in the number of nodes.
//!
//! The scenarios are synthetic but valid: every node has three choices (attuned, subtle,
//! harmful) with every feedback field filled in, some choices carry conditional
//! branches, some lead straight to an ending, and the words are the real catalogue's
//! (scenarios/patterns.toml), so field lengths are like a real file's, if on the short side.

use std::fmt::Write as _;
use std::hint::black_box;
use std::time::Duration;

use attune::engine::validate;
use attune::engine::{Catalog, SourceFile};
use attune::fsload::BUILTIN_CATALOG;
use criterion::{BenchmarkId, Criterion, SamplingMode, Throughput};

const SIZES: [usize; 3] = [1_000, 10_000, 100_000];

/// A TOML basic string, quoted and escaped.
fn q(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The first sentence of a paragraph.
fn sentence(s: &str) -> &str {
    s.find(". ").map_or(s, |i| &s[..=i])
}

/// A valid scenario with `nodes` decision nodes, written as a scenario file would be.
fn scenario_toml(nodes: usize, catalog: &Catalog) -> String {
    let pats = &catalog.patterns;
    let endings = (nodes / 100).max(4);
    let mut t = String::with_capacity(nodes * 2200);
    let _ = write!(
        t,
        r#"format = 1
id = "generated-{nodes}"
title = "Generated, {nodes} nodes"
summary = {summary}
setting = "Benchmark, session 1 of 1"
minutes = 15
version = "1.0.0"
focus = [{f1}, {f2}]
content_notes = ["none: generated text for a benchmark"]
start = "n0"

[client]
name = "Sam"
pronouns = "they/them"
age = "30s"
context = {context}

[provenance]
authors = ["Attune contributors"]
date = "2026-11-24"
note = "Generated for benchmarks from the catalogue's own words."

[[variables]]
id = "trust"
label = "Trust"
initial = 50
min = 0
max = 100

[[variables]]
id = "safety"
label = "Safety"
initial = 50
min = 0
max = 100
"#,
        summary = q(&pats[0].summary),
        f1 = q(pats[0].id.as_str()),
        f2 = q(pats[1].id.as_str()),
        context = q(&pats[0].description),
    );
    let next = |i: usize| {
        if i + 1 < nodes {
            format!("n{}", i + 1)
        } else {
            format!("e{}", i % endings)
        }
    };
    for i in 0..nodes {
        let p = &pats[i % pats.len()];
        let o = &pats[(i + 1) % pats.len()];
        let harmful = p.example_harmful.as_deref().unwrap_or(&p.summary);
        let better = p.example_alternative.as_deref().unwrap_or(&p.alternative);
        let o_harmful = o.example_harmful.as_deref().unwrap_or(&o.summary);
        let o_better = o.example_alternative.as_deref().unwrap_or(&o.alternative);
        let question = p.questions.get(i % 3).map_or("", String::as_str);
        // Every 25th node's harmful choice ends the conversation; every 4th node's
        // attuned choice can skip ahead when trust and safety are high.
        let harmful_next = if i % 25 == 0 {
            format!("e{}", (i / 25) % endings)
        } else {
            next(i)
        };
        let branches = if i % 4 == 0 && i + 2 < nodes {
            format!(
                "branches = [{{ when = \"trust >= 70 and safety >= 60\", next = \"n{}\" }}]\n",
                i + 2
            )
        } else {
            String::new()
        };
        let _ = write!(
            t,
            r#"
[[nodes]]
id = "n{i}"
client = {client}
cues = "(looks at the clock)"
prompt = {prompt}
facilitator_notes = {notes}

[[nodes.choices]]
text = {a_text}
class = "attuned"
rationale = {a_why}
perspective = "They want to hear what it is actually like for me."
effects = {{ trust = 10, safety = 5 }}
next = "{a_next}"
{branches}
[[nodes.choices]]
text = {s_text}
class = "subtle"
patterns = [{s_pat}]
rationale = {s_why}
perspective = "So it is me that needs to change, again."
alternative = {s_alt}
effects = {{ trust = -5 }}
next = "{a_next}"

[[nodes.choices]]
text = {h_text}
class = "harmful"
patterns = [{h_pat}, {s_pat}]
rationale = {h_why}
perspective = "I will say yes, and not come back."
alternative = {h_alt}
effects = {{ trust = -15, safety = -10 }}
next = "{harmful_next}"
"#,
            client = q(sentence(&o.description)),
            prompt = q(question),
            notes = q(&p.summary),
            a_text = q(better),
            a_why = q(sentence(&p.alternative)),
            a_next = next(i),
            s_text = q(o_harmful),
            s_pat = q(o.id.as_str()),
            s_why = q(&o.summary),
            s_alt = q(o_better),
            h_text = q(harmful),
            h_pat = q(p.id.as_str()),
            h_why = q(sentence(&p.description)),
            h_alt = q(better),
        );
    }
    const KINDS: [&str; 4] = ["rupture", "repair", "growth", "open"];
    for e in 0..endings {
        let p = &pats[e % pats.len()];
        let questions: Vec<String> = p.questions.iter().map(|s| q(s)).collect();
        let _ = write!(
            t,
            r#"
[[endings]]
id = "e{e}"
kind = "{kind}"
title = {title}
text = {text}
questions = [{questions}]
"#,
            kind = KINDS[e % KINDS.len()],
            title = q(&p.name),
            text = q(&p.alternative),
            questions = questions.join(", "),
        );
    }
    t
}

fn bench(c: &mut Criterion) {
    let (catalog, diags) = validate::catalog(&SourceFile::new("patterns.toml", BUILTIN_CATALOG));
    let catalog = catalog.unwrap_or_else(|| panic!("the built-in catalogue is invalid: {diags:?}"));
    let mut group = c.benchmark_group("validate");
    for nodes in SIZES {
        let file = SourceFile::new(
            format!("generated-{nodes}.toml"),
            scenario_toml(nodes, &catalog),
        );
        // The generated file must be a valid scenario, or the figure would mean nothing.
        // Lint warnings would be allowed: producing them is part of what is measured.
        let (model, diags) = validate::scenario(&file, &catalog);
        let errors: Vec<_> = diags.iter().filter(|d| d.is_error()).collect();
        assert!(
            errors.is_empty(),
            "generated scenario has errors: {errors:?}"
        );
        let model = model.expect("a valid scenario");
        assert_eq!(model.nodes.len(), nodes);
        eprintln!(
            "validate/{nodes}: {} bytes of TOML, {} bytes per node, {} warning(s)",
            file.text.len(),
            file.text.len() / nodes,
            diags.len()
        );
        // Large files take a sizeable fraction of a second per run: fixed-size samples
        // instead of criterion's growing (linear) ones, and fewer of them at 100k, so the
        // whole bench stays near a minute.
        if nodes >= 10_000 {
            let samples = if nodes >= 100_000 { 10 } else { 20 };
            group.sampling_mode(SamplingMode::Flat).sample_size(samples);
        }
        group.throughput(Throughput::Bytes(file.text.len() as u64));
        group.bench_with_input(BenchmarkId::from_parameter(nodes), &file, |b, file| {
            b.iter(|| validate::scenario(black_box(file), &catalog))
        });
    }
    group.finish();
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    bench(&mut c);
    c.final_summary();
}
