//! A fast reader for scenario files written in the plain TOML that scenarios use.
//!
//! The toml crate first builds a generic document tree (every key and value spanned, in
//! B-tree maps) and then walks it again through serde; on a large scenario that is most
//! of the time a check takes. Scenario files use a small, regular part of TOML: bare
//! keys, single-line strings, decimal integers, inline arrays and tables, and a fixed
//! set of table headers. This module reads exactly that part straight into the raw
//! structs, with the same values and the same spans the toml crate gives.
//!
//! It never reports a problem itself. On anything outside that part, or anything that
//! is not valid (a duplicate key, an unknown field, a value of the wrong type, a syntax
//! error), it gives up and returns `None`, and the caller parses the file with the toml
//! crate, whose result and error messages are then exactly what they always were. The
//! fast reader therefore only has to be right about files it accepts, and a test
//! compares it with the toml crate on real, generated and mutated files.

use std::collections::BTreeMap;
use std::ops::Range;

use super::raw::{
    RawBranch, RawChoice, RawClient, RawEnding, RawNode, RawProvenance, RawScenario, RawVariable, S,
};

/// Reads a scenario file, or `None` when the toml crate must do it.
pub fn scenario(text: &str) -> Option<RawScenario> {
    // A byte order mark is legal TOML, but rare enough to leave to the toml crate.
    if text.starts_with('\u{feff}') {
        return None;
    }
    let mut p = Reader {
        text,
        bytes: text.as_bytes(),
        at: 0,
    };
    let mut raw = RawScenario::default();
    let mut table = Table::Top;
    loop {
        p.skip_blank();
        match p.peek() {
            None => break,
            Some(b'\n' | b'\r') => {}
            Some(b'#') => {}
            Some(b'[') => table = open(&mut raw, &mut p)?,
            Some(_) => {
                let key = p.key()?;
                p.skip_blank();
                p.eat(b'=')?;
                p.skip_blank();
                set(&mut raw, table, key, &mut p)?;
            }
        }
        p.end_of_line()?;
    }
    Some(raw)
}

/// The table that keys are currently added to: the last header read.
#[derive(Clone, Copy)]
enum Table {
    Top,
    Client,
    Provenance,
    Variable,
    Node,
    Choice,
    Ending,
}

/// Reads a table header and opens its table, as the toml crate would.
fn open(raw: &mut RawScenario, p: &mut Reader) -> Option<Table> {
    let start = p.at;
    let rest = &p.bytes[start..];
    // Headers are matched whole, so spaces inside brackets, quoted or dotted keys and
    // any other table fall back to the toml crate.
    const HEADERS: [(&[u8], Table); 6] = [
        (b"[[nodes.choices]]", Table::Choice),
        (b"[[nodes]]", Table::Node),
        (b"[[variables]]", Table::Variable),
        (b"[[endings]]", Table::Ending),
        (b"[client]", Table::Client),
        (b"[provenance]", Table::Provenance),
    ];
    let &(header, table) = HEADERS.iter().find(|(h, _)| rest.starts_with(h))?;
    p.at += header.len();
    let span = start..p.at;
    match table {
        Table::Client => {
            if raw.client.is_some() {
                return None;
            }
            raw.client = Some(S::new(span, RawClient::default()));
        }
        Table::Provenance => {
            if raw.provenance.is_some() {
                return None;
            }
            raw.provenance = Some(S::new(span, RawProvenance::default()));
        }
        Table::Variable => push(&mut raw.variables, span),
        Table::Node => push(&mut raw.nodes, span),
        Table::Ending => push(&mut raw.endings, span),
        Table::Choice => {
            // `[[nodes.choices]]` always adds to the last node; before any node the
            // toml crate would make `nodes` a table, which is an error here anyway.
            let node = raw.nodes.as_mut()?.get_mut().last_mut()?.get_mut();
            push(&mut node.choices, span);
        }
        Table::Top => return None,
    }
    Some(table)
}

/// Adds a table to an array of tables; the array's span is its first header's.
fn push<T: Default>(list: &mut Option<S<Vec<S<T>>>>, span: Range<usize>) {
    list.get_or_insert_with(|| S::new(span.clone(), Vec::new()))
        .get_mut()
        .push(S::new(span, T::default()));
}

/// Stores a value in a field that must not have been set before.
fn put<T>(slot: &mut Option<T>, value: Option<T>) -> Option<()> {
    if slot.is_some() {
        return None;
    }
    *slot = Some(value?);
    Some(())
}

/// Reads the value of `key` into the current table's field of that name.
fn set(raw: &mut RawScenario, table: Table, key: &str, p: &mut Reader) -> Option<()> {
    match table {
        Table::Top => match key {
            "format" => put(&mut raw.format, p.int()),
            "id" => put(&mut raw.id, p.string()),
            "title" => put(&mut raw.title, p.string()),
            "summary" => put(&mut raw.summary, p.string()),
            "setting" => put(&mut raw.setting, p.string()),
            "minutes" => put(&mut raw.minutes, p.int()),
            "version" => put(&mut raw.version, p.string()),
            "focus" => put(&mut raw.focus, p.strings()),
            "content_notes" => put(&mut raw.content_notes, p.strings()),
            "start" => put(&mut raw.start, p.string()),
            "references" => put(&mut raw.references, p.strings()),
            _ => None,
        },
        Table::Client => {
            let c = raw.client.as_mut()?.get_mut();
            match key {
                "name" => put(&mut c.name, p.string()),
                "pronouns" => put(&mut c.pronouns, p.string()),
                "age" => put(&mut c.age, p.string()),
                "context" => put(&mut c.context, p.string()),
                _ => None,
            }
        }
        Table::Provenance => {
            let v = raw.provenance.as_mut()?.get_mut();
            match key {
                "authors" => put(&mut v.authors, p.strings()),
                "date" => put(&mut v.date, p.string()),
                "note" => put(&mut v.note, p.string()),
                _ => None,
            }
        }
        Table::Variable => {
            let v: &mut RawVariable = last(&mut raw.variables)?;
            match key {
                "id" => put(&mut v.id, p.string()),
                "label" => put(&mut v.label, p.string()),
                "initial" => put(&mut v.initial, p.int()),
                "min" => put(&mut v.min, p.int()),
                "max" => put(&mut v.max, p.int()),
                _ => None,
            }
        }
        Table::Node => {
            let n: &mut RawNode = last(&mut raw.nodes)?;
            match key {
                "id" => put(&mut n.id, p.string()),
                "client" => put(&mut n.client, p.string()),
                "cues" => put(&mut n.cues, p.string()),
                "prompt" => put(&mut n.prompt, p.string()),
                "facilitator_notes" => put(&mut n.facilitator_notes, p.string()),
                _ => None,
            }
        }
        Table::Choice => {
            let n: &mut RawNode = last(&mut raw.nodes)?;
            let c: &mut RawChoice = last(&mut n.choices)?;
            match key {
                "text" => put(&mut c.text, p.string()),
                "class" => put(&mut c.class, p.string()),
                "patterns" => put(&mut c.patterns, p.strings()),
                "rationale" => put(&mut c.rationale, p.string()),
                "perspective" => put(&mut c.perspective, p.string()),
                "alternative" => put(&mut c.alternative, p.string()),
                "effects" => put(&mut c.effects, p.effects()),
                "next" => put(&mut c.next, p.string()),
                "branches" => put(&mut c.branches, p.branches()),
                _ => None,
            }
        }
        Table::Ending => {
            let e: &mut RawEnding = last(&mut raw.endings)?;
            match key {
                "id" => put(&mut e.id, p.string()),
                "kind" => put(&mut e.kind, p.string()),
                "title" => put(&mut e.title, p.string()),
                "text" => put(&mut e.text, p.string()),
                "questions" => put(&mut e.questions, p.strings()),
                _ => None,
            }
        }
    }
}

fn last<T>(list: &mut Option<S<Vec<S<T>>>>) -> Option<&mut T> {
    Some(list.as_mut()?.get_mut().last_mut()?.get_mut())
}

/// A cursor over the file's bytes. Every method returns `None` to give up.
struct Reader<'t> {
    text: &'t str,
    bytes: &'t [u8],
    at: usize,
}

impl<'t> Reader<'t> {
    #[inline]
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    #[inline]
    fn eat(&mut self, b: u8) -> Option<()> {
        (self.peek()? == b).then(|| self.at += 1)
    }

    /// Spaces and tabs.
    #[inline]
    fn skip_blank(&mut self) {
        while let Some(b' ' | b'\t') = self.peek() {
            self.at += 1;
        }
    }

    /// A comment up to (not including) its line ending.
    fn comment(&mut self) -> Option<()> {
        self.eat(b'#')?;
        while let Some(b) = self.peek() {
            match b {
                b'\n' | b'\r' => break,
                // Control characters other than tab are not allowed in comments.
                b'\t' => {}
                0..=0x1f | 0x7f => return None,
                _ => {}
            }
            self.at += 1;
        }
        Some(())
    }

    /// A line ending, `\n` or `\r\n`.
    fn newline(&mut self) -> Option<()> {
        if self.peek()? == b'\r' {
            self.at += 1;
        }
        self.eat(b'\n')
    }

    /// The rest of a line after a key/value pair or a header: blanks, an optional
    /// comment, then a line ending or the end of the file.
    fn end_of_line(&mut self) -> Option<()> {
        self.skip_blank();
        if self.peek() == Some(b'#') {
            self.comment()?;
        }
        match self.peek() {
            None => Some(()),
            Some(_) => self.newline(),
        }
    }

    /// Blanks, line endings and comments, as allowed between the items of an array.
    fn skip_array_space(&mut self) -> Option<()> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t') => self.at += 1,
                Some(b'\n' | b'\r') => self.newline()?,
                Some(b'#') => self.comment()?,
                _ => return Some(()),
            }
        }
    }

    /// A bare key.
    fn key(&mut self) -> Option<&'t str> {
        let start = self.at;
        while let Some(b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'_' | b'-') = self.peek() {
            self.at += 1;
        }
        (self.at > start).then(|| &self.text[start..self.at])
    }

    /// A single-line basic or literal string, with its span including the quotes.
    fn string(&mut self) -> Option<S<String>> {
        let start = self.at;
        let quote = self.peek()?;
        if quote != b'"' && quote != b'\'' {
            return None;
        }
        self.at += 1;
        // Two quotes are an empty string, unless a third makes a multi-line string.
        if self.peek() == Some(quote) {
            self.at += 1;
            if self.peek() == Some(quote) {
                return None;
            }
            return Some(S::new(start..self.at, String::new()));
        }
        let mut out: Option<String> = None;
        let mut run = self.at;
        loop {
            // Skip ordinary characters in one pass; only quotes, escapes and control
            // characters need a closer look. Bytes of multi-byte characters are all
            // 0x80 or above, so they are ordinary.
            let plain = self.bytes[self.at..]
                .iter()
                .position(|&b| b == quote || b == b'\\' || b < 0x20 || b == 0x7f)?;
            self.at += plain;
            let b = self.bytes[self.at];
            match b {
                _ if b == quote => {
                    let tail = &self.text[run..self.at];
                    self.at += 1;
                    let value = match out {
                        Some(mut s) => {
                            s.push_str(tail);
                            s
                        }
                        None => tail.to_owned(),
                    };
                    return Some(S::new(start..self.at, value));
                }
                b'\\' if quote == b'"' => {
                    let s = out.get_or_insert_with(String::new);
                    s.push_str(&self.text[run..self.at]);
                    self.at += 1;
                    let c = match self.peek()? {
                        b'b' => '\u{8}',
                        b't' => '\t',
                        b'n' => '\n',
                        b'f' => '\u{c}',
                        b'r' => '\r',
                        b'"' => '"',
                        b'\\' => '\\',
                        b'u' => self.hex_char(4)?,
                        b'U' => self.hex_char(8)?,
                        // Other escapes (TOML 1.1's `\e` and `\x`, or invalid ones) are
                        // left to the toml crate.
                        _ => return None,
                    };
                    // The cursor is on the escape's letter (or the last hex digit).
                    self.at += 1;
                    s.push(c);
                    run = self.at;
                }
                b'\t' => self.at += 1,
                // Control characters, including line endings, end a single-line string
                // in error.
                0..=0x1f | 0x7f => return None,
                _ => self.at += 1,
            }
        }
    }

    /// The character of a `\u` or `\U` escape: `digits` hex digits after the letter at
    /// the cursor. Leaves the cursor on the last digit.
    fn hex_char(&mut self, digits: usize) -> Option<char> {
        let hex = self.text.get(self.at + 1..self.at + 1 + digits)?;
        if !hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return None;
        }
        let c = char::from_u32(u32::from_str_radix(hex, 16).ok()?)?;
        self.at += digits;
        Some(c)
    }

    /// A decimal integer that fits an i64.
    fn int(&mut self) -> Option<S<i64>> {
        let start = self.at;
        let mut digits = String::new();
        if let Some(sign @ (b'+' | b'-')) = self.peek() {
            if sign == b'-' {
                digits.push('-');
            }
            self.at += 1;
        }
        let digits_start = self.at;
        if !self.peek()?.is_ascii_digit() {
            return None;
        }
        let mut prev_digit = false;
        while let Some(b) = self.peek() {
            match b {
                b'0'..=b'9' => {
                    digits.push(b as char);
                    prev_digit = true;
                }
                // An underscore must sit between two digits.
                b'_' if prev_digit => prev_digit = false,
                _ => break,
            }
            self.at += 1;
        }
        if !prev_digit {
            return None;
        }
        // Leading zeros are not allowed; a lone zero is. Whatever follows (a dot, an
        // exponent, a date) is checked by the caller, which expects a delimiter.
        if self.bytes[digits_start] == b'0' && self.at - digits_start > 1 {
            return None;
        }
        let value = digits.parse().ok()?;
        Some(S::new(start..self.at, value))
    }

    /// An inline array of strings.
    fn strings(&mut self) -> Option<S<Vec<S<String>>>> {
        self.array(Self::string)
    }

    /// An inline array, with items read by `item`. Trailing commas, line endings and
    /// comments are allowed between items, as TOML allows them.
    fn array<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<S<Vec<T>>> {
        let start = self.at;
        self.eat(b'[')?;
        let mut out = Vec::new();
        loop {
            self.skip_array_space()?;
            if self.eat(b']').is_some() {
                break;
            }
            out.push(item(self)?);
            self.skip_array_space()?;
            if self.eat(b',').is_none() {
                self.eat(b']')?;
                break;
            }
        }
        Some(S::new(start..self.at, out))
    }

    /// A one-line inline table, each value read by `value`. Trailing commas and line
    /// endings inside the braces (allowed from TOML 1.1) are left to the toml crate.
    fn inline_table(
        &mut self,
        mut value: impl FnMut(&mut Self, &'t str) -> Option<()>,
    ) -> Option<Range<usize>> {
        let start = self.at;
        self.eat(b'{')?;
        self.skip_blank();
        if self.eat(b'}').is_some() {
            return Some(start..self.at);
        }
        loop {
            let key = self.key()?;
            self.skip_blank();
            self.eat(b'=')?;
            self.skip_blank();
            value(self, key)?;
            self.skip_blank();
            if self.eat(b',').is_none() {
                self.eat(b'}')?;
                return Some(start..self.at);
            }
            self.skip_blank();
        }
    }

    /// `effects = { trust = 10, safety = -5 }`.
    fn effects(&mut self) -> Option<S<BTreeMap<String, S<i64>>>> {
        let mut map = BTreeMap::new();
        let span = self.inline_table(|p, key| {
            let v = p.int()?;
            map.insert(key.to_owned(), v).is_none().then_some(())
        })?;
        Some(S::new(span, map))
    }

    /// `branches = [{ when = "trust >= 60", next = "n2" }]`.
    fn branches(&mut self) -> Option<S<Vec<S<RawBranch>>>> {
        self.array(|p| {
            let mut b = RawBranch::default();
            let span = p.inline_table(|p, key| match key {
                "when" => put(&mut b.when, p.string()),
                "next" => put(&mut b.next, p.string()),
                _ => None,
            })?;
            Some(S::new(span, b))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Real scenarios and the test fixtures, valid and not.
    const FILES: &[&str] = &[
        include_str!("../../scenarios/breathe-into-it.toml"),
        include_str!("../../scenarios/coming-out-slowly.toml"),
        include_str!("../../scenarios/ending-well.toml"),
        include_str!("../../scenarios/homework-again.toml"),
        include_str!("../../scenarios/not-my-pronouns.toml"),
        include_str!("../../scenarios/overtime.toml"),
        include_str!("../../scenarios/session-six.toml"),
        include_str!("../../scenarios/tell-me-what-happened.toml"),
        include_str!("../../scenarios/the-allotment.toml"),
        include_str!("../../scenarios/the-body-i-live-in.toml"),
        include_str!("../../scenarios/the-choir.toml"),
        include_str!("../../scenarios/the-news.toml"),
        include_str!("../../scenarios/the-stim.toml"),
        include_str!("../../tests/fixtures/valid/small.toml"),
        include_str!("../../tests/fixtures/valid/markup.toml"),
        include_str!("../../tests/fixtures/lint/forced-pace.toml"),
        include_str!("../../tests/fixtures/lint/ending-never-reached.toml"),
        include_str!("../../tests/fixtures/lint/schema-comment.toml"),
        include_str!("../../tests/fixtures/invalid/syntax.toml"),
        include_str!("../../tests/fixtures/invalid/not-toml.toml"),
        include_str!("../../tests/fixtures/invalid/unknown-field.toml"),
        include_str!("../../tests/fixtures/invalid/wrong-type.toml"),
        include_str!("../../tests/fixtures/invalid/missing-fields.toml"),
        include_str!("../../tests/fixtures/invalid/duplicate-id.toml"),
    ];

    /// The fast reader either gives up or reads exactly what the toml crate reads.
    fn agrees(text: &str) -> bool {
        let Some(fast) = scenario(text) else {
            return false;
        };
        match toml::from_str::<RawScenario>(text) {
            Ok(slow) => assert_eq!(
                format!("{fast:?}"),
                format!("{slow:?}"),
                "the fast reader disagrees on:\n{text}"
            ),
            Err(e) => panic!("the fast reader accepted what toml rejects ({e}):\n{text}"),
        }
        true
    }

    #[test]
    fn reads_every_real_scenario_as_toml_does() {
        for (i, text) in FILES.iter().enumerate().take(15) {
            assert!(agrees(text), "file {i} fell back to the toml crate");
        }
        for text in FILES {
            agrees(text);
        }
    }

    #[test]
    fn reads_the_syntax_scenarios_use_as_toml_does() {
        let text = "format = 1 # a comment\r\nid = 'lit\\eral'\ntitle = \"t\\u00e9\\U0001F600\\\"\\\\ \\b\\f\\n\\r\\t\"\n\
            summary = \"\"\nminutes = +1_0\nfocus = [\n  \"a\", # one\n  'b',\n]\ncontent_notes = []\n\
            \t\n[client]  # c\nname = \"Sam\"\n[[variables]]\nid = \"trust\"\nmin = -0\nmax = 9_223_372_036_854_775_807\n\
            initial = -9223372036854775808\n[[nodes]]\nid = \"n0\"\n[[nodes.choices]]\ntext = \"x\"\n\
            effects = {trust=-1,safety = +2}\nbranches = [ {when=\"trust > 1\",next=\"n0\"} , { } ]\n\
            [[endings]]\nid = \"e\"\n[[nodes.choices]]\nnext = \"e\"\neffects = {}\n[provenance]\nauthors = []";
        assert!(agrees(text));
    }

    #[test]
    fn gives_up_on_what_it_does_not_read() {
        for text in [
            "id = \"\"\"x\"\"\"",
            "id = '''x'''",
            "id = \"a\\eb\"",
            "id = \"a\\x41\"",
            "id = \"\\ud800\"",
            "minutes = 01",
            "minutes = 1.5",
            "minutes = 0x10",
            "minutes = 1__0",
            "minutes = 10_",
            "minutes = 99999999999999999999",
            "id = \"a\"\nid = \"b\"",
            "ID = \"a\"",
            "\"id\" = \"a\"",
            "client.name = \"a\"",
            "[ client ]",
            "[client]\n[client]",
            "[[nodes.choices]]",
            "[[nodes]]\n[[nodes.choices]]\neffects = { a = 1, a = 2 }",
            "[[nodes]]\n[[nodes.choices]]\neffects = { a = 1, }",
            "[[nodes]]\n[[nodes.choices]]\nbranches = [{ when = \"x\", other = 1 }]",
            "id = \"a\" b",
            "id = \"a\tb\rc\"",
            "# bad \u{7f} comment",
            "id = 1",
            "minutes = \"1\"",
            "focus = \"a\"",
            "\u{feff}id = \"a\"",
            "id = \"a\"\r",
        ] {
            assert!(scenario(text).is_none(), "{text}");
        }
    }

    #[test]
    fn agrees_with_toml_on_mutated_files() {
        const EDITS: &[&str] = &[
            "",
            "\"",
            "'",
            "\\",
            "#",
            "\n",
            "\r",
            "\t",
            " ",
            "[",
            "]",
            "{",
            "}",
            ",",
            "=",
            "_",
            "0",
            "-",
            "+",
            ".",
            "x",
            "\\u00e9",
            "\"\"",
            "[[nodes]]\n",
            "é",
        ];
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let mut accepted = 0;
        for _ in 0..1500 {
            let text = FILES[next(FILES.len())];
            let mut at = next(text.len() + 1);
            while !text.is_char_boundary(at) {
                at -= 1;
            }
            let edit = EDITS[next(EDITS.len())];
            // Each edit replaces zero or one character, so deletions happen too.
            let mut end = at + usize::from(next(2) == 0 && at < text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            let mutated = format!("{}{edit}{}", &text[..at], &text[end..]);
            accepted += usize::from(agrees(&mutated));
        }
        // Most edits land in string text, where they keep the file readable.
        assert!(
            accepted > 300,
            "only {accepted} mutated files were read fast"
        );
    }
}
