//! A scenario's map on its own page, with a text outline of every decision and where each
//! choice leads, for preparing a session or reading without the picture.

use std::rc::Rc;

use yew::prelude::*;

use super::prebrief::LoadStatus;
use crate::ui::components::scenario_map::ScenarioMap;
use crate::ui::state::AppContext;

#[derive(Properties, PartialEq)]
pub struct MapPageProps {
    pub id: AttrValue,
}

#[function_component]
pub fn MapPage(props: &MapPageProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let scenario = match state.scenario(&props.id) {
        Some(s) => s,
        None => {
            return html! {
                <>
                    <h1 id="page-heading" tabindex="-1">{ "Scenario map" }</h1>
                    <LoadStatus id={props.id.clone()} />
                </>
            }
        }
    };
    html! {
        <article class="map-page">
            <h1 id="page-heading" tabindex="-1">{ format!("Map: {}", scenario.meta.title) }</h1>
            <p class="actions">
                <a class="button" href={format!("#/scenario/{}", props.id)}>{ "Back to the scenario" }</a>
                <a class="button" href={format!("#/pack/{}", props.id)}>{ "Facilitator pack" }</a>
            </p>
            <ScenarioMap scenario={Rc::clone(&scenario)} />
            <details class="outline">
                <summary>{ "The map as text" }</summary>
                <ol>
                    { for scenario.nodes.iter().map(|n| html! {
                        <li key={n.id.0.clone()}>
                            <strong>{ n.id.0.clone() }</strong>
                            <ul>
                                { for n.choices.iter().enumerate().map(|(k, c)| {
                                    let to = scenario.route_labels(c);
                                    html! { <li key={k}>{ format!("{}: “{}” → {}", c.class.label(), c.text, to.join("; ")) }</li> }
                                }) }
                            </ul>
                        </li>
                    }) }
                </ol>
            </details>
        </article>
    }
}
