//! A glossary's part: what some consecutive documents hold of each entry
//! they name, folded on the worker that annotated them, with every text it
//! quotes (aliases and sentences) in one buffer.
//!
//! A worker quotes more than the glossary lists: until the builder has
//! added up the documents before them, it cannot know which of its
//! occurrences will be listed (see `builder.rs`), and at `--jobs 2` on
//! dense notes it quoted about twice what the glossary lists. So a quote
//! costs no allocation: the sentence is copied into the part's buffer
//! (once for all the spans in it, with where it is: [`Quoted`]) and the
//! occurrence keeps numbers only, 24 bytes: its sentence's number and the
//! span's offsets, in one list for the part (each entry's quotes a chain
//! through it). The builder keeps a quote only if the glossary lists it
//! ([`Found::share`]), with the sentences of its part, and writes its
//! JSON, or makes the [`super::Occurrence`], at the end.
//!
//! A part's memory is used again: once the builder has added a part up,
//! it empties it ([`GlossaryPart::empty_into`]) and hands it to the next
//! worker that starts a run of documents, with its slots, the buffers of
//! their aliases and its list of quotes. Each part of a run had
//! allocated its own, and page faults of fresh memory were a tenth of
//! the run's time at `--jobs 2` on dense notes.

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
    /// By lexicon position, as far as the last entry named: a slot that
    /// no document of the part names is empty ([`Slot::is_named`]).
    pub(super) slots: Vec<Slot>,
    /// The quotes of every slot.
    quotes: Vec<Quote>,
    /// The sentences they quote.
    quoted: Quoted,
    /// Whether the part's builder keeps it, once added up, for a worker
    /// to fill again (a part from [`super::GlossaryParts::empty`]).
    reused: bool,
}

/// The sentences a part quotes, one after another, each once, and where
/// each one is: what its quotes point into, kept by the builder for the
/// quotes it lists (see `builder.rs`).
#[derive(Debug, Default)]
pub(super) struct Quoted {
    text: String,
    /// In the order quoted.
    sentences: Vec<Sentence>,
}

/// A sentence a part quotes: its document's number in the part (from 1),
/// its range in the document, and where it starts in the part's text.
#[derive(Clone, Copy, Debug)]
struct Sentence {
    doc: usize,
    range: [usize; 2],
    at: usize,
}

impl Quoted {
    /// Forgets the sentences, keeping the buffers.
    fn clear(&mut self) {
        self.text.clear();
        self.sentences.clear();
    }

    /// The number of the sentence `range` of the document numbered `doc`,
    /// `context`: copied unless it was the last one quoted (a dense
    /// sentence names three or four entries).
    fn sentence(&mut self, doc: usize, range: [usize; 2], context: &str) -> u32 {
        let last = self.sentences.last();
        if !last.is_some_and(|last| last.doc == doc && last.range == range) {
            let at = self.text.len();
            self.sentences.push(Sentence { doc, range, at });
            self.text.push_str(context);
        }
        let number = self.sentences.len() - 1;
        // A sentence takes 32 bytes here: a part of 2^32 would need 128 GiB.
        u32::try_from(number).expect("a part quotes fewer than 2^32 sentences")
    }

    /// A byte of where `quote`'s sentence is, to read it into the cache
    /// ahead ([`warm`]) of its text ([`Quoted::first_byte`]).
    pub(super) fn place_byte(&self, quote: &Quote) -> u8 {
        self.sentences[quote.sentence as usize].at.to_le_bytes()[0]
    }

    /// A byte of each cache line of the sentence `quote` quotes, the last
    /// one included, to read them into the cache ahead ([`warm`]): an
    /// occurrence is cut from the sentence at the span's offsets and the
    /// sentence's end, each checked to be a character's boundary, so each
    /// line of a sentence (162 bytes on average on dense notes) is read
    /// at once, and was a cache miss waited for alone.
    pub(super) fn sentence_bytes(&self, quote: &Quote) -> impl Iterator<Item = u8> + '_ {
        let Sentence { range, at, .. } = self.sentences[quote.sentence as usize];
        let text = &self.text.as_bytes()[at..at + (range[1] - range[0])];
        let last = text.len().checked_sub(1);
        let lines = (0..text.len()).step_by(CACHE_LINE).chain(last);
        lines.map(|at| text[at])
    }

    /// The occurrence `quote` quotes, of a part whose documents are
    /// `documents`.
    pub(super) fn occurrence<'a>(
        &'a self,
        quote: &Quote,
        documents: &'a [DocRef],
    ) -> OccurrenceRef<'a> {
        let Sentence { doc, range, at } = self.sentences[quote.sentence as usize];
        let [from, to] = range;
        let context = &self.text[at..at + (to - from)];
        OccurrenceRef {
            doc: &documents[doc - 1].id,
            start: quote.start,
            end: quote.end,
            text: &context[quote.start - from..quote.end - from],
            sentence: range,
            context,
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
    /// 0 if no document of the part names the entry (documents are
    /// numbered from 1).
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
    first: u32,
    last: u32,
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

impl Slot {
    /// Whether a document of the part names the entry.
    pub(super) fn is_named(&self) -> bool {
        self.last_doc != 0
    }

    /// Empties the slot, keeping the buffer of its aliases.
    fn clear(&mut self) {
        let mut aliases = std::mem::take(&mut self.aliases);
        aliases.packed.clear();
        *self = Slot {
            aliases,
            ..Slot::default()
        };
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
const WARM_SPANS: usize = 16;

/// The bytes of a cache line (on the processors glossator runs on).
const CACHE_LINE: usize = 64;

/// Reads `bytes`, whose reads do not depend on each other, so that their
/// cache misses are waited for together (see [`WARM_SPANS`]).
pub(super) fn warm(bytes: impl Iterator<Item = u8>) {
    let touched = bytes.fold(0, |any, byte| any ^ byte);
    // Without a use, the compiler would drop the reads.
    std::hint::black_box(touched);
}

/// An occurrence quoted by a part: the number of its sentence in the
/// part's [`Quoted`], and the span's offsets in the document (the span's
/// text lies in the sentence). 24 bytes: a part quotes up to 200,000
/// occurrences on dense notes, and the builder keeps those listed.
#[derive(Clone, Copy, Debug)]
pub(super) struct Quote {
    sentence: u32,
    /// The entry's next quote in the part's `quotes` (none after the
    /// last: the slot counts them).
    next: u32,
    start: usize,
    end: usize,
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
        let mut next = slot.first;
        let chain = (0..slot.quoted).map(move |_| {
            let quote = &quotes[next as usize];
            next = quote.next;
            quote
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
    /// An empty part that its builder keeps, once added up, for a worker
    /// to fill again.
    pub(super) fn reused() -> GlossaryPart {
        GlossaryPart {
            reused: true,
            ..GlossaryPart::default()
        }
    }

    /// Whether its builder keeps it once added up.
    pub(super) fn is_reused(&self) -> bool {
        self.reused
    }

    /// Empties the part for documents of its own, keeping the memory of
    /// its slots, aliases and quotes: a run's builder hands it back to the
    /// workers ([`super::GlossaryParts::empty`]), which fill it again
    /// without allocating, or faulting in fresh pages, as they did for
    /// each part. Its documents are moved to the end of `documents`; the
    /// sentences it quoted are given up if `give_quoted`, and otherwise
    /// kept as a buffer for the next ones.
    pub(super) fn empty_into(
        &mut self,
        documents: &mut Vec<DocRef>,
        give_quoted: bool,
    ) -> Option<Quoted> {
        documents.append(&mut self.documents);
        for &position in &self.named {
            self.slots[position].clear();
        }
        self.named.clear();
        self.quotes.clear();
        let quoted = give_quoted.then(|| std::mem::take(&mut self.quoted));
        self.quoted.clear();
        quoted
    }

    /// What the part holds of each entry it names, by its lexicon
    /// position, in the order first named.
    pub(super) fn found(&self) -> impl Iterator<Item = (usize, Found<'_>)> + Clone {
        self.found_of(&self.named)
    }

    /// [`GlossaryPart::found`], [`WARM_SPANS`] entries at a time, to
    /// read each few ahead.
    pub(super) fn found_ahead(
        &self,
    ) -> impl Iterator<Item = impl Iterator<Item = (usize, Found<'_>)> + Clone> {
        self.named
            .chunks(WARM_SPANS)
            .map(|positions| self.found_of(positions))
    }

    /// What the part holds of the entries at `positions`, which it names.
    fn found_of<'p>(
        &'p self,
        positions: &'p [usize],
    ) -> impl Iterator<Item = (usize, Found<'p>)> + Clone {
        positions.iter().map(|&position| {
            let slot = &self.slots[position];
            let quotes = &self.quotes;
            (position, Found { slot, quotes })
        })
    }

    /// The occurrence `quote` quotes.
    pub(super) fn occurrence(&self, quote: &Quote) -> OccurrenceRef<'_> {
        self.quoted.occurrence(quote, &self.documents)
    }

    /// Reads the slots of the entries at `positions`, the first bytes of
    /// their aliases and their `room` (its hints are as random as the
    /// slots: perf put a fifth of `GlossaryPart::add`'s time on reading
    /// them), once, so that their cache misses are waited for together,
    /// not one by one as the spans are added (see [`WARM_SPANS`]).
    fn warm(&self, positions: impl Iterator<Item = usize>, room: impl Fn(usize) -> usize) {
        warm(positions.map(|position| {
            let slot = self.slots.get(position);
            let aliases = slot.map_or(0, |slot| slot.aliases.first_byte());
            aliases ^ room(position).to_le_bytes()[0]
        }));
    }

    /// Adds `doc` (whose [`DocRef`] is `doc_ref`), annotated as
    /// `annotation` with `lexicon`, the document after those of the part,
    /// quoting of the entry at each lexicon position at most as many
    /// occurrences in all as `room` gives (asked once per entry and
    /// document, and read ahead, which it must not mind); `filled` is told of each entry whose room this document
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
                let positions = ahead.filter_map(|index| annotation.entry_position(index, lexicon));
                self.warm(positions, &room);
            }
            let Some(position) = annotation.entry_position(index, lexicon) else {
                continue;
            };
            let Some((sentence, context)) = passage(&doc.text, annotation, span) else {
                continue;
            };
            if position >= self.slots.len() {
                self.slots.resize_with(position + 1, Slot::default);
            }
            let slot = &mut self.slots[position];
            if !slot.is_named() {
                self.named.push(position);
                slot.aliases.packed.reserve(ALIASES_BYTES);
            }
            if slot.last_doc != number {
                slot.last_doc = number;
                slot.room = room(position).saturating_sub(slot.quoted);
                slot.doc_count += 1;
            }
            slot.count += 1;
            slot.aliases
                .insert(fingerprint(&span.text), span.text.as_bytes());
            if slot.room > 0 {
                let sentence = self.quoted.sentence(number, sentence, context);
                // A quote takes 24 bytes: a part of 2^32 would need 96 GiB.
                let this = u32::try_from(self.quotes.len()).expect("fewer than 2^32 quotes");
                self.quotes.push(Quote {
                    sentence,
                    next: 0,
                    start: span.start,
                    end: span.end,
                });
                if slot.quoted == 0 {
                    slot.first = this;
                } else {
                    self.quotes[slot.last as usize].next = this;
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A quote is numbers only, and few: a part quotes up to 200,000
    /// occurrences on dense notes.
    #[test]
    fn a_quote_takes_24_bytes() {
        assert!(std::mem::size_of::<Quote>() <= 24);
    }

    /// A sentence is read ahead a byte of each cache line, and its last,
    /// which cutting the occurrence from it reads.
    #[test]
    fn a_sentence_is_read_ahead_a_line_at_a_time() {
        let mut quoted = Quoted::default();
        let text: String = (0..150u8).map(|n| char::from(b'!' + n % 90)).collect();
        quoted.sentence(1, [7, 7], "");
        let sentence = quoted.sentence(1, [10, 160], &text);
        let quote = Quote {
            sentence,
            next: 0,
            start: 12,
            end: 15,
        };
        let bytes = text.as_bytes();
        let read: Vec<u8> = quoted.sentence_bytes(&quote).collect();
        assert_eq!(read, [bytes[0], bytes[64], bytes[128], bytes[149]]);
        let doc = Document::new("d".into(), "d.txt".into(), String::new());
        let documents = [DocRef::of(&doc)];
        let occurrence = quoted.occurrence(&quote, &documents);
        assert_eq!((occurrence.doc, occurrence.text), ("d", &text[2..5]));
    }
}
