//! The engine: scenario model, parsing, validation, sessions and feedback data.
//!
//! Deliberately absent: yew, web-sys, gloo, wasm-bindgen and `std::fs`. The engine
//! takes text in and hands plain values out, so the CLI, the pre-renderer, the browser
//! app and the tests all run exactly the same rules. `tests/it/architecture.rs`
//! enforces this.

pub mod condition;
pub mod diagnostic;
pub mod guess;
pub mod layered;
pub mod library;
pub mod lint;
pub mod map;
pub mod model;
pub mod paths;
pub mod raw;
#[cfg(feature = "schema")]
pub mod schema;
pub mod search;
pub mod session;
pub mod source;
pub mod validate;
pub mod words;

pub use diagnostic::{Code, Diagnostic, Severity};
pub use model::*;
pub use session::{Closing, Event, Pick, Position, Session, SessionError, SessionState, Step};
pub use source::SourceFile;
