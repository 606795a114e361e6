//! The nine patterns of therapeutic harm and the principles behind the alternatives.

use yew::prelude::*;

use crate::ui::state::AppContext;

#[function_component]
pub fn Glossary() -> Html {
    let state = use_context::<AppContext>().expect("AppContext is provided by App");
    let catalog = &state.boot.catalog;
    html! {
        <article class="glossary">
            <h1 id="page-heading" tabindex="-1">{ "Glossary" }</h1>
            <p class="lede">{ "Nine patterns through which therapy can harm, each with the person-centred, anti-oppressive stance that offers another way." }</p>
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
                </section>
            }) }
            <section aria-labelledby="principles-h">
                <h2 id="principles-h">{ "The principles behind the alternatives" }</h2>
                { for catalog.principles.iter().map(|p| html! {
                    <section key={p.id.clone()} aria-labelledby={format!("principle-{}", p.id)}>
                        <h3 id={format!("principle-{}", p.id)}>{ &p.name }</h3>
                        <p>{ &p.text }</p>
                    </section>
                }) }
            </section>
        </article>
    }
}
