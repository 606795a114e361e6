//! The JSON Schemas in schema/ are generated from the raw types and must not go stale;
//! they must accept every shipped file, reject the mistakes editors should flag, and a
//! `#:schema` first line must be harmless to Attune.

use attune::engine::{schema, validate, SourceFile};
use serde_json::Value;

fn shipped(name: &str) -> String {
    std::fs::read_to_string(super::root().join("schema").join(name))
        .unwrap_or_else(|_| panic!("schema/{name} is missing"))
}

#[test]
fn shipped_schemas_are_up_to_date() {
    for (name, fresh) in [
        (schema::SCENARIO_FILE, schema::scenario()),
        (schema::CATALOG_FILE, schema::catalog()),
    ] {
        assert!(
            shipped(name) == fresh,
            "schema/{name} is stale: the raw types changed since it was generated. \
             Regenerate it with `cargo run -- schema --out schema` and commit the result."
        );
    }
}

/// A small JSON Schema checker for the keywords the generated schemas use, so the test
/// needs no validator crate. Returns the problems found, with their JSON paths.
fn check(root: &Value, schema: &Value, value: &Value, at: &str, out: &mut Vec<String>) {
    if let Some(r) = schema.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/definitions/");
        let target = &root["definitions"][name];
        assert!(target.is_object(), "dangling $ref {r}");
        return check(root, target, value, at, out);
    }
    if let Some(t) = schema.get("type") {
        let types: Vec<&str> = match t {
            Value::String(s) => vec![s.as_str()],
            Value::Array(a) => a.iter().filter_map(Value::as_str).collect(),
            _ => vec![],
        };
        let fits = types.iter().any(|t| match *t {
            "string" => value.is_string(),
            "integer" => value.is_i64() || value.is_u64(),
            "number" => value.is_number(),
            "boolean" => value.is_boolean(),
            "array" => value.is_array(),
            "object" => value.is_object(),
            _ => false,
        });
        if !fits {
            out.push(format!("{at}: expected {types:?}, found {value}"));
            return;
        }
    }
    if let Some(e) = schema.get("enum").and_then(Value::as_array) {
        if !e.contains(value) {
            out.push(format!("{at}: {value} is not one of {e:?}"));
        }
    }
    if let Some(c) = schema.get("const") {
        if c != value {
            out.push(format!("{at}: {value} is not {c}"));
        }
    }
    if let (Some(min), Some(v)) = (
        schema.get("minimum").and_then(Value::as_i64),
        value.as_i64(),
    ) {
        if v < min {
            out.push(format!("{at}: {v} is below {min}"));
        }
    }
    if let Some(items) = value.as_array() {
        if let Some(min) = schema.get("minItems").and_then(Value::as_u64) {
            if (items.len() as u64) < min {
                out.push(format!("{at}: fewer than {min} items"));
            }
        }
        if let Some(item_schema) = schema.get("items") {
            for (i, item) in items.iter().enumerate() {
                check(root, item_schema, item, &format!("{at}[{i}]"), out);
            }
        }
    }
    if let Some(obj) = value.as_object() {
        let props = schema.get("properties").and_then(Value::as_object);
        for key in schema
            .get("required")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            if !obj.contains_key(key) {
                out.push(format!("{at}: missing required `{key}`"));
            }
        }
        for (k, v) in obj {
            match (
                props.and_then(|p| p.get(k)),
                schema.get("additionalProperties"),
            ) {
                (Some(s), _) => check(root, s, v, &format!("{at}.{k}"), out),
                (None, Some(Value::Bool(false))) => out.push(format!("{at}: `{k}` is not allowed")),
                (None, Some(extra)) if extra.is_object() => {
                    check(root, extra, v, &format!("{at}.{k}"), out)
                }
                _ => {}
            }
        }
    }
    if let (Some(cond), Some(then)) = (schema.get("if"), schema.get("then")) {
        let mut probe = Vec::new();
        check(root, cond, value, at, &mut probe);
        if probe.is_empty() {
            check(root, then, value, at, out);
        }
    }
}

fn problems(schema_text: &str, toml_text: &str) -> Vec<String> {
    let root: Value = serde_json::from_str(schema_text).unwrap();
    let value: Value = toml::from_str(toml_text).unwrap();
    let mut out = Vec::new();
    check(&root, &root, &value, "$", &mut out);
    out
}

#[test]
fn the_schemas_accept_every_shipped_file() {
    let scenario_schema = shipped(schema::SCENARIO_FILE);
    let mut files: Vec<_> = std::fs::read_dir(super::root().join("scenarios"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    files.sort();
    let mut checked = 0;
    for path in files {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        let found = match name.as_str() {
            "index.toml" => continue,
            "patterns.toml" => problems(&shipped(schema::CATALOG_FILE), &text),
            _ => problems(&scenario_schema, &text),
        };
        assert!(found.is_empty(), "{name}: {found:#?}");
        checked += 1;
    }
    assert!(checked >= 3);
    // The fixtures too, among them one with every field of issue 12 (paragraphs,
    // assumptions, repair, learning outcomes and reflection questions).
    for name in ["small", "paths"] {
        let text = std::fs::read_to_string(super::fixture(&format!("valid/{name}.toml"))).unwrap();
        assert_eq!(
            problems(&scenario_schema, &text),
            Vec::<String>::new(),
            "{name}"
        );
    }
    let typo = std::fs::read_to_string(super::fixture("valid/paths.toml"))
        .unwrap()
        .replace("when = \"chose harmful\"", "whenever = \"chose harmful\"");
    assert!(
        problems(&scenario_schema, &typo)
            .iter()
            .any(|p| p.contains("is not allowed")),
        "a misspelt paragraph field must be flagged"
    );
}

#[test]
fn the_schema_flags_what_editors_should_flag() {
    let scenario_schema = shipped(schema::SCENARIO_FILE);
    for (fixture, expect) in [
        ("unknown-field", "is not allowed"),
        ("wrong-type", "expected"),
        ("missing-fields", "missing required"),
        ("feedback-incomplete", "missing required `patterns`"),
        ("unsupported-format", "is not 1"),
    ] {
        let text =
            std::fs::read_to_string(super::fixture(&format!("invalid/{fixture}.toml"))).unwrap();
        let found = problems(&scenario_schema, &text);
        assert!(
            found.iter().any(|p| p.contains(expect)),
            "{fixture}: expected a problem containing `{expect}`, got {found:#?}"
        );
    }
    let bad_class = std::fs::read_to_string(super::fixture("valid/small.toml"))
        .unwrap()
        .replace("class = \"harmful\"", "class = \"awful\"");
    let found = problems(&scenario_schema, &bad_class);
    assert!(
        found.iter().any(|p| p.contains("\"awful\" is not one of")),
        "{found:?}"
    );
}

#[test]
fn a_schema_comment_on_the_first_line_is_harmless() {
    let with = std::fs::read_to_string(super::fixture("lint/schema-comment.toml")).unwrap();
    assert!(with.starts_with("#:schema ../../../schema/scenario.schema.json\n"));
    // The path is right for an editor opening the fixture.
    assert!(super::fixture("lint")
        .join("../../../schema/scenario.schema.json")
        .is_file());
    let without = std::fs::read_to_string(super::fixture("valid/small.toml")).unwrap();
    assert_eq!(
        with.lines().skip(1).collect::<Vec<_>>(),
        without.lines().collect::<Vec<_>>()
    );
    let catalog = super::fixture_catalog();
    let (a, da) = validate::scenario(&SourceFile::new("a.toml", with), &catalog);
    let (b, db) = validate::scenario(&SourceFile::new("b.toml", without), &catalog);
    assert!(da.is_empty() && db.is_empty(), "{da:?} {db:?}");
    assert_eq!(a.unwrap(), b.unwrap());
}
