//! One module per screen: library, pre-brief, play (with its debrief) and glossary.

pub mod debrief;
pub mod glossary;
pub mod library;
pub mod play;
pub mod prebrief;
