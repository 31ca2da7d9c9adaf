//! `glossator lexicon check|list`, and lexicon errors seen from the CLI.

use predicates::prelude::*;
use predicates::str::contains;

use crate::util::{glossator, temp_with, test_lexicon};

#[test]
fn check_reports_counts_for_a_good_lexicon() {
    glossator()
        .args(["lexicon", "check", "--no-default-lexicon", "--lexicon"])
        .arg(test_lexicon("rules-lexicon.toml"))
        .assert()
        .success()
        .stdout(contains(
            "ok: 13 entries: 4 person, 2 org, 0 place, 1 event, 6 term",
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
