//! Two paths through one scenario side by side: the choices, the patterns met, and the
//! relational state of both on one chart. Both are replayed from saved records.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::{Scenario, Session};
use crate::progress::PlayRecord;
use crate::ui::components::pattern_link::PatternLink;
use crate::ui::state::AppContext;

#[derive(Properties, PartialEq)]
pub struct CompareProps {
    pub a: AttrValue,
    pub b: AttrValue,
}

fn label(r: &PlayRecord) -> String {
    match &r.branch_of {
        Some(b) => format!("What if (changed after turn {})", b.turns),
        None => "Original path".into(),
    }
}

fn column(scenario: &Scenario, session: &Session, record: &PlayRecord) -> Html {
    let met = session.patterns_met();
    html! {
        <section class="path-column" aria-label={label(record)}>
            <h2>{ label(record) }</h2>
            <ol class="path">
                { for session.steps().iter().enumerate().map(|(i, s)| {
                    let c = &scenario.nodes[s.node].choices[s.choice];
                    html! { <li key={i}><span class={classes!("badge", c.class.key())}>{ c.class.label() }</span>{ " " }{ &c.text }</li> }
                }) }
            </ol>
            <p><strong>{ "Ending: " }</strong>{ session.ending().map(|e| e.title.clone()).unwrap_or_else(|| "not reached yet".into()) }</p>
            <h3>{ "Patterns met" }</h3>
            if met.is_empty() { <p>{ "None" }</p> } else {
                <ul>{ for met.iter().map(|(p, _)| html! { <li key={p.0.clone()}><PatternLink id={AttrValue::from(p.0.clone())} /></li> }) }</ul>
            }
        </section>
    }
}

#[function_component]
pub fn Compare(props: &CompareProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let records = (state.progress.play(&props.a), state.progress.play(&props.b));
    let (Some(ra), Some(rb)) = records else {
        return html! {
            <>
                <h1 id="page-heading" tabindex="-1">{ "Compare two paths" }</h1>
                <p>{ "One of these plays is not in your saved progress on this device." }</p>
            </>
        };
    };
    let scenario = match state.scenario(&ra.scenario) {
        Some(s) => s,
        None => {
            return html! {
                <>
                    <h1 id="page-heading" tabindex="-1">{ "Compare two paths" }</h1>
                    <p role="status">{ "Opening the scenario…" }</p>
                </>
            }
        }
    };
    let (Ok(sa), Ok(sb)) = (
        Session::resume(Rc::clone(&scenario), &ra.state),
        Session::resume(Rc::clone(&scenario), &rb.state),
    ) else {
        return html! { <p>{ "These plays no longer fit the scenario, which has changed since." }</p> };
    };
    // One chart: a colour per variable, solid for the first path and dashed for the second.
    const W: i32 = 360;
    const H: i32 = 140;
    const COLOURS: [&str; 4] = ["#1d5e8c", "#8a3b12", "#2f6b2f", "#5b3f8c"];
    let turns = sa.steps().len().max(sb.steps().len()).max(1) as i32;
    let mut lines = Vec::new();
    for (path, (session, dash)) in [(&sa, ""), (&sb, "7 5")].into_iter().enumerate() {
        for (v, row) in session.trajectory().iter().enumerate() {
            let var = &scenario.variables[v];
            let span = (var.max - var.min).max(1);
            let pts: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(i, val)| {
                    format!(
                        "{},{}",
                        i as i32 * W / turns,
                        H - (val - var.min) * H / span
                    )
                })
                .collect();
            lines.push(html! {
                <polyline key={format!("{path}-{v}")} points={pts.join(" ")} fill="none"
                    stroke={COLOURS[v % 4]} stroke-width="3" stroke-dasharray={dash} />
            });
        }
    }
    html! {
        <article class="compare">
            <h1 id="page-heading" tabindex="-1">{ format!("Compare two paths: {}", scenario.meta.title) }</h1>
            <figure>
                <svg viewBox={format!("-4 -4 {} {}", W + 8, H + 8)} role="img"
                    aria-label="The relationship over both paths: solid lines for the first path, dashed for the second.">
                    <rect x="0" y="0" width={W.to_string()} height={H.to_string()} fill="none" stroke="#767676" />
                    { for lines }
                </svg>
                <figcaption>
                    { for scenario.variables.iter().enumerate().map(|(v, var)| html! {
                        <span key={var.id.0.clone()} class={format!("legend-item series-{}", v % 4)}>{ &var.label }{ " " }</span>
                    }) }
                    { "· solid: first path · dashed: second path" }
                </figcaption>
            </figure>
            <div class="columns">
                { column(&scenario, &sa, ra) }
                { column(&scenario, &sb, rb) }
            </div>
        </article>
    }
}
