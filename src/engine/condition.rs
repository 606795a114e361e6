//! The small condition language used in `branches`: `trust >= 60 and safety > 30`.
//!
//! It is deliberately tiny (comparisons joined by `and`) so educators can read it aloud.

use super::model::{Comparison, Condition, Op};

/// Why a condition did not parse or names an unknown variable.
#[derive(Debug, PartialEq, Eq)]
pub enum ConditionError {
    Syntax(String),
    UnknownVariable(String),
}

/// Parses a condition, resolving variable names with `lookup`.
pub fn parse(
    src: &str,
    lookup: impl Fn(&str) -> Option<usize>,
) -> Result<Condition, ConditionError> {
    let mut all = Vec::new();
    for part in src.split(" and ") {
        let tokens: Vec<&str> = part.split_whitespace().collect();
        let [name, op, value] = tokens[..] else {
            return Err(ConditionError::Syntax(format!(
                "expected `variable op number`, found `{}`",
                part.trim()
            )));
        };
        let op = match op {
            "<" => Op::Lt,
            "<=" => Op::Le,
            ">" => Op::Gt,
            ">=" => Op::Ge,
            "==" => Op::Eq,
            "!=" => Op::Ne,
            other => {
                return Err(ConditionError::Syntax(format!(
                    "unknown comparison `{other}`; use <, <=, >, >=, == or !="
                )))
            }
        };
        let value: i32 = value
            .parse()
            .map_err(|_| ConditionError::Syntax(format!("`{value}` is not a whole number")))?;
        let var = lookup(name).ok_or_else(|| ConditionError::UnknownVariable(name.to_owned()))?;
        all.push(Comparison { var, op, value });
    }
    Ok(Condition {
        source: src.to_owned(),
        all,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn vars(name: &str) -> Option<usize> {
        ["trust", "safety"].iter().position(|v| *v == name)
    }

    #[test]
    fn parses_and_evaluates_conjunctions() {
        let c = parse("trust >= 60 and safety < 20", vars).unwrap();
        assert!(c.holds(&[60, 10]));
        assert!(!c.holds(&[59, 10]));
        assert!(!c.holds(&[70, 20]));
    }

    #[test]
    fn reports_syntax_and_unknown_variables() {
        assert!(matches!(
            parse("trust >=", vars),
            Err(ConditionError::Syntax(_))
        ));
        assert!(matches!(
            parse("trust => 3", vars),
            Err(ConditionError::Syntax(_))
        ));
        assert!(matches!(
            parse("trust > x", vars),
            Err(ConditionError::Syntax(_))
        ));
        assert_eq!(
            parse("hope > 3", vars),
            Err(ConditionError::UnknownVariable("hope".into()))
        );
    }
}
