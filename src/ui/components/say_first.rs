//! "Say it first": before the options at a decision, the trainee writes what they would
//! say to the client, or chooses to skip. Producing an answer before recognising one makes
//! the trainee read the client rather than the options (the generation effect). The words
//! stay on this device with the play, and the debrief shows them beside the choice made.

use yew::prelude::*;

use crate::ui::platform;
use crate::ui::state::{Action, AppContext};

#[derive(Properties, PartialEq)]
pub struct SayFirstProps {
    pub client: AttrValue,
}

#[function_component]
pub fn SayFirst(props: &SayFirstProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let words = use_node_ref();
    let onsubmit = {
        let d = state.dispatcher();
        let words = words.clone();
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let text = words
                .cast::<web_sys::HtmlTextAreaElement>()
                .map(|t| t.value())
                .unwrap_or_default();
            d.dispatch(Action::SayFirst {
                words: text,
                now: platform::now(),
            });
        })
    };
    let skip = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| {
            d.dispatch(Action::SayFirst {
                words: String::new(),
                now: platform::now(),
            })
        })
    };
    html! {
        <form class="say-first" onsubmit={onsubmit} aria-labelledby="say-first-h">
            <h2 id="say-first-h">{ "Say it first" }</h2>
            <label for="say-first-words">{ format!("What would you say to {} now, in your own words?", props.client) }</label>
            <textarea id="say-first-words" ref={words} rows="3" />
            <p class="hint">{ "The options appear once you have written it, or skipped. Your words stay on this device." }</p>
            <div class="actions">
                <button type="submit" class="button primary">{ "Show the options" }</button>
                <button type="button" class="button quiet" onclick={skip}>{ "Skip this time" }</button>
            </div>
        </form>
    }
}
