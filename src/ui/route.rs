//! Hash routes, so the built `dist/` works from any folder of any static host.
//!
//! A hand-written enum rather than yew-router: the pre-rendered first screen must match the
//! first client render exactly, and yew-router reads the location during that render.

use yew::AttrValue;

#[derive(Debug, Clone, PartialEq)]
pub enum Route {
    Library,
    /// Content notes and consent before a scenario.
    Prebrief(AttrValue),
    /// Playing a scenario; its debrief shows here when it ends.
    Play(AttrValue),
    /// Running a scenario with a room, on a projector.
    Present(AttrValue),
    /// The printable facilitator pack for a scenario.
    Pack(AttrValue),
    /// The scenario as a map of decisions, choices and endings.
    Map(AttrValue),
    /// The glossary, optionally scrolled to one pattern.
    Glossary(Option<AttrValue>),
    /// The private reflection journal.
    Journal,
    /// "My patterns": what the trainee's choices risked, over time.
    Patterns,
    /// The CPD log, export, import and reset.
    Cpd,
    /// What is stored, where, and how to erase it.
    Privacy,
    /// Theme and text size.
    Settings,
    /// Every play, finished or not, each opening its debrief or its place.
    History,
    /// One saved play by record id: its debrief once finished, else where it stands.
    PlayRecord(AttrValue),
    /// Two plays side by side, by record id.
    Compare(AttrValue, AttrValue),
    NotFound(AttrValue),
}

impl Route {
    pub fn parse(hash: &str) -> Route {
        let path = hash.trim_start_matches('#').trim_start_matches('/');
        let mut parts = path.splitn(2, '/');
        let head = parts.next().unwrap_or("");
        let tail = parts
            .next()
            .filter(|t| !t.is_empty())
            .map(|t| AttrValue::from(t.to_owned()));
        match (head, tail) {
            ("", None) => Route::Library,
            ("scenario", Some(id)) => Route::Prebrief(id),
            ("play", Some(id)) => Route::Play(id),
            ("present", Some(id)) => Route::Present(id),
            ("pack", Some(id)) => Route::Pack(id),
            ("map", Some(id)) => Route::Map(id),
            ("glossary", anchor) => Route::Glossary(anchor),
            ("journal", None) => Route::Journal,
            ("patterns", None) => Route::Patterns,
            ("cpd", None) => Route::Cpd,
            ("privacy", None) => Route::Privacy,
            ("settings", None) => Route::Settings,
            ("history", None) => Route::History,
            ("play-record", Some(id)) => Route::PlayRecord(id),
            ("compare", Some(pair)) => match pair.split_once('/') {
                Some((a, b)) if !a.is_empty() && !b.is_empty() => {
                    Route::Compare(AttrValue::from(a.to_owned()), AttrValue::from(b.to_owned()))
                }
                _ => Route::NotFound(AttrValue::from(path.to_owned())),
            },
            _ => Route::NotFound(AttrValue::from(path.to_owned())),
        }
    }

    pub fn href(&self) -> String {
        match self {
            Route::Library => "#/".into(),
            Route::Prebrief(id) => format!("#/scenario/{id}"),
            Route::Play(id) => format!("#/play/{id}"),
            Route::Present(id) => format!("#/present/{id}"),
            Route::Pack(id) => format!("#/pack/{id}"),
            Route::Map(id) => format!("#/map/{id}"),
            Route::Glossary(None) => "#/glossary".into(),
            Route::Glossary(Some(p)) => format!("#/glossary/{p}"),
            Route::Journal => "#/journal".into(),
            Route::Patterns => "#/patterns".into(),
            Route::Cpd => "#/cpd".into(),
            Route::Privacy => "#/privacy".into(),
            Route::Settings => "#/settings".into(),
            Route::History => "#/history".into(),
            Route::PlayRecord(id) => format!("#/play-record/{id}"),
            Route::Compare(a, b) => format!("#/compare/{a}/{b}"),
            Route::NotFound(p) => format!("#/{p}"),
        }
    }

    /// The scenario this route needs loaded, if any.
    pub fn scenario(&self) -> Option<&AttrValue> {
        match self {
            Route::Prebrief(id)
            | Route::Play(id)
            | Route::Present(id)
            | Route::Pack(id)
            | Route::Map(id) => Some(id),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_round_trip() {
        for r in [
            Route::Library,
            Route::Prebrief("overtime".into()),
            Route::Play("overtime".into()),
            Route::Present("overtime".into()),
            Route::Pack("overtime".into()),
            Route::Map("overtime".into()),
            Route::Glossary(None),
            Route::Glossary(Some("individualising".into())),
            Route::Journal,
            Route::Patterns,
            Route::Cpd,
            Route::Privacy,
            Route::Settings,
            Route::History,
            Route::PlayRecord("overtime-1795478400000-00aa".into()),
            Route::Compare("a-1".into(), "a-2".into()),
        ] {
            assert_eq!(Route::parse(&r.href()), r);
        }
        assert_eq!(Route::parse(""), Route::Library);
        assert!(matches!(Route::parse("#/nowhere/x"), Route::NotFound(_)));
    }
}
