//! What every HTML page shares: the page shell (head with the inline
//! stylesheet and a no-script, no-network Content-Security-Policy, the
//! navigation bar), the kinds' classes and legend, the links and anchors
//! that tie handouts, glossary and timeline together, and quoted passages.
//!
//! Anchors are defined here once so the pages agree on them: a span of a
//! handout has the id `s-<start>` ([`push_span_id`]), a glossary entry its
//! lexicon id, a timeline event `e-<doc>-<start>` ([`event_id`]).

use std::io::{self, Write};

use crate::annotate::SpanKind;
use crate::dates::Day;
use crate::render::html::style::CSS;
use crate::render::html::writer::{Html, Pieces};
use crate::render::quotes::Quote;

/// Scripts, plugins, frames and every network fetch are refused; only the
/// inline stylesheet applies. A second line of defence behind escaping.
const CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

/// Where a page sits: in the output folder, or one folder down.
#[derive(Clone, Copy)]
pub enum Depth {
    /// `DIR/*.html`.
    Top,
    /// `DIR/handouts/*.html`.
    Handout,
}

impl Depth {
    /// The path from this page to a file of the output folder.
    pub fn to(self, file: &str) -> String {
        let mut path = String::new();
        self.push_to(&mut path, file);
        path
    }

    /// Writes [`Depth::to`] to `out`.
    pub fn push_to(self, out: &mut impl Pieces, file: &str) {
        if let Depth::Handout = self {
            out.push_static("../");
        }
        out.push_text(file);
    }
}

/// A whole page: `title`, the navigation bar, then `body` inside `<main>`.
pub fn page(title: &str, depth: Depth, body: impl FnOnce(&mut Html)) -> String {
    styled_page(title, depth, None, body)
}

/// A [`page`] with rules of its own (written with [`Html::css_string`]
/// for any text in them), in a second `<style>` element of the head.
pub fn styled_page(
    title: &str,
    depth: Depth,
    style: Option<Html>,
    body: impl FnOnce(&mut Html),
) -> String {
    let mut h = page_head(title, depth, style);
    body(&mut h);
    h.raw(PAGE_END);
    h.finish()
}

/// A [`page`] written to `out` while its body is made: `body` writes into
/// the [`Html`] it is handed and empties it into `out`
/// ([`Html::write_to`]) as often as it likes, so that a long page is never
/// held whole.
pub fn write_page(
    out: &mut dyn Write,
    title: &str,
    depth: Depth,
    body: impl FnOnce(&mut Html, &mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    let mut h = page_head(title, depth, None);
    body(&mut h, out)?;
    h.raw(PAGE_END);
    h.write_to(out)
}

/// What closes every page.
const PAGE_END: &str = "</main>\n</body>\n</html>\n";

/// A page up to its body: the head, the navigation bar, `<main>`.
fn page_head(title: &str, depth: Depth, style: Option<Html>) -> Html {
    let mut h = Html::new();
    h.raw("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .open(
            "meta",
            &[("http-equiv", "Content-Security-Policy"), ("content", CSP)],
        )
        .raw("\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .element("title", &[], title)
        .raw("\n<style>")
        .raw(CSS)
        .raw("</style>\n");
    if let Some(style) = style {
        h.raw("<style>").append(&style).raw("</style>\n");
    }
    h.raw("</head>\n<body>\n<nav>");
    for (i, (file, label)) in [
        ("index.html", "Index"),
        ("glossary.html", "Glossary"),
        ("timeline.html", "Timeline"),
    ]
    .into_iter()
    .enumerate()
    {
        if i > 0 {
            h.raw(" · ");
        }
        h.element("a", &[("href", &depth.to(file))], label);
    }
    h.raw("</nav>\n<main>\n");
    h
}

/// Every span kind, in legend order, with its label and non-colour cue.
const KINDS: [(SpanKind, &str, &str); 6] = [
    (SpanKind::Person, "Person", "solid underline"),
    (SpanKind::Org, "Organisation", "dashed underline"),
    (SpanKind::Place, "Place", "double underline"),
    (SpanKind::Event, "Event", "wavy underline"),
    (SpanKind::Term, "Term", "dotted underline"),
    (SpanKind::Date, "Date", "boxed"),
];

/// Writes `k-<kind>` to `out`: the class that gives the kind its colour
/// and line style (and, in a handout, its name in tooltips and the terms
/// list).
pub fn push_kind_class(out: &mut impl Pieces, kind: impl Into<SpanKind>) {
    out.push_static("k-");
    out.push_static(kind.into().as_str());
}

/// Writes `<role> k-<kind>` to `out`: the classes of a highlight (`role`
/// `hl`) or of a sample of one, for legends and lists (`key`).
pub fn push_kind_classes(out: &mut impl Pieces, role: &'static str, kind: impl Into<SpanKind>) {
    out.push_static(role);
    out.push_static(" ");
    push_kind_class(out, kind);
}

/// `key k-<kind>`: a sample of the kind's highlight, for legends and lists.
pub fn key_class(kind: impl Into<SpanKind>) -> String {
    let mut class = String::new();
    push_kind_classes(&mut class, "key", kind);
    class
}

/// The legend: each kind's highlight, name and line style.
pub fn legend(h: &mut Html) {
    h.raw("<ul class=\"legend\" aria-label=\"Legend\">");
    for (kind, label, cue) in KINDS {
        h.raw("<li>")
            .element("span", &[("class", &key_class(kind))], label)
            .raw(" ")
            .element("span", &[("class", "cue")], cue)
            .raw("</li>");
    }
    h.raw("</ul>\n");
}

/// Writes `s-<start>` to `out`: the id of the span starting at `start`
/// in its handout.
pub fn push_span_id(out: &mut impl Pieces, start: usize) {
    out.push_static("s-");
    out.push_number(start);
}

/// The path from the output folder to a document's handout.
pub fn handout_path(doc: &str) -> String {
    let mut path = String::with_capacity(doc.len() + 14);
    push_handout_path(&mut path, doc);
    path
}

/// Appends [`handout_path`] of `doc` to `out`.
fn push_handout_path(out: &mut String, doc: &str) {
    out.push_str("handouts/");
    out.push_str(doc);
    out.push_str(".html");
}

/// The link from a top-level page to a span of a handout, made in one
/// string (the glossary page links each of its tens of thousands of
/// passages).
pub fn passage_href(doc: &str, start: usize) -> String {
    let mut href = String::with_capacity(doc.len() + 37);
    push_handout_path(&mut href, doc);
    href.push('#');
    push_span_id(&mut href, start);
    href
}

/// The link from a page at `depth` to a glossary entry.
pub fn entry_href(depth: Depth, id: &str) -> String {
    let mut href = String::new();
    push_entry_href(&mut href, depth, id);
    href
}

/// Writes [`entry_href`] to `out`.
pub fn push_entry_href(out: &mut impl Pieces, depth: Depth, id: &str) {
    depth.push_to(out, "glossary.html");
    out.push_static("#");
    out.push_text(id);
}

/// The id of the timeline event of the date at `start` in `doc`.
pub fn event_id(doc: &str, start: usize) -> String {
    let mut id = String::with_capacity(doc.len() + 12);
    push_event_id(&mut id, doc, start);
    id
}

/// Writes [`event_id`] to `out`.
pub fn push_event_id(out: &mut impl Pieces, doc: &str, start: usize) {
    out.push_static("e-");
    out.push_text(doc);
    out.push_static("-");
    out.push_number(start);
}

/// The days a date covers: `1924-01-21`, or `1924-01-01 to 1929-12-31`.
pub fn days(h: &mut Html, first: Day, last: Day) {
    h.show(first);
    if first != last {
        h.raw(" to ").show(last);
    }
}

/// A passage quoted, the span marked: `“…before <mark>span</mark>
/// after…”`.
pub fn quote(h: &mut Html, quote: &Quote) {
    let (before, mid, after) = quote.parts();
    h.raw("“")
        .text(before)
        .element("mark", &[], mid)
        .text(after)
        .raw("”");
}
