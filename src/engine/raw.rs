//! The raw serde layer: structs that mirror the TOML files field for field, with spans.
//!
//! Every field is optional here so that a missing one becomes a diagnostic with a
//! location from the validator, instead of serde stopping at the first. Nothing in
//! this module judges meaning; `validate` does that.
//!
//! With the `schema` feature the same structs also describe themselves as JSON Schema
//! (`engine::schema`), so editors can check files as they are typed. The doc comments
//! on the fields become the descriptions an editor shows on hover, and
//! `schemars(required)` marks what `validate` requires, so both stay in one place.

use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;

/// A value with the byte range it came from in the file.
///
/// A local wrapper rather than `toml::Spanned` itself, because a foreign type cannot be
/// given the (foreign) `JsonSchema` trait. It deserialises exactly as `toml::Spanned`
/// does, and in a schema it is simply the value.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct S<T>(toml::Spanned<T>);

impl<T> S<T> {
    pub fn get_ref(&self) -> &T {
        self.0.get_ref()
    }

    pub(crate) fn get_mut(&mut self) -> &mut T {
        self.0.get_mut()
    }

    pub fn span(&self) -> Range<usize> {
        self.0.span()
    }

    pub fn into_inner(self) -> T {
        self.0.into_inner()
    }
}

#[cfg(feature = "schema")]
impl<T: schemars::JsonSchema> schemars::JsonSchema for S<T> {
    fn inline_schema() -> bool {
        T::inline_schema()
    }

    fn schema_name() -> std::borrow::Cow<'static, str> {
        T::schema_name()
    }

    fn json_schema(generator: &mut schemars::SchemaGenerator) -> schemars::Schema {
        T::json_schema(generator)
    }
}

pub type Text = Option<S<String>>;
pub type TextList = Option<S<Vec<S<String>>>>;

/// An Attune scenario file (format 1). See docs/scenario-format.md.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "Attune scenario"))]
pub struct RawScenario {
    /// The file format version. Always 1.
    #[cfg_attr(feature = "schema", schemars(extend("const" = 1)))]
    pub format: Option<S<i64>>,
    /// A short id in lower case with hyphens, usually the file name without `.toml`.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub id: Text,
    /// The title shown in the library.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub title: Text,
    /// One or two sentences: what happens and what the turning point is.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub summary: Text,
    /// The service and the session, such as "NHS talking therapies, session 3 of 8".
    #[cfg_attr(feature = "schema", schemars(required))]
    pub setting: Text,
    /// Roughly how long one play-through takes, in whole minutes (at least 1).
    #[cfg_attr(feature = "schema", schemars(required, range(min = 1)))]
    pub minutes: Option<S<i64>>,
    /// The scenario's own version, such as "1.0.0".
    #[cfg_attr(feature = "schema", schemars(required))]
    pub version: Text,
    /// The harm patterns this scenario is mainly about, by catalogue id, primary first.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub focus: TextList,
    /// Everything a trainee might want warning of. Use [] only if there is nothing.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub content_notes: TextList,
    /// The id of the node the conversation opens on.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub start: Text,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub client: Option<S<RawClient>>,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub provenance: Option<S<RawProvenance>>,
    /// Full citations the scenario draws on.
    pub references: TextList,
    /// Numbers that stand for the relationship, such as trust and safety.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub variables: Option<S<Vec<S<RawVariable>>>>,
    /// The decision points: what the client says, and the therapist's possible replies.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub nodes: Option<S<Vec<S<RawNode>>>>,
    /// How the conversation can finish, each with a short debrief.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub endings: Option<S<Vec<S<RawEnding>>>>,
    /// Two or three short outcomes a trainee should take away, such as "Notice when …".
    /// Shown on the pre-brief, in the facilitator pack and in the CPD log.
    pub learning_outcomes: TextList,
    /// The scenario's own debrief questions. Where present, the debrief shows these
    /// instead of the pattern catalogue's questions.
    pub reflection_questions: TextList,
}

/// The person in the vignette.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RawClient {
    /// A first name.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub name: Text,
    /// Such as "he/him", "she/her" or "they/them".
    #[cfg_attr(feature = "schema", schemars(required))]
    pub pronouns: Text,
    /// An age range such as "60s".
    pub age: Text,
    /// Two to four plain sentences on the context that matters to this moment.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub context: Text,
}

/// Where the scenario came from.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RawProvenance {
    #[cfg_attr(feature = "schema", schemars(required))]
    pub authors: TextList,
    /// The date written or last revised, as YYYY-MM-DD.
    pub date: Text,
    /// A line saying that the client is a fictional composite.
    pub note: Text,
}

/// A relational state variable; it is clamped to min..=max.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RawVariable {
    /// The name used in effects and conditions, such as `trust`.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub id: Text,
    /// The name shown to the trainee, such as "Trust".
    #[cfg_attr(feature = "schema", schemars(required))]
    pub label: Text,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub initial: Option<S<i64>>,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub min: Option<S<i64>>,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub max: Option<S<i64>>,
}

/// One moment where the client speaks and the trainee decides.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RawNode {
    /// Unique among node and ending ids.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub id: Text,
    /// What the client says.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub client: Text,
    /// A short non-verbal cue, such as "(looks at the clock)".
    pub cues: Text,
    /// For workshop facilitators: a question for the room.
    pub prompt: Text,
    /// One to three sentences for a facilitator: what to listen for.
    pub facilitator_notes: Text,
    /// What the therapist could say next; the library standard is three or four.
    #[cfg_attr(feature = "schema", schemars(required, length(min = 1)))]
    pub choices: Option<S<Vec<S<RawChoice>>>>,
}

/// One thing the therapist could say, with its feedback.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
// Subtle and harmful choices must also name patterns, the client's perspective and an
// alternative (A009); the schema says so, so editors flag it while typing.
#[cfg_attr(
    feature = "schema",
    schemars(extend(
        "if" = { "properties": { "class": { "enum": ["subtle", "harmful"] } }, "required": ["class"] },
        "then" = { "required": ["patterns", "perspective", "alternative"] }
    ))
)]
pub struct RawChoice {
    /// The therapist's words, as said aloud. Keep it under about 300 characters.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub text: Text,
    /// How the response sits with the client.
    #[cfg_attr(
        feature = "schema",
        schemars(required, extend("enum" = ["attuned", "subtle", "harmful"]))
    )]
    pub class: Text,
    /// The harm patterns the choice touches, by catalogue id.
    pub patterns: TextList,
    /// Why the choice works, or what it risks and why a caring therapist might say it.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub rationale: Text,
    /// The client's inner voice, in the first person.
    pub perspective: Text,
    /// Words the trainee could say instead, and why they work.
    pub alternative: Text,
    /// Changes to variables, such as { trust = -10, safety = -5 }.
    pub effects: Option<S<BTreeMap<String, S<i64>>>>,
    /// The node or ending that follows when no branch applies.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub next: Text,
    /// Conditional routes, tried in order after the effects; the first that holds wins.
    pub branches: Option<S<Vec<S<RawBranch>>>>,
    /// True when this response repairs an earlier harm: the therapist notices, owns their
    /// part and hands the direction back. Read by `repaired` and the unearned-growth check.
    pub repair: Option<S<bool>>,
}

/// A conditional route: `{ when = "trust >= 60", next = "opens_up" }`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RawBranch {
    /// Tests joined by `and`, such as "trust >= 60 and safety > 40" or
    /// "visited names_it and not chose harmful".
    #[cfg_attr(feature = "schema", schemars(required))]
    pub when: Text,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub next: Text,
}

/// A way the conversation can finish, with a short debrief (never a score).
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RawEnding {
    /// Unique among node and ending ids.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub id: Text,
    #[cfg_attr(
        feature = "schema",
        schemars(required, extend("enum" = ["rupture", "repair", "growth", "open"]))
    )]
    pub kind: Text,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub title: Text,
    /// The debrief, three to six sentences about the relationship.
    #[cfg_attr(feature = "schema", schemars(required))]
    pub text: Text,
    /// Two or three reflective questions for the trainee.
    pub questions: TextList,
    /// A condition that `text` takes for granted about every play reaching this ending,
    /// such as "visited names_it". The checker proves it over every play.
    pub assumes: Text,
    /// Further paragraphs after `text`, in order; each may be shown only on some paths.
    pub paragraphs: Option<S<Vec<S<RawParagraph>>>>,
}

/// A paragraph of an ending's debrief: `[[endings.paragraphs]]`.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RawParagraph {
    #[cfg_attr(feature = "schema", schemars(required))]
    pub text: Text,
    /// Shown only when this condition holds at the end of the play.
    pub when: Text,
    /// A condition the paragraph takes for granted whenever it is shown; checked like an
    /// ending's `assumes`.
    pub assumes: Text,
    /// Reflection questions shown with the paragraph.
    pub questions: TextList,
}

/// `scenarios/patterns.toml`: the harm-pattern catalogue and the principles behind the alternatives.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
#[cfg_attr(feature = "schema", schemars(title = "Attune harm-pattern catalogue"))]
pub struct RawCatalog {
    /// The file format version. Always 1.
    #[cfg_attr(feature = "schema", schemars(extend("const" = 1)))]
    pub format: Option<S<i64>>,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub patterns: Option<S<Vec<S<RawPattern>>>>,
    pub principles: Option<S<Vec<S<RawPrinciple>>>>,
}

/// One pattern of therapeutic harm. Ids are stable: scenarios refer to them.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RawPattern {
    #[cfg_attr(feature = "schema", schemars(required))]
    pub id: Text,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub number: Option<S<i64>>,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub name: Text,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub summary: Text,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub description: Text,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub alternative: Text,
    pub example_harmful: Text,
    pub example_alternative: Text,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub questions: TextList,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub references: TextList,
}

/// One principle of person-centred, anti-oppressive practice, for the glossary.
#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
#[cfg_attr(feature = "schema", derive(schemars::JsonSchema))]
pub struct RawPrinciple {
    #[cfg_attr(feature = "schema", schemars(required))]
    pub id: Text,
    #[cfg_attr(feature = "schema", schemars(required))]
    pub name: Text,
    #[cfg_attr(feature = "schema", schemars(required))]
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
