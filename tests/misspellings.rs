//! Matching rule 7 (misspellings, `docs/DESIGN.md`) with the built-in
//! lexicon: the misspellings students wrote, dictionary words one edit from
//! a name, and the rule end to end through `glossator annotate` and
//! `glossator glossary`.

use glossator::annotate::{How, Span};
use predicates::str::contains;

use crate::matching::annotate;
use crate::seeds::BUILTIN;
use crate::util::{annotations, glossator};

/// Misspellings seen in students' work: (sentence, the misspelt words,
/// the entry they must be tagged as).
const STUDENTS: &[(&str, &str, &str)] = &[
    ("Then Trotksy lost the army.", "Trotksy", "trotsky"),
    (
        "Marshal Tukashevsky was shot.",
        "Marshal Tukashevsky",
        "tukhachevsky",
    ),
    (
        "In the end Tukashevsky was shot.",
        "Tukashevsky",
        "tukhachevsky",
    ),
    ("It was Stallin who won.", "Stallin", "stalin"),
    ("After Lennin's death.", "Lennin", "lenin"),
    ("Then Kamenov changed sides.", "Kamenov", "kamenev"),
    ("Zinoview ran Leningrad.", "Zinoview", "zinoviev"),
    ("Bukharine backed the peasants.", "Bukharine", "bukharin"),
    ("Rykhov was premier.", "Rykhov", "rykov"),
    ("Yezov ran the purges.", "Yezov", "yezhov"),
    ("After Kirof's murder.", "Kirof", "kirov"),
    ("Molotof signed it.", "Molotof", "molotov"),
    ("Dzerzinsky founded it.", "Dzerzinsky", "dzerzhinsky"),
    ("Stakanov dug the coal.", "Stakanov", "stakhanov"),
    ("Kaganovitch built the metro.", "Kaganovitch", "kaganovich"),
];

/// The entry spans of `text`, as (text, entry, how).
fn entry_spans(text: &str) -> Vec<(String, String, How)> {
    let annotation = annotate(&BUILTIN, text);
    annotation
        .spans()
        .iter()
        .filter_map(|s: &Span| {
            let entry = s.entry.as_deref()?;
            Some((s.text.to_string(), entry.to_string(), s.how?))
        })
        .collect()
}

#[test]
fn students_misspellings_are_tagged_as_their_entry() {
    let mut wrong = Vec::new();
    for (sentence, words, id) in STUDENTS {
        let spans = entry_spans(sentence);
        let expected = (words.to_string(), id.to_string(), How::Misspelling);
        if !spans.contains(&expected) {
            wrong.push(format!("{sentence:?}: {spans:?}"));
        }
    }
    assert!(
        wrong.is_empty(),
        "not tagged as expected:\n{}",
        wrong.join("\n")
    );
}

/// Words one edit (or two, in long words) from a name in the built-in
/// lexicon that are ordinary English, or too short, or lower case, or
/// close to two names: none is tagged.
const TRAPS: &[&str] = &[
    "The choir of Angels sang.",          // Engels
    "A Pagoda stood in the garden.",      // Yagoda
    "Stain on the cloth.",                // Stalin
    "Porky ate the corn.",                // Gorky
    "He saw a Lemon tree and Kirby.",     // Lenin, Kirov
    "trotksy and stallin in lower case.", // not capitalised
    "Marx and Mars; Koba and Kobe.",      // under 5 letters
];

#[test]
fn dictionary_words_and_short_words_near_names_are_not_misspellings() {
    let mut hits = Vec::new();
    for trap in TRAPS {
        let misspelt: Vec<_> = entry_spans(trap)
            .into_iter()
            .filter(|(_, _, how)| *how == How::Misspelling)
            .collect();
        if !misspelt.is_empty() {
            hits.push(format!("{trap:?}: {misspelt:?}"));
        }
    }
    assert!(hits.is_empty(), "false misspellings:\n{}", hits.join("\n"));
}

/// The example of issue 14, on standard input: the misspelling is tagged,
/// and the glossary lists it under its entry.
#[test]
fn annotate_and_glossary_report_misspellings() {
    let text = "The ogpu arrested Trotksy. Trotksy's papers were burnt.\n";
    let output = glossator()
        .args(["annotate", "-"])
        .write_stdin(text)
        .assert()
        .success();
    let annotations = annotations(&output.get_output().stdout);
    let spans = annotations[0].spans();
    let trotsky: Vec<_> = spans
        .iter()
        .filter(|s| s.entry.as_deref() == Some("trotsky"))
        .map(|s| (s.text.as_ref(), s.how))
        .collect();
    assert_eq!(
        trotsky,
        [
            ("Trotksy", Some(How::Misspelling)),
            ("Trotksy", Some(How::Misspelling))
        ]
    );
    glossator()
        .args(["glossary", "-"])
        .write_stdin(text)
        .assert()
        .success()
        .stdout(contains(r#""aliases_seen":["Trotksy"]"#));
}

/// A misspelt surname is found as the surname would be (matching rules 7
/// and 9): after a full mention, with a title joined, or at once for an
/// entry that says `surname_alone`; a listed form outranks another
/// person's derived surname one edit away; a misspelt name with `of`
/// takes in the first name it holds.
#[test]
fn misspelt_surnames_resolve_like_surnames() {
    let lexicon = r#"
[[entry]]
id = "cranmer"
name = "Thomas Cranmer"
kind = "person"
definition = "Archbishop of Canterbury."

[[entry]]
id = "wolsey"
name = "Thomas Wolsey"
kind = "person"
surname_alone = true
definition = "Cardinal."

[[entry]]
id = "ferdinand"
name = "Ferdinand Hapsburg"
kind = "person"
aliases = ["Hapsburg"]
definition = "A prince."

[[entry]]
id = "maria"
name = "Maria Hapsburgh"
kind = "person"
definition = "A princess."

[[entry]]
id = "anne-boleyn"
name = "Anne Boleyn"
kind = "person"
definition = "A queen."

[[entry]]
id = "anne-of-cleves"
name = "Anne of Cleves"
kind = "person"
definition = "A queen."
"#;
    let text = "Cramner waited. Then Thomas Cranmer wrote; later Archbishop Cramner \
                burned. Wolsley fell. Hapsburgg ruled. Anne Boleyn died; Anne of Clevves came.\n";
    let dir = crate::util::temp_with(&[("names.toml", lexicon.as_bytes())]);
    let out = glossator()
        .args(["annotate", "--no-default-lexicon", "--lexicon"])
        .arg(dir.path().join("names.toml"))
        .arg("-")
        .write_stdin(text)
        .assert()
        .success();
    let annotations = annotations(&out.get_output().stdout);
    let found: Vec<(&str, &str, Option<How>)> = annotations[0]
        .spans()
        .iter()
        .filter_map(|s| Some((s.text.as_ref(), s.entry.as_deref()?, s.how)))
        .collect();
    assert_eq!(
        found,
        [
            ("Thomas Cranmer", "cranmer", Some(How::Listed)),
            ("Archbishop Cramner", "cranmer", Some(How::Misspelling)),
            ("Wolsley", "wolsey", Some(How::Misspelling)),
            ("Hapsburgg", "ferdinand", Some(How::Misspelling)),
            ("Anne Boleyn", "anne-boleyn", Some(How::Listed)),
            ("Anne of Clevves", "anne-of-cleves", Some(How::Misspelling)),
        ]
    );
}
