//! "Open a scenario file…": a file picker and a drop zone on the library page. A valid file
//! is playable at once; an invalid one shows every problem with its line. Nothing else in
//! the app, or in saved progress, is touched either way.

use std::rc::Rc;

use yew::prelude::*;

use crate::authoring::Shown;
use crate::engine::guess::ScenarioGuess;

use crate::ui::platform;
use crate::ui::state::{opened_id, Action, AppContext, Opened};

fn check(state: &AppContext, file: web_sys::File) {
    let dispatcher = state.dispatcher();
    let name = AttrValue::from(file.name());
    dispatcher.dispatch(Action::Opening(name.clone()));
    platform::spawn(async move {
        let result = platform::check_in_worker(file).await;
        let target = result
            .as_ref()
            .ok()
            .and_then(|c| c.scenario.as_ref())
            .map(|s| opened_id(s.meta.id.as_str()));
        dispatcher.dispatch(Action::Opened(name, Box::new(result)));
        if let Some(id) = target {
            platform::set_hash(&format!("#/scenario/{id}"));
        }
    });
}

#[function_component]
pub fn OpenFile() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let dragging = use_state(|| false);
    let onchange = {
        let state = state.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                if let Some(file) = input.files().and_then(|f| f.get(0)) {
                    check(&state, file);
                }
                // Let the same file be chosen again after it is fixed.
                input.set_value("");
            }
        })
    };
    let ondragover = {
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(true);
        })
    };
    let ondragleave = {
        let dragging = dragging.clone();
        Callback::from(move |_: DragEvent| dragging.set(false))
    };
    let ondrop = {
        let state = state.clone();
        let dragging = dragging.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            dragging.set(false);
            if let Some(file) = e
                .data_transfer()
                .and_then(|d| d.files())
                .and_then(|f| f.get(0))
            {
                check(&state, file);
            }
        })
    };
    let status = match &state.opened {
        Opened::None => html! {},
        Opened::Checking(file) => html! { <p role="status">{ format!("Checking {file}…") }</p> },
        Opened::Failed(why) => html! {
            <div class="error-panel" role="alert"><p>{ why }</p></div>
        },
        Opened::Problems { file, diagnostics } => {
            let errors = diagnostics.iter().filter(|d| d.error).count();
            html! {
                <section class="error-panel" role="alert" aria-labelledby="open-problems">
                    <h3 id="open-problems">{ format!("{file} cannot be played yet: {} problem{} found", errors, if errors == 1 { "" } else { "s" }) }</h3>
                    <p>{ "Fix these in your editor and open the file again. Your progress and the other scenarios are unaffected." }</p>
                    { diagnostic_list(diagnostics) }
                </section>
            }
        }
        Opened::Valid {
            id,
            file,
            warnings,
            guessability,
        } => html! {
            <OpenedChecks id={id.clone()} file={file.clone()} warnings={Rc::clone(warnings)} guessability={guessability.clone()} />
        },
    };
    html! {
        <section class="open-file" aria-labelledby="open-h">
            <h2 id="open-h">{ "Open a scenario file…" }</h2>
            <p>{ "Written your own scenario? Open its .toml file to check it and play it here. It stays on this device: nothing is uploaded." }</p>
            <div class={classes!("drop", (*dragging).then_some("over"))}
                ondragover={ondragover} ondragleave={ondragleave} ondrop={ondrop}>
                // The native file control cannot wrap and its width follows the font, so it
                // hides behind a label styled as a button, which fits any screen.
                <input id="open-scenario" class="visually-hidden" type="file" accept=".toml,text/plain" onchange={onchange} />
                <label for="open-scenario" class="button file-button">{ "Choose a scenario file, or drop one here" }</label>
            </div>
            { status }
        </section>
    }
}

/// Every diagnostic with its line, the offending text and a caret, and any hint.
fn diagnostic_list(diagnostics: &[Shown]) -> Html {
    html! {
        <ol class="diagnostics">
            { for diagnostics.iter().enumerate().map(|(i, d)| html! {
                <li key={i}>
                    <p><strong>{ format!("Line {}, column {}: ", d.line, d.column) }</strong>{ &d.message }
                        { " " }<span class="code">{ format!("[{} {}]", d.code, d.name) }</span></p>
                    if !d.source_line.is_empty() {
                        <pre class="source" aria-label={format!("Line {} of the file", d.line)}>
                            { format!("{:>4} | {}\n     | {}^", d.line, d.source_line, " ".repeat(d.column.saturating_sub(1))) }
                        </pre>
                    }
                    if let Some(h) = &d.hint { <p class="hint">{ format!("Hint: {h}") }</p> }
                </li>
            }) }
        </ol>
    }
}

#[derive(Properties, PartialEq)]
pub struct OpenedChecksProps {
    pub id: AttrValue,
    pub file: AttrValue,
    pub warnings: Rc<Vec<Shown>>,
    pub guessability: Option<Rc<ScenarioGuess>>,
}

/// What the checker found in a file that plays: how often its attuned options can be
/// picked from their wording alone (by a model trained on the shipped library), and its
/// warnings. Shown on the library page and on the opened scenario's pre-brief.
#[function_component]
pub fn OpenedChecks(props: &OpenedChecksProps) -> Html {
    let pct = |x: f64| (x * 100.0).round() as u32;
    html! {
        <section class="opened-checks" aria-labelledby="opened-checks-h">
            <h3 id="opened-checks-h">{ format!("Checks on {}", props.file) }</h3>
            if let Some(g) = &props.guessability {
                if g.decisions() < crate::engine::guess::MIN_DECISIONS {
                    <p>{ format!(
                        "Guessability: with {} decision{} to judge (fewer than {}), how often the attuned option can be picked from its wording alone would mean little yet.",
                        g.decisions(), if g.decisions() == 1 { "" } else { "s" }, crate::engine::guess::MIN_DECISIONS
                    ) }</p>
                } else {
                    <p>{ format!(
                        "Guessability: from the therapist's wording alone, a word model trained on the {} shipped scenarios picks the attuned option at {}% of your {} decisions (picking at random: {}%).",
                        g.trained_on, pct(g.rate()), g.decisions(), pct(g.chance())
                    ) }
                    if !g.given_away().is_empty() {
                        { format!(" The wording gives it away at: {}.", g.given_away().join(", ")) }
                    }
                    </p>
                }
            }
            if props.warnings.is_empty() {
                <p>{ "No warnings." }</p>
            } else {
                <p>{ format!("{} warning{} (the scenario still plays):", props.warnings.len(), if props.warnings.len() == 1 { "" } else { "s" }) }</p>
                { diagnostic_list(&props.warnings) }
            }
            <p><a href={format!("#/scenario/{}", props.id)}>{ "Open it" }</a></p>
        </section>
    }
}
