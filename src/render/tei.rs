//! TEI P5 XML: a document's text in a TEI body, its spans tagged inline.
//!
//! # The body
//!
//! Each block of the document's layout becomes a `<p>`, a heading a
//! `<head>` that opens a `<div>` (flat: heading levels are not nested);
//! paragraphs before the first heading stand in the body itself. Blocks
//! that a span runs across (a guessed boundary of plain text) are one
//! element, so no tag is cut. Markup (the layout's hidden bytes: `**`,
//! `#`, link addresses) is left out; everything else is the document's
//! text, escaped, with the characters XML 1.0 cannot hold (control
//! characters but tab and line breaks) as U+FFFD.
//!
//! # The spans
//!
//! | kind | element |
//! |---|---|
//! | person | `<persName ref="#id">` |
//! | place | `<placeName ref="#id">` |
//! | org | `<orgName ref="#id">` |
//! | event | `<name type="event" ref="#id">` |
//! | term | `<term ref="#id">` |
//! | date | `<date when="…">`, `<date from="…" to="…">` or `<date notBefore="…" notAfter="…">` |
//!
//! `ref` points at the lexicon entry's id. A date whose EDTF value is a
//! plain day, month or year (`1924-01-21`, `1924-01`, `1924`) is `@when`,
//! an interval of two such values `@from`/`@to`; any other value, which
//! `@when` cannot hold (a decade `192X`, a season `1926-24`, an uncertain
//! `1924?`, an open interval), and a date whose qualifier narrows its
//! value (`early 1928`), is written as the first and last day it covers,
//! `@notBefore`/`@notAfter`.
//!
//! XML elements must nest. A date inside an entry (`1905 Revolution`),
//! and a person or place nested in an event or term (`Lenin` in `Lenin's
//! death`), nests inside it. Spans that overlap without nesting (none of
//! the annotator's: entry spans only nest and a date never crosses one,
//! matching rule 6) cannot all be tagged: of such a pair the one that
//! starts first (longer, at the same start) is tagged and the other left
//! untagged. So is a span outside every block.

use std::ops::Range;

use crate::annotate::{Annotation, Span, SpanKind};
use crate::dates::edtf::bounds;
use crate::document::{BlockKind, Document, Layout};
use crate::render::escape_markup_into;

/// The XML declaration a TEI file starts with.
pub const XML_DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// The TEI namespace.
pub const NAMESPACE: &str = "http://www.tei-c.org/ns/1.0";

/// A TEI file of one document: the XML declaration and [`tei`].
pub fn file(doc: &Document, annotation: &Annotation) -> String {
    let mut out = String::from(XML_DECLARATION);
    out.push_str(&tei(doc, annotation));
    out
}

/// The start of a `<teiCorpus>` of many documents' [`tei`] elements, for
/// a stream; [`CORPUS_END`] ends it.
pub fn corpus_start() -> String {
    let mut out = String::from(XML_DECLARATION);
    out.push_str("<teiCorpus xmlns=\"");
    out.push_str(NAMESPACE);
    out.push_str("\">\n");
    header(
        &mut out,
        "Annotated documents",
        "Documents annotated by glossator.",
    );
    out
}

/// The end of [`corpus_start`]'s `<teiCorpus>`.
pub const CORPUS_END: &str = "</teiCorpus>\n";

/// The `<TEI>` element of one document (`annotation` must be one of its
/// text: [`Annotation::check_text`]).
pub fn tei(doc: &Document, annotation: &Annotation) -> String {
    let mut out = String::with_capacity(doc.text.len() * 2 + 512);
    out.push_str("<TEI xmlns=\"");
    out.push_str(NAMESPACE);
    out.push_str("\">\n");
    header(&mut out, doc.title.as_deref().unwrap_or(&doc.id), &doc.path);
    out.push_str("<text>\n<body>\n");
    body(&mut out, doc, annotation.spans());
    out.push_str("</body>\n</text>\n</TEI>\n");
    out
}

/// A `<teiHeader>` with a title and a source.
fn header(out: &mut String, title: &str, source: &str) {
    out.push_str("<teiHeader>\n<fileDesc>\n<titleStmt><title>");
    escape_markup_into(out, title);
    out.push_str("</title></titleStmt>\n");
    out.push_str("<publicationStmt><p>Annotated by glossator.</p></publicationStmt>\n");
    out.push_str("<sourceDesc><p>");
    escape_markup_into(out, source);
    out.push_str("</p></sourceDesc>\n</fileDesc>\n</teiHeader>\n");
}

/// The body's elements: a `<p>` or `<div><head>` per group of blocks.
fn body(out: &mut String, doc: &Document, spans: &[Span]) {
    let text = doc.text.as_str();
    let layout = doc.fitting_layout();
    let layout = layout.as_ref();
    let spans = nested(spans);
    let mut in_div = false;
    let mut written = false;
    for (range, heading) in groups(layout, &spans) {
        let tag = if heading { "head" } else { "p" };
        if heading {
            out.push_str(if in_div { "</div>\n<div>\n" } else { "<div>\n" });
            in_div = true;
        }
        out.push('<');
        out.push_str(tag);
        out.push('>');
        let inside = spans
            .iter()
            .filter(|s| range.start <= s.start && s.end <= range.end);
        content(out, text, layout.hidden(), range.clone(), inside);
        out.push_str("</");
        out.push_str(tag);
        out.push_str(">\n");
        written = true;
    }
    if in_div {
        out.push_str("</div>\n");
    } else if !written {
        // A body holds at least one element.
        out.push_str("<p/>\n");
    }
}

/// The spans that nest: each one inside or after the ones before it.
fn nested<'s>(spans: &'s [Span<'s>]) -> Vec<&'s Span<'s>> {
    let mut kept: Vec<&Span> = Vec::with_capacity(spans.len());
    let mut open: Vec<usize> = Vec::new();
    for span in spans {
        while open.last().is_some_and(|&end| end <= span.start) {
            open.pop();
        }
        if open.last().is_some_and(|&end| span.end > end) {
            continue;
        }
        open.push(span.end);
        kept.push(span);
    }
    kept
}

/// The layout's blocks, those that a span runs across joined, as byte
/// ranges, each with whether it is a heading.
fn groups(layout: &Layout, spans: &[&Span]) -> Vec<(Range<usize>, bool)> {
    let mut groups: Vec<(Range<usize>, bool)> = Vec::new();
    let mut crossing_end = 0;
    for block in layout.blocks() {
        match groups.last_mut() {
            Some((range, heading)) if block.start < crossing_end => {
                range.end = range.end.max(block.end);
                *heading = false;
            }
            _ => groups.push((
                block.range(),
                matches!(block.kind, BlockKind::Heading { .. }),
            )),
        }
        let Some((range, _)) = groups.last() else {
            continue;
        };
        // The furthest end of a span that starts in the group and runs
        // past it.
        crossing_end = spans
            .iter()
            .filter(|s| range.start <= s.start && s.start < range.end)
            .map(|s| s.end)
            .fold(range.end, usize::max);
    }
    groups
}

/// The text of `range` without the `hidden` bytes, with the tags of
/// `spans` (nested, sorted, inside `range`).
fn content<'s>(
    out: &mut String,
    text: &str,
    hidden: &[Range<usize>],
    range: Range<usize>,
    spans: impl Iterator<Item = &'s &'s Span<'s>>,
) {
    let mut at = range.start;
    let mut open: Vec<&Span> = Vec::new();
    for span in spans {
        while let Some(last) = open.pop_if(|last| last.end <= span.start) {
            shown(out, text, hidden, at..last.end);
            close(out, last.kind);
            at = last.end;
        }
        shown(out, text, hidden, at..span.start);
        open_tag(out, span);
        at = span.start;
        open.push(span);
    }
    while let Some(last) = open.pop() {
        shown(out, text, hidden, at..last.end);
        close(out, last.kind);
        at = last.end;
    }
    shown(out, text, hidden, at..range.end);
}

/// `text[range]` escaped, without the bytes of `hidden` (sorted).
fn shown(out: &mut String, text: &str, hidden: &[Range<usize>], range: Range<usize>) {
    let mut at = range.start;
    let first = hidden.partition_point(|h| h.end <= range.start);
    for gap in hidden[first..].iter().take_while(|h| h.start < range.end) {
        if gap.start > at {
            escape_markup_into(out, &text[at..gap.start]);
        }
        at = at.max(gap.end);
    }
    if at < range.end {
        escape_markup_into(out, &text[at..range.end]);
    }
}

/// The element name of a span of `kind`.
fn element(kind: SpanKind) -> &'static str {
    match kind {
        SpanKind::Person => "persName",
        SpanKind::Place => "placeName",
        SpanKind::Org => "orgName",
        SpanKind::Event => "name",
        SpanKind::Term => "term",
        SpanKind::Date => "date",
    }
}

fn open_tag(out: &mut String, span: &Span) {
    out.push('<');
    out.push_str(element(span.kind));
    let mut attribute = |name: &str, value: &str| {
        out.push(' ');
        out.push_str(name);
        out.push_str("=\"");
        escape_markup_into(out, value);
        out.push('"');
    };
    if span.kind == SpanKind::Event {
        attribute("type", "event");
    }
    if let Some(entry) = &span.entry {
        attribute("ref", &format!("#{entry}"));
    }
    for (name, value) in date_attributes(span) {
        attribute(name, &value);
    }
    out.push('>');
}

fn close(out: &mut String, kind: SpanKind) {
    out.push_str("</");
    out.push_str(element(kind));
    out.push('>');
}

/// The TEI dating attributes of a date span (none for other spans).
fn date_attributes(span: &Span) -> Vec<(&'static str, String)> {
    let Some(value) = span.value.as_deref() else {
        return Vec::new();
    };
    // A qualifier (`early 1928`) narrows the days the value covers: only
    // the days say that.
    let days = span.first_day.zip(span.last_day);
    let covers_days = days.is_none() || bounds(value).ok() == days;
    if covers_days && is_w3c_date(value) {
        return vec![("when", value.to_string())];
    }
    if let Some((from, to)) = value.split_once('/') {
        if covers_days && is_w3c_date(from) && is_w3c_date(to) {
            return vec![("from", from.to_string()), ("to", to.to_string())];
        }
    }
    match (span.first_day, span.last_day) {
        (Some(first), Some(last)) => vec![
            ("notBefore", first.to_string()),
            ("notAfter", last.to_string()),
        ],
        _ => Vec::new(),
    }
}

/// Whether an EDTF value is also a W3C (XML Schema) date that `@when`
/// holds: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, month 01-12, day 01-31.
fn is_w3c_date(value: &str) -> bool {
    let two_digits = |part: &str, max: u8| {
        part.len() == 2
            && part.bytes().all(|b| b.is_ascii_digit())
            && part.parse::<u8>().is_ok_and(|n| (1..=max).contains(&n))
    };
    let mut parts = value.split('-');
    let year = parts.next().unwrap_or("");
    if year.len() != 4 || !year.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    match (parts.next(), parts.next(), parts.next()) {
        (None, _, _) => true,
        (Some(month), None, _) => two_digits(month, 12),
        (Some(month), Some(day), None) => two_digits(month, 12) && two_digits(day, 31),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_w3c_dates_go_in_when() {
        for (value, ok) in [
            ("1924", true),
            ("1924-01", true),
            ("1924-01-21", true),
            ("0800", true),
            ("192X", false),
            ("1926-24", false),
            ("1924?", false),
            ("1924-13", false),
            ("1924-1", false),
            ("1924-01-21-1", false),
            ("1924/1929", false),
            ("", false),
        ] {
            assert_eq!(is_w3c_date(value), ok, "{value:?}");
        }
    }

    #[test]
    fn dates_get_the_attributes_their_values_allow() {
        let day = |iso: &str| {
            let (year, month, day) = (&iso[..4], &iso[5..7], &iso[8..]);
            let day = crate::dates::Day::new(
                year.parse().unwrap(),
                month.parse().unwrap(),
                day.parse().unwrap(),
            );
            day.unwrap()
        };
        let attributes = |value: &str, first: &str, last: &str| {
            let span = Span {
                value: Some(value.into()),
                first_day: Some(day(first)),
                last_day: Some(day(last)),
                kind: SpanKind::Date,
                ..Span::bare("x", 0, 1)
            };
            let attributes = date_attributes(&span);
            attributes
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(attributes("1924", "1924-01-01", "1924-12-31"), "when=1924");
        assert_eq!(
            attributes("1927/1928", "1927-01-01", "1928-12-31"),
            "from=1927 to=1928"
        );
        assert_eq!(
            attributes("192X", "1920-01-01", "1929-12-31"),
            "notBefore=1920-01-01 notAfter=1929-12-31"
        );
        // `early 1928`: the value is the year, the days its first third.
        assert_eq!(
            attributes("1928", "1928-01-01", "1928-04-30"),
            "notBefore=1928-01-01 notAfter=1928-04-30"
        );
    }

    #[test]
    fn spans_that_cannot_nest_are_left_out() {
        let text = "abcdefghij";
        let span = |start, end| Span::bare(text, start, end);
        let spans = [span(0, 4), span(1, 3), span(2, 6), span(4, 8), span(5, 7)];
        let kept: Vec<(usize, usize)> = nested(&spans).iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(kept, [(0, 4), (1, 3), (4, 8), (5, 7)]);
    }

    #[test]
    fn hidden_bytes_are_left_out_and_text_escaped() {
        let mut out = String::new();
        let text = "**Lenin** & <NEP>\u{1}";
        shown(&mut out, text, &[0..2, 7..9], 0..text.len());
        assert_eq!(out, "Lenin &amp; &lt;NEP&gt;\u{fffd}");
    }
}
