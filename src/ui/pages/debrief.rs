//! The debrief at an ending: what happened in the relationship, the path taken, the
//! patterns met, how trust and safety moved, and questions to reflect on. No score.
//! Which paragraphs and questions apply to this play is the engine's judgement
//! (`Session::closing`); this page only renders what it reports.

use std::rc::Rc;

use yew::prelude::*;

use crate::ui::components::chart::Trajectory;
use crate::ui::components::pattern_link::PatternLink;
use crate::ui::components::reflect::Reflect;
use crate::ui::components::scenario_map::ScenarioMap;
use crate::ui::platform;
use crate::ui::state::{begin_callback, Action, AppContext};

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
    let Some(closing) = session.closing() else {
        return html! {};
    };
    let ending = closing.ending;
    let play_href = format!("#/play/{}", props.id);
    let path = session.steps().iter().enumerate().map(|(i, s)| {
        let c = &scenario.nodes[s.node].choices[s.choice];
        let what_if = {
            let d = state.dispatcher();
            let play_href = play_href.clone();
            // From History the route names the old record: the branch plays on the play route.
            Callback::from(move |_| {
                d.dispatch(Action::WhatIf { turns: i, now: platform::now() });
                platform::set_hash(&play_href);
            })
        };
        let said = play.said.get(&i).filter(|w| !w.is_empty());
        html! {
            <li key={i}>
                if let Some(words) = said {
                    <p class="said-first"><span class="who">{ "You said first" }</span>{ words }</p>
                }
                <span class={classes!("badge", c.class.key())}>{ c.class.label() }</span>
                { " " }{ &c.text }{ " " }
                <button type="button" class="button small" onclick={what_if}
                    aria-label={format!("What if: choose differently at turn {}", i + 1)}>{ "What if…?" }</button>
            </li>
        }
    });
    let record = state.progress.play(&play.record);
    let compare = record
        .and_then(|r| r.branch_of.as_ref())
        .map(|b| format!("#/compare/{}/{}", b.play, play.record));
    // The ending's questions are listed just above. The box offers the scenario's own
    // reflection questions where it has them; otherwise one from the catalogue for the
    // first pattern met, or a question about what went well.
    let prompts: Vec<AttrValue> = if closing.reflection.is_empty() {
        vec![AttrValue::from(
            session
                .patterns_met()
                .first()
                .and_then(|(p, _)| state.boot.catalog.get(p.as_str()))
                .and_then(|p| p.questions.first().cloned())
                .unwrap_or_else(|| {
                    "What helped you stay with the client's lead, and when is that harder for you?"
                        .into()
                }),
        )]
    } else {
        closing
            .reflection
            .iter()
            .map(|q| AttrValue::from(q.clone()))
            .collect()
    };
    let met = session.patterns_met();
    let say_first = state.plays.get(&props.id).is_some_and(|p| p.say_first);
    let again = begin_callback(&state, props.id.clone(), say_first, Some(play_href.clone()));
    html! {
        <section class="debrief" aria-labelledby="debrief-heading">
            <h2 id="debrief-heading" tabindex="-1">{ format!("Debrief: {}", ending.title) }</h2>
            <p class="ending-kind"><span class="badge">{ ending.kind.label() }</span></p>
            { for closing.paragraphs.iter().enumerate().map(|(i, p)| html! { <p key={i}>{ *p }</p> }) }

            <h3>{ "The path you took" }</h3>
            <p class="hint">{ "“What if…?” goes back to that moment so you can try another response. This path stays saved." }</p>
            <ol class="path">{ for path }</ol>

            <details class="path-map">
                <summary>{ "Your path on the map" }</summary>
                <ScenarioMap scenario={Rc::clone(&scenario)}
                    path={Some(Rc::new(crate::engine::map::path_of(session.steps())))} />
            </details>

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
            <p class="hint">{ "These lines are not a score. An attuned response can cost comfort for a while: naming what hurts, or following the client somewhere hard, may lower safety before trust grows, and a warm but off-beam reply can raise trust while the client feels less understood." }</p>
            <Trajectory scenario={Rc::clone(&scenario)} rows={Rc::new(session.trajectory())} />

            <h3>{ "Questions to reflect on" }</h3>
            <ul class="questions">
                { for closing.questions.iter().map(|q| html! { <li key={*q}>{ *q }</li> }) }
            </ul>

            <Reflect entry_id={format!("{}-debrief", play.record)} scenario={props.id.clone()}
                scenario_title={scenario.meta.title.clone()} context="Debrief" prompts={prompts} open=true />

            <div class="actions">
                if let Some(href) = compare {
                    <a class="button" href={href}>{ "Compare with the original path" }</a>
                }
                <button type="button" class="button primary" onclick={again}>{ "Play again" }</button>
                <a class="button" href="#/">{ "Back to the scenario library" }</a>
            </div>
        </section>
    }
}
