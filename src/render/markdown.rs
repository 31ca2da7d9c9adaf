//! Markdown: the glossary and the timeline as documents students read.
//!
//! Text from documents and the lexicon is escaped so that it shows as
//! written and cannot inject markup.

use std::collections::HashMap;
use std::fmt::Write;
use std::io;

use crate::dates::in_words;
use crate::glossary::{Glossary, GlossaryEntry};
use crate::lexicon::Kind;
use crate::render::escape_markup;
use crate::render::quotes::{Quote, Quotes};
use crate::render::text::{initials, one_line, section_id};
use crate::text::counted;
use crate::timeline::{Event, Row, Section, Timeline, TimelineRows};

/// The glossary: links to its sections, then a heading per kind with
/// links to its letters, entries in sort order (people by surname), each
/// with its definitions (the notes' first, with their file and line, then
/// the lexicon's), spellings seen, links and where it appears.
///
/// # Panics
///
/// Never: the glossary is written to memory, from strings.
pub fn glossary(glossary: &Glossary) -> String {
    let mut out = Vec::new();
    write_glossary(&Quotes::as_written(glossary), &mut out).expect("writing to memory");
    String::from_utf8(out).expect("Markdown is written from strings")
}

/// [`glossary`] with the quotes of `quotes`, written to `out` an entry at
/// a time: a build's glossary is tens of MB, never held whole.
pub fn write_glossary(quotes: &Quotes, out: &mut dyn io::Write) -> io::Result<()> {
    let glossary = quotes.glossary();
    let mut text = String::from("# Glossary\n\n");
    let _ = writeln!(
        text,
        "{}, {}, from {}.\n",
        counted(glossary.entries().len(), "entry", "entries"),
        counted(glossary.total_count(), "occurrence", "occurrences"),
        counted(glossary.documents().len(), "document", "documents")
    );
    let by_id = glossary.by_id();
    let sections = glossary.sections();
    let jumps: Vec<String> = sections
        .iter()
        .map(|(kind, _)| format!("[{}](#{})", kind_heading(*kind), section_id(*kind, None)))
        .collect();
    let _ = writeln!(text, "Sections: {}\n", jumps.join(" · "));
    for (kind, entries) in sections {
        let letters = initials(&entries);
        let _ = writeln!(
            text,
            "<a id=\"{}\"></a>\n## {}\n",
            section_id(kind, None),
            kind_heading(kind)
        );
        let jumps: Vec<String> = letters
            .iter()
            .map(|(letter, _)| format!("[{letter}](#{})", section_id(kind, Some(*letter))))
            .collect();
        let _ = writeln!(text, "{}\n", jumps.join(" · "));
        for (n, entry) in entries.into_iter().enumerate() {
            if let Some((letter, _)) = letters.iter().find(|(_, first)| *first == n) {
                let _ = write!(text, "<a id=\"{}\"></a>", section_id(kind, Some(*letter)));
            }
            entry_section(&mut text, entry, &by_id, quotes);
            out.write_all(text.as_bytes())?;
            text.clear();
        }
    }
    out.write_all(text.as_bytes())
}

/// The plural heading for a kind.
pub(crate) fn kind_heading(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "People",
        Kind::Org => "Organisations",
        Kind::Place => "Places",
        Kind::Event => "Events",
        Kind::Term => "Terms",
    }
}

/// One entry; `by_id` finds the entries it links to.
fn entry_section(
    out: &mut String,
    entry: &GlossaryEntry,
    by_id: &HashMap<&str, &GlossaryEntry>,
    quotes: &Quotes,
) {
    let _ = writeln!(
        out,
        "<a id=\"{}\"></a>\n### {}\n",
        escape_markup(&entry.id),
        escape(&entry.name)
    );
    for note in &entry.notes {
        let _ = writeln!(
            out,
            "*From the notes* ({}): {}\n",
            escape(&note.source),
            escape(&one_line(&note.definition))
        );
    }
    if !entry.definition.is_empty() {
        let lexicon = if entry.notes.is_empty() {
            ""
        } else {
            "*Lexicon:* "
        };
        let _ = writeln!(out, "{lexicon}{}\n", escape(&one_line(&entry.definition)));
    }
    let spellings: Vec<String> = quotes
        .spellings_of(entry)
        .iter()
        .map(|a| escape(a))
        .collect();
    let _ = write!(out, "*Written as:* {}", spellings.join(", "));
    let links: Vec<String> = entry
        .see_also
        .iter()
        .filter_map(|id| by_id.get(id.as_str()))
        .map(|e| format!("[{}](#{})", escape(&e.name), fragment(&e.id)))
        .collect();
    if !links.is_empty() {
        let _ = write!(out, " · *See also:* {}", links.join(", "));
    }
    let _ = writeln!(
        out,
        "  \n*Occurs {} in {}.*\n",
        counted(entry.count, "time", "times"),
        counted(entry.doc_count, "document", "documents")
    );
    if entry.occurrences.is_empty() {
        // --max-occurrences 0: no passages, and no section for them.
        return;
    }
    let _ = writeln!(out, "Where it appears:\n");
    for (occurrence, quote) in entry.occurrences.iter().zip(quotes.of_entry(entry).iter()) {
        // `- doc: “before**mid**after”`, escaped straight into `out`.
        let (before, mid, after) = quote.parts();
        out.push_str("- ");
        escape_into(out, &occurrence.doc);
        out.push_str(": “");
        escape_into(out, before);
        out.push_str("**");
        escape_into(out, mid);
        out.push_str("**");
        escape_into(out, after);
        out.push_str("”\n");
    }
    if entry.count > entry.occurrences.len() {
        let _ = writeln!(
            out,
            "- … and {} more",
            entry.count - entry.occurrences.len()
        );
    }
    out.push('\n');
}

/// Backslash-escapes Markdown punctuation and HTML's `<`, `&`.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(&mut out, text);
    out
}

/// Appends [`escape`] of `text` to `out`. Every character escaped is
/// ASCII, so the text is passed over a byte at a time with one look-up, and
/// the runs between them are copied whole (the pages' quotes are most of a
/// glossary's Markdown, and have next to nothing to escape).
fn escape_into(out: &mut String, text: &str) {
    let mut copied = 0;
    for (at, &byte) in text.as_bytes().iter().enumerate() {
        if !ESCAPED[usize::from(byte)] {
            continue;
        }
        out.push_str(&text[copied..at]);
        match byte {
            b'<' => out.push_str("&lt;"),
            b'>' => out.push_str("&gt;"),
            b'&' => out.push_str("&amp;"),
            _ => {
                out.push('\\');
                out.push(char::from(byte));
            }
        }
        copied = at + 1;
    }
    out.push_str(&text[copied..]);
}

/// The bytes [`escape`] escapes: HTML's `<`, `>`, `&`, and the Markdown
/// punctuation a backslash escapes.
static ESCAPED: [bool; 256] = {
    let mut escaped = [false; 256];
    let bytes = b"<>&\\`*_[]#|~";
    let mut i = 0;
    while i < bytes.len() {
        escaped[bytes[i] as usize] = true;
        i += 1;
    }
    escaped
};

/// `id` as the fragment of a link destination: every byte but ASCII
/// letters, digits, `-`, `.`, `_` and `~` percent-encoded, so that no id
/// can end the link or start another (`x) [a](javascript:…`). Browsers
/// decode it to find the element with that id.
fn fragment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for byte in id.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

/// The timeline: the documents' spans, then a heading per year (of each
/// row's first day), one row per event in date order (see
/// [`crate::timeline::SortedTimeline::rows`]): the date in words, the entries the row names (the
/// events first), then a quote of each passage with its document.
///
/// # Panics
///
/// Never: a timeline in memory is sorted and written without temporary
/// files.
pub fn timeline(timeline: &Timeline) -> String {
    String::from_utf8(timeline.written(write_timeline)).expect("Markdown is written from strings")
}

/// [`timeline`] written to `out` a row at a time, from rows that may be
/// on disk.
pub fn write_timeline(rows: &TimelineRows, out: &mut dyn io::Write) -> io::Result<()> {
    let mut text = String::from("# Timeline\n\n");
    let _ = writeln!(
        text,
        "{} from {} in {}.\n",
        counted(rows.event_rows(), "event", "events"),
        counted(rows.timeline().len(), "dated passage", "dated passages"),
        counted(rows.timeline().documents().len(), "document", "documents")
    );
    if rows.span_rows() > 0 {
        text.push_str(
            "## Periods covered\n\nThe span of a document, as its title gives it, or a range of \
             more than 50 years.\n\n",
        );
    }
    rows.each_in_sections(|row, section| {
        if let Section::NewYear { year, first } = section {
            let gap = if first { "" } else { "\n" };
            let _ = writeln!(text, "{gap}## {year}\n");
        }
        timeline_row(&mut text, rows, row);
        if section == (Section::Period { last: true }) {
            text.push('\n');
        }
        out.write_all(text.as_bytes())?;
        text.clear();
        Ok(())
    })?;
    out.write_all(text.as_bytes())
}

/// One row of the timeline: `- **date** — names: passage`, or with more
/// than one passage, each on a line of its own under it.
fn timeline_row(out: &mut String, timeline: &TimelineRows, row: &Row) {
    let first = row.first();
    let name = |id: &str| escape(timeline.entry(id).map_or(id, |e| e.name.as_str()));
    let mut head = format!(
        "- **{}**",
        escape(&in_words(
            &first.value,
            first.qualifier.as_deref(),
            first.old_style
        ))
    );
    if !row.named.is_empty() {
        let names: Vec<String> = row.named.iter().map(|id| name(id)).collect();
        let _ = write!(head, " — {}", names.join(", "));
    }
    let others: Vec<String> = row.others().into_iter().map(name).collect();
    if !others.is_empty() {
        let _ = write!(head, " (with {})", others.join(", "));
    }
    let passage = |event: &Event| {
        let quote = Quote::of(
            &event.context,
            event.sentence[0],
            event.span[0]..event.span[1],
        );
        let (before, mid, after) = quote.parts();
        format!(
            "“{}**{}**{}” ({})",
            escape(before),
            escape(mid),
            escape(after),
            escape(&event.doc)
        )
    };
    match row.mentions.as_slice() {
        [one] => {
            let _ = writeln!(out, "{head}: {}", passage(one));
        }
        many => {
            let _ = writeln!(out, "{head}");
            for event in many {
                let _ = writeln!(out, "  - {}", passage(event));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The glossary is written an entry at a time, never held whole, and
    /// what is written is the glossary made in memory.
    #[test]
    fn the_glossary_is_written_an_entry_at_a_time() {
        use crate::annotate::Annotator;
        use crate::input::Document;
        use crate::lexicon::Lexicon;
        /// What was written to it, a write at a time.
        #[derive(Default)]
        struct Writes(Vec<Vec<u8>>);
        impl io::Write for Writes {
            fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
                self.0.push(bytes.to_vec());
                Ok(bytes.len())
            }
            fn flush(&mut self) -> io::Result<()> {
                Ok(())
            }
        }
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let mut glossary = Glossary::new(3);
        let doc = Document::new(
            "d".into(),
            "d.txt".into(),
            "Lenin met Stalin. Then Trotsky lost to Stalin.".into(),
        );
        glossary.add(&doc, &annotator.annotate(&doc), annotator.lexicon());
        let mut writes = Writes::default();
        write_glossary(&Quotes::of(&glossary), &mut writes).unwrap();
        // A write an entry, the first with the glossary's head.
        assert!(glossary.entries().len() >= 3);
        assert_eq!(writes.0.len(), glossary.entries().len());
        assert_eq!(writes.0.concat(), self::glossary(&glossary).into_bytes());
    }

    #[test]
    fn every_ascii_character_is_itself_or_escaped() {
        for byte in 0u8..0x80 {
            let c = char::from(byte);
            let expected = match c {
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '&' => "&amp;".to_string(),
                '\\' | '`' | '*' | '_' | '[' | ']' | '#' | '|' | '~' => format!("\\{c}"),
                c => c.to_string(),
            };
            assert_eq!(escape(&c.to_string()), expected, "{byte:#x}");
        }
    }

    #[test]
    fn text_around_what_is_escaped_is_kept() {
        assert_eq!(
            escape("Ленин’s *NEP* <b> & [1921]|x"),
            "Ленин’s \\*NEP\\* &lt;b&gt; &amp; \\[1921\\]\\|x"
        );
    }
}
