//! Import on the CPD page: read the file, show what it holds against this device, and let
//! the trainee merge it (nothing removed) or replace after confirming. Before either, what
//! was here is copied aside, and "Undo the last import" puts it back. The rules live in
//! `progress::import`; this renders them and does the storage writes.

use std::rc::Rc;

use yew::prelude::*;

use crate::progress::import::{self, Comparison, Incoming};
use crate::progress::{self, Loaded, Progress};
use crate::ui::platform;
use crate::ui::state::{Action, AppContext};

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

fn plays(n: usize) -> String {
    plural(n, "play", "plays")
}

fn reflections(n: usize) -> String {
    plural(n, "reflection", "reflections")
}

/// The copy kept from before the last import, if it is readable.
fn kept_copy() -> Option<Progress> {
    let text = platform::storage_read(progress::BEFORE_IMPORT_KEY).ok()??;
    match progress::load(Some(&text)) {
        Loaded::Ok(p) => Some(p),
        _ => None,
    }
}

/// Writes `next` as this device's progress, keeping `before` aside for an undo. Written
/// whole, not merged, or the next save would fold the replaced plays back in.
fn take(state: &AppContext, before: &Progress, next: Progress) -> Result<(), String> {
    if state.storage.writable() {
        platform::storage_write(progress::BEFORE_IMPORT_KEY, &progress::to_json(before))?;
        platform::storage_write(progress::STORAGE_KEY, &progress::to_json(&next))?;
    }
    state.dispatch(Action::Import(next));
    Ok(())
}

#[derive(Clone, PartialEq)]
struct Pending {
    file: String,
    incoming: Rc<Incoming>,
    comparison: Comparison,
    confirming_replace: bool,
}

fn summary(c: &Comparison, incoming: &Incoming) -> Html {
    let missing: Vec<&str> = [
        (!incoming.has_plays).then_some("plays"),
        (!incoming.has_journal).then_some("reflections"),
        (!incoming.has_settings).then_some("display settings"),
    ]
    .into_iter()
    .flatten()
    .collect();
    html! {
        <>
            <table class="log compare-import">
                <caption>{ "What the file holds, and what is on this device" }</caption>
                <thead><tr><th scope="col"></th><th scope="col">{ "In the file" }</th><th scope="col">{ "On this device" }</th></tr></thead>
                <tbody>
                    <tr><th scope="row">{ "Plays" }</th><td>{ c.file_plays }</td><td>{ c.device_plays }</td></tr>
                    <tr><th scope="row">{ "Reflections" }</th><td>{ c.file_reflections }</td><td>{ c.device_reflections }</td></tr>
                </tbody>
            </table>
            <ul>
                <li>{ format!("New from the file: {} and {}.", plays(c.new_plays), reflections(c.new_reflections)) }</li>
                if c.device_only_plays + c.device_only_reflections > 0 {
                    <li><strong>{ format!("Only on this device: {} and {}.", plays(c.device_only_plays), reflections(c.device_only_reflections)) }</strong></li>
                }
                if c.newer_here > 0 {
                    <li><strong>{ format!("Changed more recently on this device: {}.", plural(c.newer_here, "item", "items")) }</strong></li>
                }
                if !missing.is_empty() {
                    <li>{ format!("The file has no {}; yours are kept either way.", missing.join(" or ")) }</li>
                }
            </ul>
        </>
    }
}

#[function_component]
pub fn ImportPanel() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let pending = use_state(|| None::<Pending>);
    let message = use_state(String::new);
    // Re-read after each import so the undo offer appears at once.
    let kept = use_memo(Rc::clone(&state.progress), |_| kept_copy());

    let onchange = {
        let state = state.clone();
        let pending = pending.clone();
        let message = message.clone();
        Callback::from(move |e: Event| {
            let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() else {
                return;
            };
            let (state, pending, message) = (state.clone(), pending.clone(), message.clone());
            platform::spawn(async move {
                let read = platform::read_chosen_file(input.clone()).await;
                // Let the same file be chosen again.
                input.set_value("");
                let (file, text) = match read {
                    Ok(got) => got,
                    Err(e) => return message.set(e),
                };
                match import::read(&text) {
                    Ok(incoming) => {
                        let comparison = import::compare(&state.progress, &incoming);
                        message.set(String::new());
                        pending.set(Some(Pending {
                            file,
                            incoming: Rc::new(incoming),
                            comparison,
                            confirming_replace: false,
                        }));
                    }
                    Err(why) => {
                        pending.set(None);
                        message.set(why);
                    }
                }
            });
        })
    };

    let finish = {
        let (state, pending, message) = (state.clone(), pending.clone(), message.clone());
        move |replace: bool| {
            let (state, pending, message) = (state.clone(), pending.clone(), message.clone());
            Callback::from(move |_: MouseEvent| {
                let Some(p) = (*pending).clone() else { return };
                let device = (*state.progress).clone();
                let next = if replace {
                    import::replaced(&device, &p.incoming)
                } else {
                    import::merged(&device, &p.incoming)
                };
                let (n, j) = (next.plays.len(), next.journal.len());
                match take(&state, &device, next) {
                    Ok(()) => message.set(format!(
                        "{} {}: this device now has {} and {}. A copy of what was here before is kept; “Undo the last import” puts it back.",
                        if replace { "Replaced with" } else { "Merged" },
                        p.file,
                        plays(n),
                        reflections(j)
                    )),
                    Err(why) => message.set(format!("The import could not be saved: {why}. Nothing was changed.")),
                }
                pending.set(None);
            })
        }
    };
    let merge = finish(false);
    let replace = finish(true);
    let ask_replace = {
        let pending = pending.clone();
        Callback::from(move |_| {
            if let Some(p) = (*pending).clone() {
                pending.set(Some(Pending {
                    confirming_replace: true,
                    ..p
                }));
            }
        })
    };
    let cancel = {
        let (pending, message) = (pending.clone(), message.clone());
        Callback::from(move |_| {
            pending.set(None);
            message.set("Import cancelled. Nothing was changed.".into());
        })
    };
    let undo = {
        let (state, message, kept) = (state.clone(), message.clone(), kept.clone());
        Callback::from(move |_| {
            let Some(before) = (*kept).clone() else {
                return;
            };
            // The undo is itself undoable: what is here now becomes the kept copy.
            let now = (*state.progress).clone();
            match take(&state, &now, before) {
                Ok(()) => message.set("Your progress from before the last import is back. Undo again to return to the imported copy.".into()),
                Err(why) => message.set(format!("That could not be saved: {why}. Nothing was changed.")),
            }
        })
    };

    html! {
        <div class="field import">
            <input id="import-file" class="visually-hidden" type="file" accept=".json,application/json" onchange={onchange} />
            <label for="import-file" class="button file-button">{ "Import progress from a file…" }</label>
            if let Some(p) = &*pending {
                <section class="confirm" role="region" aria-labelledby="import-q">
                    <h3 id="import-q">{ format!("Import {}?", p.file) }</h3>
                    { summary(&p.comparison, &p.incoming) }
                    if p.confirming_replace {
                        <p><strong>{ if p.comparison.replace_loses_work() {
                            "Replacing removes what is only on this device and goes back to the file's older copies. A copy of your progress now is kept, and “Undo the last import” brings it back."
                        } else {
                            "Replacing takes the file's plays and reflections in place of this device's. A copy of your progress now is kept."
                        } }</strong></p>
                        <div class="actions">
                            <button type="button" class="button danger" onclick={replace}>{ "Yes, replace" }</button>
                            <button type="button" class="button quiet" onclick={cancel.clone()}>{ "Cancel" }</button>
                        </div>
                    } else {
                        <div class="actions">
                            <button type="button" class="button primary" onclick={merge}>{ "Merge into this device (nothing is removed)" }</button>
                            <button type="button" class="button" onclick={ask_replace}>{ "Replace this device's progress…" }</button>
                            <button type="button" class="button quiet" onclick={cancel}>{ "Cancel" }</button>
                        </div>
                    }
                </section>
            }
            if let Some(before) = &*kept {
                <p class="kept">{ format!("A copy from before the last import is kept ({} and {}).", plays(before.plays.len()), reflections(before.journal.len())) }
                    { " " }<button type="button" class="button small" onclick={undo}>{ "Undo the last import" }</button></p>
            }
            <p role="status">{ (*message).clone() }</p>
        </div>
    }
}
