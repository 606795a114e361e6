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
        let l = gloo::utils::document_element().parent_node().map(|doc| {
            EventListener::new(&doc, "keydown", move |e| {
                let Some(k) = e.dyn_ref::<KeyboardEvent>() else {
                    return;
                };
                // Keys typed into a text field are the trainee's words, not commands.
                let typing = k
                    .target()
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

    /// Fetches a file next to the page. Relative, so any sub-path of any host works.
    pub async fn fetch_text(url: String) -> Result<String, String> {
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

    /// Moves focus to an element (made focusable with tabindex="-1" where needed).
    pub fn focus(id: &str) {
        if let Some(el) = gloo::utils::document().get_element_by_id(id) {
            if let Ok(el) = el.dyn_into::<web_sys::HtmlElement>() {
                let _ = el.focus();
            }
        }
    }

    pub fn scroll_to(id: &str) {
        if let Some(el) = gloo::utils::document().get_element_by_id(id) {
            el.scroll_into_view();
        }
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
    pub fn scroll_to(_: &str) {}
    pub fn mark_ready() {}
}

pub use imp::*;
