//! The CPD log (printable, and as Markdown), the export and import of all progress, and
//! reset (the import's own panel is `components::import_panel`). Reset asks first and offers the export, because nothing should be lost by accident.

use yew::prelude::*;

use crate::progress::{self, date_of};
use crate::ui::components::import_panel::ImportPanel;
use crate::ui::platform;
use crate::ui::state::{Action, AppContext};

#[function_component]
pub fn CpdLog() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let confirming = use_state(|| false);
    let message = use_state(String::new);
    let p = &state.progress;
    let catalog = state.boot.catalog.clone();
    let name = move |id: &str| {
        catalog
            .get(id)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| id.to_owned())
    };

    let markdown = {
        let state = state.clone();
        let name = name.clone();
        Callback::from(move |_| {
            let md = state
                .progress
                .cpd_markdown(&date_of(platform::now()), &name);
            platform::download("attune-cpd-log.md", "text/markdown", &md);
        })
    };
    let export = {
        let state = state.clone();
        Callback::from(move |_| {
            platform::download(
                "attune-progress.json",
                "application/json",
                &progress::to_json(&state.progress),
            )
        })
    };
    let ask_reset = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(true))
    };
    let cancel_reset = {
        let confirming = confirming.clone();
        Callback::from(move |_| confirming.set(false))
    };
    let do_reset = {
        let state = state.clone();
        let confirming = confirming.clone();
        let message = message.clone();
        Callback::from(move |_| {
            // Written whole, not merged, or the save would fold the old plays back in.
            if state.storage.writable() {
                let _ = platform::storage_write(
                    progress::STORAGE_KEY,
                    &progress::to_json(&progress::Progress::default()),
                );
            }
            crate::ui::drafts::clear_all();
            state.dispatch(Action::Reset);
            confirming.set(false);
            message.set("All progress on this device was erased.".into());
        })
    };
    let print = Callback::from(|_| platform::print());

    // The same rows and totals as the Markdown download, so the header adds up.
    let log = p.cpd_log(&name);
    let chosen: Vec<_> = p.journal.iter().filter(|j| j.in_cpd).collect();
    html! {
        <article class="cpd">
            <h1 id="page-heading" tabindex="-1">{ "CPD log" }</h1>
            <p class="lede" id="cpd-summary">{ log.summary() }</p>
            <p class="no-print">{ "Each play's debrief can be read again from " }<a href="#/history">{ "History" }</a>{ "." }</p>
            <div class="actions no-print">
                <button type="button" class="button primary" onclick={print}>{ "Print the log" }</button>
                <button type="button" class="button" onclick={markdown}>{ "Download as Markdown" }</button>
            </div>
            <table class="log">
                <caption>{ "Scenarios completed" }</caption>
                <thead><tr><th scope="col">{ "Date" }</th><th scope="col">{ "Scenario" }</th>
                    <th scope="col">{ "Time (h:mm)" }</th><th scope="col">{ "Patterns explored" }</th></tr></thead>
                <tbody>
                    { for log.rows.iter().map(|r| html! {
                        <tr key={r.id.clone()}>
                            <td>{ &r.date }</td>
                            <td>{ r.label() }</td>
                            <td class="time">{ r.time() }</td>
                            <td>{ r.patterns_text() }</td>
                        </tr>
                    }) }
                </tbody>
                <tfoot>
                    <tr><th scope="row" colspan="2">{ "Total" }</th>
                        <td class="time">{ progress::cpd::hm(log.minutes) }</td><td></td></tr>
                </tfoot>
            </table>
            <h2>{ "Reflections included" }</h2>
            if chosen.is_empty() {
                <p>{ "None yet. Tick “Include in my CPD log” on any reflection in your " }<a href="#/journal">{ "journal" }</a>{ "." }</p>
            } else {
                { for chosen.iter().map(|j| html! {
                    <section key={j.id.clone()} class="entry">
                        <h3>{ format!("{} · {} · {}", date_of(j.created), j.scenario_title, j.context) }</h3>
                        <p>{ &j.text }</p>
                    </section>
                }) }
            }
            <section class="no-print" aria-labelledby="move-h">
                <h2 id="move-h">{ "Export, import and erase" }</h2>
                <p>{ "Your progress lives only in this browser. Export it to keep a copy or move it to another device." }</p>
                <div class="actions">
                    <button type="button" class="button" onclick={export.clone()}>{ "Export all progress" }</button>
                </div>
                <ImportPanel />
                if *confirming {
                    <div class="confirm" role="alertdialog" aria-labelledby="reset-q" aria-describedby="reset-d">
                        <p id="reset-q"><strong>{ "Erase all progress on this device?" }</strong></p>
                        <p id="reset-d">{ "Plays, reflections and settings will be removed and cannot be brought back unless you have an export. You may want to export first." }</p>
                        <div class="actions">
                            <button type="button" class="button" onclick={export}>{ "Export first" }</button>
                            <button type="button" class="button danger" onclick={do_reset}>{ "Yes, erase everything" }</button>
                            <button type="button" class="button quiet" onclick={cancel_reset}>{ "Keep my progress" }</button>
                        </div>
                    </div>
                } else {
                    <div class="actions">
                        <button type="button" class="button danger" onclick={ask_reset}>{ "Erase all progress…" }</button>
                    </div>
                }
                <p role="status">{ (*message).clone() }</p>
            </section>
        </article>
    }
}
