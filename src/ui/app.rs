//! The root component: owns the state, listens to the hash and the keyboard, loads
//! scenario files when a route needs one, and lays out the page around the current view.

use std::rc::Rc;

use yew::prelude::*;

use super::boot::Boot;
use super::components::step_out::StepOut;
use super::pages::{glossary::Glossary, library::Library, play::PlayPage, prebrief::Prebrief};
use super::platform;
use super::route::Route;
use super::state::{Action, AppContext, AppState, Load};
use crate::engine::Scenario;

#[derive(Properties, PartialEq)]
pub struct AppProps {
    pub boot: Rc<Boot>,
}

/// Loads a shipped scenario: the validated model that the build wrote as JSON.
fn load_scenario(state: &AppContext, id: AttrValue) {
    let Some(entry) = state.boot.entry(&id).cloned() else {
        state.dispatch(Action::Loaded(
            id.clone(),
            Load::Failed(
                Rc::from([]),
                format!("There is no scenario called “{id}”.").into(),
            ),
        ));
        return;
    };
    let dispatcher = state.dispatcher();
    dispatcher.dispatch(Action::Loading(id.clone()));
    platform::spawn(async move {
        let url = format!("scenarios/{}", entry.data_file());
        let load = match platform::fetch_text(url).await {
            Err(e) => Load::Failed(Rc::from([]), e.into()),
            Ok(text) => match serde_json::from_str::<Scenario>(&text) {
                Ok(s) => Load::Ready(Rc::new(s)),
                Err(e) => Load::Failed(
                    Rc::from([]),
                    format!("The scenario’s data could not be read ({e}). Reloading the page may help.").into(),
                ),
            },
        };
        dispatcher.dispatch(Action::Loaded(id, load));
    });
}

fn title_for(state: &AppState) -> String {
    let scenario_title = |id: &str| {
        state
            .boot
            .entry(id)
            .map(|e| e.meta.title.clone())
            .unwrap_or_else(|| "Scenario".into())
    };
    let page = match &state.route {
        Route::Library => "Scenario library".to_owned(),
        Route::Prebrief(id) => format!("Before you begin: {}", scenario_title(id)),
        Route::Play(id) => scenario_title(id),
        Route::Glossary(_) => "Glossary".to_owned(),
        Route::NotFound(_) => "Page not found".to_owned(),
    };
    format!("{page} · Attune")
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let boot = Rc::clone(&props.boot);
    let state = use_reducer(move || AppState::new(boot));

    // Follow the hash: once at start, then on every change.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            platform::mark_ready();
            dispatcher.dispatch(Action::Navigate(Route::parse(&platform::current_hash())));
            let d = dispatcher.clone();
            let listener = platform::listen_hashchange(Callback::from(move |hash: String| {
                d.dispatch(Action::Navigate(Route::parse(&hash)))
            }));
            move || drop(listener)
        });
    }

    // Keys: Esc steps out from anywhere; 1–9 choose while choices are showing.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = platform::listen_keys(Callback::from(move |e: KeyboardEvent| {
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let key = e.key();
                if key == "Escape" {
                    dispatcher.dispatch(Action::StepOut);
                } else if let Some(d) = key.chars().next().and_then(|c| c.to_digit(10)) {
                    if key.len() == 1 && d >= 1 {
                        dispatcher.dispatch(Action::ChooseShown(d as usize - 1));
                    }
                }
            }));
            move || drop(listener)
        });
    }

    // Load what the route needs; keep the document title and focus in step with it.
    {
        let state = state.clone();
        use_effect_with(state.route.clone(), move |route| {
            if let Some(id) = route.scenario() {
                if !state.scenarios.contains_key(id) {
                    load_scenario(&state, id.clone());
                }
            }
            platform::set_title(&title_for(&state));
            if let Route::Glossary(Some(p)) = route {
                platform::scroll_to(&format!("pattern-{p}"));
            } else {
                platform::focus("page-heading");
            }
        });
    }

    let view = match &state.route {
        Route::Library => html! { <Library /> },
        Route::Prebrief(id) => html! { <Prebrief id={id.clone()} /> },
        Route::Play(id) => html! { <PlayPage id={id.clone()} /> },
        Route::Glossary(_) => html! { <Glossary /> },
        Route::NotFound(_) => html! {
            <>
                <h1 id="page-heading" tabindex="-1">{ "Page not found" }</h1>
                <p><a href="#/">{ "Back to the scenario library" }</a></p>
            </>
        },
    };
    let on_step_out = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::StepOut))
    };

    html! {
        <ContextProvider<AppContext> context={state.clone()}>
            <a class="skip" href="#main">{ "Skip to content" }</a>
            <header class="site">
                <a class="brand" href="#/">{ "Attune" }</a>
                <nav aria-label="Main">
                    <ul>
                        <li><a href="#/">{ "Scenarios" }</a></li>
                        <li><a href="#/glossary">{ "Glossary" }</a></li>
                    </ul>
                </nav>
                <button type="button" class="step-out-button" onclick={on_step_out}
                    aria-keyshortcuts="Escape">
                    { "Step out" }<span class="key" aria-hidden="true">{ "Esc" }</span>
                </button>
            </header>
            <main id="main">{ view }</main>
            if state.stepped_out { <StepOut /> }
            <footer class="site">
                <p>{ "Attune runs entirely in your browser. Nothing you choose or write leaves this device." }</p>
            </footer>
        </ContextProvider<AppContext>>
    }
}
