//! One module per screen: library, pre-brief, play (with its debrief), one saved play by
//! its record, glossary, and the self-study screens: history, journal, my patterns,
//! compare, CPD log, privacy and display.

pub mod compare;
pub mod cpd;
pub mod debrief;
pub mod glossary;
pub mod history;
pub mod journal;
pub mod library;
pub mod map_page;
pub mod my_patterns;
pub mod pack;
pub mod pack_guide;
pub mod play;
pub mod prebrief;
pub mod present;
pub mod present_debrief;
pub mod privacy;
pub mod record;
pub mod settings;
