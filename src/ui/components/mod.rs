//! Pieces shared by the screens.

pub mod chart;
pub mod feedback;
pub mod meters;
pub mod pattern_link;
pub mod step_out;
