//! Making a run's glossary in parallel: each worker makes the part of the
//! document it annotated ([`GlossaryParts::part`]), and the
//! [`GlossaryBuilder`] adds the parts up in document order.
//!
//! A part holds only what the document adds, by the entry's position in
//! the lexicon: the count, the surface texts, and the occurrences. The
//! builder copies an entry's name, definition and links once, when it
//! first sees the entry, and sorts the entries once, at the end.
//!
//! # Occurrences already listed in full
//!
//! The glossary lists an entry's first `max_occurrences` occurrences in
//! document order, and in dense notes most entries reach that within the
//! first documents; after that, quoting each occurrence's sentence on the
//! worker is wasted. So the builder marks an entry *full* when its list is,
//! and a worker making a later part quotes no occurrence of a full entry.
//! This cannot change the output: the builder adds the parts in document
//! order, so an entry is marked full while adding some document *k*, after
//! every document before *k* was added, and so after their parts were
//! made. A part that sees the mark is of a document after *k*, whose
//! occurrences the full list would leave out anyway. A part made before the
//! mark is set just quotes what it need not; the flags are hints, read and
//! written with relaxed ordering.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use super::{sort_listed, Glossary, GlossaryEntry, Occurrence};
use crate::annotate::Annotation;
use crate::input::Document;
use crate::lexicon::Lexicon;
use crate::shard::{passage, DocRef};

/// What one document holds of one entry.
#[derive(Debug, Default)]
pub(super) struct Share {
    /// The entry's spans in the document.
    pub(super) count: usize,
    /// Their distinct texts, in the order first found.
    pub(super) aliases_seen: Vec<String>,
    /// The first occurrences, up to `max_occurrences` (none when the entry
    /// was already listed in full).
    pub(super) occurrences: Vec<Occurrence>,
}

/// One document's part of a glossary: the document, and what it holds of
/// each entry it names, by the entry's position in the lexicon, in that
/// order.
#[derive(Debug)]
pub struct GlossaryPart {
    pub(super) document: DocRef,
    pub(super) shares: Vec<(usize, Share)>,
}

impl GlossaryPart {
    /// The part of `doc`, annotated as `annotation` with `lexicon`, quoting
    /// at most `max_occurrences` occurrences of each entry and none of an
    /// entry that `listed_in_full` says is. A span that is not the
    /// document's text at its offsets, or not inside its sentence, is left
    /// out (the annotator makes none).
    pub(super) fn of(
        doc: &Document,
        annotation: &Annotation,
        lexicon: &Lexicon,
        max_occurrences: usize,
        listed_in_full: impl Fn(usize) -> bool,
    ) -> GlossaryPart {
        let mut shares: BTreeMap<usize, (Share, usize)> = BTreeMap::new();
        for span in annotation.spans() {
            let Some(position) = span.entry.as_deref().and_then(|id| lexicon.position(id)) else {
                continue;
            };
            let Some((sentence, context)) = passage(&doc.text, annotation, span) else {
                continue;
            };
            let (share, room) = shares.entry(position).or_insert_with(|| {
                let room = if listed_in_full(position) {
                    0
                } else {
                    max_occurrences
                };
                (Share::default(), room)
            });
            share.count += 1;
            if !share.aliases_seen.iter().any(|seen| *seen == span.text) {
                share.aliases_seen.push(span.text.to_string());
            }
            if share.occurrences.len() < *room {
                share.occurrences.push(Occurrence {
                    doc: doc.id.clone(),
                    start: span.start,
                    end: span.end,
                    text: span.text.to_string(),
                    sentence,
                    context: context.to_string(),
                });
            }
        }
        GlossaryPart {
            document: DocRef::of(doc),
            shares: shares
                .into_iter()
                .map(|(position, (share, _))| (position, share))
                .collect(),
        }
    }
}

/// Makes documents' parts for one [`GlossaryBuilder`] on the workers:
/// cheap to share between threads.
#[derive(Clone, Debug)]
pub struct GlossaryParts<'l> {
    lexicon: &'l Lexicon,
    max_occurrences: usize,
    /// By lexicon position: is the entry listed in full by the builder?
    full: Arc<[AtomicBool]>,
}

impl GlossaryParts<'_> {
    /// The part of `doc`, annotated as `annotation` with the builder's
    /// lexicon.
    pub fn part(&self, doc: &Document, annotation: &Annotation) -> GlossaryPart {
        let full = |position: usize| self.full[position].load(Ordering::Relaxed);
        GlossaryPart::of(doc, annotation, self.lexicon, self.max_occurrences, full)
    }
}

/// Adds up the parts of documents in document order into one glossary,
/// as [`Glossary::add`] would make it document by document.
///
/// ```
/// use glossator::annotate::Annotator;
/// use glossator::glossary::GlossaryBuilder;
/// use glossator::input::Document;
/// use glossator::lexicon::Lexicon;
///
/// let annotator = Annotator::new(Lexicon::builtin().unwrap());
/// let mut builder = GlossaryBuilder::new(annotator.lexicon(), 5);
/// let parts = builder.parts(); // one for each worker
/// for (id, text) in [("a", "Lenin and the NEP."), ("b", "Stalin ended the NEP.")] {
///     let doc = Document::new(id.into(), format!("{id}.txt"), text.into());
///     let part = parts.part(&doc, &annotator.annotate(&doc));
///     builder.append(part);
/// }
/// let glossary = builder.finish();
/// let nep = glossary.entries().iter().find(|e| e.id == "nep").unwrap();
/// assert_eq!((nep.count, nep.doc_count), (2, 2));
/// ```
#[derive(Debug)]
pub struct GlossaryBuilder<'l> {
    lexicon: &'l Lexicon,
    max_occurrences: usize,
    documents: Vec<DocRef>,
    /// In the order first seen.
    entries: Vec<GlossaryEntry>,
    /// By lexicon position: where the entry is in `entries`, if it is.
    slots: Vec<Option<usize>>,
    full: Arc<[AtomicBool]>,
}

impl<'l> GlossaryBuilder<'l> {
    /// An empty glossary of `lexicon`'s entries, listing at most
    /// `max_occurrences` occurrences of each.
    pub fn new(lexicon: &'l Lexicon, max_occurrences: usize) -> GlossaryBuilder<'l> {
        GlossaryBuilder {
            lexicon,
            max_occurrences,
            documents: Vec::new(),
            entries: Vec::new(),
            slots: vec![None; lexicon.len()],
            full: (0..lexicon.len()).map(|_| AtomicBool::new(false)).collect(),
        }
    }

    /// The maker of parts for this builder, to hand to the workers.
    pub fn parts(&self) -> GlossaryParts<'l> {
        GlossaryParts {
            lexicon: self.lexicon,
            max_occurrences: self.max_occurrences,
            full: Arc::clone(&self.full),
        }
    }

    /// Adds the part of the document after those added so far.
    pub fn append(&mut self, part: GlossaryPart) {
        self.documents.push(part.document);
        for (position, share) in part.shares {
            let at = if let Some(at) = self.slots[position] {
                self.entries[at].absorb_share(share, 1, self.max_occurrences);
                at
            } else {
                let at = self.entries.len();
                let entry = &self.lexicon.entries()[position];
                self.entries.push(GlossaryEntry::new(entry, share));
                self.slots[position] = Some(at);
                at
            };
            if self.entries[at].occurrences.len() >= self.max_occurrences {
                self.full[position].store(true, Ordering::Relaxed);
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
    use crate::annotate::Annotator;

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
        let mut builder = GlossaryBuilder::new(lexicon, 2);
        let parts = builder.parts();
        let mut one_by_one = Glossary::new(2);
        let mut quoted = Vec::new();
        for doc in &documents() {
            let annotation = annotator.annotate(doc);
            let part = parts.part(doc, &annotation);
            quoted.push(
                part.shares
                    .iter()
                    .map(|(_, s)| s.occurrences.len())
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
}
