//! One document in, one [`Annotation`] out.
//!
//! The [`Annotator`] owns the lexicon, the compiled [`Matcher`] and the
//! [`DateTagger`]; it is built once and shared by every worker thread.
//! Annotating a document is a pure function of (lexicon, document):
//! normalize and match entries, tag dates, segment sentences, and assign
//! each span its sentence and code point offsets.

use std::borrow::Cow;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::dates::{DateMatch, DateTagger, Day};
use crate::document::{Block, Document, Format};
use crate::lexicon::{Kind, Lexicon};
pub use crate::matcher::How;
use crate::matcher::{Matcher, TermMatch};
use crate::misspell::Misspellings;
use crate::text::{link_regions, overlaps_any, sentences_in_blocks, CharCursor, Normalized};

/// The schema tag of [`Annotation`] JSON.
pub const ANNOTATION_SCHEMA: &str = "glossator.annotation/1";

/// An annotated document, schema `glossator.annotation/1`.
///
/// Serialized (one JSON object per line in JSON Lines) as
///
/// ```json
/// {"schema":"glossator.annotation/1",
///  "doc":{"id":"notes-1924","path":"corpus/notes-1924.txt","bytes":5120,"chars":5093,
///         "format":"markdown","title":"The NEP"},
///  "sentences":[[2,9],[11,118],[119,240]],
///  "spans":[{"start":12,"end":18,"char_start":12,"char_end":18,"text":"Stalin",
///            "kind":"person","entry":"stalin","name":"Joseph Stalin","match":"listed",
///            "sentence":1},
///           {"start":40,"end":48,"char_start":40,"char_end":46,"text":"1924–9","kind":"date",
///            "value":"1924/1929","first_day":"1924-01-01","last_day":"1929-12-31","sentence":1}],
///  "blocks":[{"start":2,"end":9,"kind":"heading","level":1,"line":1},
///            {"start":11,"end":240,"kind":"paragraph","line":3}]}
/// ```
///
/// `doc.format` is the format the document was read as (`text`,
/// `markdown`), `doc.title` its title where it has one. `blocks` are the
/// document's leaf blocks in order (see [`Block`]): a span's or a
/// sentence's block is the one whose range holds its start (blocks are
/// sorted: a binary search finds it), and `line` (or `para`, `page`) says
/// where that is in the source file.
///
/// Entry spans carry `entry` (the lexicon id), `name` and `match`, how the
/// text matched the entry ([`How`]: `listed`, `variant`, `misspelling` or
/// `reference`); date spans carry
/// `value` (EDTF), `first_day` and `last_day` (ISO dates, the calendar days
/// covered) and, for "early 1930s" and the like, `qualifier`
/// (`early`/`mid`/`late`). A date written in the Julian calendar (Old
/// Style: "25 Oct" of "25 Oct/7 Nov 1917", "24 January (O.S.) 1918") has
/// `"old_style":true`; its `value` is the date as written, its days the
/// Gregorian ones, so both halves of a dual date cover the same day.
///
/// * `start`/`end` are UTF-8 byte offsets into the decoded text,
///   `char_start`/`char_end` Unicode code point offsets; always
///   `text == doc_text[start..end]`.
/// * `sentences` are byte ranges, in order and disjoint, trimmed of white
///   space. **Every span lies inside exactly one sentence**: a span's
///   `sentence` is the index of the sentence that holds all of
///   `start..end`, and no sentence break falls inside a span. Where the
///   segmenter breaks inside a span (a short line taken for a heading, as
///   in `Red` ⏎ `Terror`; a full stop it takes for a sentence end, as in
///   `[Jan. 1924]`), the sentences the span crosses are joined into one.
///   Renderers rely on this to quote a span's sentence around it. No
///   sentence crosses a hard block boundary (any boundary but the guessed
///   ones of plain text): no span does.
/// * `spans` are sorted by start, longer first. Term spans never overlap;
///   a date span may sit inside an event or term span (`1905 Revolution`).
///
/// Output is written by [`crate::render::json::annotation_line`], not
/// serde: a change to these types or their serde attributes goes there too.
///
/// The fields are private so that these rules hold for every annotation:
/// one is made only by [`Annotator::annotate`], or read back from JSON,
/// which checks the order rules above (the ones that need no document
/// text) and fails on an annotation that breaks them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "AnnotationFields<'a>")]
pub struct Annotation<'a> {
    schema: String,
    doc: DocInfo,
    sentences: Vec<[usize; 2]>,
    spans: Vec<Span<'a>>,
    /// The document's leaf blocks, borrowed from it when annotating.
    blocks: Cow<'a, [Block]>,
}

impl<'a> Annotation<'a> {
    /// The schema tag, [`ANNOTATION_SCHEMA`] for annotations made here.
    pub fn schema(&self) -> &str {
        &self.schema
    }

    /// The document annotated.
    pub fn doc(&self) -> &DocInfo {
        &self.doc
    }

    /// The sentences, as byte ranges `[start, end]`: in order, disjoint.
    pub fn sentences(&self) -> &[[usize; 2]] {
        &self.sentences
    }

    /// The spans, sorted by start, longer first, each inside the sentence
    /// it names.
    pub fn spans(&self) -> &[Span<'a>] {
        &self.spans
    }

    /// The document's leaf blocks, sorted by start.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The spans, giving up the rest of the annotation.
    pub fn into_spans(self) -> Vec<Span<'a>> {
        self.spans
    }

    /// An annotation of any fields, whether or not they keep the rules,
    /// for tests of code that must cope with broken ones.
    #[cfg(test)]
    pub(crate) fn unchecked(
        schema: String,
        doc: DocInfo,
        sentences: Vec<[usize; 2]>,
        spans: Vec<Span<'a>>,
        blocks: Cow<'a, [Block]>,
    ) -> Self {
        Annotation {
            schema,
            doc,
            sentences,
            spans,
            blocks,
        }
    }

    /// Checks that the annotation is one of `text`, as it must be when it
    /// was read back from JSON (from anywhere) and is to be used with the
    /// text: the document's length in bytes and code points, every
    /// sentence a slice of `text`, and every span's `text` equal to the
    /// text at its byte offsets, which its code point offsets count to.
    /// Renderers that index the text by an annotation read back rely on
    /// this, so that slicing the text by it cannot fail.
    ///
    /// ```
    /// # use glossator::{annotate::{Annotation, Annotator}, document::Document, lexicon::Lexicon};
    /// # let annotator = Annotator::new(Lexicon::builtin().unwrap());
    /// let doc = Document::new("a".into(), "a.txt".into(), "Lenin died in 1924.".into());
    /// let json = glossator::render::json::annotation_line(&annotator.annotate(&doc));
    /// let read: Annotation = serde_json::from_slice(&json).unwrap();
    /// assert!(read.check_text(&doc.text).is_ok());
    /// assert!(read.check_text("Lenin died in 1925.").is_err());
    /// ```
    pub fn check_text(&self, text: &str) -> Result<(), String> {
        if self.doc.bytes != text.len() {
            return Err(format!(
                "made from a text of {} bytes, not this one of {}",
                self.doc.bytes,
                text.len()
            ));
        }
        let slices = |start: usize, end: usize| text.get(start..end).is_some();
        if let Some([start, end]) = self.sentences.iter().find(|[s, e]| !slices(*s, *e)) {
            return Err(format!(
                "sentence [{start}, {end}] is not a slice of the text"
            ));
        }
        // Spans are sorted by start (checked when read), so one cursor
        // counts every span's code points.
        let mut cursor = CharCursor::new(text);
        for span in &self.spans {
            if text.get(span.start..span.end) != Some(span.text.as_ref())
                || span.sentence >= self.sentences.len()
            {
                return Err(format!("span {:?} does not fit the text", span.text));
            }
            let char_start = cursor.advance_to(span.start);
            let char_end = char_start + cursor.chars_ahead(span.start..span.end);
            if (span.char_start, span.char_end) != (char_start, char_end) {
                return Err(format!(
                    "span {:?} is at code points {char_start}..{char_end}, not {}..{}",
                    span.text, span.char_start, span.char_end
                ));
            }
        }
        let chars = cursor.advance_to(text.len());
        if self.doc.chars != chars {
            return Err(format!(
                "made from a text of {} code points, not this one of {chars}",
                self.doc.chars
            ));
        }
        Ok(())
    }

    /// The same annotation, owning all its strings, so that it outlives
    /// the annotator and the document.
    pub fn into_owned(self) -> Annotation<'static> {
        Annotation {
            schema: self.schema,
            doc: self.doc,
            sentences: self.sentences,
            spans: self.spans.into_iter().map(Span::into_owned).collect(),
            blocks: Cow::Owned(self.blocks.into_owned()),
        }
    }
}

/// [`Annotation`]'s fields as JSON has them, before their order is checked.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AnnotationFields<'a> {
    schema: String,
    doc: DocInfo,
    sentences: Vec<[usize; 2]>,
    spans: Vec<Span<'a>>,
    #[serde(default)]
    blocks: Cow<'a, [Block]>,
}

impl<'a> TryFrom<AnnotationFields<'a>> for Annotation<'a> {
    type Error = String;

    /// Checks the order rules of [`Annotation`]: sentences in order,
    /// disjoint and within the document; spans sorted by start, longer
    /// first, each inside the sentence it names; blocks sorted by start.
    fn try_from(fields: AnnotationFields<'a>) -> Result<Self, String> {
        let AnnotationFields {
            schema,
            doc,
            sentences,
            spans,
            blocks,
        } = fields;
        check_sentences(&sentences, doc.bytes)?;
        check_spans(&spans, &sentences)?;
        if blocks.iter().any(|b| b.end < b.start || b.end > doc.bytes)
            || blocks.windows(2).any(|pair| pair[1].start < pair[0].start)
        {
            return Err("blocks are out of order or outside the document".into());
        }
        Ok(Annotation {
            schema,
            doc,
            sentences,
            spans,
            blocks,
        })
    }
}

/// Are `sentences` in order, disjoint and within a document of `bytes`?
fn check_sentences(sentences: &[[usize; 2]], bytes: usize) -> Result<(), String> {
    let mut last_end = 0;
    for (i, &[start, end]) in sentences.iter().enumerate() {
        if start < last_end || end < start || end > bytes {
            return Err(format!(
                "sentence {i} ({start}..{end}) is out of order or outside the document"
            ));
        }
        last_end = end;
    }
    Ok(())
}

/// Are `spans` sorted by start, longer first, each inside the sentence it
/// names?
fn check_spans(spans: &[Span], sentences: &[[usize; 2]]) -> Result<(), String> {
    let key = |span: &Span| (span.start, std::cmp::Reverse(span.end));
    if let Some(i) = spans
        .windows(2)
        .position(|pair| key(&pair[0]) > key(&pair[1]))
    {
        return Err(format!("spans {i} and {} are out of order", i + 1));
    }
    for (i, span) in spans.iter().enumerate() {
        let inside = sentences.get(span.sentence).is_some_and(|&[start, end]| {
            start <= span.start && span.start <= span.end && span.end <= end
        });
        if !inside {
            return Err(format!(
                "span {i} ({}..{}) is not inside its sentence {}",
                span.start, span.end, span.sentence
            ));
        }
    }
    Ok(())
}

/// The document an [`Annotation`] describes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocInfo {
    pub id: String,
    pub path: String,
    /// Length in UTF-8 bytes.
    pub bytes: usize,
    /// Length in Unicode code points.
    pub chars: usize,
    /// The format the document was read as.
    #[serde(default)]
    pub format: Format,
    /// The document's title, if it has one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

/// What a span is: an entry's kind, or a date.
///
/// Its name is [`SpanKind::as_str`]: the entry kind's name
/// ([`Kind::as_str`], the one table of kind names), or `date`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    /// A person ([`Kind::Person`]).
    Person,
    /// A place ([`Kind::Place`]).
    Place,
    /// An organisation ([`Kind::Org`]).
    Org,
    /// An event ([`Kind::Event`]).
    Event,
    /// A term ([`Kind::Term`]).
    Term,
    /// A date found by the date tagger.
    Date,
}

impl SpanKind {
    /// Every span kind: the entry kinds in [`Kind::ALL`]'s order, then
    /// dates.
    pub const ALL: [SpanKind; 6] = [
        SpanKind::Person,
        SpanKind::Org,
        SpanKind::Place,
        SpanKind::Event,
        SpanKind::Term,
        SpanKind::Date,
    ];

    /// The kind's name, as the JSON outputs and the HTML classes
    /// (`k-<name>`) write it: [`Kind::as_str`] for an entry span, `date`
    /// for a date.
    pub const fn as_str(self) -> &'static str {
        match self.entry_kind() {
            Some(kind) => kind.as_str(),
            None => "date",
        }
    }

    /// The kind of the entry an entry span names; `None` for a date.
    pub const fn entry_kind(self) -> Option<Kind> {
        match self {
            SpanKind::Person => Some(Kind::Person),
            SpanKind::Place => Some(Kind::Place),
            SpanKind::Org => Some(Kind::Org),
            SpanKind::Event => Some(Kind::Event),
            SpanKind::Term => Some(Kind::Term),
            SpanKind::Date => None,
        }
    }
}

impl From<Kind> for SpanKind {
    /// The span kind of an entry of kind `kind`.
    fn from(kind: Kind) -> SpanKind {
        match kind {
            Kind::Person => SpanKind::Person,
            Kind::Place => SpanKind::Place,
            Kind::Org => SpanKind::Org,
            Kind::Event => SpanKind::Event,
            Kind::Term => SpanKind::Term,
        }
    }
}

/// One tagged stretch of text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span<'a> {
    pub start: usize,
    pub end: usize,
    pub char_start: usize,
    pub char_end: usize,
    /// The text at `start..end`, borrowed from the document when
    /// annotating (see [`Annotator::annotate`]).
    pub text: Cow<'a, str>,
    pub kind: SpanKind,
    /// The lexicon entry's id (entry spans only). Borrowed from the
    /// annotator's packed entry labels when annotating: copying it for
    /// every span cost more than 5% of annotating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<Cow<'a, str>>,
    /// The lexicon entry's display name (entry spans only), borrowed too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Cow<'a, str>>,
    /// How the text matched the entry (entry spans only), written `match`:
    /// a listed form, a derived variant, a misspelling, or a short name
    /// resolved by the document's earlier mentions.
    #[serde(rename = "match", default, skip_serializing_if = "Option::is_none")]
    pub how: Option<How>,
    /// The EDTF value (date spans only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// First calendar day covered (date spans only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_day: Option<Day>,
    /// Last calendar day covered (date spans only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_day: Option<Day>,
    /// `early`, `mid` or `late` (date spans only, when written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// The date is written in the Julian calendar (Old Style; date spans
    /// only, written `"old_style":true` when true): `value` is the date as
    /// written, `first_day` and `last_day` its Gregorian days.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub old_style: bool,
    pub sentence: usize,
}

impl<'a> Span<'a> {
    fn entry(text: &'a str, hit: TermMatch, label: Label<'a>) -> Span<'a> {
        Span {
            kind: label.kind,
            entry: Some(Cow::Borrowed(label.id)),
            name: Some(Cow::Borrowed(label.name)),
            how: Some(hit.how),
            ..Span::bare(text, hit.start, hit.end)
        }
    }

    fn date(text: &'a str, date: DateMatch) -> Span<'a> {
        Span {
            kind: SpanKind::Date,
            value: Some(date.value),
            first_day: Some(date.first_day),
            last_day: Some(date.last_day),
            qualifier: date.qualifier.map(str::to_string),
            old_style: date.old_style,
            ..Span::bare(text, date.start, date.end)
        }
    }

    /// The same span, owning its strings.
    pub fn into_owned(self) -> Span<'static> {
        let owned = |s: Cow<'_, str>| Cow::Owned(s.into_owned());
        Span {
            text: owned(self.text),
            entry: self.entry.map(owned),
            name: self.name.map(owned),
            ..self
        }
    }

    /// A span of `text[start..end]` with every optional field unset, as a
    /// base to fill in.
    pub(crate) fn bare(text: &'a str, start: usize, end: usize) -> Span<'a> {
        Span {
            start,
            end,
            char_start: 0,
            char_end: 0,
            text: Cow::Borrowed(&text[start..end]),
            kind: SpanKind::Term,
            entry: None,
            name: None,
            how: None,
            value: None,
            first_day: None,
            last_day: None,
            qualifier: None,
            old_style: false,
            sentence: 0,
        }
    }
}

/// Annotates documents with one lexicon. Immutable, `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Annotator {
    lexicon: Lexicon,
    labels: Labels,
    matcher: Matcher,
    misspellings: Misspellings,
    dates: Option<DateTagger>,
}

impl Annotator {
    /// Compiles the lexicon's matcher; dates are tagged too.
    pub fn new(lexicon: Lexicon) -> Annotator {
        let matcher = Matcher::new(&lexicon);
        Annotator {
            labels: Labels::new(&lexicon),
            lexicon,
            matcher,
            misspellings: Misspellings::default(),
            dates: Some(DateTagger::new()),
        }
    }

    /// Turns date tagging on or off.
    pub fn with_dates(mut self, on: bool) -> Annotator {
        self.dates = on.then(DateTagger::new);
        self
    }

    /// The lexicon this annotator tags.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Annotates one document.
    ///
    /// The annotation borrows from both the annotator and the document:
    /// each span's text, entry id and name are borrowed rather than copied
    /// (copying them cost a tenth of annotating a document full of
    /// terms). [`Annotation::into_owned`] makes one that outlives both.
    pub fn annotate<'a>(&'a self, doc: &'a Document) -> Annotation<'a> {
        let text = doc.text.as_str();
        let layout = doc.fitting_layout();
        // Markup reads as spaces, and hard block boundaries as a mark no
        // match crosses; plain text is read as it is.
        let masked = layout.masked(text);
        let normalized = Normalized::new(&masked);
        // Nothing inside a web address or file name is a mention
        // (`text::link_regions`).
        let links = link_regions(&masked);
        let kept = |range: Range<usize>| {
            !layout.crosses_hard_boundary(range.clone()) && !overlaps_any(&links, range)
        };
        let mut entries: Vec<TermMatch> = self.matcher.find(&normalized).collect();
        entries.retain(|e| kept(e.start..e.end));
        // Derived names resolved by the document's mentions (matching rule 9).
        let mut entries = self.matcher.resolve(&masked, entries);
        // Misspellings only in the words the exact matches left unexplained.
        let mut misspelt = self.misspellings.find(&self.lexicon, &masked, &entries);
        misspelt.retain(|m| kept(m.start..m.end));
        if !misspelt.is_empty() {
            entries = merge_sorted(entries, misspelt);
        }
        let dates = match &self.dates {
            Some(tagger) => {
                let mut dates = tagger.find(&masked);
                dates.retain(|d| kept(d.start..d.end));
                nest_dates(&entries, dates)
            }
            None => Vec::new(),
        };
        let mut spans = self.merge(text, entries, dates);
        let blocks = layout.blocks().iter().map(Block::range);
        let sentence_ranges = fit_sentences(sentences_in_blocks(&masked, blocks), &mut spans);
        let chars = assign_char_offsets(text, &mut spans);
        Annotation {
            schema: ANNOTATION_SCHEMA.to_string(),
            doc: DocInfo {
                id: doc.id.clone(),
                path: doc.path.clone(),
                bytes: text.len(),
                chars,
                format: doc.format,
                title: doc.title.clone(),
            },
            sentences: sentence_ranges.iter().map(|r| [r.start, r.end]).collect(),
            spans,
            blocks: match layout {
                Cow::Borrowed(layout) => Cow::Borrowed(layout.blocks()),
                Cow::Owned(layout) => Cow::Owned(layout.blocks().to_vec()),
            },
        }
    }

    /// The spans of the `entries` and `dates` found in `text` (each sorted
    /// by start), in one list sorted by start, longer first, an entry
    /// before a date over the same text. Merged rather than sorted after:
    /// a sort moved each span (nearly 200 bytes) several times, and the
    /// list grew by copying as it was collected.
    fn merge<'a>(
        &'a self,
        text: &'a str,
        entries: Vec<TermMatch>,
        dates: Vec<DateMatch>,
    ) -> Vec<Span<'a>> {
        let key = |start: usize, end: usize| (start, std::cmp::Reverse(end));
        self.labels.warm(entries.iter().map(|entry| entry.entry));
        let mut spans = Vec::with_capacity(entries.len() + dates.len());
        let mut dates = dates.into_iter().peekable();
        for entry in entries {
            let before = |d: &DateMatch| key(d.start, d.end) < key(entry.start, entry.end);
            while let Some(date) = dates.next_if(before) {
                spans.push(Span::date(text, date));
            }
            let label = self.labels.get(entry.entry);
            spans.push(Span::entry(text, entry, label));
        }
        spans.extend(dates.map(|date| Span::date(text, date)));
        spans
    }
}

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
struct Labels {
    /// Each entry's id followed by its name.
    text: String,
    /// For each entry: where its id starts in `text`, the id's and the
    /// name's lengths, and its kind.
    entries: Vec<(u32, u32, u32, SpanKind)>,
}

/// One entry's [`Labels`].
#[derive(Clone, Copy, Debug)]
struct Label<'a> {
    id: &'a str,
    name: &'a str,
    kind: SpanKind,
}

impl Labels {
    fn new(lexicon: &Lexicon) -> Labels {
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
    fn warm(&self, entries: impl Iterator<Item = usize>) {
        let touched = entries.fold(0, |any, entry| {
            let (start, ..) = self.entries[entry];
            any ^ self.text.as_bytes()[start as usize]
        });
        // Without a use, the compiler would drop the reads.
        std::hint::black_box(touched);
    }

    fn get(&self, entry: usize) -> Label<'_> {
        let (start, id, name, kind) = self.entries[entry];
        let (start, id, name) = (start as usize, id as usize, name as usize);
        Label {
            id: &self.text[start..start + id],
            name: &self.text[start + id..start + id + name],
            kind,
        }
    }
}

/// Two lists of disjoint hits, each sorted by start and neither
/// overlapping the other, as one sorted list.
fn merge_sorted(a: Vec<TermMatch>, b: Vec<TermMatch>) -> Vec<TermMatch> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for hit in a {
        while let Some(before) = b.next_if(|m| m.start < hit.start) {
            merged.push(before);
        }
        merged.push(hit);
    }
    merged.extend(b);
    merged
}

/// Keeps the dates that do not cross an entry span: a date may lie inside
/// one (`1905 Revolution`, matching rule 6 in `docs/DESIGN.md`) or outside all of them.
/// `entries` are sorted and disjoint, as the matcher returns them.
fn nest_dates(entries: &[TermMatch], dates: Vec<DateMatch>) -> Vec<DateMatch> {
    dates
        .into_iter()
        .filter(|date| {
            let after = entries.partition_point(|e| e.end <= date.start);
            entries[after..]
                .iter()
                .take_while(|e| e.start < date.end)
                .all(|e| e.start <= date.start && date.end <= e.end)
        })
        .collect()
}

/// The `sentences` (in order and disjoint), with those that a span crosses
/// joined, so that every span lies inside exactly one; sets each span's
/// `sentence` to the index of that one. `spans` are sorted by start.
///
/// One sweep over both lists. A span that starts outside every sentence
/// (the segmenter trims only white space, so none does today) gets a
/// sentence of its own, joined with any sentence it reaches into.
fn fit_sentences(sentences: Vec<Range<usize>>, spans: &mut [Span]) -> Vec<Range<usize>> {
    let mut fitted: Vec<Range<usize>> = Vec::with_capacity(sentences.len());
    let mut sentences = sentences.into_iter().peekable();
    for span in spans {
        while let Some(sentence) = sentences.next_if(|s| s.start <= span.start) {
            push_joined(&mut fitted, sentence);
        }
        match fitted.last_mut() {
            Some(last) if span.start < last.end => last.end = last.end.max(span.end),
            _ => fitted.push(span.start..span.end),
        }
        // Sentences that the span reaches into join its own.
        while let Some(sentence) = sentences.next_if(|s| s.start < span.end) {
            push_joined(&mut fitted, sentence);
        }
        span.sentence = fitted.len() - 1;
    }
    for sentence in sentences {
        push_joined(&mut fitted, sentence);
    }
    fitted
}

/// Appends `sentence` to `fitted`, or joins it to the last one if that
/// one, stretched over a span, reaches past its start.
fn push_joined(fitted: &mut Vec<Range<usize>>, sentence: Range<usize>) {
    match fitted.last_mut() {
        Some(last) if sentence.start < last.end => last.end = last.end.max(sentence.end),
        _ => fitted.push(sentence),
    }
}

/// Fills `char_start`/`char_end` in one pass through the text (`spans` are
/// sorted by start); returns the text's length in code points, counted on
/// the way.
fn assign_char_offsets(text: &str, spans: &mut [Span]) -> usize {
    let mut cursor = CharCursor::new(text);
    for span in spans {
        span.char_start = cursor.advance_to(span.start);
        span.char_end = span.char_start + cursor.chars_ahead(span.start..span.end);
    }
    cursor.advance_to(text.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Reading an annotation back checks its order rules.
    #[test]
    fn annotations_read_back_keep_their_order_rules() {
        let span = |start: usize, end: usize, sentence: usize| Span {
            sentence,
            ..Span::bare("0123456789", start, end)
        };
        let read = |sentences: Vec<[usize; 2]>, spans: Vec<Span>| {
            let doc = DocInfo {
                id: "d".into(),
                path: "d.txt".into(),
                bytes: 10,
                chars: 10,
                format: Format::Text,
                title: None,
            };
            let annotation = Annotation::unchecked(
                ANNOTATION_SCHEMA.into(),
                doc,
                sentences,
                spans,
                Cow::Borrowed(&[]),
            );
            let json = serde_json::to_string(&annotation).unwrap();
            serde_json::from_str::<Annotation>(&json).map_err(|e| e.to_string())
        };
        let good = read(
            vec![[0, 4], [5, 10]],
            vec![span(0, 3, 0), span(0, 2, 0), span(6, 9, 1)],
        );
        assert_eq!(good.unwrap().spans().len(), 3);
        for (sentences, spans, why) in [
            (vec![[5, 10], [0, 4]], vec![], "out of order"),
            (vec![[0, 11]], vec![], "outside the document"),
            (
                vec![[0, 10]],
                vec![span(0, 2, 0), span(0, 3, 0)],
                "out of order",
            ),
            (
                vec![[0, 4], [5, 10]],
                vec![span(3, 6, 0)],
                "not inside its sentence",
            ),
            (vec![[0, 4]], vec![span(0, 2, 1)], "not inside its sentence"),
        ] {
            let err = read(sentences, spans).unwrap_err();
            assert!(err.contains(why), "{err}");
        }
    }

    /// serde (JSON, TOML) and clap spell every kind as [`Kind::as_str`]
    /// and [`SpanKind::as_str`] do, and the two conversions between the
    /// kinds are each other's inverse.
    #[test]
    fn kind_names_have_one_spelling() {
        for kind in SpanKind::ALL {
            let quoted = format!("\"{}\"", kind.as_str());
            assert_eq!(serde_json::to_string(&kind).unwrap(), quoted);
            assert_eq!(serde_json::from_str::<SpanKind>(&quoted).unwrap(), kind);
        }
        for kind in Kind::ALL {
            let quoted = format!("\"{}\"", kind.as_str());
            assert_eq!(kind.as_str(), SpanKind::from(kind).as_str());
            assert_eq!(SpanKind::from(kind).entry_kind(), Some(kind));
            assert_eq!(serde_json::to_string(&kind).unwrap(), quoted);
            assert_eq!(serde_json::from_str::<Kind>(&quoted).unwrap(), kind);
            #[cfg(feature = "cli")]
            {
                use clap::ValueEnum;
                let value = kind.to_possible_value().unwrap();
                assert_eq!(value.get_name(), kind.as_str());
            }
        }
        let entry_kinds = SpanKind::ALL.into_iter().filter_map(SpanKind::entry_kind);
        assert!(entry_kinds.eq(Kind::ALL));
        assert_eq!(SpanKind::Date.entry_kind(), None);
    }

    #[test]
    fn spans_are_sorted_by_start_longer_first_entries_before_dates() {
        let mut builder = Lexicon::builder();
        builder.add_toml(
            "s.toml",
            "[[entry]]\nid = \"rev-1905\"\nname = \"1905 Revolution\"\nkind = \"event\"\ndefinition = \"D.\"\n\
             [[entry]]\nid = \"y1917\"\nname = \"1917\"\nkind = \"event\"\ndefinition = \"D.\"\n",
        );
        let annotator = Annotator::new(builder.build().unwrap());
        let doc = Document::new(
            "d".into(),
            "d.txt".into(),
            "In 1924, after 1917 and the 1905 Revolution.".into(),
        );
        let annotation = annotator.annotate(&doc);
        let got: Vec<(&str, SpanKind)> = annotation
            .spans
            .iter()
            .map(|s| (s.text.as_ref(), s.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("1924", SpanKind::Date),
                ("1917", SpanKind::Event),
                ("1917", SpanKind::Date),
                ("1905 Revolution", SpanKind::Event),
                ("1905", SpanKind::Date),
            ]
        );
    }

    /// The sentences of `text` after fitting them to spans at `ranges`, as
    /// text, and each span's sentence.
    fn fitted(
        text: &str,
        sentences: &[Range<usize>],
        ranges: &[Range<usize>],
    ) -> (Vec<String>, Vec<usize>) {
        let mut spans: Vec<Span> = ranges
            .iter()
            .map(|r| Span::bare(text, r.start, r.end))
            .collect();
        let fitted = fit_sentences(sentences.to_vec(), &mut spans);
        let texts = fitted.into_iter().map(|r| text[r].to_string()).collect();
        (texts, spans.iter().map(|s| s.sentence).collect())
    }

    #[test]
    fn sentences_that_a_span_crosses_are_joined() {
        let text = "Lenin died. The Five-Year\nPlan began. Then. More";
        let sentences = [0..11, 12..25, 26..37, 38..43, 44..48];
        let (got, of) = fitted(text, &sentences, &[0..5, 16..30, 44..48]);
        assert_eq!(
            got,
            ["Lenin died.", "The Five-Year\nPlan began.", "Then.", "More"]
        );
        assert_eq!(of, [0, 1, 3]);
        // One span over three sentences, a date nested in it, and a span
        // outside every sentence.
        let text = "a. b. c. d";
        let (got, of) = fitted(text, &[0..2, 3..5, 6..8], &[0..7, 3..4, 9..10]);
        assert_eq!(got, ["a. b. c.", "d"]);
        assert_eq!(of, [0, 0, 1]);
    }

    /// A multiword form does not run across the column gap of a key-dates
    /// table ("1927 war scare" is an alias; the row is `1927`, then
    /// `War Scare`), nor across the cells of a Markdown table.
    #[test]
    fn no_span_crosses_a_table_cell() {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let texts = [
            ("1917                October Revolution\n1927                War Scare; the NEP ends\n", Format::Text),
            ("1917\tOctober Revolution\n1927\tWar Scare\n", Format::Text),
            ("| Year | Event |\n|---|---|\n| 1927 | War Scare |\n", Format::Markdown),
        ];
        for (text, format) in texts {
            let doc = Document::of_text("d".into(), "d".into(), text.into(), format);
            let annotation = annotator.annotate(&doc);
            let got: Vec<&str> = annotation.spans.iter().map(|s| s.text.as_ref()).collect();
            assert!(
                got.contains(&"War Scare") && got.contains(&"1927"),
                "{text:?}: {got:?}"
            );
            for span in &annotation.spans {
                assert!(
                    !span.text.contains("1927 ") && !span.text.contains('\t'),
                    "{text:?}: {span:?}"
                );
            }
        }
    }

    #[test]
    fn spans_lie_inside_their_sentence_on_the_reproducers() {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        for text in [
            "Lenin died.\nThe Five-Year\nPlan began.\n",
            "Red\nTerror",
            "Lenin died [Jan. 1924].\n",
            "- [E. H. Carr, The Russian Revolution](https://example.org)\n",
        ] {
            let doc = Document::new("d".into(), "d.txt".into(), text.into());
            let annotation = annotator.annotate(&doc);
            assert!(!annotation.spans.is_empty(), "{text:?}");
            for span in &annotation.spans {
                let [start, end] = annotation.sentences[span.sentence];
                assert!(
                    start <= span.start && span.end <= end,
                    "{text:?}: {span:?} in {start}..{end}"
                );
            }
        }
    }
}
