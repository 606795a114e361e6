//! The checker's search over every play: breadth first over (node, relational state,
//! history) from the start, with the session's rules (effects, then the choice recorded,
//! then the first branch that holds).
//!
//! History is kept only as far as some condition asks about it (a node's visit, a class
//! chosen, a pattern met, harm awaiting repair), as 0/1 flags beside the variables, so a
//! scenario whose conditions read only variables is searched exactly as before, and one
//! that asks about history gets no more states than its questions need. Each state
//! remembers the state and choice it was first reached from, so a check can report the
//! shortest play that shows a problem. Which checks use it: the unreachable-ending lint
//! (A018), the assumption check (A026) and the unearned-growth lint (A027).

use std::collections::{HashSet, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

use super::model::{class_slot, Choice, Classification, Condition, Facts, PatternId, Scenario};
use super::model::{Atom, EndingKind, Target};

/// How many states the search explores before giving up. Real scenarios reach a few
/// thousand; a generated or pathological file could have millions, and a check must not
/// freeze a browser tab, so past the cap the checks that need the search are skipped
/// rather than guessed.
pub const STATE_CAP: usize = 200_000;

/// The history flags the search keeps, each one 0 or 1 after the variables in a state.
#[derive(Debug, Default)]
struct Tracked {
    /// Nodes whose visit some condition asks about.
    nodes: Vec<usize>,
    /// The flag of each class some condition asks about, by `class_slot`.
    classes: [Option<usize>; 3],
    patterns: Vec<PatternId>,
    /// The flag for harm awaiting repair, when `repaired` is asked or a growth ending
    /// exists (the unearned-growth lint asks it there).
    unrepaired: Option<usize>,
    flags: usize,
}

impl Tracked {
    fn of(s: &Scenario) -> Self {
        let mut t = Tracked::default();
        let mut repaired = s.endings.iter().any(|e| e.kind == EndingKind::Growth);
        let mut conditions: Vec<&Condition> = s
            .choices()
            .flat_map(|c| c.branches.iter().map(|b| &b.when))
            .collect();
        for e in &s.endings {
            conditions.extend(&e.assumes);
            for p in &e.paragraphs {
                conditions.extend(&p.when);
                conditions.extend(&p.assumes);
            }
        }
        let mut classes = [false; 3];
        for test in conditions.iter().flat_map(|c| &c.all) {
            match &test.atom {
                Atom::Compare(_) => {}
                Atom::Visited(n) => {
                    if !t.nodes.contains(n) {
                        t.nodes.push(*n);
                    }
                }
                Atom::Chose(c) => classes[class_slot(*c)] = true,
                Atom::Met(p) => {
                    if !t.patterns.contains(p) {
                        t.patterns.push(p.clone());
                    }
                }
                Atom::Repaired => repaired = true,
            }
        }
        let mut next = t.nodes.len();
        for (slot, wanted) in classes.iter().enumerate() {
            if *wanted {
                t.classes[slot] = Some(next);
                next += 1;
            }
        }
        next += t.patterns.len();
        if repaired {
            t.unrepaired = Some(next);
            next += 1;
        }
        t.flags = next;
        t
    }

    fn pattern_flag(&self, p: &PatternId) -> Option<usize> {
        let first = self.nodes.len() + self.classes.iter().flatten().count();
        self.patterns.iter().position(|q| q == p).map(|i| first + i)
    }

    fn enter(&self, flags: &mut [i32], node: usize) {
        if let Some(k) = self.nodes.iter().position(|n| *n == node) {
            flags[k] = 1;
        }
    }

    /// The same rules as `History::record`, on flags.
    fn record(&self, flags: &mut [i32], c: &Choice) {
        if let Some(k) = self.classes[class_slot(c.class)] {
            flags[k] = 1;
        }
        if c.class != Classification::Attuned {
            for p in &c.patterns {
                if let Some(k) = self.pattern_flag(p) {
                    flags[k] = 1;
                }
            }
        }
        if let Some(k) = self.unrepaired {
            if c.class == Classification::Harmful {
                flags[k] = 1;
            } else if c.repair {
                flags[k] = 0;
            }
        }
    }
}

/// One state of the search as a condition sees it: its variables, then its flags.
pub struct Row<'a> {
    row: &'a [i32],
    width: usize,
    tracked: &'a Tracked,
}

impl Row<'_> {
    fn flag(&self, k: Option<usize>) -> bool {
        k.and_then(|k| self.row.get(self.width + k)) == Some(&1)
    }
}

impl Facts for Row<'_> {
    fn var(&self, var: usize) -> i32 {
        if var < self.width {
            self.row.get(var).copied().unwrap_or(0)
        } else {
            0
        }
    }
    fn visited(&self, node: usize) -> bool {
        self.flag(self.tracked.nodes.iter().position(|n| *n == node))
    }
    fn chose(&self, class: Classification) -> bool {
        self.flag(self.tracked.classes[class_slot(class)])
    }
    fn met(&self, pattern: &PatternId) -> bool {
        self.flag(self.tracked.pattern_flag(pattern))
    }
    fn repaired(&self) -> bool {
        !self.flag(self.tracked.unrepaired)
    }
}

/// A play arriving at an ending, as the search hands it to a check.
pub struct Arrival<'a> {
    pub ending: usize,
    /// The play as it stands at the ending.
    pub facts: &'a Row<'a>,
    /// The state the last choice was made from, and that choice; `Reached::path` turns
    /// them into the whole play.
    pub from: usize,
    pub choice: usize,
}

/// What the search found: which endings a play can reach, which branches (node, choice,
/// branch) ever decide the route, and how each state was first reached.
pub struct Reached {
    pub endings: Vec<bool>,
    pub branches: HashSet<(usize, usize, usize)>,
    pub states: usize,
    /// Per state: its node, and the state and choice it was first reached from.
    node_of: Vec<usize>,
    parent: Vec<Option<(usize, usize)>>,
}

impl Reached {
    /// The (node, choice) steps of the shortest play found to `from`, then `choice`.
    pub fn path(&self, from: usize, choice: usize) -> Vec<(usize, usize)> {
        let mut steps = vec![(self.node_of.get(from).copied().unwrap_or(0), choice)];
        let mut at = from;
        while let Some(Some((prev, c))) = self.parent.get(at) {
            steps.push((self.node_of.get(*prev).copied().unwrap_or(0), *c));
            at = *prev;
        }
        steps.reverse();
        steps
    }
}

/// A play written as the checks report it: `arrive[1] → feedback[0] → end_growth`, with
/// each choice's 0-based position in its node, and the ending last.
pub fn path_text(s: &Scenario, steps: &[(usize, usize)], ending: usize) -> String {
    steps
        .iter()
        .map(|&(n, c)| format!("{}[{c}]", s.nodes.get(n).map_or("?", |n| n.id.as_str())))
        .chain(std::iter::once(
            s.endings
                .get(ending)
                .map_or("?", |e| e.id.as_str())
                .to_owned(),
        ))
        .collect::<Vec<_>>()
        .join(" → ")
}

/// The search with no check at the endings. `None` when more than `cap` states would be
/// needed.
pub fn explore(s: &Scenario, cap: usize) -> Option<Reached> {
    explore_with(s, cap, &mut |_| {})
}

/// The search, calling `on_end` for every (state, choice) that reaches an ending, in
/// breadth-first order, so the first call for a given ending is a shortest play to it.
/// `None` when more than `cap` states would be needed.
pub fn explore_with(s: &Scenario, cap: usize, on_end: &mut dyn FnMut(&Arrival)) -> Option<Reached> {
    let tracked = Tracked::of(s);
    let width = s.variables.len();
    let row_width = width + tracked.flags;
    let mut fields: Vec<(i64, u32)> = s
        .variables
        .iter()
        .map(|v| {
            let span = (i64::from(v.max) - i64::from(v.min)).max(0) as u64;
            (i64::from(v.min), u64::BITS - span.leading_zeros())
        })
        .collect();
    fields.extend(std::iter::repeat_n((0, 1), tracked.flags));
    let mut endings = vec![false; s.endings.len()];
    let mut branches = HashSet::new();
    let mut seen = Seen::new(fields, s.nodes.len());
    // Every state's row, one after another, at `id * row_width`; the queue holds state
    // ids, so a search of many states does not allocate for each.
    let mut arena: Vec<i32> = s.initial_vars();
    arena.resize(row_width, 0);
    tracked.enter(&mut arena[width..], s.start);
    seen.insert(s.start, &arena);
    let mut node_of = vec![s.start];
    let mut parent = vec![None];
    let mut queue = VecDeque::from([0usize]);
    let mut after = vec![0; row_width];
    while let Some(id) = queue.pop_front() {
        let n = node_of[id];
        let Some(node) = s.nodes.get(n) else {
            continue;
        };
        let at = id * row_width;
        for (ci, choice) in node.choices.iter().enumerate() {
            after.copy_from_slice(&arena[at..at + row_width]);
            choice.apply_effects(&s.variables, &mut after[..width]);
            tracked.record(&mut after[width..], choice);
            let facts = Row {
                row: &after,
                width,
                tracked: &tracked,
            };
            if let Some(b) = choice.branch_taken(&facts) {
                branches.insert((n, ci, b));
            }
            match choice.route(&facts) {
                Target::Ending(e) => {
                    if let Some(hit) = endings.get_mut(e) {
                        *hit = true;
                    }
                    on_end(&Arrival {
                        ending: e,
                        facts: &facts,
                        from: id,
                        choice: ci,
                    });
                }
                Target::Node(next) => {
                    tracked.enter(&mut after[width..], next);
                    if seen.insert(next, &after) {
                        if node_of.len() >= cap {
                            return None;
                        }
                        queue.push_back(node_of.len());
                        node_of.push(next);
                        parent.push(Some((id, ci)));
                        arena.extend_from_slice(&after);
                    }
                }
            }
        }
    }
    Some(Reached {
        endings,
        branches,
        states: node_of.len(),
        node_of,
        parent,
    })
}

/// The states the search has met. Each is packed into one number when the rows' ranges
/// fit (every realistic scenario): hashing a number is far cheaper than hashing a
/// vector, and a search may meet up to `STATE_CAP` states. One 64-bit word when the node
/// index fits beside the row, which halves the set's memory and so its cache misses.
enum Seen {
    Small {
        /// (min, bits) per value in a row.
        fields: Vec<(i64, u32)>,
        node_bits: u32,
        set: HashSet<u64, BuildHasherDefault<Fx>>,
    },
    Packed {
        /// (min, bits) per value in a row.
        fields: Vec<(i64, u32)>,
        set: HashSet<u128, BuildHasherDefault<Fx>>,
    },
    Wide(HashSet<(usize, Vec<i32>), BuildHasherDefault<Fx>>),
}

impl Seen {
    fn new(fields: Vec<(i64, u32)>, nodes: usize) -> Self {
        let row_bits = fields.iter().map(|f| f.1).sum::<u32>();
        let node_bits = usize::BITS - nodes.leading_zeros();
        if row_bits + node_bits <= 64 {
            Seen::Small {
                fields,
                node_bits,
                set: HashSet::default(),
            }
        } else if row_bits <= 64 {
            // The node index takes the low 64 bits.
            Seen::Packed {
                fields,
                set: HashSet::default(),
            }
        } else {
            Seen::Wide(HashSet::default())
        }
    }

    /// Adds a state; true if it was new.
    fn insert(&mut self, node: usize, row: &[i32]) -> bool {
        match self {
            Seen::Small {
                fields,
                node_bits,
                set,
            } => {
                let mut key: u64 = 0;
                for (&(min, bits), &v) in fields.iter().zip(row) {
                    let offset = (i64::from(v) - min).max(0) as u64;
                    key = (key << bits) | offset;
                }
                // Node indices come from a validated scenario, so they fit their bits.
                debug_assert!((node as u64) >> *node_bits == 0);
                set.insert((key << *node_bits) | node as u64)
            }
            Seen::Packed { fields, set } => {
                let mut key: u128 = 0;
                for (&(min, bits), &v) in fields.iter().zip(row) {
                    let offset = (i64::from(v) - min).max(0) as u128;
                    key = (key << bits) | offset;
                }
                set.insert((key << 64) | node as u128)
            }
            Seen::Wide(set) => set.insert((node, row.to_vec())),
        }
    }
}

/// A small multiplicative hasher (the rustc "Fx" scheme) for the search's own keys;
/// the default SipHash guards against crafted keys, which these cannot be.
#[derive(Default)]
struct Fx(u64);

impl Fx {
    fn add(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x517c_c1b7_2722_0a95);
    }
}

impl Hasher for Fx {
    fn finish(&self) -> u64 {
        // A multiplication mixes only upwards, and the hash table picks buckets by the
        // low bits; rotating brings the well-mixed high bits down (as rustc-hash does).
        self.0.rotate_left(26)
    }

    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            self.add(u64::from_le_bytes(word));
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_u128(&mut self, n: u128) {
        self.add(n as u64);
        self.add((n >> 64) as u64);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_and_wide_state_sets_tell_states_apart() {
        let field = |min: i32, max: i32| {
            let span = (i64::from(max) - i64::from(min)) as u64;
            (i64::from(min), u64::BITS - span.leading_zeros())
        };
        for nodes in [5, usize::MAX] {
            let mut packed = Seen::new(vec![field(0, 100), field(-5, 5), (0, 1)], nodes);
            if nodes == 5 {
                assert!(matches!(packed, Seen::Small { .. }));
            } else {
                assert!(matches!(packed, Seen::Packed { .. }));
            }
            assert!(packed.insert(3, &[10, -5, 0]));
            assert!(!packed.insert(3, &[10, -5, 0]));
            assert!(packed.insert(3, &[10, -5, 1]));
            assert!(packed.insert(3, &[10, -4, 0]));
            assert!(packed.insert(3, &[11, -5, 0]));
            assert!(packed.insert(4, &[10, -5, 0]));
        }
        let full = field(i32::MIN, i32::MAX);
        let mut wide = Seen::new(vec![full, full, full], 2);
        assert!(matches!(wide, Seen::Wide(_)));
        assert!(wide.insert(0, &[i32::MIN, 0, i32::MAX]));
        assert!(!wide.insert(0, &[i32::MIN, 0, i32::MAX]));
        assert!(wide.insert(1, &[i32::MIN, 0, i32::MAX]));
    }
}
