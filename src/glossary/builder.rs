//! Making a run's glossary in parallel: the workers fold the documents
//! they annotated into parts ([`GlossaryParts::add`]), each part a run of
//! consecutive documents, and the [`GlossaryBuilder`] adds the parts up in
//! document order.
//!
//! A part (`part.rs`) holds only what its documents add, by the entry's
//! position in the lexicon: the counts, the surface texts, and the
//! occurrences, quoted without an allocation each. The builder copies an
//! entry's name, definition and links once, when it first sees the entry,
//! and sorts the entries once, at the end. Adding a part is the merge of
//! two glossaries (`glossator merge`, [`Glossary::merge`]): counts add up,
//! aliases are unioned, occurrences are concatenated and capped
//! ([`GlossaryEntry`]'s `absorb_share`), with an entry found by its
//! lexicon position rather than by name, a part's surface texts known by
//! their fingerprints (searching for each text of each part in the
//! entry's sorted texts was half of the calling thread's time, a cache
//! miss a compare) and kept in the order found, to be sorted once at the
//! end, on the pool (each new text's sorted insert, a string made and a
//! binary search of the entry's strings, was most of what was left of it
//! on the calling thread), and an occurrence made only if it is listed. As that merge is associative, a
//! part may hold one document or many: a worker folds many, so that the
//! calling thread adds up a few parts, not one per document.
//!
//! # Occurrences that cannot be listed
//!
//! The glossary lists an entry's first `max_occurrences` occurrences in
//! document order, and in dense notes most entries reach that within the
//! first documents; after that, quoting each occurrence's sentence on the
//! worker is wasted. Two hints, shared by the builder and the workers,
//! tell a worker how many occurrences of an entry a document may still
//! need quoted (its *room*); they are hints, read and written with
//! relaxed ordering, and a part made before one is set just quotes what
//! it need not.
//!
//! * *Listed so far*: the builder records how many occurrences of each
//!   entry it lists. It adds the parts in document order, so a part that
//!   reads the count is of documents after those of every part counted,
//!   which hold that many occurrences: the part's room is what is left of
//!   `max_occurrences` (none once the list is full). A part of later
//!   documents made while the first ones are added up quoted a whole list
//!   of each entry not yet full, where a few occurrences were missing.
//! * *Full by document n*: a worker folding documents in order whose part
//!   fills its room for an entry at the document numbered *n* (its
//!   position in the run) records *n* (the least such). Then at least
//!   `max_occurrences` occurrences are in documents up to *n* (the part's
//!   and those counted before it), and no occurrence in a document after
//!   *n* can be listed, whichever part it is in. Within a part, the
//!   documents that quote an entry are a prefix (the room only falls), so
//!   each part lists its first quoted occurrences, and concatenating the
//!   parts in order and capping lists the run's first ones.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};

use rayon::prelude::*;

use super::part::{warm, Aliases, Quote, Quoted};
use super::{sort_listed, Glossary, GlossaryEntry, GlossaryPart, OccurrenceRef, Tally};
use crate::annotate::{Annotation, Annotator};
use crate::input::Document;
use crate::shard::DocRef;

/// The hints of one run's builder about an entry (see the module's
/// documentation), side by side: a span's entry is as good as random, and
/// the worker reads both.
#[derive(Debug)]
struct Hint {
    /// How many occurrences of the entry the builder lists so far.
    listed: AtomicUsize,
    /// The least number of a document by which some part's list of the
    /// entry is full (`usize::MAX` if none is known).
    full_by: AtomicUsize,
}

impl Hint {
    /// The most occurrences of its entry that a part of documents after
    /// those the builder has added may need to quote, listing at most
    /// `max_occurrences`.
    fn room(&self, max_occurrences: usize) -> usize {
        max_occurrences.saturating_sub(self.listed.load(Ordering::Relaxed))
    }
}

/// Makes documents' parts for one [`GlossaryBuilder`] on the workers:
/// cheap to share between threads.
#[derive(Clone, Debug)]
pub struct GlossaryParts<'l> {
    annotator: &'l Annotator,
    max_occurrences: usize,
    /// By lexicon position.
    hints: Arc<[Hint]>,
    spare: Spare,
}

/// The parts a builder has added up and emptied, for the workers to fill
/// again ([`GlossaryParts::empty`]).
type Spare = Arc<Mutex<Vec<GlossaryPart>>>;

/// The spare parts, to take one or give one back. A panic while the list
/// is held leaves it as good as before.
fn spare(spare: &Spare) -> MutexGuard<'_, Vec<GlossaryPart>> {
    spare.lock().unwrap_or_else(PoisonError::into_inner)
}

impl GlossaryParts<'_> {
    /// An empty part to fold documents into: one the builder has added
    /// up, with the memory of its slots and quotes (see
    /// [`GlossaryPart`]), if there is one spare, else a new one. The
    /// builder keeps it when it is added up, for the next.
    pub fn empty(&self) -> GlossaryPart {
        let part = spare(&self.spare).pop();
        part.unwrap_or_else(GlossaryPart::reused)
    }

    /// The part of `doc` alone, annotated as `annotation` by the
    /// builder's annotator.
    pub fn part(&self, doc: &Document, annotation: &Annotation) -> GlossaryPart {
        let mut part = self.empty();
        let room = |position: usize| self.hints[position].room(self.max_occurrences);
        self.add_to(&mut part, DocRef::of(doc), doc, annotation, room, |_| ());
        part
    }

    /// Adds `doc`, annotated as `annotation` by the builder's annotator, to
    /// `part`, whose documents come just before it. `number` is the
    /// document's place in the run: any numbering that grows in the order
    /// the builder adds the documents (the input's index).
    pub fn add(
        &self,
        part: &mut GlossaryPart,
        number: usize,
        doc: &Document,
        annotation: &Annotation,
    ) {
        self.add_as(part, number, DocRef::of(doc), doc, annotation);
    }

    /// [`GlossaryParts::add`] of a document whose [`DocRef`] is made
    /// already: a run that keeps a timeline too hashes each document once,
    /// for both.
    pub fn add_as(
        &self,
        part: &mut GlossaryPart,
        number: usize,
        doc_ref: DocRef,
        doc: &Document,
        annotation: &Annotation,
    ) {
        let hints = &*self.hints;
        let room = |position: usize| {
            let hint: &Hint = &hints[position];
            if number <= hint.full_by.load(Ordering::Relaxed) {
                hint.room(self.max_occurrences)
            } else {
                0
            }
        };
        let filled = |position: usize| {
            hints[position].full_by.fetch_min(number, Ordering::Relaxed);
        };
        self.add_to(part, doc_ref, doc, annotation, room, filled);
    }

    /// [`GlossaryPart::add`] with the annotator's lexicon.
    fn add_to(
        &self,
        part: &mut GlossaryPart,
        doc_ref: DocRef,
        doc: &Document,
        annotation: &Annotation,
        room: impl Fn(usize) -> usize,
        filled: impl FnMut(usize),
    ) {
        let lexicon = self.annotator.lexicon();
        part.add(doc_ref, doc, annotation, lexicon, room, filled);
    }
}

/// Adds up the parts of documents in document order into one glossary,
/// as [`Glossary::add`] would make it document by document.
///
/// ```
/// use glossator::annotate::Annotator;
/// use glossator::glossary::{GlossaryBuilder, GlossaryPart};
/// use glossator::input::Document;
/// use glossator::lexicon::Lexicon;
///
/// let annotator = Annotator::new(Lexicon::builtin().unwrap());
/// let mut builder = GlossaryBuilder::new(&annotator, 5);
/// let parts = builder.parts(); // one for each worker
/// let texts = [("a", "Lenin and the NEP."), ("b", "Stalin ended the NEP.")];
/// let mut part = GlossaryPart::default(); // a worker's run of documents
/// for (number, (id, text)) in texts.into_iter().enumerate() {
///     let doc = Document::new(id.into(), format!("{id}.txt"), text.into());
///     parts.add(&mut part, number, &doc, &annotator.annotate(&doc));
/// }
/// builder.append(part);
/// let glossary = builder.finish();
/// let nep = glossary.entries().iter().find(|e| e.id == "nep").unwrap();
/// assert_eq!((nep.count, nep.doc_count), (2, 2));
/// ```
#[derive(Debug)]
pub struct GlossaryBuilder<'l> {
    annotator: &'l Annotator,
    max_occurrences: usize,
    documents: Vec<DocRef>,
    /// By lexicon position: what the documents so far hold of the entry.
    gathered: Vec<Gathered>,
    /// The sentences of the parts of which a quote is kept.
    quoted: Vec<QuotedPart>,
    /// By lexicon position.
    hints: Arc<[Hint]>,
    spare: Spare,
}

/// The sentences a part quoted, kept by the builder because the glossary
/// lists one of its quotes, and the index in the run of the part's first
/// document.
#[derive(Debug)]
struct QuotedPart {
    first_doc: usize,
    quoted: Quoted,
}

/// What the documents added to a [`GlossaryBuilder`] hold of an entry,
/// all in one place (as [`super::part`]'s slots, for the cache): made a
/// [`GlossaryEntry`] at the end, if a document names the entry.
#[derive(Debug, Default)]
struct Gathered {
    count: usize,
    doc_count: usize,
    /// The distinct surface texts with their fingerprints (see
    /// `part.rs`), in the order found: the entry's `aliases_seen` once
    /// sorted, at the end.
    aliases: Aliases,
    /// The occurrences the glossary lists, as their parts quoted them.
    kept: Vec<Kept>,
}

/// The occurrences a run's glossary lists, as the parts quoted them
/// ([`GlossaryBuilder::finish_quoted`]): the glossary's JSON is written
/// from them, on the pool, without making an [`super::Occurrence`] (three
/// strings) of each, which on dense notes was a tenth of the run's
/// instructions and a third of its peak memory; the other formats and
/// `build` have them made ([`ListedQuotes::fill`]).
#[derive(Debug)]
pub struct ListedQuotes<'l> {
    annotator: &'l Annotator,
    /// By lexicon position.
    kept: Vec<Vec<Kept>>,
    /// The sentences of the parts of which a quote is kept.
    quoted: Vec<QuotedPart>,
}

impl ListedQuotes<'_> {
    /// The occurrences listed of `entry` (as many as the glossary lists:
    /// none of an entry that is not the lexicon's), the run's documents
    /// being `documents`.
    pub(super) fn of<'a>(
        &'a self,
        entry: &GlossaryEntry,
        documents: &'a [DocRef],
    ) -> impl Iterator<Item = OccurrenceRef<'a>> {
        let position = self.annotator.lexicon().position(&entry.id);
        let kept = position.map_or(&[][..], |position| &self.kept[position]);
        // The entry's sentences were quoted long before, in parts tens of
        // MB apart, and each is a cache miss (where it is, then its text):
        // read together first, they are waited for once (see `part.rs`).
        let part = |kept: &Kept| &self.quoted[kept.part].quoted;
        warm(kept.iter().map(|kept| part(kept).place_byte(&kept.quote)));
        warm(
            kept.iter()
                .flat_map(|kept| part(kept).sentence_bytes(&kept.quote)),
        );
        kept.iter().map(move |kept| {
            let QuotedPart { first_doc, quoted } = &self.quoted[kept.part];
            quoted.occurrence(&kept.quote, &documents[*first_doc..])
        })
    }

    /// Gives each entry of `glossary`, made with these quotes, the
    /// occurrences it lists, on the current rayon pool.
    pub fn fill(&self, glossary: &mut Glossary) {
        let Glossary {
            documents, entries, ..
        } = glossary;
        entries.par_iter_mut().for_each(|entry| {
            let listed = self.of(entry, documents);
            entry.occurrences = listed.map(OccurrenceRef::to_occurrence).collect();
        });
    }
}

/// An occurrence the glossary lists, as its part quoted it: its JSON
/// written, or an [`super::Occurrence`] made, at the end, on the pool,
/// rather than on the calling thread as the parts are added up, where the
/// strings of 200,000 occurrences (and the fresh pages they take) were
/// half of its time at `--jobs 2` on dense notes.
#[derive(Debug)]
struct Kept {
    /// The part's sentences, in the builder's `quoted`.
    part: usize,
    quote: Quote,
}

impl<'l> GlossaryBuilder<'l> {
    /// An empty glossary of the entries of `annotator`'s lexicon, for
    /// documents it annotates, listing at most `max_occurrences`
    /// occurrences of each.
    pub fn new(annotator: &'l Annotator, max_occurrences: usize) -> GlossaryBuilder<'l> {
        let lexicon = annotator.lexicon();
        let hints = (0..lexicon.len()).map(|_| Hint {
            listed: AtomicUsize::new(0),
            full_by: AtomicUsize::new(usize::MAX),
        });
        GlossaryBuilder {
            annotator,
            max_occurrences,
            documents: Vec::new(),
            gathered: (0..lexicon.len()).map(|_| Gathered::default()).collect(),
            quoted: Vec::new(),
            hints: hints.collect(),
            spare: Spare::default(),
        }
    }

    /// The maker of parts for this builder, to hand to the workers.
    pub fn parts(&self) -> GlossaryParts<'l> {
        GlossaryParts {
            annotator: self.annotator,
            max_occurrences: self.max_occurrences,
            hints: Arc::clone(&self.hints),
            spare: Arc::clone(&self.spare),
        }
    }

    /// Adds the part of the documents after those added so far. The
    /// part's sentences are kept if the glossary lists one of its quotes;
    /// a part from [`GlossaryParts::empty`] is then kept, emptied, for a
    /// worker to fill again.
    pub fn append(&mut self, mut part: GlossaryPart) {
        let (part_number, first_doc) = (self.quoted.len(), self.documents.len());
        let mut kept_one = false;
        // An entry's place here and in the part are cache misses, read a
        // few entries ahead (see `part.rs`).
        for ahead in part.found_ahead() {
            warm(ahead.clone().map(|(position, found)| {
                found.first_byte() ^ self.gathered[position].aliases.first_byte()
            }));
            for (position, found) in ahead {
                let gathered = &mut self.gathered[position];
                let listed = gathered.kept.len();
                // Every text goes to the entry's `aliases` alone, none
                // to the sorted list of the merge (made at the end).
                let share = found.share(
                    |print, alias| {
                        gathered.aliases.insert(print, alias);
                        false
                    },
                    |&quote| {
                        kept_one = true;
                        Kept {
                            part: part_number,
                            quote,
                        }
                    },
                );
                let tally = Tally {
                    count: &mut gathered.count,
                    doc_count: &mut gathered.doc_count,
                    aliases_seen: &mut Vec::new(),
                    occurrences: &mut gathered.kept,
                };
                tally.absorb(share, self.max_occurrences);
                if gathered.kept.len() != listed {
                    let hint = &self.hints[position].listed;
                    hint.store(gathered.kept.len(), Ordering::Relaxed);
                }
            }
        }
        let quoted = part.empty_into(&mut self.documents, kept_one);
        let quoted = quoted.map(|quoted| QuotedPart { first_doc, quoted });
        self.quoted.extend(quoted);
        if part.is_reused() {
            spare(&self.spare).push(part);
        }
    }

    /// The glossary, its entries made and sorted on the current rayon
    /// pool (the run's, in [`rayon::ThreadPool::install`]).
    pub fn finish(self) -> Glossary {
        let (mut glossary, quotes) = self.finish_quoted();
        quotes.fill(&mut glossary);
        glossary
    }

    /// The glossary, its entries made and sorted on the current rayon
    /// pool, but listing no occurrences yet: the [`ListedQuotes`] hold
    /// them, to write the glossary's JSON from ([`ListedQuotes::write_json`])
    /// or to fill it with ([`ListedQuotes::fill`]).
    pub fn finish_quoted(self) -> (Glossary, ListedQuotes<'l>) {
        let GlossaryBuilder {
            annotator,
            gathered,
            quoted,
            documents,
            max_occurrences,
            spare: spare_parts,
            ..
        } = self;
        // No more parts are made.
        spare(&spare_parts).clear();
        let (found, kept): (Vec<Option<GlossaryEntry>>, Vec<Vec<Kept>>) = gathered
            .into_par_iter()
            .zip(annotator.lexicon().entries())
            .map(|(gathered, entry)| {
                let found = (gathered.count > 0).then(|| {
                    let mut aliases_seen: Vec<String> =
                        gathered.aliases.texts().map(String::from).collect();
                    aliases_seen.sort_unstable();
                    GlossaryEntry {
                        count: gathered.count,
                        doc_count: gathered.doc_count,
                        aliases_seen,
                        ..GlossaryEntry::new(entry)
                    }
                });
                (found, gathered.kept)
            })
            .unzip();
        let mut entries: Vec<GlossaryEntry> = found.into_iter().flatten().collect();
        sort_listed(&mut entries);
        let glossary = Glossary {
            documents,
            entries,
            ..Glossary::new(max_occurrences)
        };
        let quotes = ListedQuotes {
            annotator,
            kept,
            quoted,
        };
        (glossary, quotes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::render::json::json_line;

    fn documents() -> Vec<Document> {
        [
            "Lenin and Stalin. Stalin again.",
            "Stalin, Stalin, Lenin.",
            "Trotsky and Stalin.",
        ]
        .iter()
        .enumerate()
        .map(|(n, text)| Document::new(format!("d{n}"), format!("d{n}.txt"), (*text).into()))
        .collect()
    }

    /// Parts made after the entries filled up quote none of their
    /// occurrences, and the glossary is the one `Glossary::add` makes.
    #[test]
    fn parts_add_up_to_the_glossary_of_the_documents() {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let lexicon = annotator.lexicon();
        let mut builder = GlossaryBuilder::new(&annotator, 2);
        let parts = builder.parts();
        let mut one_by_one = Glossary::new(2);
        let mut quoted = Vec::new();
        for doc in &documents() {
            let annotation = annotator.annotate(doc);
            let part = parts.part(doc, &annotation);
            quoted.push(part.slots.iter().map(|s| s.quoted).sum::<usize>());
            builder.append(part);
            one_by_one.add(doc, &annotation, lexicon);
        }
        // Stalin fills up in the first document, Lenin in the second: the
        // second part quotes Lenin alone, the third Trotsky alone.
        assert_eq!(quoted, [3, 1, 1]);
        assert_eq!(builder.finish(), one_by_one);
    }

    /// A part added up is handed out again, emptied, with the memory of
    /// its slots, and the parts filled again add up to the glossary made
    /// document by document.
    #[test]
    fn parts_added_up_are_filled_again() {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let lexicon = annotator.lexicon();
        let mut builder = GlossaryBuilder::new(&annotator, 2);
        let parts = builder.parts();
        let mut one_by_one = Glossary::new(2);
        for (n, doc) in documents().iter().enumerate() {
            let mut part = parts.empty();
            let slots = &part.slots;
            assert_eq!(slots.is_empty(), n == 0, "document {n}");
            assert!(slots.iter().all(|slot| !slot.is_named()), "document {n}");
            let annotation = annotator.annotate(doc);
            parts.add(&mut part, n, doc, &annotation);
            builder.append(part);
            one_by_one.add(doc, &annotation, lexicon);
        }
        assert_eq!(builder.finish(), one_by_one);
    }

    /// An occurrence the builder keeps is numbers only: 200,000 are kept
    /// on dense notes.
    #[test]
    fn a_kept_quote_takes_32_bytes() {
        assert!(std::mem::size_of::<Kept>() <= 32);
    }

    /// A part of later documents quotes only what is left of an entry's
    /// list once the parts before it are added up, not a whole list.
    #[test]
    fn parts_quote_the_rest_of_a_list() {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let mut builder = GlossaryBuilder::new(&annotator, 3);
        let parts = builder.parts();
        let texts = ["Stalin.", "Stalin, Stalin, Stalin, Stalin."];
        let mut quoted = Vec::new();
        for (n, text) in texts.into_iter().enumerate() {
            let doc = Document::new(format!("d{n}"), format!("d{n}.txt"), text.into());
            let part = parts.part(&doc, &annotator.annotate(&doc));
            quoted.push(part.slots.iter().map(|s| s.quoted).sum::<usize>());
            builder.append(part);
        }
        assert_eq!(quoted, [1, 2]);
        let glossary = builder.finish();
        let stalin = glossary.entries().iter().find(|e| e.id == "stalin");
        assert_eq!(stalin.map(|e| (e.count, e.occurrences.len())), Some((5, 3)));
    }

    /// The JSON written from a run's quotes is that of the glossary with
    /// its occurrences made, at any number of threads, with entries left
    /// out or not.
    #[test]
    fn json_written_from_the_quotes_is_the_glossarys() {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let builder = || {
            let mut builder = GlossaryBuilder::new(&annotator, 2);
            let parts = builder.parts();
            for doc in &documents() {
                builder.append(parts.part(doc, &annotator.annotate(doc)));
            }
            builder
        };
        for (jobs, min_count) in [(1, 1), (2, 1), (2, 2)] {
            let (mut glossary, quotes) = builder().finish_quoted();
            assert!(glossary.entries().iter().all(|e| e.occurrences.is_empty()));
            glossary.retain_min_count(min_count);
            let mut written = Vec::new();
            quotes.write_json(&glossary, jobs, &mut written).unwrap();
            let mut filled = builder().finish();
            filled.retain_min_count(min_count);
            assert!(filled.entries().iter().any(|e| !e.occurrences.is_empty()));
            assert_eq!(
                String::from_utf8(written).unwrap(),
                String::from_utf8(json_line(&filled)).unwrap(),
                "{jobs} jobs, min_count {min_count}"
            );
        }
    }

    /// However the documents are cut into runs, and in whatever order the
    /// runs are folded (as workers would), the parts add up to the
    /// glossary made document by document.
    #[test]
    fn runs_of_documents_add_up_to_the_glossary_of_the_documents() {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let lexicon = annotator.lexicon();
        let texts = [
            "Lenin and Stalin. Stalin again.",
            "Stalin, Stalin, Lenin.",
            "Trotsky and Stalin. The NEP.",
            "Lenin; the NEP, the NEP.",
            "Trotsky, Lenin and Stalin.",
            // Texts found in the reverse of their sorted order.
            "STALIN, trotsky; Stalin.",
        ];
        let documents: Vec<Document> = (0..4)
            .flat_map(|round| texts.iter().map(move |text| (round, text)))
            .enumerate()
            .map(|(n, (_, text))| {
                Document::new(format!("d{n}"), format!("d{n}.txt"), (*text).into())
            })
            .collect();
        let annotations: Vec<Annotation> =
            documents.iter().map(|d| annotator.annotate(d)).collect();
        for max in [0, 1, 2, 3, 20] {
            let mut one_by_one = Glossary::new(max);
            for (doc, annotation) in documents.iter().zip(&annotations) {
                one_by_one.add(doc, annotation, lexicon);
            }
            for run in [1, 2, 3, 7, 20] {
                let mut builder = GlossaryBuilder::new(&annotator, max);
                let parts = builder.parts();
                let starts: Vec<usize> = (0..documents.len()).step_by(run).collect();
                // The last run is folded first, then the others.
                let mut folded: Vec<(usize, GlossaryPart)> = starts
                    .iter()
                    .rev()
                    .map(|&start| {
                        let mut part = GlossaryPart::default();
                        for n in start..(start + run).min(documents.len()) {
                            parts.add(&mut part, n, &documents[n], &annotations[n]);
                        }
                        (start, part)
                    })
                    .collect();
                folded.sort_by_key(|(start, _)| *start);
                for (_, part) in folded {
                    builder.append(part);
                }
                let glossary = builder.finish();
                let stalin = glossary.entries().iter().find(|e| e.id == "stalin");
                let aliases = stalin.map(|e| e.aliases_seen.iter().map(String::as_str));
                let aliases: Option<Vec<&str>> = aliases.map(Iterator::collect);
                assert_eq!(aliases, Some(vec!["STALIN", "Stalin"]), "runs of {run}");
                assert_eq!(glossary, one_by_one, "max {max}, runs of {run}");
            }
        }
    }
}
