//! Before a scenario: content notes, what to expect, and consent to begin.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::components::open_file::OpenedChecks;
use crate::ui::state::{begin_callback, AppContext, Load, Opened};

#[derive(Properties, PartialEq)]
pub struct PrebriefProps {
    pub id: AttrValue,
}

/// Shown while a scenario file loads or when it could not be used.
#[derive(Properties, PartialEq)]
pub struct LoadStatusProps {
    pub id: AttrValue,
}

#[function_component]
pub fn LoadStatus(props: &LoadStatusProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    match state.scenarios.get(&props.id) {
        Some(Load::Failed(diags, message)) => html! {
            <section class="error-panel" role="alert" aria-labelledby="load-error">
                <h2 id="load-error">{ "This scenario could not be opened" }</h2>
                <p>{ message }</p>
                if !diags.is_empty() {
                    <ul class="diagnostics">
                        { for diags.iter().enumerate().map(|(i, d)| html! {
                            <li key={i}><code>{ d.one_line() }</code></li>
                        }) }
                    </ul>
                }
                <p><a href="#/">{ "Back to the scenario library" }</a></p>
            </section>
        },
        _ => html! { <p class="loading" role="status">{ "Opening the scenario…" }</p> },
    }
}

#[function_component]
pub fn Prebrief(props: &PrebriefProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let say_first_choice = use_state(|| None::<bool>);
    let Some(meta) = state.meta(&props.id) else {
        return html! {
            <>
                <h1 id="page-heading" tabindex="-1">{ "Scenario not found" }</h1>
                <p><a href="#/">{ "Back to the scenario library" }</a></p>
            </>
        };
    };
    let m = &meta;
    let ready = matches!(state.scenarios.get(&props.id), Some(Load::Ready(_)));
    let in_progress = state.plays.get(&props.id).is_some_and(|p| !p.at_debrief());
    // This play's choice, once made here; until then the saved preference (read after
    // hydration, so it cannot be captured at the first render).
    let say_first = say_first_choice.unwrap_or(state.progress.settings.say_it_first);
    let toggle = {
        let choice = say_first_choice.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                choice.set(Some(input.checked()));
            }
        })
    };
    let begin = begin_callback(
        &state,
        props.id.clone(),
        say_first,
        Some(format!("#/play/{}", props.id)),
    );
    html! {
        <article class="prebrief">
            <h1 id="page-heading" tabindex="-1">{ &m.title }</h1>
            <p class="lede">{ &m.summary }</p>
            if let Opened::Valid { id, file, warnings, guessability } = &state.opened {
                if *id == props.id {
                    <OpenedChecks id={id.clone()} file={file.clone()} warnings={Rc::clone(warnings)} guessability={guessability.clone()} />
                }
            }
            <section aria-labelledby="notes-h" class="notes">
                <h2 id="notes-h">{ "Content notes" }</h2>
                if m.content_notes.is_empty() {
                    <p>{ "The author listed no content notes." }</p>
                } else {
                    <ul>{ for m.content_notes.iter().map(|n| html! { <li key={n.clone()}>{ n }</li> }) }</ul>
                }
            </section>
            <section aria-labelledby="client-h">
                <h2 id="client-h">{ "The client" }</h2>
                <p><strong>{ &m.client.name }</strong>{ format!(" ({}{})", m.client.pronouns, m.client.age.as_ref().map(|a| format!(", {a}")).unwrap_or_default()) }</p>
                if !m.client.context.is_empty() {
                    <p>{ &m.client.context }</p>
                }
                <p><strong>{ "Setting: " }</strong>{ &m.setting }</p>
            </section>
            if let Some(Load::Ready(full)) = state.scenarios.get(&props.id) {
                if !full.learning_outcomes.is_empty() {
                    <section aria-labelledby="outcomes-h" class="outcomes">
                        <h2 id="outcomes-h">{ "What you can practise here" }</h2>
                        <ul>{ for full.learning_outcomes.iter().map(|o| html! { <li key={o.clone()}>{ o }</li> }) }</ul>
                    </section>
                }
            }
            <section aria-labelledby="expect-h">
                <h2 id="expect-h">{ "What to expect" }</h2>
                <p>{ format!("About {} minutes. At each turn you choose a response. You then see how it may have landed: which patterns of harm it risks, why, what the client may have felt, and another way to respond.", m.minutes) }</p>
                <p>{ "The client’s trust and sense of safety change as you go, and that changes what they share. There is no score and no timer." }</p>
                <p class="say-first-option">
                    <input type="checkbox" id="say-first" checked={say_first} onchange={toggle} />
                    <label for="say-first">{ " Say it first: at each decision, write what you would say to the client before the options appear" }</label>
                </p>
                <p class="care"><strong>{ "You can step out at any time" }</strong>{ " with the Step out button or the Esc key. Your place is kept, and you can come back when you are ready." }</p>
            </section>
            <div class="actions">
                if ready {
                    if in_progress {
                        <a class="button primary" href={format!("#/play/{}", props.id)}>{ "Continue where you left off" }</a>
                        <button type="button" class="button" onclick={begin}>{ "Start again" }</button>
                    } else {
                        <button type="button" class="button primary" onclick={begin}>{ "Begin" }</button>
                    }
                } else {
                    <LoadStatus id={props.id.clone()} />
                }
                <a class="button quiet" href="#/">{ "Not now" }</a>
            </div>
            if let Some(Load::Ready(full)) = state.scenarios.get(&props.id) {
                <p class="provenance">
                    { full.meta.provenance.note.clone().unwrap_or_default() }
                    { format!(" Version {}, by {}.", full.meta.version, full.meta.provenance.authors.join(", ")) }
                </p>
            }
            <section aria-labelledby="room-h" class="for-facilitators">
                <h2 id="room-h">{ "Running this with a group?" }</h2>
                <p>{ "Presenter mode shows the scenario in large type for a projector, with the options lettered, a show-of-hands tally, and the feedback revealed when you choose." }</p>
                <p><a class="button" href={format!("#/present/{}", props.id)}>{ "Present to a room" }</a>
                    { " " }<a href={format!("#/pack/{}", props.id)}>{ "Facilitator pack (printable)" }</a>
                    { " · " }<a href={format!("#/map/{}", props.id)}>{ "Map" }</a></p>
            </section>
        </article>
    }
}
