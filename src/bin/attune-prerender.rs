//! Build-time steps for the web app (Yew SSR and packaging), run by trunk as a post-build
//! hook and by `cargo xtask bundle`.
//!
//! - `attune-prerender [SCENARIO_DIR] [INDEX_HTML]`: writes the pre-rendered library and the
//!   boot data into the built index.html (so the first screen shows before the wasm loads,
//!   then hydrates), each validated scenario as JSON, the library's word model for the
//!   authoring worker's guessability check, a Content Security Policy that allows
//!   exactly the page's own loader script, and an offline service worker listing every file.
//!   Defaults: `scenarios`, and `$TRUNK_STAGING_DIR/index.html`.
//! - `attune-prerender --bundle DIST OUT_HTML`: the one-file edition: the page with its wasm,
//!   script, style and every scenario inlined, to open from `file://` with no server.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::rc::Rc;

use anyhow::{bail, Context, Result};
use base64::Engine;
use sha2::{Digest, Sha256};

use attune::authoring::GUESS_MODEL_FILE;
use attune::engine::guess;
use attune::engine::library::data_file_for;
use attune::fsload;
use attune::ui::boot::{Boot, BOOT_ID, CATALOG_FILE, ROOT_ID};
use attune::ui::{App, AppProps};

/// `'sha256-…'` for a CSP source list.
fn csp_hash(text: &str) -> String {
    let digest = Sha256::digest(text.as_bytes());
    format!(
        "'sha256-{}'",
        base64::engine::general_purpose::STANDARD.encode(digest)
    )
}

/// The text of every inline `<script>` that runs (not JSON data blocks).
fn inline_scripts(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("<script") {
        let tag_end = match rest[start..].find('>') {
            Some(e) => start + e + 1,
            None => break,
        };
        let tag = &rest[start..tag_end];
        let Some(close) = rest[tag_end..].find("</script>") else {
            break;
        };
        let body = &rest[tag_end..tag_end + close];
        if !tag.contains("src=") && !tag.contains("application/json") {
            out.push(body.to_owned());
        }
        rest = &rest[tag_end + close..];
    }
    out
}

fn inline_styles(page: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = page;
    while let Some(start) = rest.find("<style>") {
        let body_start = start + "<style>".len();
        let Some(close) = rest[body_start..].find("</style>") else {
            break;
        };
        out.push(rest[body_start..body_start + close].to_owned());
        rest = &rest[body_start + close..];
    }
    out
}

/// A policy with no third-party origin and no inline script except the hashed ones.
fn csp(page: &str, self_hosted: bool) -> String {
    let scripts: Vec<String> = inline_scripts(page).iter().map(|s| csp_hash(s)).collect();
    let styles: Vec<String> = inline_styles(page).iter().map(|s| csp_hash(s)).collect();
    let own = if self_hosted { "'self' " } else { "" };
    format!(
        "default-src 'none'; script-src {own}{} 'wasm-unsafe-eval'; style-src {own}{}; img-src {own}data:; \
         connect-src {own}; manifest-src {own}; worker-src {own}; base-uri 'none'; form-action 'none'; object-src 'none'",
        scripts.join(" "),
        styles.join(" ")
    )
    .replace("  ", " ")
}

fn insert_csp(page: &str, policy: &str) -> String {
    page.replacen(
        "<meta charset=\"utf-8\">",
        &format!(
            "<meta charset=\"utf-8\">\n  <meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\">"
        ),
        1,
    )
}

fn files_under(dir: &Path, base: &Path, out: &mut Vec<String>) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        if path.is_dir() {
            files_under(&path, base, out)?;
        } else if let Ok(rel) = path.strip_prefix(base) {
            out.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// The offline service worker: caches the app shell and every scenario on install, answers
/// hashed files from the cache and everything else from the network first (the cache when
/// offline), and replaces the cache when a new build (new file list) arrives.
fn service_worker(dist: &Path) -> Result<String> {
    let mut files = Vec::new();
    files_under(dist, dist, &mut files)?;
    files.retain(|f| f != "sw.js" && !f.ends_with(".toml") && f != "attune.html");
    files.sort();
    let version = content_hash(files.iter().flat_map(|f| {
        [
            f.as_bytes().to_vec(),
            std::fs::read(dist.join(f)).unwrap_or_default(),
        ]
    }));
    let list: Vec<String> = std::iter::once("./".to_owned())
        .chain(files.iter().map(|f| format!("./{f}")))
        .map(|f| format!("{f:?}"))
        .collect();
    Ok(format!(
        r#"// Attune's offline cache. Written at build time; do not edit.
const CACHE = "attune-{version}";
const FILES = [{}];
self.addEventListener("install", (event) => {{
  event.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
}});
self.addEventListener("activate", (event) => {{
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("attune-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim())
  );
}});
// Trunk puts a content hash in these names, so a cached copy is always the right one.
const HASHED = /-[0-9a-f]{{16}}(_bg)?\.(js|wasm|css)$/;
// How long to wait for the network before answering from the cache (a training room's
// Wi-Fi can be slow rather than absent).
const PATIENCE_MS = 4000;
self.addEventListener("fetch", (event) => {{
  const url = new URL(event.request.url);
  if (event.request.method !== "GET" || url.origin !== self.location.origin) return;
  const cached = () => caches.open(CACHE).then((c) => c.match(event.request, {{ ignoreSearch: true }}));
  if (HASHED.test(url.pathname)) {{
    event.respondWith(cached().then((hit) => hit || fetch(event.request)));
    return;
  }}
  // The page and the scenario files keep their names from one version to the next, so ask
  // the network first: a new version is then picked up on the very next visit. Offline, or
  // when the network is too slow, the cached copy answers.
  const network = fetch(event.request).then((res) => {{
    if (!res.ok) return res;
    const copy = res.clone();
    return caches.open(CACHE).then((c) => c.put(event.request, copy)).then(() => res, () => res);
  }});
  const slow = new Promise((resolve) => setTimeout(resolve, PATIENCE_MS));
  event.respondWith(
    Promise.race([network.catch(() => null), slow])
      .then((res) => res || cached())
      .then((res) => res || network)
  );
}});
"#,
        list.join(", ")
    ))
}

const MANIFEST: &str = r##"{
  "name": "Attune: a practice room for counsellors",
  "short_name": "Attune",
  "start_url": "./",
  "scope": "./",
  "display": "standalone",
  "background_color": "#fbfaf7",
  "theme_color": "#1d5e8c",
  "icons": [{ "src": "icon.svg", "sizes": "any", "type": "image/svg+xml", "purpose": "any" }]
}
"##;

fn prerender(dir: &Path, html_path: &Path) -> Result<()> {
    let report = fsload::check_dir(dir).with_context(|| format!("reading {}", dir.display()))?;
    if report.errors() > 0 {
        for d in &report.diagnostics {
            eprintln!("{}", d.one_line());
        }
        bail!(
            "the scenarios have {} error(s); run `attune check` for details",
            report.errors()
        );
    }
    // The boot data travels in every page load, so it carries only what the library and
    // the feedback read. The client's background, references and provenance come with each
    // scenario's own file, and the glossary's long texts with the catalogue's.
    let mut entries = report.entries();
    for e in &mut entries {
        e.meta.references.clear();
        e.meta.provenance.authors.clear();
        e.meta.provenance.note = None;
        e.meta.client.context.clear();
    }
    let catalog = report.catalog.clone().unwrap_or_default();
    let boot = Boot {
        entries,
        catalog: catalog.names_and_prompts(),
    };
    let dist = html_path.parent().context("index.html has no folder")?;
    // Each validated scenario goes beside its TOML as JSON: the app's loading path.
    let out_dir = dist.join("scenarios");
    std::fs::create_dir_all(&out_dir)?;
    std::fs::write(out_dir.join(CATALOG_FILE), serde_json::to_string(&catalog)?)?;
    for (file, scenario) in &report.scenarios {
        let path = out_dir.join(data_file_for(file));
        std::fs::write(&path, serde_json::to_string(&**scenario)?)
            .with_context(|| format!("writing {}", path.display()))?;
    }
    // The authoring worker measures an opened file's guessability against the shipped
    // library, trained on the same valid scenarios `attune check` trains on. Word counts are
    // all it needs, so it fetches this one file instead of every scenario.
    let model = guess::Model::train(report.scenarios.iter().map(|(_, s)| &**s));
    std::fs::write(
        out_dir.join(GUESS_MODEL_FILE),
        serde_json::to_string(&model)?,
    )?;
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
    let page = std::fs::read_to_string(html_path)
        .with_context(|| format!("reading {}", html_path.display()))?;
    let slot = format!("<div id=\"{ROOT_ID}\"></div>");
    if !page.contains(&slot) {
        bail!("{} has no empty {slot} to fill", html_path.display());
    }
    let filled = format!(
        "<div id=\"{ROOT_ID}\">{rendered}</div><script type=\"application/json\" id=\"{BOOT_ID}\">{json}</script>"
    );
    let page = page.replacen(&slot, &filled, 1);
    let page = page.replacen("</head>", &format!("{}\n</head>", display_script()), 1);
    let page = paint_before_hydrating(&page)?;
    let full = name_and_start_full_build(dist)?;
    let author = name_author_worker(dist)?;
    let page = page.replacen(
        "</head>",
        &format!(
            "<meta name=\"{FULL_APP_META}\" content=\"{full}\">\n<meta name=\"{AUTHOR_META}\" content=\"{author}\">\n</head>"
        ),
        1,
    );
    let page = insert_csp(&page, &csp(&page, true));
    std::fs::write(html_path, page).with_context(|| format!("writing {}", html_path.display()))?;
    std::fs::write(dist.join("manifest.webmanifest"), MANIFEST)?;
    std::fs::write(dist.join("sw.js"), service_worker(dist)?)?;
    eprintln!(
        "pre-rendered {} scenario(s) into {}",
        report.scenarios.len(),
        html_path.display()
    );
    Ok(())
}

/// A small inline script (allowed by its hash) that applies the trainee's saved theme and
/// text size before the first paint. The first screen is painted before the wasm runs, so
/// without it someone who chose dark or high contrast would see the light page flash on
/// every visit, on a projector too. It reads only the two settings, and any problem with
/// the saved text leaves the defaults for the app to sort out.
fn display_script() -> String {
    format!(
        "<script>try{{var s=JSON.parse(localStorage.getItem({key:?})).settings,d=document.documentElement;\
if(/^(system|light|dark|high-contrast)$/.test(s.theme))d.setAttribute(\"data-theme\",s.theme);\
if(s.text_size>={min}&&s.text_size<={max})d.style.fontSize=s.text_size*1.125+\"%\"}}catch(e){{}}</script>",
        key = attune::progress::STORAGE_KEY,
        min = attune::progress::TEXT_SIZES.start(),
        max = attune::progress::TEXT_SIZES.end(),
    )
}

/// Makes trunk's loader fetch, compile and hydrate the wasm only once the pre-rendered
/// page has painted. The first screen is complete in the HTML, so nothing it shows needs
/// the wasm; downloaded alongside, the wasm would compete with the stylesheet for a slow
/// connection, and on a fast one it could arrive and hydrate before the first paint,
/// holding that paint back. So trunk's preload link for the wasm goes, and the loader
/// waits for a frame. The timeout covers a tab opened in the background, where animation
/// frames do not run; it is long enough that a stylesheet still arriving over a slow
/// connection (which holds back the first frame) does not set the wasm going first.
fn paint_before_hydrating(page: &str) -> Result<String> {
    const INIT: &str = "const wasm = await init(";
    if !page.contains(INIT) {
        bail!("trunk's loader script has changed: no `{INIT}` in index.html");
    }
    let mut page = page.to_owned();
    while let Some(start) = page.find("<link rel=\"preload\"") {
        let Some(len) = page[start..].find('>') else {
            break;
        };
        let link = &page[start..=start + len];
        if !link.contains("application/wasm") {
            bail!("index.html has a preload link that is not the wasm: {link}");
        }
        page.replace_range(start..=start + len, "");
    }
    Ok(page.replacen(
        INIT,
        &format!(
            "await new Promise((go) => {{ requestAnimationFrame(() => setTimeout(go, 0)); setTimeout(go, 2000); }});\n{INIT}"
        ),
        1,
    ))
}

/// Readies the full build, which trunk names like a worker (`attune-full.js`, a classic
/// script that defines `wasm_bindgen`, and its `_bg.wasm`). The glue gets one more line,
/// so that loading the script starts the app, and both files get a content hash in their
/// names, as trunk gives the first-load build: the service worker can then answer them
/// from its copy at once, which matters when a facilitator opens presenter mode on poor
/// Wi-Fi. The page names the script in a `<meta>` element. Returns the script's name.
fn name_and_start_full_build(dist: &Path) -> Result<String> {
    let glue = std::fs::read_to_string(dist.join("attune-full.js"))
        .context("reading attune-full.js: trunk did not build the full app")?;
    let name = rename_with_hash(
        dist,
        "attune-full",
        format!("{glue}{START_FULL}").into_bytes(),
    )?;
    Ok(format!("{name}.js"))
}

/// The same for the authoring worker: its glue and wasm get hashed names, and so does the
/// small loader the worker starts from (trunk's shim, written again with the new names).
/// Returns the loader's name, which the page gives in `<meta name="attune-author">`.
fn name_author_worker(dist: &Path) -> Result<String> {
    let glue = std::fs::read(dist.join("attune-author.js"))
        .context("reading attune-author.js: trunk did not build the authoring worker")?;
    let name = rename_with_hash(dist, "attune-author", glue)?;
    let loader = format!("importScripts(\"./{name}.js\");wasm_bindgen(\"./{name}_bg.wasm\");");
    let loader_name = format!("attune-author-loader-{}.js", content_hash([&loader]));
    std::fs::write(dist.join(&loader_name), loader)?;
    std::fs::remove_file(dist.join("attune-author_loader.js"))?;
    Ok(loader_name)
}

/// Replaces trunk's `{stem}.js` (with `glue` as its new text) and `{stem}_bg.wasm` by
/// copies named `{stem}-{hash}`, and returns that name.
fn rename_with_hash(dist: &Path, stem: &str, glue: Vec<u8>) -> Result<String> {
    let (glue_path, wasm_path) = (
        dist.join(format!("{stem}.js")),
        dist.join(format!("{stem}_bg.wasm")),
    );
    let wasm =
        std::fs::read(&wasm_path).with_context(|| format!("reading {}", wasm_path.display()))?;
    let name = format!("{stem}-{}", content_hash([&glue, &wasm]));
    std::fs::write(dist.join(format!("{name}.js")), glue)?;
    std::fs::write(dist.join(format!("{name}_bg.wasm")), wasm)?;
    std::fs::remove_file(glue_path)?;
    std::fs::remove_file(wasm_path)?;
    Ok(name)
}

/// Sixteen hex digits of SHA-256 over `parts`, like the hashes trunk puts in file names.
fn content_hash(parts: impl IntoIterator<Item = impl AsRef<[u8]>>) -> String {
    let mut hasher = Sha256::new();
    for p in parts {
        hasher.update(p);
    }
    format!("{:x}", hasher.finalize())[..16].to_owned()
}

/// The `<meta>` element that names the full build's script for the first-load build.
const FULL_APP_META: &str = "attune-full";
/// The `<meta>` element that names the authoring worker's loader.
const AUTHOR_META: &str = "attune-author";
/// Loads the wasm beside the script (its default) and runs the app's `main`.
const START_FULL: &str = "\nwasm_bindgen();\n";

/// Cuts the element that starts with `open` (up to and including `close`) out of `page`.
fn cut(page: &str, open: &str, close: &str) -> Option<(String, String)> {
    let start = page.find(open)?;
    let end = start + page[start..].find(close)? + close.len();
    Some((
        format!("{}{}", &page[..start], &page[end..]),
        page[start..end].to_owned(),
    ))
}

fn attr(tag: &str, name: &str) -> Option<String> {
    let key = format!("{name}=\"");
    let start = tag.find(&key)? + key.len();
    let end = start + tag[start..].find('"')?;
    Some(tag[start..end].trim_start_matches("./").to_owned())
}

/// The one-file edition, made from a built dist/.
fn bundle(dist: &Path, out: &Path) -> Result<()> {
    let page = std::fs::read_to_string(dist.join("index.html"))?;
    // Drop the hosted page's policy, preloads, manifest and service worker: a file opened
    // by double-click has no server, and its own policy is made below.
    let (mut page, _) = cut(&page, "<meta http-equiv=\"Content-Security-Policy\"", ">")
        .context("index.html has no CSP; build it with the pre-render step first")?;
    while let Some((p, _)) = cut(&page, "<link rel=\"modulepreload\"", ">") {
        page = p;
    }
    while let Some((p, _)) = cut(&page, "<link rel=\"preload\"", ">") {
        page = p;
    }
    if let Some((p, _)) = cut(&page, "<link rel=\"manifest\"", ">") {
        page = p;
    }
    if let Ok(icon) = std::fs::read(dist.join("icon.svg")) {
        let data = base64::engine::general_purpose::STANDARD.encode(icon);
        page = page.replace(
            "href=\"icon.svg\"",
            &format!("href=\"data:image/svg+xml;base64,{data}\""),
        );
    }
    let (p, css_link) =
        cut(&page, "<link rel=\"stylesheet\"", ">").context("no stylesheet link")?;
    let css = std::fs::read_to_string(dist.join(attr(&css_link, "href").context("css href")?))?;
    page = p.replacen("</head>", &format!("<style>{css}</style>\n</head>"), 1);
    // The one-file edition carries the full build alone: size matters less on a USB stick
    // than a hand-over that would need a second script from a server.
    let (p, _) = cut(&page, "<script type=\"module\">", "</script>").context("no loader script")?;
    page = p;
    let (p, meta) = cut(&page, &format!("<meta name=\"{FULL_APP_META}\""), ">")
        .context("index.html does not name the full build")?;
    page = p;
    let full = attr(&meta, "content").context("the full build's name")?;
    // A page opened from file:// cannot start the worker (it says so), so it names none.
    if let Some((p, _)) = cut(&page, &format!("<meta name=\"{AUTHOR_META}\""), ">") {
        page = p;
    }
    let glue = std::fs::read_to_string(dist.join(&full))?.replace(START_FULL, "\n");
    let wasm = base64::engine::general_purpose::STANDARD
        .encode(std::fs::read(dist.join(full.replace(".js", "_bg.wasm")))?);
    // A classic script that defines `wasm_bindgen`, which takes the wasm bytes directly.
    let script = format!(
        "{glue}\nwasm_bindgen({{ module_or_path: Uint8Array.from(atob(\"{wasm}\"), (c) => c.charCodeAt(0)) }});\n"
    );
    let mut data = String::new();
    let mut files = Vec::new();
    files_under(&dist.join("scenarios"), dist, &mut files)?;
    files.sort();
    // The word model serves only the authoring worker, which the one-file edition cannot
    // start, so it stays out.
    for f in files
        .iter()
        .filter(|f| f.ends_with(".json") && !f.ends_with(GUESS_MODEL_FILE))
    {
        let text = std::fs::read_to_string(dist.join(f))?.replace('<', "\\u003c");
        data.push_str(&format!(
            "<script type=\"application/json\" id=\"attune-file:{f}\">{text}</script>\n"
        ));
    }
    page = page.replacen(
        "</body>",
        &format!("{data}<script>{script}</script>\n</body>"),
        1,
    );
    let page = insert_csp(&page, &csp(&page, false));
    std::fs::write(out, page).with_context(|| format!("writing {}", out.display()))?;
    eprintln!("wrote the one-file edition to {}", out.display());
    Ok(())
}

fn run() -> Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.first().map(String::as_str) == Some("--bundle") {
        let (Some(dist), Some(out)) = (args.get(1), args.get(2)) else {
            bail!("usage: attune-prerender --bundle DIST OUT_HTML");
        };
        return bundle(Path::new(dist), Path::new(out));
    }
    let dir = PathBuf::from(args.first().cloned().unwrap_or_else(|| "scenarios".into()));
    let html_path =
        match args.get(1) {
            Some(p) => PathBuf::from(p),
            None => PathBuf::from(std::env::var("TRUNK_STAGING_DIR").context(
                "give the path of index.html, or run as a trunk hook (TRUNK_STAGING_DIR)",
            )?)
            .join("index.html"),
        };
    prerender(&dir, &html_path)
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
