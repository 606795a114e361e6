//! The facilitator pack: one printable page per scenario with the map of decisions, the
//! discussion prompts and notes, the patterns covered and timings, to prepare a session.

use std::collections::BTreeMap;
use std::rc::Rc;

use yew::prelude::*;

use super::pack_guide;
use super::prebrief::LoadStatus;
use crate::engine::words;
use crate::ui::components::pattern_link::PatternLink;
use crate::ui::components::scenario_map::ScenarioMap;
use crate::ui::platform;
use crate::ui::presenter::LETTERS;
use crate::ui::state::AppContext;

#[derive(Properties, PartialEq)]
pub struct PackProps {
    pub id: AttrValue,
}

#[function_component]
pub fn Pack(props: &PackProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let scenario = match state.scenario(&props.id) {
        Some(s) => s,
        None => {
            return html! {
                <>
                    <h1 id="page-heading" tabindex="-1">{ "Facilitator pack" }</h1>
                    <LoadStatus id={props.id.clone()} />
                </>
            }
        }
    };
    let m = &scenario.meta;
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for c in scenario.choices() {
        for p in &c.patterns {
            *counts.entry(p.0.clone()).or_default() += 1;
        }
    }
    let print = Callback::from(|_| platform::print());
    // Conditions name patterns by their catalogue names, never their ids.
    let catalog = &state.boot.catalog;
    let name = |id: &str| {
        catalog
            .get(id)
            .map_or_else(|| id.to_owned(), |p| p.name.clone())
    };
    html! {
        <article class="pack">
            <h1 id="page-heading" tabindex="-1">{ format!("Facilitator pack: {}", m.title) }</h1>
            <p class="lede">{ &m.summary }</p>
            <div class="actions no-print">
                <button type="button" class="button primary" onclick={print}>{ "Print the pack" }</button>
                <a class="button" href={format!("#/present/{}", props.id)}>{ "Present to a room" }</a>
            </div>
            <dl class="facts">
                <div><dt>{ "Client" }</dt><dd>{ format!("{} ({}) — {}", m.client.name, m.client.pronouns, m.client.context) }</dd></div>
                <div><dt>{ "Setting" }</dt><dd>{ &m.setting }</dd></div>
                <div><dt>{ "Timing" }</dt><dd>{ format!("About {} minutes alone; allow {}–{} minutes with a room, with discussion at each of up to {} decisions.", m.minutes, m.minutes * 3, m.minutes * 4, scenario.nodes.len()) }</dd></div>
                <div><dt>{ "Content notes" }</dt><dd>{ m.content_notes.join("; ") }</dd></div>
            </dl>
            if !scenario.learning_outcomes.is_empty() {
                <h2>{ "Learning outcomes" }</h2>
                <ul class="outcomes">{ for scenario.learning_outcomes.iter().map(|o| html! { <li key={o.clone()}>{ o }</li> }) }</ul>
            }
            { pack_guide::plans(&scenario) }
            { pack_guide::ground_rules() }
            { pack_guide::distress() }
            { pack_guide::keys() }
            <h2>{ "Patterns covered" }</h2>
            <ul>
                { for counts.iter().map(|(p, n)| html! {
                    <li key={p.clone()}><PatternLink id={AttrValue::from(p.clone())} />
                        { format!(" — in {n} option{}{}", if *n == 1 { "" } else { "s" }, if m.focus.iter().any(|f| f.0 == *p) { " (a focus of this scenario)" } else { "" }) }</li>
                }) }
            </ul>
            <h2>{ "The map of decisions" }</h2>
            <ScenarioMap scenario={Rc::clone(&scenario)} />
            <p>{ "Decisions are numbered as the file lists them, and options are lettered A–D as presenter mode shows them unless you shuffle." }</p>
            <div class="pack-nodes">
                { for scenario.nodes.iter().enumerate().map(|(i, n)| html! {
                    <section key={n.id.0.clone()} class="pack-node">
                        <h3>{ format!("Decision {}", i + 1) }</h3>
                        <p class="client-line">{ &n.client }</p>
                        if let Some(q) = &n.prompt { <p><strong>{ "Discussion prompt: " }</strong>{ q }</p> }
                        if let Some(f) = &n.facilitator_notes { <p><strong>{ "Notes: " }</strong>{ f }</p> }
                        <ul class="pack-options">
                            { for n.choices.iter().enumerate().map(|(k, c)| {
                                let leads = words::routes(&scenario, c, &name);
                                html! {
                                    <li key={k}>
                                        <span class="letter">{ LETTERS.get(k).copied().unwrap_or("") }</span>{ " " }
                                        <span class={classes!("badge", c.class.key())}>{ c.class.label() }</span>{ " " }{ &c.text }
                                        <span class="leads">{ format!(" → {}", leads.join("; ")) }</span>
                                    </li>
                                }
                            }) }
                        </ul>
                    </section>
                }) }
            </div>
            <h2>{ "Endings" }</h2>
            <ul>
                { for scenario.endings.iter().map(|e| html! {
                    <li key={e.id.0.clone()}><strong>{ format!("{} ({})", e.title, e.kind.label()) }</strong>
                        <ul>{ for e.questions.iter().map(|q| html! { <li key={q.clone()}>{ q }</li> }) }</ul>
                        // Facilitators see every paragraph with the condition that shows it,
                        // as written in the file; which one a given play sees is the engine's.
                        if !e.paragraphs.is_empty() {
                            <ul class="paragraphs">
                                { for e.paragraphs.iter().enumerate().map(|(i, p)| html! {
                                    <li key={i}>
                                        if let Some(w) = &p.when { <em>{ format!("Only if {}: ", words::condition(&scenario, w, &name)) }</em> }
                                        { &p.text }
                                        if !p.questions.is_empty() {
                                            <ul>{ for p.questions.iter().map(|q| html! { <li key={q.clone()}>{ q }</li> }) }</ul>
                                        }
                                    </li>
                                }) }
                            </ul>
                        }
                    </li>
                }) }
            </ul>
            if !scenario.reflection_questions.is_empty() {
                <h2>{ "Reflection questions" }</h2>
                <ul>{ for scenario.reflection_questions.iter().map(|q| html! { <li key={q.clone()}>{ q }</li> }) }</ul>
            }
            <h2>{ "References" }</h2>
            <ul class="refs">{ for m.references.iter().map(|r| html! { <li key={r.clone()}>{ r }</li> }) }</ul>
        </article>
    }
}
