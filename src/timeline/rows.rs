//! What a timeline shows ([`SortedTimeline::rows`]): the mentions of one
//! event merged into a [`Row`], and the ranges that span their document
//! set apart.
//!
//! Derived from the sorted events when the timeline is rendered; nothing
//! here is stored in the JSON. Rows are made by two more sorts of the
//! same kind as the events' (they spill to disk past the same budget):
//! the events by what makes their row, so that a row's mentions come
//! together, then the rows by their first mention. Only one row's
//! mentions are held at a time.

use std::cmp::Ordering;
use std::collections::HashMap;
use std::collections::HashSet;
use std::io;

use serde::{Deserialize, Serialize};

use super::sorted::{event_bytes, ids_bytes, Mention, SortedTimeline};
use super::{EntryName, Event, Timeline};
use crate::dates::Day;
use crate::lexicon::Kind;
use crate::spill::{heap_bytes, Sorted, Sorter, Spill};

/// A range wider than this many years is the span of its document.
const SPAN_YEARS: i64 = 50;

/// A narrower range in a title spans its document when it holds more than
/// half of the document's other dates, and there are at least this many.
const SPAN_MIN_OTHERS: usize = 2;

/// Why a timeline held in memory cannot fail to make its rows.
const IN_MEMORY: &str = "a timeline in memory is sorted without temporary files";

/// One event as a reader sees it: the mentions of one date value whose
/// passages name the same events, from one document or several.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// Whether the row is the span of its documents rather than an event.
    pub span: bool,
    /// The mentions, in timeline order; the first gives the row its place.
    pub mentions: Vec<Event>,
    /// The ids the row is known by: the event entries its passages name,
    /// or, when they name no event, every entry they name. Empty for a
    /// span.
    pub named: Vec<String>,
}

impl Row {
    /// The first mention.
    pub fn first(&self) -> &Event {
        &self.mentions[0]
    }

    /// The entries the passages name besides [`Row::named`], each once,
    /// in order of first appearance.
    pub fn others(&self) -> Vec<&str> {
        let mut seen: HashSet<&str> = self.named.iter().map(String::as_str).collect();
        self.mentions
            .iter()
            .flat_map(|event| &event.entries)
            .map(String::as_str)
            .filter(|id| seen.insert(id))
            .collect()
    }
}

/// What a timeline shows, in memory: the documents' spans apart, then the
/// events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rows {
    /// Ranges that span their document (see [`SortedTimeline::rows`]), one
    /// row per date value.
    pub spans: Vec<Row>,
    /// Every other mention, one row per event.
    pub events: Vec<Row>,
}

/// The rows of a [`SortedTimeline`], spans first, then events, each in
/// date order, sorted (on disk past the timeline's budget) and read as
/// often as they are rendered.
#[derive(Debug)]
pub struct TimelineRows<'t> {
    timeline: &'t SortedTimeline,
    rows: Sorted<Ranked>,
    spans: usize,
}

impl TimelineRows<'_> {
    /// How many rows are spans.
    pub fn span_rows(&self) -> usize {
        self.spans
    }

    /// How many rows are events.
    pub fn event_rows(&self) -> usize {
        self.rows.len() - self.spans
    }

    /// The timeline the rows are of.
    pub fn timeline(&self) -> &SortedTimeline {
        self.timeline
    }

    /// The name and kind of the entry `id`, if the timeline has them.
    pub fn entry(&self, id: &str) -> Option<&EntryName> {
        self.timeline.entry(id)
    }

    /// Calls `f` with every row: the spans, then the events, each in
    /// date order (a row's place is its first mention's).
    pub fn each(&self, mut f: impl FnMut(&Row) -> io::Result<()>) -> io::Result<()> {
        self.rows.each(|ranked| f(&ranked.row))
    }

    /// Calls `f` with every row, as [`TimelineRows::each`], and where it
    /// stands in the sections a page shows: the periods covered, then a
    /// section per year of the events' first days.
    pub fn each_in_sections(
        &self,
        mut f: impl FnMut(&Row, Section) -> io::Result<()>,
    ) -> io::Result<()> {
        let mut spans_left = self.spans;
        let mut year = None;
        self.each(|row| {
            let section = if row.span {
                spans_left -= 1;
                Section::Period {
                    last: spans_left == 0,
                }
            } else {
                let start = row.first().start.year;
                let first = year.is_none();
                if year.replace(start) == Some(start) {
                    Section::Event
                } else {
                    Section::NewYear { year: start, first }
                }
            };
            f(row, section)
        })
    }
}

/// Where a row stands among a timeline page's sections
/// ([`TimelineRows::each_in_sections`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// A period covered (a span).
    Period {
        /// The last of them, which ends their section.
        last: bool,
    },
    /// An event that opens the section of its year.
    NewYear {
        /// The year of the event's first day (astronomical).
        year: i32,
        /// Whether it is the first year's section.
        first: bool,
    },
    /// An event in the year section the row before it opened.
    Event,
}

/// A mention with what makes its row, and its place in the timeline.
#[derive(Debug, Serialize, Deserialize)]
struct Keyed {
    named: Vec<String>,
    at: u64,
    mention: Mention,
}

impl Keyed {
    /// What makes its row.
    fn row_key(&self) -> RowKey<'_> {
        row_key(self.mention.span, &self.mention.event, &self.named)
    }
}

/// What makes a row: spans or events, the date as written (value,
/// qualifier and calendar) and the ids named.
type RowKey<'a> = (bool, &'a str, Option<&'a str>, bool, &'a [String]);

fn row_key<'a>(span: bool, event: &'a Event, named: &'a [String]) -> RowKey<'a> {
    (
        span,
        &event.value,
        event.qualifier.as_deref(),
        event.old_style,
        named,
    )
}

impl Spill for Keyed {
    fn order(&self, other: &Self) -> Ordering {
        self.row_key().cmp(&other.row_key())
    }

    fn bytes(&self) -> usize {
        std::mem::size_of::<Keyed>()
            + event_bytes(&self.mention.event)
            + self
                .named
                .iter()
                .map(|id| std::mem::size_of::<String>() + id.len())
                .sum::<usize>()
    }
}

/// A row and the place of its first mention in the timeline.
#[derive(Debug, Serialize, Deserialize)]
struct Ranked {
    at: u64,
    row: Row,
}

impl Spill for Ranked {
    /// Spans first, then by first mention.
    fn order(&self, other: &Self) -> Ordering {
        (!self.row.span, self.at).cmp(&(!other.row.span, other.at))
    }

    fn bytes(&self) -> usize {
        let mentions = &self.row.mentions;
        std::mem::size_of::<Ranked>()
            + heap_bytes(std::mem::size_of_val(mentions.as_slice()))
            + mentions.iter().map(event_bytes).sum::<usize>()
            + ids_bytes(&self.row.named)
    }
}

impl SortedTimeline {
    /// The timeline as read: one row per event, and the documents' spans
    /// apart, both in date order (a row's place is its first mention's).
    ///
    /// A mention is the *span* of its document when it is wider than 50
    /// years (a profile's "(1879–1940)", "the nineteenth century"), or when
    /// it is a range over more than one calendar year, written in the
    /// document's title (a level-1 heading), that holds (first and last day
    /// inside it) more than half of the document's other date mentions, of
    /// which there are at least two: "Key dates: Russia 1917–1941", not a
    /// section's "The Civil War, 1918–20" or the title of a document about
    /// something else. Spans of one value make one row, whatever their
    /// documents.
    ///
    /// The other mentions of one date value (and qualifier and calendar) merge into one
    /// row when their passages name the same event entries, or, where a
    /// passage names no event, the same entries: "Kronstadt Rising (March
    /// 1921)" in one document and "March 1921 – Kronstadt Rising crushed"
    /// in another, or a date written twice in one sentence.
    ///
    /// Fails if a temporary file could not be written or read back.
    pub fn rows(&self) -> io::Result<TimelineRows<'_>> {
        // The sorts share the budget with the events held in memory (but
        // each has a quarter of it at least, so as not to write runs of a
        // few items).
        let left = |held: usize| self.budget.saturating_sub(held).max(self.budget / 4);
        let mut keyed = Sorter::new(left(self.events.held_bytes()));
        let mut at = 0;
        self.each(|event, span| {
            let named = if span { Vec::new() } else { self.named(event) };
            let mention = Mention {
                span,
                event: event.clone(),
            };
            keyed.push(Keyed { named, at, mention });
            at += 1;
            Ok(())
        })?;
        let keyed = keyed.sorted()?;
        let mut ranked = Sorter::new(left(self.events.held_bytes() + keyed.held_bytes()));
        // A row's mentions come together: one row is held at a time.
        let mut current: Option<Ranked> = None;
        let mut spans = 0;
        keyed.each(|next| {
            if let Some(Ranked { row, .. }) = &mut current {
                if row_key(row.span, row.first(), &row.named) == next.row_key() {
                    row.mentions.push(next.mention.event.clone());
                    return Ok(());
                }
            }
            spans += usize::from(next.mention.span);
            let row = Row {
                span: next.mention.span,
                mentions: vec![next.mention.event.clone()],
                named: next.named.clone(),
            };
            if let Some(done) = current.replace(Ranked { at: next.at, row }) {
                ranked.push(done);
            }
            Ok(())
        })?;
        if let Some(done) = current {
            ranked.push(done);
        }
        Ok(TimelineRows {
            timeline: self,
            rows: ranked.sorted()?,
            spans,
        })
    }

    /// The event entries `event`'s passage names, or all its entries if it
    /// names no event.
    fn named(&self, event: &Event) -> Vec<String> {
        let all = event.entries.iter();
        let events: Vec<String> = all
            .clone()
            .filter(|id| self.entry(id).is_some_and(|e| e.kind == Kind::Event))
            .cloned()
            .collect();
        if events.is_empty() {
            all.cloned().collect()
        } else {
            events
        }
    }
}

impl Timeline {
    /// The timeline held in memory as a [`SortedTimeline`], to render it:
    /// each event's span flag worked out from the events of its document
    /// id.
    ///
    /// # Panics
    ///
    /// Never: a timeline in memory is sorted and written without temporary
    /// files.
    pub fn sorted(&self) -> SortedTimeline {
        let mut events = Sorter::new(usize::MAX);
        for (event, span) in self.events.iter().zip(self.span_flags()) {
            let event = event.clone();
            events.push(Mention { span, event });
        }
        SortedTimeline::new(
            self.documents.clone(),
            self.entries.clone(),
            events.sorted().expect(IN_MEMORY),
            usize::MAX,
        )
    }

    /// What `write` makes of the timeline's rows, written to memory (the
    /// pages' `timeline` functions).
    ///
    /// # Panics
    ///
    /// Never: a timeline in memory is sorted and written without temporary
    /// files.
    pub fn written(
        &self,
        write: impl FnOnce(&TimelineRows, &mut dyn io::Write) -> io::Result<()>,
    ) -> Vec<u8> {
        let sorted = self.sorted();
        let mut out = Vec::new();
        sorted
            .rows()
            .and_then(|rows| write(&rows, &mut out))
            .expect(IN_MEMORY);
        out
    }

    /// The rows of the timeline ([`SortedTimeline::rows`]), in memory.
    ///
    /// # Panics
    ///
    /// Never: a timeline in memory is sorted and written without temporary
    /// files.
    pub fn rows(&self) -> Rows {
        let sorted = self.sorted();
        let mut rows = Rows::default();
        sorted
            .rows()
            .and_then(|all| {
                all.each(|row| {
                    let list = if row.span {
                        &mut rows.spans
                    } else {
                        &mut rows.events
                    };
                    list.push(row.clone());
                    Ok(())
                })
            })
            .expect(IN_MEMORY);
        rows
    }

    /// Whether each event is the span of its document (see
    /// [`SortedTimeline::rows`]).
    fn span_flags(&self) -> Vec<bool> {
        let mut by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, event) in self.events.iter().enumerate() {
            by_doc.entry(event.doc.as_str()).or_default().push(i);
        }
        let mut flags = vec![false; self.events.len()];
        for indices in by_doc.values() {
            let doc: Vec<&Event> = indices.iter().map(|&i| &self.events[i]).collect();
            for (&i, span) in indices.iter().zip(document_spans(&doc)) {
                flags[i] = span;
            }
        }
        flags
    }
}

/// Whether each of the mentions of one document, in timeline order (so
/// sorted by first day), is the span of the document.
pub(super) fn document_spans(doc: &[&Event]) -> Vec<bool> {
    let mut known: HashMap<(Day, Day, Option<u8>), bool> = HashMap::new();
    doc.iter()
        .map(|event| {
            *known
                .entry((event.start, event.end, event.heading))
                .or_insert_with(|| spans_document(event, doc))
        })
        .collect()
}

/// Whether `range` is the span of the document whose mentions, sorted by
/// first day, are `doc` (it among them).
fn spans_document(range: &Event, doc: &[&Event]) -> bool {
    let years = i64::from(range.end.year) - i64::from(range.start.year);
    if years > SPAN_YEARS {
        return true;
    }
    if years == 0 || range.heading != Some(1) {
        return false;
    }
    let others = doc.len() - 1;
    let from = doc.partition_point(|e| e.start < range.start);
    let to = doc.partition_point(|e| e.start <= range.end);
    // Less itself, which is inside.
    let inside = doc[from..to].iter().filter(|e| e.end <= range.end).count() - 1;
    others >= SPAN_MIN_OTHERS && 2 * inside > others
}

#[cfg(test)]
mod row_rules {
    use super::*;
    use crate::annotate::Annotator;
    use crate::document::Format;
    use crate::input::Document;
    use crate::lexicon::Lexicon;
    use crate::timeline::TimelineBuilder;

    /// The timeline of Markdown documents `docs` (id, text), in order.
    fn timeline(docs: &[(&str, &str)]) -> Timeline {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let mut builder = TimelineBuilder::new();
        for (id, text) in docs {
            let doc = Document::of_text(
                id.to_string(),
                format!("{id}.md"),
                text.to_string(),
                Format::Markdown,
            );
            builder.add(&doc, &annotator.annotate(&doc));
        }
        builder.finish().unwrap()
    }

    /// A row as shown: the date as first written, the named ids, and the
    /// (doc, date as written) of each mention.
    type Shown = (String, Vec<String>, Vec<(String, String)>);

    fn shown(rows: &[Row]) -> Vec<Shown> {
        rows.iter()
            .map(|row| {
                (
                    row.first().text.clone(),
                    row.named
                        .iter()
                        .map(std::string::ToString::to_string)
                        .collect(),
                    row.mentions
                        .iter()
                        .map(|e| (e.doc.clone(), e.text.clone()))
                        .collect(),
                )
            })
            .collect()
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(std::string::ToString::to_string).collect()
    }

    #[test]
    fn mentions_of_one_event_merge_across_documents_and_within_a_sentence() {
        let timeline = timeline(&[
            (
                "a",
                "The Kronstadt Rising (March 1921) was crushed by Trotsky.",
            ),
            (
                "b",
                "In Mar 1921 the Kronstadt Rising ended. The Tenth Party Congress met in March \
                 1921.\n\nLenin died in 1924, and 1924 saw the Lenin enrolment.",
            ),
        ]);
        assert_eq!(timeline.events().len(), 5);
        let rows = timeline.rows();
        assert!(rows.spans.is_empty());
        let pair = |doc: &str, text: &str| (doc.to_string(), text.to_string());
        assert_eq!(
            shown(&rows.events),
            [
                (
                    "March 1921".to_string(),
                    strings(&["kronstadt-rising"]),
                    vec![pair("a", "March 1921"), pair("b", "Mar 1921")]
                ),
                (
                    "March 1921".to_string(),
                    strings(&["tenth-party-congress"]),
                    vec![pair("b", "March 1921")]
                ),
                // No event named: the same entries.
                (
                    "1924".to_string(),
                    strings(&["lenin", "lenin-enrolment"]),
                    vec![pair("b", "1924"), pair("b", "1924")]
                ),
            ]
        );
        // The entries besides the events, each once.
        assert_eq!(rows.events[0].others(), ["trotsky"]);
        assert_eq!(
            timeline.entry("kronstadt-rising").unwrap().kind,
            Kind::Event
        );
    }

    #[test]
    fn a_title_range_holding_most_dates_or_a_range_over_fifty_years_is_a_span() {
        let body = "Lenin died in 1924. Stalin defeated the Right in 1929.";
        let spans = |text: &str| -> Vec<String> {
            let timeline = timeline(&[("d", text)]);
            let rows = timeline.rows();
            let mentions = rows.spans.iter().flat_map(|row| &row.mentions);
            mentions.map(|e| e.text.clone()).collect()
        };
        assert_eq!(
            spans(&format!("# Russia 1917–1941\n\n{body}")),
            ["1917–1941"]
        );
        // Written in the body, or in a section's heading: an event.
        assert!(spans(&format!("Russia 1917–1941. {body}")).is_empty());
        assert!(spans(&format!("## Russia 1917–1941\n\n{body}")).is_empty());
        // A title that holds too few of the other dates, or one year.
        assert!(spans(&format!("# The NEP, 1921–25\n\n{body}")).is_empty());
        assert!(spans("# Russia 1917–1941\n\nLenin died in 1924.").is_empty());
        assert!(spans(&format!("# Russia in 1924\n\n{body}")).is_empty());
        // Over fifty years, anywhere.
        assert_eq!(
            spans(&format!("Trotsky (1879–1940). {body}")),
            ["1879–1940"]
        );
        // One row per value, whatever the documents.
        let both = timeline(&[
            ("a", &format!("# Russia 1917–1941\n\n{body}")),
            ("b", &format!("# USSR, 1917–41\n\n{body}")),
        ]);
        let rows = both.rows();
        assert_eq!(rows.spans.len(), 1);
        assert_eq!(rows.spans[0].mentions.len(), 2);
        assert_eq!(rows.events.len(), 2);
    }

    #[test]
    fn entry_names_survive_json_and_merge_and_older_files_read() {
        let one = timeline(&[("a", "The Kronstadt Rising (March 1921) was crushed.")]);
        let two = timeline(&[("b", "Lenin died in 1924.")]);
        let json = serde_json::to_string(&one).unwrap();
        assert!(
            json.contains(
                r#""entries":[{"id":"kronstadt-rising","name":"Kronstadt Rising","kind":"event"}]"#
            ),
            "{json}"
        );
        let back: Timeline = serde_json::from_str(&json).unwrap();
        assert_eq!(back, one);
        let merged = one.clone().merge(two.clone()).unwrap();
        let ids: Vec<&str> = merged.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["kronstadt-rising", "lenin"]);
        // A file from before entry names and headings: rows by all entries.
        let mut old: serde_json::Value = serde_json::to_value(&two).unwrap();
        old.as_object_mut().unwrap().remove("entries");
        let old: Timeline = serde_json::from_value(old).unwrap();
        assert!(old.entries().is_empty());
        assert_eq!(old.rows().events[0].named, ["lenin"]);
        // The same id named otherwise: partials of another lexicon.
        let mut other: serde_json::Value = serde_json::to_value(&two).unwrap();
        other["entries"][0]["name"] = "V. I. Lenin".into();
        other["documents"][0]["sha256"] = "0".repeat(64).into();
        let other: Timeline = serde_json::from_value(other).unwrap();
        assert!(two.merge(other).is_err());
    }
}
