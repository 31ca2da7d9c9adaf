//! FlashText's own keyword-extraction table (../shared/conformance/flashtext,
//! MIT), run as data: each case's keyword dictionary is the whole lexicon,
//! and glossator must extract the same clean names, in order, as FlashText's
//! case-insensitive column. Where glossator's documented rules differ on
//! purpose, the case is listed in `DIFFERENCES` with the rule.

use std::collections::BTreeMap;

use glossator::annotate::Annotator;
use glossator::lexicon::{Entry, Kind, Lexicon, Origin};
use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    sentence: String,
    keyword_dict: BTreeMap<String, Vec<String>>,
    explanation: String,
    keywords: Vec<String>,
}

/// Cases (by sentence) where glossator's documented rules give another
/// answer than FlashText, and why. Empty: every case agrees.
const DIFFERENCES: &[(&str, &str)] = &[];

fn lexicon_for(case: &Case) -> (Lexicon, Vec<String>) {
    let mut builder = Lexicon::builder();
    let mut clean_names = Vec::new();
    for (i, (clean, forms)) in case.keyword_dict.iter().enumerate() {
        let entry = Entry {
            id: format!("k{i}"),
            name: forms[0].clone(),
            kind: Kind::Term,
            aliases: forms[1..].to_vec(),
            exact_case: Vec::new(),
            definition: String::new(),
            see_also: Vec::new(),
            plural: false,
            ambiguous: Vec::new(),
            sort_as: None,
            surname_alone: false,
            needs_context: Vec::new(),
        };
        builder.add_entry(
            entry,
            Origin {
                file: "flashtext".into(),
                line: i + 1,
            },
        );
        clean_names.push(clean.clone());
    }
    (builder.build().unwrap(), clean_names)
}

#[test]
fn flashtext_keyword_extraction_cases() {
    let path = crate::util::repo()
        .join("../shared/conformance/flashtext/keyword_extractor_test_cases.json");
    let Ok(json) = std::fs::read_to_string(&path) else {
        eprintln!("SKIPPED: {} is absent", path.display());
        return;
    };
    let cases: Vec<Case> = serde_json::from_str(&json).unwrap();
    assert_eq!(cases.len(), 49);
    let mut failures = Vec::new();
    for case in &cases {
        let (lexicon, clean_names) = lexicon_for(case);
        let annotator = Annotator::new(lexicon);
        let annotation = crate::matching::annotate(&annotator, &case.sentence);
        let got: Vec<String> = annotation
            .spans()
            .iter()
            .map(|s| clean_names[s.entry.as_ref().unwrap()[1..].parse::<usize>().unwrap()].clone())
            .collect();
        let documented = DIFFERENCES
            .iter()
            .any(|(sentence, _)| *sentence == case.sentence);
        if (got == case.keywords) == documented {
            failures.push(format!(
                "{:?} ({}): FlashText {:?}, glossator {:?}",
                case.sentence, case.explanation, case.keywords, got
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} case(s) disagree:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
