//! Tells the trainee plainly when progress cannot be kept, and offers unreadable saved
//! progress back as a download. Storage trouble never stops the app from working.

use yew::prelude::*;

use crate::ui::platform;
use crate::ui::state::{AppContext, Storage};

#[function_component]
pub fn StorageNotice() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    match &state.storage {
        Storage::Unknown | Storage::Ok => html! {},
        Storage::Unavailable(why) => html! {
            <div class="notice" role="status">
                <p><strong>{ "Your progress will not be kept on this device. " }</strong>
                    { format!("Everything still works, but {why}. To keep a record, use “Export all progress” on the ") }
                    <a href="#/cpd">{ "CPD log page" }</a>{ " before you close this tab." }</p>
            </div>
        },
        Storage::FromTheFuture(v) => html! {
            <div class="notice" role="status">
                <p><strong>{ "Your saved progress is from a newer version of Attune " }</strong>
                    { format!("(save format {v}). It has been left exactly as it was, and nothing new will be saved over it in this tab. Open Attune's newest version to see it.") }</p>
            </div>
        },
        Storage::Recovered { raw, reason } => {
            let raw = raw.clone();
            let download = Callback::from(move |_| {
                platform::download("attune-unreadable-progress.json", "application/json", &raw)
            });
            html! {
                <div class="notice" role="alert">
                    <p><strong>{ "Your saved progress could not be read, so Attune started afresh. " }</strong>
                        { "Nothing has been deleted: the old copy is kept aside on this device, and you can download it." }</p>
                    <p class="detail">{ format!("What went wrong: {reason}") }</p>
                    <button type="button" class="button" onclick={download}>{ "Download the unreadable copy" }</button>
                </div>
            }
        }
    }
}
