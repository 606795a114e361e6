//! A harm pattern's name, linked to its glossary entry.

use yew::prelude::*;

use crate::ui::state::AppContext;

#[derive(Properties, PartialEq)]
pub struct PatternLinkProps {
    pub id: AttrValue,
}

#[function_component]
pub fn PatternLink(props: &PatternLinkProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let name = state
        .boot
        .catalog
        .get(&props.id)
        .map(|p| p.name.clone())
        .unwrap_or_else(|| props.id.to_string());
    html! { <a class="pattern" href={format!("#/glossary/{}", props.id)}>{ name }</a> }
}
