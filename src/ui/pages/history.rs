//! History: every play on this device, newest first, with its scenario, date, the ending
//! reached, the time spent and whether it was a "what if". Each opens on its own route
//! (`#/play-record/…`): its debrief once finished, or where it stands.

use yew::prelude::*;

use crate::progress::{cpd::time_spent, date_of, PlayRecord};
use crate::ui::route::Route;
use crate::ui::state::{AppContext, AppState};

/// The ending's title from its scenario once that has loaded, else its id.
fn ending_of(state: &AppState, r: &PlayRecord) -> Option<String> {
    let ending = r.ending.as_ref()?;
    let title = state.scenario(&r.scenario).and_then(|s| {
        s.endings
            .iter()
            .find(|e| e.id.0 == *ending)
            .map(|e| e.title.clone())
    });
    Some(title.unwrap_or_else(|| ending.clone()))
}

#[function_component]
pub fn History() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let mut plays: Vec<&PlayRecord> = state.progress.plays.iter().collect();
    plays.sort_by(|a, b| b.started.total_cmp(&a.started));
    html! {
        <article class="history">
            <h1 id="page-heading" tabindex="-1">{ "History" }</h1>
            <p class="lede">{ "Every play on this device, newest first. Open one to read its debrief again, or to go on where you left it. They are stored only in this browser." }</p>
            if plays.is_empty() {
                <p>{ "No plays yet. Choose a scenario in the " }<a href="#/">{ "library" }</a>{ " to begin." }</p>
            }
            <ol class="entries plays">
                { for plays.iter().map(|r| {
                    let open = Route::PlayRecord(r.id.clone().into()).href();
                    let ending = ending_of(&state, r);
                    let heading = format!("play-{}", r.id);
                    html! {
                        <li key={r.id.clone()} class="entry" aria-labelledby={heading.clone()}>
                            <h2 id={heading}>{ &r.scenario_title }
                                if r.branch_of.is_some() { { " " }<span class="badge what-if">{ "what if" }</span> }
                            </h2>
                            <dl class="facts">
                                <div><dt>{ "Started" }</dt><dd>{ date_of(r.started) }</dd></div>
                                <div><dt>{ "Ending" }</dt><dd>{ ending.clone().unwrap_or_else(|| "Not finished yet".into()) }</dd></div>
                                <div><dt>{ "Time" }</dt><dd>{ time_spent(r.active_seconds) }</dd></div>
                            </dl>
                            <p class="actions">
                                <a class="button" href={open}
                                    aria-label={format!("{}: {} ({})", if ending.is_some() { "Open the debrief" } else { "Go on with this play" }, r.scenario_title, date_of(r.started))}>
                                    { if ending.is_some() { "Open the debrief" } else { "Go on with this play" } }
                                </a>
                                if let Some(b) = &r.branch_of {
                                    <a class="button" href={Route::Compare(b.play.clone().into(), r.id.clone().into()).href()}>
                                        { "Compare with the original" }
                                    </a>
                                }
                            </p>
                        </li>
                    }
                }) }
            </ol>
            <p>{ "Time is active time, counted as in the " }<a href="#/cpd">{ "CPD log" }</a>{ "." }</p>
        </article>
    }
}
