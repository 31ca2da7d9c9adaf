//! The id, name and kind of every lexicon entry, packed side by side for
//! the entry spans to borrow ([`Labels`]).
//!
//! Built once with the [`Annotator`](super::Annotator); read for every
//! entry span it makes (`span.rs`) and again by the JSON writer.

use super::span::SpanKind;
use crate::lexicon::Lexicon;

/// What an entry span says of its entry: the id, name and kind of every
/// lexicon entry, packed side by side.
///
/// Every entry span reads these, and the JSON writer reads them again.
/// Taken from the lexicon's own entries, each read was a cache miss or
/// three (the entry, then its two strings, spread over the megabytes a
/// large lexicon's definitions take), and those misses were a tenth of
/// annotating with a 10k-entry lexicon. Packed, a 10k-entry lexicon's
/// labels take a few hundred kilobytes and mostly stay in cache.
#[derive(Clone, Debug)]
pub(super) struct Labels {
    /// Each entry's id followed by its name.
    text: String,
    /// For each entry: where its id starts in `text`, the id's and the
    /// name's lengths, and its kind.
    entries: Vec<(u32, u32, u32, SpanKind)>,
}

/// One entry's [`Labels`].
#[derive(Clone, Copy, Debug)]
pub(super) struct Label<'a> {
    pub(super) id: &'a str,
    pub(super) name: &'a str,
    pub(super) kind: SpanKind,
}

impl Labels {
    pub(super) fn new(lexicon: &Lexicon) -> Labels {
        let mut labels = Labels {
            text: String::new(),
            entries: Vec::with_capacity(lexicon.entries().len()),
        };
        let len = |s: &str| u32::try_from(s.len()).expect("labels under 4 GiB");
        for entry in lexicon.entries() {
            let start = len(&labels.text);
            labels.text.push_str(&entry.id);
            labels.text.push_str(&entry.name);
            let (id, name) = (len(&entry.id), len(&entry.name));
            labels.entries.push((start, id, name, entry.kind.into()));
        }
        labels
    }

    /// Reads the labels of `entries` once, so that their cache misses
    /// are waited for together, not one by one as the spans are made.
    ///
    /// A hit's entry is as good as random in a large lexicon, so nearly
    /// every label read misses the caches; perf put 5.7% of annotating 104
    /// MB with a 10k-entry lexicon on those reads. Here the reads do not
    /// depend on each other, so the processor has many in flight at once.
    pub(super) fn warm(&self, entries: impl Iterator<Item = usize>) {
        let touched = entries.fold(0, |any, entry| {
            let (start, ..) = self.entries[entry];
            any ^ self.text.as_bytes()[start as usize]
        });
        // Without a use, the compiler would drop the reads.
        std::hint::black_box(touched);
    }

    /// The lexicon position of the entry whose id `id` is, if `id` is
    /// borrowed from these labels, as an entry span's id is: found by
    /// where it lies in them (a binary search over a few hundred
    /// kilobytes that mostly stay in cache), not by hashing and comparing
    /// its text. `None` for an id from anywhere else, even an equal one.
    pub(super) fn position_of(&self, id: &str) -> Option<usize> {
        let offset = (id.as_ptr() as usize).checked_sub(self.text.as_ptr() as usize)?;
        if offset >= self.text.len() {
            return None;
        }
        let at = self
            .entries
            .partition_point(|&(start, ..)| (start as usize) < offset);
        let &(start, len, ..) = self.entries.get(at)?;
        (start as usize == offset && len as usize == id.len()).then_some(at)
    }

    pub(super) fn get(&self, entry: usize) -> Label<'_> {
        let (start, id, name, kind) = self.entries[entry];
        let (start, id, name) = (start as usize, id as usize, name as usize);
        Label {
            id: &self.text[start..start + id],
            name: &self.text[start + id..start + id + name],
            kind,
        }
    }
}
