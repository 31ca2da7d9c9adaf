//! The built-in lexicon: size per kind, links and forms, the counts that
//! `lexicon list` and `lexicon check` print, the seed's key terms and
//! people, and ordinary-English traps that must not be tagged.

use std::collections::{HashMap, HashSet};

use glossator::lexicon::{Kind, Lexicon};
use glossator::text::normalize_form;
use predicates::prelude::*;
use predicates::str::{contains, starts_with};

use crate::matching::{annotate, table_failures};
use crate::seeds::BUILTIN;
use crate::util::{glossator, repo, seeds};

/// How many entries of `kind` the lexicon holds.
fn count(lexicon: &Lexicon, kind: Kind) -> usize {
    lexicon.entries().iter().filter(|e| e.kind == kind).count()
}

#[test]
fn builtin_lexicon_meets_the_course_coverage_targets() {
    let lexicon = Lexicon::builtin().unwrap();
    // Issue 22: at least 250 entries more than the 389 it started from.
    assert!(lexicon.len() >= 639, "entries: {}", lexicon.len());
    for (kind, floor) in [
        (Kind::Person, 340),
        (Kind::Org, 95),
        (Kind::Place, 165),
        (Kind::Event, 140),
        (Kind::Term, 120),
    ] {
        let n = count(&lexicon, kind);
        assert!(n >= floor, "{kind}: {n} < {floor}");
    }
    for entry in lexicon.entries() {
        let words = entry.definition.split_whitespace().count();
        assert!(
            (8..=90).contains(&words),
            "{}: definition of {words} words",
            entry.id
        );
    }
}

#[test]
fn every_see_also_link_names_another_entry_once() {
    let lexicon = Lexicon::builtin().unwrap();
    let mut problems = Vec::new();
    for entry in lexicon.entries() {
        let mut seen = HashSet::new();
        for link in &entry.see_also {
            if lexicon.get(link).is_none() {
                problems.push(format!("{}: unknown id {link}", entry.id));
            }
            if link == &entry.id {
                problems.push(format!("{}: links to itself", entry.id));
            }
            if !seen.insert(link) {
                problems.push(format!("{}: links twice to {link}", entry.id));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// A form claimed by two entries is tagged as only one of them, so the
/// second claim must be deliberate: listed under `ambiguous` by either.
#[test]
fn no_two_entries_claim_a_form_unless_it_is_ambiguous() {
    let lexicon = Lexicon::builtin().unwrap();
    let mut claims: HashMap<String, Vec<&str>> = HashMap::new();
    for entry in lexicon.entries() {
        let forms: HashSet<String> = entry
            .surface_forms()
            .map(|form| normalize_form(form.text, true))
            .collect();
        for form in forms {
            claims.entry(form).or_default().push(&entry.id);
        }
    }
    let declared = |id: &str, form: &str| {
        let entry = lexicon.get(id).unwrap();
        entry
            .ambiguous
            .iter()
            .any(|f| normalize_form(f, true) == form)
    };
    let mut clashes: Vec<String> = claims
        .iter()
        .filter(|(form, ids)| ids.len() > 1 && !ids.iter().any(|id| declared(id, form)))
        .map(|(form, ids)| format!("{form:?}: {ids:?}"))
        .collect();
    clashes.sort();
    assert!(clashes.is_empty(), "{}", clashes.join("\n"));
}

/// `lexicon check` and `lexicon list` report the built-in lexicon's size
/// per kind, as counted here.
#[test]
fn lexicon_check_and_list_print_the_counts_per_kind() {
    let lexicon = Lexicon::builtin().unwrap();
    let per_kind: Vec<String> = Kind::ALL
        .iter()
        .map(|&kind| format!("{} {kind}", count(&lexicon, kind)))
        .collect();
    let summary = format!("{} entries: {}", lexicon.len(), per_kind.join(", "));
    glossator()
        .args(["lexicon", "check"])
        .assert()
        .success()
        .stdout(format!("ok: {summary}\n"));
    let listed = glossator().args(["lexicon", "list"]).assert().success();
    let listed = listed
        .stdout(starts_with(format!("# {summary}\n")))
        .get_output()
        .stdout
        .clone();
    let lines = String::from_utf8(listed).unwrap().lines().count();
    assert_eq!(
        lines,
        lexicon.len() + 1,
        "one line per entry after the counts"
    );
    glossator()
        .args(["lexicon", "list", "--kind", "place"])
        .assert()
        .success()
        .stdout(contains(format!("# {summary}\n")))
        .stdout(contains("\tperson\t").not());
}

/// The README states the built-in lexicon's size per kind; it must be
/// today's.
#[test]
fn readme_states_the_builtin_counts() {
    let lexicon = Lexicon::builtin().unwrap();
    let count = |kind| count(&lexicon, kind);
    let sentence = format!(
        "{} entries: {} people, {} organisations, {} places, {} events and {} terms",
        lexicon.len(),
        count(Kind::Person),
        count(Kind::Org),
        count(Kind::Place),
        count(Kind::Event),
        count(Kind::Term)
    );
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    let readme = readme.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        readme.contains(&sentence),
        "README.md should say: {sentence}"
    );
}

/// Ordinary uses of words that built-in entries also use as names, and the
/// names themselves: `tests/data/lexicon-traps.toml`.
#[test]
fn trap_table_ordinary_words_untagged_and_names_found() {
    let failures = table_failures(include_str!("data/lexicon-traps.toml"), &BUILTIN);
    assert!(
        failures.is_empty(),
        "{} case(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
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
        let tagged = annotation.spans().iter().any(|s| {
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
        .spans()
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
                    let hit = annotation.spans().iter().find(|s| {
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
