//! The build-time pre-render: the first screen is real HTML with every scenario listed,
//! and text from files is escaped, never interpreted.

use std::rc::Rc;

use attune::ui::{App, AppProps, Boot};

fn render(boot: Boot) -> String {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
        .block_on(async move {
            yew::ServerRenderer::<App>::with_props(move || AppProps {
                boot: Rc::new(boot),
            })
            .render()
            .await
        })
}

#[test]
fn the_first_screen_lists_every_shipped_scenario() {
    let report = attune::fsload::check_dir(&super::root().join("scenarios")).unwrap();
    let boot = Boot {
        entries: report.entries(),
        catalog: report.catalog.unwrap(),
    };
    let html = render(boot.clone());
    assert!(html.contains("Scenario library"));
    for e in &boot.entries {
        let title = e
            .meta
            .title
            .replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;");
        assert!(html.contains(&title), "missing {title}");
        assert!(html.contains(&format!("#/scenario/{}", e.meta.id)));
    }
}

#[test]
fn markup_in_scenario_text_stays_inert() {
    let report = attune::fsload::check_dir(&super::root().join("scenarios")).unwrap();
    let mut boot = Boot {
        entries: report.entries(),
        catalog: report.catalog.unwrap(),
    };
    boot.entries[0].meta.summary = "<script>alert(1)</script><img src=x onerror=alert(2)>".into();
    let html = render(boot.clone());
    assert!(!html.contains("<script>alert"));
    assert!(!html.contains("<img src=x"));
    assert!(html.contains("&lt;script&gt;"));
    let json = boot.to_script_json();
    assert!(!json.contains("</script>") && !json.contains('<'));
}
