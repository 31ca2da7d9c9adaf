//! Acceptance checks on the real seed documents in ../shared/seeds, with the
//! built-in lexicon.

use std::sync::LazyLock;

use glossator::annotate::{Annotation, Annotator, How};
use glossator::lexicon::Lexicon;

use crate::matching::annotate;
use crate::util::{assert_offsets_exact, seeds};

pub static BUILTIN: LazyLock<Annotator> =
    LazyLock::new(|| Annotator::new(Lexicon::builtin().unwrap()));

/// The seed `name` and its annotation, or `None` where seeds are absent.
fn seed(name: &str) -> Option<(String, Annotation<'static>)> {
    let text = std::fs::read_to_string(seeds()?.join(name)).unwrap();
    let annotation = annotate(&BUILTIN, &text);
    Some((text, annotation))
}

fn spans_at<'a>(
    text: &str,
    annotation: &'a Annotation<'a>,
    needle: &str,
) -> Vec<&'a glossator::annotate::Span<'a>> {
    let starts: Vec<usize> = text.match_indices(needle).map(|(i, _)| i).collect();
    assert!(!starts.is_empty(), "{needle:?} occurs in the seed");
    annotation
        .spans()
        .iter()
        .filter(|s| starts.contains(&s.start))
        .collect()
}

#[test]
fn seed_001_offsets_and_key_matches() {
    let Some((text, annotation)) = seed("001_33e3a26fa968acc4.txt") else {
        return;
    };
    assert_offsets_exact(&text, &annotation);
    for span in spans_at(&text, &annotation, "Stalin's") {
        assert_eq!(
            (span.text.as_ref(), span.entry.as_deref()),
            ("Stalin", Some("stalin"))
        );
    }
    // Lenin is nested in it (matching rule 6).
    let (nested, enrolment): (Vec<_>, Vec<_>) = spans_at(&text, &annotation, "Lenin enrolment")
        .into_iter()
        .partition(|s| s.nested);
    assert!(!enrolment.is_empty() && nested.len() == enrolment.len());
    for span in nested {
        assert_eq!(
            (span.text.as_ref(), span.entry.as_deref()),
            ("Lenin", Some("lenin"))
        );
    }
    for span in enrolment {
        assert_eq!(
            (span.text.as_ref(), span.entry.as_deref()),
            ("Lenin enrolment", Some("lenin-enrolment"))
        );
    }
    assert!(annotation
        .spans()
        .iter()
        .any(|s| s.text == "CPSU" && s.entry.as_deref() == Some("cpsu")));
}

#[test]
fn every_seed_has_exact_offsets() {
    let Some(dir) = seeds() else { return };
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        assert_offsets_exact(&text, &annotate(&BUILTIN, &text));
    }
}

#[test]
fn builtin_lexicon_word_boundaries_and_spelling_variants() {
    let text = "The Stalinist state. Stalin's Five Year Plan, or the Five-Year Plan.";
    let annotation = annotate(&BUILTIN, text);
    let found: Vec<(&str, &str)> = annotation
        .spans()
        .iter()
        .map(|s| (s.text.as_ref(), s.entry.as_deref().unwrap()))
        .collect();
    let stalin: Vec<_> = found.iter().filter(|(_, e)| *e == "stalin").collect();
    assert_eq!(stalin, [&("Stalin", "stalin")]);
    let plans: Vec<&str> = found
        .iter()
        .filter(|(t, _)| t.contains("Year Plan"))
        .map(|(_, e)| *e)
        .collect();
    assert_eq!(plans.len(), 2, "{found:?}");
    assert_eq!(plans[0], plans[1]);
}

/// The misspellings in the seeds that the lexicon once listed as aliases
/// (`Bukarin`, `Kamanev`, `Triumvirarte`, `United Opposistion`) are found
/// by the misspelling rule (matching rule 7) now.
#[test]
fn seed_misspellings_come_from_the_rule() {
    let Some((text, annotation)) = seed("003_840b20e77962dbc1.txt") else {
        return;
    };
    for (surface, id) in [
        ("Bukarin", "bukharin"),
        ("Kamanev", "kamenev"),
        ("Triumvirarte", "triumvirate"),
        ("United Opposistion", "united-opposition"),
    ] {
        let spans = spans_at(&text, &annotation, surface);
        assert!(!spans.is_empty(), "{surface:?} is tagged");
        for span in spans {
            assert_eq!(
                (span.text.as_ref(), span.entry.as_deref(), span.how),
                (surface, Some(id), Some(How::Misspelling)),
            );
        }
    }
}
