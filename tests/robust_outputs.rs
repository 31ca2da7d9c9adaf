//! The outputs hold up on awkward input (issue 13): spans written across
//! what the segmenter takes for a sentence break, TSV fields a spreadsheet
//! would run as formulas, partials that are unsorted, overlapping,
//! hand-edited or hostile.

use std::path::Path;

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
        assert!(!annotation.spans().is_empty(), "{name}");
        for span in annotation.spans() {
            let [start, end] = annotation.sentences()[span.sentence];
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

/// The `glossary` or `timeline` partial (`command`) of the files `names`
/// of `dir`, as JSON to edit.
fn partial(command: &str, dir: &Path, names: &[&str]) -> serde_json::Value {
    let out = glossator()
        .arg(command)
        .args(names.iter().map(|name| dir.join(name)))
        .assert()
        .success();
    serde_json::from_slice(&out.get_output().stdout).unwrap()
}

/// Writes `partials` into `dir` and runs `merge` on them with `args`.
fn merge(dir: &Path, partials: &[serde_json::Value], args: &[&str]) -> assert_cmd::assert::Assert {
    let paths: Vec<_> = partials
        .iter()
        .enumerate()
        .map(|(i, partial)| {
            let path = dir.join(format!("partial-{i}.json"));
            std::fs::write(&path, partial.to_string()).unwrap();
            path
        })
        .collect();
    glossator().arg("merge").args(&paths).args(args).assert()
}

fn shards() -> tempfile::TempDir {
    temp_with(&[
        (
            "A/notes.txt",
            b"Lenin died in 1924. Stalin and Trotsky fought.",
        ),
        (
            "B/notes.txt",
            b"In 1928 Stalin began the Five-Year Plan and the NEP ended.",
        ),
        (
            "B/copy.txt",
            b"Lenin died in 1924. Stalin and Trotsky fought.",
        ),
    ])
}

#[test]
fn merge_sorts_what_a_partial_left_unsorted() {
    let dir = shards();
    let first = partial("glossary", dir.path(), &["A/notes.txt"]);
    let second = partial("glossary", dir.path(), &["B/notes.txt"]);
    let sorted = merge(dir.path(), &[first.clone(), second.clone()], &[]).success();
    let (mut first, mut second) = (first, second);
    for part in [&mut first, &mut second] {
        part["entries"].as_array_mut().unwrap().reverse();
    }
    let reversed = merge(dir.path(), &[first, second], &[]).success();
    let ids = |out: &assert_cmd::assert::Assert| {
        let merged: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
        let entries = merged["entries"].as_array().unwrap().clone();
        entries
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect::<Vec<_>>()
    };
    let got = ids(&reversed);
    assert_eq!(got, ids(&sorted));
    let mut unique = got.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), got.len(), "{got:?}");
    assert_eq!(reversed.get_output().stdout, sorted.get_output().stdout);
}

#[test]
fn shards_are_known_by_their_text_not_their_name() {
    let dir = shards();
    let a = partial("glossary", dir.path(), &["A/notes.txt"]);
    let b = partial("glossary", dir.path(), &["B/notes.txt"]);
    assert_eq!(a["documents"][0]["id"], b["documents"][0]["id"]);
    let out = merge(dir.path(), &[a.clone(), b], &[]).success();
    let merged: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert_eq!(merged["documents"].as_array().unwrap().len(), 2);
    let copy = partial("glossary", dir.path(), &["B/copy.txt"]);
    merge(dir.path(), &[a, copy], &[])
        .code(2)
        .stderr(predicates::str::contains("document `copy`"))
        .stderr(predicates::str::contains("is document `notes`"));
    // Partials written before documents had a hash: by id and path.
    let mut old = partial("timeline", dir.path(), &["A/notes.txt"]);
    old["documents"][0]
        .as_object_mut()
        .unwrap()
        .remove("sha256");
    let new = partial("timeline", dir.path(), &["B/notes.txt"]);
    merge(dir.path(), &[old.clone(), new], &[]).success();
    merge(dir.path(), &[old.clone(), old], &[])
        .code(2)
        .stderr(predicates::str::contains("the same id and path"));
}

#[test]
fn counts_that_would_wrap_are_refused() {
    let dir = shards();
    let mut a = partial("glossary", dir.path(), &["A/notes.txt"]);
    let b = partial("glossary", dir.path(), &["B/notes.txt"]);
    let stalin = a["entries"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .find(|e| e["id"] == "stalin")
        .unwrap();
    // The partial's own total still fits; with the second one's, it would not.
    stalin["count"] = serde_json::json!(u64::MAX - 3);
    merge(dir.path(), &[a.clone()], &["--format", "md"]).success();
    merge(dir.path(), &[a, b], &[])
        .code(2)
        .stderr(predicates::str::contains("more than glossator can count"));
}

/// A change to a partial's entry.
type Edit = fn(&mut serde_json::Value);

#[test]
fn hand_edited_partials_are_refused_with_the_entry_named() {
    let dir = shards();
    let good = partial("glossary", dir.path(), &["A/notes.txt"]);
    let edits: [(&str, Edit); 6] = [
        ("is not inside its sentence", |e| {
            e["occurrences"][0]["start"] = 9999.into();
        }),
        ("is not the text of its context", |e| {
            e["occurrences"][0]["text"] = "x".into();
        }),
        ("is not as long as its context", |e| {
            e["occurrences"][0]["context"] = "".into();
        }),
        ("is not in the document list", |e| {
            e["occurrences"][0]["doc"] = "other".into();
        }),
        ("count is 0", |e| e["count"] = 0.into()),
        ("doc_count 5 is 0, or more", |e| e["doc_count"] = 5.into()),
    ];
    for (message, edit) in edits {
        let mut bad = good.clone();
        edit(&mut bad["entries"][0]);
        merge(dir.path(), &[bad], &["--format", "md"])
            .code(2)
            .stderr(predicates::str::contains("not a valid partial: entry `"))
            .stderr(predicates::str::contains(message));
    }
    let mut twice = good.clone();
    let first = twice["entries"][0].clone();
    twice["entries"].as_array_mut().unwrap().push(first);
    merge(dir.path(), &[twice], &[])
        .code(2)
        .stderr(predicates::str::contains("is listed twice"));
    let mut timeline = partial("timeline", dir.path(), &["A/notes.txt"]);
    timeline["events"][0]["span"] = serde_json::json!([3, 1]);
    merge(dir.path(), &[timeline], &["--format", "html"])
        .code(2)
        .stderr(predicates::str::contains("event 0 (\"1924\")"));
}

#[test]
fn ids_from_partials_cannot_inject_markup() {
    let dir = shards();
    let mut part = partial("glossary", dir.path(), &["A/notes.txt"]);
    let hostile = "x\"><script>alert(1)</script>) [click](javascript:alert(2)";
    part["documents"][0]["id"] = "<img src=x onerror=alert(3)>".into();
    let entries = part["entries"].as_array_mut().unwrap();
    entries[0]["id"] = hostile.into();
    entries[1]["see_also"] = serde_json::json!([hostile]);
    for occurrence in entries
        .iter_mut()
        .flat_map(|e| e["occurrences"].as_array_mut().unwrap().iter_mut())
    {
        occurrence["doc"] = "<img src=x onerror=alert(3)>".into();
    }
    for format in ["md", "html"] {
        let out = merge(dir.path(), &[part.clone()], &["--format", format]).success();
        let page = String::from_utf8(out.get_output().stdout.clone()).unwrap();
        assert!(
            !page.contains("<script") && !page.contains("<img"),
            "{page}"
        );
        if format == "md" {
            // The see_also link to the hostile id stays one link.
            let link = "(#x%22%3E%3Cscript%3Ealert%281%29%3C%2Fscript%3E%29%20%5Bclick%5D%28javascript%3Aalert%282%29)";
            assert!(page.contains(link), "{page}");
            // Inside the anchor's attribute it is text, not a link.
            let links = page.lines().filter(|line| !line.starts_with("<a id="));
            assert!(
                links.clone().all(|line| !line.contains("](javascript:")),
                "{page}"
            );
        }
    }
}
