//! The room's plenary debrief in presenter mode: how the scenario ended for the room's
//! path; at each decision the options' wording with the hands for each as bars and the
//! one taken; the patterns met, the relational trajectory and the path on the map; a
//! question to discuss; and the session as Markdown for the facilitator's CPD record.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::Scenario;
use crate::ui::components::chart::Trajectory;
use crate::ui::components::pattern_link::PatternLink;
use crate::ui::components::scenario_map::ScenarioMap;
use crate::ui::platform;
use crate::ui::presenter::{Command, Presenter, RoomTurn, LETTERS};
use crate::ui::room_report;
use crate::ui::state::{Action, AppContext};

#[derive(Properties, PartialEq)]
pub struct RoomDebriefProps {
    pub scenario: Rc<Scenario>,
    pub presenter: Presenter,
    pub restart: Callback<MouseEvent>,
}

/// One decision: what the client said, then every option with its hands.
fn decision(scenario: &Scenario, i: usize, t: &RoomTurn) -> Html {
    let Some(node) = scenario.nodes.get(t.node) else {
        return html! {};
    };
    let total: u32 = t.tallies.iter().sum();
    let id = format!("room-decision-{}", i + 1);
    html! {
        <section class="room-decision" aria-labelledby={id.clone()} key={i}>
            <h3 id={id}>{ format!("Decision {}", i + 1) }</h3>
            <p class="client-line">{ &node.client }</p>
            <ul class="hands">
                { for t.order.iter().enumerate().filter_map(|(k, &ix)| {
                    let c = node.choices.get(ix)?;
                    let hands = t.tallies.get(k).copied().unwrap_or(0);
                    let share = room_report::share(hands, total);
                    let taken = ix == t.choice;
                    Some(html! {
                        <li key={ix} class={classes!("hand", taken.then_some("taken"))}>
                            <p class="words"><span class="letter">{ LETTERS[k % 4] }</span>{ " " }{ &c.text }</p>
                            <p class="count">
                                <svg class="bar" viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                                    <rect class="track" width="100" height="10" />
                                    <rect class="fill" width={share.to_string()} height="10" />
                                </svg>
                                <span>{ format!("{hands} {}", if hands == 1 { "hand" } else { "hands" }) }</span>
                                if taken {
                                    <strong class="taken-label">{ " · the room's choice: " }<span class={classes!("badge", c.class.key())}>{ c.class.label() }</span></strong>
                                }
                            </p>
                        </li>
                    })
                }) }
            </ul>
            <p class="total">{ format!("Hands in all: {total}") }</p>
        </section>
    }
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
    let export = {
        let p = p.clone();
        let boot = Rc::clone(&state.boot);
        let id = scenario.meta.id.0.clone();
        Callback::from(move |_: MouseEvent| {
            let name = |pid: &str| {
                boot.catalog
                    .get(pid)
                    .map_or_else(|| pid.to_owned(), |c| c.name.clone())
            };
            platform::download(
                &format!("attune-room-{id}.md"),
                "text/markdown",
                &room_report::markdown(&p, &name),
            );
        })
    };
    let print = Callback::from(|_: MouseEvent| platform::print());
    // The engine says which paragraphs and questions apply to the room's path.
    let Some(closing) = p.session.closing() else {
        return html! {};
    };
    let ending = closing.ending;
    let met = p.session.patterns_met();
    let question = closing.questions.first().copied();
    html! {
        <section class="debrief" aria-labelledby="debrief-heading">
            <h1 id="debrief-heading" tabindex="-1">{ format!("Debrief: {}", ending.title) }</h1>
            <p class="ending-kind"><span class="badge">{ ending.kind.label() }</span></p>
            { for closing.paragraphs.iter().enumerate().map(|(i, t)| html! { <p key={i}>{ *t }</p> }) }
            if let Some(q) = question {
                <section class="room-question" aria-labelledby="room-question-h">
                    <h2 id="room-question-h">{ "For the room to discuss" }</h2>
                    <p class="prompt">{ q }</p>
                    if closing.questions.len() > 1 {
                        <ul>{ for closing.questions.iter().skip(1).map(|q| html! { <li key={*q}>{ *q }</li> }) }</ul>
                    }
                </section>
            }
            <h2>{ "What the room chose" }</h2>
            { for p.history.iter().enumerate().map(|(i, t)| decision(scenario, i, t)) }
            <h2>{ "Patterns met" }</h2>
            if met.is_empty() {
                <p>{ "None of the room's choices risked the harm patterns this scenario explores." }</p>
            } else {
                <ul class="met">
                    { for met.iter().map(|(id, n)| html! {
                        <li key={id.0.clone()}><PatternLink id={AttrValue::from(id.0.clone())} />
                            { if *n > 1 { format!(" (in {n} choices)") } else { String::new() } }</li>
                    }) }
                </ul>
            }
            <h2>{ "How the relationship moved" }</h2>
            <p class="hint">{ "Not a score: an attuned response can cost comfort for a while before trust grows." }</p>
            <Trajectory scenario={Rc::clone(scenario)} rows={Rc::new(p.session.trajectory())} />
            <h2>{ "The room's path on the map" }</h2>
            <ScenarioMap scenario={Rc::clone(scenario)}
                path={Some(Rc::new(crate::engine::map::path_of(p.session.steps())))} />
            <p class="room-notice" role="status">{ p.notice.map(|n| n.text()).unwrap_or_default() }</p>
            <div class="actions">
                <button type="button" class="button" onclick={back} aria-keyshortcuts="PageUp ArrowLeft B">{ "Back (PageUp)" }</button>
                <button type="button" class="button" onclick={export}>{ "Download the session (Markdown)" }</button>
                <button type="button" class="button" onclick={print}>{ "Print the debrief" }</button>
                <button type="button" class="button primary" onclick={props.restart.clone()}>{ "Run it again" }</button>
            </div>
        </section>
    }
}
