//! Guessability: how often the attuned option can be picked from the therapist's wording
//! alone, without reading the client.
//!
//! A trainee who learns the library's register ("no hedges, own the mistake, offer a
//! choice") can pass every scenario without attending to the client, and the feedback then
//! rewards register instead of attunement. This module measures that the way the December
//! 2026 review did: a multinomial naive Bayes over the words and word pairs of each
//! choice's `text` (never the client's line), two classes (attuned and not), with Laplace
//! smoothing, trained on every other scenario and tested on this one.
//!
//! At a decision the model picks the option it finds most likely to be attuned. A tie
//! among `k` options counts as `1/k` of a hit for each attuned option among them, so
//! identical wording scores chance and cannot be gamed. A scenario's figure is the share
//! of its decisions where the pick is attuned; the library's is hits over decisions, all
//! scenarios pooled. Everything is counted in `BTreeMap`s and summed in key order, so the
//! same files always give the same figure, to the last bit.
//!
//! Tokens: the text is lower-cased and split on every character that is not a letter or a
//! digit, except that an apostrophe (straight or curly) between two letters or digits stays
//! inside its word, so "don't" and "I'd" are one token each. Features are every token and
//! every pair of adjacent tokens ("i think", "think i"), across punctuation too.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::model::{Classification, Scenario};

/// A scenario whose figure is above this gets a warning: the wording gives the answer away
/// at most decisions. Chance is about 1/3 with three or four options.
pub const SCENARIO_WARN_ABOVE: f64 = 0.60;

/// A library whose pooled figure is above this gets a warning.
pub const LIBRARY_WARN_ABOVE: f64 = 0.45;

/// Below this many training scenarios the model has seen too little wording for its figure
/// to mean much, so the figure is reported but never warned about.
pub const MIN_TRAINING_SCENARIOS: usize = 3;

/// A scenario with fewer decisions to test gets its figure but no warning: at two
/// decisions with two options each, chance alone scores 100% a quarter of the time. The
/// shipped library asks every scenario for at least five decisions.
pub const MIN_DECISIONS: usize = 5;

/// How many tells `tells` lists per class by default.
pub const TOP_TELLS: usize = 15;

/// A phrase must occur at least this often in a class to be listed as one of its tells;
/// below that, one author's habit in one file would crowd out the library's real tells.
pub const MIN_TELL_COUNT: u32 = 3;

/// A phrase must occur in at least this many scenarios to be listed as a tell. A name or
/// a prop from one story ("beans", "Dawit") is no tell: leave-one-out never sees it in
/// the scenario it is tested on, so it gives nothing away.
pub const MIN_TELL_SCENARIOS: usize = 2;

/// Two scores closer than this are a tie. Equal features give bit-identical sums, so this
/// only absorbs rounding between different features that carry the same evidence.
const TIE: f64 = 1e-9;

const ATTUNED: usize = 0;
const OTHER: usize = 1;

/// The lower-cased tokens of a text, as documented in the module comment.
pub fn tokens(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut word = String::new();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphanumeric() {
            word.extend(c.to_lowercase());
        } else if matches!(c, '\'' | '\u{2019}')
            && !word.is_empty()
            && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric())
        {
            word.push('\'');
        } else if !word.is_empty() {
            out.push(std::mem::take(&mut word));
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}

/// Every unigram and adjacent bigram of a text, with how often each occurs.
pub fn features(text: &str) -> BTreeMap<String, u32> {
    let toks = tokens(text);
    let mut out = BTreeMap::new();
    for t in &toks {
        *out.entry(t.clone()).or_default() += 1;
    }
    for pair in toks.windows(2) {
        *out.entry(format!("{} {}", pair[0], pair[1])).or_default() += 1;
    }
    out
}

/// Word counts per class: everything the classifier knows. Counts are additive, so a
/// scenario can be taken out of a trained model exactly, which is how leave-one-out and
/// the browser's precomputed model work.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Model {
    /// Ids of the scenarios trained on, in the order they were added.
    pub scenarios: Vec<String>,
    /// Options trained on: `[attuned, not attuned]`.
    pub options: [u64; 2],
    /// Feature occurrences in all: `[attuned, not attuned]`.
    pub totals: [u64; 2],
    /// Each feature's occurrences: `[attuned, not attuned]`. A feature counted zero times
    /// in both is removed, so the vocabulary is exactly the keys.
    pub counts: BTreeMap<String, [u64; 2]>,
}

impl Model {
    /// A model trained on these scenarios.
    pub fn train<'a>(scenarios: impl IntoIterator<Item = &'a Scenario>) -> Self {
        let mut m = Model::default();
        for s in scenarios {
            m.add(s);
        }
        m
    }

    /// Adds one scenario's options to the counts.
    pub fn add(&mut self, s: &Scenario) {
        self.scenarios.push(s.meta.id.0.clone());
        for c in s.choices() {
            let class = class_of(c.class);
            self.options[class] += 1;
            for (f, n) in features(&c.text) {
                let n = u64::from(n);
                self.totals[class] += n;
                self.counts.entry(f).or_default()[class] += n;
            }
        }
    }

    /// Takes one scenario's options out of the counts. If the very same scenario was added
    /// before, the result is exactly the model trained without it. A scenario whose id the
    /// model was not trained on is left alone. One with a trained id but other wording (an
    /// edited copy of a shipped file) is taken out as far as it matches: counts never go
    /// below zero.
    pub fn remove(&mut self, s: &Scenario) {
        let Some(i) = self.scenarios.iter().position(|id| *id == s.meta.id.0) else {
            return;
        };
        self.scenarios.remove(i);
        for c in s.choices() {
            let class = class_of(c.class);
            self.options[class] = self.options[class].saturating_sub(1);
            for (f, n) in features(&c.text) {
                let n = u64::from(n);
                if let Some(counts) = self.counts.get_mut(&f) {
                    let taken = n.min(counts[class]);
                    counts[class] -= taken;
                    self.totals[class] = self.totals[class].saturating_sub(taken);
                    if counts == &[0, 0] {
                        self.counts.remove(&f);
                    }
                }
            }
        }
    }

    /// The evidence a text gives for "attuned": `ln P(attuned | words) − ln P(not | words)`.
    /// Features the model never saw carry no evidence either way and are skipped.
    pub fn log_odds(&self, text: &str) -> f64 {
        let vocab = self.counts.len() as f64;
        let denom = |class: usize| self.totals[class] as f64 + vocab;
        let (da, dn) = (denom(ATTUNED), denom(OTHER));
        let prior =
            ((self.options[ATTUNED] as f64 + 1.0) / (self.options[OTHER] as f64 + 1.0)).ln();
        let mut evidence = 0.0;
        for (f, n) in features(text) {
            if let Some(c) = self.counts.get(&f) {
                let weight =
                    ((c[ATTUNED] as f64 + 1.0) / da).ln() - ((c[OTHER] as f64 + 1.0) / dn).ln();
                evidence += f64::from(n) * weight;
            }
        }
        prior + evidence
    }

    /// `P(attuned | words)`, between 0 and 1.
    pub fn p_attuned(&self, text: &str) -> f64 {
        1.0 / (1.0 + (-self.log_odds(text)).exp())
    }

    /// How this model does on one scenario's decisions.
    pub fn score(&self, s: &Scenario) -> ScenarioGuess {
        let mut nodes = Vec::new();
        for n in &s.nodes {
            let attuned = n
                .choices
                .iter()
                .filter(|c| c.class == Classification::Attuned)
                .count();
            // A decision with no attuned option, or nothing but, tests nothing.
            if attuned == 0 || attuned == n.choices.len() {
                continue;
            }
            let scores: Vec<f64> = n.choices.iter().map(|c| self.log_odds(&c.text)).collect();
            let best = scores.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let picked: Vec<usize> = (0..scores.len())
                .filter(|&i| scores[i] >= best - TIE)
                .collect();
            let hits = picked
                .iter()
                .filter(|&&i| n.choices[i].class == Classification::Attuned)
                .count();
            // The same model read the other way: a library whose attuned options sound
            // least like its attuned options gives the answer away just as surely.
            let worst = scores.iter().copied().fold(f64::INFINITY, f64::min);
            let lowest: Vec<usize> = (0..scores.len())
                .filter(|&i| scores[i] <= worst + TIE)
                .collect();
            let reverse_hits = lowest
                .iter()
                .filter(|&&i| n.choices[i].class == Classification::Attuned)
                .count();
            nodes.push(NodeGuess {
                node: n.id.0.clone(),
                hit: hits as f64 / picked.len().max(1) as f64,
                reverse_hit: reverse_hits as f64 / lowest.len().max(1) as f64,
                chance: attuned as f64 / n.choices.len() as f64,
                picked,
            });
        }
        ScenarioGuess {
            id: s.meta.id.0.clone(),
            trained_on: self.scenarios.len(),
            nodes,
        }
    }
}

fn class_of(c: Classification) -> usize {
    if c == Classification::Attuned {
        ATTUNED
    } else {
        OTHER
    }
}

/// What the model picked at one decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeGuess {
    pub node: String,
    /// The options (by file position) that tied for the highest score.
    pub picked: Vec<usize>,
    /// The share of the picked options that are attuned: 1 when the wording gives the
    /// answer away, 1/k for a k-way tie with one attuned option, 0 for a miss.
    pub hit: f64,
    /// What picking at random would score here: attuned options over options.
    pub chance: f64,
    /// The share of the lowest-scoring options that are attuned: how well "pick the one
    /// that sounds least attuned" would do.
    #[serde(default)]
    pub reverse_hit: f64,
}

/// One scenario's figure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ScenarioGuess {
    pub id: String,
    /// How many scenarios the model was trained on.
    pub trained_on: usize,
    /// The decisions that test something (at least one attuned and one other option).
    pub nodes: Vec<NodeGuess>,
}

impl ScenarioGuess {
    pub fn decisions(&self) -> usize {
        self.nodes.len()
    }
    pub fn hits(&self) -> f64 {
        self.nodes.iter().map(|n| n.hit).sum()
    }
    /// Hits over decisions, or 0 for a scenario with no decision to test.
    pub fn rate(&self) -> f64 {
        if self.nodes.is_empty() {
            0.0
        } else {
            self.hits() / self.nodes.len() as f64
        }
    }
    /// How often picking the option that sounds least attuned finds the attuned one.
    pub fn reverse_rate(&self) -> f64 {
        if self.nodes.is_empty() {
            0.0
        } else {
            self.nodes.iter().map(|n| n.reverse_hit).sum::<f64>() / self.nodes.len() as f64
        }
    }
    /// What picking at random would score on these decisions.
    pub fn chance(&self) -> f64 {
        if self.nodes.is_empty() {
            0.0
        } else {
            self.nodes.iter().map(|n| n.chance).sum::<f64>() / self.nodes.len() as f64
        }
    }
    /// Decisions where the wording alone picks an attuned option outright.
    pub fn given_away(&self) -> Vec<&str> {
        self.nodes
            .iter()
            .filter(|n| n.hit >= 1.0 - TIE)
            .map(|n| n.node.as_str())
            .collect()
    }
    /// Whether this figure is above the threshold and rests on enough training and
    /// enough decisions to mean something.
    pub fn warns(&self) -> bool {
        self.trained_on >= MIN_TRAINING_SCENARIOS
            && self.decisions() >= MIN_DECISIONS
            && (self.rate() > SCENARIO_WARN_ABOVE || self.warns_reversed())
    }
    /// Whether the wording gives the answer away the other way round: the option that
    /// sounds least like the library's attuned ones is the attuned one.
    pub fn warns_reversed(&self) -> bool {
        self.reverse_rate() > SCENARIO_WARN_ABOVE
    }
}

/// Figures for several scenarios, pooled.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct LibraryGuess {
    pub scenarios: Vec<ScenarioGuess>,
}

impl LibraryGuess {
    pub fn decisions(&self) -> usize {
        self.scenarios.iter().map(ScenarioGuess::decisions).sum()
    }
    pub fn hits(&self) -> f64 {
        self.scenarios.iter().map(ScenarioGuess::hits).sum()
    }
    /// Hits over decisions across every scenario, or 0 when there is none.
    pub fn rate(&self) -> f64 {
        match self.decisions() {
            0 => 0.0,
            d => self.hits() / d as f64,
        }
    }
}

/// Leave-one-out over a library: each scenario scored by the model trained on all the
/// others. Scenarios keep the order given.
pub fn leave_one_out<'a>(scenarios: impl IntoIterator<Item = &'a Scenario>) -> LibraryGuess {
    let all: Vec<&Scenario> = scenarios.into_iter().collect();
    let full = Model::train(all.iter().copied());
    let scenarios = all
        .iter()
        .map(|s| {
            let mut m = full.clone();
            m.remove(s);
            m.score(s)
        })
        .collect();
    LibraryGuess { scenarios }
}

/// Which options a list of tells is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Group {
    Attuned,
    NotAttuned,
    Subtle,
    Harmful,
}

impl Group {
    pub const ALL: [Group; 4] = [
        Group::Attuned,
        Group::NotAttuned,
        Group::Subtle,
        Group::Harmful,
    ];

    pub fn key(self) -> &'static str {
        match self {
            Group::Attuned => "attuned",
            Group::NotAttuned => "not-attuned",
            Group::Subtle => "subtle",
            Group::Harmful => "harmful",
        }
    }

    fn holds(self, c: Classification) -> bool {
        match self {
            Group::Attuned => c == Classification::Attuned,
            Group::NotAttuned => c != Classification::Attuned,
            Group::Subtle => c == Classification::Subtle,
            Group::Harmful => c == Classification::Harmful,
        }
    }
}

/// A word or phrase that gives a class away.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Tell {
    pub phrase: String,
    /// `ln P(phrase | class) − ln P(phrase | every other option)`, Laplace-smoothed: the
    /// weight the classifier gives it. 0.69 means twice as likely in the class.
    pub llr: f64,
    /// Occurrences in options of the class.
    pub in_class: u64,
    /// Occurrences in every other option.
    pub in_others: u64,
}

/// The strongest tells of one class against all other options.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupTells {
    pub group: Group,
    /// Options in the class, and in the rest.
    pub options: u64,
    pub others: u64,
    pub tells: Vec<Tell>,
}

/// For each group, the `top` phrases with the largest log-likelihood ratio against all
/// other options, among phrases seen at least `MIN_TELL_COUNT` times in the group's
/// options of at least `MIN_TELL_SCENARIOS` scenarios. Ties are broken by phrase, so the
/// list is stable.
pub fn tells<'a>(scenarios: impl IntoIterator<Item = &'a Scenario>, top: usize) -> Vec<GroupTells> {
    tells_among(scenarios, top, None)
}

/// The tells of a library that occur in one scenario's own options of each group: what
/// gives that file's answers away, by the evidence of the library around it. `library`
/// should include `focus`.
pub fn tells_in<'a>(
    library: impl IntoIterator<Item = &'a Scenario>,
    focus: &Scenario,
    top: usize,
) -> Vec<GroupTells> {
    tells_among(library, top, Some(focus))
}

fn tells_among<'a>(
    scenarios: impl IntoIterator<Item = &'a Scenario>,
    top: usize,
    focus: Option<&Scenario>,
) -> Vec<GroupTells> {
    let scenarios: Vec<&Scenario> = scenarios.into_iter().collect();
    Group::ALL
        .iter()
        .map(|&group| {
            let own: Option<std::collections::BTreeSet<String>> = focus.map(|f| {
                f.choices()
                    .filter(|c| group.holds(c.class))
                    .flat_map(|c| features(&c.text).into_keys())
                    .collect()
            });
            let only = own.as_ref();
            let mut options = [0u64; 2];
            let mut totals = [0u64; 2];
            let mut counts: BTreeMap<String, [u64; 2]> = BTreeMap::new();
            // In how many scenarios each phrase occurs in an option of the group.
            let mut spread: BTreeMap<String, usize> = BTreeMap::new();
            for s in &scenarios {
                let mut seen = std::collections::BTreeSet::new();
                for c in s.choices() {
                    let side = usize::from(!group.holds(c.class));
                    options[side] += 1;
                    for (f, n) in features(&c.text) {
                        totals[side] += u64::from(n);
                        counts.entry(f.clone()).or_default()[side] += u64::from(n);
                        if side == 0 {
                            seen.insert(f);
                        }
                    }
                }
                for f in seen {
                    *spread.entry(f).or_default() += 1;
                }
            }
            let vocab = counts.len() as f64;
            let din = totals[0] as f64 + vocab;
            let dout = totals[1] as f64 + vocab;
            let mut tells: Vec<Tell> = counts
                .into_iter()
                .filter(|(f, c)| {
                    c[0] >= u64::from(MIN_TELL_COUNT)
                        && spread.get(f).copied().unwrap_or(0) >= MIN_TELL_SCENARIOS
                })
                .map(|(phrase, c)| Tell {
                    phrase,
                    llr: ((c[0] as f64 + 1.0) / din).ln() - ((c[1] as f64 + 1.0) / dout).ln(),
                    in_class: c[0],
                    in_others: c[1],
                })
                .filter(|t| t.llr > 0.0 && only.is_none_or(|o| o.contains(&t.phrase)))
                .collect();
            tells.sort_by(|a, b| {
                b.llr
                    .total_cmp(&a.llr)
                    .then_with(|| a.phrase.cmp(&b.phrase))
            });
            tells.truncate(top);
            GroupTells {
                group,
                options: options[0],
                others: options[1],
                tells,
            }
        })
        .collect()
}
