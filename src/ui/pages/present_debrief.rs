//! The room's debrief in presenter mode: how the scenario ended for the path the room took,
//! and what the room chose at each decision, with its hands.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::Scenario;
use crate::ui::presenter::{Command, Presenter, LETTERS};
use crate::ui::state::{Action, AppContext};

#[derive(Properties, PartialEq)]
pub struct RoomDebriefProps {
    pub scenario: Rc<Scenario>,
    pub presenter: Presenter,
    pub restart: Callback<MouseEvent>,
}

#[function_component]
pub fn RoomDebrief(props: &RoomDebriefProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let scenario = &props.scenario;
    let p = &props.presenter;
    let back = {
        let d = state.dispatcher();
        Callback::from(move |_: MouseEvent| d.dispatch(Action::Present(Command::Back)))
    };
    // The engine says which paragraphs and questions apply to the room's path.
    let Some(closing) = p.session.closing() else {
        return html! {};
    };
    let ending = closing.ending;
    html! {
        <section class="debrief" aria-labelledby="debrief-heading">
            <h1 id="debrief-heading" tabindex="-1">{ format!("Debrief: {}", ending.title) }</h1>
            <p class="ending-kind"><span class="badge">{ ending.kind.label() }</span></p>
            { for closing.paragraphs.iter().enumerate().map(|(i, t)| html! { <p key={i}>{ *t }</p> }) }
            <h2>{ "The room's path" }</h2>
            <table class="room-path">
                <thead><tr><th scope="col">{ "Decision" }</th><th scope="col">{ "Hands per option" }</th><th scope="col">{ "The room chose" }</th></tr></thead>
                <tbody>
                    { for p.history.iter().enumerate().map(|(i, t)| {
                        let c = &scenario.nodes[t.node].choices[t.choice];
                        let letter = t.order.iter().position(|&x| x == t.choice).map(|k| LETTERS[k % 4]).unwrap_or("?");
                        let hands: Vec<String> = t.tallies.iter().enumerate().map(|(k, n)| format!("{} {}", LETTERS[k % 4], n)).collect();
                        html! {
                            <tr key={i}>
                                <th scope="row">{ i + 1 }</th>
                                <td>{ hands.join(" · ") }</td>
                                <td>{ format!("{letter}: ") }<span class={classes!("badge", c.class.key())}>{ c.class.label() }</span>{ " " }{ &c.text }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
            <h2>{ "For the room to discuss" }</h2>
            <ul>{ for closing.questions.iter().map(|q| html! { <li key={*q}>{ *q }</li> }) }</ul>
            <p class="room-notice" role="status">{ p.notice.map(|n| n.text()).unwrap_or_default() }</p>
            <div class="actions">
                <button type="button" class="button" onclick={back} aria-keyshortcuts="PageUp ArrowLeft B">{ "Back (PageUp)" }</button>
                <button type="button" class="button primary" onclick={props.restart.clone()}>{ "Run it again" }</button>
            </div>
        </section>
    }
}
