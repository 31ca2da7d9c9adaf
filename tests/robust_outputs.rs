//! The outputs hold up on awkward input (issue 13): spans written across
//! what the segmenter takes for a sentence break, TSV fields a spreadsheet
//! would run as formulas.

use crate::util::{annotations, glossator, temp_with};

/// Texts whose built-in lexicon spans cross a sentence break the segmenter
/// finds: a short line taken for a heading, a full stop after `[Jan`, a
/// list line before a Markdown link.
const ACROSS_BREAKS: [(&str, &str); 4] = [
    ("a.txt", "Lenin died.\nThe Five-Year\nPlan began.\n"),
    ("r.txt", "Red\nTerror"),
    ("j.txt", "Lenin died [Jan. 1924].\n"),
    (
        "r.md",
        "- [E. H. Carr, The Russian Revolution](https://example.org)\n",
    ),
];

#[test]
fn spans_across_sentence_breaks_build_every_output() {
    for (name, text) in ACROSS_BREAKS {
        let dir = temp_with(&[(name, text.as_bytes())]);
        let out = dir.path().join("out");
        glossator()
            .arg("build")
            .arg(dir.path().join(name))
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        for file in ["glossary.md", "glossary.html", "timeline.md", "index.html"] {
            assert!(out.join(file).is_file(), "{name}: no {file}");
        }
        let json = std::fs::read_dir(out.join("annotations")).unwrap();
        let json = std::fs::read(json.map(|e| e.unwrap().path()).next().unwrap()).unwrap();
        let annotation = annotations(&json).pop().unwrap();
        assert!(!annotation.spans.is_empty(), "{name}");
        for span in &annotation.spans {
            let [start, end] = annotation.sentences[span.sentence];
            assert!(start <= span.start && span.end <= end, "{name}: {span:?}");
        }
    }
}

#[test]
fn spans_across_sentence_breaks_are_quoted_whole() {
    let dir = temp_with(&[
        ("r.txt", b"Red\nTerror"),
        ("j.txt", b"Lenin died [Jan. 1924].\n"),
    ]);
    let run = |args: &[&str], file: &str| {
        let out = glossator()
            .args(args)
            .arg(dir.path().join(file))
            .assert()
            .success();
        String::from_utf8(out.get_output().stdout.clone()).unwrap()
    };
    let glossary = run(&["glossary", "--format", "md"], "r.txt");
    assert!(glossary.contains("“**Red Terror**”"), "{glossary}");
    let timeline = run(&["timeline", "--format", "html"], "j.txt");
    assert!(
        timeline.contains("“Lenin died [<mark>Jan. 1924</mark>].”"),
        "{timeline}"
    );
}

#[test]
fn tsv_fields_a_spreadsheet_would_run_are_neutralised() {
    let lexicon = "[[entry]]\nid = \"kulak\"\nname = \"Kulak\"\nkind = \"term\"\n\
                   definition = \"=HYPERLINK(\\\"http://example.org\\\",\\\"more\\\")\"\n\
                   [[entry]]\nid = \"nepman\"\nname = \"Nepman\"\nkind = \"term\"\n\
                   definition = \"\\t-1+1 a trader\"\n";
    let dir = temp_with(&[
        ("cards.toml", lexicon.as_bytes()),
        ("notes.txt", b"A kulak and a Nepman."),
    ]);
    let out = glossator()
        .args([
            "glossary",
            "--format",
            "tsv",
            "--no-default-lexicon",
            "--lexicon",
        ])
        .arg(dir.path().join("cards.toml"))
        .arg(dir.path().join("notes.txt"))
        .assert()
        .success();
    let tsv = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(
        tsv,
        "Kulak\t'=HYPERLINK(\"http://example.org\",\"more\")\nNepman\t'-1+1 a trader\n"
    );
}
