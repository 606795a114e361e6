//! The client's relational state as labelled meters, with the direction of the last change
//! in words so it never relies on colour or motion.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::Scenario;

#[derive(Properties, PartialEq)]
pub struct MetersProps {
    pub scenario: Rc<Scenario>,
    pub vars: Rc<[i32]>,
    /// The values before the latest step, to say which way each moved.
    pub before: Option<Rc<[i32]>>,
}

#[function_component]
pub fn Meters(props: &MetersProps) -> Html {
    let rows = props.scenario.variables.iter().enumerate().map(|(i, v)| {
        let value = props.vars.get(i).copied().unwrap_or(v.initial);
        let change = props.before.as_ref().and_then(|b| b.get(i)).map(|b| value - b);
        let trend = match change {
            Some(d) if d > 0 => "rose",
            Some(d) if d < 0 => "fell",
            Some(_) => "held steady",
            None => "starting point",
        };
        let id = format!("meter-{}", v.id);
        html! {
            <li key={v.id.0.clone()}>
                <label for={id.clone()}>{ &v.label }</label>
                <meter id={id} min={v.min.to_string()} max={v.max.to_string()} value={value.to_string()}>
                    { format!("{value} of {}", v.max) }
                </meter>
                <span class="trend">{ trend }</span>
            </li>
        }
    });
    html! {
        <aside class="meters" aria-label="The relationship">
            <h2 class="visually-hidden">{ "The relationship" }</h2>
            <ul>{ for rows }</ul>
        </aside>
    }
}
