//! JSON Schema for the scenario and catalogue files, generated from the raw serde types
//! so it cannot drift from what the parser accepts. Editors (Taplo, VS Code's "Even
//! Better TOML") use it through a `#:schema` comment on a file's first line.
//!
//! Draft 7 is used because it is the newest draft that TOML editors support in full.
//! Pure: it returns text, and `attune schema` writes it to schema/.

use schemars::generate::SchemaSettings;
use schemars::transform::RecursiveTransform;
use schemars::{JsonSchema, Schema};

use super::raw::{RawCatalog, RawScenario};

/// The shipped file names, under schema/ in the repository.
pub const SCENARIO_FILE: &str = "scenario.schema.json";
pub const CATALOG_FILE: &str = "patterns.schema.json";

/// The scenario file's schema, as pretty JSON with a final newline.
pub fn scenario() -> String {
    render::<RawScenario>()
}

/// The harm-pattern catalogue's (patterns.toml) schema, as pretty JSON with a final newline.
pub fn catalog() -> String {
    render::<RawCatalog>()
}

fn render<T: JsonSchema>() -> String {
    let generator = SchemaSettings::draft07()
        .with_transform(RecursiveTransform(no_null))
        .into_generator();
    let schema = generator.into_root_schema_for::<T>();
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// TOML has no null, but schemars lets every `Option` be null. An editor should not
/// suggest a value that no TOML file can hold, so `null` is taken out of every type.
fn no_null(schema: &mut Schema) {
    let Some(obj) = schema.as_object_mut() else {
        return;
    };
    if let Some(serde_json::Value::Array(types)) = obj.get_mut("type") {
        types.retain(|t| t != "null");
        if types.len() == 1 {
            let only = types.remove(0);
            obj.insert("type".into(), only);
        }
    }
    for key in ["anyOf", "oneOf"] {
        if let Some(serde_json::Value::Array(alts)) = obj.get_mut(key) {
            alts.retain(|a| a.get("type").is_none_or(|t| t != "null"));
        }
    }
    // An `anyOf` left with one alternative is that alternative.
    if let Some(serde_json::Value::Array(alts)) = obj.get("anyOf") {
        if alts.len() == 1 {
            if let Some(serde_json::Value::Object(only)) = alts.first().cloned() {
                obj.remove("anyOf");
                for (k, v) in only {
                    obj.entry(k).or_insert(v);
                }
            }
        }
    }
}
