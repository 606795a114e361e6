//! The whole browser app, loaded when the first-load build hands over (or first, in the
//! one-file edition, where it hydrates the pre-rendered page itself).

fn main() {
    attune::ui::platform::start_app();
}
