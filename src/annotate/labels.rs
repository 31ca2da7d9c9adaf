//! The id, name and kind of every lexicon entry, packed side by side for
//! the entry spans to borrow ([`Labels`]), each with its JSON fields.
//!
//! Built once with the [`Annotator`](super::Annotator); read for every
//! entry span it makes (`span.rs`) and again by the JSON writer, which
//! copies an entry's fields whole ([`SpanLabels`]).

use std::fmt;

use super::span::SpanKind;
use crate::lexicon::Lexicon;
use crate::render::json::label_fields;

/// What an entry span says of its entry: the id, name and kind of every
/// lexicon entry, packed side by side.
///
/// Every entry span reads these, and the JSON writer reads them again.
/// Taken from the lexicon's own entries, each read was a cache miss or
/// three (the entry, then its two strings, spread over the megabytes a
/// large lexicon's definitions take), and those misses were a tenth of
/// annotating with a 10k-entry lexicon. Packed, a 10k-entry lexicon's
/// labels take a few hundred kilobytes and mostly stay in cache.
///
/// An entry whose id and name need no escape in JSON is packed as its
/// span's JSON fields, `,"kind":"…","entry":"…","name":"…"`, with the id
/// and name borrowed from inside them: the writer copies them whole
/// ([`Labels::json`]), where writing the three fields one by one (each
/// string checked for bytes to escape) was a third of a span's JSON on
/// dense text. Another entry is packed as its id and its name.
#[derive(Clone, Debug)]
pub(super) struct Labels {
    /// Each entry's JSON fields, or its id followed by its name.
    text: String,
    entries: Vec<Packed>,
}

/// Where an entry's label is in [`Labels::text`], and its kind.
#[derive(Clone, Copy, Debug)]
struct Packed {
    /// The start of the entry's bytes.
    start: u32,
    /// The length of its JSON fields, 0 when it has none.
    json: u32,
    /// The id's start and length.
    id: (u32, u32),
    /// The name's start and length.
    name: (u32, u32),
    kind: SpanKind,
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
        let at = |text: &String| u32::try_from(text.len()).expect("labels under 4 GiB");
        for entry in lexicon.entries() {
            let kind = SpanKind::from(entry.kind);
            let start = at(&labels.text);
            let fields = label_fields(&mut labels.text, kind, &entry.id, &entry.name);
            let (json, id, name) = if let Some((id, name)) = fields {
                let place = |range: std::ops::Range<usize>| {
                    (start + range.start as u32, range.len() as u32)
                };
                (at(&labels.text) - start, place(id), place(name))
            } else {
                labels.text.push_str(&entry.id);
                labels.text.push_str(&entry.name);
                let (id, name) = (entry.id.len() as u32, entry.name.len() as u32);
                (0, (start, id), (start + id, name))
            };
            let packed = Packed {
                start,
                json,
                id,
                name,
                kind,
            };
            labels.entries.push(packed);
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
    ///
    /// Both ends of an entry's bytes are read: its id and name, or its
    /// JSON fields, often cross a cache line.
    pub(super) fn warm(&self, entries: impl Iterator<Item = usize>) {
        let bytes = self.text.as_bytes();
        let touched = entries.fold(0, |any, entry| {
            let Packed {
                start,
                name: (name, len),
                ..
            } = self.entries[entry];
            any ^ bytes[start as usize] ^ bytes[((name + len) as usize).saturating_sub(1)]
        });
        // Without a use, the compiler would drop the reads.
        std::hint::black_box(touched);
    }

    pub(super) fn get(&self, entry: usize) -> Label<'_> {
        let Packed { id, name, kind, .. } = self.entries[entry];
        let slice = |(start, len): (u32, u32)| &self.text[start as usize..(start + len) as usize];
        Label {
            id: slice(id),
            name: slice(name),
            kind,
        }
    }

    /// The JSON fields of `entry`'s span (its kind, id and name), if its
    /// id and name need no escape.
    fn json(&self, entry: usize) -> Option<&str> {
        let Packed { start, json, .. } = self.entries[entry];
        let start = start as usize;
        (json > 0).then(|| &self.text[start..start + json as usize])
    }
}

/// The annotator's labels and the entry of each span of an annotation,
/// so that the JSON writer can copy an entry span's fields whole
/// ([`SpanLabels::json`]). Empty for an annotation read back or made to
/// own its strings: the writer then writes the fields one by one.
///
/// Not part of the annotation's value: any two are equal.
#[derive(Clone, Default)]
pub(crate) struct SpanLabels<'a> {
    labels: Option<&'a Labels>,
    /// The entry of each span in order, [`NO_ENTRY`] for a date.
    entries: Vec<u32>,
}

/// [`SpanLabels::entries`]'s mark of a span without an entry.
const NO_ENTRY: u32 = u32::MAX;

impl<'a> SpanLabels<'a> {
    pub(super) fn new(labels: &'a Labels, capacity: usize) -> SpanLabels<'a> {
        SpanLabels {
            labels: Some(labels),
            entries: Vec::with_capacity(capacity),
        }
    }

    /// Records the next span's entry (`None` for a date).
    pub(super) fn push(&mut self, entry: Option<usize>) {
        let entry = entry.map_or(NO_ENTRY, |e| u32::try_from(e).expect("entries under 4 G"));
        self.entries.push(entry);
    }

    /// The lexicon position of the entry of the span at `index`, if it
    /// was recorded (an entry span of an annotation the annotator made).
    pub(super) fn entry(&self, index: usize) -> Option<usize> {
        let entry = *self.entries.get(index)?;
        (entry != NO_ENTRY).then_some(entry as usize)
    }

    /// Reads the labels of the entry spans once, before the JSON writer
    /// copies them one by one: by then the document's sentences, offsets
    /// and JSON have pushed most of them out of the nearer caches, and
    /// each copy waited for its own miss (see [`Labels::warm`]).
    pub(crate) fn warm(&self) {
        if let Some(labels) = self.labels {
            let entries = self.entries.iter().filter(|&&entry| entry != NO_ENTRY);
            labels.warm(entries.map(|&entry| entry as usize));
        }
    }

    /// The JSON fields of the kind, id and name of the span at `index`,
    /// if it is an entry span whose entry has them.
    pub(crate) fn json(&self, index: usize) -> Option<&'a str> {
        let labels = self.labels?;
        let entry = *self.entries.get(index)?;
        (entry != NO_ENTRY)
            .then(|| labels.json(entry as usize))
            .flatten()
    }
}

impl PartialEq for SpanLabels<'_> {
    fn eq(&self, _: &Self) -> bool {
        true
    }
}

impl Eq for SpanLabels<'_> {}

impl fmt::Debug for SpanLabels<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("SpanLabels")
    }
}
