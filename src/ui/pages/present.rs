//! Presenter mode: a scenario run with a room on a projector. Large type, a high-contrast
//! palette, options lettered A–D, nothing that hints at the answer until the facilitator
//! reveals it, and every action on a key (listed on screen) for a clicker or a laptop.

use std::rc::Rc;

use yew::prelude::*;

use super::prebrief::LoadStatus;
use crate::engine::Scenario;
use crate::ui::components::meters::Meters;
use crate::ui::components::pattern_link::PatternLink;
use crate::ui::pages::present_debrief::RoomDebrief;
use crate::ui::platform;
use crate::ui::presenter::{Command, Notes, Presenter, KEYS, LETTERS};
use crate::ui::room_save::{self, Stored};
use crate::ui::state::{Action, AppContext};

#[derive(Properties, PartialEq)]
pub struct PresentProps {
    pub id: AttrValue,
}

pub(crate) fn key_map(full: bool) -> Html {
    html! {
        <section class={classes!("keymap", full.then_some("full"))} aria-label="Keys">
            if full { <h2>{ "Keys" }</h2> }
            <dl>
                { for KEYS.iter().map(|(k, what)| html! {
                    <div key={*k}><dt><kbd>{ *k }</kbd></dt><dd>{ *what }</dd></div>
                }) }
            </dl>
        </section>
    }
}

fn feedback_block(
    scenario: &Scenario,
    node: usize,
    choice: usize,
    heading: String,
    id: &str,
) -> Html {
    let c = &scenario.nodes[node].choices[choice];
    html! {
        <section class={classes!("feedback", c.class.key())} aria-labelledby={id.to_owned()}>
            <h2 id={id.to_owned()} tabindex="-1">{ heading }</h2>
            <p class="classification"><span class="badge">{ c.class.label() }</span></p>
            if !c.patterns.is_empty() {
                <ul class="inline patterns">
                    { for c.patterns.iter().map(|p| html! { <li key={p.0.clone()}><PatternLink id={AttrValue::from(p.0.clone())} /></li> }) }
                </ul>
            }
            <p>{ &c.rationale }</p>
            if !c.perspective.is_empty() {
                <blockquote class="perspective"><p>{ &c.perspective }</p></blockquote>
            }
            if !c.alternative.is_empty() {
                <p class="alternative"><strong>{ "Another way: " }</strong>{ &c.alternative }</p>
            }
        </section>
    }
}

/// The facilitator's private notes: asked for first, since in one window whatever is on
/// the laptop is on the projector too.
fn notes_panel(
    notes: Notes,
    text: Option<&str>,
    cmd: &dyn Fn(Command) -> Callback<MouseEvent>,
) -> Html {
    match notes {
        Notes::Hidden => html! {},
        Notes::Asking => html! {
            <section id="notes-panel" class="notes-panel asking" aria-labelledby="notes-ask-h">
                <h2 id="notes-ask-h">{ "Put your private notes on the shared screen?" }</h2>
                <p>{ "These notes are written for the facilitator. In one window the room sees whatever you see." }</p>
                <div class="actions">
                    <button type="button" class="button" onclick={cmd(Command::Notes)} aria-keyshortcuts="M">{ "Show my notes (M)" }</button>
                    <button type="button" class="button primary" onclick={cmd(Command::NotesHide)}>{ "Keep them private" }</button>
                </div>
            </section>
        },
        Notes::Shown => html! {
            <section id="notes-panel" class="notes-panel" aria-labelledby="notes-h">
                <h2 id="notes-h">{ "Facilitator notes" }</h2>
                <p class="notes-text">{ text.unwrap_or("No notes were written for this moment.") }</p>
                <button type="button" class="button" onclick={cmd(Command::NotesHide)} aria-keyshortcuts="M">{ "Hide my notes (M)" }</button>
            </section>
        },
    }
}

#[function_component]
pub fn Present(props: &PresentProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    // Bring what was just revealed into view, for the room and for screen readers.
    let shown = state
        .presenter
        .as_ref()
        .map(|(_, p)| (p.history.len(), p.revealed, p.preview, p.at_debrief()));
    use_effect_with(shown, |shown| match shown {
        Some((_, _, Some(_), _)) => platform::focus("preview-heading"),
        Some((_, true, None, _)) => platform::focus("feedback-heading"),
        Some((_, false, _, true)) => platform::focus("debrief-heading"),
        _ => {}
    });
    // A panel the facilitator opens is scrolled into view whole, however long the page.
    let panels = state
        .presenter
        .as_ref()
        .map(|(_, p)| (p.show_prompt, p.notes));
    use_effect_with(panels, |panels| match panels {
        Some((_, Notes::Asking | Notes::Shown)) => platform::scroll_to("notes-panel"),
        Some((true, Notes::Hidden)) => platform::scroll_to("prompt-panel"),
        _ => {}
    });
    // Keep the room's session on this laptop as it changes, so a reload resumes it.
    use_effect_with(state.presenter.clone(), |saving| {
        if let Some((id, p)) = saving {
            let _ = platform::storage_write(room_save::ROOM_KEY, &room_save::to_json(id, p));
        }
    });
    // Once the scenario has loaded, a room saved for it resumes; anything unreadable is
    // set aside with a notice and the start screen offers a fresh session.
    let resumed = use_state(|| false);
    let unreadable = use_state(|| None::<String>);
    {
        let d = state.dispatcher();
        let scenario = state.scenario(&props.id);
        let running = state
            .presenter
            .as_ref()
            .is_some_and(|(id, _)| *id == props.id);
        let (resumed, unreadable) = (resumed.clone(), unreadable.clone());
        use_effect_with((props.id.clone(), scenario.is_some()), move |(id, _)| {
            if let (Some(s), false) = (scenario, running) {
                let raw = platform::storage_read(room_save::ROOM_KEY).ok().flatten();
                match room_save::restore(raw.as_deref(), id, s) {
                    Stored::Room(presenter) => {
                        resumed.set(true);
                        d.dispatch(Action::PresentResume {
                            id: id.clone(),
                            presenter,
                        });
                    }
                    Stored::Unreadable(why) => unreadable.set(Some(why)),
                    Stored::Nothing => {}
                }
            }
        });
    }
    let scenario = match state.scenario(&props.id) {
        Some(s) => s,
        None => {
            return html! {
                <div class="presenting">
                    <h1 id="page-heading" tabindex="-1">{ "Presenter mode" }</h1>
                    <LoadStatus id={props.id.clone()} />
                </div>
            }
        }
    };
    let cmd = |c: Command| {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Present(c)))
    };
    let presenter: Option<&Presenter> = state
        .presenter
        .as_ref()
        .filter(|(id, _)| *id == props.id)
        .map(|(_, p)| p);
    // Whether the room says it first: the room's own choice once running, else the
    // trainee's saved preference.
    let room_first = use_state(|| state.progress.settings.say_it_first);
    // Options in file order unless the facilitator asks for a shuffle, so the screen's
    // A–D match the pack's.
    let shuffle = use_state(|| false);
    let start = {
        let d = state.dispatcher();
        let id = props.id.clone();
        let say_first = presenter.map_or(*room_first, |p| p.say_first);
        let shuffle = presenter.map_or(*shuffle, |p| p.shuffle);
        Callback::from(move |_| {
            d.dispatch(Action::PresentStart {
                id: id.clone(),
                seed: platform::random_seed(),
                say_first,
                shuffle,
            })
        })
    };
    let toggle_shuffle = {
        let shuffle = shuffle.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                shuffle.set(input.checked());
            }
        })
    };
    let toggle_first = {
        let room_first = room_first.clone();
        Callback::from(move |e: Event| {
            if let Some(input) = e.target_dyn_into::<web_sys::HtmlInputElement>() {
                room_first.set(input.checked());
            }
        })
    };
    let m = &scenario.meta;
    let Some(p) = presenter else {
        return html! {
            <div class="presenting">
                <h1 id="page-heading" tabindex="-1">{ format!("With the room: {}", m.title) }</h1>
                <p class="lede">{ &m.summary }</p>
                if let Some(why) = &*unreadable {
                    <p class="room-notice" role="status">{ format!("A room's session saved on this laptop could not be resumed: {why}. Starting will replace it.") }</p>
                }
                <section aria-labelledby="room-notes">
                    <h2 id="room-notes">{ "Before we start" }</h2>
                    <p>{ format!("Content notes: {}.", m.content_notes.join("; ")) }</p>
                    <p>{ "Anyone can step out at any time, and nobody has to say why. The facilitator can pause with Esc." }</p>
                </section>
                <p>
                    <input type="checkbox" id="room-first" checked={*room_first} onchange={toggle_first} />
                    <label for="room-first">{ " The room says it first: at each decision, the options stay hidden until the room has said what it would say (show them with O)" }</label>
                </p>
                <p>
                    <input type="checkbox" id="room-shuffle" checked={*shuffle} onchange={toggle_shuffle} />
                    <label for="room-shuffle">{ " Shuffle the options (by default they keep the pack's order, A–D)" }</label>
                </p>
                <div class="actions">
                    <button type="button" class="button primary" onclick={start}>{ "Start with the room" }</button>
                    <a class="button" href={format!("#/pack/{}", props.id)}>{ "Facilitator pack" }</a>
                </div>
                { key_map(true) }
            </div>
        };
    };

    if p.blank {
        // A calm slide that covers everything, for a break or a conversation the room
        // needs to have without the screen.
        return html! {
            <div class="presenting">
                <section class="blank-slide" aria-label="Blank screen">
                    <p class="blank-hint">{ "Press . (or PageDown) to return" }</p>
                </section>
            </div>
        };
    }
    let session = &p.session;
    let turn = p.history.len() + usize::from(!p.revealed);
    let step_out = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::StepOut))
    };
    let new_session = {
        let d = state.dispatcher();
        let resumed = resumed.clone();
        Callback::from(move |_| {
            platform::storage_remove(room_save::ROOM_KEY);
            resumed.set(false);
            d.dispatch(Action::PresentEnd);
        })
    };
    let toolbar = html! {
        <div class="toolbar">
            <p class="where">{ format!("{} · decision {}", m.title, turn.max(1)) }
                if *resumed { <span class="resumed">{ " · resumed after a reload" }</span> }</p>
            <button type="button" class="button" onclick={new_session}>{ "New session" }</button>
            <button type="button" class="button" onclick={cmd(Command::Blank)} aria-keyshortcuts=".">{ "Blank (.)" }</button>
            <button type="button" class="button" onclick={cmd(Command::Keys)} aria-keyshortcuts="?">{ "Keys (?)" }</button>
            <button type="button" class="button" onclick={step_out} aria-keyshortcuts="Escape">{ "Step out (Esc)" }</button>
        </div>
    };

    if p.at_debrief() {
        return html! {
            <div class="presenting">
                { toolbar }
                <RoomDebrief scenario={Rc::clone(&scenario)} presenter={p.clone()} restart={start} />
            </div>
        };
    }

    let order = p.order();
    let (node_ix, node) = match p.history.last().filter(|_| p.revealed) {
        Some(t) => (t.node, &scenario.nodes[t.node]),
        None => match session.position() {
            crate::engine::Position::At(i) => (i, &scenario.nodes[i]),
            crate::engine::Position::Ended(_) => return html! {},
        },
    };
    let chosen = p.history.last().filter(|_| p.revealed).map(|t| t.choice);
    let options = order.iter().enumerate().map(|(k, &ix)| {
        let c = &node.choices[ix];
        let select = cmd(Command::Select(k));
        let tally = p.tallies.get(k).copied().unwrap_or(0);
        let shown_tally = if p.revealed {
            p.history.last().and_then(|t| t.tallies.get(k).copied()).unwrap_or(0)
        } else {
            tally
        };
        let is_selected = p.selected == Some(k);
        let plus = {
            let d = state.dispatcher();
            Callback::from(move |_: MouseEvent| {
                d.dispatch(Action::Present(Command::Select(k)));
                d.dispatch(Action::Present(Command::Tally(1)));
            })
        };
        let minus = {
            let d = state.dispatcher();
            Callback::from(move |_: MouseEvent| {
                d.dispatch(Action::Present(Command::Select(k)));
                d.dispatch(Action::Present(Command::Tally(-1)));
            })
        };
        html! {
            <li key={ix} class={classes!("option", is_selected.then_some("selected"), (chosen == Some(ix)).then_some("chosen"))}>
                <button type="button" class="pick" onclick={select} aria-pressed={is_selected.to_string()}
                    aria-keyshortcuts={LETTERS[k % 4]}>
                    <span class="letter" aria-hidden="true">{ LETTERS[k % 4] }</span>
                    <span class="words">{ &c.text }</span>
                </button>
                <div class="tally" role="group" aria-label={format!("Hands for option {}", LETTERS[k % 4])}>
                    <button type="button" class="button small" onclick={minus} disabled={p.revealed}
                        aria-label={format!("One fewer hand for {}", LETTERS[k % 4])}>{ "−" }</button>
                    <output aria-live="polite">{ shown_tally }</output>
                    <button type="button" class="button small" onclick={plus} disabled={p.revealed}
                        aria-label={format!("One more hand for {}", LETTERS[k % 4])}>{ "+" }</button>
                </div>
            </li>
        }
    });
    let client = &m.client.name;
    html! {
        <div class="presenting">
            { toolbar }
            <h1 id="page-heading" class="visually-hidden" tabindex="-1">{ format!("Presenting {}", m.title) }</h1>
            <div class="client-now" aria-live="polite">
                <p class="client-line"><span class="who">{ client }</span>
                    if let Some(c) = &node.cues { <span class="cue">{ c }</span> }
                    { &node.client }</p>
            </div>
            if p.options_hidden() {
                <section class="say-first room" aria-labelledby="room-first-h">
                    <h2 id="room-first-h">{ "The room says it first" }</h2>
                    <p>{ format!("What would you say to {client} now, in your own words? Talk it through; the options come after.") }</p>
                    <button type="button" class="button primary" onclick={cmd(Command::ShowOptions)} aria-keyshortcuts="O">{ "Show the options (O)" }</button>
                </section>
            } else {
                <ol class="options" aria-label="Options">{ for options }</ol>
            }
            if p.show_prompt {
                <section id="prompt-panel" class="prompt-panel" aria-label="Discussion prompt">
                    if let Some(q) = &node.prompt { <p class="prompt"><strong>{ "For discussion: " }</strong>{ q }</p> }
                    else { <p>{ "No prompt was written for this moment." }</p> }
                </section>
            }
            { notes_panel(p.notes, node.facilitator_notes.as_deref(), &cmd) }
            if let Some(choice) = chosen {
                <Meters scenario={Rc::clone(&scenario)} vars={Rc::<[i32]>::from(session.vars())}
                    before={session.steps().last().map(|s| Rc::<[i32]>::from(s.before.as_slice()))} />
                { feedback_block(&scenario, node_ix, choice, format!("The room chose {}", order.iter().position(|&x| x == choice).map(|k| LETTERS[k % 4]).unwrap_or("?")), "feedback-heading") }
                if let Some(k) = p.preview {
                    { feedback_block(&scenario, node_ix, order[k], format!("What would have happened with {}", LETTERS[k % 4]), "preview-heading") }
                }
            }
            <p class="room-notice" role="status">{ p.notice.map(|n| n.text()).unwrap_or_default() }</p>
            <div class="actions">
                <button type="button" class="button" onclick={cmd(Command::Back)} aria-keyshortcuts="PageUp ArrowLeft B">{ "Back (PageUp)" }</button>
                <button type="button" class="button" onclick={cmd(Command::Prompt)} aria-keyshortcuts="P">{ "Prompt (P)" }</button>
                <button type="button" class="button" onclick={cmd(Command::Notes)} aria-keyshortcuts="M">{ "My notes (M)" }</button>
                if p.revealed {
                    <button type="button" class="button primary" onclick={cmd(Command::Next)} aria-keyshortcuts="PageDown ArrowRight N">{ "Next (PageDown)" }</button>
                } else {
                    // Never disabled: with nothing highlighted it says what to do first.
                    <button type="button" class="button primary" onclick={cmd(Command::Reveal)}
                        aria-keyshortcuts="PageDown ArrowRight R">{ "Reveal (PageDown)" }</button>
                }
            </div>
            { key_map(p.show_keys) }
        </div>
    }
}
