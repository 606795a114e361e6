//! The Yew views. They render what the engine reports and send the trainee's actions
//! back as `state::Action`s; they never work out routing, effects or feedback themselves.
//!
//! Browser side effects (fetch, hash, keys, focus) live in `platform`, so the same views
//! also render on the host for the build-time pre-render.

pub mod app;
pub mod boot;
pub mod components;
pub mod drafts;
pub mod pages;
pub mod platform;
pub mod presenter;
pub mod room_report;
pub mod room_save;
pub mod route;
pub mod state;

pub use app::{App, AppProps};
pub use boot::Boot;
