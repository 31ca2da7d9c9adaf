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
//! hash of their text ([`DocRef`]).
//!
//! The fields of a [`Timeline`] are private, so that its events stay in
//! order: it is made by a [`TimelineBuilder`], combined by
//! [`Timeline::merge`], or read from JSON, which checks every event and
//! sorts them.

use std::collections::HashSet;

use serde::{Deserialize, Serialize};

use crate::annotate::{Annotation, Span};
use crate::dates::Day;
use crate::document::{Block, BlockKind};
use crate::input::Document;
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
    events: Vec<Event>,
}

/// A timeline as read, before it is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TimelineFile {
    schema: String,
    documents: Vec<DocRef>,
    events: Vec<Event>,
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
}

/// Collects the events of documents one by one, in document order, and
/// sorts them once in [`TimelineBuilder::finish`].
#[derive(Debug, Default)]
pub struct TimelineBuilder {
    documents: Vec<DocRef>,
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
                self.events.push(Event {
                    value: value.clone(),
                    start,
                    end,
                    qualifier: span.qualifier.clone(),
                    text: span.text.to_string(),
                    doc: doc.id.clone(),
                    span: [span.start, span.end],
                    sentence,
                    context: context.to_string(),
                    entries: entries.get_or_insert_with(|| entry_ids(in_unit)).clone(),
                });
            }
        }
    }

    /// The timeline. Events were collected in document order and, within
    /// a document, in text order, so one stable sort by days gives the
    /// documented order.
    pub fn finish(mut self) -> Timeline {
        self.events.sort_by_key(|e| (e.start, e.end));
        Timeline {
            schema: TIMELINE_SCHEMA.to_string(),
            documents: self.documents,
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

    /// Combines this timeline with the timeline of the documents that come
    /// after it. Fails if a document is in both (by its text, see
    /// [`DocRef`]).
    pub fn merge(mut self, later: Timeline) -> Result<Timeline, MergeError> {
        check_disjoint(&self.documents, &later.documents)?;
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
        Ok(Timeline {
            schema: file.schema,
            documents: file.documents,
            events: positioned.into_iter().map(|(_, e)| e).collect(),
        })
    }
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

/// The row that byte `at` lies in, if it lies in a table cell of
/// `blocks` (sorted, as an annotation's are).
fn row_of(blocks: &[Block], at: usize) -> Option<[usize; 2]> {
    let i = blocks.partition_point(|b| b.start <= at).checked_sub(1)?;
    let BlockKind::Cell { table, row, .. } = blocks[i].kind else {
        return None;
    };
    if at >= blocks[i].end {
        return None;
    }
    let same = |b: &Block| matches!(b.kind, BlockKind::Cell { table: t, row: r, .. } if (t, r) == (table, row));
    let first = blocks[..i]
        .iter()
        .rposition(|b| !same(b))
        .map_or(0, |p| p + 1);
    let last = i + blocks[i..].iter().take_while(|b| same(b)).count() - 1;
    Some([blocks[first].start, blocks[last].end])
}

/// The entry ids of `spans`, each once, in order of first appearance.
fn entry_ids(spans: &[Span]) -> Vec<String> {
    #[cfg(test)]
    tests::SPANS_READ.with(|read| read.set(read.get() + spans.len()));
    let mut seen = HashSet::new();
    spans
        .iter()
        .filter_map(|span| span.entry.as_deref())
        .filter(|&id| seen.insert(id))
        .map(str::to_string)
        .collect()
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
        /// How many spans [`entry_ids`] has read on this thread.
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
