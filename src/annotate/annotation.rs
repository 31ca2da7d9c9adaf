//! The annotation of one document, schema `glossator.annotation/1`:
//! [`Annotation`], its [`DocInfo`], and the order rules it keeps.
//!
//! The annotator (`annotate/mod.rs`) makes annotations; JSON read back
//! (from anywhere) becomes one only through the checks here, so every
//! renderer can rely on the rules [`Annotation`] states. The spans it holds
//! are in `span.rs`.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::labels::SpanLabels;
use super::span::Span;
use crate::document::{Block, Format};
use crate::lexicon::Lexicon;
use crate::text::CharCursor;

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
/// text matched the entry ([`How`](super::How): `listed`, `variant`, `misspelling` or
/// `reference`), and `"nested":true` when nested in another (below); date spans carry
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
/// * `spans` are sorted by start, longer first. Entry spans never overlap,
///   except that a person or place named inside an event or term span
///   (`Lenin's death`) is an entry span nested in it, marked
///   `"nested":true`: its outer span is the last entry span before it that
///   is not nested. Spans nested in one never overlap, and nothing nests
///   in a nested span (matching rule 6 in `docs/DESIGN.md`). A date span may sit
///   inside an entry span (`1905 Revolution`) but never crosses one.
///
/// Output is written by [`crate::render::json::annotation_line`], not
/// serde: a change to these types or their serde attributes goes there too.
///
/// The fields are private so that these rules hold for every annotation:
/// one is made only by [`Annotator::annotate`](super::Annotator::annotate), or read back from JSON,
/// which checks the order rules above (the ones that need no document
/// text) and fails on an annotation that breaks them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "AnnotationFields<'a>")]
pub struct Annotation<'a> {
    pub(super) schema: String,
    pub(super) doc: DocInfo,
    pub(super) sentences: Vec<[usize; 2]>,
    pub(super) spans: Vec<Span<'a>>,
    /// The document's leaf blocks, borrowed from it when annotating.
    pub(super) blocks: Cow<'a, [Block]>,
    /// The annotator's entry labels for the JSON writer (not written).
    #[serde(skip)]
    pub(super) labels: SpanLabels<'a>,
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

    /// The position in `lexicon` (the annotator's) of the entry the span
    /// at `index` names (`None` for a date, or an id `lexicon` does not
    /// have). An annotation the annotator made recorded it with each span,
    /// so a reduction that asks of every span (the glossary) does not
    /// hash its id, which was 7% of the glossary's time on dense notes; a
    /// span read back or made to own its strings is looked up by its id
    /// in [`Lexicon::position`].
    pub fn entry_position(&self, index: usize, lexicon: &Lexicon) -> Option<usize> {
        let span = self.spans.get(index)?;
        let id = span.entry.as_deref()?;
        self.labels.entry(index).or_else(|| lexicon.position(id))
    }

    /// The JSON fields of the entry spans' labels, for the writer.
    pub(crate) fn span_labels(&self) -> &SpanLabels<'a> {
        &self.labels
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
            labels: SpanLabels::default(),
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
            labels: SpanLabels::default(),
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
    /// first, each inside the sentence it names, nested ones inside their
    /// outer span; blocks sorted by start.
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
            labels: SpanLabels::default(),
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
/// names, and each nested span inside its outer span, of another entry,
/// apart from the spans nested there before it?
fn check_spans(spans: &[Span], sentences: &[[usize; 2]]) -> Result<(), String> {
    let key = |span: &Span| (span.start, std::cmp::Reverse(span.end));
    if let Some(i) = spans
        .windows(2)
        .position(|pair| key(&pair[0]) > key(&pair[1]))
    {
        return Err(format!("spans {i} and {} are out of order", i + 1));
    }
    // The last entry span that is not nested, and the end of the last
    // span nested in it.
    let (mut outer, mut nested_end): (Option<&Span>, usize) = (None, 0);
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
        if span.nested {
            let fits = outer.is_some_and(|outer| {
                outer.start <= span.start && span.end <= outer.end && outer.entry != span.entry
            });
            if span.entry.is_none() || !fits || span.start < nested_end {
                return Err(format!(
                    "span {i} ({}..{}) is nested but not inside an entry span of another entry, \
                     apart from the spans nested there before it",
                    span.start, span.end
                ));
            }
            nested_end = span.end;
        } else if span.entry.is_some() {
            (outer, nested_end) = (Some(span), 0);
        }
    }
    Ok(())
}

/// The document an [`Annotation`] describes.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocInfo {
    /// The document's id (unique in the run, file-name safe).
    pub id: String,
    /// The path it was read from (`-` for standard input).
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

    /// A nested span must lie inside the entry span before it that is not
    /// nested, name another entry, and not overlap the spans nested there
    /// before it.
    #[test]
    fn nested_spans_read_back_inside_their_outer_span() {
        let text = "Lenin's death in 1924";
        let span = |start: usize, end: usize, entry: Option<&'static str>, nested: bool| Span {
            entry: entry.map(Cow::Borrowed),
            nested,
            ..Span::bare(text, start, end)
        };
        let check = |spans: &[Span]| check_spans(spans, &[[0, text.len()]]);
        let outer = || span(0, 13, Some("death-of-lenin"), false);
        let date = span(17, 21, None, false);
        assert!(check(&[outer(), span(0, 5, Some("lenin"), true), date.clone()]).is_ok());
        // A date inside the outer span between the two is no outer span.
        let with_date = [
            outer(),
            span(8, 13, None, false),
            span(8, 13, Some("x"), true),
        ];
        assert!(check(&with_date).is_ok());
        for bad in [
            vec![span(0, 5, Some("lenin"), true)],
            vec![outer(), span(0, 5, Some("death-of-lenin"), true)],
            vec![outer(), span(0, 5, None, true)],
            vec![
                span(0, 7, Some("a"), false),
                span(2, 13, Some("lenin"), true),
            ],
            vec![
                outer(),
                span(0, 5, Some("a"), true),
                span(2, 7, Some("b"), true),
            ],
            vec![
                outer(),
                span(0, 5, Some("lenin"), true),
                span(2, 4, Some("b"), true),
            ],
            vec![date, span(17, 21, Some("lenin"), true)],
        ] {
            assert!(check(&bad).unwrap_err().contains("nested"), "{bad:?}");
        }
    }
}
