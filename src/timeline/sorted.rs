//! The timeline of a run as it is written: its events sorted by a
//! [`Sorter`](crate::spill::Sorter) that spills to disk past a memory
//! budget ([`SortedTimeline`]), and its JSON written event by event from
//! the merge, never held whole.
//!
//! What the JSON holds besides the events (the documents and the names of
//! the entries) is kept in memory: it grows with the documents and the
//! lexicon, not with the text.

use std::cmp::Ordering;
use std::io::{self, Write};

use fnv::FnvHashMap;
use serde::{Deserialize, Serialize};

use super::{DocRef, EntryName, Event, Timeline, TIMELINE_SCHEMA};
use crate::pipeline::for_each_ordered;
use crate::spill::{heap_bytes, Sorted, Spill};

/// Events serialized together by one task of
/// [`SortedTimeline::write_json`]: a few hundred KB of JSON.
const JSON_EVENTS_PER_SLICE: usize = 512;

/// One event as a run sorts it: with whether it is the span of its
/// document (see [`Timeline::rows`]), worked out when its document was
/// added, from that document's events alone.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Mention {
    pub span: bool,
    pub event: Event,
}

impl Spill for Mention {
    /// The timeline's order: by first day, then last day; the sort is
    /// stable, so then document order and position.
    fn order(&self, other: &Self) -> Ordering {
        (self.event.start, self.event.end).cmp(&(other.event.start, other.event.end))
    }

    fn bytes(&self) -> usize {
        std::mem::size_of::<Mention>() + event_bytes(&self.event)
    }
}

/// What an event holds on the heap.
pub(super) fn event_bytes(event: &Event) -> usize {
    let strings = [&event.value, &event.text, &event.doc, &event.context];
    strings.iter().map(|s| heap_bytes(s.len())).sum::<usize>()
        + event.qualifier.as_ref().map_or(0, |q| heap_bytes(q.len()))
        + ids_bytes(&event.entries)
}

/// What a list of ids holds on the heap.
pub(super) fn ids_bytes(ids: &[String]) -> usize {
    heap_bytes(std::mem::size_of_val(ids))
        + ids.iter().map(|id| heap_bytes(id.len())).sum::<usize>()
}

/// The timeline of a run, sorted, its events on disk past the builder's
/// budget (see [`super::TimelineBuilder::with_budget`]): written as JSON
/// ([`SortedTimeline::write_json`]) or as rows ([`SortedTimeline::rows`])
/// a piece at a time.
#[derive(Debug)]
pub struct SortedTimeline {
    documents: Vec<DocRef>,
    /// By id.
    entries: Vec<EntryName>,
    /// The place of each entry in `entries`, by its id: the rows and the
    /// pages look an entry up for every id of every row, and a binary
    /// search of ten thousand ids was a twentieth of a build on dense
    /// notes.
    by_id: FnvHashMap<String, usize>,
    pub(super) events: Sorted<Mention>,
    /// The memory budget of the sorts that make its rows.
    pub(super) budget: usize,
}

impl SortedTimeline {
    /// The timeline of `documents`, whose `entries` are sorted by id,
    /// and of `events`; its rows are sorted within `budget`.
    pub(super) fn new(
        documents: Vec<DocRef>,
        entries: Vec<EntryName>,
        events: Sorted<Mention>,
        budget: usize,
    ) -> SortedTimeline {
        let by_id = entries
            .iter()
            .enumerate()
            .map(|(at, entry)| (entry.id.clone(), at))
            .collect();
        SortedTimeline {
            documents,
            entries,
            by_id,
            events,
            budget,
        }
    }

    /// The documents, in order.
    pub fn documents(&self) -> &[DocRef] {
        &self.documents
    }

    /// How many events (dated passages) there are.
    pub fn len(&self) -> usize {
        self.events.len()
    }

    /// Whether there are no events.
    pub fn is_empty(&self) -> bool {
        self.events.is_empty()
    }

    /// Whether the events went to disk.
    pub fn spilled(&self) -> bool {
        self.events.spilled()
    }

    /// The name and kind of the entry `id`, if the timeline has them.
    pub fn entry(&self, id: &str) -> Option<&EntryName> {
        self.by_id.get(id).map(|&at| &self.entries[at])
    }

    /// Calls `f` with every event and whether it is its document's span,
    /// in timeline order.
    pub(super) fn each(&self, mut f: impl FnMut(&Event, bool) -> io::Result<()>) -> io::Result<()> {
        self.events.each(|m| f(&m.event, m.span))
    }

    /// Writes the timeline's JSON (schema `glossator.timeline/1`, see
    /// [`Timeline`]) and a newline: the bytes of the [`Timeline`]
    /// serialized whole. Events on disk are written one at a time, as
    /// they are merged; events in memory, a slice at a time, serialized on
    /// `jobs` threads (0 = one per core) and written in order as they are
    /// ready (on one thread, this was half of what the calling thread did
    /// in a run).
    pub fn write_json(&self, jobs: usize, out: &mut dyn Write) -> io::Result<()> {
        let mut out = io::BufWriter::with_capacity(1 << 16, out);
        out.write_all(b"{\"schema\":")?;
        serde_json::to_writer(&mut out, TIMELINE_SCHEMA)?;
        out.write_all(b",\"documents\":")?;
        serde_json::to_writer(&mut out, &self.documents)?;
        out.write_all(b",\"entries\":")?;
        serde_json::to_writer(&mut out, &self.entries)?;
        out.write_all(b",\"events\":[")?;
        if let Some(events) = self.events.in_memory() {
            let slices = events.chunks(JSON_EVENTS_PER_SLICE).enumerate();
            let serialize = |(n, slice): (usize, &[Mention])| {
                let mut json = Vec::new();
                for (i, mention) in slice.iter().enumerate() {
                    if n > 0 || i > 0 {
                        json.push(b',');
                    }
                    serde_json::to_writer(&mut json, &mention.event)?;
                }
                Ok::<_, io::Error>(json)
            };
            for_each_ordered(slices, jobs, serialize, |json| out.write_all(&json?))?;
        } else {
            let mut first = true;
            self.each(|event, _| {
                if !std::mem::take(&mut first) {
                    out.write_all(b",")?;
                }
                Ok(serde_json::to_writer(&mut out, event)?)
            })?;
        }
        out.write_all(b"]}\n")?;
        out.flush()
    }

    /// The timeline, its events in memory.
    pub fn into_timeline(self) -> io::Result<Timeline> {
        let mut events = Vec::with_capacity(self.events.len());
        self.each(|event, _| {
            events.push(event.clone());
            Ok(())
        })?;
        Ok(Timeline {
            schema: TIMELINE_SCHEMA.to_string(),
            documents: self.documents,
            entries: self.entries,
            events,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::Annotator;
    use crate::document::Format;
    use crate::input::Document;
    use crate::lexicon::Lexicon;
    use crate::render::json::json_line;
    use crate::timeline::{Row, TimelineBuilder};

    /// Documents with spans (a title's, and over fifty years), a key-dates
    /// table, one event dated in two documents and a date written twice.
    const DOCS: [(&str, &str); 3] = [
        (
            "a",
            "# Russia 1917–1941\n\nThe Kronstadt Rising (March 1921) was crushed by Trotsky. \
             Lenin died in 1924, and 1924 saw the Lenin enrolment. Stalin won in 1929.\n",
        ),
        (
            "b",
            "Key dates\n\n1924      Lenin dies\n1928      Stalin: First Five-Year Plan\n\n\
             In Mar 1921 the Kronstadt Rising ended. Trotsky (1879–1940) was exiled in 1929.\n",
        ),
        ("c", "# Notes\n\nThe NEP began in 1921 and ended in 1928.\n"),
    ];

    fn builder(budget: usize) -> TimelineBuilder {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let mut builder = TimelineBuilder::with_budget(budget);
        for (id, text) in DOCS {
            let doc =
                Document::of_text(id.into(), format!("{id}.md"), text.into(), Format::Markdown);
            builder.append(TimelineBuilder::of_document(
                &doc,
                &annotator.annotate(&doc),
            ));
        }
        builder
    }

    fn rows(sorted: &SortedTimeline) -> Vec<Row> {
        let mut rows = Vec::new();
        let all = sorted.rows().unwrap();
        all.each(|row| {
            rows.push(row.clone());
            Ok(())
        })
        .unwrap();
        assert_eq!(all.span_rows(), rows.iter().filter(|r| r.span).count());
        rows
    }

    /// The JSON written event by event is the timeline's serialized whole,
    /// and the rows are the same, whatever the budget: every event on disk
    /// in a run of its own, a few runs, none.
    #[test]
    fn json_and_rows_are_the_same_whatever_the_budget() {
        let whole = builder(usize::MAX).finish().unwrap();
        let json = json_line(&whole);
        let expected = whole.rows();
        assert!(!expected.spans.is_empty() && expected.events.len() > 4);
        let expected: Vec<Row> = expected.spans.into_iter().chain(expected.events).collect();
        for (budget, jobs) in [(0, 1), (2_000, 2), (usize::MAX, 1), (usize::MAX, 3)] {
            let sorted = builder(budget).sorted().unwrap();
            assert_eq!(sorted.spilled(), budget != usize::MAX, "budget {budget}");
            let mut written = Vec::new();
            sorted.write_json(jobs, &mut written).unwrap();
            assert_eq!(
                String::from_utf8(written).unwrap(),
                String::from_utf8(json.clone()).unwrap()
            );
            assert_eq!(rows(&sorted), expected, "budget {budget}");
        }
    }
}
