//! Attune: a practice room for counsellors.
//!
//! Reading order: `engine` (pure rules and data) → `progress` (saved progress) →
//! `authoring` (checking opened files) → `fsload` (reading folders, native only) → `ui`
//! (Yew views that render what the engine reports).

pub mod authoring;
pub mod engine;
pub mod progress;

#[cfg(not(target_arch = "wasm32"))]
pub mod fsload;

#[cfg(feature = "ui")]
pub mod ui;
