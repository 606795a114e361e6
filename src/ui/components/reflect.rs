//! A private reflection box: after feedback and at the debrief. What is written stays on
//! this device, in the journal, and goes into the CPD log only if the trainee ticks it.
//! Unsaved words are autosaved as a draft (`ui::drafts`) while typing, come back after a
//! reload, and are cleared once the reflection is saved.

use yew::prelude::*;

use crate::progress::JournalEntry;
use crate::ui::state::{Action, AppContext};
use crate::ui::{drafts, platform};

#[derive(Properties, PartialEq)]
pub struct ReflectProps {
    /// Stable per place, so saving again updates the same entry.
    pub entry_id: AttrValue,
    pub scenario: AttrValue,
    pub scenario_title: AttrValue,
    pub context: AttrValue,
    #[prop_or_default]
    pub prompts: Vec<AttrValue>,
    #[prop_or_default]
    pub open: bool,
}

#[function_component]
pub fn Reflect(props: &ReflectProps) -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let existing = state
        .progress
        .journal
        .iter()
        .find(|j| j.id == props.entry_id.as_str())
        .cloned();
    let text_ref = use_node_ref();
    let cpd_ref = use_node_ref();
    let saved = use_state(|| false);
    // The words as typed, kept in the component: a textarea bound to the saved entry alone
    // would be reset to it on every re-render (stepping out, a save in another tab), and an
    // unsaved draft would be lost. A draft kept from before a reload wins over the saved
    // text, since it was typed after it.
    let draft = {
        let entry = props.entry_id.clone();
        let saved_text = existing.as_ref().map(|e| e.text.clone());
        use_state(move || drafts::read(&entry).or(saved_text).unwrap_or_default())
    };
    let oninput = {
        let draft = draft.clone();
        let entry = props.entry_id.clone();
        let saved_text = existing
            .as_ref()
            .map(|e| e.text.clone())
            .unwrap_or_default();
        Callback::from(move |e: InputEvent| {
            if let Some(t) = e.target_dyn_into::<web_sys::HtmlTextAreaElement>() {
                let text = t.value();
                // Nothing to keep when the box holds just what is saved, or nothing.
                let unsaved = !text.trim().is_empty() && text != saved_text;
                drafts::write(&entry, unsaved.then_some(text.as_str()));
                draft.set(text);
            }
        })
    };
    let onsubmit = {
        let state = state.clone();
        let text_ref = text_ref.clone();
        let cpd_ref = cpd_ref.clone();
        let saved = saved.clone();
        let props_id = props.entry_id.clone();
        let scenario = props.scenario.clone();
        let title = props.scenario_title.clone();
        let context = props.context.clone();
        let prompt = props.prompts.first().cloned();
        let created = existing.as_ref().map(|e| e.created);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let Some(text) = text_ref
                .cast::<web_sys::HtmlTextAreaElement>()
                .map(|t| t.value())
            else {
                return;
            };
            if text.trim().is_empty() {
                return;
            }
            let in_cpd = cpd_ref
                .cast::<web_sys::HtmlInputElement>()
                .is_some_and(|c| c.checked());
            drafts::write(&props_id, None);
            state.dispatch(Action::Reflect(JournalEntry {
                id: props_id.to_string(),
                created: created.unwrap_or_else(platform::now),
                scenario: scenario.to_string(),
                scenario_title: title.to_string(),
                context: context.to_string(),
                prompt: prompt.as_ref().map(|p| p.to_string()),
                text,
                in_cpd,
                updated: platform::now(),
            }));
            saved.set(true);
        })
    };
    let field = format!("reflect-{}", props.entry_id);
    html! {
        <details class="reflect" open={props.open || existing.is_some() || !draft.is_empty()}>
            <summary>{ "Write a private reflection" }</summary>
            <form onsubmit={onsubmit}>
                if !props.prompts.is_empty() {
                    <ul class="prompts">
                        { for props.prompts.iter().map(|p| html! { <li key={p.to_string()}>{ p }</li> }) }
                    </ul>
                }
                <label for={field.clone()}>{ "Your reflection (kept only on this device)" }</label>
                <textarea id={field} ref={text_ref} rows="4" value={(*draft).clone()} {oninput} />
                <label class="check">
                    <input type="checkbox" ref={cpd_ref} checked={existing.as_ref().is_some_and(|e| e.in_cpd)} />
                    { " Include in my CPD log" }
                </label>
                <div class="actions">
                    <button type="submit" class="button">{ "Save reflection" }</button>
                    <span role="status">{ if *saved { "Saved to your journal." } else { "" } }</span>
                </div>
            </form>
        </details>
    }
}
