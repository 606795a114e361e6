//! Feedback on one choice: how it may land, which patterns it risks and why, the client's
//! inner perspective, and another way to respond. Worded to teach, never to grade.

use std::rc::Rc;

use yew::prelude::*;

use super::pattern_link::PatternLink;
use super::reflect::Reflect;
use crate::engine::{Classification, Scenario};
use crate::ui::state::AppContext;

#[derive(Properties, PartialEq)]
pub struct FeedbackProps {
    /// The saved play, so a reflection here is tied to this turn of this play.
    pub record: AttrValue,
    pub turn: usize,
    pub scenario: Rc<Scenario>,
    pub node: usize,
    pub choice: usize,
    pub on_continue: Callback<MouseEvent>,
    /// Whether Continue leads to the debrief.
    pub last: bool,
}

#[function_component]
pub fn Feedback(props: &FeedbackProps) -> Html {
    let node = &props.scenario.nodes[props.node];
    let c = &node.choices[props.choice];
    let name = &props.scenario.meta.client.name;
    let attuned = c.class == Classification::Attuned;
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let prompt = c
        .patterns
        .first()
        .and_then(|p| state.boot.catalog.get(p.as_str()))
        .and_then(|p| p.questions.first().cloned())
        .unwrap_or_else(|| {
            "What helped you respond this way, and when is it harder to?".to_owned()
        });
    html! {
        <section class={classes!("feedback", c.class.key())} aria-labelledby="feedback-heading">
            <h2 id="feedback-heading" tabindex="-1">{ "Feedback" }</h2>
            <p class="classification"><span class="badge">{ c.class.label() }</span></p>
            if !c.patterns.is_empty() {
                <div class="patterns">
                    <h3>{ if attuned { "Patterns this response steers away from" } else { "Patterns this response risks" } }</h3>
                    <ul class="inline">
                        { for c.patterns.iter().map(|p| html! {
                            <li key={p.0.clone()}><PatternLink id={AttrValue::from(p.0.clone())} /></li>
                        }) }
                    </ul>
                </div>
            }
            <h3>{ if attuned { "Why this works" } else { "Why" } }</h3>
            <p>{ &c.rationale }</p>
            if !c.perspective.is_empty() {
                <h3>{ format!("What {name} may have experienced") }</h3>
                <blockquote class="perspective"><p>{ &c.perspective }</p></blockquote>
            }
            if !c.alternative.is_empty() {
                <h3>{ "Another way to respond" }</h3>
                <p class="alternative">{ &c.alternative }</p>
            }
            <Reflect entry_id={format!("{}-turn{}", props.record, props.turn + 1)}
                scenario={props.scenario.meta.id.0.clone()} scenario_title={props.scenario.meta.title.clone()}
                context={format!("After turn {}", props.turn + 1)} prompts={vec![AttrValue::from(prompt)]} />
            <div class="actions">
                <button type="button" class="button primary" onclick={props.on_continue.clone()}>
                    { if props.last { "Continue to the debrief" } else { "Continue" } }
                </button>
            </div>
        </section>
    }
}
