//! The raw serde layer: structs that mirror the TOML files field for field, with spans.
//!
//! Every field is optional here so that a missing one becomes a diagnostic with a
//! location from the validator, instead of serde stopping at the first. Nothing in
//! this module judges meaning; `validate` does that.

use serde::Deserialize;
use std::collections::BTreeMap;
use toml::Spanned;

pub type S<T> = Spanned<T>;
pub type Text = Option<S<String>>;
pub type TextList = Option<S<Vec<S<String>>>>;

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawScenario {
    pub format: Option<S<i64>>,
    pub id: Text,
    pub title: Text,
    pub summary: Text,
    pub setting: Text,
    pub minutes: Option<S<i64>>,
    pub version: Text,
    pub focus: TextList,
    pub content_notes: TextList,
    pub start: Text,
    pub client: Option<S<RawClient>>,
    pub provenance: Option<S<RawProvenance>>,
    pub references: TextList,
    pub variables: Option<S<Vec<S<RawVariable>>>>,
    pub nodes: Option<S<Vec<S<RawNode>>>>,
    pub endings: Option<S<Vec<S<RawEnding>>>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawClient {
    pub name: Text,
    pub pronouns: Text,
    pub age: Text,
    pub context: Text,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawProvenance {
    pub authors: TextList,
    pub date: Text,
    pub note: Text,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawVariable {
    pub id: Text,
    pub label: Text,
    pub initial: Option<S<i64>>,
    pub min: Option<S<i64>>,
    pub max: Option<S<i64>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawNode {
    pub id: Text,
    pub client: Text,
    pub cues: Text,
    /// For workshop facilitators: a question for the room.
    pub prompt: Text,
    pub facilitator_notes: Text,
    pub choices: Option<S<Vec<S<RawChoice>>>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawChoice {
    pub text: Text,
    pub class: Text,
    pub patterns: TextList,
    pub rationale: Text,
    pub perspective: Text,
    pub alternative: Text,
    pub effects: Option<S<BTreeMap<String, S<i64>>>>,
    pub next: Text,
    pub branches: Option<S<Vec<S<RawBranch>>>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawBranch {
    pub when: Text,
    pub next: Text,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawEnding {
    pub id: Text,
    pub kind: Text,
    pub title: Text,
    pub text: Text,
    pub questions: TextList,
}

/// `scenarios/patterns.toml`: the harm-pattern catalogue and the principles behind the alternatives.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawCatalog {
    pub format: Option<S<i64>>,
    pub patterns: Option<S<Vec<S<RawPattern>>>>,
    pub principles: Option<S<Vec<S<RawPrinciple>>>>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawPattern {
    pub id: Text,
    pub number: Option<S<i64>>,
    pub name: Text,
    pub summary: Text,
    pub description: Text,
    pub alternative: Text,
    pub example_harmful: Text,
    pub example_alternative: Text,
    pub questions: TextList,
    pub references: TextList,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawPrinciple {
    pub id: Text,
    pub name: Text,
    pub text: Text,
}

/// `scenarios/index.toml`: the manifest, since a browser cannot list a folder.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct RawManifest {
    pub format: Option<S<i64>>,
    pub patterns: Text,
    pub scenarios: TextList,
}
