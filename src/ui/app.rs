//! The root component: owns the state, listens to the hash and the keyboard, loads
//! scenario files when a route needs one, and lays out the page around the current view.

use std::rc::Rc;

use yew::prelude::*;

use super::boot::{Boot, CATALOG_FILE};
use super::components::notice::StorageNotice;
#[cfg(feature = "studio")]
use super::components::room_pause::RoomPause;
use super::components::step_out::StepOut;
#[cfg(feature = "studio")]
use super::pages::{
    compare::Compare, cpd::CpdLog, history::History, journal::Journal, map_page::MapPage,
    my_patterns::MyPatterns, pack::Pack, present::Present, privacy::Privacy, record::RecordPage,
    settings::SettingsPage,
};
use super::pages::{glossary::Glossary, library::Library, play::PlayPage, prebrief::Prebrief};
use super::platform;
use super::route::Route;
use super::state::{parse_feedback_showing, Action, AppContext, AppState, Load, Storage};
use crate::engine::{Catalog, Scenario};
use crate::progress::{self, Loaded, Progress, Theme};

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
                if id.starts_with("opened-") {
                    "This was a scenario file opened from your device. Open it again from the library to play it.".into()
                } else {
                    format!("There is no scenario called “{id}”.").into()
                },
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
                    format!(
                        "The scenario’s data could not be read ({e}). Reloading the page may help."
                    )
                    .into(),
                ),
            },
        };
        dispatcher.dispatch(Action::Loaded(id, load));
    });
}

/// History names the ending each play reached, which its scenario's file holds: loads each
/// shipped scenario that has a play, once.
#[cfg(feature = "studio")]
fn load_for_history(state: &AppContext) {
    let mut asked: Vec<&str> = Vec::new();
    for p in &state.progress.plays {
        let id = p.scenario.as_str();
        if state.boot.entry(id).is_some()
            && !state.scenarios.contains_key(id)
            && !asked.contains(&id)
        {
            asked.push(id);
            load_scenario(state, AttrValue::from(id.to_owned()));
        }
    }
}

/// Loads the whole pattern catalogue for the glossary.
fn load_catalog(state: &AppContext) {
    let dispatcher = state.dispatcher();
    platform::spawn(async move {
        let loaded = match platform::fetch_text(format!("scenarios/{CATALOG_FILE}")).await {
            Err(e) => Err(e.into()),
            Ok(text) => serde_json::from_str::<Catalog>(&text)
                .map(Rc::new)
                .map_err(|e| {
                    format!("The glossary could not be read ({e}). Reloading the page may help.")
                        .into()
                }),
        };
        dispatcher.dispatch(Action::CatalogLoaded(loaded));
    });
}

fn title_for(state: &AppState) -> String {
    let scenario_title = |id: &str| {
        state
            .meta(id)
            .map(|m| m.title)
            .unwrap_or_else(|| "Scenario".into())
    };
    let page = match &state.route {
        Route::Library => "Scenario library".to_owned(),
        Route::Prebrief(id) => format!("Before you begin: {}", scenario_title(id)),
        Route::Play(id) => scenario_title(id),
        Route::Present(id) => format!("Presenting: {}", scenario_title(id)),
        Route::Pack(id) => format!("Facilitator pack: {}", scenario_title(id)),
        Route::Map(id) => format!("Map: {}", scenario_title(id)),
        Route::Glossary(_) => "Glossary".to_owned(),
        Route::Journal => "Journal".to_owned(),
        Route::Patterns => "My patterns".to_owned(),
        Route::Cpd => "CPD log".to_owned(),
        Route::Privacy => "Privacy".to_owned(),
        Route::Settings => "Display".to_owned(),
        Route::Compare(..) => "Compare two paths".to_owned(),
        Route::History => "History".to_owned(),
        Route::PlayRecord(r) => state
            .progress
            .play(r)
            .map_or_else(|| "A saved play".to_owned(), |p| p.scenario_title.clone()),
        Route::NotFound(_) => "Page not found".to_owned(),
    };
    format!("{page} · Attune")
}

/// The pause Esc opens: a room's full-screen slide in presenter mode, else step out.
fn pause(route: &Route) -> Html {
    match route {
        #[cfg(feature = "studio")]
        Route::Present(_) => html! { <RoomPause /> },
        _ => html! { <StepOut /> },
    }
}

/// Reads saved progress once, after hydration. Unreadable text is kept aside under its own
/// key before anything else is written, so it can still be downloaded.
fn restore_progress(dispatcher: &UseReducerDispatcher<AppState>) {
    let action = match platform::storage_read(progress::STORAGE_KEY) {
        Err(why) => Action::Restore(Progress::default(), Storage::Unavailable(why.into())),
        Ok(raw) => match progress::load(raw.as_deref()) {
            Loaded::Fresh => Action::Restore(Progress::default(), Storage::Ok),
            Loaded::Ok(p) => Action::Restore(p, Storage::Ok),
            Loaded::FromTheFuture { version } => {
                Action::Restore(Progress::default(), Storage::FromTheFuture(version))
            }
            Loaded::Unreadable { raw, reason } => {
                let _ = platform::storage_write(progress::BACKUP_KEY, &raw);
                Action::Restore(
                    Progress::default(),
                    Storage::Recovered {
                        raw: raw.into(),
                        reason: reason.into(),
                    },
                )
            }
        },
    };
    dispatcher.dispatch(action);
}

/// Saves progress, first folding in whatever another tab saved, so no tab's work is lost.
fn save_progress(state: &AppState, dispatcher: &UseReducerDispatcher<AppState>) {
    if !state.storage.writable() {
        return;
    }
    let ours = &*state.progress;
    let stored = match platform::storage_read(progress::STORAGE_KEY) {
        Ok(raw) => progress::load(raw.as_deref()),
        Err(why) => return dispatcher.dispatch(Action::StorageFailed(why.into())),
    };
    let to_write = match stored {
        Loaded::Ok(theirs) if theirs != *ours => {
            let merged = progress::merge(&theirs, ours);
            if merged != *ours {
                dispatcher.dispatch(Action::Merge(theirs));
            }
            merged
        }
        // Another tab of a newer Attune wrote meanwhile: leave its data alone.
        Loaded::FromTheFuture { .. } => return,
        _ => ours.clone(),
    };
    if let Err(why) = platform::storage_write(progress::STORAGE_KEY, &progress::to_json(&to_write))
    {
        dispatcher.dispatch(Action::StorageFailed(why.into()));
    }
}

/// Shown for a moment in the first-load build when a page of the full app is asked for:
/// it waits for the saves already under way, then hands the page over to the full build.
#[cfg(not(feature = "studio"))]
#[function_component]
fn HandOver() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    use_effect_with((), move |_| {
        platform::pass_on(&state.feedback_showing());
        platform::open_full_app();
    });
    html! {
        <>
            <h1 id="page-heading" tabindex="-1">{ "Opening…" }</h1>
            <p role="status">{ "Loading the rest of Attune. Your progress is kept." }</p>
        </>
    }
}

#[function_component]
pub fn App(props: &AppProps) -> Html {
    let boot = Rc::clone(&props.boot);
    let state = use_reducer(move || AppState::new(boot));

    // Follow the hash: once at start, then on every change.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            platform::register_service_worker();
            if let Some(note) = platform::take_passed_on() {
                dispatcher.dispatch(Action::FeedbackShowing(parse_feedback_showing(&note)));
            }
            restore_progress(&dispatcher);
            dispatcher.dispatch(Action::Navigate(Route::parse(&platform::current_hash())));
            let d = dispatcher.clone();
            let listener = platform::listen_hashchange(Callback::from(move |hash: String| {
                d.dispatch(Action::Navigate(Route::parse(&hash)))
            }));
            // Another tab saved progress: fold it in, so neither tab's work is lost.
            let d = dispatcher.clone();
            let storage = platform::listen_storage(Callback::from(
                move |(key, value): (String, Option<String>)| {
                    if key == progress::STORAGE_KEY {
                        if let Loaded::Ok(theirs) = progress::load(value.as_deref()) {
                            d.dispatch(Action::Merge(theirs));
                        }
                    }
                },
            ));
            move || drop((listener, storage))
        });
    }

    // Keys go to the reducer, which knows what each means on the current screen:
    // Esc steps out anywhere, 1–9 choose while playing, and presenter mode has its own map.
    {
        let dispatcher = state.dispatcher();
        use_effect_with((), move |_| {
            let listener = platform::listen_keys(Callback::from(move |e: KeyboardEvent| {
                if e.ctrl_key() || e.meta_key() || e.alt_key() {
                    return;
                }
                let key = e.key();
                let presenting = platform::current_hash().starts_with("#/present/");
                if (key == "f" || key == "F") && presenting {
                    platform::toggle_fullscreen();
                    return;
                }
                // A clicker's keys move the session, not the page.
                if presenting
                    && matches!(
                        key.as_str(),
                        "PageDown" | "PageUp" | "ArrowLeft" | "ArrowRight"
                    )
                {
                    e.prevent_default();
                }
                dispatcher.dispatch(Action::Key {
                    key,
                    now: platform::now(),
                });
            }));
            move || drop(listener)
        });
    }

    // Load what the route needs; keep the document title and focus in step with it.
    {
        let state = state.clone();
        use_effect_with(
            (state.route.clone(), state.storage.clone()),
            move |(route, _)| {
                // Comparing two plays, or opening one, needs its scenario, which only the
                // saved record names.
                let needed = route.scenario().cloned().or_else(|| match route {
                    Route::Compare(a, _) | Route::PlayRecord(a) => state
                        .progress
                        .play(a)
                        .map(|r| AttrValue::from(r.scenario.clone())),
                    _ => None,
                });
                if let Some(id) = needed {
                    if !state.scenarios.contains_key(&id) {
                        load_scenario(&state, id);
                    }
                }
                #[cfg(feature = "studio")]
                if matches!(route, Route::History) {
                    load_for_history(&state);
                }
                if matches!(route, Route::Glossary(_)) && state.full_catalog.is_none() {
                    load_catalog(&state);
                }
                platform::set_title(&title_for(&state));
                if let Route::Glossary(Some(p)) = route {
                    platform::scroll_to(&format!("pattern-{p}"));
                } else {
                    platform::focus("page-heading");
                }
            },
        );
    }

    // Save whenever progress changes (not before it has been read).
    {
        let dispatcher = state.dispatcher();
        let state_for_save = state.clone();
        use_effect_with(Rc::clone(&state.progress), move |_| {
            if state_for_save.storage != Storage::Unknown {
                // Reading, merging and writing the saved copy costs a few milliseconds on a
                // slow phone: do it after the feedback is on screen, not before.
                platform::after_paint(move || save_progress(&state_for_save, &dispatcher));
            }
        });
    }
    {
        let settings = state.progress.settings.clone();
        use_effect_with(settings, |s| {
            let theme = match s.theme {
                Theme::System => "system",
                Theme::Light => "light",
                Theme::Dark => "dark",
                Theme::HighContrast => "high-contrast",
            };
            platform::apply_display(theme, s.text_size);
        });
    }
    // Ready once saved progress has been read and its display settings applied (the effect
    // above runs first), so nothing that waits for it sees the defaults.
    use_effect_with(state.storage != Storage::Unknown, |restored| {
        if *restored {
            platform::mark_ready();
        }
    });

    let view = match &state.route {
        Route::Library => html! { <Library /> },
        Route::Prebrief(id) => html! { <Prebrief id={id.clone()} /> },
        Route::Play(id) => html! { <PlayPage id={id.clone()} /> },
        Route::Glossary(_) => html! { <Glossary /> },
        #[cfg(feature = "studio")]
        Route::PlayRecord(r) => html! { <RecordPage record={r.clone()} /> },
        #[cfg(feature = "studio")]
        Route::History => html! { <History /> },
        #[cfg(feature = "studio")]
        Route::Present(id) => html! { <Present id={id.clone()} /> },
        #[cfg(feature = "studio")]
        Route::Pack(id) => html! { <Pack id={id.clone()} /> },
        #[cfg(feature = "studio")]
        Route::Map(id) => html! { <MapPage id={id.clone()} /> },
        #[cfg(feature = "studio")]
        Route::Journal => html! { <Journal /> },
        #[cfg(feature = "studio")]
        Route::Patterns => html! { <MyPatterns /> },
        #[cfg(feature = "studio")]
        Route::Cpd => html! { <CpdLog /> },
        #[cfg(feature = "studio")]
        Route::Privacy => html! { <Privacy /> },
        #[cfg(feature = "studio")]
        Route::Settings => html! { <SettingsPage /> },
        #[cfg(feature = "studio")]
        Route::Compare(a, b) => html! { <Compare a={a.clone()} b={b.clone()} /> },
        // The first load carries only the player; the rest of the app is another build.
        #[cfg(not(feature = "studio"))]
        Route::Present(_)
        | Route::Pack(_)
        | Route::Map(_)
        | Route::Journal
        | Route::Patterns
        | Route::Cpd
        | Route::Privacy
        | Route::Settings
        | Route::History
        | Route::PlayRecord(_)
        | Route::Compare(..) => html! { <HandOver /> },
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
            <div class={classes!("shell", matches!(state.route, Route::Present(_)).then_some("presenter-shell"))}>
            <a class="skip" href="#main">{ "Skip to content" }</a>
            <header class="site">
                <a class="brand" href="#/">{ "Attune" }</a>
                <nav aria-label="Main">
                    <ul>
                        <li><a href="#/">{ "Scenarios" }</a></li>
                        <li><a href="#/history">{ "History" }</a></li>
                        <li><a href="#/journal">{ "Journal" }</a></li>
                        <li><a href="#/patterns">{ "My patterns" }</a></li>
                        <li><a href="#/glossary">{ "Glossary" }</a></li>
                        <li><a href="#/settings">{ "Display" }</a></li>
                    </ul>
                </nav>
                <button type="button" class="step-out-button" onclick={on_step_out}
                    aria-keyshortcuts="Escape">
                    { "Step out" }<span class="key" aria-hidden="true">{ "Esc" }</span>
                </button>
            </header>
            <StorageNotice />
            <main id="main">{ view }</main>
            if state.stepped_out { { pause(&state.route) } }
            <footer class="site">
                <p>{ "Attune runs entirely in your browser. Nothing you choose or write leaves this device. " }
                    <a href="#/privacy">{ "Privacy" }</a>{ " · " }<a href="#/cpd">{ "CPD log and export" }</a></p>
            </footer>
            </div>
        </ContextProvider<AppContext>>
    }
}
