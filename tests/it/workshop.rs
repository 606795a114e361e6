//! Presenter mode's state machine with "the room says it first": nothing about the options
//! can be chosen, counted or revealed before the facilitator shows them, and moving back
//! to a decision the room has already seen does not hide them again.

use attune::ui::presenter::{Command, Presenter};

fn room(say_first: bool) -> Presenter {
    let (_, scenario) = super::shipped().into_iter().next().unwrap();
    let (session, _) = attune::engine::Session::start(scenario, 7);
    Presenter::new(session, say_first, false)
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

/// Runs `cmds` in order.
fn run(p: &mut Presenter, cmds: &[Command]) {
    for &c in cmds {
        p.apply(c);
    }
}

fn key(k: &str) -> Command {
    Command::from_key(k).unwrap_or_else(|| panic!("{k} has no meaning in presenter mode"))
}

#[test]
fn a_clickers_keys_advance_go_back_and_blank() {
    assert_eq!(key("PageDown"), Command::Advance);
    assert_eq!(key("ArrowRight"), Command::Advance);
    assert_eq!(key("PageUp"), Command::Back);
    assert_eq!(key("ArrowLeft"), Command::Back);
    assert_eq!(key("b"), Command::Back);
    assert_eq!(key("."), Command::Blank);
    assert_eq!(key("m"), Command::Notes);
    assert_eq!(key("p"), Command::Prompt);
}

#[test]
fn advancing_with_nothing_chosen_says_so_and_moves_nothing() {
    use attune::ui::presenter::Notice;
    let mut p = room(false);
    p.apply(key("PageDown"));
    assert_eq!((p.revealed, p.notice), (false, Some(Notice::PickFirst)));
    p.apply(Command::Reveal);
    assert_eq!((p.revealed, p.notice), (false, Some(Notice::PickFirst)));
    run(&mut p, &[Command::Select(0), key("PageDown")]);
    assert!(p.revealed && p.notice.is_none(), "advance reveals");
    p.apply(key("PageDown"));
    assert!(!p.revealed && p.history.len() == 1, "then moves on");
    let mut q = room(false);
    q.apply(key("PageUp"));
    assert_eq!(q.notice, Some(Notice::AtStart), "back at the start says so");
}

#[test]
fn the_room_says_it_first_advance_shows_the_options_first() {
    let mut p = room(true);
    p.apply(key("PageDown"));
    assert!(!p.options_hidden() && !p.revealed);
}

#[test]
fn back_and_forward_keep_every_decisions_hands() {
    let mut p = room(false);
    run(
        &mut p,
        &[Command::Select(1), Command::Tally(1), Command::Tally(1)],
    );
    run(&mut p, &[Command::Select(0), Command::Tally(1)]);
    run(&mut p, &[key("PageDown"), key("PageDown")]);
    assert!(p.session.current_node().is_some(), "a second decision");
    run(&mut p, &[Command::Select(2), Command::Tally(1)]);
    let second = p.tallies.clone();
    assert_eq!(second.iter().sum::<u32>(), 1);
    // Back twice: to the first feedback, then to the first decision.
    p.apply(key("PageUp"));
    assert!(p.revealed);
    p.apply(key("b"));
    assert!(!p.revealed && p.history.is_empty());
    assert_eq!(&p.tallies[..2], &[1, 2], "the first decision's hands");
    assert_eq!(p.selected, Some(0));
    // Forward again through the same choice: the second decision's hands are back.
    run(&mut p, &[key("PageDown"), key("PageDown")]);
    assert_eq!(p.tallies, second);
    assert_eq!(p.selected, Some(2));
    // From the second decision back to the feedback and forward again keeps them too.
    run(&mut p, &[key("ArrowLeft"), key("ArrowRight")]);
    assert_eq!(p.tallies, second);
}

#[test]
fn choosing_differently_after_going_back_starts_later_counts_afresh() {
    let mut p = room(false);
    run(
        &mut p,
        &[Command::Select(0), Command::Reveal, Command::Next],
    );
    run(&mut p, &[Command::Select(0), Command::Tally(1)]);
    run(&mut p, &[Command::Back, Command::Back]);
    // Another option at the first decision: even if it leads to the same place, the old
    // count belonged to another path.
    run(
        &mut p,
        &[Command::Select(1), Command::Reveal, Command::Next],
    );
    assert_eq!(p.selected, None);
    assert!(p.tallies.iter().all(|&t| t == 0));
}

#[test]
fn a_blank_screen_holds_everything_until_it_returns() {
    let mut p = room(false);
    run(&mut p, &[Command::Select(0), Command::Tally(1)]);
    let before = p.clone();
    p.apply(key("."));
    assert!(p.blank);
    run(
        &mut p,
        &[Command::Select(1), Command::Tally(1), Command::Reveal],
    );
    assert!(p.blank, "nothing moves behind the blank");
    p.apply(key("."));
    assert_eq!(p, before, "returning shows the same slide");
    run(&mut p, &[key("."), key("PageDown")]);
    assert_eq!(
        p, before,
        "a clicker's forward also returns, without moving on"
    );
}

#[test]
fn facilitator_notes_ask_before_they_show_and_the_prompt_is_apart() {
    use attune::ui::presenter::Notes;
    let mut p = room(false);
    p.apply(key("p"));
    assert!(p.show_prompt && p.notes == Notes::Hidden);
    p.apply(key("m"));
    assert_eq!(p.notes, Notes::Asking);
    p.apply(Command::NotesHide);
    assert_eq!(p.notes, Notes::Hidden);
    run(&mut p, &[key("m"), key("m")]);
    assert_eq!(p.notes, Notes::Shown);
    run(&mut p, &[Command::Select(0), Command::Reveal]);
    assert_eq!(p.notes, Notes::Hidden, "notes never follow the room on");
}

#[test]
fn options_keep_file_order_unless_shuffled() {
    let p = room(false);
    let n = p.offered().len();
    assert_eq!(p.offered(), (0..n).collect::<Vec<_>>());
    let (_, scenario) = super::shipped().into_iter().next().unwrap();
    let shuffled = (0..20).any(|seed| {
        let (session, _) = attune::engine::Session::start(std::rc::Rc::clone(&scenario), seed);
        Presenter::new(session, false, true).offered() != (0..n).collect::<Vec<_>>()
    });
    assert!(shuffled, "shuffling is a real setting");
}

mod saved_room {
    use super::{key, room, run};
    use attune::ui::presenter::Command;
    use attune::ui::room_save::{restore, to_json, Stored};

    fn scenario() -> (String, std::rc::Rc<attune::engine::Scenario>) {
        let (_, s) = super::super::shipped().into_iter().next().unwrap();
        (s.meta.id.0.clone(), s)
    }

    #[test]
    fn a_reload_resumes_the_path_the_hands_and_the_place() {
        let (id, s) = scenario();
        let mut p = room(false);
        run(&mut p, &[Command::Select(1), Command::Tally(2)]);
        run(&mut p, &[Command::Select(0), Command::Tally(3)]);
        run(&mut p, &[key("PageDown"), key("PageDown")]);
        run(&mut p, &[Command::Select(1), Command::Tally(4)]);
        // Part way through a decision, and after a reveal.
        for q in [p.clone(), {
            let mut r = p.clone();
            r.apply(key("PageDown"));
            r
        }] {
            match restore(Some(&to_json(&id, &q)), &id, s.clone()) {
                Stored::Room(back) => assert_eq!(*back, q),
                other => panic!("did not resume: {other:?}"),
            }
        }
        // Going back after the reload still finds the first decision's hands.
        let Stored::Room(mut back) = restore(Some(&to_json(&id, &p)), &id, s.clone()) else {
            panic!("did not resume");
        };
        run(&mut back, &[key("PageUp"), key("PageUp")]);
        assert_eq!(&back.tallies[..2], &[3, 2]);
    }

    #[test]
    fn bad_or_foreign_data_is_refused_in_words_and_never_panics() {
        let (id, s) = scenario();
        assert_eq!(restore(None, &id, s.clone()), Stored::Nothing);
        let good = to_json(&id, &room(false));
        assert_eq!(
            restore(Some(&good), "another-scenario", s.clone()),
            Stored::Nothing,
            "a room running another scenario is not this one's"
        );
        let mut p = room(false);
        run(&mut p, &[Command::Select(0), Command::Reveal]);
        let one_turn = to_json(&id, &p);
        let bad = [
            "{not json".to_owned(),
            "null".to_owned(),
            good.replace("\"version\":1", "\"version\":99"),
            one_turn.replace("\"turns\":[[", "\"turns\":[[7,"),
            one_turn.replace("\"turns\":[[", "\"turns\":[],\"x\":[["),
            one_turn.replace("\"choice\":0}]", "\"choice\":9}]"),
            one_turn.replace("\"node\":\"arrive\"", "\"node\":\"gone\""),
        ];
        for raw in &bad {
            match restore(Some(raw), &id, s.clone()) {
                Stored::Unreadable(why) => assert!(!why.is_empty()),
                other => panic!("accepted {raw}: {other:?}"),
            }
        }
    }
}

mod report {
    use super::{room, run};
    use attune::ui::presenter::Command;
    use attune::ui::room_report::{markdown, share};

    #[test]
    fn shares_round_and_never_divide_by_zero() {
        assert_eq!(share(0, 0), 0);
        assert_eq!(share(1, 3), 33);
        assert_eq!(share(2, 3), 67);
        assert_eq!(share(u32::MAX, u32::MAX), 100);
    }

    #[test]
    fn the_markdown_has_each_options_wording_and_hands_and_no_pattern_ids() {
        let mut p = room(false);
        for turn in 0..40 {
            if p.at_debrief() {
                break;
            }
            // Hands for B, then the room goes with the option after the turn number.
            let n = p.offered().len();
            run(
                &mut p,
                &[Command::Select(1), Command::Tally(1), Command::Tally(1)],
            );
            run(
                &mut p,
                &[Command::Select(turn % n), Command::Reveal, Command::Next],
            );
        }
        assert!(p.at_debrief());
        let md = markdown(&p, &|id| format!("Name of {}", id.len()));
        let first = &p.history[0];
        let node = &p.session.scenario().nodes[first.node];
        for &ix in &first.order {
            assert!(md.contains(&node.choices[ix].text.replace('|', "\\|")));
        }
        assert!(md.contains(" | 2 | "), "B's two hands:\n{md}");
        assert!(md.contains("the room's choice ("));
        assert_eq!(md.matches("## Decision ").count(), p.history.len());
        for (id, _) in p.session.patterns_met() {
            assert!(
                !md.contains(&format!("- {} (", id.0)),
                "a pattern id in {md}"
            );
        }
    }
}

mod words {
    use attune::engine::words::{condition, routes};

    fn name(id: &str) -> String {
        format!("the pattern named {}", id.len())
    }

    #[test]
    fn a_condition_reads_as_plain_words_with_its_figures() {
        let (_, s) = super::super::shipped()
            .into_iter()
            .find(|(_, s)| s.meta.id.0 == "overtime")
            .unwrap();
        let c = s
            .choices()
            .flat_map(|c| c.branches.iter())
            .find(|b| b.when.source == "trust >= 45 and safety >= 35")
            .unwrap();
        assert_eq!(
            condition(&s, &c.when, &name),
            "trust is not low (45 or more out of 100) and safety is not low (35 or more out of 100)"
        );
        let visited = s
            .endings
            .iter()
            .flat_map(|e| e.paragraphs.iter())
            .filter_map(|p| p.when.as_ref())
            .find(|w| w.source == "not visited names_it")
            .unwrap();
        let n = s.node_index("names_it").unwrap();
        assert_eq!(
            condition(&s, visited, &name),
            format!("the session did not pass through decision {}", n + 1)
        );
    }

    #[test]
    fn no_route_or_condition_in_the_library_shows_an_id_or_an_operator() {
        for (_, s) in super::super::shipped() {
            let mut said: Vec<String> = s.choices().flat_map(|c| routes(&s, c, &name)).collect();
            said.extend(
                s.endings
                    .iter()
                    .flat_map(|e| e.paragraphs.iter())
                    .filter_map(|p| p.when.as_ref())
                    .map(|w| condition(&s, w, &name)),
            );
            for text in said {
                assert!(!text.is_empty(), "{}: an empty route", s.meta.id.0);
                for raw in [">", "<", "=", "_", "visited ", "chose "] {
                    assert!(!text.contains(raw), "{}: {raw} in “{text}”", s.meta.id.0);
                }
                for n in &s.nodes {
                    assert!(
                        !text.split(' ').any(|w| w == n.id.0),
                        "{}: the id {} in “{text}”",
                        s.meta.id.0,
                        n.id.0
                    );
                }
            }
        }
    }
}
