//! The validated, immutable scenario model. Anything of these types has passed validation:
//! every id resolves, every variable exists, every node can reach an ending.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! id_type {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(pub String);
        impl $name {
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }
        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }
        impl From<&str> for $name {
            fn from(s: &str) -> Self {
                $name(s.to_owned())
            }
        }
    };
}

id_type!(
    /// A scenario's stable id, as in its file's `id` field.
    ScenarioId
);
id_type!(
    /// A decision node's id, unique within its scenario alongside ending ids.
    NodeId
);
id_type!(
    /// An ending's id.
    EndingId
);
id_type!(
    /// A harm pattern's id from the catalogue, such as `individualising`.
    PatternId
);
id_type!(
    /// A relational state variable's id, such as `trust`.
    VarId
);

/// How a response sits with the client, worded without blame in the UI.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum Classification {
    Attuned,
    Subtle,
    Harmful,
}

impl Classification {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "attuned" => Some(Self::Attuned),
            "subtle" => Some(Self::Subtle),
            "harmful" => Some(Self::Harmful),
            _ => None,
        }
    }
    pub fn key(self) -> &'static str {
        match self {
            Self::Attuned => "attuned",
            Self::Subtle => "subtle",
            Self::Harmful => "harmful",
        }
    }
    /// The words shown to a trainee: a description of risk, never a grade.
    pub fn label(self) -> &'static str {
        match self {
            Self::Attuned => "Attuned",
            Self::Subtle => "Risks subtle harm",
            Self::Harmful => "Risks harm",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EndingKind {
    Rupture,
    Repair,
    Growth,
    Open,
}

impl EndingKind {
    pub const ALL: [EndingKind; 4] = [
        EndingKind::Rupture,
        EndingKind::Repair,
        EndingKind::Growth,
        EndingKind::Open,
    ];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "rupture" => Some(Self::Rupture),
            "repair" => Some(Self::Repair),
            "growth" => Some(Self::Growth),
            "open" => Some(Self::Open),
            _ => None,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Self::Rupture => "Rupture",
            Self::Repair => "Repair",
            Self::Growth => "Growth",
            Self::Open => "Left open",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Client {
    pub name: String,
    pub pronouns: String,
    pub age: Option<String>,
    pub context: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    pub authors: Vec<String>,
    pub date: Option<String>,
    pub note: Option<String>,
}

/// What a library listing and a pre-brief need, without the nodes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Meta {
    pub id: ScenarioId,
    pub title: String,
    pub summary: String,
    pub setting: String,
    pub minutes: u32,
    pub version: String,
    pub client: Client,
    pub content_notes: Vec<String>,
    pub focus: Vec<PatternId>,
    pub references: Vec<String>,
    pub provenance: Provenance,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variable {
    pub id: VarId,
    pub label: String,
    pub initial: i32,
    pub min: i32,
    pub max: i32,
}

impl Variable {
    /// `value` changed by `delta`, held within min..=max. The one clamping rule, shared by
    /// sessions, the lints' state search and the map's path replay.
    pub fn apply(&self, value: i32, delta: i32) -> i32 {
        value.saturating_add(delta).clamp(self.min, self.max)
    }
}

/// Where a choice leads: a node or an ending, by index into the scenario.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Target {
    Node(usize),
    Ending(usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Op {
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
}

/// One comparison of a variable (by index) with a number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Comparison {
    pub var: usize,
    pub op: Op,
    pub value: i32,
}

impl Comparison {
    pub fn holds(&self, v: i32) -> bool {
        match self.op {
            Op::Lt => v < self.value,
            Op::Le => v <= self.value,
            Op::Gt => v > self.value,
            Op::Ge => v >= self.value,
            Op::Eq => v == self.value,
            Op::Ne => v != self.value,
        }
    }
}

/// One thing a condition can ask about a play.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Atom {
    /// `trust >= 60`: a variable compared with a whole number.
    Compare(Comparison),
    /// `visited NODE`: the play passed through this node (by index).
    Visited(usize),
    /// `chose CLASS`: at least one choice of this class was made.
    Chose(Classification),
    /// `met PATTERN`: a subtle or harmful choice made carried this pattern, so it is
    /// among the "patterns you met" the debrief lists.
    Met(PatternId),
    /// `repaired`: every harmful choice so far was followed later by a `repair` choice.
    Repaired,
}

/// An atom, or its negation (`not visited names_it`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Test {
    pub atom: Atom,
    #[serde(default, skip_serializing_if = "is_false")]
    pub negated: bool,
}

fn is_false(b: &bool) -> bool {
    !*b
}

/// What a condition can ask about a play: its variables and what it has done so far.
/// Sessions, the map's replay and the checker's search each answer from their own
/// record of the play, so all three judge a condition by the same rules.
pub trait Facts {
    fn var(&self, var: usize) -> i32;
    fn visited(&self, node: usize) -> bool;
    fn chose(&self, class: Classification) -> bool;
    fn met(&self, pattern: &PatternId) -> bool;
    fn repaired(&self) -> bool;
}

/// All tests must hold (`and`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Condition {
    pub source: String,
    pub all: Vec<Test>,
}

impl Condition {
    pub fn holds(&self, facts: &dyn Facts) -> bool {
        self.all.iter().all(|t| {
            let yes = match &t.atom {
                Atom::Compare(c) => c.holds(facts.var(c.var)),
                Atom::Visited(n) => facts.visited(*n),
                Atom::Chose(class) => facts.chose(*class),
                Atom::Met(p) => facts.met(p),
                Atom::Repaired => facts.repaired(),
            };
            yes != t.negated
        })
    }

    /// Whether any test asks about the play's history rather than only its variables.
    pub fn reads_history(&self) -> bool {
        self.all.iter().any(|t| !matches!(t.atom, Atom::Compare(_)))
    }
}

/// What a play has done so far, as far as conditions can ask: the nodes it passed
/// through, the classes chosen, the patterns met and whether harm is awaiting repair.
/// A session derives it by replaying its choices, so it is never saved.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct History {
    visited: Vec<bool>,
    chose: [bool; 3],
    met: Vec<PatternId>,
    unrepaired: bool,
}

impl History {
    /// A play that has just arrived at the start node.
    pub fn start(s: &Scenario) -> Self {
        let mut h = History {
            visited: vec![false; s.nodes.len()],
            ..History::default()
        };
        h.enter(s.start);
        h
    }

    /// Records arriving at a node.
    pub fn enter(&mut self, node: usize) {
        if let Some(v) = self.visited.get_mut(node) {
            *v = true;
        }
    }

    /// Records a choice made. A harmful choice leaves harm awaiting repair even when it is
    /// itself marked `repair`, since a repair follows the harm it mends.
    pub fn record(&mut self, c: &Choice) {
        self.chose[class_slot(c.class)] = true;
        if c.class != Classification::Attuned {
            for p in &c.patterns {
                if !self.met.contains(p) {
                    self.met.push(p.clone());
                }
            }
        }
        if c.class == Classification::Harmful {
            self.unrepaired = true;
        } else if c.repair {
            self.unrepaired = false;
        }
    }

    /// Whether a harmful choice has been made with no `repair` choice after it.
    pub fn unrepaired(&self) -> bool {
        self.unrepaired
    }
}

/// The position of a class in small per-class tables.
pub fn class_slot(c: Classification) -> usize {
    match c {
        Classification::Attuned => 0,
        Classification::Subtle => 1,
        Classification::Harmful => 2,
    }
}

/// A play's relational state and history together: what conditions are judged against.
pub struct PlayFacts<'a> {
    pub vars: &'a [i32],
    pub history: &'a History,
}

impl Facts for PlayFacts<'_> {
    fn var(&self, var: usize) -> i32 {
        self.vars.get(var).copied().unwrap_or(0)
    }
    fn visited(&self, node: usize) -> bool {
        self.history.visited.get(node).copied().unwrap_or(false)
    }
    fn chose(&self, class: Classification) -> bool {
        self.history.chose[class_slot(class)]
    }
    fn met(&self, pattern: &PatternId) -> bool {
        self.history.met.contains(pattern)
    }
    fn repaired(&self) -> bool {
        !self.history.unrepaired
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Branch {
    pub when: Condition,
    pub next: Target,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Choice {
    pub text: String,
    pub class: Classification,
    pub patterns: Vec<PatternId>,
    pub rationale: String,
    pub perspective: String,
    pub alternative: String,
    /// (variable index, change), in file order.
    pub effects: Vec<(usize, i32)>,
    /// This response repairs an earlier harm: the therapist notices, owns their part and
    /// hands the direction back. `repaired` and the unearned-growth check read it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub repair: bool,
    /// The first branch whose condition holds wins; otherwise `next`.
    pub branches: Vec<Branch>,
    pub next: Target,
}

impl Choice {
    /// Every place this choice can lead, default first.
    pub fn targets(&self) -> impl Iterator<Item = Target> + '_ {
        std::iter::once(self.next).chain(self.branches.iter().map(|b| b.next))
    }

    /// Which way this choice goes from the play as it stands once the choice is made
    /// (its effects applied and the choice recorded in the history): `Some(i)` for the
    /// first branch whose condition holds, `None` for `next`.
    pub fn branch_taken(&self, facts: &dyn Facts) -> Option<usize> {
        self.branches.iter().position(|b| b.when.holds(facts))
    }

    /// Where this choice leads from the play as it stands once the choice is made.
    pub fn route(&self, facts: &dyn Facts) -> Target {
        self.branch_taken(facts)
            .and_then(|i| self.branches.get(i))
            .map_or(self.next, |b| b.next)
    }

    /// Applies this choice's effects to `vars`, each clamped to its variable's bounds.
    pub fn apply_effects(&self, variables: &[Variable], vars: &mut [i32]) {
        for &(var, delta) in &self.effects {
            if let (Some(v), Some(value)) = (variables.get(var), vars.get_mut(var)) {
                *value = v.apply(*value, delta);
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Node {
    pub id: NodeId,
    pub client: String,
    pub cues: Option<String>,
    pub prompt: Option<String>,
    pub facilitator_notes: Option<String>,
    pub choices: Vec<Choice>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ending {
    pub id: EndingId,
    pub kind: EndingKind,
    pub title: String,
    pub text: String,
    pub questions: Vec<String>,
    /// What `text` takes for granted about every play that reaches this ending; the
    /// checker proves it over every play.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumes: Option<Condition>,
    /// Further paragraphs after `text`, in order, some shown only on some paths.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub paragraphs: Vec<Paragraph>,
}

impl Ending {
    /// The debrief this ending gives a play in the state `facts` describes: `text`,
    /// then each paragraph whose `when` holds, and their questions after the ending's own.
    pub fn shown(&self, facts: &dyn Facts) -> (Vec<&str>, Vec<&str>) {
        let mut paragraphs = vec![self.text.as_str()];
        let mut questions: Vec<&str> = self.questions.iter().map(String::as_str).collect();
        for p in &self.paragraphs {
            if p.when.as_ref().is_none_or(|w| w.holds(facts)) {
                paragraphs.push(&p.text);
                questions.extend(p.questions.iter().map(String::as_str));
            }
        }
        (paragraphs, questions)
    }
}

/// A paragraph of an ending's debrief, with its own questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Paragraph {
    pub text: String,
    /// Shown only when this holds at the end of the play.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when: Option<Condition>,
    /// What the paragraph takes for granted whenever it is shown; checked like an ending's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assumes: Option<Condition>,
    /// Reflection questions shown with the paragraph.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questions: Vec<String>,
}

/// A whole validated scenario. Immutable once built; sessions hold it in an `Rc`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Scenario {
    pub meta: Meta,
    pub variables: Vec<Variable>,
    pub start: usize,
    pub nodes: Vec<Node>,
    pub endings: Vec<Ending>,
    /// What a trainee should take away, for the pre-brief, the pack and the CPD log.
    /// Kept out of `Meta` so the library listing in the first page stays small.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub learning_outcomes: Vec<String>,
    /// The scenario's own debrief questions; where present they replace the catalogue's.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reflection_questions: Vec<String>,
}

impl Scenario {
    /// Where a choice can lead, in words, default first: `middle`, or
    /// `ending “Sam opens up” when trust >= 60`. For packs and outlines.
    pub fn route_labels(&self, c: &Choice) -> Vec<String> {
        let name = |t: Target| match t {
            Target::Node(i) => self.nodes[i].id.0.clone(),
            Target::Ending(i) => format!("ending “{}”", self.endings[i].title),
        };
        std::iter::once(name(c.next))
            .chain(
                c.branches
                    .iter()
                    .map(|b| format!("{} when {}", name(b.next), b.when.source)),
            )
            .collect()
    }

    pub fn node_index(&self, id: &str) -> Option<usize> {
        self.nodes.iter().position(|n| n.id.as_str() == id)
    }

    /// The id of the node or ending a target points at ("" for an index out of range).
    pub fn target_id(&self, t: Target) -> &str {
        match t {
            Target::Node(i) => self.nodes.get(i).map_or("", |n| n.id.as_str()),
            Target::Ending(i) => self.endings.get(i).map_or("", |e| e.id.as_str()),
        }
    }

    pub fn initial_vars(&self) -> Vec<i32> {
        self.variables.iter().map(|v| v.initial).collect()
    }

    pub fn choice_count(&self) -> usize {
        self.nodes.iter().map(|n| n.choices.len()).sum()
    }

    pub fn choices(&self) -> impl Iterator<Item = &Choice> {
        self.nodes.iter().flat_map(|n| n.choices.iter())
    }
}

/// One harm pattern from the catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pattern {
    pub id: PatternId,
    pub number: u32,
    pub name: String,
    pub summary: String,
    pub description: String,
    pub alternative: String,
    pub example_harmful: Option<String>,
    pub example_alternative: Option<String>,
    pub questions: Vec<String>,
    pub references: Vec<String>,
}

/// One principle of person-centred, anti-oppressive practice, for the glossary.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Principle {
    pub id: String,
    pub name: String,
    pub text: String,
}

/// The harm-pattern catalogue every scenario refers to.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Catalog {
    pub patterns: Vec<Pattern>,
    pub principles: Vec<Principle>,
}

impl Catalog {
    pub fn get(&self, id: &str) -> Option<&Pattern> {
        self.patterns.iter().find(|p| p.id.as_str() == id)
    }

    /// The catalogue without its long texts: each pattern's number, name, summary and
    /// questions, which is what the library, the feedback and the debrief show. The
    /// glossary needs the rest, and loads it when it is opened.
    pub fn names_and_prompts(&self) -> Catalog {
        Catalog {
            patterns: self
                .patterns
                .iter()
                .map(|p| Pattern {
                    description: String::new(),
                    alternative: String::new(),
                    example_harmful: None,
                    example_alternative: None,
                    references: Vec::new(),
                    ..p.clone()
                })
                .collect(),
            principles: Vec::new(),
        }
    }
}
