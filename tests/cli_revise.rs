//! The glossary to revise from (issue 18 item 3) end to end: people sorted
//! by surname (`sort_as`, derived where absent), section and A–Z jump
//! links, passages as plain text, `--max-occurrences 0`, the format from
//! `--out`'s extension, and the compact glossary.

use std::path::Path;

use crate::util::{glossator, golden, test_lexicon};

const LEXICON: &str = r#"
[[entry]]
id = "stalin"
name = "Joseph Stalin"
kind = "person"
aliases = ["Stalin"]
definition = "General Secretary from 1922."

[[entry]]
id = "trotsky"
name = "Leon Trotsky"
kind = "person"
aliases = ["Trotsky"]
definition = "Commissar for War, expelled in 1927."

[[entry]]
id = "nicholas-ii"
name = "Nicholas II"
kind = "person"
definition = "The last Tsar."

[[entry]]
id = "de-gaulle"
name = "Charles de Gaulle"
kind = "person"
aliases = ["de Gaulle"]
sort_as = "Gaulle, Charles de"
definition = "Leader of the Free French."

[[entry]]
id = "right"
name = "Right Opposition"
kind = "org"
exact_case = ["the Right"]
definition = "Bukharin's group."
"#;

const NOTES: &str = "# Revision\n\nNicholas II abdicated in 1917. **Trotsky** lost to Stalin, \
and the **Right** lost to _Stalin_ too.\n\nDe Gaulle met Stalin in 1944.\n";

/// A folder with the lexicon and the notes above.
fn notes() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("people.toml"), LEXICON).unwrap();
    std::fs::create_dir(dir.path().join("notes")).unwrap();
    std::fs::write(dir.path().join("notes/revision.md"), NOTES).unwrap();
    dir
}

/// `glossator COMMAND ARGS` over the notes, with their lexicon alone.
fn run(dir: &Path, args: &[&str]) -> String {
    let out = glossator()
        .current_dir(dir)
        .args(args)
        .args(["--no-default-lexicon", "--lexicon", "people.toml", "notes"])
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// Where each of `names` first appears in `text`, which must hold them all.
fn positions(text: &str, names: &[&str]) -> Vec<usize> {
    names
        .iter()
        .map(|n| text.find(n).unwrap_or_else(|| panic!("{n} in {text}")))
        .collect()
}

#[test]
fn people_are_sorted_by_surname_in_every_listing() {
    let dir = notes();
    let order = [
        "Charles de Gaulle",
        "Nicholas II",
        "Joseph Stalin",
        "Leon Trotsky",
    ];
    for format in ["md", "html", "compact"] {
        let out = run(dir.path(), &["glossary", "--format", format]);
        let at = positions(&out, &order);
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{format}: {at:?}");
    }
    // sort_as is kept in the JSON, and so through a merge.
    let json = run(dir.path(), &["glossary"]);
    assert!(json.contains(r#""sort_as":"Gaulle, Charles de""#), "{json}");
}

#[test]
fn sections_and_letters_have_jump_links() {
    let dir = notes();
    let md = run(dir.path(), &["glossary", "--format", "md"]);
    for (link, anchor) in [
        ("[People](#index-person)", "<a id=\"index-person\"></a>"),
        ("[Organisations](#index-org)", "<a id=\"index-org\"></a>"),
        ("[G](#index-person-g)", "<a id=\"index-person-g\"></a>"),
        ("[S](#index-person-s)", "<a id=\"index-person-s\"></a>"),
        ("[T](#index-person-t)", "<a id=\"index-person-t\"></a>"),
    ] {
        assert!(md.contains(link) && md.contains(anchor), "{link} {anchor}");
    }
    let html = run(dir.path(), &["glossary", "--format", "html"]);
    for id in [
        "index-person",
        "index-org",
        "index-person-g",
        "index-person-n",
    ] {
        assert!(html.contains(&format!("href=\"#{id}\"")), "{id}");
        assert!(html.contains(&format!("id=\"{id}\"")), "{id}");
    }
}

#[test]
fn passages_are_plain_text() {
    let dir = notes();
    let md = run(dir.path(), &["glossary", "--format", "md"]);
    assert!(md.contains("“**Trotsky** lost to Stalin, and the Right lost to Stalin too.”"));
    let html = run(dir.path(), &["glossary", "--format", "html"]);
    assert!(html.contains("<mark>Trotsky</mark> lost to Stalin, and the Right lost"));
    for out in [&md, &html] {
        assert!(
            !out.contains("\\*\\*") && !out.contains("\\_Stalin"),
            "{out}"
        );
    }
}

#[test]
fn max_occurrences_0_drops_the_passages() {
    let dir = notes();
    let md = run(
        dir.path(),
        &["glossary", "--format", "md", "--max-occurrences", "0"],
    );
    assert!(md.contains("*Occurs 3 times in 1 document.*"), "{md}");
    assert!(
        !md.contains("Where it appears") && !md.contains("more"),
        "{md}"
    );
    let html = run(
        dir.path(),
        &["glossary", "--format", "html", "--max-occurrences", "0"],
    );
    assert!(!html.contains("class=\"passages\"") && !html.contains("more."));
}

#[test]
fn the_format_follows_the_extension_unless_given() {
    let dir = notes();
    for (file, flags, starts) in [
        ("g.md", &[][..], "# Glossary"),
        ("g.markdown", &[][..], "# Glossary"),
        ("g.html", &[][..], "<!DOCTYPE html>"),
        ("g.tsv", &[][..], "Charles de Gaulle\t"),
        ("g.json", &[][..], "{\"schema\""),
        ("g.md", &["--format", "json"][..], "{\"schema\""),
    ] {
        let mut args = vec!["glossary", "--out", file];
        args.extend(flags);
        run(dir.path(), &args);
        let out = std::fs::read_to_string(dir.path().join(file)).unwrap();
        assert!(out.starts_with(starts), "{file} {flags:?}: {out}");
    }
    run(dir.path(), &["timeline", "--out", "t.md"]);
    let timeline = std::fs::read_to_string(dir.path().join("t.md")).unwrap();
    assert!(timeline.starts_with("# Timeline"), "{timeline}");
    glossator()
        .current_dir(dir.path())
        .args(["glossary", "--out", "g.docx", "notes"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "cannot tell the output format from the extension .docx; give --format",
        ));
}

#[test]
fn the_compact_glossary_has_a_line_per_term() {
    let compact = glossator()
        .args([
            "glossary",
            "--format",
            "compact",
            "--no-default-lexicon",
            "--lexicon",
        ])
        .arg(test_lexicon("rules-lexicon.toml"))
        .arg("tests/data/golden-input")
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    golden("glossary-compact.html", &compact);
    let dir = notes();
    let compact = run(dir.path(), &["glossary", "--format", "compact"]);
    assert_eq!(compact.matches("<tr>").count(), 5);
    assert!(compact.contains(
        "<tr><th><a href=\"glossary.html#trotsky\">Leon Trotsky</a></th>\
         <td><div class=\"clamp\">Commissar for War, expelled in 1927.</div></td></tr>"
    ));
    let site = dir.path().join("site");
    run(dir.path(), &["build", "--quiet", "--out", "site"]);
    assert_eq!(
        std::fs::read_to_string(site.join("glossary-compact.html")).unwrap(),
        compact
    );
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("href=\"glossary-compact.html\""));
}
