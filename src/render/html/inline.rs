//! The inside of one block of a handout: its text without the markup
//! (the layout's hidden bytes), its inline marks (bold, italics,
//! strikethrough, code, links) and its spans, each a tag with a tooltip.
//!
//! # Spans
//!
//! A top-level span is an `<a class="hl k-<kind>" id="s-<start>">`: an
//! entry links to its definition in the handout's terms list (`#d<n>`),
//! which links on to the glossary, so the glossary's address is written
//! once per entry, not per mention; a date links to its timeline event. A date
//! inside an entry (`1905 Revolution`), and a person or place nested in an
//! event or term (`Lenin` in `Lenin's death`, matching rule 6), is a nested
//! `<span class="hl">` (links cannot nest), whose tooltip the stylesheet
//! also shows when the entry has the focus, for keyboard users, who focus
//! only the link. An entry's span has the class `d<n>` of its number in the
//! terms list, which gives its tooltip (see `terms::Terms`), and is
//! described by its definition there, and by those of the entries nested
//! in it; any other span's tooltip is a `<span class="tip"
//! role="tooltip">` child, named by the span's `aria-describedby`. Inside a
//! link of the document, a span is a `<span tabindex="0">` (links cannot
//! nest): the tooltip still shows, and following it follows the
//! document's link.
//!
//! # Marks and spans that cross
//!
//! Spans are never split: each is one element, with one id. A mark that
//! crosses a span's start or end is *split* at it instead: closed before
//! the span opens (or closes) and opened again inside (or after) it, so
//! the HTML stays well formed and every byte keeps its marks. Link
//! addresses other than `http:`, `https:`, `mailto:` and relative ones are
//! dropped (the text stays, not linked).

use std::ops::Range;

use crate::annotate::{Span, SpanKind};
use crate::dates::in_words;
use crate::document::{Mark, MarkKind};
use crate::render::html::page::{
    days, push_entry_href, push_event_id, push_kind_classes, push_span_id, Depth,
};
use crate::render::html::terms::push_term_id;
use crate::render::html::writer::{Html, Pieces};

/// An element open in the writer.
#[derive(Clone, Copy, Debug)]
struct Open {
    what: Element,
    /// Where it ends.
    end: usize,
    /// Its tag.
    tag: &'static str,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Element {
    /// A mark, by index into the block's marks.
    Mark(usize),
    /// A span, by index into the block's spans.
    Span(usize),
}

/// Writes the text of one block with its marks and spans as nested
/// elements.
pub(super) struct Inline<'a> {
    h: &'a mut Html,
    text: &'a str,
    /// The document's hidden ranges, sorted.
    hidden: &'a [Range<usize>],
    /// The marks inside the block, clipped to it, sorted by start, longer
    /// first.
    marks: Vec<(Range<usize>, &'a MarkKind)>,
    /// The spans inside the block, sorted by start, longer first.
    spans: &'a [Span<'a>],
    /// The number of each span's entry in the handout's terms list.
    numbers: &'a [Option<usize>],
    doc: &'a str,
    /// Show every byte, hidden or not (a code block)?
    raw: bool,
    /// Text before this offset is written.
    at: usize,
    /// The elements open now, outermost first.
    open: Vec<Open>,
}

impl<'a> Inline<'a> {
    /// A writer of the block `range`: `marks` are the document's (sorted
    /// by start), `spans` those of the block.
    #[allow(clippy::too_many_arguments)]
    pub(super) fn new(
        h: &'a mut Html,
        text: &'a str,
        range: Range<usize>,
        hidden: &'a [Range<usize>],
        marks: &'a [Mark],
        spans: &'a [Span<'a>],
        numbers: &'a [Option<usize>],
        doc: &'a str,
    ) -> Inline<'a> {
        let first = marks.partition_point(|m| m.range.end <= range.start);
        let mut inside: Vec<(Range<usize>, &MarkKind)> = marks[first..]
            .iter()
            .take_while(|m| m.range.start < range.end)
            .map(|m| {
                (
                    m.range.start.max(range.start)..m.range.end.min(range.end),
                    &m.kind,
                )
            })
            .filter(|(r, _)| r.start < r.end)
            .collect();
        inside.sort_by_key(|(r, _)| (r.start, std::cmp::Reverse(r.end)));
        Inline {
            h,
            text,
            hidden,
            marks: inside,
            spans,
            numbers,
            doc,
            raw: false,
            at: range.start,
            open: Vec::new(),
        }
    }

    /// Shows every byte of the block, markup too (for code).
    pub(super) fn raw(mut self) -> Self {
        self.raw = true;
        self
    }

    /// Writes the block, which ends at `end`.
    pub(super) fn write(mut self, end: usize) {
        let (mut next_span, mut next_mark) = (0, 0);
        loop {
            let opens = [
                self.spans.get(next_span).map(|s| s.start),
                self.marks.get(next_mark).map(|m| m.0.start),
            ];
            let closes = self.open.iter().map(|o| o.end).min();
            let Some(at) = opens.into_iter().chain([closes]).flatten().min() else {
                break;
            };
            let at = at.min(end);
            self.text_to(at);
            self.close_ending_at(at);
            if at == end {
                break;
            }
            // What starts here opens outermost first: the longer, and a
            // mark before a span of the same extent.
            loop {
                let span = self.spans.get(next_span).filter(|s| s.start == at);
                let mark = self.marks.get(next_mark).filter(|m| m.0.start == at);
                match (span, mark) {
                    (Some(span), Some(mark)) if mark.0.end >= span.end => {
                        self.open_mark(next_mark);
                        next_mark += 1;
                    }
                    (Some(_), _) => {
                        self.open_span(next_span);
                        next_span += 1;
                    }
                    (None, Some(_)) => {
                        self.open_mark(next_mark);
                        next_mark += 1;
                    }
                    (None, None) => break,
                }
            }
        }
        self.close_ending_at(usize::MAX);
        self.text_to(end);
    }

    /// Writes the visible text from where the writer is to `offset`.
    fn text_to(&mut self, offset: usize) {
        if offset <= self.at {
            return;
        }
        let shows_all = self.raw
            || self
                .open
                .iter()
                .any(|o| matches!(o.what, Element::Mark(m) if *self.marks[m].1 == MarkKind::Code));
        if shows_all {
            self.h.text(&self.text[self.at..offset]);
        } else {
            let first = self.hidden.partition_point(|r| r.end <= self.at);
            let mut at = self.at;
            for hidden in self.hidden[first..].iter().take_while(|r| r.start < offset) {
                if hidden.start > at {
                    self.h.text(&self.text[at..hidden.start]);
                }
                at = at.max(hidden.end);
            }
            if at < offset {
                self.h.text(&self.text[at..offset]);
            }
        }
        self.at = offset;
    }

    /// Closes every element that ends at or before `offset`, and the
    /// marks above it, opening those marks again after it if they go on.
    fn close_ending_at(&mut self, offset: usize) {
        while let Some(k) = self.open.iter().position(|o| o.end <= offset) {
            let above = self.open.split_off(k + 1);
            for element in above.iter().rev() {
                self.close(*element);
            }
            let closing = self.open.pop().expect("element k is open");
            self.close(closing);
            for element in above {
                if element.end > offset {
                    if let Element::Mark(m) = element.what {
                        self.open_mark(m);
                    }
                }
            }
        }
    }

    fn close(&mut self, element: Open) {
        if let Element::Span(i) = element.what {
            self.tip(i);
        }
        self.h.close(element.tag);
    }

    fn open_mark(&mut self, m: usize) {
        let (range, kind) = (self.marks[m].0.clone(), self.marks[m].1);
        let in_link = self.open.iter().any(|o| o.tag == "a");
        let tag = match kind {
            MarkKind::Strong => "strong",
            MarkKind::Emphasis => "em",
            MarkKind::Strikethrough => "s",
            MarkKind::Code => "code",
            MarkKind::Link(href) if !in_link && is_safe_href(href) => {
                self.h.open("a", &[("href", href), ("class", "link")]);
                "a"
            }
            MarkKind::Link(_) => {
                self.h.open("span", &[("class", "link")]);
                "span"
            }
        };
        if !matches!(kind, MarkKind::Link(_)) {
            self.h.open(tag, &[]);
        }
        self.open.push(Open {
            what: Element::Mark(m),
            end: range.end,
            tag,
        });
    }

    /// Opens span `i`; the marks open inside the innermost open span that
    /// end before it does are closed first and opened again inside it.
    fn open_span(&mut self, i: usize) {
        let end = self.spans[i].end;
        let base = self
            .open
            .iter()
            .rposition(|o| matches!(o.what, Element::Span(_)))
            .map_or(0, |s| s + 1);
        let moved = match self.open[base..].iter().position(|o| o.end < end) {
            Some(k) => self.open.split_off(base + k),
            None => Vec::new(),
        };
        for element in moved.iter().rev() {
            self.h.close(element.tag);
        }
        let tag = self.open_span_element(i);
        self.open.push(Open {
            what: Element::Span(i),
            end,
            tag,
        });
        for element in moved {
            if let Element::Mark(m) = element.what {
                self.open_mark(m);
            }
        }
    }

    /// The innermost open span.
    fn parent(&self) -> Option<usize> {
        self.open.iter().rev().find_map(|o| match o.what {
            Element::Span(i) => Some(i),
            Element::Mark(_) => None,
        })
    }

    /// Writes the start tag of span `i` and returns its name. The tag is
    /// written straight into the page, piece by piece (see [`Pieces`]).
    fn open_span_element(&mut self, i: usize) -> &'static str {
        let span = &self.spans[i];
        let parent = self.parent();
        let entry = self.numbers[i];
        let in_link = self.open.iter().any(|o| o.tag == "a");
        let h = &mut *self.h;
        let tag = if parent.is_some() || in_link {
            h.raw("<span class=\"");
            "span"
        } else {
            h.raw("<a class=\"");
            "a"
        };
        push_kind_classes(h, "hl", span.kind);
        if let Some(n) = entry {
            h.raw(" ");
            push_term_id(h, n);
        }
        h.raw("\" id=\"");
        push_id(h, self.spans, i, parent);
        if parent.is_some() {
            h.raw("\">");
            return tag;
        }
        if in_link {
            h.raw("\" tabindex=\"0");
        } else {
            h.raw("\" href=\"");
            match (entry, &span.entry) {
                (Some(n), _) => {
                    h.raw("#");
                    push_term_id(h, n);
                }
                (None, Some(entry)) => push_entry_href(h, Depth::Handout, entry),
                (None, None) => {
                    Depth::Handout.push_to(h, "timeline.html#");
                    push_event_id(h, self.doc, span.start);
                }
            }
        }
        h.raw("\" aria-describedby=\"");
        // An entry is described by its item in the terms list, and by
        // those of the persons and places nested in it (matching rule 6),
        // whose tooltips show too when it has the focus; anything else by
        // its own tooltip.
        if let Some(n) = entry {
            push_term_id(h, n);
            let inside = self.spans[i + 1..]
                .iter()
                .zip(&self.numbers[i + 1..])
                .take_while(|(s, _)| s.start < span.end);
            for (_, &nested) in inside.filter(|(s, _)| s.nested) {
                if let Some(nested) = nested {
                    h.raw(" ");
                    push_term_id(h, nested);
                }
            }
        } else {
            h.raw("t-");
            push_id(h, self.spans, i, parent);
        }
        h.raw("\">");
        tag
    }

    /// The tooltip of span `i`, unless it is an entry's (which the page's
    /// rules give, see [`Terms`](super::terms::Terms)): its date (or
    /// text), then any dates inside. Written as the span's last child,
    /// when it closes.
    fn tip(&mut self, i: usize) {
        if self.numbers[i].is_some() {
            return;
        }
        let span = &self.spans[i];
        // The span is closed already: its parent is the innermost open one.
        let parent = self.parent();
        self.h.raw("<span class=\"tip\" role=\"tooltip\" id=\"t-");
        push_id(self.h, self.spans, i, parent);
        self.h.raw("\">");
        date_tip(self.h, span);
        let nested = self.spans[i + 1..]
            .iter()
            .take_while(|s| s.start < span.end);
        for date in nested.filter(|s| s.kind == SpanKind::Date) {
            date_tip(self.h, date);
        }
        self.h.close("span");
    }
}

/// Writes the id of span `i` of `spans`, whose parent is `parent`, to
/// `out`: `s-<start>`, or `s-<start>-<end>` for a span nested at its
/// parent's start, so ids stay unique and `s-<start>` always exists.
fn push_id(out: &mut impl Pieces, spans: &[Span], i: usize, parent: Option<usize>) {
    let span = &spans[i];
    push_span_id(out, span.start);
    if parent.is_some_and(|parent| spans[parent].start == span.start) {
        out.push_static("-");
        out.push_number(span.end);
    }
}

/// May a handout link to `href`: a web or mail address, or a relative one
/// (no scheme)? `javascript:` and the like may not.
fn is_safe_href(href: &str) -> bool {
    let scheme_end = href.find([':', '/', '?', '#']);
    match scheme_end {
        Some(at) if href[at..].starts_with(':') => {
            let scheme = href[..at].to_ascii_lowercase();
            matches!(scheme.as_str(), "http" | "https" | "mailto")
        }
        _ => true,
    }
}

/// `1924–9 (date)`, then `1924–1929: 1924-01-01 to 1929-12-31` (the date
/// in words, then its days; one day when the date is one day).
fn date_tip(h: &mut Html, span: &Span) {
    h.raw("<span class=\"tip-head\">")
        .element("b", &[], &span.text)
        .raw(" <span class=\"kind\">date</span></span><span class=\"def\">");
    if let Some(value) = &span.value {
        h.text(&in_words(value, span.qualifier.as_deref(), span.old_style));
    }
    if let (Some(first), Some(last)) = (span.first_day, span.last_day) {
        h.raw(": ");
        days(h, first, last);
    }
    h.raw("</span>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_web_mail_and_relative_links_are_kept() {
        for href in [
            "https://e.org/a",
            "HTTP://e.org",
            "mailto:a@b",
            "notes.html#x",
            "#top",
            "a/b:c",
        ] {
            assert!(is_safe_href(href), "{href}");
        }
        for href in [
            "javascript:alert(1)",
            "JavaScript:x",
            "data:text/html,x",
            "file:///etc",
        ] {
            assert!(!is_safe_href(href), "{href}");
        }
    }
}
