//! "My patterns": which harm patterns the trainee's choices risked across all plays, and
//! how that changed from play to play. Framed as learning, never as a grade.

use yew::prelude::*;

use crate::ui::state::AppContext;

#[function_component]
pub fn MyPatterns() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let catalog = &state.boot.catalog;
    let plays: Vec<_> = state
        .progress
        .plays
        .iter()
        .filter(|p| !p.state.picks.is_empty())
        .collect();
    let totals = state.progress.pattern_totals();
    let max = totals.values().copied().max().unwrap_or(1).max(1);
    const ROW: i32 = 30;
    const LABEL: i32 = 230;
    const BAR: i32 = 300;
    let rows = catalog.patterns.iter().enumerate().map(|(i, p)| {
        let n = totals.get(p.id.as_str()).copied().unwrap_or(0);
        let y = i as i32 * ROW;
        let w = (n as i32 * BAR) / max as i32;
        html! {
            <g key={p.id.0.clone()}>
                <text x="0" y={(y + 19).to_string()} class="label">{ &p.name }</text>
                <rect x={LABEL.to_string()} y={(y + 6).to_string()} width={w.max(1).to_string()} height="18" class="bar" />
                <text x={(LABEL + w + 6).to_string()} y={(y + 19).to_string()}>{ n }</text>
            </g>
        }
    });
    // Per play, oldest first: how many responses risked harm out of how many made.
    let trend = plays.iter().enumerate().map(|(i, p)| {
        let risky = p.patterns.len();
        html! {
            <tr key={p.id.clone()}>
                <th scope="row">{ format!("Play {}", i + 1) }</th>
                <td>{ &p.scenario_title }</td>
                <td>{ p.state.picks.len() }</td>
                <td>{ risky }</td>
            </tr>
        }
    });
    html! {
        <article class="my-patterns">
            <h1 id="page-heading" tabindex="-1">{ "My patterns" }</h1>
            <p class="lede">{ "Which patterns your responses have risked so far. Every practitioner leans towards some of these under pressure; noticing which ones is the point, not avoiding a number." }</p>
            if plays.is_empty() {
                <p>{ "Nothing here yet. Play a scenario and this page will show what you met along the way." }</p>
            } else {
                <figure>
                    <svg viewBox={format!("0 0 {} {}", LABEL + BAR + 40, ROW * catalog.patterns.len() as i32)} role="img"
                        aria-label="Bar chart: how often each pattern was risked across your plays. The same figures are listed below.">
                        { for rows }
                    </svg>
                </figure>
                <h2>{ "Each pattern" }</h2>
                <ul class="pattern-list">
                    { for catalog.patterns.iter().map(|p| {
                        let n = totals.get(p.id.as_str()).copied().unwrap_or(0);
                        let focusing: Vec<_> = state.boot.entries.iter().filter(|e| e.meta.focus.contains(&p.id)).collect();
                        html! {
                            <li key={p.id.0.clone()}>
                                <a href={format!("#/glossary/{}", p.id)}>{ &p.name }</a>
                                { format!(": risked {n} time{}", if n == 1 { "" } else { "s" }) }
                                if !focusing.is_empty() {
                                    { ". Practise it in " }
                                    { for focusing.iter().enumerate().map(|(i, e)| html! {
                                        <>
                                            if i > 0 { { ", " } }
                                            <a href={format!("#/scenario/{}", e.meta.id)}>{ &e.meta.title }</a>
                                        </>
                                    }) }
                                }
                            </li>
                        }
                    }) }
                </ul>
                <h2>{ "Over time" }</h2>
                <figure>
                    <svg viewBox={format!("0 0 {} 130", 40 + 36 * plays.len().max(1))} role="img" class="over-time"
                        aria-label="Column chart: for each play, oldest first, the responses made (outline) and how many risked a pattern (filled). The table below gives the same figures.">
                        { for plays.iter().enumerate().map(|(i, p)| {
                            let made = p.state.picks.len() as i32;
                            let risked = p.patterns.len().min(p.state.picks.len() * 3) as i32;
                            let most = plays.iter().map(|p| p.state.picks.len().max(p.patterns.len())).max().unwrap_or(1).max(1) as i32;
                            let x = 30 + 36 * i as i32;
                            let h = |n: i32| n * 100 / most;
                            html! {
                                <g key={p.id.clone()}>
                                    <rect x={x.to_string()} y={(110 - h(made)).to_string()} width="24" height={h(made).to_string()} class="made" />
                                    <rect x={(x + 4).to_string()} y={(110 - h(risked)).to_string()} width="16" height={h(risked).to_string()} class="risked" />
                                    <text x={(x + 6).to_string()} y="125">{ i + 1 }</text>
                                </g>
                            }
                        }) }
                        <line x1="25" y1="110" x2={(40 + 36 * plays.len()).to_string()} y2="110" class="axis" />
                    </svg>
                    <figcaption>{ "Outline: responses made in each play. Filled: pattern risks among them. Fewer filled over time is one sign of learning, but so is noticing more." }</figcaption>
                </figure>
                <table class="trend">
                    <caption>{ "Responses made, and responses that risked a pattern, play by play" }</caption>
                    <thead><tr><th scope="col">{ "Play" }</th><th scope="col">{ "Scenario" }</th>
                        <th scope="col">{ "Responses" }</th><th scope="col">{ "Patterns risked" }</th></tr></thead>
                    <tbody>{ for trend }</tbody>
                </table>
            }
        </article>
    }
}
