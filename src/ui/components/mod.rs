//! Pieces shared by the screens.

pub mod chart;
pub mod feedback;
pub mod import_panel;
pub mod meters;
pub mod notice;
pub mod open_file;
pub mod pattern_link;
pub mod reflect;
pub mod room_pause;
pub mod say_first;
pub mod scenario_map;
pub mod step_out;
