//! Properties of plays over every shipped scenario: any sequence of choices reaches an
//! ending, relational values stay in bounds, and a saved play resumes exactly, with the
//! same shuffled order.

use std::rc::Rc;

use proptest::prelude::*;

use attune::engine::{Position, Session, SessionError, SessionState};

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_walks_always_reach_an_ending(seed in any::<u64>(), picks in proptest::collection::vec(any::<usize>(), 200)) {
        for (_, scenario) in super::shipped() {
            let (mut s, _) = Session::start(Rc::clone(&scenario), seed);
            let mut turns = 0;
            for pick in &picks {
                let Position::At(_) = s.position() else { break };
                let offered = s.offered();
                s.choose(offered[pick % offered.len()]).unwrap();
                turns += 1;
                for (v, var) in scenario.variables.iter().enumerate() {
                    prop_assert!((var.min..=var.max).contains(&s.vars()[v]));
                }
            }
            prop_assert!(s.ending().is_some(), "{} did not end within {turns} turns", scenario.meta.id);
        }
    }

    #[test]
    fn saved_plays_resume_exactly(seed in any::<u64>(), picks in proptest::collection::vec(any::<usize>(), 0..6)) {
        for (_, scenario) in super::shipped() {
            let (mut s, _) = Session::start(Rc::clone(&scenario), seed);
            for pick in &picks {
                if s.current_node().is_none() { break; }
                let offered = s.offered();
                s.choose(offered[pick % offered.len()]).unwrap();
            }
            let json = serde_json::to_string(s.state()).unwrap();
            let saved: SessionState = serde_json::from_str(&json).unwrap();
            let resumed = Session::resume(Rc::clone(&scenario), &saved).unwrap();
            prop_assert_eq!(resumed.offered(), s.offered());
            prop_assert_eq!(resumed.vars(), s.vars());
            prop_assert_eq!(resumed.position(), s.position());
            prop_assert_eq!(resumed.steps(), s.steps());
        }
    }
}

#[test]
fn shuffles_differ_across_seeds_but_keep_every_choice() {
    let (_, scenario) = super::shipped().remove(0);
    let orders: std::collections::BTreeSet<Vec<usize>> = (0..20u64)
        .map(|seed| Session::start(Rc::clone(&scenario), seed).0.offered())
        .collect();
    assert!(orders.len() > 1, "the seed should change the order");
    for o in &orders {
        let mut sorted = o.clone();
        sorted.sort();
        assert_eq!(sorted, (0..o.len()).collect::<Vec<_>>());
    }
}

#[test]
fn bad_saved_state_is_refused_not_panicked_on() {
    let (_, scenario) = super::shipped().remove(0);
    let (s, _) = Session::start(Rc::clone(&scenario), 1);
    let mut future = s.state().clone();
    future.version = 99;
    assert!(matches!(
        Session::resume(Rc::clone(&scenario), &future),
        Err(SessionError::Incompatible(_))
    ));
    let mut other = s.state().clone();
    other.scenario = "someone-else".into();
    assert!(Session::resume(Rc::clone(&scenario), &other).is_err());
    let mut bogus = s.state().clone();
    bogus.picks.push(attune::engine::Pick {
        node: "nowhere".into(),
        choice: 0,
    });
    assert!(Session::resume(Rc::clone(&scenario), &bogus).is_err());
    let mut out_of_range = s.state().clone();
    out_of_range.picks.push(attune::engine::Pick {
        node: scenario.nodes[scenario.start].id.0.clone(),
        choice: 99,
    });
    assert!(Session::resume(Rc::clone(&scenario), &out_of_range).is_err());
}

#[test]
fn what_if_rewinds_without_touching_the_original() {
    let (_, scenario) = super::shipped().remove(0);
    let (mut s, _) = Session::start(Rc::clone(&scenario), 5);
    while s.current_node().is_some() {
        let first = s.offered()[0];
        s.choose(first).unwrap();
    }
    let turns = s.steps().len();
    let branch = s.rewind(1);
    assert_eq!(branch.steps().len(), 1);
    assert_eq!(branch.steps()[0], s.steps()[0]);
    assert_eq!(s.steps().len(), turns);
    let preview = branch.preview(branch.offered()[0]).unwrap();
    assert_eq!(preview.steps().len(), 2);
    assert_eq!(branch.steps().len(), 1);
}
