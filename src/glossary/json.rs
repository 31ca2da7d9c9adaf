//! A glossary's JSON (`glossator.glossary/1`), written a slice of entries
//! at a time on the pool ([`Glossary::write_json`]): the bytes of serde's
//! derived `Serialize`, with the occurrences written by hand.
//!
//! The occurrences are most of the JSON (on dense notes, 160,000 quoted
//! sentences, 45 of its 46 MB), and serde escapes a string a byte at a
//! time; the annotation writer's [`write_str`] tests eight bytes at once
//! for one to escape, and escapes as serde does. An entry's other fields
//! are written by serde, as is the rest of the glossary. A run's glossary
//! is written from the sentences its parts quoted ([`ListedQuotes`]),
//! without making its occurrences' strings.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{Glossary, GlossaryEntry, ListedQuotes, Occurrence, OccurrenceRef};
use crate::pipeline::for_each_ordered;
use crate::render::json::{write_str, write_usize};

/// Entries serialized together by one task of [`Glossary::write_json`]:
/// a few hundred KB of JSON.
const JSON_ENTRIES_PER_SLICE: usize = 64;

impl Glossary {
    /// Writes the glossary as one line of JSON, newline included: the
    /// bytes of [`crate::render::json::json_line`], with the entries
    /// serialized on `jobs` threads (0 = one per core), a slice at a time,
    /// and written in order as they are ready, so that the whole line is
    /// never held.
    ///
    /// # Panics
    ///
    /// If serde's JSON of a glossary does not end with its entries, which
    /// the derived `Serialize` (fields in order, `entries` last) rules out.
    pub fn write_json(&self, jobs: usize, out: &mut dyn Write) -> io::Result<()> {
        self.write_json_listing(jobs, out, |entry| {
            entry.occurrences.iter().map(Occurrence::as_ref)
        })
    }

    /// [`Glossary::write_json`], each entry's occurrences those `listed`
    /// gives.
    fn write_json_listing<'a, L>(
        &'a self,
        jobs: usize,
        out: &mut dyn Write,
        listed: impl Fn(&'a GlossaryEntry) -> L + Sync,
    ) -> io::Result<()>
    where
        L: Iterator<Item = OccurrenceRef<'a>>,
    {
        // The glossary without its entries ends with `"entries":[]}`: its
        // fields in order, as the derived `Serialize` writes them, the
        // entries last.
        let header = Glossary {
            entries: Vec::new(),
            documents: self.documents.clone(),
            schema: self.schema.clone(),
            ..*self
        };
        let head = serde_json::to_vec(&header).map_err(io::Error::other)?;
        let head = head
            .strip_suffix(b"]}")
            .expect("the entries are the last field");
        out.write_all(head)?;
        let slices = self.entries.chunks(JSON_ENTRIES_PER_SLICE).enumerate();
        let serialize = |(n, slice): (usize, &'a [GlossaryEntry])| {
            let mut json = Vec::new();
            for (i, entry) in slice.iter().enumerate() {
                if n > 0 || i > 0 {
                    json.push(b',');
                }
                write_entry(&mut json, entry, listed(entry))?;
            }
            Ok::<_, io::Error>(json)
        };
        for_each_ordered(slices, jobs, serialize, |json| out.write_all(&json?))?;
        out.write_all(b"]}\n")
    }
}

impl ListedQuotes<'_> {
    /// Writes `glossary`, made with these quotes (and listing no
    /// occurrences itself), as [`Glossary::write_json`] writes it once
    /// [`ListedQuotes::fill`]ed, without making its occurrences.
    pub fn write_json(
        &self,
        glossary: &Glossary,
        jobs: usize,
        out: &mut dyn Write,
    ) -> io::Result<()> {
        glossary.write_json_listing(jobs, out, |entry| self.of(entry, &glossary.documents))
    }
}

/// Appends the JSON of `entry`, listing the occurrences `listed`, to
/// `out`: serde's of the entry without its occurrences, which ends with
/// `"occurrences":[]}` (the derived `Serialize` writes the fields in
/// order, the occurrences last), with the occurrences written in the
/// brackets.
///
/// # Panics
///
/// If serde's JSON of an entry does not end with its occurrences.
fn write_entry<'a>(
    out: &mut Vec<u8>,
    entry: &GlossaryEntry,
    listed: impl Iterator<Item = OccurrenceRef<'a>>,
) -> io::Result<()> {
    let head = if entry.occurrences.is_empty() {
        Cow::Borrowed(entry)
    } else {
        Cow::Owned(without_occurrences(entry))
    };
    serde_json::to_writer(&mut *out, &head).map_err(io::Error::other)?;
    assert!(
        out.ends_with(b"\"occurrences\":[]}"),
        "the occurrences are the last field"
    );
    out.truncate(out.len() - 2);
    for (n, occurrence) in listed.enumerate() {
        if n > 0 {
            out.push(b',');
        }
        write_occurrence(out, occurrence);
    }
    out.extend_from_slice(b"]}");
    Ok(())
}

/// A copy of `entry` listing no occurrences.
fn without_occurrences(entry: &GlossaryEntry) -> GlossaryEntry {
    // Every field named, so that a new one is not forgotten here.
    let GlossaryEntry {
        id,
        name,
        kind,
        definition,
        notes,
        see_also,
        sort_as,
        aliases_seen,
        count,
        doc_count,
        occurrences: _,
    } = entry;
    GlossaryEntry {
        id: id.clone(),
        name: name.clone(),
        kind: *kind,
        definition: definition.clone(),
        notes: notes.clone(),
        see_also: see_also.clone(),
        sort_as: sort_as.clone(),
        aliases_seen: aliases_seen.clone(),
        count: *count,
        doc_count: *doc_count,
        occurrences: Vec::new(),
    }
}

/// Appends the JSON of `occurrence` to `out`, as serde writes an
/// [`Occurrence`].
fn write_occurrence(out: &mut Vec<u8>, occurrence: OccurrenceRef<'_>) {
    // Every field named, so that a new one is not forgotten here.
    let OccurrenceRef {
        doc,
        start,
        end,
        text,
        sentence: [from, to],
        context,
    } = occurrence;
    out.extend_from_slice(b"{\"doc\":");
    write_str(out, doc);
    out.extend_from_slice(b",\"start\":");
    write_usize(out, start);
    out.extend_from_slice(b",\"end\":");
    write_usize(out, end);
    out.extend_from_slice(b",\"text\":");
    write_str(out, text);
    out.extend_from_slice(b",\"sentence\":[");
    write_usize(out, from);
    out.push(b',');
    write_usize(out, to);
    out.extend_from_slice(b"],\"context\":");
    write_str(out, context);
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::super::GLOSSARY_SCHEMA;
    use super::*;
    use crate::render::json::json_line;

    /// A glossary of `entries` entries read from JSON, each with an alias
    /// and a passage that needs escaping; every third with the fields a
    /// lexicon or the notes may add.
    fn glossary_of(entries: usize) -> Glossary {
        let entries: Vec<String> = (0..entries)
            .map(|n| {
                let text = format!("E{n}é");
                let context = format!("\n\u{1}\"{text}\"\t\\");
                let optional = if n % 3 == 0 {
                    r#""notes":[{"definition":"a \"note\"","source":"a.txt:1","doc":"a","start":0,"end":2,"at":0}],"see_also":["e1"],"sort_as":"Entry","#
                } else {
                    ""
                };
                format!(
                    r#"{{"id":"e{n}","name":"Entry \"{n}\"","kind":"term","definition":"d{n}",{optional}"aliases_seen":["{text}"],"count":2,"doc_count":1,"occurrences":[{{"doc":"a","start":3,"end":{end},"text":"{text}","sentence":[0,{len}],"context":{context}}}]}}"#,
                    end = 3 + text.len(),
                    len = context.len(),
                    context = serde_json::to_string(&context).unwrap(),
                )
            })
            .collect();
        let json = format!(
            r#"{{"schema":"{GLOSSARY_SCHEMA}","max_occurrences":3,"min_count":1,"documents":[{{"id":"a","path":"a.txt"}}],"entries":[{}]}}"#,
            entries.join(",")
        );
        serde_json::from_str(&json).unwrap()
    }

    /// Written a slice of entries at a time, on any number of threads, the
    /// JSON is the derived serialization's, byte for byte.
    #[test]
    fn written_json_is_the_serialized_json() {
        for entries in [0, 1, JSON_ENTRIES_PER_SLICE, 2 * JSON_ENTRIES_PER_SLICE + 5] {
            let glossary = glossary_of(entries);
            assert_eq!(glossary.entries().len(), entries);
            for jobs in [1, 2, 3] {
                let mut written = Vec::new();
                glossary.write_json(jobs, &mut written).unwrap();
                assert_eq!(
                    String::from_utf8(written).unwrap(),
                    String::from_utf8(json_line(&glossary)).unwrap(),
                    "{entries} entries, {jobs} jobs"
                );
            }
        }
    }

    /// Occurrences written by hand are serde's, whatever their strings
    /// hold (every control character, quotes, backslashes, non-ASCII).
    #[test]
    fn occurrences_are_written_as_serde_writes_them() {
        let awkward: String = (0u8..0x80).map(char::from).chain("é—😀".chars()).collect();
        for text in ["", "NEP", "a\"b\\c", awkward.as_str()] {
            let occurrence = Occurrence {
                doc: format!("doc {text}"),
                start: 12,
                end: usize::MAX,
                text: text.to_string(),
                sentence: [0, 1_234_567],
                context: format!("{text} and {text}"),
            };
            let mut written = Vec::new();
            write_occurrence(&mut written, occurrence.as_ref());
            assert_eq!(
                written,
                serde_json::to_vec(&occurrence).unwrap(),
                "{text:?}"
            );
        }
    }
}
