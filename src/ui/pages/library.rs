//! The scenario library: what each scenario is, who the client is, how long it takes,
//! which patterns it explores and what it contains, so a trainee can choose with care,
//! and, once saved progress has been read, whether it is in progress or completed.

use yew::prelude::*;

use crate::ui::components::open_file::OpenFile;
use crate::ui::components::pattern_link::PatternLink;
use crate::ui::state::{AppContext, Storage};

#[function_component]
pub fn Library() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    // The page is pre-rendered without saved progress; marking cards before it has been
    // read would not match that first screen when it hydrates.
    let restored = state.storage != Storage::Unknown;
    let cards = state.boot.entries.iter().map(|e| {
        let m = &e.meta;
        let id = m.id.as_str();
        let (in_progress, completed) = if restored {
            state.progress.standing(id)
        } else {
            (false, 0)
        };
        let heading_id = format!("scn-{id}");
        html! {
            <li key={id.to_owned()} class="card" aria-labelledby={heading_id.clone()}>
                <h2 id={heading_id}><a href={format!("#/scenario/{id}")}>{ &m.title }</a></h2>
                if in_progress || completed > 0 {
                    <p class="standing">
                        if in_progress { <span class="badge">{ "In progress" }</span>{ " " } }
                        if completed > 0 { <span class="badge">{ format!("Completed ({completed})") }</span> }
                    </p>
                }
                <p class="summary">{ &m.summary }</p>
                <dl class="facts">
                    <div><dt>{ "Client" }</dt><dd>{ format!("{} ({})", m.client.name, m.client.pronouns) }</dd></div>
                    <div><dt>{ "Setting" }</dt><dd>{ &m.setting }</dd></div>
                    <div><dt>{ "Time" }</dt><dd>{ format!("About {} minutes", m.minutes) }</dd></div>
                    <div><dt>{ "Explores" }</dt><dd>
                        <ul class="inline">
                            { for m.focus.iter().map(|p| html! {
                                <li key={p.0.clone()}><PatternLink id={AttrValue::from(p.0.clone())} /></li>
                            }) }
                        </ul>
                    </dd></div>
                    <div><dt>{ "Content notes" }</dt><dd>{
                        if m.content_notes.is_empty() { "None listed".to_owned() } else { m.content_notes.join("; ") }
                    }</dd></div>
                </dl>
            </li>
        }
    });
    html! {
        <>
            <h1 id="page-heading" tabindex="-1">{ "Scenario library" }</h1>
            <p class="lede">
                { "Each scenario is one moment in a therapy relationship. You choose how to respond, and see how it may land for the client. There are no scores and no timers: take the time you need, and step out whenever you want." }
            </p>
            <p>{ "Every play you have made, with its debrief, is in " }<a href="#/history">{ "History" }</a>{ "." }</p>
            <ul class="cards">{ for cards }</ul>
            <OpenFile />
        </>
    }
}
