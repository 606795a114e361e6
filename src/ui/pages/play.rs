//! Playing a scenario: the conversation so far, the client's newest line, the choices,
//! feedback after each choice, and the relational state. At an ending it shows the debrief.

use std::rc::Rc;

use yew::prelude::*;

use super::debrief::Debrief;
use super::prebrief::LoadStatus;
use crate::engine::{Position, Scenario};
use crate::ui::components::feedback::Feedback;
use crate::ui::components::meters::Meters;
use crate::ui::components::say_first::SayFirst;
use crate::ui::platform;
use crate::ui::state::{Action, AppContext, Load};

#[derive(Properties, PartialEq)]
pub struct PlayProps {
    pub id: AttrValue,
}

#[function_component]
pub fn PlayPage(props: &PlayProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let play = state.plays.get(&props.id);
    let steps = play.map(|p| p.session.steps().len()).unwrap_or(0);
    let feedback = play.and_then(|p| p.feedback);
    let ended = play.is_some_and(|p| p.at_debrief());

    // Move focus to what just appeared, so keyboard and screen-reader users follow along.
    let awaiting = play.is_some_and(|p| p.awaiting_words());
    use_effect_with(
        (steps, feedback, ended, awaiting),
        |(steps, feedback, ended, awaiting)| {
            if feedback.is_some() {
                platform::focus("feedback-heading");
            } else if *awaiting && *steps == 0 {
                // With "Say it first" the client's line is what to answer, so it is read first
                // even at the opening; Tab then reaches the words field.
                platform::focus("client-now");
            } else if *ended {
                platform::focus("debrief-heading");
            } else if *steps > 0 {
                platform::focus("client-now");
            }
        },
    );

    let scenario: Option<Rc<Scenario>> = match state.scenarios.get(&props.id) {
        Some(Load::Ready(s)) => Some(Rc::clone(s)),
        _ => None,
    };
    let (Some(scenario), Some(play)) = (scenario, play) else {
        let title = state.meta(&props.id).map(|m| m.title).unwrap_or_default();
        return html! {
            <>
                <h1 id="page-heading" tabindex="-1">{ title }</h1>
                if state.scenarios.get(&props.id).is_some_and(|l| matches!(l, Load::Ready(_))) {
                    <p>{ "This scenario has not been started yet." }</p>
                    <p><a class="button primary" href={format!("#/scenario/{}", props.id)}>{ "Read the content notes and begin" }</a></p>
                } else {
                    <LoadStatus id={props.id.clone()} />
                }
            </>
        };
    };
    let session = &play.session;
    let client = &scenario.meta.client;

    let transcript = session.steps().iter().enumerate().map(|(i, step)| {
        let node = &scenario.nodes[step.node];
        let choice = &node.choices[step.choice];
        html! {
            <li key={i} class="turn">
                <p class="client-line"><span class="who">{ &client.name }</span>
                    if let Some(c) = &node.cues { <span class="cue">{ c }</span> }
                    { &node.client }</p>
                <p class="you-line"><span class="who">{ "You" }</span>{ &choice.text }</p>
            </li>
        }
    });

    let body = if play.at_debrief() {
        html! { <Debrief id={props.id.clone()} /> }
    } else if let Some(i) = feedback {
        let step = &session.steps()[i];
        let on_continue = {
            let d = state.dispatcher();
            Callback::from(move |_| d.dispatch(Action::Continue))
        };
        let last = matches!(session.position(), Position::Ended(_));
        html! {
            <Feedback scenario={Rc::clone(&scenario)} node={step.node} choice={step.choice}
                record={play.record.clone()} turn={i}
                on_continue={on_continue} last={last} />
        }
    } else if play.awaiting_words() {
        html! { <SayFirst client={client.name.clone()} /> }
    } else if let Some(node) = session.current_node() {
        let said = play.said.get(&session.steps().len()).cloned();
        let choices = session
            .offered()
            .into_iter()
            .enumerate()
            .map(|(shown, ix)| {
                let c = &node.choices[ix];
                let onclick = {
                    let d = state.dispatcher();
                    Callback::from(move |_| {
                        d.dispatch(Action::Choose {
                            choice: ix,
                            now: platform::now(),
                        })
                    })
                };
                html! {
                    <li key={ix}>
                        <button type="button" class="choice" onclick={onclick}
                            aria-keyshortcuts={(shown + 1).to_string()}>
                            <span class="num" aria-hidden="true">{ shown + 1 }</span>
                            <span class="words">{ &c.text }</span>
                        </button>
                    </li>
                }
            });
        html! {
            <>
                if let Some(words) = said.filter(|w| !w.is_empty()) {
                    <p class="said-first"><span class="who">{ "You said first" }</span>{ words }</p>
                }
                <div role="group" aria-label="Choose your response" class="choices">
                    <p class="hint">{ "Choose how you would respond. Number keys 1–9 also choose." }</p>
                    <ol>{ for choices }</ol>
                </div>
            </>
        }
    } else {
        html! {}
    };

    let now = match (feedback, session.current_node()) {
        (None, Some(node)) => html! {
            <p id="client-now" tabindex="-1" class="client-line now-line">
                <span class="who">{ &client.name }</span>
                if let Some(c) = &node.cues { <span class="cue">{ c }</span> }
                { &node.client }
            </p>
        },
        _ => html! {},
    };

    html! {
        <div class="play">
            <div class="play-head">
                <h1 id="page-heading" tabindex="-1">{ &scenario.meta.title }</h1>
                <p class="with">{ format!("With {} ({}) · {}", client.name, client.pronouns, scenario.meta.setting) }</p>
            </div>
            if state.progress.settings.show_state {
                <Meters scenario={Rc::clone(&scenario)} vars={Rc::<[i32]>::from(session.vars())}
                    before={session.steps().last().map(|s| Rc::<[i32]>::from(s.before.as_slice()))} />
            }
            <section class="conversation" aria-label="Conversation">
                <ol class="transcript">{ for transcript }</ol>
                <div aria-live="polite" class="now">{ now }</div>
            </section>
            { body }
        </div>
    }
}
