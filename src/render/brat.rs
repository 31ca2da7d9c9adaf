//! brat standoff: a document's spans as a `.ann` file, beside a `.txt`
//! file holding its text, for the brat annotation tool (and the tools that
//! read its format: INCEpTION, spaCy's and NLTK's converters).
//!
//! Each span is a text-bound annotation, `T<n><TAB><type> <start>
//! <end><TAB><text>`, with code point offsets into the `.txt` (brat is
//! written in Python and counts as Python's strings do) and the span's
//! kind as its type (`person`, `place`, `org`, `event`, `term`, `date`;
//! [`annotation_conf`] declares them). A line of the `.ann` cannot hold a
//! line break, so a span over one is written as brat writes it, in
//! fragments, `<start> <end>;<start> <end>`, split at each line break
//! (and tab), its text the fragments' text joined by spaces. Each span has
//! a note, `#<n><TAB>AnnotatorNotes T<n><TAB><note>`: the entry's id and
//! name for an entry span, the EDTF value (and qualifier) for a date. brat allows spans
//! to overlap: every span is written, a date inside an entry and a person
//! or place nested in one (matching rule 6) too.

use std::fmt::Write;

use crate::annotate::{Annotation, Span, SpanKind};

/// The `.ann` file of `annotation`, `text` the document's text (the
/// `.txt` file beside it).
///
/// The annotation must be one of `text` ([`Annotation::check_text`]).
pub fn standoff(text: &str, annotation: &Annotation) -> String {
    let mut out = String::new();
    let mut n = 0;
    for span in annotation.spans() {
        let fragments = fragments(text, span);
        if fragments.is_empty() {
            continue;
        }
        n += 1;
        let offsets: Vec<String> = fragments
            .iter()
            .map(|(start, end, _)| format!("{start} {end}"))
            .collect();
        let words: Vec<&str> = fragments.iter().map(|&(_, _, words)| words).collect();
        // Writing to a String cannot fail.
        let _ = writeln!(
            out,
            "T{n}\t{} {}\t{}",
            span.kind.as_str(),
            offsets.join(";"),
            words.join(" ")
        );
        if let Some(note) = note(span) {
            let _ = writeln!(out, "#{n}\tAnnotatorNotes T{n}\t{note}");
        }
    }
    out
}

/// The `annotation.conf` that declares the entity types of
/// [`standoff`]'s files, for brat to read from their folder.
pub fn annotation_conf() -> String {
    let mut conf = String::from("[entities]\n");
    for kind in SpanKind::ALL {
        conf.push_str(kind.as_str());
        conf.push('\n');
    }
    conf.push_str("[relations]\n[events]\n[attributes]\n");
    conf
}

/// Whether `c` ends a line for Python's `str.splitlines` (which brat's
/// readers use), or is a tab, which separates the fields of a line.
fn breaks_line(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n'
            | '\u{b}'
            | '\u{c}'
            | '\r'
            | '\u{1c}'
            | '\u{1d}'
            | '\u{1e}'
            | '\u{85}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

/// The span's fragments between line breaks: their code point offsets
/// and text.
fn fragments<'t>(text: &'t str, span: &Span) -> Vec<(usize, usize, &'t str)> {
    let covered = &text[span.start..span.end];
    let mut fragments = Vec::new();
    let mut at = span.char_start;
    for piece in covered.split(breaks_line) {
        let len = piece.chars().count();
        if len > 0 {
            fragments.push((at, at + len, piece));
        }
        // The piece and the break after it.
        at += len + 1;
    }
    fragments
}

/// A span's note: the entry's id and name, or the date's value, on one
/// line.
fn note(span: &Span) -> Option<String> {
    let note = match (&span.entry, &span.name, &span.value) {
        (Some(entry), Some(name), _) => format!("{entry} {name}"),
        (Some(entry), None, _) => entry.to_string(),
        (None, _, Some(value)) => match &span.qualifier {
            Some(qualifier) => format!("{value} {qualifier}"),
            None => value.clone(),
        },
        (None, _, None) => return None,
    };
    Some(super::text::one_line(&note))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_over_line_breaks_are_fragments() {
        let text = "a Five-Year\r\nPlan\tb";
        let span = Span {
            char_start: 2,
            char_end: 17,
            ..Span::bare(text, 2, 17)
        };
        assert_eq!(
            fragments(text, &span),
            [(2, 11, "Five-Year"), (13, 17, "Plan")]
        );
        let text = "é NEP";
        let span = Span {
            char_start: 2,
            char_end: 5,
            ..Span::bare(text, 3, 6)
        };
        assert_eq!(fragments(text, &span), [(2, 5, "NEP")]);
    }
}
