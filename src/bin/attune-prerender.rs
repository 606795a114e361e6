//! Build-time pre-render (Yew SSR): writes the library screen and the boot data into the
//! built index.html, so the first screen shows before the wasm loads and then hydrates.
//!
//! Usage: attune-prerender [SCENARIO_DIR] [INDEX_HTML]
//! Defaults: `scenarios`, and `$TRUNK_STAGING_DIR/index.html` when trunk runs it as a hook.

use std::path::PathBuf;
use std::process::ExitCode;
use std::rc::Rc;

use anyhow::{bail, Context, Result};

use attune::fsload;
use attune::ui::boot::{Boot, BOOT_ID, ROOT_ID};
use attune::ui::{App, AppProps};

fn run() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let dir = PathBuf::from(args.next().unwrap_or_else(|| "scenarios".into()));
    let html_path =
        match args.next() {
            Some(p) => PathBuf::from(p),
            None => PathBuf::from(std::env::var("TRUNK_STAGING_DIR").context(
                "give the path of index.html, or run as a trunk hook (TRUNK_STAGING_DIR)",
            )?)
            .join("index.html"),
        };
    let report = fsload::check_dir(&dir).with_context(|| format!("reading {}", dir.display()))?;
    if report.errors() > 0 {
        for d in &report.diagnostics {
            eprintln!("{}", d.one_line());
        }
        bail!(
            "the scenarios have {} error(s); run `attune check` for details",
            report.errors()
        );
    }
    let boot = Boot {
        entries: report.entries(),
        catalog: report.catalog.clone().unwrap_or_default(),
    };
    // Each validated scenario goes beside its TOML as JSON: the app's loading path.
    let out_dir = html_path
        .parent()
        .map(|d| d.join("scenarios"))
        .context("index.html has no folder")?;
    std::fs::create_dir_all(&out_dir)?;
    for (file, scenario) in &report.scenarios {
        let path = out_dir.join(attune::engine::library::data_file_for(file));
        std::fs::write(&path, serde_json::to_string(&**scenario)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    let json = boot.to_script_json();
    let rendered = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()?
        .block_on(async move {
            yew::ServerRenderer::<App>::with_props(move || AppProps {
                boot: Rc::new(boot),
            })
            .render()
            .await
        });
    let page = std::fs::read_to_string(&html_path)
        .with_context(|| format!("reading {}", html_path.display()))?;
    let slot = format!("<div id=\"{ROOT_ID}\"></div>");
    if !page.contains(&slot) {
        bail!("{} has no empty {slot} to fill", html_path.display());
    }
    let filled = format!(
        "<div id=\"{ROOT_ID}\">{rendered}</div><script type=\"application/json\" id=\"{BOOT_ID}\">{json}</script>"
    );
    std::fs::write(&html_path, page.replacen(&slot, &filled, 1))
        .with_context(|| format!("writing {}", html_path.display()))?;
    eprintln!(
        "pre-rendered {} scenario(s) into {}",
        report.scenarios.len(),
        html_path.display()
    );
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("attune-prerender: {e:#}");
            ExitCode::FAILURE
        }
    }
}
