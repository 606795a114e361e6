//! The small condition language of `branches`, ending `assumes` and paragraph `when`:
//! atoms joined by `and`, such as `trust >= 60 and visited names_it and not chose harmful`.
//!
//! It is deliberately tiny (no `or`, no brackets) so educators can read it aloud. The
//! atoms are a comparison (`trust >= 60`), `visited NODE`, `chose CLASS`, `met PATTERN`
//! and `repaired`, each of which may follow `not`. Parsing resolves every name, and
//! reports every problem with its place in the text, so the validator can underline it.

use std::collections::HashMap;
use std::ops::Range;

use super::model::{Atom, Catalog, Classification, Comparison, Condition, Op, PatternId, Test};

/// The names a condition may use: variables, nodes (for `visited`) and patterns (for
/// `met`). Ending ids are listed only to say why `visited` cannot name one.
pub struct Names<'a> {
    pub vars: &'a HashMap<String, usize>,
    pub nodes: &'a [String],
    pub endings: &'a [String],
    pub catalog: &'a Catalog,
}

/// What is wrong with a condition. `at` is the byte range within the condition's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ConditionError {
    Syntax {
        message: String,
        at: Range<usize>,
    },
    UnknownVariable {
        name: String,
        at: Range<usize>,
    },
    /// `visited` names no node; `ending` is true when it names an ending instead.
    UnknownNode {
        name: String,
        at: Range<usize>,
        ending: bool,
    },
    UnknownPattern {
        name: String,
        at: Range<usize>,
    },
}

impl ConditionError {
    pub fn at(&self) -> Range<usize> {
        match self {
            ConditionError::Syntax { at, .. }
            | ConditionError::UnknownVariable { at, .. }
            | ConditionError::UnknownNode { at, .. }
            | ConditionError::UnknownPattern { at, .. } => at.clone(),
        }
    }
}

/// The words of a condition with their byte ranges.
fn words(src: &str) -> Vec<(&str, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, ch) in src.char_indices().chain(std::iter::once((src.len(), ' '))) {
        match (ch.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((&src[s..i], s..i));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    out
}

const ATOMS: &str = "`variable op number`, `visited NODE`, `chose CLASS`, `met PATTERN` or `repaired`, each optionally after `not`";

/// Parses a condition, resolving its names. Every problem is reported, not just the first.
pub fn parse(src: &str, names: &Names) -> Result<Condition, Vec<ConditionError>> {
    let words = words(src);
    let mut all = Vec::new();
    let mut errors = Vec::new();
    if words.is_empty() {
        return Err(vec![ConditionError::Syntax {
            message: format!("the condition is empty; write {ATOMS}"),
            at: 0..src.len(),
        }]);
    }
    for part in words.split(|(w, _)| *w == "and") {
        match atom(part, names, src.len()) {
            Ok(t) => all.push(t),
            Err(e) => errors.push(e),
        }
    }
    if errors.is_empty() {
        Ok(Condition {
            source: src.to_owned(),
            all,
        })
    } else {
        Err(errors)
    }
}

fn atom(part: &[(&str, Range<usize>)], names: &Names, len: usize) -> Result<Test, ConditionError> {
    let whole = match (part.first(), part.last()) {
        (Some(a), Some(b)) => a.1.start..b.1.end,
        // An `and` at either end, or two in a row.
        _ => {
            return Err(ConditionError::Syntax {
                message: "`and` needs a test on each side".to_owned(),
                at: 0..len,
            })
        }
    };
    let syntax = |message: String| ConditionError::Syntax {
        message,
        at: whole.clone(),
    };
    let text = || part.iter().map(|(w, _)| *w).collect::<Vec<_>>().join(" ");
    if let Some((w, at)) = part.iter().find(|(w, _)| *w == "or") {
        return Err(ConditionError::Syntax {
            message: format!(
                "conditions join tests with `and` only, but `{w}` appears; give each alternative its own branch"
            ),
            at: at.clone(),
        });
    }
    let (negated, rest) = match part {
        [("not", _), rest @ ..] => (true, rest),
        _ => (false, part),
    };
    let atom = match rest {
        [("not", _), ..] => return Err(syntax("`not not` cancels out; remove both".to_owned())),
        [("repaired", _)] => Atom::Repaired,
        [("visited", _), (id, at)] => match names.nodes.iter().position(|n| n == id) {
            Some(i) => Atom::Visited(i),
            None => {
                return Err(ConditionError::UnknownNode {
                    name: (*id).to_owned(),
                    at: at.clone(),
                    ending: names.endings.iter().any(|e| e == id),
                })
            }
        },
        [("chose", _), (class, at)] => match Classification::parse(class) {
            Some(c) => Atom::Chose(c),
            None => {
                return Err(ConditionError::Syntax {
                    message: format!("`chose` takes attuned, subtle or harmful, not `{class}`"),
                    at: at.clone(),
                })
            }
        },
        [("met", _), (p, at)] => match names.catalog.get(p) {
            Some(_) => Atom::Met(PatternId((*p).to_owned())),
            None => {
                return Err(ConditionError::UnknownPattern {
                    name: (*p).to_owned(),
                    at: at.clone(),
                })
            }
        },
        [(name, name_at), (op, _), (value, value_at)] => {
            let op = match *op {
                "<" => Op::Lt,
                "<=" => Op::Le,
                ">" => Op::Gt,
                ">=" => Op::Ge,
                "==" => Op::Eq,
                "!=" => Op::Ne,
                other => {
                    return Err(syntax(format!(
                        "unknown comparison `{other}`; use <, <=, >, >=, == or !="
                    )))
                }
            };
            let value: i32 = value.parse().map_err(|_| ConditionError::Syntax {
                message: format!("`{value}` is not a whole number"),
                at: value_at.clone(),
            })?;
            let var =
                names
                    .vars
                    .get(*name)
                    .copied()
                    .ok_or_else(|| ConditionError::UnknownVariable {
                        name: (*name).to_owned(),
                        at: name_at.clone(),
                    })?;
            Atom::Compare(Comparison { var, op, value })
        }
        _ => return Err(syntax(format!("expected {ATOMS}, found `{}`", text()))),
    };
    Ok(Test { atom, negated })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::model::{Classification, Facts, Pattern};

    struct Fixed {
        vars: Vec<i32>,
        visited: Vec<usize>,
        harmful: bool,
        repaired: bool,
    }

    impl Facts for Fixed {
        fn var(&self, v: usize) -> i32 {
            self.vars[v]
        }
        fn visited(&self, n: usize) -> bool {
            self.visited.contains(&n)
        }
        fn chose(&self, c: Classification) -> bool {
            c == Classification::Harmful && self.harmful
        }
        fn met(&self, p: &PatternId) -> bool {
            p.as_str() == "individualising" && self.harmful
        }
        fn repaired(&self) -> bool {
            self.repaired
        }
    }

    fn with_names<T>(f: impl FnOnce(&Names) -> T) -> T {
        let vars: HashMap<String, usize> = [("trust".to_owned(), 0), ("safety".to_owned(), 1)]
            .into_iter()
            .collect();
        let nodes = ["open".to_owned(), "names_it".to_owned()];
        let endings = ["closed".to_owned()];
        let catalog = Catalog {
            patterns: vec![Pattern {
                id: PatternId("individualising".into()),
                number: 1,
                name: String::new(),
                summary: String::new(),
                description: String::new(),
                alternative: String::new(),
                example_harmful: None,
                example_alternative: None,
                questions: Vec::new(),
                references: Vec::new(),
            }],
            principles: Vec::new(),
        };
        f(&Names {
            vars: &vars,
            nodes: &nodes,
            endings: &endings,
            catalog: &catalog,
        })
    }

    fn facts(vars: [i32; 2]) -> Fixed {
        Fixed {
            vars: vars.to_vec(),
            visited: vec![0],
            harmful: false,
            repaired: true,
        }
    }

    #[test]
    fn parses_and_evaluates_conjunctions() {
        let c = with_names(|n| parse("trust >= 60 and safety < 20", n)).unwrap();
        assert!(c.holds(&facts([60, 10])));
        assert!(!c.holds(&facts([59, 10])));
        assert!(!c.holds(&facts([70, 20])));
        assert!(!c.reads_history());
    }

    #[test]
    fn history_atoms_and_negation_evaluate() {
        let c = with_names(|n| {
            parse(
                "visited open and not visited names_it and not chose harmful and repaired",
                n,
            )
        })
        .unwrap();
        assert!(c.reads_history());
        let mut f = facts([0, 0]);
        assert!(c.holds(&f));
        f.visited.push(1);
        assert!(!c.holds(&f));
        f.visited.pop();
        f.harmful = true;
        assert!(!c.holds(&f));
        let met = with_names(|n| parse("met individualising and not repaired", n)).unwrap();
        f.repaired = false;
        assert!(met.holds(&f));
        f.harmful = false;
        assert!(!met.holds(&f));
    }

    #[test]
    fn reports_syntax_and_unknown_names_with_places() {
        let errs = |src: &str| with_names(|n| parse(src, n)).unwrap_err();
        assert!(matches!(
            errs("trust >=")[..],
            [ConditionError::Syntax { .. }]
        ));
        assert!(matches!(
            errs("trust => 3")[..],
            [ConditionError::Syntax { .. }]
        ));
        assert!(matches!(
            errs("trust > x")[..],
            [ConditionError::Syntax { .. }]
        ));
        assert!(matches!(errs("")[..], [ConditionError::Syntax { .. }]));
        assert!(matches!(
            errs("trust > 3 and")[..],
            [ConditionError::Syntax { .. }]
        ));
        assert!(matches!(
            errs("not not repaired")[..],
            [ConditionError::Syntax { .. }]
        ));
        assert!(matches!(
            errs("chose kind")[..],
            [ConditionError::Syntax { .. }]
        ));
        assert_eq!(
            errs("hope > 3"),
            vec![ConditionError::UnknownVariable {
                name: "hope".into(),
                at: 0..4
            }]
        );
        // Every problem is reported, each at its own words.
        assert_eq!(
            errs("visited nams_it and met individualisng and visited closed"),
            vec![
                ConditionError::UnknownNode {
                    name: "nams_it".into(),
                    at: 8..15,
                    ending: false
                },
                ConditionError::UnknownPattern {
                    name: "individualisng".into(),
                    at: 24..38
                },
                ConditionError::UnknownNode {
                    name: "closed".into(),
                    at: 51..57,
                    ending: true
                },
            ]
        );
        let or = errs("repaired or visited open");
        assert_eq!(or[0].at(), 9..11);
    }
}
