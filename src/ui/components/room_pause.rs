//! The pause for a room (Esc in presenter mode): a full-screen slide that hides the
//! scenario entirely, since a distressing line must not stay readable behind a dimmed
//! box, with words for a group and a way back. Tab stays inside it.

use yew::prelude::*;

use crate::ui::platform;
use crate::ui::state::{Action, AppContext};

/// The slide's buttons, in Tab order.
const STOPS: [&str; 2] = ["pause-back", "pause-leave"];

#[function_component]
pub fn RoomPause() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    use_effect_with((), |_| platform::focus("pause-heading"));
    let back = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::StepBackIn))
    };
    let leave = Callback::from(|_| platform::set_hash("#/"));
    // Focus cycles through the slide's own buttons and never reaches the hidden page.
    let trap = Callback::from(|e: KeyboardEvent| {
        if e.key() != "Tab" {
            return;
        }
        e.prevent_default();
        let here = platform::focused_id()
            .and_then(|id| STOPS.iter().position(|s| *s == id))
            .map(|i| i as isize)
            .unwrap_or(if e.shift_key() { 0 } else { -1 });
        let step = if e.shift_key() { -1 } else { 1 };
        let next = (here + step).rem_euclid(STOPS.len() as isize) as usize;
        platform::focus(STOPS[next]);
    });
    html! {
        <div class="room-pause" role="dialog" aria-modal="true" aria-labelledby="pause-heading" onkeydown={trap}>
            <h2 id="pause-heading" tabindex="-1">{ "We're taking a pause" }</h2>
            <p>{ "The scenario is off the screen, and the session is kept just as it was." }</p>
            <p>{ "Take a breath, stretch, get some water. If something in this scenario touched something personal, you are welcome to step outside, and nobody needs to say why. The facilitator is around afterwards if you would like a word." }</p>
            <div class="actions">
                <button id="pause-back" type="button" class="button primary" onclick={back}>{ "Back to the session (Esc)" }</button>
                <button id="pause-leave" type="button" class="button" onclick={leave}>{ "Leave presenter mode (the session is kept)" }</button>
            </div>
        </div>
    }
}
