//! Presenter mode's state machine with "the room says it first": nothing about the options
//! can be chosen, counted or revealed before the facilitator shows them, and moving back
//! to a decision the room has already seen does not hide them again.

use attune::ui::presenter::{Command, Presenter};

fn room(say_first: bool) -> Presenter {
    let (_, scenario) = super::shipped().into_iter().next().unwrap();
    let (session, _) = attune::engine::Session::start(scenario, 7);
    Presenter::new(session, say_first)
}

#[test]
fn the_room_says_it_first_before_any_option_can_be_picked() {
    let mut p = room(true);
    assert!(p.options_hidden());
    for cmd in [Command::Select(0), Command::Tally(1), Command::Reveal] {
        p.apply(cmd);
    }
    assert_eq!(
        (p.selected, p.revealed, p.tallies.iter().sum::<u32>()),
        (None, false, 0)
    );
    p.apply(Command::ShowOptions);
    assert!(!p.options_hidden());
    p.apply(Command::Select(0));
    p.apply(Command::Tally(1));
    p.apply(Command::Reveal);
    assert!(p.revealed);
    p.apply(Command::Next);
    assert!(p.options_hidden(), "the next decision starts hidden again");
    p.apply(Command::Back);
    assert!(p.revealed && !p.options_hidden());
    p.apply(Command::Back);
    assert!(
        !p.revealed && !p.options_hidden(),
        "back to a decision already seen"
    );
    assert_eq!(p.tallies.iter().sum::<u32>(), 1, "its tally is kept");
}

#[test]
fn switching_it_off_shows_the_options_and_it_never_hides_them_unasked() {
    let mut p = room(true);
    p.apply(Command::SayFirst);
    assert!(!p.options_hidden());
    let mut q = room(false);
    assert!(!q.options_hidden());
    q.apply(Command::Select(1));
    assert_eq!(q.selected, Some(1));
}
