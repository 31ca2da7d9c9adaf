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
//! derived from them ([`SortedTimeline::rows`]): the mentions of one event
//! merged into a [`Row`], and the ranges that are the span of their
//! document (a title's "1917–1941") set apart from the events.
//!
//! A run does not hold its events: its builder sorts them on disk past a
//! memory budget ([`TimelineBuilder::with_budget`]), and the
//! [`SortedTimeline`] it finishes writes its JSON and its rows a piece at
//! a time, the same bytes whatever the budget.
//!
//! The fields of a [`Timeline`] are private, so that its events stay in
//! order: it is made by a [`TimelineBuilder`], combined by
//! [`Timeline::merge`], or read from JSON, which checks every event and
//! sorts them.
//!
//! One concept per file: `mod.rs` has the timeline, its events and their
//! JSON (read back with its checks) and the merge of shards; `builder.rs`
//! makes the events of annotated documents ([`TimelineBuilder`]);
//! `sorted.rs` has a run's sorted timeline and writes its JSON
//! ([`SortedTimeline`]); `rows.rs` derives what people read
//! ([`SortedTimeline::rows`]).

mod builder;
mod rows;
mod sorted;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::dates::Day;
use crate::lexicon::Kind;
use crate::shard::{
    check_disjoint, check_passage, document_order, position_of, DocRef, MergeError,
};
pub use builder::TimelineBuilder;
pub use rows::{Row, Rows, Section, TimelineRows};
pub use sorted::SortedTimeline;

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
    /// Lexicon entries in the same sentence (not those nested in others).
    pub entries: Vec<String>,
    /// The level of the heading the date is written in (1 for a title),
    /// if it is in one. Added within version 1: older files have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heading: Option<u8>,
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
