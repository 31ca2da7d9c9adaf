//! JSON and JSON Lines output.
//!
//! The schemas themselves are specified on the types that are serialized:
//! [`crate::annotate::Annotation`] (`glossator.annotation/1`). Output is
//! compact, one object per line, keys in a fixed order, so equal inputs give
//! byte-identical output.
//!
//! [`json_line`] serializes any value through serde. Annotations, written
//! once per document and the bulk of the output, have their own writer,
//! [`annotation_line`], which gives the same bytes without serde's
//! per-field overhead.

use std::convert::Infallible;
use std::io::Write;

use serde::Serialize;

use crate::annotate::{Annotation, DocInfo, Span};
use crate::dates::Day;
use crate::document::{Block, BlockKind, SourcePlace};

mod fields;
mod string;

pub(crate) use fields::label_fields;
use fields::{write_fixed, HOW_FIELDS, KIND_FIELDS};
pub(crate) use string::write_str;

/// One value as a single line of JSON, newline included.
///
/// # Panics
///
/// If `value`'s `Serialize` fails, which glossator's output types never do
/// (no maps with non-string keys, no I/O).
pub fn json_line(value: &impl Serialize) -> Vec<u8> {
    let mut out = serde_json::to_vec(value).expect("output types serialize to JSON");
    out.push(b'\n');
    out
}

/// One annotation as a single line of JSON, newline included: the same
/// bytes as [`json_line`], written directly.
///
/// This must stay in step with the `Serialize` impls of [`Annotation`],
/// [`DocInfo`], [`Span`], [`SpanKind`](crate::annotate::SpanKind), [`How`](crate::annotate::How), [`Day`] and
/// [`Block`]: keys in field order,
/// `None` fields left out, strings escaped as `serde_json` escapes them. A
/// property test compares the two on arbitrary annotations.
pub fn annotation_line(annotation: &Annotation) -> Vec<u8> {
    let mut out = Vec::with_capacity(estimated_len(annotation));
    let never = &mut |_: &mut Vec<u8>| Ok::<(), Infallible>(());
    let Ok(()) = write_annotation_in_chunks(annotation, &mut out, usize::MAX, never);
    out
}

/// Writes the line of [`annotation_line`] to `out` as it is made, a chunk
/// of about 64 KiB at a time, so that a large document's line (several
/// times the size of the document) is never held whole.
///
/// ```
/// # use glossator::{annotate::Annotator, document::Document, lexicon::Lexicon};
/// # use glossator::render::json::{annotation_line, write_annotation};
/// # let mut builder = Lexicon::builder();
/// # builder.add_builtin();
/// # let annotator = Annotator::new(builder.build().unwrap());
/// let doc = Document::new("a".into(), "a.txt".into(), "Lenin died in 1924.".into());
/// let annotation = annotator.annotate(&doc);
/// let mut streamed = Vec::new();
/// write_annotation(&annotation, &mut streamed)?;
/// assert_eq!(streamed, annotation_line(&annotation));
/// # Ok::<(), std::io::Error>(())
/// ```
pub fn write_annotation(
    annotation: &Annotation,
    out: &mut (impl Write + ?Sized),
) -> std::io::Result<()> {
    let mut chunk = Vec::with_capacity(CHUNK_BYTES * 2);
    let flush = &mut |chunk: &mut Vec<u8>| -> std::io::Result<()> {
        out.write_all(chunk)?;
        chunk.clear();
        Ok(())
    };
    write_annotation_in_chunks(annotation, &mut chunk, CHUNK_BYTES, flush)?;
    out.write_all(&chunk)
}

/// How many bytes [`write_annotation`] gathers before writing them.
const CHUNK_BYTES: usize = 64 * 1024;

/// Something that takes a full chunk and empties it.
type Flush<'a, E> = &'a mut dyn FnMut(&mut Vec<u8>) -> Result<(), E>;

/// Writes the annotation's line into `out`, handing `out` to `flush`
/// whenever, after a sentence or a span, it holds `limit` bytes or more.
fn write_annotation_in_chunks<E>(
    annotation: &Annotation,
    out: &mut Vec<u8>,
    limit: usize,
    flush: Flush<E>,
) -> Result<(), E> {
    out.extend_from_slice(b"{\"schema\":");
    write_str(out, annotation.schema());
    out.extend_from_slice(b",\"doc\":");
    write_doc(out, annotation.doc());
    out.extend_from_slice(b",\"sentences\":");
    write_list(out, annotation.sentences(), write_range, limit, flush)?;
    out.extend_from_slice(b",\"spans\":");
    let (labels, mut index) = (annotation.span_labels(), 0);
    labels.warm();
    let write = |out: &mut Vec<u8>, span: &Span| {
        write_span(out, span, labels.json(index));
        index += 1;
    };
    write_list(out, annotation.spans(), write, limit, flush)?;
    out.extend_from_slice(b",\"blocks\":");
    write_list(out, annotation.blocks(), write_block, limit, flush)?;
    out.extend_from_slice(b"}\n");
    Ok(())
}

/// Bytes per span besides its strings and days: keys, punctuation, five
/// numbers and `match`, about 145 for an entry span and 110 for a date
/// span with five-digit offsets.
const SPAN_BYTES: usize = 148;

/// Bytes per day of a date span: `,"first_day":"YYYY-MM-DD"`.
const DAY_BYTES: usize = 26;

/// Bytes per sentence: `[start,end],` with six-digit offsets.
const SENTENCE_BYTES: usize = 16;

/// Bytes per block: `{"start":…,"end":…,"kind":"paragraph","line":…},`
/// with six-digit offsets; a table cell takes more.
const BLOCK_BYTES: usize = 64;

/// The length of the line for `annotation`, or a little more: enough that
/// the line is written without growing its buffer, unless strings need
/// many escapes or offsets have more than six digits.
fn estimated_len(annotation: &Annotation) -> usize {
    let span_len = |span: &Span| {
        let strings = [
            span.entry.as_deref(),
            span.name.as_deref(),
            span.value.as_deref(),
            span.qualifier.as_deref(),
        ];
        let days = [span.first_day, span.last_day];
        SPAN_BYTES
            + span.text.len()
            + strings.iter().flatten().map(|s| s.len()).sum::<usize>()
            + DAY_BYTES * days.iter().flatten().count()
    };
    let doc = annotation.doc();
    128 + annotation.schema().len()
        + doc.id.len()
        + doc.path.len()
        + doc.title.as_ref().map_or(0, String::len)
        + BLOCK_BYTES * annotation.blocks().len()
        + SENTENCE_BYTES * annotation.sentences().len()
        + annotation.spans().iter().map(span_len).sum::<usize>()
}

fn write_doc(out: &mut Vec<u8>, doc: &DocInfo) {
    out.extend_from_slice(b"{\"id\":");
    write_str(out, &doc.id);
    out.extend_from_slice(b",\"path\":");
    write_str(out, &doc.path);
    out.extend_from_slice(b",\"bytes\":");
    write_usize(out, doc.bytes);
    out.extend_from_slice(b",\"chars\":");
    write_usize(out, doc.chars);
    out.extend_from_slice(b",\"format\":\"");
    out.extend_from_slice(doc.format.name().as_bytes());
    out.push(b'"');
    write_optional(out, b",\"title\":", doc.title.as_deref(), write_str);
    out.push(b'}');
}

/// A block as its derived `Serialize` writes it: the range, the kind
/// (tagged, its fields flattened), `quote` unless 0, and the place in the
/// source as `"line":N`, `"para":N` or `"page":N`.
fn write_block(out: &mut Vec<u8>, block: &Block) {
    out.extend_from_slice(b"{\"start\":");
    write_usize(out, block.start);
    out.extend_from_slice(b",\"end\":");
    write_usize(out, block.end);
    let field = |out: &mut Vec<u8>, key: &[u8], n: u32| {
        out.extend_from_slice(key);
        write_usize(out, n as usize);
    };
    let flag = |out: &mut Vec<u8>, key: &[u8], on: bool| {
        out.extend_from_slice(key);
        out.extend_from_slice(if on { b"true" } else { b"false" });
    };
    match block.kind {
        BlockKind::Heading { level } => {
            out.extend_from_slice(b",\"kind\":\"heading\"");
            field(out, b",\"level\":", level.into());
        }
        BlockKind::Paragraph => out.extend_from_slice(b",\"kind\":\"paragraph\""),
        BlockKind::Item { ordered, depth } => {
            out.extend_from_slice(b",\"kind\":\"item\"");
            flag(out, b",\"ordered\":", ordered);
            field(out, b",\"depth\":", depth.into());
        }
        BlockKind::Cell {
            table,
            row,
            column,
            header,
        } => {
            out.extend_from_slice(b",\"kind\":\"cell\"");
            field(out, b",\"table\":", table);
            field(out, b",\"row\":", row);
            field(out, b",\"column\":", column);
            flag(out, b",\"header\":", header);
        }
        BlockKind::Code => out.extend_from_slice(b",\"kind\":\"code\""),
    }
    if block.quote > 0 {
        field(out, b",\"quote\":", block.quote.into());
    }
    match block.source {
        SourcePlace::Line(n) => field(out, b",\"line\":", n),
        SourcePlace::Para(n) => field(out, b",\"para\":", n),
        SourcePlace::Page(n) => field(out, b",\"page\":", n),
    }
    out.push(b'}');
}

fn write_range(out: &mut Vec<u8>, &[start, end]: &[usize; 2]) {
    out.push(b'[');
    write_usize(out, start);
    out.push(b',');
    write_usize(out, end);
    out.push(b']');
}

/// A span, with the JSON fields of its entry's kind, id and name when the
/// annotator has them ([`label_fields`]), copied whole.
fn write_span(out: &mut Vec<u8>, span: &Span, label: Option<&str>) {
    out.extend_from_slice(b"{\"start\":");
    write_usize(out, span.start);
    out.extend_from_slice(b",\"end\":");
    write_usize(out, span.end);
    out.extend_from_slice(b",\"char_start\":");
    write_usize(out, span.char_start);
    out.extend_from_slice(b",\"char_end\":");
    write_usize(out, span.char_end);
    out.extend_from_slice(b",\"text\":");
    write_str(out, &span.text);
    if let Some(fields) = label {
        out.extend_from_slice(fields.as_bytes());
    } else {
        write_fixed(out, &KIND_FIELDS[span.kind as usize]);
        write_optional(out, b",\"entry\":", span.entry.as_deref(), write_str);
        write_optional(out, b",\"name\":", span.name.as_deref(), write_str);
    }
    if let Some(how) = span.how {
        write_fixed(out, &HOW_FIELDS[how as usize]);
    }
    if span.nested {
        out.extend_from_slice(b",\"nested\":true");
    }
    write_optional(out, b",\"value\":", span.value.as_deref(), write_str);
    write_optional(out, b",\"first_day\":", span.first_day, write_day);
    write_optional(out, b",\"last_day\":", span.last_day, write_day);
    write_optional(
        out,
        b",\"qualifier\":",
        span.qualifier.as_deref(),
        write_str,
    );
    if span.old_style {
        out.extend_from_slice(b",\"old_style\":true");
    }
    out.extend_from_slice(b",\"sentence\":");
    write_usize(out, span.sentence);
    out.push(b'}');
}

/// `[a,b,...]`, each item written by `write`; `out` goes to `flush` once
/// it holds `limit` bytes.
fn write_list<T, E>(
    out: &mut Vec<u8>,
    items: &[T],
    mut write: impl FnMut(&mut Vec<u8>, &T),
    limit: usize,
    flush: Flush<E>,
) -> Result<(), E> {
    out.push(b'[');
    for (i, item) in items.iter().enumerate() {
        if i > 0 {
            out.push(b',');
        }
        write(out, item);
        if out.len() >= limit {
            flush(out)?;
        }
    }
    out.push(b']');
    Ok(())
}

/// `key` (which holds its leading comma, the quoted name and the colon) and
/// the value, or nothing for `None`, as `skip_serializing_if =
/// "Option::is_none"` does.
fn write_optional<T>(out: &mut Vec<u8>, key: &[u8], value: Option<T>, write: fn(&mut Vec<u8>, T)) {
    if let Some(value) = value {
        out.extend_from_slice(key);
        write(out, value);
    }
}

pub(crate) fn write_usize(out: &mut Vec<u8>, n: usize) {
    out.extend_from_slice(itoa::Buffer::new().format(n).as_bytes());
}

/// `day` quoted, as its `Display` writes it: `YYYY-MM-DD`, zero-padded.
/// Four-digit years are written directly, any other through `Display`.
fn write_day(out: &mut Vec<u8>, day: Day) {
    if !(0..10_000).contains(&day.year) || day.month >= 100 || day.day >= 100 {
        write!(out, "\"{day}\"").expect("writing to a Vec never fails");
        return;
    }
    let mut quoted = *b"\"0000-00-00\"";
    fill_digits(&mut quoted[1..5], day.year as u32);
    fill_digits(&mut quoted[6..8], u32::from(day.month));
    fill_digits(&mut quoted[9..11], u32::from(day.day));
    out.extend_from_slice(&quoted);
}

/// Writes the last `digits.len()` decimal digits of `n` into `digits`.
fn fill_digits(digits: &mut [u8], mut n: u32) {
    for digit in digits.iter_mut().rev() {
        *digit = b'0' + (n % 10) as u8;
        n /= 10;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::{How, SpanKind};
    use crate::document::{Boundary, Format};
    use proptest::prelude::*;
    use std::borrow::Cow;

    fn span(start: usize, text: &'static str, kind: SpanKind) -> Span<'static> {
        Span {
            start,
            end: start + text.len(),
            char_start: start,
            char_end: start + text.chars().count(),
            kind,
            ..Span::bare(text, 0, text.len())
        }
    }

    #[test]
    fn writes_an_annotation_by_hand() {
        let stalin = Span {
            entry: Some("stalin".into()),
            name: Some("Joseph \"Koba\" Stalin".into()),
            how: Some(How::Misspelling),
            ..span(0, "Stalin", SpanKind::Person)
        };
        let date = Span {
            value: Some("192X".to_string()),
            first_day: Some(Day::month_start(1927, 1)),
            last_day: Some(Day::month_end(1929, 12)),
            qualifier: Some("late".to_string()),
            sentence: 1,
            ..span(20, "late 1920s\t–\u{1}\\", SpanKind::Date)
        };
        let annotation = Annotation::unchecked(
            "glossator.annotation/1".to_string(),
            DocInfo {
                id: "é".to_string(),
                path: "a/é\n.txt".to_string(),
                bytes: 40,
                chars: 38,
                format: Format::Markdown,
                title: Some("N\"E\"P".to_string()),
            },
            vec![[0, 18], [20, 40]],
            vec![stalin, date],
            Cow::Owned(vec![
                Block {
                    start: 0,
                    end: 18,
                    kind: BlockKind::Heading { level: 1 },
                    quote: 0,
                    source: SourcePlace::Line(1),
                    boundary: Boundary::Hard,
                },
                Block {
                    start: 20,
                    end: 40,
                    kind: BlockKind::Cell {
                        table: 0,
                        row: 2,
                        column: 1,
                        header: false,
                    },
                    quote: 2,
                    source: SourcePlace::Page(3),
                    boundary: Boundary::Hard,
                },
            ]),
        );
        let expected = concat!(
            r#"{"schema":"glossator.annotation/1","#,
            r#""doc":{"id":"é","path":"a/é\n.txt","bytes":40,"chars":38,"format":"markdown","title":"N\"E\"P"},"#,
            r#""sentences":[[0,18],[20,40]],"#,
            r#""spans":[{"start":0,"end":6,"char_start":0,"char_end":6,"text":"Stalin","#,
            r#""kind":"person","entry":"stalin","name":"Joseph \"Koba\" Stalin","#,
            r#""match":"misspelling","sentence":0},"#,
            r#"{"start":20,"end":36,"char_start":20,"char_end":34,"#,
            r#""text":"late 1920s\t–\u0001\\","kind":"date","value":"192X","#,
            r#""first_day":"1927-01-01","last_day":"1929-12-31","qualifier":"late","sentence":1}],"#,
            r#""blocks":[{"start":0,"end":18,"kind":"heading","level":1,"line":1},"#,
            r#"{"start":20,"end":40,"kind":"cell","table":0,"row":2,"column":1,"header":false,"quote":2,"page":3}]}"#,
            "\n",
        );
        assert_eq!(
            String::from_utf8(annotation_line(&annotation)).unwrap(),
            expected
        );
        assert!(estimated_len(&annotation) >= expected.len());
    }

    /// The annotator's spans copy their entries' fields whole where the
    /// id and name need no escape, and write them one by one where they
    /// do: the same bytes as serde's either way.
    #[test]
    fn entry_fields_copied_whole_are_serde_json_s() {
        use crate::annotate::Annotator;
        use crate::document::Document;
        use crate::lexicon::Lexicon;
        let mut builder = Lexicon::builder();
        builder.add_toml(
            "l.toml",
            r#"
[[entry]]
id = "nep"
name = "New Economic Policy"
kind = "term"
aliases = ["NEP"]
definition = "D."

[[entry]]
id = "koba"
name = "Joseph \"Koba\" Dzhugashvili"
kind = "person"
aliases = ["Koba"]
definition = "D."
"#,
        );
        let annotator = Annotator::new(builder.build().unwrap());
        let text = "In 1921 the NEP began; Koba ran it, and the New Economic Policy lasted.";
        let doc = Document::new("d".into(), "d.txt".into(), text.into());
        let annotation = annotator.annotate(&doc);
        let labels = annotation.span_labels();
        let copied = |entry: &str| {
            let spans = annotation.spans().iter().enumerate();
            let mut theirs = spans.filter(|(_, span)| span.entry.as_deref() == Some(entry));
            theirs.all(|(i, _)| labels.json(i).is_some())
        };
        assert!(copied("nep") && !copied("koba"), "{:?}", annotation.spans());
        let expected = serde_json::to_string(&annotation).unwrap() + "\n";
        assert_eq!(
            String::from_utf8(annotation_line(&annotation)).unwrap(),
            expected
        );
        let owned = annotation.clone().into_owned();
        assert!(owned.span_labels().json(0).is_none());
        assert_eq!(annotation_line(&owned), annotation_line(&annotation));
    }

    #[test]
    fn writes_an_empty_annotation() {
        let annotation = Annotation::unchecked(
            String::new(),
            DocInfo {
                id: String::new(),
                path: String::new(),
                bytes: 0,
                chars: 0,
                format: Format::Text,
                title: None,
            },
            vec![],
            vec![],
            Cow::Borrowed(&[]),
        );
        assert_eq!(
            annotation_line(&annotation),
            br#"{"schema":"","doc":{"id":"","path":"","bytes":0,"chars":0,"format":"text"},"sentences":[],"spans":[],"blocks":[]}
"#
        );
    }

    /// Strings heavy in what JSON escapes, with multibyte characters.
    fn any_text() -> impl Strategy<Value = String> {
        let tricky =
            prop::sample::select(&['"', '\\', '/', '\u{7F}', '\u{2028}', 'é', '–', '😀'][..]);
        let char = prop_oneof![
            4 => prop::char::range(' ', '~'),
            2 => prop::char::range('\0', '\u{1F}'),
            2 => tricky,
            1 => any::<char>(),
        ];
        prop::collection::vec(char, 0..40).prop_map(String::from_iter)
    }

    /// Any number, though mostly offsets of a realistic size.
    fn any_number() -> impl Strategy<Value = usize> {
        prop_oneof![3 => 0..100_000_usize, 1 => any::<usize>()]
    }

    /// Mostly real days; also the years `Display` pads or widens, and
    /// months and days out of range.
    fn any_day() -> impl Strategy<Value = Day> {
        let real = (0..10_000, 1..=12_u8, 1..=28_u8);
        let odd = (-20_000..20_000, any::<u8>(), any::<u8>());
        prop_oneof![real, odd, (any::<i32>(), any::<u8>(), any::<u8>())]
            .prop_map(|(year, month, day)| Day { year, month, day })
    }

    fn any_kind() -> impl Strategy<Value = SpanKind> {
        use SpanKind::*;
        prop::sample::select(&[Person, Place, Org, Event, Term, Date][..])
    }

    fn any_how() -> impl Strategy<Value = Option<How>> {
        prop::option::of(prop::sample::select(&How::ALL[..]))
    }

    fn any_span() -> impl Strategy<Value = Span<'static>> {
        let numbers = prop::array::uniform5(any_number());
        let strings = prop::array::uniform4(prop::option::of(any_text()));
        let days = prop::array::uniform2(prop::option::of(any_day()));
        let parts = (numbers, any_text(), any_kind(), strings, days, any_how());
        let flags = (any::<bool>(), any::<bool>());
        (parts, flags).prop_map(
            |((n, text, kind, strings, days, how), (old_style, nested))| {
                let [entry, name, value, qualifier] = strings;
                let [first_day, last_day] = days;
                Span {
                    start: n[0],
                    end: n[1],
                    char_start: n[2],
                    char_end: n[3],
                    text: Cow::Owned(text),
                    kind,
                    entry: entry.map(Cow::Owned),
                    name: name.map(Cow::Owned),
                    how,
                    nested,
                    value,
                    first_day,
                    last_day,
                    qualifier,
                    old_style,
                    sentence: n[4],
                }
            },
        )
    }

    fn any_block() -> impl Strategy<Value = Block> {
        let n = || any::<u32>();
        let kind = prop_oneof![
            any::<u8>().prop_map(|level| BlockKind::Heading { level }),
            Just(BlockKind::Paragraph),
            (any::<bool>(), any::<u8>())
                .prop_map(|(ordered, depth)| BlockKind::Item { ordered, depth }),
            (n(), n(), n(), any::<bool>()).prop_map(|(table, row, column, header)| {
                BlockKind::Cell {
                    table,
                    row,
                    column,
                    header,
                }
            }),
            Just(BlockKind::Code),
        ];
        let source = prop_oneof![
            n().prop_map(SourcePlace::Line),
            n().prop_map(SourcePlace::Para),
            n().prop_map(SourcePlace::Page)
        ];
        (any_number(), any_number(), kind, any::<u8>(), source).prop_map(
            |(start, end, kind, quote, source)| Block {
                start,
                end,
                kind,
                quote,
                source,
                boundary: Boundary::Soft,
            },
        )
    }

    fn any_annotation() -> impl Strategy<Value = Annotation<'static>> {
        let formats = prop::sample::select(&Format::ALL[..]);
        let doc = (
            any_text(),
            any_text(),
            any_number(),
            any_number(),
            formats,
            prop::option::of(any_text()),
        )
            .prop_map(|(id, path, bytes, chars, format, title)| DocInfo {
                id,
                path,
                bytes,
                chars,
                format,
                title,
            });
        let sentences = prop::collection::vec([any_number(), any_number()], 0..6);
        let spans = prop::collection::vec(any_span(), 0..6);
        let blocks = prop::collection::vec(any_block(), 0..6);
        (any_text(), doc, sentences, spans, blocks).prop_map(
            |(schema, doc, sentences, spans, blocks)| {
                Annotation::unchecked(schema, doc, sentences, spans, Cow::Owned(blocks))
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn annotation_line_equals_serde_json(annotation in any_annotation()) {
            let expected = serde_json::to_string(&annotation).unwrap() + "\n";
            let line = String::from_utf8(annotation_line(&annotation)).unwrap();
            prop_assert_eq!(line, expected);
        }

        #[test]
        fn chunks_add_up_to_the_line(annotation in any_annotation(), limit in 1..400usize) {
            let (mut streamed, mut chunk) = (Vec::new(), Vec::new());
            let flush = &mut |chunk: &mut Vec<u8>| {
                streamed.append(chunk);
                Ok::<(), ()>(())
            };
            write_annotation_in_chunks(&annotation, &mut chunk, limit, flush).unwrap();
            streamed.append(&mut chunk);
            prop_assert_eq!(&streamed, &annotation_line(&annotation));
        }
    }
}
