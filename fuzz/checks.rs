//! What each fuzz target does with its input, shared by the fuzz targets
//! (`fuzz_targets/*.rs`) and by `tests/fuzz_corpus.rs`, which replays the
//! committed corpus and every crash found (`tests/data/fuzz/<target>/`)
//! under `cargo test`.
//!
//! Each check panics (so the fuzzer reports a crash) if glossator panics,
//! or if an invariant the renderers rely on fails: a span is not its text
//! at its offsets, a span lies outside its sentence, a glossary or timeline
//! does not read back as written.

use std::sync::LazyLock;

use glossator::annotate::{Annotation, Annotator, DocInfo, How, Span, SpanKind};
use glossator::dates::Day;
use glossator::glossary::Glossary;
use glossator::input::Document;
use glossator::lexicon::Lexicon;
use glossator::render::{html, json::annotation_line, markdown, tsv};
use glossator::timeline::{Timeline, TimelineBuilder};

/// The built-in lexicon's annotator, made once per process.
static ANNOTATOR: LazyLock<Annotator> =
    LazyLock::new(|| Annotator::new(Lexicon::builtin().expect("the built-in lexicon loads")));

/// What a fuzz target does with one input.
pub type Check = fn(&[u8]);

/// The fuzz targets by name, for the replay test.
pub const TARGETS: [(&str, Check); 5] = [
    ("annotate", annotate),
    ("documents", documents),
    ("lexicon", lexicon),
    ("merge", merge),
    ("render", render),
];

/// Arbitrary bytes as an input file: decode, annotate with the built-in
/// lexicon, check the annotation, then build and render everything from it.
pub fn annotate(data: &[u8]) {
    let Ok(decoded) = glossator::text::decode(data.to_vec()) else {
        return;
    };
    let doc = Document::new("fuzz".into(), "fuzz.txt".into(), decoded.text.clone());
    let annotation = ANNOTATOR.annotate(&doc);
    check_annotation(&doc.text, &annotation);
    let line = annotation_line(&annotation);
    // A block's boundary is not serialized (it reads back soft), so the
    // round trip is checked on the JSON: it reads back and writes the same.
    let back: Annotation = serde_json::from_slice(&line).expect("annotation JSON reads back");
    assert_eq!(
        annotation_line(&back),
        line,
        "annotation JSON writes back as read"
    );
    render_all(&doc, &annotation, ANNOTATOR.lexicon());
}

/// Arbitrary bytes as a file of a format (the first byte picks which of
/// `Format::ALL`): the reader must not panic, and what it reads must
/// annotate, check and render like any document.
pub fn documents(data: &[u8]) {
    use glossator::document::Format;
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let format = Format::ALL[usize::from(pick) % Format::ALL.len()];
    let Ok((doc, _)) = Document::read("fuzz".into(), "fuzz".into(), rest.to_vec(), format) else {
        return;
    };
    let annotation = ANNOTATOR.annotate(&doc);
    check_annotation(&doc.text, &annotation);
    for block in doc.layout().blocks() {
        assert!(doc.text.get(block.range()).is_some(), "{block:?}");
    }
    render_all(&doc, &annotation, ANNOTATOR.lexicon());
}

/// Arbitrary bytes as a lexicon: the first byte picks TOML or TSV. A
/// lexicon that loads annotates its own text and a sample.
pub fn lexicon(data: &[u8]) {
    let Some((&format, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let mut builder = Lexicon::builder();
    if format % 2 == 0 {
        builder.add_toml("fuzz.toml", &text);
    } else {
        builder.add_tsv("fuzz.tsv", &text);
    }
    let Ok(lexicon) = builder.build() else {
        return;
    };
    let annotator = Annotator::new(lexicon);
    for text in [text.as_ref(), "Stalin’s Five-Year Plan began in 1928."] {
        let doc = Document::new("fuzz".into(), "fuzz.txt".into(), text.to_string());
        let annotation = annotator.annotate(&doc);
        check_annotation(text, &annotation);
        render_all(&doc, &annotation, annotator.lexicon());
    }
}

/// Arbitrary bytes as a partial for `merge`: a glossary or timeline that
/// reads renders in every format, writes back as it read, and merges.
pub fn merge(data: &[u8]) {
    if let Ok(glossary) = serde_json::from_slice::<Glossary>(data) {
        let json = serde_json::to_vec(&glossary).expect("a glossary writes");
        let back: Glossary = serde_json::from_slice(&json).expect("a glossary reads back");
        assert_eq!(back, glossary);
        markdown::glossary(&glossary);
        html::glossary(&glossary);
        tsv::glossary(&glossary);
        html::index(&glossary, 0);
        let max = glossary.max_occurrences();
        if let Ok(mut merged) = Glossary::new(max).merge(glossary.clone()) {
            let _ = merged.clone().merge(glossary);
            merged.retain_min_count(2);
            markdown::glossary(&merged);
        }
    }
    if let Ok(timeline) = serde_json::from_slice::<Timeline>(data) {
        let json = serde_json::to_vec(&timeline).expect("a timeline writes");
        let back: Timeline = serde_json::from_slice(&json).expect("a timeline reads back");
        assert_eq!(back, timeline);
        markdown::timeline(&timeline);
        html::timeline(&timeline);
        let empty = TimelineBuilder::new()
            .finish()
            .expect("a timeline in memory");
        if let Ok(merged) = empty.merge(timeline.clone()) {
            let _ = merged.merge(timeline);
        }
    }
}

/// Arbitrary bytes as a text and an annotation of it that need not fit
/// it (a hand-made or hand-edited one, read from JSON, which rejects one
/// whose spans and sentences are out of order, so they are put in order
/// here): the reductions and every renderer must take it without a panic.
pub fn render(data: &[u8]) {
    let mut bytes = Bytes(data);
    let text_len = usize::from(bytes.byte()) % 64;
    let text = String::from_utf8_lossy(bytes.take(text_len)).into_owned();
    let mut sentences: Vec<[usize; 2]> = (0..bytes.byte() % 6)
        .map(|_| {
            let (a, b) = (bytes.offset(&text), bytes.offset(&text));
            [a.min(b), a.max(b)]
        })
        .collect();
    // In order, apart and inside the text, so that the annotation reads
    // back (see below).
    sentences.retain(|&[_, end]| end <= text.len());
    sentences.sort_unstable();
    sentences.dedup_by(|next, kept| next[0] < kept[1]);
    let ids = ["stalin", "lenin", "five-year-plan", "nep", "x\"<>&", ""];
    let kinds = [
        SpanKind::Person,
        SpanKind::Place,
        SpanKind::Org,
        SpanKind::Event,
        SpanKind::Term,
        SpanKind::Date,
    ];
    let mut spans = Vec::new();
    while !bytes.0.is_empty() && spans.len() < 12 {
        let (start, end) = (bytes.offset(&text), bytes.offset(&text));
        let flags = bytes.byte();
        let span_text = match text.get(start..end) {
            Some(exact) if flags & 1 == 0 => exact.to_string(),
            _ => String::from_utf8_lossy(bytes.take(usize::from(flags >> 5))).into_owned(),
        };
        let kind = kinds[usize::from(bytes.byte()) % kinds.len()];
        let date = kind == SpanKind::Date;
        let day = |b: u8| Day {
            year: 1900 + i32::from(b),
            month: 1 + b % 12,
            day: 1 + b % 28,
        };
        spans.push(Span {
            start,
            end,
            char_start: start,
            char_end: end,
            text: span_text.into(),
            kind,
            entry: (!date).then(|| ids[usize::from(flags >> 1) % ids.len()].into()),
            name: (!date).then(|| "Name".into()),
            how: (!date).then(|| How::ALL[usize::from(flags >> 2) % How::ALL.len()]),
            nested: false,
            value: date.then(|| "1924".to_string()),
            first_day: date.then(|| day(bytes.byte())),
            last_day: date.then(|| day(bytes.byte())),
            qualifier: (date && flags & 2 != 0).then(|| "early".to_string()),
            old_style: date && flags & 4 != 0,
            sentence: usize::from(bytes.byte() % 8),
        });
    }
    // Sorted, each in a sentence that holds it (the others dropped), so
    // that the annotation reads back: its offsets and text still need not
    // fit the text.
    spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end)));
    spans.retain_mut(|span| {
        let holds = |&[start, end]: &[usize; 2]| {
            start <= span.start && span.start <= span.end && span.end <= end
        };
        let sentence = sentences.iter().position(holds);
        span.sentence = sentence.unwrap_or(span.sentence);
        sentence.is_some()
    });
    let fields = serde_json::json!({
        "schema": "glossator.annotation/1",
        "doc": DocInfo {
            id: "fuzz".into(),
            path: "fuzz.txt".into(),
            bytes: text.len(),
            chars: text.chars().count(),
            format: glossator::document::Format::Text,
            title: None,
        },
        "sentences": sentences,
        "spans": spans,
    });
    let annotation: Annotation =
        serde_json::from_value(fields).expect("an annotation in order reads back");
    let doc = Document::new("fuzz".into(), "fuzz.txt".into(), text);
    render_all(&doc, &annotation, ANNOTATOR.lexicon());
}

/// Reads small numbers from fuzz input; zeros when it runs out.
struct Bytes<'a>(&'a [u8]);

impl<'a> Bytes<'a> {
    fn byte(&mut self) -> u8 {
        let (&first, rest) = self.0.split_first().unwrap_or((&0, &[]));
        self.0 = rest;
        first
    }

    fn take(&mut self, n: usize) -> &'a [u8] {
        let (taken, rest) = self.0.split_at(n.min(self.0.len()));
        self.0 = rest;
        taken
    }

    /// An offset into `text` or a little past it, now and then huge.
    fn offset(&mut self, text: &str) -> usize {
        match self.byte() {
            255 => usize::MAX,
            b => usize::from(b) % (text.len() + 3),
        }
    }
}

/// The annotation invariants: spans are their text at their offsets, in
/// order, each inside its sentence; sentences in order and apart.
fn check_annotation(text: &str, annotation: &Annotation) {
    assert_eq!(annotation.doc().bytes, text.len());
    for pair in annotation.sentences().windows(2) {
        assert!(pair[0][1] <= pair[1][0], "sentences overlap: {pair:?}");
    }
    for pair in annotation.spans().windows(2) {
        let key = |s: &Span| (s.start, std::cmp::Reverse(s.end));
        assert!(key(&pair[0]) <= key(&pair[1]), "spans out of order");
    }
    for span in annotation.spans() {
        assert_eq!(text.get(span.start..span.end), Some(span.text.as_ref()));
        let [start, end] = annotation.sentences()[span.sentence];
        assert!(
            start <= span.start && span.end <= end,
            "{span:?} outside {start}..{end}"
        );
        let chars = text[..span.start].chars().count();
        assert_eq!(span.char_start, chars, "char_start of {span:?}");
    }
}

/// Adds the document to a glossary and a timeline and renders every
/// format, the handout too; the glossary and timeline must read back.
fn render_all(doc: &Document, annotation: &Annotation, lexicon: &Lexicon) {
    let mut glossary = Glossary::new(3);
    glossary.add(doc, annotation, lexicon);
    let mut builder = TimelineBuilder::new();
    builder.add(doc, annotation);
    let timeline = builder.finish().expect("a timeline in memory");
    html::Handouts::new(lexicon).page(doc, annotation);
    markdown::glossary(&glossary);
    markdown::timeline(&timeline);
    html::glossary(&glossary);
    html::timeline(&timeline);
    html::index(&glossary, timeline.events().len());
    tsv::glossary(&glossary);
    let json = serde_json::to_vec(&glossary).expect("a glossary writes");
    let back: Glossary = serde_json::from_slice(&json).expect("a glossary made by add reads back");
    assert_eq!(back, glossary);
    let json = serde_json::to_vec(&timeline).expect("a timeline writes");
    let back: Timeline = serde_json::from_slice(&json).expect("a timeline made by add reads back");
    assert_eq!(back, timeline);
}
