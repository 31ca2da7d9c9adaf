//! Making a timeline: the events of each annotated document, in document
//! order ([`TimelineBuilder`]), each dated passage a sentence or a table
//! row, with the entries it names.
//!
//! A run builds one per document on the workers and appends them in
//! document order to its own, whose events a [`Sorter`] sorts, on disk
//! past its budget; it finishes as the [`SortedTimeline`] of `sorted.rs`,
//! or in memory as the [`Timeline`] of `mod.rs`.

use std::collections::{BTreeMap, HashSet};
use std::io;

use super::rows::document_spans;
use super::sorted::{Mention, SortedTimeline};
use super::{EntryName, Event, Timeline};
use crate::annotate::{Annotation, Span};
use crate::document::{Block, BlockKind};
use crate::input::Document;
use crate::shard::{passage, passage_in, DocRef};
use crate::spill::Sorter;

/// Collects the events of documents one by one, in document order, and
/// sorts them ([`TimelineBuilder::sorted`]).
#[derive(Debug)]
pub struct TimelineBuilder {
    documents: Vec<DocRef>,
    entries: BTreeMap<String, EntryName>,
    events: Sorter<Mention>,
}

impl Default for TimelineBuilder {
    fn default() -> TimelineBuilder {
        TimelineBuilder::with_budget(usize::MAX)
    }
}

impl TimelineBuilder {
    /// An empty builder that holds every event in memory.
    pub fn new() -> TimelineBuilder {
        TimelineBuilder::default()
    }

    /// An empty builder that holds about `budget` bytes of events in
    /// memory, and writes the rest to temporary files, sorted, to be
    /// merged. The timeline is the same whatever the budget.
    pub fn with_budget(budget: usize) -> TimelineBuilder {
        TimelineBuilder {
            documents: Vec::new(),
            entries: BTreeMap::new(),
            events: Sorter::new(budget),
        }
    }

    /// Adds one annotated document (after all documents added before it).
    /// A date span that is not the document's text at its offsets, not
    /// inside its sentence, or whose first day is after its last, is left
    /// out (the annotator makes none).
    pub fn add(&mut self, doc: &Document, annotation: &Annotation) {
        self.add_as(DocRef::of(doc), doc, annotation);
    }

    /// [`TimelineBuilder::add`] of a document whose [`DocRef`] is made
    /// already: a run that keeps a glossary too hashes each document once,
    /// for both.
    pub fn add_as(&mut self, doc_ref: DocRef, doc: &Document, annotation: &Annotation) {
        self.documents.push(doc_ref);
        let mut events = Vec::new();
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
                events.push(Event {
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
        // The events in timeline order (by days, then position: the sort
        // is stable), which tells which are the document's span. They are
        // pushed in that order: the run's sort, stable too, gives the
        // same order as from text order, and finds each document's events
        // already sorted, so it merges them, where sorting them again on
        // the calling thread was a sixth of its work.
        events.sort_by_key(|event| (event.start, event.end));
        let spans = document_spans(&events.iter().collect::<Vec<_>>());
        for (event, span) in events.into_iter().zip(spans) {
            self.events.push(Mention { span, event });
        }
    }

    /// The events of one document alone: the part
    /// [`TimelineBuilder::append`] folds in, made on the worker that
    /// annotated the document (as [`crate::glossary::GlossaryParts::part`] makes a glossary's).
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
        self.events.append(later.events);
    }

    /// The entry ids of `spans`, each once, in order of first appearance;
    /// their names are kept for [`Timeline`]'s `entries`. Nested spans
    /// are left out: a person or place named inside an event's name
    /// (`Kronstadt Rising`) is that event's, which the row names already.
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
            if !span.nested && seen.insert(id) {
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

    /// The timeline, sorted. Events were collected in document order and,
    /// within a document, in text order, so one stable sort by days gives
    /// the documented order. Fails if a temporary file could not be
    /// written.
    pub fn sorted(self) -> io::Result<SortedTimeline> {
        let budget = self.events.budget();
        Ok(SortedTimeline::new(
            self.documents,
            self.entries.into_values().collect(),
            self.events.sorted()?,
            budget,
        ))
    }

    /// The timeline, in memory. Fails if a temporary file could not be
    /// written or read back (only with a budget).
    pub fn finish(self) -> io::Result<Timeline> {
        self.sorted()?.into_timeline()
    }
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
        let timeline = builder.finish().unwrap();
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

    /// A document added with its reference made is listed by that
    /// reference, and its events are those [`TimelineBuilder::add`] finds.
    #[test]
    fn a_document_added_as_its_reference_is_listed_by_it() {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let doc = Document::new("d".into(), "d.txt".into(), "Lenin died in 1924.".into());
        let annotation = annotator.annotate(&doc);
        let doc_ref = DocRef {
            sha256: Some("made by the caller".into()),
            ..DocRef::of(&doc)
        };
        let (mut added, mut added_as) = (TimelineBuilder::new(), TimelineBuilder::new());
        added.add(&doc, &annotation);
        added_as.add_as(doc_ref.clone(), &doc, &annotation);
        let (added, added_as) = (added.finish().unwrap(), added_as.finish().unwrap());
        assert_eq!(added_as.documents(), [doc_ref]);
        assert_eq!(added.documents(), [DocRef::of(&doc)]);
        assert_eq!(added_as.events(), added.events());
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
            let timeline = builder.finish().unwrap();
            assert_eq!(timeline.events.len(), 3 * sentences);
            assert!(timeline
                .events
                .iter()
                .all(|e| e.entries == ["lenin", "stalin"]));
            assert_eq!(SPANS_READ.with(Cell::get), 5 * sentences);
        }
    }
}
