//! The scenario map as a picture. The engine draws the SVG; it is shown as an image, which
//! keeps its own styles inside it under the page's Content Security Policy, and the image
//! carries a text description for anyone who cannot see it.

use std::rc::Rc;

use yew::prelude::*;

use crate::engine::map::{self, PathStep};
use crate::engine::Scenario;

#[derive(Properties, PartialEq)]
pub struct ScenarioMapProps {
    pub scenario: Rc<Scenario>,
    /// A play's path, highlighted on the map.
    #[prop_or_default]
    pub path: Option<Rc<Vec<PathStep>>>,
}

#[function_component]
pub fn ScenarioMap(props: &ScenarioMapProps) -> Html {
    let s = &props.scenario;
    let src = use_memo(
        (Rc::clone(&props.scenario), props.path.clone()),
        |(s, path)| {
            let svg = map::svg(s, path.as_ref().map(|p| p.as_slice()));
            format!("data:image/svg+xml;charset=utf-8,{}", js_escape(&svg))
        },
    );
    let alt = format!(
        "Map of “{}”: {} decisions and {} endings{}. Each decision is a box; choices are arrows, solid for attuned, dashed for subtle harm, dotted for harm.",
        s.meta.title,
        s.nodes.len(),
        s.endings.len(),
        if props.path.is_some() { ", with your path drawn in bold" } else { "" }
    );
    // Fitted to the page by default, so the whole shape shows at once; full size for
    // reading the labels of a large map, scrolling inside its frame.
    let full = use_state(|| false);
    let toggle = {
        let full = full.clone();
        Callback::from(move |_| full.set(!*full))
    };
    html! {
        <figure class="scenario-map">
            <button type="button" class="button small" onclick={toggle} aria-pressed={full.to_string()}>
                { if *full { "Fit the map to the page" } else { "Show the map at full size" } }
            </button>
            <div class={classes!("map-scroll", (*full).then_some("full"))} tabindex="0" role="region"
                aria-label="Scenario map">
                <img src={(*src).clone()} alt={alt} />
            </div>
        </figure>
    }
}

/// Percent-encodes the few characters a `data:` URL cannot hold as they are.
fn js_escape(svg: &str) -> String {
    let mut out = String::with_capacity(svg.len() + svg.len() / 8);
    for c in svg.chars() {
        match c {
            '%' => out.push_str("%25"),
            '#' => out.push_str("%23"),
            '"' => out.push_str("%22"),
            '<' => out.push_str("%3C"),
            '>' => out.push_str("%3E"),
            '\n' => out.push_str("%0A"),
            _ => out.push(c),
        }
    }
    out
}
