//! Making a run's glossary in parallel: the workers fold the documents
//! they annotated into parts ([`GlossaryParts::add`]), each part a run of
//! consecutive documents, and the [`GlossaryBuilder`] adds the parts up in
//! document order.
//!
//! A part holds only what its documents add, by the entry's position in
//! the lexicon: the counts, the surface texts, and the occurrences. The
//! builder copies an entry's name, definition and links once, when it
//! first sees the entry, and sorts the entries once, at the end. Adding a
//! part is the merge of two glossaries (`glossator merge`,
//! [`Glossary::merge`]): counts add up, aliases are unioned, occurrences
//! are concatenated and capped ([`GlossaryEntry`]'s `absorb_share`), with
//! an entry found by its lexicon position rather than by name. As that
//! merge is associative, a part may hold one document or many: a worker
//! folds many, so that the calling thread adds up a few parts, not one
//! per document.
//!
//! # Occurrences that cannot be listed
//!
//! The glossary lists an entry's first `max_occurrences` occurrences in
//! document order, and in dense notes most entries reach that within the
//! first documents; after that, quoting each occurrence's sentence on the
//! worker is wasted. Two hints, shared by the builder and the workers,
//! tell a worker which entries a document need not quote; the flags are
//! hints, read and written with relaxed ordering, and a part made before
//! one is set just quotes what it need not.
//!
//! * *Listed in full*: the builder marks an entry when its list is full.
//!   It adds the parts in document order, so it marks an entry while
//!   adding the part of some document *k*, after the parts of every
//!   document up to *k* were made: a part that sees the mark is of a later
//!   document, whose occurrences the full list leaves out anyway.
//! * *Full by document n*: a worker folding documents in order whose part
//!   fills an entry's list at the document numbered *n* (its position in
//!   the run) records *n* (the least such). Then at least
//!   `max_occurrences` occurrences are in documents up to *n*, and no
//!   occurrence in a document after *n* can be listed, whichever part it
//!   is in. Within a part, the documents that quote an entry are a prefix
//!   (the bound only falls), so each part lists its first quoted
//!   occurrences, and concatenating the parts in order and capping lists
//!   the run's first ones.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::Arc;

use super::{sort_listed, Glossary, GlossaryEntry, Occurrence};
use crate::annotate::{Annotation, Annotator};
use crate::input::Document;
use crate::lexicon::Lexicon;
use crate::shard::{passage, DocRef};

/// What some consecutive documents hold of one entry.
#[derive(Debug, Default)]
pub(super) struct Share {
    /// The entry's spans in the documents.
    pub(super) count: usize,
    /// The documents with one.
    pub(super) doc_count: usize,
    /// Their distinct texts, in the order first found.
    pub(super) aliases_seen: Vec<String>,
    /// The first occurrences, up to `max_occurrences`, of the documents
    /// that quote the entry (see the module's documentation).
    pub(super) occurrences: Vec<Occurrence>,
}

/// A [`Share`] being folded, all in one place, as every span of the
/// entry reads and writes it (a span's entry is as good as random in a
/// large lexicon, so each place read apart was a cache miss: the share,
/// its aliases' fingerprints, the list of aliases, an alias): the last
/// document that named the entry (by its number in the part), whether
/// that document quotes it, the counts, each alias with its
/// [`fingerprint`] beside it, and the occurrences.
#[derive(Debug, Default)]
struct Slot {
    last_doc: usize,
    quotes: bool,
    count: usize,
    doc_count: usize,
    aliases: Vec<(u64, String)>,
    occurrences: Vec<Occurrence>,
}

impl Slot {
    fn into_share(self) -> Share {
        Share {
            count: self.count,
            doc_count: self.doc_count,
            aliases_seen: self.aliases.into_iter().map(|(_, alias)| alias).collect(),
            occurrences: self.occurrences,
        }
    }
}

/// A hash of an alias, to tell most aliases apart without reading their
/// text: an entry of dense notes is written in a dozen ways, often of one
/// length (`NEP`, `Nep`, `nep`), and comparing each span's text with every
/// alias seen was a tenth of the run. A match is confirmed by the text.
fn fingerprint(text: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |hash: u64, word: u64| (hash.rotate_left(5) ^ word).wrapping_mul(K);
    let mut words = text.as_bytes().chunks_exact(8);
    let hash = words.by_ref().fold(text.len() as u64, |hash, word| {
        mix(
            hash,
            u64::from_le_bytes(word.try_into().expect("eight bytes")),
        )
    });
    let mut last = [0; 8];
    last[..words.remainder().len()].copy_from_slice(words.remainder());
    mix(hash, u64::from_le_bytes(last))
}

/// The part of a glossary that some consecutive documents make: the
/// documents, and what they hold of each entry they name, by the entry's
/// position in the lexicon, in the order first named.
#[derive(Debug, Default)]
pub struct GlossaryPart {
    documents: Vec<DocRef>,
    /// The lexicon positions of the entries named, in the order first
    /// named.
    named: Vec<usize>,
    /// By lexicon position, as far as the last entry named.
    slots: Vec<Option<Slot>>,
}

impl GlossaryPart {
    /// The documents, and what they hold of each entry they name, by its
    /// lexicon position, in the order first named.
    pub(super) fn into_shares(self) -> (Vec<DocRef>, impl Iterator<Item = (usize, Share)>) {
        let mut slots = self.slots;
        let shares = self.named.into_iter().map(move |position| {
            let slot = slots[position].take().expect("a named entry has a slot");
            (position, slot.into_share())
        });
        (self.documents, shares)
    }

    /// Adds `doc`, annotated as `annotation` with `lexicon`, the document
    /// after those of the part, quoting at most `max_occurrences`
    /// occurrences of each entry and none of an entry at a lexicon position
    /// `quotes` refuses (asked once per entry and document); `filled` is
    /// told of each entry whose list this document fills. A span that is
    /// not the document's text at its offsets, or not inside its sentence,
    /// is left out (the annotator makes none).
    pub(super) fn add(
        &mut self,
        doc: &Document,
        annotation: &Annotation,
        lexicon: &Lexicon,
        max_occurrences: usize,
        quotes: impl Fn(usize) -> bool,
        mut filled: impl FnMut(usize),
    ) {
        self.documents.push(DocRef::of(doc));
        let number = self.documents.len();
        for (index, span) in annotation.spans().iter().enumerate() {
            let Some(position) = annotation.entry_position(index, lexicon) else {
                continue;
            };
            let Some((sentence, context)) = passage(&doc.text, annotation, span) else {
                continue;
            };
            if position >= self.slots.len() {
                self.slots.resize_with(position + 1, || None);
            }
            let slot = self.slots[position].get_or_insert_with(|| {
                self.named.push(position);
                Slot::default()
            });
            if slot.last_doc != number {
                slot.last_doc = number;
                slot.quotes = slot.occurrences.len() < max_occurrences && quotes(position);
                slot.doc_count += 1;
            }
            slot.count += 1;
            let print = fingerprint(&span.text);
            let seen = |(p, alias): &(u64, String)| *p == print && *alias == span.text;
            if !slot.aliases.iter().any(seen) {
                slot.aliases.push((print, span.text.to_string()));
            }
            if slot.quotes {
                slot.occurrences.push(Occurrence {
                    doc: doc.id.clone(),
                    start: span.start,
                    end: span.end,
                    text: span.text.to_string(),
                    sentence,
                    context: context.to_string(),
                });
                if slot.occurrences.len() == max_occurrences {
                    slot.quotes = false;
                    filled(position);
                }
            }
        }
    }
}

/// The hints of one run's builder, by lexicon position (see the module's
/// documentation).
#[derive(Debug)]
struct Hints {
    /// Is the entry listed in full by the builder?
    listed_in_full: Box<[AtomicBool]>,
    /// The least number of a document by which some part's list of the
    /// entry is full (`usize::MAX` if none is known).
    full_by: Box<[AtomicUsize]>,
}

/// Makes documents' parts for one [`GlossaryBuilder`] on the workers:
/// cheap to share between threads.
#[derive(Clone, Debug)]
pub struct GlossaryParts<'l> {
    annotator: &'l Annotator,
    max_occurrences: usize,
    hints: Arc<Hints>,
}

impl GlossaryParts<'_> {
    /// The part of `doc` alone, annotated as `annotation` by the
    /// builder's annotator.
    pub fn part(&self, doc: &Document, annotation: &Annotation) -> GlossaryPart {
        let mut part = GlossaryPart::default();
        let listed = |position: usize| self.hints.listed_in_full[position].load(Ordering::Relaxed);
        let quotes = |position| !listed(position);
        self.add_to(&mut part, doc, annotation, quotes, |_| ());
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
        let hints = &*self.hints;
        let quotes = |position: usize| {
            !hints.listed_in_full[position].load(Ordering::Relaxed)
                && number <= hints.full_by[position].load(Ordering::Relaxed)
        };
        let filled = |position: usize| {
            hints.full_by[position].fetch_min(number, Ordering::Relaxed);
        };
        self.add_to(part, doc, annotation, quotes, filled);
    }

    /// [`GlossaryPart::add`] with the annotator's lexicon.
    fn add_to(
        &self,
        part: &mut GlossaryPart,
        doc: &Document,
        annotation: &Annotation,
        quotes: impl Fn(usize) -> bool,
        filled: impl FnMut(usize),
    ) {
        part.add(
            doc,
            annotation,
            self.annotator.lexicon(),
            self.max_occurrences,
            quotes,
            filled,
        );
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
    /// In the order first seen.
    entries: Vec<GlossaryEntry>,
    /// By lexicon position: where the entry is in `entries`, if it is.
    slots: Vec<Option<usize>>,
    hints: Arc<Hints>,
}

impl<'l> GlossaryBuilder<'l> {
    /// An empty glossary of the entries of `annotator`'s lexicon, for
    /// documents it annotates, listing at most `max_occurrences`
    /// occurrences of each.
    pub fn new(annotator: &'l Annotator, max_occurrences: usize) -> GlossaryBuilder<'l> {
        let lexicon = annotator.lexicon();
        let hints = Hints {
            listed_in_full: (0..lexicon.len()).map(|_| AtomicBool::new(false)).collect(),
            full_by: (0..lexicon.len())
                .map(|_| AtomicUsize::new(usize::MAX))
                .collect(),
        };
        GlossaryBuilder {
            annotator,
            max_occurrences,
            documents: Vec::new(),
            entries: Vec::new(),
            slots: vec![None; lexicon.len()],
            hints: Arc::new(hints),
        }
    }

    /// The maker of parts for this builder, to hand to the workers.
    pub fn parts(&self) -> GlossaryParts<'l> {
        GlossaryParts {
            annotator: self.annotator,
            max_occurrences: self.max_occurrences,
            hints: Arc::clone(&self.hints),
        }
    }

    /// Adds the part of the documents after those added so far.
    pub fn append(&mut self, part: GlossaryPart) {
        let (documents, shares) = part.into_shares();
        self.documents.extend(documents);
        for (position, share) in shares {
            let at = if let Some(at) = self.slots[position] {
                self.entries[at].absorb_share(share, self.max_occurrences);
                at
            } else {
                let at = self.entries.len();
                let entry = &self.annotator.lexicon().entries()[position];
                self.entries.push(GlossaryEntry::new(entry, share));
                self.slots[position] = Some(at);
                at
            };
            if self.entries[at].occurrences.len() >= self.max_occurrences {
                self.hints.listed_in_full[position].store(true, Ordering::Relaxed);
            }
        }
    }

    /// The glossary, its entries sorted.
    pub fn finish(self) -> Glossary {
        let mut entries = self.entries;
        sort_listed(&mut entries);
        Glossary {
            documents: self.documents,
            entries,
            ..Glossary::new(self.max_occurrences)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

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
            quoted.push(
                part.slots
                    .iter()
                    .flatten()
                    .map(|s| s.occurrences.len())
                    .sum::<usize>(),
            );
            builder.append(part);
            one_by_one.add(doc, &annotation, lexicon);
        }
        // Stalin fills up in the first document, Lenin in the second: the
        // second part quotes Lenin alone, the third Trotsky alone.
        assert_eq!(quoted, [3, 1, 1]);
        assert_eq!(builder.finish(), one_by_one);
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
                assert_eq!(builder.finish(), one_by_one, "max {max}, runs of {run}");
            }
        }
    }
}
