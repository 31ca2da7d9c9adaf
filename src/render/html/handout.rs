//! A handout: one document's text as written, every span highlighted by
//! kind, its definition (or date) in a tooltip shown on hover and on
//! keyboard focus by CSS alone, and at the end the definitions of every
//! entry it uses, for paper, where nothing hovers.
//!
//! # Structure
//!
//! The text is cut into *blocks* at blank lines and at list lines (a line
//! starting with a bullet, `- `, `* `, `– `, `1)` or `1. `: the rule of
//! `text::list`, which sentence segmentation uses too); a list line and
//! the lines that follow it up to the next blank or list line are one
//! item.
//! A block keeps its line breaks and tabs (the stylesheet sets
//! `white-space: pre-wrap`), so key-dates rows and verse stay as written
//! and nothing is rewrapped. A cut never falls inside a span: a term
//! written across a blank line keeps its block together.
//!
//! # Spans
//!
//! A top-level span is an `<a class="hl k-<kind>" id="s-<start>">`: an
//! entry links to its glossary entry, a date to its timeline event. A date
//! inside an entry (`1905 Revolution`) is a nested `<span class="hl">`
//! (links cannot nest), and the entry's tooltip repeats the date so that
//! keyboard users, who focus only the link, see it too. Each tooltip is a
//! `<span class="tip" role="tooltip">` child of its span, named by the
//! span's `aria-describedby`.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::ops::Range;

use crate::annotate::{Annotation, Span, SpanKind};
use crate::lexicon::{Entry, Lexicon};
use crate::render::html::page::{
    days, entry_href, event_id, key_class, kind_classes, legend, page, span_id, Depth,
};
use crate::render::html::writer::Html;
use crate::text::is_list_item;

/// The handout page of one annotated document, whose text is `text`.
///
/// Spans that [`shown`] rejects (none of the annotator's) are left plain.
pub fn handout(text: &str, annotation: &Annotation, lexicon: &Lexicon) -> String {
    let doc = &annotation.doc;
    let spans = shown(text, &annotation.spans);
    page(&doc.id, Depth::Handout, |h| {
        h.raw("<header>")
            .element("h1", &[], &doc.id)
            .element("p", &[("class", "path")], &doc.path)
            .raw(
                "<p class=\"screen-only hint\">Point at or tab to a highlighted word to see \
                 its definition; follow it to the glossary or the timeline.</p>\n\
                 <p class=\"print-only hint\">Highlighted words are explained under \
                 “Terms in this handout” at the end.</p>\n",
            );
        legend(h);
        h.raw("</header>\n<article class=\"text\">\n");
        body(h, text, &spans, lexicon, &doc.id);
        h.raw("</article>\n");
        terms(h, &spans, lexicon);
    })
}

/// The spans a handout can show, in order: each is the text at its
/// offsets, not empty, without white space at either end (so the blocks
/// hold it whole), and nested in or apart from the spans before it. The
/// annotator's spans all are, and are then borrowed as they are; of any
/// other annotation's spans, those that are not are left out.
fn shown<'s>(text: &str, spans: &'s [Span<'s>]) -> Cow<'s, [Span<'s>]> {
    let mut kept: Vec<&Span> = Vec::with_capacity(spans.len());
    // The ends of the kept spans that enclose the next one, outermost first.
    let mut open: Vec<usize> = Vec::new();
    for span in spans {
        let exact = text.get(span.start..span.end) == Some(span.text.as_ref());
        let trimmed = !span.text.is_empty() && span.text.trim() == span.text;
        let sorted = kept
            .last()
            .is_none_or(|last| (last.start, Reverse(last.end)) <= (span.start, Reverse(span.end)));
        if !(exact && trimmed && sorted) {
            continue;
        }
        while open.last().is_some_and(|&end| end <= span.start) {
            open.pop();
        }
        if open.last().is_some_and(|&end| end < span.end) {
            continue;
        }
        open.push(span.end);
        kept.push(span);
    }
    if kept.len() == spans.len() {
        Cow::Borrowed(spans)
    } else {
        Cow::Owned(kept.into_iter().cloned().collect())
    }
}

/// A paragraph or list item: a byte range of the text.
#[derive(Debug, PartialEq, Eq)]
struct Block {
    range: Range<usize>,
    item: bool,
}

/// The blocks, with consecutive items grouped in one list.
fn body(h: &mut Html, text: &str, spans: &[Span], lexicon: &Lexicon, doc: &str) {
    let mut in_list = false;
    let mut rest = spans;
    for block in blocks(text, spans) {
        if block.item != in_list {
            h.raw(if block.item { "<ul>\n" } else { "</ul>\n" });
        }
        in_list = block.item;
        let inside = rest.partition_point(|s| s.start < block.range.end);
        let tag = if block.item { "li" } else { "p" };
        h.open(tag, &[]);
        Inline::new(h, text, &rest[..inside], lexicon, doc).write(block.range.clone());
        h.close(tag).raw("\n");
        rest = &rest[inside..];
    }
    if in_list {
        h.raw("</ul>\n");
    }
}

/// Cuts `text` into blocks (see the module docs); `spans` are the
/// annotation's, sorted by start.
fn blocks(text: &str, spans: &[Span]) -> Vec<Block> {
    let outer = outermost(spans);
    let inside_span = |at: usize| {
        let before = outer.partition_point(|r| r.start < at);
        before > 0 && outer[before - 1].end > at
    };
    let mut blocks: Vec<Block> = Vec::new();
    let mut open = false;
    let mut at = 0;
    for line in text.split_inclusive('\n') {
        let start = at;
        at += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let end = start + content.len();
        let item = is_list_item(content);
        match blocks.last_mut() {
            Some(last) if open && (inside_span(start) || !item && !is_blank(content)) => {
                last.range.end = end;
            }
            _ if is_blank(content) => open = false,
            _ => {
                let indent = content.len() - content.trim_start().len();
                blocks.push(Block {
                    range: start + indent..end,
                    item,
                });
                open = true;
            }
        }
    }
    blocks
}

/// The ranges of the spans not inside another one: disjoint and sorted.
fn outermost(spans: &[Span]) -> Vec<Range<usize>> {
    let mut outer: Vec<Range<usize>> = Vec::new();
    for span in spans {
        if outer.last().is_none_or(|last| last.end <= span.start) {
            outer.push(span.start..span.end);
        }
    }
    outer
}

fn is_blank(line: &str) -> bool {
    line.trim().is_empty()
}

/// Writes the text of one block with its spans as nested elements.
struct Inline<'a> {
    h: &'a mut Html,
    text: &'a str,
    /// The spans inside the block, sorted by start, longer first.
    spans: &'a [Span<'a>],
    lexicon: &'a Lexicon,
    doc: &'a str,
    /// Text before this offset is written.
    at: usize,
    /// Indexes into `spans` of the elements open now, outermost first.
    open: Vec<usize>,
}

impl<'a> Inline<'a> {
    fn new(
        h: &'a mut Html,
        text: &'a str,
        spans: &'a [Span<'a>],
        lexicon: &'a Lexicon,
        doc: &'a str,
    ) -> Inline<'a> {
        Inline {
            h,
            text,
            spans,
            lexicon,
            doc,
            at: 0,
            open: Vec::new(),
        }
    }

    fn write(mut self, block: Range<usize>) {
        self.at = block.start;
        let spans = self.spans;
        for (i, span) in spans.iter().enumerate() {
            self.close_until(span.start);
            // Spans never cross (annotate guarantees it); one that did would
            // be left plain rather than break the nesting.
            if self.open.last().is_some_and(|&o| spans[o].end < span.end) {
                continue;
            }
            self.text_to(span.start);
            self.open_span(i);
            self.open.push(i);
        }
        self.close_until(block.end);
        self.text_to(block.end);
    }

    fn text_to(&mut self, offset: usize) {
        self.h.text(&self.text[self.at..offset]);
        self.at = offset;
    }

    /// Closes every open span that ends at or before `offset`.
    fn close_until(&mut self, offset: usize) {
        while let Some(&i) = self.open.last() {
            let end = self.spans[i].end;
            if end > offset {
                break;
            }
            self.text_to(end);
            self.open.pop();
            self.tip(i);
            self.h
                .close(if self.open.is_empty() { "a" } else { "span" });
        }
    }

    /// `s-<start>`, or `s-<start>-<end>` for a span nested at its parent's
    /// start, so ids stay unique and `s-<start>` always exists.
    fn id(&self, i: usize) -> String {
        let span = &self.spans[i];
        match self.open.last() {
            Some(&parent) if self.spans[parent].start == span.start => {
                format!("{}-{}", span_id(span.start), span.end)
            }
            _ => span_id(span.start),
        }
    }

    fn open_span(&mut self, i: usize) {
        let span = &self.spans[i];
        let id = self.id(i);
        let class = kind_classes("hl", span.kind);
        let tip = format!("t-{id}");
        if !self.open.is_empty() {
            self.h.open("span", &[("class", &class), ("id", &id)]);
            return;
        }
        let href = match &span.entry {
            Some(entry) => entry_href(Depth::Handout, entry),
            None => Depth::Handout.to(&format!("timeline.html#{}", event_id(self.doc, span.start))),
        };
        self.h.open(
            "a",
            &[
                ("class", &class),
                ("id", &id),
                ("href", &href),
                ("aria-describedby", &tip),
            ],
        );
    }

    /// The tooltip of span `i`: its entry or date, then any dates inside.
    fn tip(&mut self, i: usize) {
        let span = &self.spans[i];
        let id = format!("t-{}", self.id(i));
        self.h.open(
            "span",
            &[("class", "tip"), ("role", "tooltip"), ("id", &id)],
        );
        match span.entry.as_deref().and_then(|e| self.lexicon.get(e)) {
            Some(entry) => entry_tip(self.h, entry),
            None => date_tip(self.h, span),
        }
        let nested = self.spans[i + 1..]
            .iter()
            .take_while(|s| s.start < span.end);
        for date in nested.filter(|s| s.kind == SpanKind::Date) {
            date_tip(self.h, date);
        }
        self.h.close("span");
    }
}

/// `Name (kind)`, then the definition.
fn entry_tip(h: &mut Html, entry: &Entry) {
    h.raw("<span class=\"tip-head\">")
        .element("b", &[], &entry.name)
        .raw(" ")
        .element("span", &[("class", "kind")], entry.kind.as_str())
        .raw("</span>")
        .element("span", &[("class", "def")], &entry.definition);
}

/// `1924–9 (date)`, then `EDTF 1924/1929: 1924-01-01 to 1929-12-31`
/// (one day when the date is one day).
fn date_tip(h: &mut Html, span: &Span) {
    h.raw("<span class=\"tip-head\">")
        .element("b", &[], &span.text)
        .raw(" <span class=\"kind\">date</span></span><span class=\"def\">EDTF ")
        .element("code", &[], span.value.as_deref().unwrap_or("?"));
    if let (Some(first), Some(last)) = (span.first_day, span.last_day) {
        h.raw(": ");
        days(h, first, last);
    }
    if let Some(qualifier) = &span.qualifier {
        h.raw(" (").text(qualifier).raw(")");
    }
    h.raw("</span>");
}

/// "Terms in this handout": every entry the handout uses, alphabetical,
/// with its definition. Shown on screen too (touch screens do not hover).
fn terms(h: &mut Html, spans: &[Span], lexicon: &Lexicon) {
    let mut entries: Vec<&Entry> = spans
        .iter()
        .filter_map(|s| s.entry.as_deref().and_then(|id| lexicon.get(id)))
        .collect();
    entries.sort_by_cached_key(|e| (e.name.to_lowercase(), e.id.clone()));
    entries.dedup_by(|a, b| a.id == b.id);
    h.raw("<section class=\"terms\">\n<h2>Terms in this handout</h2>\n");
    if entries.is_empty() {
        h.raw("<p>No glossary entries occur in this text.</p>\n");
    } else {
        h.raw("<dl>\n");
        for entry in entries {
            h.raw("<dt>")
                .element(
                    "a",
                    &[
                        ("class", &key_class(entry.kind)),
                        ("href", &entry_href(Depth::Handout, &entry.id)),
                    ],
                    &entry.name,
                )
                .raw(" ")
                .element("span", &[("class", "kind")], entry.kind.as_str())
                .raw("</dt>\n")
                .element("dd", &[], &entry.definition)
                .raw("\n");
        }
        h.raw("</dl>\n");
    }
    h.raw("</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(text: &str, word: &str, kind: SpanKind) -> Span<'static> {
        let start = text.find(word).unwrap();
        serde_json::from_value(serde_json::json!({
            "start": start, "end": start + word.len(), "char_start": 0, "char_end": 0,
            "text": word, "kind": kind, "sentence": 0,
        }))
        .unwrap()
    }

    fn cut(text: &str, spans: &[Span]) -> Vec<(&'static str, String)> {
        blocks(text, spans)
            .into_iter()
            .map(|b| (if b.item { "li" } else { "p" }, text[b.range].to_string()))
            .collect()
    }

    #[test]
    fn blank_lines_and_list_lines_cut_blocks() {
        let text =
            "Title\n\n  First line\nsecond line\n• one\n  more of one\n- two\n1) three\n\nEnd\r\n";
        let got = cut(text, &[]);
        let want = [
            ("p", "Title"),
            ("p", "First line\nsecond line"),
            ("li", "• one\n  more of one"),
            ("li", "- two"),
            ("li", "1) three"),
            ("p", "End"),
        ];
        let want: Vec<(&str, String)> = want.iter().map(|(t, s)| (*t, s.to_string())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn a_span_across_a_cut_keeps_its_block_together() {
        let text = "The Five-Year\n\nPlan began.\n• Five-Year\n- Plan";
        let spans = [
            span(text, "Five-Year\n\nPlan", SpanKind::Term),
            span(text, "Five-Year\n- Plan", SpanKind::Term),
        ];
        let got = cut(text, &spans);
        assert_eq!(got.len(), 2, "{got:?}");
        assert_eq!(got[0].1, "The Five-Year\n\nPlan began.");
        assert_eq!(got[1].1, "• Five-Year\n- Plan");
    }

    /// Any spans, however they were made, give a page, and every span
    /// [`shown`] keeps is highlighted once.
    #[test]
    fn spans_that_do_not_fit_the_text_are_left_plain() {
        use proptest::prelude::*;
        let lexicon = Lexicon::builder().build().unwrap();
        let texts = "(?s)[ab \n\t.é•-]{0,24}";
        let bounds = prop_oneof![0..30_usize, Just(usize::MAX)];
        let raw = prop::collection::vec((bounds.clone(), bounds, any::<bool>()), 0..8);
        let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(512));
        runner
            .run(&(texts, raw), |(text, raw)| {
                let spans: Vec<Span> = raw
                    .iter()
                    .map(|&(start, end, honest)| {
                        let got = text.get(start..end).filter(|_| honest).unwrap_or("x");
                        let mut span = span(got, got, SpanKind::Term);
                        (span.start, span.end) = (start, end);
                        span.into_owned()
                    })
                    .collect();
                let annotation = Annotation {
                    schema: String::new(),
                    doc: crate::annotate::DocInfo {
                        id: "d".into(),
                        path: "d".into(),
                        bytes: text.len(),
                        chars: 0,
                    },
                    sentences: vec![],
                    spans,
                };
                let page = handout(&text, &annotation, &lexicon);
                let kept = shown(&text, &annotation.spans).len();
                prop_assert_eq!(page.matches("class=\"hl ").count(), kept);
                Ok(())
            })
            .unwrap();
    }
}
