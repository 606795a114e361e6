//! The authoring worker: checks a scenario file someone opened, off the page's main thread.
//! It is a separate, lazily loaded wasm so the TOML parser and validator do not weigh on
//! the app's first load. Message in: `[file name, bytes]`; message out: `Checked` as JSON.
//!
//! Before it says "ready" it fetches the shipped library's word model
//! (`scenarios/guess-model.json`, written by the pre-renderer), so an opened file's
//! guessability is measured against the library the app lists. If the model cannot be
//! fetched or read, files are still checked, without that figure.

use std::cell::RefCell;
use std::rc::Rc;

use attune::engine::guess::Model;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// Calls `target.name(arg)` on a JavaScript object, or gives `None` if there is no such
/// method or it throws. Fetch is reached this way so the worker needs no more web-sys
/// features than the page already builds.
fn call(target: &JsValue, name: &str, arg: Option<&JsValue>) -> Option<JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(target, &JsValue::from_str(name))
        .ok()?
        .dyn_into()
        .ok()?;
    match arg {
        Some(a) => f.call1(target, a).ok(),
        None => f.call0(target).ok(),
    }
}

/// `promise.then(on_ok, on_err)`, for promises handed back as plain values.
fn then(
    promise: &JsValue,
    on_ok: impl FnOnce(JsValue) -> JsValue + 'static,
    on_err: impl FnOnce(JsValue) -> JsValue + 'static,
) -> Option<JsValue> {
    let f: js_sys::Function = js_sys::Reflect::get(promise, &JsValue::from_str("then"))
        .ok()?
        .dyn_into()
        .ok()?;
    f.call2(
        promise,
        &Closure::once_into_js(on_ok),
        &Closure::once_into_js(on_err),
    )
    .ok()
}

/// Fetches the model's text, then calls `done` with the model (or `None`) exactly once.
fn load_model(scope: &JsValue, done: impl FnOnce(Option<Model>) + 'static) {
    let done = Rc::new(RefCell::new(Some(done)));
    let finish = {
        let done = done.clone();
        move |model: Option<Model>| {
            if let Some(f) = done.borrow_mut().take() {
                f(model);
            }
        }
    };
    let url = JsValue::from_str(&format!(
        "scenarios/{}",
        attune::authoring::GUESS_MODEL_FILE
    ));
    let Some(response) = call(scope, "fetch", Some(&url)) else {
        finish(None);
        return;
    };
    let (f1, f2, f3) = (finish.clone(), finish.clone(), finish.clone());
    let text = then(
        &response,
        |res: JsValue| {
            let ok = js_sys::Reflect::get(&res, &JsValue::from_str("ok"))
                .map(|v| v.is_truthy())
                .unwrap_or(false);
            if ok {
                call(&res, "text", None).unwrap_or(JsValue::NULL)
            } else {
                JsValue::NULL
            }
        },
        |_| JsValue::NULL,
    );
    let Some(text) = text else {
        f1(None);
        return;
    };
    let chained = then(
        &text,
        move |t: JsValue| {
            f2(t.as_string().and_then(|t| serde_json::from_str(&t).ok()));
            JsValue::UNDEFINED
        },
        move |_| {
            f3(None);
            JsValue::UNDEFINED
        },
    );
    if chained.is_none() {
        finish(None);
    }
}

fn main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let model: Rc<RefCell<Option<Model>>> = Rc::new(RefCell::new(None));
    let reply = scope.clone();
    let held = model.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let message: js_sys::Array = e.data().unchecked_into();
            let name = message
                .get(0)
                .as_string()
                .unwrap_or_else(|| "opened file".into());
            let bytes = js_sys::Uint8Array::new(&message.get(1)).to_vec();
            let checked = attune::authoring::check_against(&name, bytes, held.borrow().as_ref());
            let json = serde_json::to_string(&checked).unwrap_or_default();
            let _ = reply.post_message(&JsValue::from_str(&json));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Tell the page it may send the file once the model is in (or known to be missing):
    // the page sends nothing before "ready", so no file is checked without it by a race.
    let ready = scope.clone();
    load_model(&scope, move |m| {
        *model.borrow_mut() = m;
        let _ = ready.post_message(&JsValue::from_str("ready"));
    });
}
