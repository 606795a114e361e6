//! What Attune stores, where, and how to erase it.

use yew::prelude::*;

use crate::progress::{BACKUP_KEY, STORAGE_KEY};

#[function_component]
pub fn Privacy() -> Html {
    html! {
        <article class="privacy">
            <h1 id="page-heading" tabindex="-1">{ "Privacy" }</h1>
            <p class="lede">{ "Attune sends nothing anywhere. There are no accounts, no analytics, no cookies and no fonts or scripts from other sites. Every file the app uses comes from the same place as this page." }</p>
            <h2>{ "What is stored" }</h2>
            <ul>
                <li>{ "Your plays: which scenario, when you started, the choices you made, and the ending you reached." }</li>
                <li>{ "Your reflections, and whether you chose to include each one in your CPD log." }</li>
                <li>{ "A reflection you have started but not saved yet, under a key of its own beginning " }<code>{ crate::ui::drafts::DRAFT_PREFIX }</code>{ ", until you save it." }</li>
                <li>{ "Your display settings (theme and text size)." }</li>
            </ul>
            <h2>{ "Where" }</h2>
            <p>{ "Only in this browser’s local storage on this device, under the key " }<code>{ STORAGE_KEY }</code>
                { ". If saved progress ever becomes unreadable, Attune keeps the old copy under " }<code>{ BACKUP_KEY }</code>
                { " instead of deleting it. Another browser, another device, or a private window will not see it." }</p>
            <h2>{ "How to erase it" }</h2>
            <ul>
                <li>{ "Use “Erase all progress” on the " }<a href="#/cpd">{ "CPD log page" }</a>{ ", which offers you an export first." }</li>
                <li>{ "Or clear this site’s data in your browser’s settings." }</li>
            </ul>
            <h2>{ "Moving to another device" }</h2>
            <p>{ "Export all progress as a file on the CPD log page, then import it in Attune on the other device. The file stays in your hands." }</p>
        </article>
    }
}
