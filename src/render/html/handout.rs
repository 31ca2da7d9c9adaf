//! A handout: one document's text as written, with its structure
//! (headings, paragraphs, lists, tables, block quotes, code; bold,
//! italics, strikethrough and links), every span highlighted by kind, its
//! definition (or date) in a tooltip shown on hover and on keyboard focus
//! by CSS alone, and at the end the definitions of every entry it uses,
//! for paper, where nothing hovers, each linked to its glossary entry; an
//! entry's highlights link there. A definition is written twice, for the
//! tooltip and for the list ([`Terms`]), however often its entry is named.
//!
//! # Structure
//!
//! The page is made from the document's layout (see
//! [`crate::document::Layout`]), not from its lines: each block becomes
//! an `<h1>`-`<h6>`, `<p>`, `<li>` (in `<ul>` or `<ol>`, nested by depth),
//! a table cell (`<th>` or `<td>`; the rows of a table, a key-dates table
//! too, stay one `<table>`), or a `<pre><code>`, inside `<blockquote>`s as
//! deep as it is quoted. Markup (the layout's hidden bytes: `**`, `#`,
//! `|`, link addresses) never shows. A block keeps its line breaks and
//! tabs (`white-space: pre-wrap`), so verse and wrapped notes stay as
//! written. The items of plain text show their own bullets (`ul.bare`).
//! Blocks that a span runs across (a guessed boundary of plain text, as
//! in `Five-Year` ⏎ ⏎ `Plan`) are shown as one, so no tag is cut.
//!
//! The page's title is the document's title (its first heading, or the
//! title its file gives), else its id; the page shows no file path.
//!
//! The inside of a block, spans and marks, is written by `inline`; the
//! terms list at the end, and the rules that give the tooltips, by `terms`.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::ops::Range;

use crate::annotate::{Annotation, Span};
use crate::document::{Block, BlockKind, Document, Format, Layout};
use crate::lexicon::Lexicon;
use crate::render::html::inline::Inline;
use crate::render::html::page::{legend, styled_page, Depth};
use crate::render::html::terms::{Listings, Terms};
use crate::render::html::writer::Html;

/// The handouts of documents annotated with one lexicon.
///
/// Made once for a run: it holds what the handouts' terms lists share
/// ([`Listings`]: the order of the lexicon's entries, and each entry's
/// item made once), so that a handout neither sorts its entries by
/// lower-cased copies of their names nor escapes their definitions again.
pub struct Handouts<'l> {
    listings: Listings<'l>,
}

impl<'l> Handouts<'l> {
    /// The handouts of documents annotated with `lexicon`.
    pub fn new(lexicon: &'l Lexicon) -> Handouts<'l> {
        Handouts {
            listings: Listings::new(lexicon),
        }
    }

    /// The handout page of one annotated document.
    ///
    /// Spans that [`shown`] rejects (none of the annotator's) are left plain.
    pub fn page(&self, doc: &Document, annotation: &Annotation) -> String {
        let text = doc.text.as_str();
        let layout = doc.fitting_layout();
        let layout = layout.as_ref();
        let spans = shown(text, annotation.spans());
        let title = doc.title.as_deref().unwrap_or(&doc.id);
        // A title that is the first heading is shown there, not twice.
        let first_is_title = doc.title.is_some()
            && layout
                .blocks()
                .first()
                .is_some_and(|b| matches!(b.kind, BlockKind::Heading { .. }));
        let terms = self.terms(annotation, &spans);
        styled_page(title, Depth::Handout, terms.style(), |h| {
            h.raw("<header>");
            if !first_is_title {
                h.element("h1", &[], title);
            }
            h.raw(
                "<p class=\"screen-only hint\">Point at or tab to a highlighted word to see \
                 its definition; follow it to its entry in the terms at the end, which links to \
                 the glossary (a date links to the timeline).</p>\n\
                 <p class=\"print-only hint\">Highlighted words are explained under \
                 “Terms in this handout” at the end.</p>\n",
            );
            legend(h);
            h.raw("</header>\n<article class=\"text\">\n");
            Body::new(h, doc, layout, &terms).write(&spans);
            h.raw("</article>\n");
            terms.write(h);
        })
    }

    /// The terms of `spans`, the spans of `annotation` that [`shown`]
    /// keeps: all of them, whose entries the annotation recorded, or
    /// fewer, whose entries are looked up by id.
    fn terms(&self, annotation: &Annotation, spans: &[Span]) -> Terms<'_> {
        let lexicon = self.listings.lexicon();
        let positions: Vec<Option<usize>> = if spans.len() == annotation.spans().len() {
            (0..spans.len())
                .map(|i| annotation.entry_position(i, lexicon))
                .collect()
        } else {
            let position = |span: &Span| lexicon.position(span.entry.as_deref()?);
            spans.iter().map(position).collect()
        };
        Terms::of(spans, &positions, &self.listings)
    }
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

/// Blocks shown as one: a block, and those after it that a span runs into.
#[derive(Debug, PartialEq, Eq)]
struct Unit {
    range: Range<usize>,
    kind: BlockKind,
    quote: u8,
}

/// The units of `blocks`: each block, joined with the next while a span
/// (of `outer`, the outermost spans) runs from one into the other. A unit
/// holds every span that starts in it whole.
fn units(blocks: &[Block], outer: &[Range<usize>]) -> Vec<Unit> {
    let mut units: Vec<Unit> = Vec::with_capacity(blocks.len());
    let mut spans = outer.iter().peekable();
    for block in blocks {
        match units.last_mut() {
            Some(last) if last.range.end > block.start => {
                last.range.end = last.range.end.max(block.end);
            }
            _ => units.push(Unit {
                range: block.range(),
                kind: block.kind,
                quote: block.quote,
            }),
        }
        let Some(last) = units.last_mut() else {
            continue;
        };
        while let Some(span) = spans.next_if(|s| s.start < last.range.end) {
            if span.end > last.range.start {
                last.range.start = last.range.start.min(span.start);
                last.range.end = last.range.end.max(span.end);
            }
        }
    }
    units
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

/// Writes the blocks of a document, opening and closing the lists,
/// tables and block quotes around them.
struct Body<'a> {
    h: &'a mut Html,
    doc: &'a Document,
    layout: &'a Layout,
    terms: &'a Terms<'a>,
    /// Block quotes open.
    quote: u8,
    /// Lists open, outermost first: ordered? Each has an `<li>` open.
    lists: Vec<bool>,
    /// The table open: its number, the row open, and the next column.
    table: Option<(u32, u32, u32)>,
}

impl<'a> Body<'a> {
    fn new(h: &'a mut Html, doc: &'a Document, layout: &'a Layout, terms: &'a Terms<'a>) -> Self {
        Body {
            h,
            doc,
            layout,
            terms,
            quote: 0,
            lists: Vec::new(),
            table: None,
        }
    }

    fn write(mut self, spans: &[Span]) {
        // The spans not yet written start here.
        let mut first = 0;
        for unit in units(self.layout.blocks(), &outermost(spans)) {
            let rest = &spans[first..];
            let inside = first + rest.partition_point(|s| s.start < unit.range.end);
            let before = first + rest.partition_point(|s| s.start < unit.range.start);
            self.enter(&unit);
            self.unit(&unit, &spans[before..inside], before);
            first = inside;
        }
        self.enter(&Unit {
            range: 0..0,
            kind: BlockKind::Paragraph,
            quote: 0,
        });
    }

    /// Closes and opens the quotes, lists and table around `unit`, as far
    /// as its kind needs.
    fn enter(&mut self, unit: &Unit) {
        let (depth, ordered) = match unit.kind {
            BlockKind::Item { ordered, depth } => (usize::from(depth.max(1)), ordered),
            _ => (0, false),
        };
        let table = match unit.kind {
            BlockKind::Cell { table, .. } => Some(table),
            _ => None,
        };
        if unit.quote != self.quote {
            self.close_table();
            self.close_lists(0);
            while self.quote > unit.quote {
                self.h.raw("</blockquote>\n");
                self.quote -= 1;
            }
            while self.quote < unit.quote {
                self.h.raw("<blockquote>\n");
                self.quote += 1;
            }
        }
        if self.table.map(|t| t.0) != table {
            self.close_table();
        }
        self.close_lists(depth);
        if depth == 0 {
            return;
        }
        if self.lists.len() == depth {
            if self.lists[depth - 1] == ordered {
                self.h.raw("</li>\n<li>");
                return;
            }
            self.close_lists(depth - 1);
        }
        while self.lists.len() < depth {
            self.h.raw(match (ordered, self.doc.format) {
                (true, _) => "<ol>\n<li>",
                (false, Format::Text) => "<ul class=\"bare\">\n<li>",
                (false, _) => "<ul>\n<li>",
            });
            self.lists.push(ordered);
        }
    }

    fn close_lists(&mut self, depth: usize) {
        while self.lists.len() > depth {
            let ordered = self.lists.pop().unwrap_or(false);
            self.h.raw(if ordered {
                "</li>\n</ol>\n"
            } else {
                "</li>\n</ul>\n"
            });
        }
    }

    fn close_table(&mut self) {
        if self.table.take().is_some() {
            self.h.raw("</tr>\n</table>\n");
        }
    }

    /// Writes one unit: its element and its inside, `spans`, the first of
    /// which is the document's span number `first`.
    fn unit(&mut self, unit: &Unit, spans: &[Span], first: usize) {
        let tag = match unit.kind {
            BlockKind::Heading { level } => {
                ["h1", "h2", "h3", "h4", "h5", "h6"][usize::from(level.clamp(1, 6)) - 1]
            }
            BlockKind::Paragraph => "p",
            BlockKind::Item { .. } => "",
            BlockKind::Cell {
                table,
                row,
                column,
                header,
            } => {
                self.cell(table, row, column);
                if header {
                    "th"
                } else {
                    "td"
                }
            }
            BlockKind::Code => "pre",
        };
        if !tag.is_empty() {
            self.h.open(tag, &[]);
        }
        let code = unit.kind == BlockKind::Code;
        if code {
            self.h.open("code", &[]);
        }
        let layout = self.layout;
        let inline = Inline::new(
            self.h,
            &self.doc.text,
            unit.range.clone(),
            layout.hidden(),
            layout.marks(),
            spans,
            &self.terms.numbers()[first..first + spans.len()],
            &self.doc.id,
        );
        if code {
            inline.raw().write(unit.range.end);
            self.h.close("code");
        } else {
            inline.write(unit.range.end);
        }
        if !tag.is_empty() {
            self.h.close(tag);
            if !matches!(unit.kind, BlockKind::Cell { .. }) {
                self.h.raw("\n");
            }
        }
    }

    /// Opens the table, the row and the empty cells before the cell at
    /// `row`, `column` of `table`.
    fn cell(&mut self, table: u32, row: u32, column: u32) {
        let next = match self.table {
            Some((t, r, next)) if t == table && r == row => next,
            Some((t, _, _)) if t == table => {
                self.h.raw("</tr>\n<tr>");
                0
            }
            _ => {
                self.h.raw("<table>\n<tr>");
                0
            }
        };
        for _ in next..column {
            self.h.raw("<td></td>");
        }
        self.table = Some((table, row, column.max(next) + 1));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::SpanKind;

    /// The lexicon of one TOML text.
    fn lexicon_of(toml: &str) -> Lexicon {
        let mut lexicon = Lexicon::builder();
        lexicon.add_toml("t.toml", toml);
        lexicon.build().unwrap()
    }

    fn span(text: &str, word: &str, kind: SpanKind) -> Span<'static> {
        let start = text.find(word).unwrap();
        serde_json::from_value(serde_json::json!({
            "start": start, "end": start + word.len(), "char_start": 0, "char_end": 0,
            "text": word, "kind": kind, "sentence": 0,
        }))
        .unwrap()
    }

    fn annotated(doc: &Document, lexicon: &Lexicon) -> String {
        let annotator = crate::annotate::Annotator::new(lexicon.clone());
        Handouts::new(lexicon).page(doc, &annotator.annotate(doc))
    }

    /// The article of a page, without tooltips.
    fn article(page: &str) -> String {
        let start = page.find("<article").unwrap();
        let end = page.find("</article>").unwrap();
        let mut out = page[start..end].to_string();
        while let Some(tip) = out.find("<span class=\"tip\"") {
            // The tooltip's end: where its `<span>`s are all closed.
            let (mut depth, mut at) = (0, tip);
            loop {
                let open = out[at + 1..].find("<span").map(|i| at + 1 + i);
                let close = out[at + 1..].find("</span>").map(|i| at + 1 + i);
                match (open, close) {
                    (Some(o), Some(c)) if o < c => (depth, at) = (depth + 1, o),
                    (_, Some(c)) if depth > 0 => (depth, at) = (depth - 1, c),
                    (_, Some(c)) => {
                        out.replace_range(tip..c + "</span>".len(), "");
                        break;
                    }
                    _ => panic!("unclosed tooltip"),
                }
            }
        }
        out
    }

    /// A handout grows with its mentions by their tags, not by their
    /// definitions: an entry with a long definition named twenty times in
    /// 160 bytes costs about as much as the same entry named once.
    #[test]
    fn a_definition_is_written_once_however_often_its_entry_is_named() {
        let definition = "Collective farms replaced the village commune. ".repeat(40);
        let lexicon = lexicon_of(&format!(
            "[[entry]]\nid = \"kolkhoz\"\nname = \"Kolkhoz\"\nkind = \"term\"\n\
                     definition = \"{definition}\"\n"
        ));
        // 160 bytes, naming the entry `times` times.
        let handout_naming = |times: usize| {
            let text = format!(
                "{}{}",
                "Kolkhoz. ".repeat(times),
                "Nothing. ".repeat(20 - times)
            );
            let text = format!("{text:160}");
            let doc = Document::new("d".into(), "d.txt".into(), text);
            let page = annotated(&doc, &lexicon);
            assert_eq!(page.matches("class=\"hl ").count(), times, "{page}");
            page
        };
        let (once, twenty) = (handout_naming(1), handout_naming(20));
        for page in [&once, &twenty] {
            assert_eq!(page.matches(definition.trim()).count(), 2, "{page}");
        }
        let per_mention = (twenty.len() - once.len()) / 19;
        assert!(
            per_mention * 10 < definition.len(),
            "each further mention costs {per_mention} bytes"
        );
    }

    /// A person nested in an event (matching rule 6) is highlighted inside
    /// the event's link, which its definition describes too; named only
    /// there, it is listed on screen but not on paper.
    #[test]
    fn a_nested_person_is_shown_inside_its_event() {
        let lexicon = lexicon_of(
            "[[entry]]\nid = \"kirov\"\nname = \"Kirov\"\nkind = \"person\"\ndefinition = \"K.\"\n\
             [[entry]]\nid = \"kirov-affair\"\nname = \"Kirov affair\"\nkind = \"event\"\n\
             definition = \"A.\"\n",
        );
        let doc = Document::new("d".into(), "d.txt".into(), "The Kirov affair.".into());
        let page = annotated(&doc, &lexicon);
        // Entries are numbered by name: Kirov d0, Kirov affair d1.
        assert!(
            page.contains(
                "<a class=\"hl k-event d1\" id=\"s-4\" href=\"#d1\" \
                 aria-describedby=\"d1 d0\"><span class=\"hl k-person d0\" id=\"s-4-9\">Kirov</span> affair</a>"
            ),
            "{page}"
        );
        assert!(
            page.contains(
                "<dt class=\"k-person screen-only\"><a href=\"../glossary.html#kirov\">Kirov</a></dt>\n\
                 <dd class=\"screen-only\" id=\"d0\">K.</dd>"
            ),
            "{page}"
        );
        assert!(
            page.contains(
                "<dt class=\"k-event\"><a href=\"../glossary.html#kirov-affair\">Kirov affair</a></dt>\n\
                 <dd id=\"d1\">A.</dd>"
            ),
            "{page}"
        );
    }

    #[test]
    fn a_span_across_a_soft_cut_keeps_its_blocks_together() {
        let text = "The Five-Year\n\nPlan began.\n• Five-Year\n- Plan\n\nEnd.";
        let doc = Document::new("d".into(), "d.txt".into(), text.into());
        let spans = [
            span(text, "Five-Year\n\nPlan", SpanKind::Term),
            span(text, "Five-Year\n- Plan", SpanKind::Term),
        ];
        let got: Vec<&str> = units(doc.layout().blocks(), &outermost(&spans))
            .into_iter()
            .map(|u| &text[u.range])
            .collect();
        assert_eq!(
            got,
            [
                "The Five-Year\n\nPlan began.",
                "• Five-Year\n- Plan",
                "End."
            ]
        );
    }

    #[test]
    fn markdown_shows_its_structure_and_no_markup() {
        let lexicon = Lexicon::builtin().unwrap();
        let text = "# The *Power* Struggle\n\n## After Lenin\n\n\
                    **Stalin and** Trotsky; see [Lenin's testament](https://e.org/1923) and `code 1924`.\n\n\
                    > Quoted **Bukharin**\n\n\
                    | Date | Event |\n|---|---|\n| 1927 | War Scare |\n|  | NEP |\n\n\
                    - one\n  - Kamenev\n1. Zinoviev\n";
        let doc = Document::of_text("d".into(), "d.md".into(), text.into(), Format::Markdown);
        let page = annotated(&doc, &lexicon);
        assert!(page.contains("<title>The Power Struggle</title>"), "{page}");
        let body = article(&page);
        for markup in ["**", "# ", "|", "](", "https://e.org/1923\">https"] {
            assert!(!body.contains(markup), "{markup:?} in {body}");
        }
        for html in [
            "<h1>The <em>Power</em> Struggle</h1>",
            "<h2>After ",
            "<strong><a class=\"hl k-person d",
            "<a href=\"https://e.org/1923\" class=\"link\">",
            "<code>code 1924</code>",
            "<blockquote>\n<p>Quoted <strong>",
            "<table>\n<tr><th>Date</th><th>Event</th></tr>\n<tr><td><a class=\"hl k-date\"",
            "<tr><td></td><td><a class=\"hl k-term d",
            "<ul>\n<li>one<ul>\n<li><a class=\"hl k-person d",
            "</ul>\n<ol>\n<li><a class=\"hl k-person d",
        ] {
            assert!(body.contains(html), "{html:?} not in {body}");
        }
        // A mark that a span crosses is split around it.
        assert_eq!(
            body.matches("<strong>").count(),
            body.matches("</strong>").count()
        );
        assert!(!page.contains("d.md"), "no file path on the page");
    }

    /// The annotator records each span's entry; an annotation read back
    /// from JSON has only the ids, looked up in the lexicon: the page is
    /// the same, its terms listed by name whatever their order in the
    /// lexicon and the text.
    #[test]
    fn a_handout_of_an_annotation_read_back_is_the_same() {
        let lexicon = lexicon_of("[[entry]]\nid = \"zinoviev\"\nname = \"Zinoviev\"\nkind = \"person\"\ndefinition = \"Z.\"\n\
             [[entry]]\nid = \"kamenev\"\nname = \"kamenev\"\nkind = \"person\"\ndefinition = \"K.\"\n\
             [[entry]]\nid = \"nep\"\nname = \"NEP\"\nkind = \"term\"\ndefinition = \"N.\"\n");
        let annotator = crate::annotate::Annotator::new(lexicon.clone());
        let text = "Zinoviev and Kamenev opposed the NEP in 1925; Zinoviev lost.";
        let doc = Document::new("d".into(), "d.txt".into(), text.into());
        let annotation = annotator.annotate(&doc);
        let json = crate::render::json::annotation_line(&annotation);
        let read: Annotation = serde_json::from_slice(&json).unwrap();
        let handouts = Handouts::new(&lexicon);
        let page = handouts.page(&doc, &annotation);
        assert_eq!(handouts.page(&doc, &read), page);
        let listed: Vec<usize> = ["#kamenev\"", "#nep\"", "#zinoviev\""]
            .iter()
            .map(|href| page.find(href).unwrap())
            .collect();
        assert!(listed.is_sorted(), "{page}");
        assert_eq!(page.matches("href=\"#d2\"").count(), 2, "{page}");
    }

    #[test]
    fn plain_text_keeps_its_bullets_and_its_title() {
        let lexicon = Lexicon::builtin().unwrap();
        let text = "Lenin and Stalin\n\n• Lenin died in 1924.\n• Stalin won.\n";
        let doc = Document::new("notes".into(), "/home/me/notes.txt".into(), text.into());
        let page = annotated(&doc, &lexicon);
        assert!(page.contains("<title>Lenin and Stalin</title>"));
        let body = article(&page);
        assert!(body.contains("<h1>"), "{body}");
        assert!(body.contains("<ul class=\"bare\">\n<li>• "), "{body}");
        assert!(!page.contains("/home/me"));
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
                let annotation = Annotation::unchecked(
                    String::new(),
                    crate::annotate::DocInfo {
                        id: "d".into(),
                        path: "d".into(),
                        bytes: text.len(),
                        chars: 0,
                        format: crate::document::Format::Text,
                        title: None,
                    },
                    vec![],
                    spans,
                    Cow::Borrowed(&[]),
                );
                let doc = Document::new("d".into(), "d".into(), text.clone());
                let page = Handouts::new(&lexicon).page(&doc, &annotation);
                let kept = shown(&text, annotation.spans()).len();
                prop_assert_eq!(page.matches("class=\"hl ").count(), kept);
                Ok(())
            })
            .unwrap();
    }
}
