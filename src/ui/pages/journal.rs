//! The reflection journal: every entry by date and scenario, searchable. Private to
//! this device.

use yew::prelude::*;

use crate::progress::date_of;
use crate::ui::platform;
use crate::ui::state::{Action, AppContext};

#[function_component]
pub fn Journal() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let query = use_state(String::new);
    let oninput = {
        let query = query.clone();
        Callback::from(move |e: InputEvent| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                query.set(input.value());
            }
        })
    };
    let q = platform::lowercase(&query);
    let mut entries: Vec<_> = state
        .progress
        .journal
        .iter()
        .filter(|j| {
            q.is_empty()
                || platform::lowercase(&j.text).contains(&q)
                || platform::lowercase(&j.scenario_title).contains(&q)
                || platform::lowercase(&j.context).contains(&q)
        })
        .collect();
    entries.sort_by(|a, b| b.created.total_cmp(&a.created));
    let total = state.progress.journal.len();
    html! {
        <article class="journal">
            <h1 id="page-heading" tabindex="-1">{ "Journal" }</h1>
            <p class="lede">{ "Your private reflections, newest first. They are stored only in this browser, on this device." }</p>
            <div class="search">
                <label for="journal-search">{ "Search your reflections" }</label>
                <input id="journal-search" type="search" value={(*query).clone()} oninput={oninput} />
            </div>
            <p role="status">{
                if total == 0 { "No reflections yet. You can write one after any feedback and at every debrief.".to_owned() }
                else { format!("Showing {} of {} reflections.", entries.len(), total) }
            }</p>
            <ol class="entries">
                { for entries.iter().map(|j| {
                    let toggle = {
                        let state = state.clone();
                        let id = j.id.clone();
                        let now = j.in_cpd;
                        Callback::from(move |_| state.dispatch(Action::SetInCpd { entry: id.clone(), in_cpd: !now }))
                    };
                    html! {
                        <li key={j.id.clone()} class="entry">
                            <h2>{ format!("{} · {}", date_of(j.created), j.scenario_title) }</h2>
                            <p class="context">{ &j.context }</p>
                            if let Some(p) = &j.prompt { <p class="prompt">{ format!("Prompt: {p}") }</p> }
                            <p class="text">{ &j.text }</p>
                            <label class="check">
                                <input type="checkbox" checked={j.in_cpd} onchange={toggle} />
                                { " In my CPD log" }
                            </label>
                        </li>
                    }
                }) }
            </ol>
        </article>
    }
}
