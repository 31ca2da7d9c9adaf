//! The devset's gold markup: `{surface|label}` or `{surface|label|classes}`
//! written inline in a text, stripped into the plain text glossator reads
//! and the gold spans, with exact byte offsets into that plain text.
//!
//! A label is `KIND:ID` (an entry mention: `person:abraham-lincoln`, or
//! `person:new:chiang-kai-shek` for an entry the lexicon does not have
//! yet), `date:VALUE` (EDTF) or `trap` (a careful reader tags nothing
//! here). Classes say which variant or trap the mention is
//! (`surname,possessive`). Marks nest (`{{Lenin|person:lenin}'s death|...}`);
//! `\{`, `\}`, `\|` and `\\` write those characters literally, and a `|`
//! outside any mark is plain text. `tests/data/devset/README.md` has the
//! annotation guidelines.

use std::fmt;

/// The entry kinds a gold mention may have.
pub const KINDS: [&str; 5] = ["person", "place", "org", "event", "term"];

/// The classes a mention may carry: issue 14's variants for entries,
/// issue 16's forms for dates, and the kinds of trap.
pub const CLASSES: [&str; 37] = [
    // entry variants
    "surname",
    "title",
    "initials",
    "regnal",
    "possessive",
    "firstname",
    "number",
    "spelling",
    "compound",
    "misspelling",
    "acronym",
    "emphasis",
    "nested",
    "shortened",
    "numeral",
    // date forms
    "era",
    "century",
    "approx",
    "uncertain",
    "short",
    "numeric",
    "enum",
    "dual",
    "os",
    "small-year",
    "range",
    "season",
    // traps
    "common-word",
    "shared-name",
    "first-name",
    "near-word",
    "url",
    "file",
    "quantity",
    "reference",
    "adjective",
    "description",
];

/// What a gold span says is there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Label {
    /// A mention of a lexicon entry; `id` may start with `new:`.
    Entry { kind: String, id: String },
    /// A date with its EDTF value.
    Date { value: String },
    /// Nothing should be tagged in this stretch.
    Trap,
}

/// One gold span of a [`GoldText`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldSpan {
    /// Byte offsets into [`GoldText::text`].
    pub start: usize,
    pub end: usize,
    pub label: Label,
    pub classes: Vec<String>,
    /// The line of the markup file the mark opens on (1-based).
    pub line: usize,
}

/// A text with its markup stripped, and its gold spans in text order
/// (by start, then longer first).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldText {
    pub text: String,
    pub spans: Vec<GoldSpan>,
}

/// A markup error, with the line it is on.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MarkupError {
    pub line: usize,
    pub message: String,
}

impl fmt::Display for MarkupError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// A mark whose `}` has not been read yet.
struct Open {
    start: usize,
    line: usize,
    /// The label text, once its `|` was read.
    label: Option<String>,
}

/// Strips the markup of `markup` into the plain text and its gold spans.
pub fn parse(markup: &str) -> Result<GoldText, MarkupError> {
    let mut text = String::with_capacity(markup.len());
    let mut spans = Vec::new();
    let mut open: Vec<Open> = Vec::new();
    let mut line = 1;
    let mut chars = markup.chars();
    let error = |line, message: String| MarkupError { line, message };
    while let Some(c) = chars.next() {
        let in_label = open.last().is_some_and(|mark| mark.label.is_some());
        if c == '\n' {
            if in_label {
                return Err(error(line, "label runs past the line end".into()));
            }
            line += 1;
        }
        match c {
            '\\' => match chars.next() {
                Some(escaped @ ('{' | '}' | '|' | '\\')) => push(&mut text, &mut open, escaped),
                other => return Err(error(line, format!("bad escape \\{other:?}"))),
            },
            '{' if in_label => return Err(error(line, "`{` inside a label".into())),
            '{' => open.push(Open {
                start: text.len(),
                line,
                label: None,
            }),
            '|' if !open.is_empty() && !in_label => {
                if let Some(mark) = open.last_mut() {
                    mark.label = Some(String::new());
                }
            }
            '}' => {
                let mark = open
                    .pop()
                    .ok_or_else(|| error(line, "`}` closes no mark".into()))?;
                let label = mark
                    .label
                    .ok_or_else(|| error(mark.line, "mark without a `|label`".into()))?;
                let span = gold_span(&text, mark.start, mark.line, &label)
                    .map_err(|message| error(mark.line, message))?;
                spans.push(span);
            }
            _ => push(&mut text, &mut open, c),
        }
    }
    if let Some(mark) = open.first() {
        return Err(error(mark.line, "mark never closed".into()));
    }
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    Ok(GoldText { text, spans })
}

/// Appends `c` to the label being read, or else to the text.
fn push(text: &mut String, open: &mut [Open], c: char) {
    match open.last_mut().and_then(|mark| mark.label.as_mut()) {
        Some(label) => label.push(c),
        None => text.push(c),
    }
}

/// The span `text[start..]` with the label and classes of `label_text`
/// (`label` or `label|classes`), checked against the guidelines.
fn gold_span(text: &str, start: usize, line: usize, label_text: &str) -> Result<GoldSpan, String> {
    let surface = &text[start..];
    if surface.is_empty() {
        return Err("empty surface".into());
    }
    if surface.trim() != surface {
        return Err(format!("{surface:?}: white space at an end of the span"));
    }
    let (label, classes) = match label_text.split_once('|') {
        Some((label, classes)) => (label, classes.split(',').map(str::trim).collect()),
        None => (label_text, Vec::new()),
    };
    let label = parse_label(label)?;
    if let Some(class) = classes.iter().find(|c| !CLASSES.contains(c)) {
        return Err(format!("unknown class {class:?}"));
    }
    if !matches!(label, Label::Trap) {
        check_span_rules(surface)?;
    }
    if matches!(label, Label::Date { .. })
        && (surface.starts_with("the ") || surface.starts_with("The "))
    {
        return Err(format!(
            "{surface:?}: a leading \"the\" is not part of a date"
        ));
    }
    Ok(GoldSpan {
        start,
        end: text.len(),
        label,
        classes: classes.into_iter().map(str::to_owned).collect(),
        line,
    })
}

fn parse_label(label: &str) -> Result<Label, String> {
    if label == "trap" {
        return Ok(Label::Trap);
    }
    let (kind, rest) = label
        .split_once(':')
        .ok_or_else(|| format!("label {label:?} is not KIND:ID, date:VALUE or trap"))?;
    if kind == "date" {
        if rest.is_empty() || rest.contains(char::is_whitespace) {
            return Err(format!("bad date value {rest:?}"));
        }
        return Ok(Label::Date {
            value: rest.to_owned(),
        });
    }
    if !KINDS.contains(&kind) {
        return Err(format!("unknown kind {kind:?}"));
    }
    let slug = rest.strip_prefix("new:").unwrap_or(rest);
    let is_slug = |s: &str| {
        !s.is_empty()
            && s.bytes()
                .all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'-'))
    };
    if !is_slug(slug) {
        return Err(format!("bad entry id {rest:?}"));
    }
    Ok(Label::Entry {
        kind: kind.to_owned(),
        id: rest.to_owned(),
    })
}

/// The span rules of the guidelines that can be checked mechanically: no
/// possessive ending and no punctuation at either end.
fn check_span_rules(surface: &str) -> Result<(), String> {
    for suffix in ["'s", "’s", "'", "’"] {
        if surface.ends_with(suffix) {
            return Err(format!(
                "{surface:?}: a possessive ending is not part of the span"
            ));
        }
    }
    let edge_marks = [
        '_', '*', '"', '“', '”', '‘', '(', ')', '[', ']', ',', ';', ':',
    ];
    let first = surface.chars().next();
    let last = surface.chars().next_back();
    // A closing `)` may end a span that opened one ("7 November) 1917" does
    // not; "Order (No. 1)" would).
    let balanced = surface.matches('(').count() == surface.matches(')').count();
    if first.is_some_and(|c| edge_marks.contains(&c) && c != '\'')
        || last.is_some_and(|c| edge_marks.contains(&c) && !(c == ')' && balanced))
    {
        return Err(format!(
            "{surface:?}: markup or punctuation at an end of the span"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(markup: &str) -> Vec<(String, Label, Vec<String>)> {
        let gold = parse(markup).unwrap();
        gold.spans
            .iter()
            .map(|s| {
                (
                    gold.text[s.start..s.end].to_owned(),
                    s.label.clone(),
                    s.classes.clone(),
                )
            })
            .collect()
    }

    fn entry(kind: &str, id: &str) -> Label {
        Label::Entry {
            kind: kind.into(),
            id: id.into(),
        }
    }

    #[test]
    fn markup_strips_to_text_with_byte_offsets() {
        let gold = parse("“{Lincoln|person:abraham-lincoln|surname}’s” army, {44 BC|date:-0043}.")
            .unwrap();
        assert_eq!(gold.text, "“Lincoln’s” army, 44 BC.");
        assert_eq!(gold.spans[0].start, "“".len());
        assert_eq!(&gold.text[gold.spans[1].start..gold.spans[1].end], "44 BC");
        assert_eq!(
            spans("{Lincoln|person:abraham-lincoln|surname, possessive}'s"),
            [(
                "Lincoln".into(),
                entry("person", "abraham-lincoln"),
                vec!["surname".into(), "possessive".into()]
            )]
        );
    }

    #[test]
    fn marks_nest_and_escapes_are_literal() {
        let got = spans("{{Lenin|person:lenin}’s death|event:death-of-lenin} \\{a\\|b\\} x|y");
        assert_eq!(got[0].0, "Lenin’s death");
        assert_eq!(got[1], ("Lenin".into(), entry("person", "lenin"), vec![]));
        assert_eq!(parse("\\{a\\|b\\} x|y").unwrap().text, "{a|b} x|y");
        assert_eq!(
            spans("{ogpu|org:ogpu|acronym} {grant|trap|common-word} {x|place:new:china}")[2].1,
            entry("place", "new:china")
        );
        assert_eq!(spans("{grant|trap}")[0].1, Label::Trap);
    }

    #[test]
    fn bad_markup_is_an_error_with_its_line() {
        let line = |markup: &str| parse(markup).unwrap_err().line;
        assert_eq!(line("a\n{b|person:b"), 2);
        assert_eq!(line("a\nb}"), 2);
        assert_eq!(line("{b}"), 1);
        assert_eq!(line("\n\n{b|thing:b}"), 3);
        assert_eq!(line("{b|person:B}"), 1);
        assert_eq!(line("{b|person:b|sirname}"), 1);
        assert_eq!(line("{Lincoln's|person:abraham-lincoln}"), 1);
        assert_eq!(line("{_Pravda_|org:pravda}"), 1);
        assert_eq!(line("{ x|person:x}"), 1);
        assert_eq!(line("{x|date:1861\n}"), 1);
        assert_eq!(line("{the 1860s|date:186X}"), 1);
    }
}
