//! What the first screen needs before any scenario file is fetched: the pattern catalogue
//! and the library listing. The pre-renderer writes it into the page as JSON, and the wasm
//! app reads it back, so both render the same first screen and hydration matches.

use serde::{Deserialize, Serialize};

use crate::engine::library::Entry;
use crate::engine::Catalog;

/// Id of the `<script type="application/json">` element that carries the boot data.
pub const BOOT_ID: &str = "attune-boot";
/// The whole pattern catalogue, beside the scenario files; the glossary loads it.
pub const CATALOG_FILE: &str = "patterns.json";
/// Id of the element the app renders into.
pub const ROOT_ID: &str = "app";

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Boot {
    pub catalog: Catalog,
    pub entries: Vec<Entry>,
}

impl Boot {
    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.meta.id.as_str() == id)
    }

    /// JSON that is safe inside a `<script>` element: `<` is escaped, so no text in a
    /// scenario can close the element early.
    pub fn to_script_json(&self) -> String {
        serde_json::to_string(self)
            .unwrap_or_else(|_| "{}".into())
            .replace('<', "\\u003c")
    }
}
