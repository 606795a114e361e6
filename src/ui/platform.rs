//! Browser side effects in one place. With the `web` feature they reach the real browser;
//! without it (the host pre-render) they are inert, since effects never run in SSR.

use std::future::Future;
use yew::prelude::*;

/// Keeps an event listener alive; dropping it removes the listener.
pub struct Listener(#[allow(dead_code)] Option<Box<dyn std::any::Any>>);

#[cfg(feature = "web")]
mod imp {
    use super::*;
    use gloo::events::EventListener;
    use wasm_bindgen::JsCast;

    fn window() -> Option<web_sys::Window> {
        web_sys::window()
    }

    pub fn current_hash() -> String {
        window()
            .and_then(|w| w.location().hash().ok())
            .unwrap_or_default()
    }

    pub fn set_hash(hash: &str) {
        if let Some(w) = window() {
            let _ = w.location().set_hash(hash);
        }
    }

    pub fn listen_hashchange(cb: Callback<String>) -> Listener {
        let l = window()
            .map(|w| EventListener::new(&w, "hashchange", move |_| cb.emit(current_hash())));
        Listener(l.map(|l| Box::new(l) as Box<dyn std::any::Any>))
    }

    pub fn listen_keys(cb: Callback<KeyboardEvent>) -> Listener {
        // Not passive: presenter mode stops a clicker's PageDown from scrolling the page.
        let options = gloo::events::EventListenerOptions::enable_prevent_default();
        let l = gloo::utils::document_element().parent_node().map(|doc| {
            EventListener::new_with_options(&doc, "keydown", options, move |e| {
                let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                // Keys typed into a text field are the trainee's words, not commands; Esc
                // is the exception, so stepping out works while writing a reflection (the
                // draft stays in its field behind the pause).
                let typing = k.key() != "Escape"
                    && k.target()
                        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
                        .is_some_and(|el| {
                            matches!(el.tag_name().as_str(), "INPUT" | "TEXTAREA" | "SELECT")
                        });
                if !typing {
                    cb.emit(k.clone());
                }
            })
        });
        Listener(l.map(|l| Box::new(l) as Box<dyn std::any::Any>))
    }

    /// Fetches a file next to the page. Relative, so any sub-path of any host works. The
    /// one-file edition carries its files inside the page instead, since `file://` pages
    /// cannot fetch.
    pub async fn fetch_text(url: String) -> Result<String, String> {
        if let Some(el) = gloo::utils::document().get_element_by_id(&format!("attune-file:{url}")) {
            return Ok(el.text_content().unwrap_or_default());
        }
        let w = window().ok_or("no window")?;
        let resp = wasm_bindgen_futures::JsFuture::from(w.fetch_with_str(&url))
            .await
            .map_err(|_| format!("could not fetch {url}: the network request failed"))?;
        let resp: web_sys::Response = resp.dyn_into().map_err(|_| "unexpected fetch result")?;
        if !resp.ok() {
            return Err(format!("could not fetch {url}: HTTP {}", resp.status()));
        }
        let text = resp.text().map_err(|_| "could not read the response")?;
        let text = wasm_bindgen_futures::JsFuture::from(text)
            .await
            .map_err(|_| "could not read the response")?;
        text.as_string()
            .ok_or_else(|| "the response was not text".into())
    }

    pub fn spawn(f: impl Future<Output = ()> + 'static) {
        wasm_bindgen_futures::spawn_local(f);
    }

    pub fn random_seed() -> u64 {
        #[cfg(target_arch = "wasm32")]
        {
            getrandom::u64().unwrap_or_else(|_| (js_sys::Math::random() * u64::MAX as f64) as u64)
        }
        #[cfg(not(target_arch = "wasm32"))]
        {
            (js_sys::Math::random() * u64::MAX as f64) as u64
        }
    }

    pub fn set_title(title: &str) {
        gloo::utils::document().set_title(title);
    }

    /// Lower case for searching, from the browser, which already carries the Unicode case
    /// tables; Rust's own would add about 12 KB to the wasm for one search box.
    pub fn lowercase(text: &str) -> String {
        js_sys::JsString::from(text).to_lower_case().into()
    }

    /// Moves focus to an element (made focusable with tabindex="-1" where needed).
    pub fn focus(id: &str) {
        if let Some(el) = gloo::utils::document().get_element_by_id(id) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    }

    /// The id of the element that has focus, if it has one.
    pub fn focused_id() -> Option<String> {
        gloo::utils::document()
            .active_element()
            .map(|el| el.id())
            .filter(|id| !id.is_empty())
    }

    /// Runs `f` once the browser has painted the next frame, so work the trainee does not
    /// see (saving progress) never delays what they do see. A timer stands in when frames
    /// are not being drawn, as in a background tab.
    pub fn after_paint(f: impl FnOnce() + 'static) {
        use std::cell::Cell;
        use std::rc::Rc;
        use wasm_bindgen::closure::Closure;
        let Some(w) = window() else { return f() };
        // Whichever of the two callbacks comes first takes `f`; the other finds it gone.
        let once = Rc::new(Cell::new(Some(Box::new(f) as Box<dyn FnOnce()>)));
        let run = move || {
            if let Some(f) = once.take() {
                f();
            }
        };
        let run2 = run.clone();
        let frame = {
            let w = w.clone();
            Closure::once_into_js(move || {
                let later = Closure::once_into_js(run);
                let _ = w.set_timeout_with_callback(later.unchecked_ref());
            })
        };
        let fallback = Closure::once_into_js(run2);
        let _ = w.request_animation_frame(frame.unchecked_ref());
        let _ =
            w.set_timeout_with_callback_and_timeout_and_arguments_0(fallback.unchecked_ref(), 250);
    }

    pub fn scroll_to(id: &str) {
        if let Some(el) = gloo::utils::document().get_element_by_id(id) {
            el.scroll_into_view();
        }
    }

    fn local_storage() -> Result<web_sys::Storage, String> {
        window()
            .ok_or("no window")?
            .local_storage()
            .map_err(|_| "the browser refused access to storage".to_owned())?
            .ok_or_else(|| "this browser has storage switched off".to_owned())
    }

    /// Leaves a note for the next app on this page (the full build, after a hand-over), in
    /// this tab's session storage. Best effort: without it, plays resume a step later.
    pub fn pass_on(note: &str) {
        if let Some(s) = window().and_then(|w| w.session_storage().ok().flatten()) {
            let _ = s.set_item(HANDOVER_KEY, note);
        }
    }

    /// The note the previous app on this page left, once.
    pub fn take_passed_on() -> Option<String> {
        let s = window().and_then(|w| w.session_storage().ok().flatten())?;
        let note = s.get_item(HANDOVER_KEY).ok().flatten();
        let _ = s.remove_item(HANDOVER_KEY);
        note
    }

    const HANDOVER_KEY: &str = "attune.handover";

    /// Reads a key; `Err` means storage itself cannot be used.
    pub fn storage_read(key: &str) -> Result<Option<String>, String> {
        local_storage()?
            .get_item(key)
            .map_err(|_| "the browser refused to read storage".to_owned())
    }

    /// Writes a key; `Err` means it was not kept (disabled, or over quota).
    pub fn storage_write(key: &str, value: &str) -> Result<(), String> {
        local_storage()?.set_item(key, value).map_err(|_| {
            "the browser refused to save (storage may be full or switched off)".to_owned()
        })
    }

    pub fn storage_remove(key: &str) {
        if let Ok(s) = local_storage() {
            let _ = s.remove_item(key);
        }
    }

    /// Every stored key that starts with `prefix`.
    pub fn storage_keys(prefix: &str) -> Vec<String> {
        let Ok(s) = local_storage() else {
            return Vec::new();
        };
        (0..s.length().unwrap_or(0))
            .filter_map(|i| s.key(i).ok().flatten())
            .filter(|k| k.starts_with(prefix))
            .collect()
    }

    /// Fires when another tab changes a key: (key, new value).
    pub fn listen_storage(cb: Callback<(String, Option<String>)>) -> Listener {
        let l = window().map(|w| {
            EventListener::new(&w, "storage", move |e| {
                if let Some(e) = e.dyn_ref::<web_sys::StorageEvent>() {
                    cb.emit((e.key().unwrap_or_default(), e.new_value()));
                }
            })
        });
        Listener(l.map(|l| Box::new(l) as Box<dyn std::any::Any>))
    }

    pub fn now() -> f64 {
        js_sys::Date::now()
    }

    /// Offers text as a file download, made in the page: nothing is uploaded anywhere.
    pub fn download(filename: &str, mime: &str, text: &str) {
        let href = format!(
            "data:{mime};charset=utf-8,{}",
            js_sys::encode_uri_component(text)
        );
        let doc = gloo::utils::document();
        if let Ok(a) = doc.create_element("a") {
            let _ = a.set_attribute("href", &href);
            let _ = a.set_attribute("download", filename);
            if let Some(body) = doc.body() {
                let _ = body.append_child(&a);
                if let Ok(a) = a.clone().dyn_into::<web_sys::HtmlElement>() {
                    a.click();
                }
                let _ = body.remove_child(&a);
            }
        }
    }

    /// Reads the first file chosen in a file input as text.
    pub async fn read_chosen_file(
        input: web_sys::HtmlInputElement,
    ) -> Result<(String, String), String> {
        let file = input
            .files()
            .and_then(|f| f.get(0))
            .ok_or("no file was chosen")?;
        let name = file.name();
        let text = gloo_file::futures::read_as_text(&gloo_file::File::from(file))
            .await
            .map_err(|_| format!("{name} could not be read"))?;
        Ok((name, text))
    }

    pub fn print() {
        if let Some(w) = window() {
            let _ = w.print();
        }
    }

    /// Applies display settings to the page root. The size goes through the CSS object
    /// model, which the Content Security Policy allows, unlike a `style` attribute.
    pub fn apply_display(theme: &str, text_size: u16) {
        // Saved progress is repaired on load, but a size outside the range must never
        // reach the page whatever its source: 9999% leaves nothing readable.
        let sizes = crate::progress::TEXT_SIZES;
        let text_size = text_size.clamp(*sizes.start(), *sizes.end());
        let root = gloo::utils::document_element();
        let _ = root.set_attribute("data-theme", theme);
        if let Ok(el) = root.dyn_into::<web_sys::HtmlElement>() {
            let _ = el
                .style()
                .set_property("font-size", &format!("{}%", text_size as f32 * 1.125));
        }
    }

    /// Registers the offline service worker, where the page is served over HTTP(S).
    pub fn register_service_worker() {
        let Some(w) = window() else { return };
        let protocol = w.location().protocol().unwrap_or_default();
        if protocol != "https:" && protocol != "http:" {
            return;
        }
        let _ = w.navigator().service_worker().register("sw.js");
    }

    /// Shows a message in the page if the app hits a bug, as well as logging it.
    pub fn install_panic_message() {
        yew::set_custom_panic_hook(Box::new(|info| {
            console_error_panic_hook::hook(info);
            let doc = gloo::utils::document();
            if let (Ok(div), Some(body)) = (doc.create_element("div"), doc.body()) {
                let _ = div.set_attribute("role", "alert");
                let _ = div.set_attribute("class", "notice crash");
                div.set_text_content(Some(
                    "Something went wrong inside Attune, and this page has stopped responding. \
                     Your saved progress is safe on this device. Reload the page to carry on.",
                ));
                let _ = body.prepend_with_node_1(&div);
            }
        }));
    }

    thread_local! {
        /// The running app, so the first-load build can step aside for the full one.
        static APP: std::cell::RefCell<Option<yew::AppHandle<crate::ui::App>>> =
            const { std::cell::RefCell::new(None) };
    }

    /// Starts the app on the page: hydrates the pre-rendered first screen, or renders from
    /// nothing where the page holds none (the full build, after the first-load build has
    /// handed over). Without boot data the page was not pre-rendered, and says so plainly.
    pub fn start_app() {
        use crate::ui::boot::{Boot, BOOT_ID, ROOT_ID};
        use crate::ui::{App, AppProps};
        install_panic_message();
        let document = gloo::utils::document();
        let boot = document
            .get_element_by_id(BOOT_ID)
            .and_then(|el| el.text_content())
            .and_then(|json| serde_json::from_str::<Boot>(&json).ok());
        let Some(root) = document.get_element_by_id(ROOT_ID) else {
            return;
        };
        let Some(boot) = boot else {
            root.set_inner_html(
                "<main id=\"main\"><h1>Attune could not start</h1><p>The scenario list is missing from this page. Rebuild it with the pre-render step (see the README).</p></main>",
            );
            return;
        };
        let rendered = root.child_element_count() > 0;
        let renderer = yew::Renderer::<App>::with_root_and_props(
            root,
            AppProps {
                boot: std::rc::Rc::new(boot),
            },
        );
        let handle = if rendered {
            renderer.hydrate()
        } else {
            renderer.render()
        };
        APP.with(|app| *app.borrow_mut() = Some(handle));
    }

    /// A file the pre-renderer names in the page's `<meta name=…>` (with a content hash):
    /// `attune-full`, the full build's script, made to start itself once loaded, and
    /// `attune-author`, the authoring worker's loader.
    fn named_in_page(meta: &str) -> Option<String> {
        gloo::utils::document()
            .query_selector(&format!("meta[name=\"{meta}\"]"))
            .ok()
            .flatten()
            .and_then(|m| m.get_attribute("content"))
    }

    /// Hands the page over from the first-load build to the full one: once the saves under
    /// way have run (they wait for the same paint), the player is taken down, the page gets
    /// a fresh root so none of its listeners stay behind, and the full build is loaded. It
    /// reads the saved progress and the route afresh, and plays resume where they were.
    #[cfg(not(feature = "studio"))]
    pub fn open_full_app() {
        use crate::ui::boot::ROOT_ID;
        after_paint(|| {
            if let Some(app) = APP.with(|app| app.borrow_mut().take()) {
                app.destroy();
            }
            let document = gloo::utils::document();
            let fresh = document.create_element("div").ok();
            if let (Some(old), Some(fresh)) = (document.get_element_by_id(ROOT_ID), &fresh) {
                fresh.set_id(ROOT_ID);
                let _ = old.replace_with_with_node_1(fresh);
            }
            let (Ok(script), Some(body)) = (document.create_element("script"), document.body())
            else {
                return;
            };
            let _ = script.set_attribute("src", &named_in_page("attune-full").unwrap_or_default());
            // Offline before this part was ever cached, say so rather than leave a blank page.
            EventListener::once(&script, "error", move |_| {
                if let Some(root) = fresh {
                    root.set_inner_html(
                        "<main id=\"main\"><h1 id=\"page-heading\" tabindex=\"-1\">This page could not be loaded</h1><p>This part of Attune has not been saved on this device yet, and the network could not be reached. Your progress is kept. Connect and reload, or go back to the <a href=\"./\">scenario library</a>.</p></main>",
                    );
                }
            })
            .forget();
            let _ = body.append_child(&script);
        });
    }

    /// Enters or leaves full screen for presenter mode.
    pub fn toggle_fullscreen() {
        let doc = gloo::utils::document();
        if doc.fullscreen_element().is_some() {
            doc.exit_fullscreen();
        } else {
            let _ = gloo::utils::document_element().request_fullscreen();
        }
    }

    /// Checks an opened scenario file in the authoring worker, which is loaded only now.
    pub async fn check_in_worker(file: web_sys::File) -> Result<crate::authoring::Checked, String> {
        let name = file.name();
        if let Some(refused) = crate::authoring::too_large(&name, file.size() as usize) {
            return Ok(refused);
        }
        let protocol = window()
            .map(|w| w.location().protocol().unwrap_or_default())
            .unwrap_or_default();
        if protocol == "file:" {
            return Err("Opening your own files needs Attune served from a web address; the one-file edition cannot start the checker.".into());
        }
        let bytes = gloo_file::futures::read_as_bytes(&gloo_file::File::from(file))
            .await
            .map_err(|_| format!("{name} could not be read"))?;
        let bytes = js_sys::Uint8Array::from(bytes.as_slice());
        let loader = named_in_page("attune-author")
            .ok_or("this page does not name the scenario checker; rebuild it")?;
        let worker = web_sys::Worker::new(&loader)
            .map_err(|_| "the scenario checker could not start".to_owned())?;
        // The next message from the worker, or its failure.
        let next_message = |worker: &web_sys::Worker| {
            js_sys::Promise::new(&mut |resolve, reject| {
                let ok = wasm_bindgen::closure::Closure::once_into_js(
                    move |e: web_sys::MessageEvent| {
                        let _ = resolve.call1(&wasm_bindgen::JsValue::NULL, &e.data());
                    },
                );
                let fail = wasm_bindgen::closure::Closure::once_into_js(
                    move |e: wasm_bindgen::JsValue| {
                        let _ = reject.call1(&wasm_bindgen::JsValue::NULL, &e);
                    },
                );
                worker.set_onmessage(Some(ok.unchecked_ref()));
                worker.set_onerror(Some(fail.unchecked_ref()));
            })
        };
        // The worker says when its wasm is ready; a message sent earlier would be lost.
        wasm_bindgen_futures::JsFuture::from(next_message(&worker))
            .await
            .map_err(|_| "the scenario checker could not start".to_owned())?;
        let reply = next_message(&worker);
        let message = js_sys::Array::of2(&name.clone().into(), &bytes);
        worker
            .post_message(&message)
            .map_err(|_| "the scenario checker could not be reached".to_owned())?;
        let result = wasm_bindgen_futures::JsFuture::from(reply).await;
        worker.terminate();
        let json = result
            .map_err(|_| "the scenario checker stopped unexpectedly".to_owned())?
            .as_string()
            .unwrap_or_default();
        serde_json::from_str(&json).map_err(|e| format!("the checker's answer was unreadable: {e}"))
    }

    /// Marks the page as interactive (hydrated), for tests and for CSS.
    pub fn mark_ready() {
        let _ = gloo::utils::document_element().set_attribute("data-attune", "ready");
    }
}

#[cfg(not(feature = "web"))]
mod imp {
    use super::*;

    pub fn current_hash() -> String {
        String::new()
    }
    pub fn set_hash(_: &str) {}
    pub fn listen_hashchange(_: Callback<String>) -> Listener {
        Listener(None)
    }
    pub fn listen_keys(_: Callback<KeyboardEvent>) -> Listener {
        Listener(None)
    }
    pub async fn fetch_text(url: String) -> Result<String, String> {
        Err(format!("cannot fetch {url} outside a browser"))
    }
    pub fn spawn(_: impl Future<Output = ()> + 'static) {}
    pub fn random_seed() -> u64 {
        0
    }
    pub fn set_title(_: &str) {}
    pub fn focus(_: &str) {}
    pub fn focused_id() -> Option<String> {
        None
    }
    pub fn scroll_to(_: &str) {}
    pub fn after_paint(_: impl FnOnce() + 'static) {}
    pub fn open_full_app() {}
    pub fn pass_on(_: &str) {}
    pub fn take_passed_on() -> Option<String> {
        None
    }
    pub fn lowercase(text: &str) -> String {
        text.to_lowercase()
    }
    pub fn mark_ready() {}
    pub fn toggle_fullscreen() {}
    pub fn storage_read(_: &str) -> Result<Option<String>, String> {
        Ok(None)
    }
    pub fn storage_write(_: &str, _: &str) -> Result<(), String> {
        Ok(())
    }
    pub fn storage_remove(_: &str) {}
    pub fn storage_keys(_: &str) -> Vec<String> {
        Vec::new()
    }
    pub fn listen_storage(_: Callback<(String, Option<String>)>) -> Listener {
        Listener(None)
    }
    pub fn now() -> f64 {
        0.0
    }
    pub fn download(_: &str, _: &str, _: &str) {}
    pub fn print() {}
    pub fn apply_display(_: &str, _: u16) {}
    pub fn register_service_worker() {}
    pub async fn check_in_worker(_: web_sys::File) -> Result<crate::authoring::Checked, String> {
        Err("files can only be checked in a browser".into())
    }
    pub async fn read_chosen_file(
        _: web_sys::HtmlInputElement,
    ) -> Result<(String, String), String> {
        Err("files can only be read in a browser".into())
    }
}

pub use imp::*;
