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
    #![proptest_config(ProptestConfig::with_cases(512))]
    #[test]
    fn span_offsets_select_their_text(pieces in proptest::collection::vec(piece(), 0..40)) {
        let text: String = pieces.concat();
        let annotation = annotate(&annotator("rules-lexicon.toml"), &text);
        assert_offsets_exact(&text, &annotation);
        let mut last_end = 0;
        for span in &annotation.spans {
            prop_assert!(span.start >= last_end, "spans overlap: {:?}", annotation.spans);
            last_end = span.end;
        }
    }
}
