//! The Anki deck (`glossary --format anki`, `DIR/anki.txt` of `build`) end
//! to end: its golden file, Anki's headers, one Basic note per entry whose
//! answer never shows the term, Cloze notes up to `--cloze`, the deck name,
//! GUIDs stable across runs. `tests/anki/test_import.py` imports it into
//! the real Anki (run by `.ci/run`).

use std::collections::HashSet;

use glossator::glossary::Glossary;

use crate::util::{glossator, golden, test_lexicon};

const GOLDEN_INPUT: &str = "tests/data/golden-input";

/// `glossator ARGS` on the golden input with the rules lexicon.
fn run(args: &[&str]) -> String {
    let out = glossator()
        .args(args)
        .args(["--no-default-lexicon", "--lexicon"])
        .arg(test_lexicon("rules-lexicon.toml"))
        .arg(GOLDEN_INPUT)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// The note lines of a deck, split into their six fields.
fn notes(deck: &str) -> Vec<Vec<&str>> {
    deck.lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| l.split('\t').collect())
        .collect()
}

#[test]
fn the_deck_matches_its_golden_file_and_build_writes_it() {
    let deck = run(&["glossary", "--format", "anki"]);
    golden("anki.txt", deck.as_bytes());
    let dir = tempfile::tempdir().unwrap();
    run(&["build", "--quiet", "--out", dir.path().to_str().unwrap()]);
    golden(
        "anki.txt",
        &std::fs::read(dir.path().join("anki.txt")).unwrap(),
    );
}

#[test]
fn the_headers_give_anki_every_column() {
    let deck = run(&["glossary", "--format", "anki"]);
    let headers: Vec<&str> = deck.lines().take_while(|l| l.starts_with('#')).collect();
    for header in [
        "#separator:tab",
        "#html:true",
        "#guid column:1",
        "#notetype column:2",
        "#deck column:3",
        "#tags column:6",
    ] {
        assert!(headers.contains(&header), "{header} in {headers:?}");
    }
    for note in notes(&deck) {
        assert_eq!(note.len(), 6, "{note:?}");
        assert!(note.iter().all(|f| !f.contains('\r')), "{note:?}");
        assert_eq!(note[2], "Glossator");
        assert!(note[5].starts_with("kind::"), "{note:?}");
    }
}

#[test]
fn one_basic_note_per_entry_never_shows_the_term() {
    // The corpus with the built-in lexicon: definitions that name their
    // own entry ("Alexei Rykov (1881-1938) …").
    let run = |args: &[&str]| {
        let out = glossator().args(args).arg("corpus").assert().success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let deck = run(&["glossary", "--format", "anki"]);
    let glossary: Glossary = serde_json::from_str(&run(&["glossary"])).unwrap();
    let basic: Vec<Vec<&str>> = notes(&deck)
        .into_iter()
        .filter(|n| n[1] == "Basic")
        .collect();
    assert_eq!(basic.len(), glossary.entries().len());
    let mut masked = 0;
    for (note, entry) in basic.iter().zip(glossary.entries()) {
        assert_eq!(note[0], format!("glossator-basic-{}", entry.id));
        let back = note[4].to_lowercase();
        for form in std::iter::once(&entry.name).chain(&entry.aliases_seen) {
            let form = form.to_lowercase();
            let shown = back.match_indices(&form).any(|(at, _)| {
                let before = back[..at].chars().next_back();
                let after = back[at + form.len()..].chars().next();
                !before.is_some_and(char::is_alphanumeric)
                    && !after.is_some_and(char::is_alphanumeric)
            });
            assert!(!shown, "{form:?} in {back:?}");
        }
        masked += usize::from(back.contains("___"));
    }
    assert!(masked >= 5, "{masked} answers masked");
}

#[test]
fn cloze_notes_come_from_sentences_up_to_the_limit() {
    let deck = run(&["glossary", "--format", "anki"]);
    let cloze: Vec<Vec<&str>> = notes(&deck)
        .into_iter()
        .filter(|n| n[1] == "Cloze")
        .collect();
    assert!(!cloze.is_empty());
    let ids: HashSet<&str> = cloze.iter().map(|n| n[0]).collect();
    assert_eq!(ids.len(), cloze.len(), "one Cloze note per entry");
    let texts: HashSet<&str> = cloze.iter().map(|n| n[3]).collect();
    assert_eq!(texts.len(), cloze.len(), "a sentence is used once");
    for note in &cloze {
        assert!(note[3].contains("{{c1::"), "{note:?}");
        assert!(
            !note[3].contains("**") && !note[3].contains("<b>"),
            "{note:?}"
        );
        assert_eq!(note[5].matches("doc::").count(), 1, "{note:?}");
    }
    // A sentence with a date is preferred, and its date is a cloze too.
    assert!(cloze[0][3].contains("{{c2::"), "{:?}", cloze[0]);
    let two = run(&["glossary", "--format", "anki", "--cloze", "2"]);
    let firsts: Vec<Vec<&str>> = notes(&two)
        .into_iter()
        .filter(|n| n[1] == "Cloze")
        .collect();
    assert_eq!(firsts, cloze[..2]);
    let none = run(&["glossary", "--format", "anki", "--cloze", "0"]);
    assert!(notes(&none).iter().all(|n| n[1] == "Basic"));
}

#[test]
fn the_deck_is_named_and_its_guids_are_stable() {
    let deck = run(&[
        "glossary",
        "--format",
        "anki",
        "--deck",
        "History::Russia <1917>",
    ]);
    assert!(notes(&deck)
        .iter()
        .all(|n| n[2] == "History::Russia &lt;1917&gt;"));
    // GUIDs depend on the entries only: fewer occurrences listed, the same
    // notes.
    let guids = |deck: &str| -> Vec<String> {
        notes(deck)
            .iter()
            .filter(|n| n[1] == "Basic")
            .map(|n| n[0].to_string())
            .collect()
    };
    let capped = run(&["glossary", "--format", "anki", "--max-occurrences", "1"]);
    assert_eq!(guids(&deck), guids(&capped));
}
