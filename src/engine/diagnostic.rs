//! Problems found in a file, each tied to a span so it can be shown at file:line:column.

use serde::Serialize;
use std::ops::Range;

use super::source::SourceFile;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

/// Stable diagnostic codes. Never renumber one: educators and tools key on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Code {
    TomlSyntax,
    MissingField,
    DuplicateId,
    DanglingNext,
    UnknownPattern,
    UnreachableNode,
    NoEndingReachable,
    UndefinedVariable,
    FeedbackIncomplete,
    BadCondition,
    InvalidValue,
    UnsupportedFormat,
    NoChoices,
    FileTooLarge,
    NotUtf8,
    ManifestMismatch,
    UnknownField,
    // Domain lints (warnings) from `lint.rs`, appended after the errors.
    EndingNeverReached,
    NoAttunedChoice,
    NoRealBranch,
    PatternNeverExplained,
    ForcedPace,
    NoContentNotes,
    LongChoiceText,
    // Library-level warning from `library.rs` (the guessability check in `guess.rs`).
    GuessableWording,
    // Checks over every play (`paths.rs`) and more lints, from issue 12.
    AssumptionViolated,
    UnearnedGrowth,
    OneWayMeters,
    LearningOutcomes,
}

impl Code {
    pub const ALL: [Code; 29] = [
        Code::TomlSyntax,
        Code::MissingField,
        Code::DuplicateId,
        Code::DanglingNext,
        Code::UnknownPattern,
        Code::UnreachableNode,
        Code::NoEndingReachable,
        Code::UndefinedVariable,
        Code::FeedbackIncomplete,
        Code::BadCondition,
        Code::InvalidValue,
        Code::UnsupportedFormat,
        Code::NoChoices,
        Code::FileTooLarge,
        Code::NotUtf8,
        Code::ManifestMismatch,
        Code::UnknownField,
        Code::EndingNeverReached,
        Code::NoAttunedChoice,
        Code::NoRealBranch,
        Code::PatternNeverExplained,
        Code::ForcedPace,
        Code::NoContentNotes,
        Code::LongChoiceText,
        Code::GuessableWording,
        Code::AssumptionViolated,
        Code::UnearnedGrowth,
        Code::OneWayMeters,
        Code::LearningOutcomes,
    ];

    /// The short stable code, such as `A004`.
    pub fn code(self) -> &'static str {
        match self {
            Code::TomlSyntax => "A001",
            Code::MissingField => "A002",
            Code::DuplicateId => "A003",
            Code::DanglingNext => "A004",
            Code::UnknownPattern => "A005",
            Code::UnreachableNode => "A006",
            Code::NoEndingReachable => "A007",
            Code::UndefinedVariable => "A008",
            Code::FeedbackIncomplete => "A009",
            Code::BadCondition => "A010",
            Code::InvalidValue => "A011",
            Code::UnsupportedFormat => "A012",
            Code::NoChoices => "A013",
            Code::FileTooLarge => "A014",
            Code::NotUtf8 => "A015",
            Code::ManifestMismatch => "A016",
            Code::UnknownField => "A017",
            Code::EndingNeverReached => "A018",
            Code::NoAttunedChoice => "A019",
            Code::NoRealBranch => "A020",
            Code::PatternNeverExplained => "A021",
            Code::ForcedPace => "A022",
            Code::NoContentNotes => "A023",
            Code::LongChoiceText => "A024",
            Code::GuessableWording => "A025",
            Code::AssumptionViolated => "A026",
            Code::UnearnedGrowth => "A027",
            Code::OneWayMeters => "A028",
            Code::LearningOutcomes => "A029",
        }
    }

    /// The readable name, such as `dangling-next`.
    pub fn name(self) -> &'static str {
        match self {
            Code::TomlSyntax => "toml-syntax",
            Code::MissingField => "missing-field",
            Code::DuplicateId => "duplicate-id",
            Code::DanglingNext => "dangling-next",
            Code::UnknownPattern => "unknown-pattern",
            Code::UnreachableNode => "unreachable-node",
            Code::NoEndingReachable => "no-ending-reachable",
            Code::UndefinedVariable => "undefined-variable",
            Code::FeedbackIncomplete => "feedback-incomplete",
            Code::BadCondition => "bad-condition",
            Code::InvalidValue => "invalid-value",
            Code::UnsupportedFormat => "unsupported-format",
            Code::NoChoices => "no-choices",
            Code::FileTooLarge => "file-too-large",
            Code::NotUtf8 => "not-utf8",
            Code::ManifestMismatch => "manifest-mismatch",
            Code::UnknownField => "unknown-field",
            Code::EndingNeverReached => "ending-never-reached",
            Code::NoAttunedChoice => "no-attuned-choice",
            Code::NoRealBranch => "no-real-branch",
            Code::PatternNeverExplained => "pattern-never-explained",
            Code::ForcedPace => "forced-pace",
            Code::NoContentNotes => "no-content-notes",
            Code::LongChoiceText => "long-choice-text",
            Code::GuessableWording => "guessable-wording",
            Code::AssumptionViolated => "assumption-violated",
            Code::UnearnedGrowth => "unearned-growth",
            Code::OneWayMeters => "one-way-meters",
            Code::LearningOutcomes => "learning-outcomes",
        }
    }
}

/// One problem, already resolved to a line and column in its file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub severity: Severity,
    #[serde(serialize_with = "ser_code")]
    pub code: Code,
    pub message: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hint: Option<String>,
    /// Byte range in the file, for renderers that underline.
    #[serde(skip)]
    pub span: Range<usize>,
}

fn ser_code<S: serde::Serializer>(code: &Code, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(code.code())
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// One line in the `file:line:column: error[A004] message` shape.
    pub fn one_line(&self) -> String {
        let sev = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        format!(
            "{}:{}:{}: {}[{} {}]: {}",
            self.file,
            self.line,
            self.column,
            sev,
            self.code.code(),
            self.code.name(),
            self.message
        )
    }
}

/// Collects diagnostics for one file; it never stops at the first.
pub struct Sink<'a> {
    pub file: &'a SourceFile,
    pub out: Vec<Diagnostic>,
}

impl<'a> Sink<'a> {
    pub fn new(file: &'a SourceFile) -> Self {
        Sink {
            file,
            out: Vec::new(),
        }
    }

    pub fn push(
        &mut self,
        severity: Severity,
        code: Code,
        span: Range<usize>,
        message: impl Into<String>,
        hint: Option<String>,
    ) {
        let span = self.file.clamp(span);
        let (line, column) = self.file.line_col(span.start);
        self.out.push(Diagnostic {
            file: self.file.name.clone(),
            line,
            column,
            severity,
            code,
            message: message.into(),
            hint,
            span,
        });
    }

    pub fn error(&mut self, code: Code, span: Range<usize>, message: impl Into<String>) {
        self.push(Severity::Error, code, span, message, None);
    }

    pub fn error_hint(
        &mut self,
        code: Code,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Severity::Error, code, span, message, Some(hint.into()));
    }

    pub fn warn(
        &mut self,
        code: Code,
        span: Range<usize>,
        message: impl Into<String>,
        hint: impl Into<String>,
    ) {
        self.push(Severity::Warning, code, span, message, Some(hint.into()));
    }

    pub fn has_errors(&self) -> bool {
        self.out.iter().any(Diagnostic::is_error)
    }
}
