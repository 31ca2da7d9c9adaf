//! The built-in lexicon: size per kind, the seed's key terms and people,
//! and ordinary-English traps that must not be tagged.

use glossator::lexicon::{Kind, Lexicon};

use crate::matching::annotate;
use crate::seeds::BUILTIN;
use crate::util::{repo, seeds};

#[test]
fn builtin_lexicon_meets_the_course_coverage_targets() {
    let lexicon = Lexicon::builtin().unwrap();
    let count = |kinds: &[Kind]| {
        lexicon
            .entries()
            .iter()
            .filter(|e| kinds.contains(&e.kind))
            .count()
    };
    assert!(
        count(&[Kind::Person]) >= 60,
        "people: {}",
        count(&[Kind::Person])
    );
    assert!(count(&[Kind::Org]) >= 30, "bodies: {}", count(&[Kind::Org]));
    assert!(
        count(&[Kind::Term]) >= 80,
        "terms: {}",
        count(&[Kind::Term])
    );
    assert!(
        count(&[Kind::Event, Kind::Place]) >= 40,
        "events and places: {}",
        count(&[Kind::Event, Kind::Place])
    );
    for entry in lexicon.entries() {
        let words = entry.definition.split_whitespace().count();
        assert!(
            (8..=90).contains(&words),
            "{}: definition of {words} words",
            entry.id
        );
    }
}

/// The key terms defined in the "Key term(s)" boxes of seed 001, as the
/// seed writes them, and every person named in it, with the entry each
/// must be tagged as.
const SEED_001_EXPECTED: &[(&str, &str)] = &[
    ("October deserters", "october-deserters"),
    ("Commissar for Nationalities", "commissar-for-nationalities"),
    ("Council of Peoples' Commissars", "sovnarkom"),
    ("Secretariat", "secretariat"),
    ("Patronage", "patronage"),
    ("CPSU", "cpsu"),
    ("Politburo", "politburo"),
    ("Economism", "economism"),
    ("Anti-Semitism", "anti-semitism"),
    ("Triumvirate", "triumvirate"),
    ("Bureaucratisation", "bureaucratisation"),
    ("Party democracy", "party-democracy"),
    ("Commissar for War", "commissar-for-war"),
    ("Left Communists", "left-communists"),
    ("Right Communists", "right-communists"),
    ("Gosplan", "gosplan"),
    ("Lenin's testament", "lenins-testament"),
    ("Lenin enrolment", "lenin-enrolment"),
    // People.
    ("Stalin", "stalin"),
    ("Joseph Stalin", "stalin"),
    ("Joseph Vissarionovich Djughashvili", "stalin"),
    ("Lenin", "lenin"),
    ("Trotsky", "trotsky"),
    ("Lev Trotsky", "trotsky"),
    ("Bronstein", "trotsky"),
    ("Kamenev", "kamenev"),
    ("Zinoviev", "zinoviev"),
    ("Bukharin", "bukharin"),
    ("Rykov", "rykov"),
    ("Tomsky", "tomsky"),
    ("Krupskaya", "krupskaya"),
    ("Nicolai Sukhanov", "sukhanov"),
    ("Robert Service", "robert-service"),
];

#[test]
fn seed_001_key_terms_and_people_are_tagged() {
    let Some(dir) = seeds() else { return };
    let text = std::fs::read_to_string(dir.join("001_33e3a26fa968acc4.txt")).unwrap();
    let annotation = annotate(&BUILTIN, &text);
    let mut missing = Vec::new();
    for (surface, id) in SEED_001_EXPECTED {
        assert!(text.contains(surface), "{surface:?} is in the seed");
        let tagged = annotation.spans.iter().any(|s| {
            s.entry.as_deref() == Some(id)
                && s.text.split_whitespace().eq(surface.split_whitespace())
        });
        if !tagged {
            missing.push(format!("{surface:?} as {id}"));
        }
    }
    assert!(missing.is_empty(), "not tagged: {missing:?}");
}

/// Ordinary English that must stay untagged whatever the lexicon holds.
const ORDINARY_PROSE: &str = "He left the party early because he had the right to appoint \
    his own staff. A plan was drawn up; party members voted to purge the list of errors. \
    The secretariat of the tennis club met the congress of doctors. Whites and reds were \
    served at dinner. There was terror in her eyes. The union of two firms under one centre \
    faced opposition at trial. The famine relief service praised the conquest of the summit; \
    pipes, a ward, a tucker bag and a young pioneer of aviation. The cadets marched past a great \
    turn of the river. He will plan a party on the right and leave the left alone.";

#[test]
fn ordinary_english_yields_no_spans() {
    let annotation = annotate(&BUILTIN, ORDINARY_PROSE);
    let tagged: Vec<_> = annotation
        .spans
        .iter()
        .filter(|s| s.entry.is_some())
        .map(|s| (&s.text, &s.entry))
        .collect();
    assert!(tagged.is_empty(), "false hits: {tagged:?}");
}

/// Trap phrases found in the corpus and seeds: (phrase, word in it that
/// must not be covered by any entry span, or by `only` this entry's).
const TRAPS: &[(&str, &str, Option<&str>)] = &[
    ("the right to appoint", "right", None),
    ("left the party", "left", None),
    ("left the government", "left", None),
    ("a plan", "plan", None),
    ("party members", "party", None),
    ("to purge", "purge", None),
    ("Stalinist", "Stalinist", Some("stalin")),
    ("Trotskyist", "Trotskyist", Some("trotsky")),
    ("Leninism", "Leninism", Some("lenin")),
    ("Leninist", "Leninist", Some("lenin")),
];

#[test]
fn known_traps_in_corpus_and_seeds_yield_nothing() {
    let mut dirs = vec![repo().join("corpus")];
    dirs.extend(seeds());
    let mut seen = vec![0; TRAPS.len()];
    let mut hits = Vec::new();
    for dir in dirs {
        for file in std::fs::read_dir(dir).unwrap() {
            let path = file.unwrap().path();
            let text = std::fs::read_to_string(&path).unwrap();
            let annotation = annotate(&BUILTIN, &text);
            for (i, (phrase, word, forbidden)) in TRAPS.iter().enumerate() {
                for (at, _) in text.match_indices(phrase) {
                    seen[i] += 1;
                    let word_at = at + phrase.find(word).unwrap();
                    let word_end = word_at + word.len();
                    let hit = annotation.spans.iter().find(|s| {
                        s.entry.is_some()
                            && s.start < word_end
                            && word_at < s.end
                            && forbidden.is_none_or(|id| s.entry.as_deref() == Some(id))
                    });
                    if let Some(span) = hit {
                        hits.push(format!(
                            "{}: {phrase:?} tagged as {:?} ({:?})",
                            path.display(),
                            span.entry,
                            span.text
                        ));
                    }
                }
            }
        }
    }
    assert!(hits.is_empty(), "trap hits:\n{}", hits.join("\n"));
    let unseen: Vec<_> = TRAPS
        .iter()
        .zip(&seen)
        .filter(|(_, n)| **n == 0)
        .map(|(t, _)| t.0)
        .collect();
    assert!(
        unseen.is_empty(),
        "traps no text contains (so the test proves nothing for them): {unseen:?}"
    );
}

#[test]
fn corpus_has_at_least_eight_texts_and_40_kb() {
    let files: Vec<_> = std::fs::read_dir(repo().join("corpus"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    let bytes: u64 = files.iter().map(|f| f.metadata().unwrap().len()).sum();
    assert!(files.len() >= 8, "{} texts", files.len());
    assert!(bytes >= 40_000, "{bytes} bytes");
}
