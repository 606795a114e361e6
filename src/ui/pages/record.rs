//! One saved play, reached by its record id (`#/play-record/…`) from History or a link:
//! the reducer makes that record the live play of its scenario, and this page shows it as
//! the play page would, its debrief once it has ended. Nothing here changes the record.

use yew::prelude::*;

use super::play::PlayPage;
use crate::ui::state::{AppContext, Load, Storage};

#[derive(Properties, PartialEq)]
pub struct RecordProps {
    pub record: AttrValue,
}

#[function_component]
pub fn RecordPage(props: &RecordProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let missing = |why: &str| {
        html! {
            <>
                <h1 id="page-heading" tabindex="-1">{ "This play could not be opened" }</h1>
                <p>{ why.to_owned() }</p>
                <p><a href="#/history">{ "All your plays" }</a>{ " · " }<a href="#/">{ "Back to the scenario library" }</a></p>
            </>
        }
    };
    if state.storage == Storage::Unknown {
        return html! {
            <>
                <h1 id="page-heading" tabindex="-1">{ "Opening your play…" }</h1>
                <p class="loading" role="status">{ "Reading your saved progress." }</p>
            </>
        };
    }
    let Some(record) = state.progress.play(&props.record) else {
        return missing("This play is not in the saved progress on this device.");
    };
    let id = AttrValue::from(record.scenario.clone());
    let ready = matches!(state.scenarios.get(&id), Some(Load::Ready(_)));
    if ready && !state.plays.contains_key(&id) {
        return missing(
            "This play no longer fits the scenario, which has changed since it was played.",
        );
    }
    html! { <PlayPage id={id} /> }
}
