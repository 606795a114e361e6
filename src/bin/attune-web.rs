//! The browser app's first load: the player (library, pre-brief, play, debrief, glossary).
//! It hydrates the pre-rendered first screen, and hands over to the full build
//! (`attune-full`) when someone opens a page it does not carry.

fn main() {
    attune::ui::platform::start_app();
}
