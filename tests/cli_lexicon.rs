//! `glossator lexicon check|list`, and lexicon errors seen from the CLI.

use predicates::prelude::*;
use predicates::str::contains;

use crate::util::{annotations, glossator, temp_with, test_lexicon};

#[test]
fn check_reports_counts_for_a_good_lexicon() {
    glossator()
        .args(["lexicon", "check", "--no-default-lexicon", "--lexicon"])
        .arg(test_lexicon("rules-lexicon.toml"))
        .assert()
        .success()
        .stdout(contains(
            "ok: 15 entries: 4 person, 4 org, 0 place, 1 event, 6 term",
        ));
}

#[test]
fn malformed_lexicon_names_file_and_line_and_exits_2() {
    let dir = temp_with(&[
        (
            "bad.toml",
            b"[[entry]]\nid = \"x\"\nname = \"X\"\nkind = \"thing\"\ndefinition = \"d\"\n",
        ),
        ("notes.txt", b"Stalin"),
    ]);
    let bad = dir.path().join("bad.toml");
    glossator()
        .args(["annotate", "--lexicon"])
        .arg(&bad)
        .arg(dir.path().join("notes.txt"))
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(format!(
            "{}:4: unknown variant `thing`",
            bad.display()
        )));
}

#[test]
fn tsv_lexicons_are_read_like_anki_exports() {
    let dir = temp_with(&[(
        "cards.tsv",
        b"#separator:tab\nsmychka\tThe worker-peasant alliance\nbroken line\n",
    )]);
    glossator()
        .args(["lexicon", "check", "--no-default-lexicon", "--lexicon"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("cards.tsv:3: expected term<TAB>definition"));
}

/// A student's `[[extend]]` adds a spelling to the built-in `trotsky`, a
/// teacher's card `kulak` is the built-in entry with the card's
/// definition (no duplicate id), and a new card is a new entry; an
/// `[[extend]]` of no entry is an error at its line.
#[test]
fn user_lexicons_extend_builtin_entries() {
    let dir = temp_with(&[
        (
            "mine.toml",
            b"[[extend]]\nid = \"trotsky\"\naliases = [\"Trotksy\"]\n",
        ),
        (
            "cards.tsv",
            "kulak\tA better-off peasant, in our course's words.\n\
             zemstvo\tAn elected local council of Tsarist Russia.\n"
                .as_bytes(),
        ),
    ]);
    let text = "Trotksy said the kulak and the zemstvo were gone.";
    let out = glossator()
        .args(["annotate", "--lexicon"])
        .arg(dir.path())
        .arg("-")
        .write_stdin(text)
        .assert()
        .success();
    let spans = annotations(&out.get_output().stdout).remove(0).into_spans();
    let found: Vec<(&str, &str, &str)> = spans
        .iter()
        .map(|s| {
            let how = s.how.map_or("", |how| how.as_str());
            (&*s.text, s.entry.as_deref().unwrap_or(""), how)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("Trotksy", "trotsky", "listed"),
            ("kulak", "kulaks", "listed"),
            ("zemstvo", "zemstvo", "listed"),
        ]
    );
    let output = glossator()
        .args(["glossary", "--lexicon"])
        .arg(dir.path())
        .arg("-")
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(output.status.success());
    let glossary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let kulak = glossary["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "kulaks")
        .expect("the built-in kulak entry");
    assert_eq!(
        kulak["definition"],
        "A better-off peasant, in our course's words."
    );

    let bad = temp_with(&[(
        "typo.toml",
        b"# a typo in the id\n[[extend]]\nid = \"trotskyy\"\naliases = [\"Trotksy\"]\n",
    )]);
    glossator()
        .args(["lexicon", "check", "--lexicon"])
        .arg(bad.path().join("typo.toml"))
        .assert()
        .code(2)
        .stderr(contains(
            "typo.toml:2: `[[extend]]` names unknown id `trotskyy`",
        ));
}

/// The definitions `glossator glossary` gives each entry found in `text`,
/// with `--no-default-lexicon --lexicon cards`, by name.
fn glossary_of(cards: &std::path::Path, text: &str) -> Vec<(String, String)> {
    let output = glossator()
        .args(["glossary", "--no-default-lexicon", "--lexicon"])
        .arg(cards)
        .arg("-")
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let glossary: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let mut entries: Vec<(String, String)> = glossary["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            let field = |name: &str| e[name].as_str().unwrap().to_string();
            (field("name"), field("definition"))
        })
        .collect();
    entries.sort();
    entries
}

fn pairs(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut pairs: Vec<_> = pairs
        .iter()
        .map(|(a, b)| (a.to_string(), b.to_string()))
        .collect();
    pairs.sort();
    pairs
}

/// Notes that mention every card of `tests/data/cards/`.
const CARD_NOTES: &str = "In 1929 the kulak (Сталин called them enemies) lost his land; \
    Nikolai Bukharin objected. Magnitogorsk rose, Gosplan set targets, the Smychka ended and \
    Dekulakisation began. Each Kolkhoz answered to Sergei Kirov, far from Lake Baikal, \
    after Dizzy with Success. Вышинский prosecuted. That term is a Term.";

#[test]
fn anki_exports_are_read_as_anki_reads_them() {
    let cards = crate::util::repo().join("tests/data/cards");
    let anki = pairs(&[
        (
            "kulak",
            "A better-off peasant; from 1929 \"liquidated as a class\".",
        ),
        (
            "Сталин",
            "Stalin in Russian: General Secretary (1878 – 1953).",
        ),
        (
            "Nikolai Bukharin",
            "Bolshevik theorist (1888–1938), defender of the NEP.",
        ),
        (
            "Magnitogorsk",
            "A steel city in the southern Urals, built from 1929.",
        ),
        (
            "Smychka",
            "The alliance of workers & peasants the NEP was meant to keep.",
        ),
        (
            "Gosplan",
            "State planning committee; wrote the \"control figures\" of each plan.",
        ),
        (
            "Dekulakisation",
            "The deportation of kulak families, 1930–1933.",
        ),
        ("Term", "A card whose front really is the word Term."),
    ]);
    // With HTML, GUIDs, note types, decks and tags; without; as cards.
    for file in ["anki-notes.txt", "anki-plain.txt", "anki-cards.txt"] {
        assert_eq!(glossary_of(&cards.join(file), CARD_NOTES), anki, "{file}");
    }
    glossator()
        .args(["lexicon", "list", "--no-default-lexicon", "--lexicon"])
        .arg(cards.join("anki-notes.txt"))
        .assert()
        .success()
        .stdout(contains("\nstalin\tperson\tСталин\t\n"))
        .stdout(contains("Basic").not())
        .stdout(contains("Soviet Union").not());
}

/// `glossator lexicon list`'s `id<TAB>kind` pairs for a lexicon alone.
fn kinds_in(lexicon: &std::path::Path) -> Vec<(String, String)> {
    let output = glossator()
        .args(["lexicon", "list", "--no-default-lexicon", "--lexicon"])
        .arg(lexicon)
        .output()
        .unwrap();
    assert!(output.status.success());
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines = stdout.lines().filter(|line| !line.starts_with('#'));
    let pairs = lines.map(|line| {
        let mut fields = line.split('\t');
        let id = fields.next().unwrap().to_string();
        (id, fields.next().unwrap().to_string())
    });
    pairs.collect()
}

#[test]
fn cards_get_kinds_from_tags_a_kind_column_or_their_definition() {
    let cards = crate::util::repo().join("tests/data/cards");
    let expected = |gosplan: &str| {
        let kinds = [
            ("kulak", "term"),
            ("stalin", "person"),
            ("nikolai-bukharin", "person"),
            ("magnitogorsk", "place"),
            ("smychka", "term"),
            ("gosplan", gosplan),
            ("dekulakisation", "term"),
            ("term", "term"),
        ];
        pairs(&kinds)
    };
    let sorted = |mut kinds: Vec<(String, String)>| {
        kinds.sort();
        kinds
    };
    // Anki's tags say `org` for Gosplan; without tags, its definition
    // ("State planning committee") makes it a term.
    assert_eq!(
        sorted(kinds_in(&cards.join("anki-notes.txt"))),
        expected("org")
    );
    assert_eq!(
        sorted(kinds_in(&cards.join("anki-cards.txt"))),
        expected("term")
    );
    let dir = temp_with(&[(
        "kinds.csv",
        "Term,Definition,Kind\nBaikal,Deep water,place\nKirov,Boss (1886–1934),\n\
         Pravda,A newspaper,Event\n"
            .as_bytes(),
    )]);
    assert_eq!(
        sorted(kinds_in(&dir.path().join("kinds.csv"))),
        pairs(&[
            ("baikal", "place"),
            ("kirov", "person"),
            ("pravda", "event")
        ])
    );
}

#[test]
fn quizlet_and_spreadsheet_exports_are_read() {
    let cards = crate::util::repo().join("tests/data/cards");
    assert_eq!(
        glossary_of(&cards.join("quizlet.txt"), CARD_NOTES),
        pairs(&[
            ("Kolkhoz", "A collective farm."),
            (
                "Sergei Kirov",
                "Leningrad party boss (1886–1934) whose murder began the purges."
            ),
            (
                "Lake Baikal",
                "A lake in southern Siberia, the deepest in the world."
            ),
            (
                "Dizzy with Success",
                "Stalin's article of March 1930 pausing collectivisation."
            ),
        ])
    );
    assert_eq!(
        glossary_of(&cards.join("excel-unicode.txt"), CARD_NOTES),
        pairs(&[
            ("Kolkhoz", "Collective farm"),
            (
                "Вышинский",
                "Prosecutor (1883–1954) at the \"show trials\"."
            ),
        ])
    );
}

#[test]
fn card_files_in_a_folder_are_tsv_and_csv_and_errors_name_the_line() {
    let dir = temp_with(&[
        (
            "cards.csv",
            b"Term,Definition\nkulak,\"A peasant, richer\"\n",
        ),
        ("notes.txt", b"not a lexicon"),
        (
            "more.tsv",
            b"#separator:tab\nsmychka\tAlliance\n\"broken\nacross lines\"\n",
        ),
    ]);
    glossator()
        .args(["lexicon", "check", "--no-default-lexicon", "--lexicon"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains("more.tsv:3: expected term<TAB>definition"))
        .stderr(contains("notes.txt").not())
        .stderr(contains("cards.csv").not());
}

#[test]
fn lexicons_in_utf16_or_with_a_bom_are_read_and_other_bytes_refused_at_their_line() {
    let mut utf16 = vec![0xFF, 0xFE];
    utf16.extend(
        "smychka\tThe worker-peasant alliance\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes),
    );
    let dir = temp_with(&[
        ("utf16.tsv", &utf16),
        ("bom.tsv", "\u{FEFF}kulak\tA richer peasant\n".as_bytes()),
    ]);
    glossator()
        .args(["annotate", "--no-default-lexicon", "--lexicon"])
        .arg(dir.path())
        .arg("-")
        .write_stdin("The kulak and the smychka.")
        .assert()
        .success()
        .stdout(contains(r#""entry":"kulak""#))
        .stdout(contains(r#""entry":"smychka""#));
    let dir = temp_with(&[("latin.tsv", b"kulak\tA richer peasant\ncaf\xE9\tA place\n")]);
    glossator()
        .args(["lexicon", "check", "--no-default-lexicon", "--lexicon"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(contains(
            "latin.tsv:2: not valid UTF-8 (first bad byte at offset 26)",
        ));
}

#[test]
fn list_filters_by_kind() {
    glossator()
        .args([
            "lexicon",
            "list",
            "--no-default-lexicon",
            "--kind",
            "person",
            "--lexicon",
        ])
        .arg(test_lexicon("rules-lexicon.toml"))
        .assert()
        .success()
        .stdout(contains("stalin\tperson\tJoseph Stalin\tStalin; Сталин"))
        .stdout(contains("nep").not());
}

#[test]
fn coverage_lists_untagged_phrases_most_widespread_first() {
    let dir = temp_with(&[
        (
            "a.txt",
            "Stalin met the Tractor Centre. 'Dizzy with Success' was printed.".as_bytes(),
        ),
        ("b.txt", b"Then the Tractor Centre spoke to Joseph Stalin."),
    ]);
    glossator()
        .args(["lexicon", "coverage", "--no-default-lexicon", "--lexicon"])
        .arg(test_lexicon("rules-lexicon.toml"))
        .arg(dir.path())
        .assert()
        .success()
        .stdout("# documents\toccurrences\tuncovered phrase\n2\t2\tTractor Centre\n1\t1\tDizzy with Success\n");
}

#[test]
fn coverage_proposes_names_and_reports_misspellings() {
    let dir = temp_with(&[
        (
            "a.txt",
            "Stallin and Bukharin met. Meanwhile Kamenev's allies waited for Emperor Charles V."
                .as_bytes(),
        ),
        (
            "b.txt",
            b"Then Stallin spoke; Stallin won. Lennin had died.",
        ),
    ]);
    glossator()
        .args(["lexicon", "coverage", "--no-default-lexicon", "--lexicon"])
        .arg(test_lexicon("rules-lexicon.toml"))
        .arg(dir.path())
        .assert()
        .success()
        .stdout(
            "# documents\toccurrences\tuncovered phrase\n\
             1\t1\tBukharin\n\
             1\t1\tEmperor Charles V\n\
             1\t1\tKamenev\n\
             # misspellings found: written → entry, occurrences\n\
             Stallin → Joseph Stalin, 3×\n\
             Lennin → Lenin, 1×\n",
        );
}
