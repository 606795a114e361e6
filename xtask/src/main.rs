//! `cargo xtask`: the project's two front doors, `serve` and `test`, plus `build`,
//! `bundle` (the one-file edition), `bench` and `size` (the first-screen size check alone).
//!
//! Each command installs what is missing before it runs (the wasm target, pinned trunk and
//! wasm-bindgen-cli, the npm test tools with binaryen's wasm-opt, Debian's Chromium), and
//! downloads nothing from outside the package registries.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Mutex, OnceLock};
use std::time::SystemTime;

use anyhow::{bail, Context, Result};

mod bench;

const TRUNK_VERSION: &str = "0.21.14";
const CHROMIUM: &str = "/usr/bin/chromium";

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn browser_dir() -> PathBuf {
    root().join("tests/browser")
}

/// Runs a command in the project root, failing with its name if it fails.
fn run(cmd: &mut Command) -> Result<()> {
    eprintln!("xtask: {cmd:?}");
    let status = cmd
        .current_dir(root())
        .status()
        .with_context(|| format!("could not start {cmd:?}"))?;
    if !status.success() {
        bail!("{cmd:?} failed ({status})");
    }
    Ok(())
}

fn output(cmd: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(cmd).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The wasm-bindgen version pinned in Cargo.lock; the CLI must match it exactly.
fn wasm_bindgen_version() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))?;
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines.next().and_then(|l| l.strip_prefix("version = \"")) {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    bail!("wasm-bindgen is not in Cargo.lock")
}

/// PATH with cargo's bin folder and the npm tools (binaryen's wasm-opt) in front.
fn set_path() {
    let mut dirs = vec![browser_dir().join("node_modules/.bin")];
    if let Some(home) = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".cargo")))
    {
        dirs.push(home.join("bin"));
    }
    let old = std::env::var_os("PATH").unwrap_or_default();
    dirs.extend(std::env::split_paths(&old));
    if let Ok(p) = std::env::join_paths(dirs) {
        std::env::set_var("PATH", p);
    }
}

fn ensure_wasm_target() -> Result<()> {
    let targets = output("rustup", &["target", "list", "--installed"]).unwrap_or_default();
    if !targets
        .lines()
        .any(|t| t.trim() == "wasm32-unknown-unknown")
    {
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    Ok(())
}

fn ensure_build_tools() -> Result<()> {
    set_path();
    ensure_wasm_target()?;
    let trunk = output("trunk", &["--version"]).unwrap_or_default();
    if !trunk.contains(TRUNK_VERSION) {
        // trunk needs --locked: its newest dependencies want a newer rustc.
        run(Command::new("cargo").args([
            "install",
            "--locked",
            "trunk",
            "--version",
            TRUNK_VERSION,
        ]))?;
    }
    let wb = wasm_bindgen_version()?;
    let have = output("wasm-bindgen", &["--version"]).unwrap_or_default();
    if !have.contains(&wb) {
        // Without --locked: with it, this version's lock file fails to build.
        run(Command::new("cargo").args(["install", "wasm-bindgen-cli", "--version", &wb]))?;
    }
    ensure_npm()
}

fn ensure_npm() -> Result<()> {
    ensure_npm_in(&browser_dir())
}

/// `npm ci` in a package folder, unless its node_modules is newer than its lock file.
fn ensure_npm_in(dir: &Path) -> Result<()> {
    let stamp = dir.join("node_modules/.package-lock.json");
    let fresh = std::fs::metadata(&stamp)
        .and_then(|s| s.modified())
        .ok()
        .zip(
            std::fs::metadata(dir.join("package-lock.json"))
                .and_then(|m| m.modified())
                .ok(),
        )
        .is_some_and(|(installed, lock)| installed >= lock);
    if !fresh {
        run(Command::new("npm")
            .args(["ci", "--no-audit", "--no-fund", "--prefix"])
            .arg(dir))?;
    }
    Ok(())
}

/// The fonts the browser tests see (tests/browser/fonts.conf points Chromium at them
/// alone), so layout checks give the same answer on every machine.
const TEST_FONT: &str = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";

fn ensure_chromium() -> Result<()> {
    if Path::new(CHROMIUM).exists() && Path::new(TEST_FONT).exists() {
        return Ok(());
    }
    let sudo = output("id", &["-u"]).is_some_and(|u| u.trim() != "0");
    let apt = |args: &[&str]| {
        let mut c = if sudo {
            Command::new("sudo")
        } else {
            Command::new("apt-get")
        };
        if sudo {
            c.arg("apt-get");
        }
        c.args(args).env("DEBIAN_FRONTEND", "noninteractive");
        c
    };
    run(&mut apt(&["update"]))?;
    run(&mut apt(&[
        "install",
        "-y",
        "--no-install-recommends",
        "chromium",
        "fonts-dejavu-core",
    ]))
}

fn build() -> Result<()> {
    ensure_build_tools()?;
    run(Command::new("trunk").args(["build", "--release", "--offline"]))
}

/// The one-file edition, dist/attune.html, made from a fresh build.
fn bundle_only() -> Result<()> {
    run(Command::new("cargo").args([
        "run",
        "--quiet",
        "--features",
        "ssr",
        "--bin",
        "attune-prerender",
        "--",
        "--bundle",
        "dist",
        "dist/attune.html",
    ]))
}

fn bundle() -> Result<()> {
    build()?;
    bundle_only()
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "json" | "webmanifest" => "application/json",
        "toml" | "txt" | "md" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        _ => "application/octet-stream",
    }
}

/// Whether trunk put a content hash in this file name (`style-1f3cb7b2ec4d12ed.css`), so it
/// can never change under the same name and may be cached for good.
fn hashed_name(path: &Path) -> bool {
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    let stem = stem.trim_end_matches("_bg");
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| hash.len() == 16 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// Gzips a file once per version of it: a static host compresses ahead of time, so the
/// benchmarks must not time compression (xtask is an unoptimised debug build).
fn gzipped(file: &Path, body: Vec<u8>) -> std::io::Result<Vec<u8>> {
    type Cache = HashMap<PathBuf, (Option<SystemTime>, Vec<u8>)>;
    static CACHE: OnceLock<Mutex<Cache>> = OnceLock::new();
    let modified = std::fs::metadata(file).and_then(|m| m.modified()).ok();
    let cache = CACHE.get_or_init(Default::default);
    if let Some((when, zipped)) = cache.lock().ok().and_then(|c| c.get(file).cloned()) {
        if when == modified && modified.is_some() {
            return Ok(zipped);
        }
    }
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(&body)?;
    let zipped = enc.finish()?;
    if let Ok(mut c) = cache.lock() {
        c.insert(file.to_path_buf(), (modified, zipped.clone()));
    }
    Ok(zipped)
}

/// A small static file server for dist/: enough for `serve`, the browser tests and the
/// benchmarks. It behaves like the static hosts Attune is meant for: text and wasm are
/// sent gzipped when the browser accepts it, hashed files may be cached for good, and
/// everything else is revalidated so an update is seen on the next visit.
fn handle(mut stream: TcpStream, dist: &Path) -> std::io::Result<()> {
    let mut reader = BufReader::new(&stream);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut gzip_ok = false;
    loop {
        let mut line = String::new();
        if reader.read_line(&mut line)? == 0 || line.trim().is_empty() {
            break;
        }
        let lower = line.to_ascii_lowercase();
        if lower.starts_with("accept-encoding:") && lower.contains("gzip") {
            gzip_ok = true;
        }
    }
    let raw = request.split_whitespace().nth(1).unwrap_or("/");
    let path = raw.split(['?', '#']).next().unwrap_or("/");
    let mut file = dist.to_path_buf();
    for part in path
        .split('/')
        .filter(|p| !p.is_empty() && *p != "." && *p != "..")
    {
        file.push(part);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    match std::fs::read(&file) {
        Ok(body) => {
            let kind = content_type(&file);
            let compress = gzip_ok && !kind.starts_with("image/png");
            let body = if compress {
                gzipped(&file, body)?
            } else {
                body
            };
            let cache = if hashed_name(&file) {
                "public, max-age=31536000, immutable"
            } else {
                "no-cache"
            };
            write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: {kind}\r\nContent-Length: {}\r\n{}Vary: Accept-Encoding\r\nCache-Control: {cache}\r\nConnection: close\r\n\r\n",
                body.len(),
                if compress { "Content-Encoding: gzip\r\n" } else { "" },
            )?;
            stream.write_all(&body)
        }
        Err(_) => {
            let body = b"Not found";
            write!(stream, "HTTP/1.1 404 Not Found\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n", body.len())?;
            stream.write_all(body)
        }
    }
}

fn serve_dist(listener: TcpListener) {
    let dist = root().join("dist");
    for stream in listener.incoming().flatten() {
        let dist = dist.clone();
        std::thread::spawn(move || {
            let _ = handle(stream, &dist);
        });
    }
}

fn serve() -> Result<()> {
    build()?;
    let listener = TcpListener::bind("127.0.0.1:8080").context("port 8080 is busy")?;
    eprintln!("xtask: Attune is at http://127.0.0.1:8080/ (Ctrl+C to stop)");
    serve_dist(listener);
    Ok(())
}

/// Clippy with warnings denied for one wasm build of the crate.
fn clippy_wasm(features: &str, targets: &[&str]) -> Result<()> {
    run(Command::new("cargo")
        .args([
            "clippy",
            "--target",
            "wasm32-unknown-unknown",
            "--no-default-features",
        ])
        .args(["--features", features])
        .args(targets)
        .args(["--", "-D", "warnings"]))
}

fn test() -> Result<()> {
    set_path();
    ensure_wasm_target()?;
    // The slow installs (trunk, wasm-bindgen-cli, npm tools, Chromium) run beside the
    // native checks, which need none of them; on a fresh 2-core machine this saves minutes.
    let installs = std::thread::spawn(|| ensure_build_tools().and_then(|()| ensure_chromium()));
    run(Command::new("cargo").args(["fmt", "--all", "--check"]))?;
    run(Command::new("cargo").args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--features",
        "ssr",
        "--",
        "-D",
        "warnings",
    ]))?;
    clippy_wasm("web", &["--lib", "--bin", "attune-web"])?;
    clippy_wasm("web,studio", &["--lib", "--bin", "attune-full"])?;
    clippy_wasm("author", &["--bin", "attune-author"])?;
    run(Command::new("cargo").args(["test", "--workspace", "--features", "ssr"]))?;
    installs
        .join()
        .map_err(|_| anyhow::anyhow!("the install thread panicked"))??;
    run(Command::new("trunk").args(["build", "--release", "--offline"]))?;
    bundle_only()?;
    bench::check_size()?;
    let listener = TcpListener::bind("127.0.0.1:0")?;
    let url = format!("http://{}/", listener.local_addr()?);
    std::thread::spawn(move || serve_dist(listener));
    run(Command::new("npm")
        .args(["test", "--prefix"])
        .arg(browser_dir())
        .env("ATTUNE_URL", &url)
        .env("CHROMIUM", CHROMIUM))
}

fn main() -> Result<()> {
    match std::env::args().nth(1).as_deref() {
        Some("serve") => serve(),
        Some("test") => test(),
        Some("build") => build(),
        Some("bundle") => bundle(),
        Some("bench") => bench::bench(),
        // The first-screen size check that `test` runs, against the dist/ already built.
        Some("size") => bench::check_size(),
        _ => {
            eprintln!("usage: cargo xtask <serve|test|build|bundle|bench|size>");
            std::process::exit(2);
        }
    }
}
