//! Emphasis markers in plain text (matching rule 8 of `docs/DESIGN.md`):
//! people who write Markdown habits into a `.txt` file or a terminal
//! write `_Pravda_`, `*kulaks*` and `**the Right**`, and the markers are
//! not text. Markdown files have their own reader (pulldown-cmark); this is
//! the one place that says what an emphasis marker is in plain text.
//!
//! A marker is a run of one or two `*` or one or two `_` (a longer run is
//! none). An *opening* marker has white space, the start of the text, an
//! opening bracket or quote, or the other marker character before it, and
//! no white space after it; a *closing* one has no white space before it,
//! and white space, the end of the text, a closing bracket or quote,
//! punctuation or the other marker character after it. An opening marker
//! pairs with the next closing marker of the same run (`**` with `**`, `_`
//! with `_`) with no blank line between. So `snake_case`, `2 * 3`, a
//! bullet `* item`, `a_b_c`, `example.org/_x_/` and a lone footnote star
//! are no emphasis.

use std::ops::Range;

/// One emphasised stretch of plain text: where its two markers are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Emphasis {
    pub open: Range<usize>,
    pub close: Range<usize>,
}

impl Emphasis {
    /// `**bold**` or `__bold__`, rather than `*italics*` or `_italics_`.
    pub fn is_strong(&self) -> bool {
        self.open.len() == 2
    }
}

/// What may stand before an opening marker, besides white space.
const BEFORE_OPEN: &str = "([{\"'“‘«*_";
/// What may stand after a closing marker, besides white space.
const AFTER_CLOSE: &str = ")]}\"'”’».,;:!?*_-–—";

/// The emphasised stretches of `text`, sorted by their closing markers
/// (an inner pair closes first: `**_Pravda_**`).
pub(crate) fn emphasised(text: &str) -> Vec<Emphasis> {
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // The last unpaired opening marker of each kind: `*`, `**`, `_`, `__`.
    let mut open: [Option<Range<usize>>; 4] = Default::default();
    let mut at = 0;
    while let Some(offset) = memchr::memchr2(b'*', b'_', &bytes[at..]) {
        let start = at + offset;
        let marker = bytes[start];
        let end = start + bytes[start..].iter().take_while(|&&b| b == marker).count();
        at = end;
        if end - start > 2 {
            continue;
        }
        let slot = usize::from(marker == b'_') * 2 + (end - start - 1);
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        let can_open = before.is_none_or(|c| c.is_whitespace() || BEFORE_OPEN.contains(c))
            && after.is_some_and(|c| !c.is_whitespace());
        let can_close = before.is_some_and(|c| !c.is_whitespace())
            && after.is_none_or(|c| c.is_whitespace() || AFTER_CLOSE.contains(c));
        let mut opener = open[slot].take();
        if can_close {
            // Checked only here, and an opener checked is paired or
            // dropped, so no stretch of text is looked at twice.
            opener = opener.filter(|o| !has_blank_line(&text[o.end..start]));
            if let Some(opener) = opener.take() {
                found.push(Emphasis {
                    open: opener,
                    close: start..end,
                });
                continue;
            }
        }
        open[slot] = if can_open { Some(start..end) } else { opener };
    }
    found
}

/// Does `text` hold a blank line: two line breaks with only white space
/// between?
fn has_blank_line(text: &str) -> bool {
    let mut lines = text.split('\n');
    lines.next();
    let mut lines = lines.peekable();
    // Every piece between two line breaks.
    while let Some(line) = lines.next() {
        if lines.peek().is_some() && line.trim().is_empty() {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each text with the emphasised stretches written `[…]`.
    const CASES: &[(&str, &str)] = &[
        (
            "a former _Menshevik_ read _Pravda_.",
            "a former [Menshevik] read [Pravda].",
        ),
        ("**the Right** won", "[the Right] won"),
        ("(*kulaks*), \"__NEP__\"", "([kulaks]), \"[NEP]\""),
        ("**_Pravda_**'s editor", "[[Pravda]]'s editor"),
        ("_Lenin\nenrolment_", "[Lenin\nenrolment]"),
        ("_Lenin\n\nenrolment_", "_Lenin\n\nenrolment_"),
        ("snake_case_name and a_b_c", "snake_case_name and a_b_c"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("* item one\n* item two", "* item one\n* item two"),
        ("Stalin* (see note)", "Stalin* (see note)"),
        ("example.org/_x_/y", "example.org/_x_/y"),
        ("***three***", "***three***"),
        ("*a **b** c*", "[a [b] c]"),
        ("__init__ and _x", "[init] and _x"),
        ("_ spaced _", "_ spaced _"),
    ];

    fn bracketed(text: &str) -> String {
        let mut found = emphasised(text);
        found.sort_by_key(|e| e.open.start);
        let mut marks: Vec<(Range<usize>, &str)> = found
            .iter()
            .flat_map(|e| [(e.open.clone(), "["), (e.close.clone(), "]")])
            .collect();
        marks.sort_by_key(|(r, _)| r.start);
        let (mut out, mut at) = (String::new(), 0);
        for (range, mark) in marks {
            out.push_str(&text[at..range.start]);
            out.push_str(mark);
            at = range.end;
        }
        out + &text[at..]
    }

    #[test]
    fn markers_case_by_case() {
        for (text, want) in CASES {
            assert_eq!(bracketed(text), *want, "{text:?}");
        }
    }

    #[test]
    fn strong_is_two_markers() {
        let found = emphasised("*a* and __b__");
        let strong: Vec<bool> = found.iter().map(Emphasis::is_strong).collect();
        assert_eq!(strong, [false, true]);
    }
}
