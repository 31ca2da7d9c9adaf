//! The consolidated glossary: one entry per lexicon entry that occurs, with
//! its definition and the passages it occurs in.
//!
//! A [`Glossary`] is a reduction over annotated documents. It is built by
//! [`Glossary::add`] in document order and can be [`Glossary::merge`]d with
//! the glossary of the documents that follow, so shards processed by
//! separate processes or machines combine into exactly the glossary of the
//! whole run: counts add up, occurrences are concatenated in document order
//! and then capped, aliases are unioned. Merging is associative.
//!
//! Schema `glossator.glossary/1`:
//!
//! ```json
//! {"schema":"glossator.glossary/1","max_occurrences":20,"min_count":1,
//!  "documents":[{"id":"notes","path":"corpus/notes.txt","sha256":"9f86d0…"}],
//!  "entries":[{"id":"nep","name":"New Economic Policy","kind":"term",
//!              "definition":"...","see_also":["war-communism"],
//!              "sort_as":"Economic Policy, New",
//!              "notes":[{"definition":"...","source":"notes.md:3","doc":"notes",
//!                        "start":120,"end":164,"at":120}],
//!              "aliases_seen":["NEP"],"count":16,"doc_count":1,
//!              "occurrences":[{"doc":"notes","start":10,"end":13,"text":"NEP",
//!                              "sentence":[0,52],"context":"..."}]}]}
//! ```
//!
//! `sort_as` is the lexicon's, present only where it gives one; listings
//! sort by it ([`Glossary::sections`]). `entries` are sorted by name
//! (case-insensitively, then by id);
//! `occurrences` keep document order and are capped at `max_occurrences`,
//! while `count` (all occurrences) and `doc_count` (documents with one) stay
//! exact. `aliases_seen` are the distinct surface texts found, sorted.
//! `notes` (with `--harvest`, else absent) are the definitions the
//! documents themselves give of the entry, each with its file and line and
//! the passage's offsets in its document, shown before `definition`; an
//! entry made from the notes alone, and every entry with `--harvest-only`,
//! has an empty `definition`.
//! Each document's `sha256` is the hash of its text ([`DocRef`]), by which
//! merging knows a document it has seen.
//!
//! The fields are private, so that these invariants hold: a glossary is
//! made by [`Glossary::new`] and [`Glossary::add`] or a
//! [`GlossaryBuilder`] (`builder.rs`, which adds up documents' parts made
//! on the workers that annotated them), combined by
//! [`Glossary::merge`], or read from JSON, which checks every entry and
//! occurrence and sorts what a hand-edited file left unsorted (see
//! [`Glossary`]'s `Deserialize`). A run's glossary is written by
//! [`Glossary::write_json`] (`json.rs`), on the pool.

mod builder;
mod json;
mod part;

use std::borrow::Cow;
use std::cmp::Ordering;
use std::collections::HashMap;

use rayon::slice::ParallelSliceMut;
use serde::{Deserialize, Serialize};

use crate::annotate::Annotation;
use crate::harvest::Harvested;
use crate::input::Document;
use crate::lexicon::{self, Entry, Kind, Lexicon};
use crate::shard::{check_disjoint, check_passage, check_unique, document_order, position_of};
pub use builder::{GlossaryBuilder, GlossaryParts, ListedQuotes};
pub use part::GlossaryPart;

pub use crate::shard::{DocRef, MergeError};

/// The schema tag of [`Glossary`] JSON.
pub const GLOSSARY_SCHEMA: &str = "glossator.glossary/1";

/// The consolidated glossary of a set of documents.
///
/// Reading one from JSON checks it as [`Glossary::merge`] and the renderers
/// need it, and fails with a message naming the entry otherwise: the
/// schema tag; document ids not empty and hashes SHA-256 hex; every entry
/// id not empty and listed once; counts that add up without overflow, with
/// `count` at least 1 and at least the occurrences listed and `doc_count`,
/// and at most `max_occurrences` occurrences listed; each occurrence of a
/// listed document, its `text` the `context` at its offsets, the context as
/// long as its `sentence`. Entries are then sorted, occurrences put in
/// document order and aliases sorted, as a run writes them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "GlossaryFile")]
pub struct Glossary {
    schema: String,
    max_occurrences: usize,
    min_count: usize,
    documents: Vec<DocRef>,
    entries: Vec<GlossaryEntry>,
}

/// A glossary as read, before it is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GlossaryFile {
    schema: String,
    max_occurrences: usize,
    min_count: usize,
    documents: Vec<DocRef>,
    entries: Vec<GlossaryEntry>,
}

/// One lexicon entry and where it occurs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    /// The lexicon id.
    pub id: String,
    /// The display name.
    pub name: String,
    /// What the entry is.
    pub kind: Kind,
    /// The lexicon's definition (empty where the notes' definitions stand
    /// alone: see [`Glossary::add_notes`]).
    pub definition: String,
    /// The definitions the documents give of the entry (`--harvest`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<NoteDefinition>,
    /// Ids of related entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see_also: Vec<String>,
    /// The lexicon's `sort_as`, if it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_as: Option<String>,
    /// The distinct surface texts found, sorted.
    pub aliases_seen: Vec<String>,
    /// Every occurrence, listed or not.
    pub count: usize,
    /// Documents with at least one occurrence.
    pub doc_count: usize,
    /// The first `max_occurrences` occurrences, in document order.
    pub occurrences: Vec<Occurrence>,
}

/// A definition from the documents themselves, and where it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NoteDefinition {
    /// The definition, as written.
    pub definition: String,
    /// The file and line (`notes.md:12`, `handout.docx ¶3`).
    pub source: String,
    /// The document's id.
    pub doc: String,
    /// Byte offset of the passage (term and definition) in the document.
    pub start: usize,
    /// Byte offset of its end.
    pub end: usize,
    /// Byte offset of the term in it (the handout's span there is what a
    /// link to the passage points at).
    pub at: usize,
}

/// One passage where an entry occurs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Occurrence {
    /// The document's id.
    pub doc: String,
    /// Byte offset of the span's start in the document.
    pub start: usize,
    /// Byte offset of the span's end.
    pub end: usize,
    /// The text at `start..end`.
    pub text: String,
    /// Byte range of the sentence that holds the span.
    pub sentence: [usize; 2],
    /// The sentence's text.
    pub context: String,
}

/// An [`Occurrence`]'s fields, borrowed from wherever they are kept: an
/// `Occurrence`, or the sentences a part quoted (`part.rs`), from which
/// the JSON of a run's glossary is written without making one
/// (`json.rs`).
#[derive(Clone, Copy, Debug)]
struct OccurrenceRef<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    text: &'a str,
    sentence: [usize; 2],
    context: &'a str,
}

impl OccurrenceRef<'_> {
    /// The occurrence, owning its strings.
    fn to_occurrence(self) -> Occurrence {
        Occurrence {
            doc: self.doc.to_string(),
            start: self.start,
            end: self.end,
            text: self.text.to_string(),
            sentence: self.sentence,
            context: self.context.to_string(),
        }
    }
}

impl Occurrence {
    /// Its fields, borrowed.
    fn as_ref(&self) -> OccurrenceRef<'_> {
        OccurrenceRef {
            doc: &self.doc,
            start: self.start,
            end: self.end,
            text: &self.text,
            sentence: self.sentence,
            context: &self.context,
        }
    }
}

impl Glossary {
    /// An empty glossary listing at most `max_occurrences` per entry.
    pub fn new(max_occurrences: usize) -> Glossary {
        Glossary {
            schema: GLOSSARY_SCHEMA.to_string(),
            max_occurrences,
            min_count: 1,
            documents: Vec::new(),
            entries: Vec::new(),
        }
    }

    /// The entries, sorted by name (case-insensitively), then by id.
    pub fn entries(&self) -> &[GlossaryEntry] {
        &self.entries
    }

    /// The entries of each kind that has any, kinds in [`Kind::ALL`]'s
    /// order, entries by [`GlossaryEntry::sort_key`] (then id): people by
    /// surname.
    pub fn sections(&self) -> Vec<(Kind, Vec<&GlossaryEntry>)> {
        Kind::ALL
            .into_iter()
            .filter_map(|kind| {
                let mut entries: Vec<(String, &GlossaryEntry)> = self
                    .entries
                    .iter()
                    .filter(|e| e.kind == kind)
                    .map(|e| (e.sort_key(), e))
                    .collect();
                entries.sort_by(|(a, x), (b, y)| a.cmp(b).then_with(|| x.id.cmp(&y.id)));
                let entries: Vec<&GlossaryEntry> = entries.into_iter().map(|(_, e)| e).collect();
                (!entries.is_empty()).then_some((kind, entries))
            })
            .collect()
    }

    /// Each entry by its id, for following `see_also` links.
    pub(crate) fn by_id(&self) -> HashMap<&str, &GlossaryEntry> {
        self.entries.iter().map(|e| (e.id.as_str(), e)).collect()
    }

    /// The documents, in order.
    pub fn documents(&self) -> &[DocRef] {
        &self.documents
    }

    /// Occurrences listed per entry at most.
    pub fn max_occurrences(&self) -> usize {
        self.max_occurrences
    }

    /// Entries occurring fewer times were left out. A glossary with
    /// `min_count` above 1 is final: it cannot be merged.
    pub fn min_count(&self) -> usize {
        self.min_count
    }

    /// The occurrences of all entries, listed or not. Never wraps: a
    /// glossary read from JSON or merged has a total that fits.
    pub fn total_count(&self) -> usize {
        self.entries
            .iter()
            .fold(0, |total: usize, e| total.saturating_add(e.count))
    }

    /// Adds one annotated document (after all documents added before it).
    /// A span that is not the document's text at its offsets, or not
    /// inside its sentence, is left out (the annotator makes none). Many
    /// documents are added faster with a [`GlossaryBuilder`].
    pub fn add(&mut self, doc: &Document, annotation: &Annotation, lexicon: &Lexicon) {
        let mut part = GlossaryPart::default();
        part.add(
            DocRef::of(doc),
            doc,
            annotation,
            lexicon,
            |_| self.max_occurrences,
            |_| (),
        );
        let entries = part
            .found()
            .map(|(position, found)| {
                let mut entry = GlossaryEntry::new(&lexicon.entries()[position]);
                let share =
                    found.share(|_, _| true, |quote| part.occurrence(quote).to_occurrence());
                entry.tally().absorb(share, self.max_occurrences);
                entry
            })
            .collect();
        part.empty_into(&mut self.documents, false);
        self.absorb_entries(entries);
    }

    /// Combines this glossary with the glossary of the documents that come
    /// after it. Fails if they share a document (by its text, see
    /// [`DocRef`]), were made with different `max_occurrences` or with
    /// `min_count` above 1, describe one entry differently (different
    /// lexicons), or their counts add up past `usize::MAX`.
    pub fn merge(mut self, later: Glossary) -> Result<Glossary, MergeError> {
        if self.min_count > 1 || later.min_count > 1 {
            return Err(MergeError(
                "made with --min-count above 1; make partials without it and pass it to merge"
                    .to_string(),
            ));
        }
        if self.max_occurrences != later.max_occurrences && !self.documents.is_empty() {
            return Err(MergeError(format!(
                "made with different --max-occurrences ({} and {})",
                self.max_occurrences, later.max_occurrences
            )));
        }
        if self
            .total_count()
            .checked_add(later.total_count())
            .is_none()
        {
            return Err(MergeError(
                "the counts of the two add up to more than glossator can count".to_string(),
            ));
        }
        check_same_entries(&self.entries, &later.entries)?;
        self.max_occurrences = later.max_occurrences;
        check_disjoint(&self.documents, &later.documents)?;
        self.documents.extend(later.documents);
        self.absorb_entries(later.entries);
        Ok(self)
    }

    /// Folds the entries of later documents into the sorted entry list: a
    /// known entry absorbs the later one; the new ones, sorted, are merged
    /// in with one pass. Known entries cost a binary search each (comparing
    /// without allocating), and a part that brings new entries one pass
    /// over the list, never one move of the list per entry.
    fn absorb_entries(&mut self, later: Vec<GlossaryEntry>) {
        let mut new = Vec::new();
        for entry in later {
            match self.entries.binary_search_by(|e| listed_order(e, &entry)) {
                Ok(at) => self.entries[at].absorb(entry, self.max_occurrences),
                Err(_) => new.push(entry),
            }
        }
        if new.is_empty() {
            return;
        }
        sort_listed(&mut new);
        let mut new = new.into_iter().peekable();
        let known = std::mem::take(&mut self.entries);
        self.entries.reserve(known.len() + new.len());
        for entry in known {
            while let Some(first) = new.next_if(|n| listed_order(n, &entry).is_lt()) {
                self.entries.push(first);
            }
            self.entries.push(entry);
        }
        self.entries.extend(new);
    }

    /// Gives each entry the definitions the documents give of it
    /// (`--harvest`, see [`crate::harvest`]), shown before the lexicon's.
    /// The lexicon's definition is left out of an entry made from the
    /// notes (it is the notes' own) and, unless `keep_lexicon`, of every
    /// entry the notes define.
    pub fn add_notes(&mut self, harvested: &[Harvested], keep_lexicon: bool) {
        let by_id: HashMap<&str, &Harvested> =
            harvested.iter().map(|h| (h.entry.id.as_str(), h)).collect();
        for entry in &mut self.entries {
            let Some(found) = by_id.get(entry.id.as_str()) else {
                continue;
            };
            for d in &found.definitions {
                let note = NoteDefinition {
                    definition: d.definition.clone(),
                    source: d.citation(),
                    doc: d.doc.clone(),
                    start: d.range.start,
                    end: d.range.end,
                    at: d.at,
                };
                if !entry.notes.contains(&note) {
                    entry.notes.push(note);
                }
            }
            if found.matches.is_none() || !keep_lexicon {
                entry.definition.clear();
            }
        }
    }

    /// Keeps only entries that occur at least `min_count` times.
    pub fn retain_min_count(&mut self, min_count: usize) {
        self.min_count = self.min_count.max(min_count);
        self.entries.retain(|e| e.count >= min_count);
    }
}

impl TryFrom<GlossaryFile> for Glossary {
    type Error = String;

    /// Checks and orders a glossary read from JSON (see [`Glossary`]).
    fn try_from(file: GlossaryFile) -> Result<Glossary, String> {
        if file.schema != GLOSSARY_SCHEMA {
            return Err(format!("schema {:?}, not {GLOSSARY_SCHEMA:?}", file.schema));
        }
        let order = document_order(&file.documents)?;
        check_unique(file.entries.iter().map(|e| e.id.as_str()), "entry")?;
        let mut total: usize = 0;
        let mut entries = file.entries;
        for entry in &mut entries {
            let what = format!("entry `{}`", entry.id);
            entry.check(file.max_occurrences, file.documents.len(), &what)?;
            total = total.checked_add(entry.count).ok_or_else(|| {
                format!("{what}: the counts add up to more than glossator can count")
            })?;
            let mut positioned = Vec::with_capacity(entry.occurrences.len());
            for (n, occurrence) in entry.occurrences.drain(..).enumerate() {
                let what = format!("{what}, occurrence {n}");
                let at = position_of(&order, &occurrence.doc, &what)?;
                occurrence.check().map_err(|err| format!("{what}: {err}"))?;
                positioned.push((at, occurrence));
            }
            // Stable: two documents with one id (shards `A/notes.txt` and
            // `B/notes.txt`) keep their order.
            positioned.sort_by_key(|(at, _)| *at);
            entry.occurrences = positioned.into_iter().map(|(_, o)| o).collect();
            entry.aliases_seen.sort();
            entry.aliases_seen.dedup();
        }
        sort_listed(&mut entries);
        Ok(Glossary {
            schema: file.schema,
            max_occurrences: file.max_occurrences,
            min_count: file.min_count,
            documents: file.documents,
            entries,
        })
    }
}

/// The order of [`Glossary::entries`]: by name, case-insensitively (each
/// character lower-cased), then by id. Compares without allocating.
fn listed_order(a: &GlossaryEntry, b: &GlossaryEntry) -> Ordering {
    a.name
        .chars()
        .flat_map(char::to_lowercase)
        .cmp(b.name.chars().flat_map(char::to_lowercase))
        .then_with(|| a.id.cmp(&b.id))
}

/// Sorts `entries` in [`listed_order`], each one's key made once, on the
/// current rayon pool.
fn sort_listed(entries: &mut [GlossaryEntry]) {
    entries.par_sort_by_cached_key(|e| {
        let folded: String = e.name.chars().flat_map(char::to_lowercase).collect();
        (folded, e.id.clone())
    });
}

/// What some consecutive documents hold of one entry, as merging adds it
/// to the entry ([`Tally::absorb`]): the entry's spans in them, the
/// documents with one, their distinct texts, and the first occurrences,
/// in document order, of the documents that quote the entry. The texts
/// and occurrences are iterators, so that a part's are made only as they
/// are kept.
struct Share<A, O> {
    count: usize,
    doc_count: usize,
    aliases_seen: A,
    occurrences: O,
}

/// An entry's findings, as merging adds to them: its counts, its sorted
/// `aliases_seen`, and its occurrences as `Q`: a [`GlossaryEntry`]'s
/// [`Occurrence`]s, or the quotes the [`GlossaryBuilder`] keeps until its
/// end.
struct Tally<'e, Q> {
    count: &'e mut usize,
    doc_count: &'e mut usize,
    aliases_seen: &'e mut Vec<String>,
    occurrences: &'e mut Vec<Q>,
}

impl<Q> Tally<'_, Q> {
    /// Adds what later documents hold of the entry: the counts, the
    /// aliases not yet seen, and occurrences up to `max_occurrences`,
    /// taking no more of `later`'s than there is room for. This is the
    /// merge, whether of two glossaries ([`Glossary::merge`]) or of a
    /// run's parts ([`GlossaryBuilder`]).
    fn absorb<'a>(
        self,
        later: Share<impl IntoIterator<Item = Cow<'a, str>>, impl IntoIterator<Item = Q>>,
        max_occurrences: usize,
    ) {
        // Merging checked that the totals fit; adding documents cannot
        // count past usize::MAX spans.
        *self.count = self.count.saturating_add(later.count);
        *self.doc_count = self.doc_count.saturating_add(later.doc_count);
        // `aliases_seen` is sorted: each new alias goes in its place (a
        // dense document repeats most of an entry's aliases).
        for alias in later.aliases_seen {
            let place = self
                .aliases_seen
                .binary_search_by(|a| a.as_str().cmp(&alias));
            if let Err(at) = place {
                self.aliases_seen.insert(at, alias.into_owned());
            }
        }
        let room = max_occurrences.saturating_sub(self.occurrences.len());
        self.occurrences
            .extend(later.occurrences.into_iter().take(room));
    }
}

/// Checks that the entries that both lists have are described alike: the
/// same name, kind, definition and links, from the same lexicon. An entry
/// named differently would otherwise be listed twice, under one id.
fn check_same_entries(
    earlier: &[GlossaryEntry],
    later: &[GlossaryEntry],
) -> Result<(), MergeError> {
    let by_id: HashMap<&str, &GlossaryEntry> = earlier.iter().map(|e| (e.id.as_str(), e)).collect();
    for entry in later {
        let Some(known) = by_id.get(entry.id.as_str()) else {
            continue;
        };
        let alike = known.name == entry.name
            && known.kind == entry.kind
            && known.definition == entry.definition
            && known.see_also == entry.see_also
            && known.sort_as == entry.sort_as;
        if !alike {
            return Err(MergeError(format!(
                "entry `{}` has a different name, kind, definition, see_also or sort_as in the two \
                 partials; make every partial with the same lexicon",
                entry.id
            )));
        }
    }
    Ok(())
}

impl GlossaryEntry {
    /// What listings sort the entry by (see [`crate::lexicon::sort_key`]).
    pub fn sort_key(&self) -> String {
        lexicon::sort_key(&self.name, self.kind, self.sort_as.as_deref())
    }

    /// The entry's definitions in the order to show them: the notes' first
    /// (`--harvest`), then the lexicon's unless it is empty, joined by
    /// ` — `. Flashcards, decks and the compact glossary show this one text.
    pub fn all_definitions(&self) -> String {
        let lexicon = Some(self.definition.as_str()).filter(|d| !d.is_empty());
        let definitions: Vec<&str> = self
            .notes
            .iter()
            .map(|n| n.definition.as_str())
            .chain(lexicon)
            .collect();
        definitions.join(" — ")
    }

    /// The lexicon's `entry`, found nowhere yet.
    fn new(entry: &Entry) -> GlossaryEntry {
        GlossaryEntry {
            id: entry.id.clone(),
            name: entry.name.clone(),
            kind: entry.kind,
            definition: entry.definition.clone(),
            notes: Vec::new(),
            see_also: entry.see_also.clone(),
            sort_as: entry.sort_as.clone(),
            aliases_seen: Vec::new(),
            count: 0,
            doc_count: 0,
            occurrences: Vec::new(),
        }
    }

    /// Adds the same entry's findings in later documents.
    fn absorb(&mut self, later: GlossaryEntry, max_occurrences: usize) {
        for note in later.notes {
            if !self.notes.contains(&note) {
                self.notes.push(note);
            }
        }
        let found = Share {
            count: later.count,
            doc_count: later.doc_count,
            aliases_seen: later.aliases_seen.into_iter().map(Cow::Owned),
            occurrences: later.occurrences,
        };
        self.tally().absorb(found, max_occurrences);
    }

    /// What merging adds to.
    fn tally(&mut self) -> Tally<'_, Occurrence> {
        Tally {
            count: &mut self.count,
            doc_count: &mut self.doc_count,
            aliases_seen: &mut self.aliases_seen,
            occurrences: &mut self.occurrences,
        }
    }

    /// Checks the counts and id of an entry read from JSON.
    fn check(&self, max_occurrences: usize, documents: usize, what: &str) -> Result<(), String> {
        let problem = if self.id.is_empty() {
            Some("the id is empty".to_string())
        } else if self.count == 0 {
            Some("count is 0".to_string())
        } else if self.occurrences.len() > self.count {
            Some(format!(
                "lists {} occurrences but counts {}",
                self.occurrences.len(),
                self.count
            ))
        } else if self.occurrences.len() > max_occurrences {
            Some(format!(
                "lists {} occurrences, more than max_occurrences ({max_occurrences})",
                self.occurrences.len()
            ))
        } else if self.doc_count == 0 || self.doc_count > self.count.min(documents) {
            Some(format!(
                "doc_count {} is 0, or more than its count or the documents",
                self.doc_count
            ))
        } else {
            None
        };
        problem.map_or(Ok(()), |problem| Err(format!("{what}: {problem}")))
    }
}

impl Occurrence {
    /// Checks that the occurrence quotes its span.
    fn check(&self) -> Result<(), String> {
        check_passage(
            [self.start, self.end],
            &self.text,
            self.sentence,
            &self.context,
        )
    }
}
