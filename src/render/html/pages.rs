//! The pages of the reductions: the glossary (every entry, its definition
//! and links to the passages it occurs in), the timeline (every dated
//! passage in date order, linked the same way) and the index of a build
//! folder (counts, and links to every page and file).
//!
//! Links to handouts are relative to the output folder of
//! `glossator build`; a page written alone by `glossator glossary` or
//! `timeline` keeps them, and they lead nowhere unless the handouts are
//! beside it.

use std::collections::HashMap;
use std::io::{self, Write};

use crate::annotate::SpanKind;
use crate::dates::in_words;
use crate::glossary::{Glossary, GlossaryEntry};
use crate::lexicon::Kind;
use crate::render::html::page::{
    days, entry_href, event_id, handout_path, key_class, legend, page, passage_href, quote,
    write_page, Depth,
};
use crate::render::html::writer::Html;
use crate::render::markdown::kind_heading;
use crate::render::quotes::{Quote, Quotes};
use crate::render::text::{initials, plain, section_id};
use crate::text::counted;
use crate::timeline::{Row, Section, Timeline, TimelineRows};

/// The glossary page: links to its sections, then a section per kind with
/// links to its letters, entries in sort order (people by surname).
///
/// # Panics
///
/// Never: the page is written to memory, from strings.
pub fn glossary(glossary: &Glossary) -> String {
    let mut out = Vec::new();
    write_glossary(&Quotes::as_written(glossary), &mut out).expect("writing to memory");
    String::from_utf8(out).expect("HTML is written from strings")
}

/// [`glossary`] with the quotes of `quotes`, written to `out` an entry at
/// a time.
pub fn write_glossary(quotes: &Quotes, out: &mut dyn Write) -> io::Result<()> {
    let glossary = quotes.glossary();
    write_page(out, "Glossary", Depth::Top, |h, out| {
        let by_id = glossary.by_id();
        h.raw("<h1>Glossary</h1>\n<p class=\"meta\">")
            .text(&counted(glossary.entries().len(), "entry", "entries"))
            .raw(", ")
            .text(&counted(
                glossary.total_count(),
                "occurrence",
                "occurrences",
            ))
            .raw(", from ")
            .text(&counted(
                glossary.documents().len(),
                "document",
                "documents",
            ))
            .raw(".</p>\n");
        legend(h);
        let sections = glossary.sections();
        sections_nav(h, &sections);
        for (kind, entries) in sections {
            let letters = initials(&entries);
            h.element("h2", &[("id", &section_id(kind, None))], kind_heading(kind))
                .raw("\n<nav class=\"jump\">");
            for (i, (letter, _)) in letters.iter().enumerate() {
                let href = format!("#{}", section_id(kind, Some(*letter)));
                h.raw(if i == 0 { "" } else { " · " }).element(
                    "a",
                    &[("href", &href)],
                    &letter.to_string(),
                );
            }
            h.raw("</nav>\n");
            for (n, entry) in entries.into_iter().enumerate() {
                if let Some((letter, _)) = letters.iter().find(|(_, first)| *first == n) {
                    h.element("span", &[("id", &section_id(kind, Some(*letter)))], "");
                }
                glossary_entry(h, entry, &by_id, quotes);
                h.write_to(out)?;
            }
        }
        Ok(())
    })
}

/// The compact glossary: a two-column table (term, definition) per kind,
/// one line per entry in sort order, to print and revise from; each term
/// links to its entry in the full glossary. On paper a definition shows
/// its first two lines (the stylesheet's `.clamp`).
pub fn compact_glossary(glossary: &Glossary) -> String {
    page("Glossary (compact)", Depth::Top, |h| {
        h.raw("<h1>Glossary</h1>\n<p class=\"meta\">")
            .show(glossary.entries().len())
            .raw(" entries. ")
            .element("a", &[("href", "glossary.html")], "The full glossary")
            .raw(" has where each occurs.</p>\n");
        let sections = glossary.sections();
        sections_nav(h, &sections);
        for (kind, entries) in sections {
            h.element("h2", &[("id", &section_id(kind, None))], kind_heading(kind))
                .raw("\n<table class=\"compact\">\n");
            for entry in entries {
                h.raw("<tr><th>")
                    .element(
                        "a",
                        &[("href", &entry_href(Depth::Top, &entry.id))],
                        &entry.name,
                    )
                    .raw("</th><td><div class=\"clamp\">")
                    .text(&plain(&entry.all_definitions()))
                    .raw("</div></td></tr>\n");
            }
            h.raw("</table>\n");
        }
    })
}

/// Links to a glossary's sections, one per kind.
fn sections_nav(h: &mut Html, sections: &[(Kind, Vec<&GlossaryEntry>)]) {
    h.raw("<nav class=\"jump\">Sections: ");
    for (i, (kind, _)) in sections.iter().enumerate() {
        let href = format!("#{}", section_id(*kind, None));
        h.raw(if i == 0 { "" } else { " · " }).element(
            "a",
            &[("href", &href)],
            kind_heading(*kind),
        );
    }
    h.raw("</nav>\n");
}

/// One entry: name, definitions (the notes' first, each linked to its
/// passage, then the lexicon's), spellings, links, counts, passages;
/// `by_id` finds the entries it links to.
fn glossary_entry(
    h: &mut Html,
    entry: &GlossaryEntry,
    by_id: &HashMap<&str, &GlossaryEntry>,
    quotes: &Quotes,
) {
    h.open("article", &[("class", "entry"), ("id", &entry.id)])
        .raw("<h3>")
        .element("span", &[("class", &key_class(entry.kind))], &entry.name)
        .raw(" ")
        .element("span", &[("class", "kind")], entry.kind.as_str())
        .raw("</h3>\n");
    for note in &entry.notes {
        h.raw("<p class=\"def note\">")
            .text(&note.definition)
            .raw(" <span class=\"meta\">(from ")
            .element(
                "a",
                &[("href", &passage_href(&note.doc, note.at))],
                &note.source,
            )
            .raw(")</span></p>\n");
    }
    if !entry.definition.is_empty() {
        h.element("p", &[("class", "def")], &entry.definition)
            .raw("\n");
    }
    h.raw("<p class=\"meta\">Written as: ")
        .text(&quotes.spellings_of(entry).join(", "));
    let see_also = entry
        .see_also
        .iter()
        .filter_map(|id| by_id.get(id.as_str()));
    for (i, other) in see_also.enumerate() {
        h.raw(if i == 0 { " · See also: " } else { ", " }).element(
            "a",
            &[("href", &entry_href(Depth::Top, &other.id))],
            &other.name,
        );
    }
    h.raw(" · Occurs ")
        .text(&counted(entry.count, "time", "times"))
        .raw(" in ")
        .text(&counted(entry.doc_count, "document", "documents"))
        .raw(".</p>\n");
    if entry.occurrences.is_empty() {
        // --max-occurrences 0: no passages, and no list for them.
        h.raw("</article>\n");
        return;
    }
    h.raw("<ol class=\"passages\">\n");
    for (occurrence, passage) in entry.occurrences.iter().zip(quotes.of_entry(entry).iter()) {
        h.raw("<li>")
            .element(
                "a",
                &[("href", &passage_href(&occurrence.doc, occurrence.start))],
                &occurrence.doc,
            )
            .raw(": ");
        quote(h, passage);
        h.raw("</li>\n");
    }
    h.raw("</ol>\n");
    if entry.count > entry.occurrences.len() {
        h.raw("<p class=\"meta\">… and ")
            .show(entry.count - entry.occurrences.len())
            .raw(" more.</p>\n");
    }
    h.raw("</article>\n");
}

/// The timeline page: the documents' spans, then a section per year (of
/// each row's first day), one row per event in date order (see
/// [`crate::timeline::SortedTimeline::rows`]).
///
/// # Panics
///
/// Never: a timeline in memory is sorted and written without temporary
/// files.
pub fn timeline(timeline: &Timeline) -> String {
    String::from_utf8(timeline.written(write_timeline)).expect("HTML is written from strings")
}

/// [`timeline`] written to `out` a row at a time, from rows that may be
/// on disk.
pub fn write_timeline(rows: &TimelineRows, out: &mut dyn Write) -> io::Result<()> {
    write_page(out, "Timeline", Depth::Top, |h, out| {
        h.raw("<h1>Timeline</h1>\n<p class=\"meta\">")
            .text(&counted(rows.event_rows(), "event", "events"))
            .raw(" from ")
            .text(&counted(
                rows.timeline().len(),
                "dated passage",
                "dated passages",
            ))
            .raw(" in ")
            .text(&counted(
                rows.timeline().documents().len(),
                "document",
                "documents",
            ))
            .raw(".</p>\n");
        if rows.span_rows() > 0 {
            h.raw(
                "<h2>Periods covered</h2>\n<p class=\"meta\">The span of a document, \
                   as its title gives it, or a range of more than 50 years.</p>\n\
                   <ul class=\"events\">\n",
            );
        }
        rows.each_in_sections(|row, section| {
            if let Section::NewYear { year, first } = section {
                if !first {
                    h.raw("</ol>\n");
                }
                h.element("h2", &[], &year.to_string())
                    .raw("\n<ol class=\"events\">\n");
            }
            timeline_row(h, rows, row);
            if section == (Section::Period { last: true }) {
                h.raw("</ul>\n");
            }
            h.write_to(out)
        })?;
        if rows.event_rows() > 0 {
            h.raw("</ol>\n");
        }
        Ok(())
    })
}

/// One row: the date in words and its days, the entries it names
/// (highlighted, linked to the glossary; the events first), then each
/// passage with its document, under the id the handouts link to.
fn timeline_row(h: &mut Html, timeline: &TimelineRows, row: &Row) {
    let first = row.first();
    h.raw("<li>")
        .element(
            "span",
            &[("class", &key_class(SpanKind::Date))],
            &in_words(&first.value, first.qualifier.as_deref(), first.old_style),
        )
        .raw(" ");
    for id in &row.named {
        entry_link(h, timeline, id);
        h.raw(" ");
    }
    h.raw("<span class=\"meta\">");
    days(h, first.start, first.end);
    for (i, id) in row.others().into_iter().enumerate() {
        h.raw(if i == 0 { " · with " } else { ", " });
        entry_link(h, timeline, id);
    }
    h.raw("</span>\n<ul class=\"passages\">\n");
    for event in &row.mentions {
        h.open("li", &[("id", &event_id(&event.doc, event.span[0]))]);
        quote(
            h,
            &Quote::of(
                &event.context,
                event.sentence[0],
                event.span[0]..event.span[1],
            ),
        );
        h.raw(" (")
            .element(
                "a",
                &[("href", &passage_href(&event.doc, event.span[0]))],
                &event.doc,
            )
            .raw(")</li>\n");
    }
    h.raw("</ul></li>\n");
}

/// A link to the glossary entry `id`, highlighted as its kind; its id
/// alone where the timeline has no name for it (a file written before
/// timelines listed their entries).
fn entry_link(h: &mut Html, timeline: &TimelineRows, id: &str) {
    let href = entry_href(Depth::Top, id);
    match timeline.entry(id) {
        Some(entry) => h.element(
            "a",
            &[("href", &href), ("class", &key_class(entry.kind))],
            &entry.name,
        ),
        None => h.element("a", &[("href", &href)], id),
    };
}

/// The front page of a build folder: what was found, and every output;
/// `dates` is how many dated passages the timeline has.
pub fn index(glossary: &Glossary, dates: usize) -> String {
    page("glossator output", Depth::Top, |h| {
        h.raw("<h1>glossator output</h1>\n<table class=\"counts\">\n")
            .raw("<tr><th>Documents</th><td class=\"n\">")
            .show(glossary.documents().len())
            .raw("</td><td></td></tr>\n");
        for kind in Kind::ALL {
            let entries = glossary.entries().iter().filter(|e| e.kind == kind);
            let mentions = entries
                .clone()
                .fold(0, |n: usize, e| n.saturating_add(e.count));
            h.raw("<tr><th>")
                .element("span", &[("class", &key_class(kind))], kind_heading(kind))
                .raw("</th><td class=\"n\">")
                .show(entries.count())
                .raw(" entries</td><td class=\"n\">")
                .show(mentions)
                .raw(" mentions</td></tr>\n");
        }
        h.raw("<tr><th>")
            .element("span", &[("class", &key_class(SpanKind::Date))], "Dates")
            .raw("</th><td class=\"n\">")
            .show(dates)
            .raw("</td><td></td></tr>\n</table>\n");
        files(h, glossary);
    })
}

/// The links of the index: handouts with their annotations, then the
/// glossary and timeline in every format, the Anki deck and the
/// worksheet.
fn files(h: &mut Html, glossary: &Glossary) {
    h.raw("<h2>Handouts</h2>\n<ul class=\"files\">\n");
    for doc in glossary.documents() {
        h.raw("<li>")
            .element("a", &[("href", &handout_path(&doc.id))], &doc.id)
            .raw(" <span class=\"path\">")
            .text(&doc.path)
            .raw("</span> · ")
            .element(
                "a",
                &[("href", &format!("annotations/{}.json", doc.id))],
                "annotation JSON",
            )
            .raw("</li>\n");
    }
    h.raw("</ul>\n<h2>Glossary and timeline</h2>\n<ul class=\"files\">\n");
    for (page, others) in [
        ("glossary", ["json", "md", "tsv"].as_slice()),
        ("glossary-compact", [].as_slice()),
        ("timeline", ["json", "md"].as_slice()),
    ] {
        let html = format!("{page}.html");
        h.raw("<li>").element("a", &[("href", &html)], &html);
        for ext in others {
            let file = format!("{page}.{ext}");
            h.raw(" · ").element("a", &[("href", &file)], &file);
        }
        h.raw("</li>\n");
    }
    h.raw("<li>")
        .element("a", &[("href", "anki.txt")], "anki.txt")
        .raw(" (an Anki deck: File &gt; Import)</li>\n<li>")
        .element("a", &[("href", "worksheet.html")], "worksheet.html")
        .raw(" (exercises to print, with an answer key)</li>\n</ul>\n");
}
