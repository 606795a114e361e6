//! The relational state over the turns of a play: an SVG line chart, with a table that
//! carries the same figures for screen readers and for anyone who prefers numbers.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::Scenario;

#[derive(Properties, PartialEq)]
pub struct TrajectoryProps {
    pub scenario: Rc<Scenario>,
    /// One row per variable: its value at the start and after each turn.
    pub rows: Rc<Vec<Vec<i32>>>,
}

const W: f64 = 320.0;
const H: f64 = 120.0;
const STROKES: [&str; 4] = ["#1d5e8c", "#8a3b12", "#2f6b2f", "#5b3f8c"];
const DASHES: [&str; 4] = ["", "6 4", "2 3", "10 3 2 3"];

#[function_component]
pub fn Trajectory(props: &TrajectoryProps) -> Html {
    let turns = props.rows.first().map_or(0, Vec::len);
    let x = |i: usize| {
        if turns <= 1 {
            0.0
        } else {
            i as f64 * W / (turns - 1) as f64
        }
    };
    let lines = props.rows.iter().enumerate().map(|(v, row)| {
        let var = &props.scenario.variables[v];
        let span = (var.max - var.min).max(1) as f64;
        let points: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, val)| format!("{:.1},{:.1}", x(i), H - (val - var.min) as f64 * H / span))
            .collect();
        html! {
            <polyline key={var.id.0.clone()} points={points.join(" ")} fill="none"
                stroke={STROKES[v % 4]} stroke-width="3" stroke-dasharray={DASHES[v % 4]} />
        }
    });
    let legend = props.scenario.variables.iter().enumerate().map(|(v, var)| html! {
        <li key={var.id.0.clone()}>
            <svg width="28" height="10" aria-hidden="true"><line x1="0" y1="5" x2="28" y2="5"
                stroke={STROKES[v % 4]} stroke-width="3" stroke-dasharray={DASHES[v % 4]} /></svg>
            { &var.label }
        </li>
    });
    html! {
        <figure class="trajectory">
            <svg viewBox={format!("-4 -4 {} {}", W + 8.0, H + 8.0)} role="img"
                aria-label="Line chart of the relationship over the session; the table below gives the same figures.">
                <rect x="0" y="0" width={W.to_string()} height={H.to_string()} fill="none" stroke="#767676" />
                { for lines }
            </svg>
            <ul class="legend inline">{ for legend }</ul>
            <table>
                <caption>{ "Values at the start and after each of your responses" }</caption>
                <thead><tr><th scope="col">{ "" }</th><th scope="col">{ "Start" }</th>
                    { for (1..turns).map(|t| html! { <th key={t} scope="col">{ format!("Turn {t}") }</th> }) }
                </tr></thead>
                <tbody>
                    { for props.rows.iter().enumerate().map(|(v, row)| html! {
                        <tr key={v}>
                            <th scope="row">{ &props.scenario.variables[v].label }</th>
                            { for row.iter().enumerate().map(|(i, val)| html! { <td key={i}>{ val }</td> }) }
                        </tr>
                    }) }
                </tbody>
            </table>
        </figure>
    }
}
