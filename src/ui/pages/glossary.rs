//! The nine patterns of therapeutic harm and the principles behind the alternatives.

use yew::prelude::*;

use crate::ui::platform;
use crate::ui::route::Route;
use crate::ui::state::AppContext;

#[function_component]
pub fn Glossary() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    // Until the whole catalogue arrives, the names and summaries from the boot data show,
    // so the contents and the anchors are there at once.
    let (catalog, status) = match &state.full_catalog {
        Some(Ok(full)) => (&**full, None),
        Some(Err(why)) => (&state.boot.catalog, Some(why.clone())),
        None => (
            &state.boot.catalog,
            Some(AttrValue::from("Loading the descriptions…")),
        ),
    };
    let loaded = status.is_none();
    // The texts above an anchored pattern grow when they arrive: bring it back into view.
    {
        let anchor = match &state.route {
            Route::Glossary(Some(p)) => Some(p.clone()),
            _ => None,
        };
        use_effect_with(loaded, move |loaded| {
            if let (true, Some(p)) = (*loaded, anchor) {
                platform::scroll_to(&format!("pattern-{p}"));
            }
        });
    }
    html! {
        <article class="glossary">
            <h1 id="page-heading" tabindex="-1">{ "Glossary" }</h1>
            <p class="lede">{ "Nine patterns through which therapy can harm, each with the person-centred, anti-oppressive stance that offers another way." }</p>
            if let Some(status) = status {
                <p class="status" role="status">{ status }</p>
            }
            <nav aria-label="Patterns">
                <ol class="toc">
                    { for catalog.patterns.iter().map(|p| html! {
                        <li key={p.id.0.clone()}><a href={format!("#/glossary/{}", p.id)}>{ &p.name }</a></li>
                    }) }
                </ol>
            </nav>
            { for catalog.patterns.iter().map(|p| html! {
                <section key={p.id.0.clone()} id={format!("pattern-{}", p.id)} class="pattern-entry"
                    aria-labelledby={format!("pattern-{}-h", p.id)}>
                    <h2 id={format!("pattern-{}-h", p.id)}>{ format!("{}. {}", p.number, p.name) }</h2>
                    <p class="summary">{ &p.summary }</p>
                    if loaded {
                        <p>{ &p.description }</p>
                        <h3>{ "Another way" }</h3>
                        <p>{ &p.alternative }</p>
                        if let (Some(h), Some(a)) = (&p.example_harmful, &p.example_alternative) {
                            <dl class="examples">
                                <dt>{ "A response that risks it" }</dt><dd>{ h }</dd>
                                <dt>{ "A response that does not" }</dt><dd>{ a }</dd>
                            </dl>
                        }
                        <h3>{ "To reflect on" }</h3>
                        <ul>{ for p.questions.iter().map(|q| html! { <li key={q.clone()}>{ q }</li> }) }</ul>
                        <h3>{ "Read more" }</h3>
                        <ul class="refs">{ for p.references.iter().map(|r| html! { <li key={r.clone()}>{ r }</li> }) }</ul>
                    }
                </section>
            }) }
            if loaded {
            <section aria-labelledby="principles-h">
                <h2 id="principles-h">{ "The principles behind the alternatives" }</h2>
                { for catalog.principles.iter().map(|p| html! {
                    <section key={p.id.clone()} aria-labelledby={format!("principle-{}", p.id)}>
                        <h3 id={format!("principle-{}", p.id)}>{ &p.name }</h3>
                        <p>{ &p.text }</p>
                    </section>
                }) }
            </section>
            }
        </article>
    }
}
