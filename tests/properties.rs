//! Property tests: offsets stay exact on random multilingual text, every
//! span lies inside its sentence, and the glossary and timeline made from
//! any text quote their passages exactly and render without a panic.

use std::sync::LazyLock;

use glossator::annotate::{Annotation, Annotator};
use glossator::glossary::Glossary;
use glossator::input::Document;
use glossator::render::{html, markdown, tsv};
use glossator::timeline::TimelineBuilder;
use proptest::prelude::*;

use crate::matching::{annotate, annotator};
use crate::util::assert_offsets_exact;

static ANNOTATOR: LazyLock<Annotator> = LazyLock::new(|| annotator("rules-lexicon.toml"));

/// Words of `rules-lexicon.toml` and dates, some written across what the
/// segmenter takes for a sentence break: a blank line, list lines, a short
/// line it takes for a heading, an abbreviation's full stop.
const WORDS: &[&str] = &[
    "Stalin",
    "Stalin’s",
    "LENIN",
    "Lenin\nenrolment",
    "Five-Year Plan",
    "five year plans",
    "Five-Year\n\nPlan",
    "• Five-Year\n• Plan",
    "Lenin\nEnrolment\n",
    "NEP",
    "Nep",
    "nep",
    "kolkhozy",
    "Сталин",
    "the Right",
    "Socialism in One\tCountry",
    "1905 Revolution",
    "[Jan. 1924]",
    "Sept. 1939",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 ,.;:'’()\\-–—\n\t]{0,12}",
        2 => "[\\u{0080}-\\u{07FF}\\u{0800}-\\u{FFFF}\\u{10000}-\\u{10FFFF}]{0,4}",
        1 => Just("\u{00A0}".to_string()),
        1 => Just("İ\u{0307}ẞß".to_string()),
        3 => proptest::sample::select(WORDS).prop_map(str::to_string),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn span_offsets_select_their_text(text in text()) {
        let annotation = annotate(&ANNOTATOR, &text);
        assert_offsets_exact(&text, &annotation);
        // Entry spans never overlap; a date lies inside one entry span or
        // outside all of them (matching rule 6 in docs/DESIGN.md).
        let (entries, dates): (Vec<_>, Vec<_>) = annotation.spans.iter().partition(|s| s.entry.is_some());
        for pair in entries.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start, "entry spans overlap: {:?}", pair);
        }
        for date in dates {
            let crossing = entries.iter().find(|e| {
                let overlaps = e.start < date.end && date.start < e.end;
                overlaps && !(e.start <= date.start && date.end <= e.end)
            });
            prop_assert!(crossing.is_none(), "{:?} crosses {:?}", date, crossing);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]
    /// What the renderers rely on: every passage's span is its text inside
    /// its context, at the offsets the context starts at; then every
    /// format renders.
    #[test]
    fn passages_quote_their_spans_and_render(texts in proptest::collection::vec(text(), 1..3)) {
        let lexicon = ANNOTATOR.lexicon();
        let mut glossary = Glossary::new(5);
        let mut timeline = TimelineBuilder::new();
        for (i, text) in texts.iter().enumerate() {
            let doc = Document { id: format!("d{i}"), path: format!("d{i}.txt"), text: text.clone() };
            let annotation: Annotation = ANNOTATOR.annotate(&doc);
            glossary.add(&doc, &annotation, lexicon);
            timeline.add(&doc, &annotation);
            html::handout(text, &annotation, lexicon);
        }
        let timeline = timeline.finish();
        let passages = glossary.entries().iter().flat_map(|e| e.occurrences.iter())
            .map(|o| (o.start, o.end, &o.text, o.sentence, &o.context))
            .chain(timeline.events().iter().map(|e| (e.span[0], e.span[1], &e.text, e.sentence, &e.context)));
        for (start, end, text, [s, e], context) in passages {
            prop_assert_eq!(e - s, context.len());
            prop_assert!(s <= start && end <= e, "{}..{} outside {}..{}", start, end, s, e);
            prop_assert_eq!(&context[start - s..end - s], text.as_str());
        }
        markdown::glossary(&glossary);
        markdown::timeline(&timeline);
        html::glossary(&glossary);
        html::timeline(&timeline);
        html::index(&glossary, &timeline);
        tsv::glossary(&glossary);
    }
}
