//! Step out: a pause available at every moment. It offers grounding, a way back in, and a
//! way to leave that keeps the trainee's place.

use yew::prelude::*;

use crate::ui::platform;
use crate::ui::state::{Action, AppContext};

#[function_component]
pub fn StepOut() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    use_effect_with((), |_| platform::focus("step-out-heading"));
    let back = {
        let d = state.dispatcher();
        Callback::from(move |_| d.dispatch(Action::StepBackIn))
    };
    let leave = Callback::from(|_| platform::set_hash("#/"));
    html! {
        <div class="overlay">
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="step-out-heading">
                <h2 id="step-out-heading" tabindex="-1">{ "You have stepped out" }</h2>
                <p>{ "The scenario is paused, and your place is kept. Take whatever time you need." }</p>
                <p>{ "If something stirred you, it can help to notice your feet on the floor, the weight of your body on the chair, and three things you can see around you. Breathe at your own pace." }</p>
                <p>{ "If this brought up something of your own, consider talking with your supervisor, tutor, therapist or someone you trust." }</p>
                <div class="actions">
                    <button type="button" class="button primary" onclick={back}>{ "Return to where I was" }</button>
                    <button type="button" class="button" onclick={leave}>{ "Leave for the library (my place is kept)" }</button>
                </div>
            </div>
        </div>
    }
}
