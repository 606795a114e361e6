//! The debrief at an ending: what happened in the relationship, the path taken, the
//! patterns met, how trust and safety moved, and questions to reflect on. No score.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::components::chart::Trajectory;
use crate::ui::components::pattern_link::PatternLink;
use crate::ui::platform;
use crate::ui::state::{Action, AppContext};

#[derive(Properties, PartialEq)]
pub struct DebriefProps {
    pub id: AttrValue,
}

#[function_component]
pub fn Debrief(props: &DebriefProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let Some(play) = state.plays.get(&props.id) else {
        return html! {};
    };
    let session = &play.session;
    let scenario = Rc::clone(session.scenario());
    let Some(ending) = session.ending() else {
        return html! {};
    };
    let path = session.steps().iter().enumerate().map(|(i, s)| {
        let c = &scenario.nodes[s.node].choices[s.choice];
        html! {
            <li key={i}>
                <span class={classes!("badge", c.class.key())}>{ c.class.label() }</span>
                { " " }{ &c.text }
            </li>
        }
    });
    let met = session.patterns_met();
    let again = {
        let state = state.clone();
        let id = props.id.clone();
        Callback::from(move |_| {
            state.dispatch(Action::Begin {
                id: id.clone(),
                seed: platform::random_seed(),
            });
        })
    };
    html! {
        <section class="debrief" aria-labelledby="debrief-heading">
            <h2 id="debrief-heading" tabindex="-1">{ format!("Debrief: {}", ending.title) }</h2>
            <p class="ending-kind"><span class="badge">{ ending.kind.label() }</span></p>
            <p>{ &ending.text }</p>

            <h3>{ "The path you took" }</h3>
            <ol class="path">{ for path }</ol>

            <h3>{ "Patterns you met" }</h3>
            if met.is_empty() {
                <p>{ "None of your responses in this play risked the harm patterns this scenario explores. Consider playing again to see how other responses land." }</p>
            } else {
                <ul class="met">
                    { for met.iter().map(|(p, n)| html! {
                        <li key={p.0.clone()}>
                            <PatternLink id={AttrValue::from(p.0.clone())} />
                            { if *n > 1 { format!(" (in {n} responses)") } else { String::new() } }
                        </li>
                    }) }
                </ul>
            }

            <h3>{ "How the relationship moved" }</h3>
            <Trajectory scenario={Rc::clone(&scenario)} rows={Rc::new(session.trajectory())} />

            <h3>{ "Questions to reflect on" }</h3>
            <ul class="questions">
                { for ending.questions.iter().map(|q| html! { <li key={q.clone()}>{ q }</li> }) }
            </ul>

            <div class="actions">
                <button type="button" class="button primary" onclick={again}>{ "Play again" }</button>
                <a class="button" href="#/">{ "Back to the scenario library" }</a>
            </div>
        </section>
    }
}
