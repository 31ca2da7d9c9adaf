//! A glossary's part: what some consecutive documents hold of each entry
//! they name, folded on the worker that annotated them, with every text it
//! quotes (aliases and sentences) in one buffer.
//!
//! A worker quotes more than the glossary lists: until the builder has
//! added up the documents before them, it cannot know which of its
//! occurrences will be listed (see `builder.rs`), and at `--jobs 2` on
//! dense notes it quoted about twice what the glossary lists. So a quote
//! costs no allocation: the sentence is copied into the part's buffer
//! (once for all the spans in it) and the occurrence keeps numbers only,
//! its document by its place in the part and its text by offsets, in one
//! list for the part (each entry's quotes a chain through it). The builder
//! keeps a quote only if the glossary lists it ([`Found::share`]) and
//! writes its JSON, or makes the [`super::Occurrence`], at the end; a
//! part is freed as a few buffers and one per entry named, not as three
//! strings per occurrence, which the calling thread did when it dropped
//! the occurrences it could not list.

use std::borrow::Cow;

use super::{OccurrenceRef, Share};
use crate::annotate::Annotation;
use crate::input::Document;
use crate::lexicon::Lexicon;
use crate::shard::{passage, DocRef};

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
    pub(super) slots: Vec<Option<Slot>>,
    /// The quotes of every slot.
    quotes: Vec<Quote>,
    /// The sentences they quote.
    quoted: Quoted,
}

/// The sentences a part quotes, one after another, each once.
#[derive(Debug, Default)]
struct Quoted {
    text: String,
    /// The sentence quoted last: its document's number, its range in the
    /// document, and where it starts in `text` (a dense sentence names
    /// three or four entries).
    last_sentence: Option<(usize, [usize; 2], usize)>,
}

impl Quoted {
    /// Where the sentence `[from, to]` of the document numbered `doc`,
    /// `context`, starts: copied unless it was the last one quoted.
    fn sentence(&mut self, doc: usize, sentence: [usize; 2], context: &str) -> usize {
        match self.last_sentence {
            Some((last_doc, last, at)) if last_doc == doc && last == sentence => at,
            _ => {
                let at = self.text.len();
                self.text.push_str(context);
                self.last_sentence = Some((doc, sentence, at));
                at
            }
        }
    }
}

/// What the part holds of one entry, all in one place, as every span of
/// the entry reads and writes it (a span's entry is as good as random in
/// a large lexicon, so each place read apart was a cache miss): the last
/// document that named the entry (by its number in the part), how many
/// more occurrences that document quotes, the counts, the aliases and
/// the quotes.
#[derive(Debug, Default)]
pub(super) struct Slot {
    last_doc: usize,
    room: usize,
    count: usize,
    doc_count: usize,
    aliases: Aliases,
    /// How many occurrences the slot quotes: the first of the documents
    /// that quote the entry, up to the room they were given (see
    /// `builder.rs`).
    pub(super) quoted: usize,
    /// Where the first and the last of them are in the part's `quotes`.
    first: usize,
    last: usize,
}

/// The distinct surface texts of an entry, in the order first found,
/// each with its [`fingerprint`], packed in one buffer (the fingerprint,
/// the length, the bytes): a text is told from the others by reading a
/// few cache lines, where a list of strings cost a cache miss a string.
/// A part keeps one per entry, and so does the builder for the entries it
/// has added up, to know a part's texts without searching the entry's
/// sorted `aliases_seen`.
#[derive(Debug, Default)]
pub(super) struct Aliases {
    packed: Vec<u8>,
}

/// The room a part's slot makes for its aliases at first: a dozen of an
/// entry of dense notes, without the five or six reallocations of a
/// growing vector.
const ALIASES_BYTES: usize = 256;

/// The bytes of a fingerprint and of a length in [`Aliases`].
const WORD: usize = std::mem::size_of::<u64>();

impl Aliases {
    /// The texts' bytes with their fingerprints, in the order first found.
    fn iter(&self) -> impl Iterator<Item = (u64, &[u8])> {
        let mut rest = self.packed.as_slice();
        std::iter::from_fn(move || {
            let (print, tail) = rest.split_first_chunk::<WORD>()?;
            let (len, tail) = tail.split_first_chunk::<WORD>()?;
            let (text, tail) = tail.split_at(usize::from_le_bytes(*len));
            rest = tail;
            Some((u64::from_le_bytes(*print), text))
        })
    }

    /// The texts, in the order first found.
    pub(super) fn texts(&self) -> impl Iterator<Item = &str> {
        self.iter().map(|(_, text)| as_str(text))
    }

    /// The first byte of the texts, to read them into the cache ahead
    /// ([`warm`]).
    pub(super) fn first_byte(&self) -> u8 {
        self.packed.first().copied().unwrap_or(0)
    }

    /// Adds `text`, whose fingerprint is `print`, unless it is there:
    /// whether it was not.
    pub(super) fn insert(&mut self, print: u64, text: &[u8]) -> bool {
        let mut rest = self.packed.as_slice();
        while let Some((head, tail)) = rest.split_first_chunk::<{ 2 * WORD }>() {
            let (seen, len) = head.split_at(WORD);
            let len = usize::from_le_bytes(len.try_into().expect("a word"));
            if *seen == print.to_le_bytes() && tail[..len] == *text {
                return false;
            }
            rest = &tail[len..];
        }
        self.packed.extend_from_slice(&print.to_le_bytes());
        self.packed.extend_from_slice(&text.len().to_le_bytes());
        self.packed.extend_from_slice(text);
        true
    }
}

/// A text of [`Aliases`], added as a `str`.
fn as_str(text: &[u8]) -> &str {
    std::str::from_utf8(text).expect("added as a str")
}

/// The spans whose slots [`GlossaryPart::add`] reads ahead at a time. A
/// span's entry is as good as random in a large lexicon, so its slot, and
/// the slot's aliases, are cache misses: perf put about two thirds of
/// `GlossaryPart::add`'s own time on the read of the slot alone, on
/// dense notes with 10,000 entries. The reads of a few spans ahead do not
/// depend on each other, so the processor has them in flight at once (as
/// the annotator's labels, `annotate/labels.rs`).
pub(super) const WARM_SPANS: usize = 16;

/// Reads `bytes`, whose reads do not depend on each other, so that their
/// cache misses are waited for together (see [`WARM_SPANS`]).
pub(super) fn warm(bytes: impl Iterator<Item = u8>) {
    let touched = bytes.fold(0, |any, byte| any ^ byte);
    // Without a use, the compiler would drop the reads.
    std::hint::black_box(touched);
}

/// An occurrence quoted by a part: its document's number in the part
/// (from 1), the span and sentence offsets in the document, and where the
/// sentence starts in the part's `quoted`. The span's text lies in the
/// sentence.
#[derive(Clone, Copy, Debug)]
pub(super) struct Quote {
    doc: usize,
    start: usize,
    end: usize,
    sentence: [usize; 2],
    at: usize,
    /// The entry's next quote in the part's `quotes`, if any.
    next: Option<usize>,
}

impl Quote {
    /// The first byte of the sentence it quotes, of a part whose quoted
    /// sentences are `quoted`, to read it into the cache ahead ([`warm`]).
    pub(super) fn first_byte(&self, quoted: &str) -> u8 {
        quoted.as_bytes().get(self.at).copied().unwrap_or(0)
    }

    /// The occurrence, of a part whose documents are `documents` and whose
    /// quoted sentences `quoted`.
    pub(super) fn occurrence<'a>(
        &self,
        quoted: &'a str,
        documents: &'a [DocRef],
    ) -> OccurrenceRef<'a> {
        let [from, to] = self.sentence;
        let context = &quoted[self.at..self.at + (to - from)];
        OccurrenceRef {
            doc: &documents[self.doc - 1].id,
            start: self.start,
            end: self.end,
            text: &context[self.start - from..self.end - from],
            sentence: self.sentence,
            context,
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

/// What a part holds of one entry: its slot, and the part's quotes.
#[derive(Clone, Copy)]
pub(super) struct Found<'p> {
    slot: &'p Slot,
    quotes: &'p [Quote],
}

impl<'p> Found<'p> {
    /// The first byte of the entry's texts in the part, to read them into
    /// the cache ahead ([`warm`]).
    pub(super) fn first_byte(&self) -> u8 {
        self.slot.aliases.first_byte()
    }

    /// The share to merge into the entry, of the texts only those `new`
    /// passes (given each text's fingerprint), and the quotes as `quote`
    /// makes them, as the merge takes them: only the listed ones are.
    pub(super) fn share<Q>(
        self,
        mut new: impl FnMut(u64, &[u8]) -> bool + 'p,
        quote: impl FnMut(&'p Quote) -> Q + 'p,
    ) -> Share<impl Iterator<Item = Cow<'p, str>>, impl Iterator<Item = Q> + 'p> {
        let Found { slot, quotes } = self;
        let mut next = (slot.quoted > 0).then_some(slot.first);
        let chain = std::iter::from_fn(move || {
            let quote = &quotes[next?];
            next = quote.next;
            Some(quote)
        });
        Share {
            count: slot.count,
            doc_count: slot.doc_count,
            aliases_seen: slot
                .aliases
                .iter()
                .filter(move |&(print, text)| new(print, text))
                .map(|(_, text)| Cow::Borrowed(as_str(text))),
            occurrences: chain.map(quote),
        }
    }
}

impl GlossaryPart {
    /// The documents of the part, in order, and the sentences its quotes
    /// quote, giving up the rest.
    pub(super) fn into_quoted(self) -> (Vec<DocRef>, String) {
        (self.documents, self.quoted.text)
    }

    /// What the part holds of each entry it names, by its lexicon
    /// position, in the order first named.
    pub(super) fn found(&self) -> impl Iterator<Item = (usize, Found<'_>)> {
        self.named.iter().map(|&position| {
            let slot = self.slots[position].as_ref();
            let slot = slot.expect("a named entry has a slot");
            let quotes = &self.quotes;
            (position, Found { slot, quotes })
        })
    }

    /// The occurrence `quote` quotes.
    pub(super) fn occurrence(&self, quote: &Quote) -> OccurrenceRef<'_> {
        quote.occurrence(&self.quoted.text, &self.documents)
    }

    /// Reads the slots of the entries at `positions`, and the first bytes
    /// of their aliases, once, so that their cache misses are waited for
    /// together, not one by one as the spans are added (see
    /// [`WARM_SPANS`]).
    fn warm(&self, positions: impl Iterator<Item = usize>) {
        warm(positions.map(|position| {
            let slot = self.slots.get(position).and_then(Option::as_ref);
            slot.map_or(0, |slot| slot.aliases.first_byte())
        }));
    }

    /// Adds `doc` (whose [`DocRef`] is `doc_ref`), annotated as
    /// `annotation` with `lexicon`, the document after those of the part,
    /// quoting of the entry at each lexicon position at most as many
    /// occurrences in all as `room` gives (asked once per entry and
    /// document); `filled` is told of each entry whose room this document
    /// fills. A span that is not the document's text at its offsets, or
    /// not inside its sentence, is left out (the annotator makes none).
    pub(super) fn add(
        &mut self,
        doc_ref: DocRef,
        doc: &Document,
        annotation: &Annotation,
        lexicon: &Lexicon,
        room: impl Fn(usize) -> usize,
        mut filled: impl FnMut(usize),
    ) {
        self.documents.push(doc_ref);
        let number = self.documents.len();
        for (index, span) in annotation.spans().iter().enumerate() {
            if index % WARM_SPANS == 0 {
                let ahead = index..index + WARM_SPANS;
                self.warm(ahead.filter_map(|index| annotation.entry_position(index, lexicon)));
            }
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
                Slot {
                    aliases: Aliases {
                        packed: Vec::with_capacity(ALIASES_BYTES),
                    },
                    ..Slot::default()
                }
            });
            if slot.last_doc != number {
                slot.last_doc = number;
                slot.room = room(position).saturating_sub(slot.quoted);
                slot.doc_count += 1;
            }
            slot.count += 1;
            slot.aliases
                .insert(fingerprint(&span.text), span.text.as_bytes());
            if slot.room > 0 {
                let at = self.quoted.sentence(number, sentence, context);
                let this = self.quotes.len();
                self.quotes.push(Quote {
                    doc: number,
                    start: span.start,
                    end: span.end,
                    sentence,
                    at,
                    next: None,
                });
                if slot.quoted == 0 {
                    slot.first = this;
                } else {
                    self.quotes[slot.last].next = Some(this);
                }
                slot.last = this;
                slot.quoted += 1;
                slot.room -= 1;
                if slot.room == 0 {
                    filled(position);
                }
            }
        }
    }
}
