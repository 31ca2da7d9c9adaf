//! Property tests: offsets stay exact on random multilingual text.

use proptest::prelude::*;

use crate::matching::{annotate, annotator};
use crate::util::assert_offsets_exact;

const WORDS: &[&str] = &[
    "Stalin",
    "Stalin’s",
    "LENIN",
    "Lenin\nenrolment",
    "Five-Year Plan",
    "five year plans",
    "NEP",
    "Nep",
    "nep",
    "kolkhozy",
    "Сталин",
    "the Right",
    "Socialism in One\tCountry",
    "1905 Revolution",
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

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn span_offsets_select_their_text(pieces in proptest::collection::vec(piece(), 0..40)) {
        let text: String = pieces.concat();
        let annotator = annotator("rules-lexicon.toml");
        let annotation = annotate(&annotator, &text);
        assert_offsets_exact(&text, &annotation);
        // Entry spans never overlap; a date lies inside one entry span or
        // outside all of them (DESIGN.md rule 6).
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
