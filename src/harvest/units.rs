//! A document as the recogniser reads it: its blocks cut into *units*,
//! one a line (a line that wraps on, one starting in lower case after a
//! line with no end punctuation, stays with it), markup left out, bullets
//! and white space tidied, each knowing its block's kind, where it is in
//! the source and the bold run it starts with.

use std::borrow::Cow;
use std::ops::Range;

use crate::document::{Block, BlockKind, Boundary, Document, MarkKind, SourcePlace};

/// The shortest line that may wrap on to the next: a note's lines are
/// often short and start in lower case (`the Jacobins (…)`), wrapped
/// prose's are long.
const WRAPPED_LINE: usize = 50;

/// One line of a block, tidied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Unit {
    /// The text: markup, bullets and `**` left out, white space collapsed.
    pub text: String,
    /// Its bytes in the document's text.
    pub range: Range<usize>,
    /// Where it is in the source file.
    pub place: SourcePlace,
    /// Its block's kind.
    pub kind: BlockKind,
    /// Does it start a block?
    pub first: bool,
    /// Does its block start at real structure (not a guess of plain text)?
    pub hard: bool,
    /// The bold run it starts with, tidied (`**Kulak** – …` → `Kulak`).
    pub bold: Option<String>,
}

impl Unit {
    /// Is the whole unit one bold run?
    pub fn all_bold(&self) -> bool {
        self.bold.as_deref() == Some(self.text.as_str())
    }

    /// Is it a heading?
    pub fn is_heading(&self) -> bool {
        matches!(self.kind, BlockKind::Heading { .. })
    }
}

/// The units of `doc`, in order (code blocks left out).
pub(super) fn units(doc: &Document) -> Vec<Unit> {
    let layout = doc.fitting_layout();
    let masked = layout.masked(&doc.text);
    let strong: Vec<Range<usize>> = layout
        .marks()
        .iter()
        .filter(|m| m.kind == MarkKind::Strong)
        .map(|m| m.range.clone())
        .collect();
    let mut units = Vec::new();
    for block in layout.blocks() {
        if block.kind == BlockKind::Code {
            continue;
        }
        block_units(&masked, block, &strong, &mut units);
    }
    units
}

/// Adds the units of one block.
fn block_units(masked: &str, block: &Block, strong: &[Range<usize>], units: &mut Vec<Unit>) {
    let mut at = block.start;
    let mut lines: Vec<Range<usize>> = Vec::new();
    // The line before, as written (not joined).
    let mut before = "";
    // A layout that fits the text has blocks on character boundaries.
    let Some(text) = masked.get(block.range()) else {
        return;
    };
    for line in text.split_inclusive('\n') {
        let range = at..at + line.trim_end().len();
        at += line.len();
        let this = masked[range.clone()].trim();
        if this.is_empty() {
            continue;
        }
        // A wrapped line goes on with the one before: it starts in lower
        // case after a long line with no end punctuation.
        let wrapped = before.chars().count() >= WRAPPED_LINE
            && !before.ends_with(['.', '!', '?', ':', ';'])
            && this.starts_with(char::is_lowercase);
        before = this;
        match lines.last_mut() {
            Some(last) if wrapped => last.end = range.end,
            _ => lines.push(range),
        }
    }
    for (i, range) in lines.into_iter().enumerate() {
        let place = match block.source {
            SourcePlace::Line(line) => {
                let below =
                    memchr::memchr_iter(b'\n', &masked.as_bytes()[block.start..range.start]);
                SourcePlace::Line(line + u32::try_from(below.count()).unwrap_or(0))
            }
            other => other,
        };
        let raw = &masked[range.clone()];
        let lead = leading_bold(masked, &range, strong);
        let text = tidy(raw);
        if text.is_empty() {
            continue;
        }
        units.push(Unit {
            bold: lead.or_else(|| starred_bold(raw)).filter(|b| !b.is_empty()),
            text,
            range,
            place,
            kind: block.kind,
            first: i == 0,
            hard: block.boundary == Boundary::Hard,
        });
    }
}

/// The text of the bold mark that starts `range`, tidied.
fn leading_bold(masked: &str, range: &Range<usize>, strong: &[Range<usize>]) -> Option<String> {
    let first =
        range.start + (masked[range.clone()].len() - masked[range.clone()].trim_start().len());
    strong
        .iter()
        .find(|m| m.start <= first && m.end > first)
        .map(|m| tidy(&masked[m.start.max(range.start)..m.end.min(range.end)]))
}

/// The bold run of a line of plain text written with Markdown's stars
/// (`**Kulak** – …`): what is between the first two `**`.
fn starred_bold(raw: &str) -> Option<String> {
    let rest = strip_bullet(raw.trim()).strip_prefix("**")?;
    let end = rest.find("**")?;
    Some(tidy(&rest[..end]))
}

/// A line tidied: bullet and stars left out, white space collapsed (in
/// one pass, copying only a line that has stars).
pub(super) fn tidy(raw: &str) -> String {
    let text = strip_bullet(raw.trim());
    let text = if text.contains("**") {
        Cow::Owned(text.replace("**", ""))
    } else {
        Cow::Borrowed(text)
    };
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// `raw` without a leading bullet (`•`, `-`, `*`, `–`, `·`, `▪`, `◦`,
/// `>`) or list number (`1.`, `2)`, `a)`).
fn strip_bullet(raw: &str) -> &str {
    let bullets = ['•', '-', '*', '–', '·', '▪', '◦', '>', '‣', '○'];
    if let Some(rest) = raw.strip_prefix(bullets) {
        // `**bold**` is no bullet.
        if !raw.starts_with("**") || rest.starts_with(' ') {
            return rest.trim_start();
        }
    }
    let digits = raw.bytes().take_while(u8::is_ascii_digit).count();
    let marker = if digits > 0 && digits <= 3 {
        digits
    } else {
        usize::from(
            raw.len() > 1 && raw.as_bytes()[0].is_ascii_lowercase() && raw.as_bytes()[1] == b')',
        )
    };
    if marker > 0 {
        let rest = &raw[marker..];
        if let Some(after) = rest.strip_prefix(['.', ')']) {
            if after.starts_with(char::is_whitespace) {
                return after.trim_start();
            }
        }
    }
    raw
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn texts(text: &str, format: Format) -> Vec<(String, Option<String>)> {
        let doc = Document::of_text("d".into(), "d".into(), text.into(), format);
        units(&doc).into_iter().map(|u| (u.text, u.bold)).collect()
    }

    #[test]
    fn lines_are_units_and_wrapped_lines_stay_together() {
        let got = texts(
            "Kulak – a rich peasant\nGosplan: the agency that drew up the plans for the\neconomy of the state\n\
             the Politburo (the party's inner cabinet)\n\n• NEP = New Economic Policy\n",
            Format::Text,
        );
        let got: Vec<&str> = got.iter().map(|(t, _)| t.as_str()).collect();
        assert_eq!(
            got,
            [
                "Kulak – a rich peasant",
                "Gosplan: the agency that drew up the plans for the economy of the state",
                "the Politburo (the party's inner cabinet)",
                "NEP = New Economic Policy"
            ]
        );
    }

    #[test]
    fn bold_runs_are_found_in_markdown_and_in_starred_text() {
        for format in [Format::Markdown, Format::Text] {
            let got = texts("**Kulak** – a rich peasant\n", format);
            assert_eq!(got[0].0, "Kulak – a rich peasant", "{format:?}");
            assert_eq!(got[0].1.as_deref(), Some("Kulak"), "{format:?}");
        }
        let got = texts("The **Cheka** was feared.\n", Format::Markdown);
        assert_eq!(got[0].1, None);
    }

    #[test]
    fn bullets_and_numbers_are_left_out() {
        assert_eq!(strip_bullet("• Kulak"), "Kulak");
        assert_eq!(strip_bullet("2) Kulak"), "Kulak");
        assert_eq!(strip_bullet("12. Kulak"), "Kulak");
        assert_eq!(strip_bullet("1924 Lenin"), "1924 Lenin");
        assert_eq!(strip_bullet("**Kulak**"), "**Kulak**");
    }
}
