//! The browser app's entry point: read the boot data the pre-renderer left in the page,
//! then hydrate the pre-rendered first screen (or render fresh if there is none).

use std::rc::Rc;

use attune::ui::boot::{Boot, BOOT_ID, ROOT_ID};
use attune::ui::{App, AppProps};

fn main() {
    attune::ui::platform::install_panic_message();
    let document = gloo::utils::document();
    let boot = document
        .get_element_by_id(BOOT_ID)
        .and_then(|el| el.text_content())
        .and_then(|json| serde_json::from_str::<Boot>(&json).ok());
    let Some(root) = document.get_element_by_id(ROOT_ID) else {
        return;
    };
    match boot {
        Some(boot) => {
            let props = AppProps {
                boot: Rc::new(boot),
            };
            yew::Renderer::<App>::with_root_and_props(root, props).hydrate();
        }
        None => {
            // Without boot data the page was not pre-rendered: say so plainly.
            root.set_inner_html(
                "<main id=\"main\"><h1>Attune could not start</h1><p>The scenario list is missing from this page. Rebuild it with the pre-render step (see the README).</p></main>",
            );
        }
    }
}
