//! The matching rules of `docs/DESIGN.md`, run from the data table in
//! `tests/data/matching.toml` against `tests/data/rules-lexicon.toml`.

use glossator::annotate::{Annotator, How};
use glossator::input::Document;
use glossator::lexicon::Lexicon;
use serde::Deserialize;

#[derive(Deserialize)]
struct Table {
    case: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    spans: Vec<(String, String)>,
}

/// An annotator over one test lexicon, without the built-in one.
pub fn annotator(lexicon_file: &str) -> Annotator {
    let mut builder = Lexicon::builder();
    builder.add_path(&crate::util::test_lexicon(lexicon_file));
    Annotator::new(builder.build().unwrap())
}

/// Annotates `text` as a document named `id`.
pub fn annotate(annotator: &Annotator, text: &str) -> glossator::annotate::Annotation<'static> {
    let doc = Document::new("t".into(), "t.txt".into(), text.to_string());
    annotator.annotate(&doc).into_owned()
}

#[test]
fn matching_rules_table() {
    let failures = table_failures(
        include_str!("data/matching.toml"),
        &annotator("rules-lexicon.toml"),
    );
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

/// Runs a table of `[[case]]`s (`name`, `text`, `spans` as `[text, entry
/// id]`, dates as `[text, ""]`) through `annotator`; one message per case
/// whose spans differ.
pub fn table_failures(table: &str, annotator: &Annotator) -> Vec<String> {
    let table: Table = toml::from_str(table).unwrap();
    let mut failures = Vec::new();
    for case in &table.case {
        let got: Vec<(String, String)> = annotate(annotator, &case.text)
            .into_spans()
            .into_iter()
            .map(|s| {
                (
                    s.text.into_owned(),
                    s.entry.unwrap_or_default().into_owned(),
                )
            })
            .collect();
        if got != case.spans {
            failures.push(format!(
                "{}\n  text: {:?}\n  want: {:?}\n  got:  {:?}",
                case.name, case.text, case.spans, got
            ));
        }
    }
    failures
}

#[test]
fn person_names_table() {
    let failures = table_failures(
        include_str!("data/names.toml"),
        &annotator("names-lexicon.toml"),
    );
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn a_date_nests_inside_an_event_but_never_crosses_an_entry() {
    let annotator = annotator("rules-lexicon.toml");
    let annotation = annotate(&annotator, "The 1905 Revolution; in January 1905 Lenin");
    let got: Vec<(&str, Option<&str>, Option<&str>)> = annotation
        .spans()
        .iter()
        .map(|s| (s.text.as_ref(), s.entry.as_deref(), s.value.as_deref()))
        .collect();
    assert_eq!(
        got,
        [
            ("1905 Revolution", Some("revolution-1905"), None),
            ("1905", None, Some("1905")),
            ("January 1905", None, Some("1905-01")),
            ("Lenin", Some("lenin"), None),
        ]
    );
}

#[test]
fn inflection_and_spelling_table() {
    let annotator = annotator("inflect-lexicon.toml");
    let failures = table_failures(include_str!("data/inflect.toml"), &annotator);
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    // The derived forms say so; the listed ones too.
    let text = "Acts of Union and the Act of Union";
    let how: Vec<_> = annotate(&annotator, text)
        .into_spans()
        .into_iter()
        .map(|s| (s.text.into_owned(), s.how))
        .collect();
    assert_eq!(
        how,
        [
            ("Acts of Union".to_string(), Some(How::Variant)),
            ("Act of Union".to_string(), Some(How::Listed)),
        ]
    );
}
