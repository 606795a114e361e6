//! The authoring worker: checks a scenario file someone opened, off the page's main thread.
//! It is a separate, lazily loaded wasm so the TOML parser and validator do not weigh on
//! the app's first load. Message in: `[file name, bytes]`; message out: `Checked` as JSON.

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

fn main() {
    let scope: web_sys::DedicatedWorkerGlobalScope = js_sys::global().unchecked_into();
    let reply = scope.clone();
    let on_message =
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |e: web_sys::MessageEvent| {
            let message: js_sys::Array = e.data().unchecked_into();
            let name = message
                .get(0)
                .as_string()
                .unwrap_or_else(|| "opened file".into());
            let bytes = js_sys::Uint8Array::new(&message.get(1)).to_vec();
            let checked = attune::authoring::check(&name, bytes);
            let json = serde_json::to_string(&checked).unwrap_or_default();
            let _ = reply.post_message(&JsValue::from_str(&json));
        });
    scope.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    // The handler lives as long as the worker.
    on_message.forget();
    // Tell the page it may send the file now.
    let _ = scope.post_message(&JsValue::from_str("ready"));
}
