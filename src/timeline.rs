//! The timeline: every dated passage of a set of documents, in date order.
//!
//! Like the [`crate::glossary`], a [`Timeline`] is a reduction built in
//! document order (by a [`TimelineBuilder`]) and mergeable across disjoint shards: merging
//! concatenates the document lists and re-sorts the events, whose order
//! depends only on their dates and their document's position, so any split
//! of the inputs merges into the timeline of the whole run.
//!
//! Schema `glossator.timeline/1`:
//!
//! ```json
//! {"schema":"glossator.timeline/1",
//!  "documents":[{"id":"notes","path":"corpus/notes.txt","sha256":"9f86d0…"}],
//!  "entries":[{"id":"lenin","name":"Lenin","kind":"person"}],
//!  "events":[{"value":"1924-01-21","start":"1924-01-21","end":"1924-01-21",
//!             "text":"21 January 1924","doc":"notes","span":[10,25],
//!             "sentence":[0,40],"context":"Lenin died on 21 January 1924.",
//!             "entries":["lenin"]}]}
//! ```
//!
//! `start`/`end` are the first and last calendar day the date covers;
//! events are sorted by start, then end, then document order, then position
//! in the document. `qualifier` (`early`/`mid`/`late`) appears when written.
//! `entries` are the ids of lexicon entries in the same sentence, in order
//! of first appearance. A date in a table (a key-dates row) is dated by its
//! whole row: `sentence` and `context` are the row, from its first cell to
//! its last, and `entries` those of the row. Documents are listed as in the glossary, with the
//! hash of their text ([`DocRef`]). The top-level `entries` (added within
//! version 1; files without it read as having none) give the name and kind
//! of every entry the events name, sorted by id, so that a timeline shows
//! without its lexicon.
//!
//! Each event of the JSON is one *mention* of a date. What people read is
//! derived from them ([`Timeline::rows`]): the mentions of one event merged
//! into a [`Row`], and the ranges that are the span of their document (a
//! title's "1917–1941") set apart from the events.
//!
//! The fields of a [`Timeline`] are private, so that its events stay in
//! order: it is made by a [`TimelineBuilder`], combined by
//! [`Timeline::merge`], or read from JSON, which checks every event and
//! sorts them.

use std::collections::{BTreeMap, HashMap, HashSet};

use serde::{Deserialize, Serialize};

use crate::annotate::{Annotation, Span};
use crate::dates::Day;
use crate::document::{Block, BlockKind};
use crate::input::Document;
use crate::lexicon::Kind;
use crate::shard::{
    check_disjoint, check_passage, document_order, passage, passage_in, position_of, DocRef,
    MergeError,
};

/// The schema tag of [`Timeline`] JSON.
pub const TIMELINE_SCHEMA: &str = "glossator.timeline/1";

/// Dated passages in date order.
///
/// Reading one from JSON checks the schema tag, the documents (as the
/// glossary does) and every event: of a listed document, its `text` the
/// `context` at its `span`, the context as long as its `sentence`, its
/// first day not after its last. The events are then sorted as a run
/// sorts them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "TimelineFile")]
pub struct Timeline {
    schema: String,
    documents: Vec<DocRef>,
    entries: Vec<EntryName>,
    events: Vec<Event>,
}

/// A timeline as read, before it is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineFile {
    schema: String,
    documents: Vec<DocRef>,
    #[serde(default)]
    entries: Vec<EntryName>,
    events: Vec<Event>,
}

/// A lexicon entry that events name, as the timeline shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EntryName {
    /// The lexicon id.
    pub id: String,
    /// The display name.
    pub name: String,
    /// What the entry is.
    pub kind: Kind,
}

/// One date span and its passage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// EDTF value.
    pub value: String,
    /// First calendar day covered.
    pub start: Day,
    /// Last calendar day covered.
    pub end: Day,
    /// `early`, `mid` or `late`, when written.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// The date is written in the Old Style (Julian) calendar: `value` is
    /// the date as written, `start` and `end` its Gregorian days (the
    /// annotation span's `old_style`). Added within version 1: written only
    /// when true.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub old_style: bool,
    /// The date as written.
    pub text: String,
    /// The document's id.
    pub doc: String,
    /// Byte range of the date in the document.
    pub span: [usize; 2],
    /// Byte range of the sentence that holds it.
    pub sentence: [usize; 2],
    /// The sentence's text.
    pub context: String,
    /// Lexicon entries in the same sentence.
    pub entries: Vec<String>,
    /// The level of the heading the date is written in (1 for a title),
    /// if it is in one. Added within version 1: older files have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<u8>,
}

/// Collects the events of documents one by one, in document order, and
/// sorts them once in [`TimelineBuilder::finish`].
#[derive(Debug, Default)]
pub struct TimelineBuilder {
    documents: Vec<DocRef>,
    entries: BTreeMap<String, EntryName>,
    events: Vec<Event>,
}

impl TimelineBuilder {
    /// An empty builder.
    pub fn new() -> TimelineBuilder {
        TimelineBuilder::default()
    }

    /// Adds one annotated document (after all documents added before it).
    /// A date span that is not the document's text at its offsets, not
    /// inside its sentence, or whose first day is after its last, is left
    /// out (the annotator makes none).
    pub fn add(&mut self, doc: &Document, annotation: &Annotation) {
        self.documents.push(DocRef::of(doc));
        // Spans are sorted by start and each lies inside its sentence (or
        // table row), so the spans of one come together: one pass finds
        // each one's entries once, for all of its dates.
        let unit = |span: &Span| match row_of(annotation.blocks(), span.start) {
            Some(row) => Unit::Row(row),
            None => Unit::Sentence(span.sentence),
        };
        for in_unit in annotation.spans().chunk_by(|a, b| unit(a) == unit(b)) {
            let mut entries = None;
            for span in in_unit {
                let (Some(value), Some(start), Some(end)) =
                    (&span.value, span.first_day, span.last_day)
                else {
                    continue;
                };
                if start > end {
                    continue;
                }
                let found = match unit(span) {
                    Unit::Row(row) => passage_in(&doc.text, row, span),
                    Unit::Sentence(_) => passage(&doc.text, annotation, span),
                };
                let Some((sentence, context)) = found else {
                    continue;
                };
                let entries = entries
                    .get_or_insert_with(|| self.entry_ids(in_unit))
                    .clone();
                self.events.push(Event {
                    value: value.clone(),
                    start,
                    end,
                    qualifier: span.qualifier.clone(),
                    old_style: span.old_style,
                    text: span.text.to_string(),
                    doc: doc.id.clone(),
                    span: [span.start, span.end],
                    sentence,
                    context: context.to_string(),
                    entries,
                    heading: heading_at(annotation.blocks(), span.start),
                });
            }
        }
    }

    /// The events of one document alone: the part
    /// [`TimelineBuilder::append`] folds in, made on the worker that
    /// annotated the document (see [`crate::glossary::Glossary::of_document`]).
    pub fn of_document(doc: &Document, annotation: &Annotation) -> TimelineBuilder {
        let mut builder = TimelineBuilder::new();
        builder.add(doc, annotation);
        builder
    }

    /// Folds in the events of documents that come after this one's.
    pub fn append(&mut self, later: TimelineBuilder) {
        self.documents.extend(later.documents);
        for (id, name) in later.entries {
            self.entries.entry(id).or_insert(name);
        }
        self.events.extend(later.events);
    }

    /// The entry ids of `spans`, each once, in order of first appearance;
    /// their names are kept for [`Timeline`]'s `entries`.
    fn entry_ids(&mut self, spans: &[Span]) -> Vec<String> {
        #[cfg(test)]
        tests::SPANS_READ.with(|read| read.set(read.get() + spans.len()));
        let mut seen = HashSet::new();
        let mut ids = Vec::new();
        for span in spans {
            let (Some(id), Some(name), Some(kind)) = (
                span.entry.as_deref(),
                span.name.as_deref(),
                span.kind.entry_kind(),
            ) else {
                continue;
            };
            if seen.insert(id) {
                ids.push(id.to_string());
                if !self.entries.contains_key(id) {
                    let name = EntryName {
                        id: id.to_string(),
                        name: name.to_string(),
                        kind,
                    };
                    self.entries.insert(id.to_string(), name);
                }
            }
        }
        ids
    }

    /// The timeline. Events were collected in document order and, within
    /// a document, in text order, so one stable sort by days gives the
    /// documented order.
    pub fn finish(mut self) -> Timeline {
        self.events.sort_by_key(|e| (e.start, e.end));
        Timeline {
            schema: TIMELINE_SCHEMA.to_string(),
            documents: self.documents,
            entries: self.entries.into_values().collect(),
            events: self.events,
        }
    }
}

impl Timeline {
    /// The events, sorted by first day, then last day, then document order,
    /// then position in the document.
    pub fn events(&self) -> &[Event] {
        &self.events
    }

    /// The documents, in order.
    pub fn documents(&self) -> &[DocRef] {
        &self.documents
    }

    /// The names of the entries the events name, sorted by id.
    pub fn entries(&self) -> &[EntryName] {
        &self.entries
    }

    /// The name and kind of the entry `id`, if the timeline has them.
    pub fn entry(&self, id: &str) -> Option<&EntryName> {
        let at = self.entries.binary_search_by(|e| e.id.as_str().cmp(id));
        at.ok().map(|i| &self.entries[i])
    }

    /// Combines this timeline with the timeline of the documents that come
    /// after it. Fails if a document is in both (by its text, see
    /// [`DocRef`]), or if an entry has another name or kind in each (they
    /// were made with different lexicons).
    pub fn merge(mut self, later: Timeline) -> Result<Timeline, MergeError> {
        check_disjoint(&self.documents, &later.documents)?;
        let mut entries: BTreeMap<String, EntryName> = self
            .entries
            .into_iter()
            .map(|e| (e.id.clone(), e))
            .collect();
        for entry in later.entries {
            match entries.get(&entry.id) {
                Some(known) if *known != entry => {
                    return Err(MergeError(format!(
                        "entry `{}` has a different name or kind in the two partials; make \
                         every partial with the same lexicon",
                        entry.id
                    )))
                }
                Some(_) => {}
                None => {
                    entries.insert(entry.id.clone(), entry);
                }
            }
        }
        self.entries = entries.into_values().collect();
        self.documents.extend(later.documents);
        self.events = merge_sorted(self.events, later.events);
        Ok(self)
    }
}

impl TryFrom<TimelineFile> for Timeline {
    type Error = String;

    /// Checks and orders a timeline read from JSON (see [`Timeline`]).
    fn try_from(file: TimelineFile) -> Result<Timeline, String> {
        if file.schema != TIMELINE_SCHEMA {
            return Err(format!("schema {:?}, not {TIMELINE_SCHEMA:?}", file.schema));
        }
        let order = document_order(&file.documents)?;
        let mut positioned = Vec::with_capacity(file.events.len());
        for (n, event) in file.events.into_iter().enumerate() {
            let what = format!("event {n} ({:?})", event.text);
            let at = position_of(&order, &event.doc, &what)?;
            check_passage(event.span, &event.text, event.sentence, &event.context)
                .map_err(|err| format!("{what}: {err}"))?;
            if event.start > event.end {
                return Err(format!("{what}: its first day is after its last"));
            }
            positioned.push((at, event));
        }
        // Stable: two documents with one id keep their order.
        positioned.sort_by_key(|(at, e)| (e.start, e.end, *at));
        let mut entries = file.entries;
        entries.sort_by(|a, b| a.id.cmp(&b.id));
        if let Some(twice) = entries.windows(2).find(|w| w[0].id == w[1].id) {
            return Err(format!("entry `{}` is listed twice", twice[0].id));
        }
        Ok(Timeline {
            schema: file.schema,
            documents: file.documents,
            entries,
            events: positioned.into_iter().map(|(_, e)| e).collect(),
        })
    }
}

/// A range wider than this many years is the span of its document.
const SPAN_YEARS: i64 = 50;

/// A narrower range in a title spans its document when it holds more than
/// half of the document's other dates, and there are at least this many.
const SPAN_MIN_OTHERS: usize = 2;

/// One event as a reader sees it: the mentions of one date value whose
/// passages name the same events, from one document or several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    /// The mentions, in timeline order; the first gives the row its place.
    pub mentions: Vec<&'a Event>,
    /// The ids the row is known by: the event entries its passages name,
    /// or, when they name no event, every entry they name. Empty for a
    /// span.
    pub named: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// The first mention.
    pub fn first(&self) -> &'a Event {
        self.mentions[0]
    }

    /// The entries the passages name besides [`Row::named`], each once,
    /// in order of first appearance.
    pub fn others(&self) -> Vec<&'a str> {
        let mut seen: HashSet<&str> = self.named.iter().copied().collect();
        self.mentions
            .iter()
            .flat_map(|event| &event.entries)
            .map(String::as_str)
            .filter(|id| seen.insert(id))
            .collect()
    }
}

/// What a timeline shows: the documents' spans apart, then the events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rows<'a> {
    /// Ranges that span their document (see [`Timeline::rows`]), one row
    /// per date value.
    pub spans: Vec<Row<'a>>,
    /// Every other mention, one row per event.
    pub events: Vec<Row<'a>>,
}

impl Timeline {
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
    pub fn rows(&self) -> Rows<'_> {
        let spans = self.span_flags();
        let mut rows = Rows::default();
        type Key<'k> = (bool, &'k str, Option<&'k str>, bool, Vec<&'k str>);
        let mut found: HashMap<Key, usize> = HashMap::new();
        for (event, span) in self.events.iter().zip(spans) {
            let named = if span { Vec::new() } else { self.named(event) };
            let list = if span {
                &mut rows.spans
            } else {
                &mut rows.events
            };
            let key = (
                span,
                event.value.as_str(),
                event.qualifier.as_deref(),
                event.old_style,
                named,
            );
            match found.get(&key) {
                Some(&at) => list[at].mentions.push(event),
                None => {
                    list.push(Row {
                        mentions: vec![event],
                        named: key.4.clone(),
                    });
                    found.insert(key, list.len() - 1);
                }
            }
        }
        rows
    }

    /// The event entries `event`'s passage names, or all its entries if it
    /// names no event.
    fn named<'t>(&'t self, event: &'t Event) -> Vec<&'t str> {
        let all = event.entries.iter().map(String::as_str);
        let events: Vec<&str> = all
            .clone()
            .filter(|id| self.entry(id).is_some_and(|e| e.kind == Kind::Event))
            .collect();
        if events.is_empty() {
            all.collect()
        } else {
            events
        }
    }

    /// Whether each event is the span of its document (see
    /// [`Timeline::rows`]).
    fn span_flags(&self) -> Vec<bool> {
        let mut by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, event) in self.events.iter().enumerate() {
            by_doc.entry(event.doc.as_str()).or_default().push(i);
        }
        let mut flags = vec![false; self.events.len()];
        for indices in by_doc.values() {
            // In timeline order, so sorted by first day.
            let doc: Vec<&Event> = indices.iter().map(|&i| &self.events[i]).collect();
            let mut known: HashMap<(Day, Day, Option<u8>), bool> = HashMap::new();
            for (&i, event) in indices.iter().zip(&doc) {
                flags[i] = *known
                    .entry((event.start, event.end, event.heading))
                    .or_insert_with(|| spans_document(event, &doc));
            }
        }
        flags
    }
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

/// Merges two sorted event lists where every document of `later` comes
/// after every document of `earlier`: on equal days `earlier` goes first,
/// which is document order. Linear, and associative.
fn merge_sorted(earlier: Vec<Event>, later: Vec<Event>) -> Vec<Event> {
    let mut out = Vec::with_capacity(earlier.len() + later.len());
    let mut later = later.into_iter().peekable();
    for event in earlier {
        while let Some(next) = later.next_if(|l| (l.start, l.end) < (event.start, event.end)) {
            out.push(next);
        }
        out.push(event);
    }
    out.extend(later);
    out
}

/// What a date's passage is: its sentence, or the table row it is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    Sentence(usize),
    /// The byte range from the row's first cell to its last.
    Row([usize; 2]),
}

/// The index of the block of `blocks` (sorted, as an annotation's are)
/// that byte `at` lies in.
fn block_at(blocks: &[Block], at: usize) -> Option<usize> {
    let i = blocks.partition_point(|b| b.start <= at).checked_sub(1)?;
    (at < blocks[i].end).then_some(i)
}

/// The level of the heading that byte `at` lies in, if it does.
fn heading_at(blocks: &[Block], at: usize) -> Option<u8> {
    match blocks[block_at(blocks, at)?].kind {
        BlockKind::Heading { level } => Some(level),
        _ => None,
    }
}

/// The row that byte `at` lies in, if it lies in a table cell of
/// `blocks` (sorted, as an annotation's are).
fn row_of(blocks: &[Block], at: usize) -> Option<[usize; 2]> {
    let i = block_at(blocks, at)?;
    let BlockKind::Cell { table, row, .. } = blocks[i].kind else {
        return None;
    };
    let same = |b: &Block| matches!(b.kind, BlockKind::Cell { table: t, row: r, .. } if (t, r) == (table, row));
    let first = blocks[..i]
        .iter()
        .rposition(|b| !same(b))
        .map_or(0, |p| p + 1);
    let last = i + blocks[i..].iter().take_while(|b| same(b)).count() - 1;
    Some([blocks[first].start, blocks[last].end])
}

#[cfg(test)]
mod row_tests {
    use super::*;
    use crate::annotate::Annotator;
    use crate::lexicon::Lexicon;

    /// A date in a key-dates row is dated by the row: its context is the
    /// row, its entries the row's (the date and the event are in cells,
    /// and so in sentences, of their own).
    #[test]
    fn a_table_row_is_one_passage() {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let text = "Key dates\n\n1924      Lenin dies\n1928      Stalin: First Five-Year Plan\n";
        let doc = Document::new("d".into(), "d.txt".into(), text.into());
        let mut builder = TimelineBuilder::new();
        builder.add(&doc, &annotator.annotate(&doc));
        let timeline = builder.finish();
        let got: Vec<(&str, &str, Vec<&str>)> = timeline
            .events()
            .iter()
            .map(|e| {
                (
                    e.text.as_str(),
                    e.context.as_str(),
                    e.entries.iter().map(String::as_str).collect(),
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("1924", "1924      Lenin dies", vec!["lenin"]),
                (
                    "1928",
                    "1928      Stalin: First Five-Year Plan",
                    vec!["stalin", "first-five-year-plan"]
                ),
            ]
        );
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use super::*;
    use crate::annotate::Annotator;
    use crate::lexicon::Lexicon;

    thread_local! {
        /// How many spans `TimelineBuilder::entry_ids` has read on this thread.
        pub(super) static SPANS_READ: Cell<usize> = const { Cell::new(0) };
    }

    /// Finding the entries of each date's sentence reads each span once
    /// (it read every span of the document for every date): counted, not
    /// timed.
    #[test]
    fn each_span_is_read_once_whatever_the_dates() {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let one = "Lenin died in 1924, Stalin rose in 1928 and 1929. ";
        for sentences in [1, 10, 100] {
            let doc = Document::new("d".into(), "d.txt".into(), one.repeat(sentences));
            let annotation = annotator.annotate(&doc);
            assert_eq!(annotation.spans().len(), 5 * sentences);
            SPANS_READ.with(|read| read.set(0));
            let mut builder = TimelineBuilder::new();
            builder.add(&doc, &annotation);
            let timeline = builder.finish();
            assert_eq!(timeline.events.len(), 3 * sentences);
            assert!(timeline
                .events
                .iter()
                .all(|e| e.entries == ["lenin", "stalin"]));
            assert_eq!(SPANS_READ.with(Cell::get), 5 * sentences);
        }
    }
}

#[cfg(test)]
mod row_rules {
    use super::*;
    use crate::annotate::Annotator;
    use crate::document::Format;
    use crate::lexicon::Lexicon;

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
        builder.finish()
    }

    /// A row as shown: the date as first written, the named ids, and the
    /// (doc, date as written) of each mention.
    type Shown = (String, Vec<String>, Vec<(String, String)>);

    fn shown(rows: &[Row]) -> Vec<Shown> {
        rows.iter()
            .map(|row| {
                (
                    row.first().text.clone(),
                    row.named.iter().map(|id| id.to_string()).collect(),
                    row.mentions
                        .iter()
                        .map(|e| (e.doc.clone(), e.text.clone()))
                        .collect(),
                )
            })
            .collect()
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
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
