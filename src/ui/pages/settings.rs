//! Display settings: theme, text size, and how a play shows itself (the client's state,
//! "Say it first"), kept on this device.

use yew::prelude::*;

use crate::progress::{Settings, Theme};
use crate::ui::state::{Action, AppContext};

const THEMES: [(Theme, &str); 4] = [
    (Theme::System, "Follow my device (light or dark)"),
    (Theme::Light, "Light"),
    (Theme::Dark, "Dark"),
    (Theme::HighContrast, "High contrast"),
];
const SIZES: [(u16, &str); 4] = [
    (100, "Standard"),
    (125, "Large"),
    (150, "Larger"),
    (200, "Largest"),
];

#[function_component]
pub fn SettingsPage() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let current = state.progress.settings.clone();
    let set = |settings: Settings| {
        let state = state.clone();
        Callback::from(move |_| state.dispatch(Action::Settings(settings.clone())))
    };
    html! {
        <article class="settings">
            <h1 id="page-heading" tabindex="-1">{ "Display" }</h1>
            <fieldset>
                <legend>{ "Theme" }</legend>
                { for THEMES.iter().map(|(t, label)| {
                    let id = format!("theme-{}", *t as u8);
                    html! {
                        <div key={id.clone()} class="radio">
                            <input type="radio" name="theme" id={id.clone()} checked={current.theme == *t}
                                onchange={set(Settings { theme: *t, ..current.clone() })} />
                            <label for={id}>{ *label }</label>
                        </div>
                    }
                }) }
            </fieldset>
            <fieldset>
                <legend>{ "Text size" }</legend>
                { for SIZES.iter().map(|(size, label)| {
                    let id = format!("size-{size}");
                    html! {
                        <div key={id.clone()} class="radio">
                            <input type="radio" name="size" id={id.clone()} checked={current.text_size == *size}
                                onchange={set(Settings { text_size: *size, ..current.clone() })} />
                            <label for={id}>{ *label }</label>
                        </div>
                    }
                }) }
            </fieldset>
            <fieldset>
                <legend>{ "While I play" }</legend>
                <div class="radio">
                    <input type="checkbox" id="show-state" checked={current.show_state}
                        onchange={set(Settings { show_state: !current.show_state, ..current.clone() })} />
                    <label for="show-state">{ " Show the client's state while I play" }</label>
                </div>
                <p class="hint">{ "Off, you read the client from their words alone; the debrief still shows how the relationship moved." }</p>
                <div class="radio">
                    <input type="checkbox" id="say-it-first" checked={current.say_it_first}
                        onchange={set(Settings { say_it_first: !current.say_it_first, ..current.clone() })} />
                    <label for="say-it-first">{ " Say it first: write what I would say before the options appear (each pre-brief lets you change this for one play)" }</label>
                </div>
            </fieldset>
            <p>{ "These are kept on this device. Motion is already kept to a minimum, and Attune follows your device’s reduced-motion setting." }</p>
        </article>
    }
}
