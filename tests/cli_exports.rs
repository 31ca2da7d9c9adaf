//! The exchange formats (`annotate --format`, `export --format`): golden
//! files over `tests/data/golden-input`, each format checked against what
//! its consumer reads (offsets in code points that give the span's text,
//! the Web Annotation model's shape, TEI that an XML parser reads and
//! whose tags hold the spans), and `export` of annotation JSON giving
//! exactly what `annotate --format` gives.

use std::path::Path;

use quick_xml::events::Event;
use quick_xml::XmlVersion;
use serde_json::Value;

use crate::util::{annotations, glossator, golden, repo, temp_with, test_lexicon};

const GOLDEN_INPUT: &str = "tests/data/golden-input";

/// `glossator ARGS --no-default-lexicon --lexicon rules-lexicon.toml
/// PATHS` in `dir`, which must succeed; its stdout.
fn run_in(dir: &Path, args: &[&str], paths: &[&str]) -> Vec<u8> {
    glossator()
        .current_dir(dir)
        .args(args)
        .args(["--no-default-lexicon", "--lexicon"])
        .arg(test_lexicon("rules-lexicon.toml"))
        .args(paths)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

/// `glossator export ARGS` in `dir`, which must succeed; its stdout.
fn export_in(dir: &Path, args: &[&str]) -> Vec<u8> {
    let out = glossator()
        .current_dir(dir)
        .arg("export")
        .args(args)
        .assert();
    out.success().get_output().stdout.clone()
}

/// The golden input's texts, by path as annotations name them.
fn golden_texts() -> Vec<(String, String)> {
    ["a-notes.txt", "b-essay.md"]
        .iter()
        .map(|name| {
            let path = format!("{GOLDEN_INPUT}/{name}");
            let text = std::fs::read_to_string(repo().join(&path)).unwrap();
            (path, text)
        })
        .collect()
}

/// The code points `start..end` of `text`.
fn chars(text: &str, start: usize, end: usize) -> String {
    text.chars().skip(start).take(end - start).collect()
}

#[test]
fn stream_formats_match_golden_files() {
    for (format, name) in [
        ("web-annotation", "exports/golden.anno.jsonl"),
        ("spacy", "exports/golden.spacy.jsonl"),
        ("tei", "exports/golden.tei.xml"),
    ] {
        let got = run_in(&repo(), &["annotate", "--format", format], &[GOLDEN_INPUT]);
        golden(name, &got);
    }
}

#[test]
fn folder_formats_match_golden_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    let out_arg = out.display().to_string();
    for format in ["brat", "tei", "web-annotation"] {
        let args = ["annotate", "--format", format, "--out", &out_arg];
        run_in(&repo(), &args, &[GOLDEN_INPUT]);
    }
    for file in [
        "a-notes.ann",
        "a-notes.txt",
        "b-essay.ann",
        "annotation.conf",
        "b-essay.xml",
        "a-notes.jsonld",
    ] {
        golden(
            &format!("exports/{file}"),
            &std::fs::read(out.join(file)).unwrap(),
        );
    }
}

/// Every Web Annotation has the model's shape, and its selectors give the
/// span: the quote equals the text at the code point positions, with the
/// text around it as prefix and suffix.
#[test]
fn web_annotations_select_their_spans() {
    let texts = golden_texts();
    let json = run_in(&repo(), &["annotate"], &[GOLDEN_INPUT]);
    let spans: Vec<_> = annotations(&json)
        .iter()
        .flat_map(|a| a.spans().to_vec())
        .collect();
    let out = run_in(
        &repo(),
        &["annotate", "--format", "web-annotation"],
        &[GOLDEN_INPUT],
    );
    let lines: Vec<Value> = std::str::from_utf8(&out)
        .unwrap()
        .lines()
        .map(|line| serde_json::from_str(line).unwrap())
        .collect();
    assert_eq!(lines.len(), spans.len(), "one annotation per span");
    let mut ids = std::collections::HashSet::new();
    for (annotation, span) in lines.iter().zip(&spans) {
        assert_eq!(annotation["@context"], "http://www.w3.org/ns/anno.jsonld");
        assert_eq!(annotation["type"], "Annotation");
        let id = annotation["id"].as_str().unwrap();
        assert!(id.starts_with("urn:glossator:annotation:"), "{id}");
        assert!(ids.insert(id.to_string()), "{id} twice");
        let target = &annotation["target"];
        let source = target["source"].as_str().unwrap();
        let text = &texts.iter().find(|(path, _)| path == source).unwrap().1;
        let [quote, position] = [&target["selector"][0], &target["selector"][1]];
        assert_eq!(quote["type"], "TextQuoteSelector");
        assert_eq!(position["type"], "TextPositionSelector");
        let start = position["start"].as_u64().unwrap() as usize;
        let end = position["end"].as_u64().unwrap() as usize;
        let exact = quote["exact"].as_str().unwrap();
        assert_eq!(chars(text, start, end), exact);
        assert_eq!(exact, span.text);
        let prefix = quote["prefix"].as_str().unwrap_or("");
        let suffix = quote["suffix"].as_str().unwrap_or("");
        assert_eq!(chars(text, start - prefix.chars().count(), start), prefix);
        assert_eq!(chars(text, end, end + suffix.chars().count()), suffix);
        assert!(start == 0 || !prefix.is_empty());
        let body = annotation["body"].as_array().unwrap();
        assert_eq!(body[0]["purpose"], "classifying");
        assert_eq!(body[0]["value"], span.kind.as_str());
        if let Some(entry) = &span.entry {
            assert_eq!(annotation["motivation"], "identifying");
            assert_eq!(body[1]["type"], "SpecificResource");
            let want = format!("urn:glossator:entry:{entry}");
            assert_eq!(body[1]["source"]["id"], want.as_str());
            assert_eq!(body[1]["source"]["label"], span.name.as_deref().unwrap());
        } else {
            assert_eq!(body[1]["purpose"], "describing");
            assert_eq!(body[1]["value"], span.value.as_deref().unwrap());
        }
    }
}

/// Each training example is the text, with entities in code points that
/// give the spans' text, none overlapping another: an entry is kept over a
/// date inside it.
#[test]
fn spacy_examples_hold_every_outermost_span() {
    let text = "The 1905 Revolution failed; Lenin returned in 1917.";
    let dir = temp_with(&[("a.txt", text.as_bytes())]);
    let out = run_in(dir.path(), &["annotate", "--format", "spacy"], &["a.txt"]);
    let example: Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(example[0], text);
    let entities: Vec<(usize, usize, String)> =
        serde_json::from_value(example[1]["entities"].clone()).unwrap();
    let got: Vec<(String, &str)> = entities
        .iter()
        .map(|(start, end, label)| (chars(text, *start, *end), label.as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("1905 Revolution".to_string(), "EVENT"),
            ("Lenin".to_string(), "PERSON"),
            ("1917".to_string(), "DATE"),
        ]
    );
}

/// brat's text-bound annotations give their text at their code point
/// offsets into the `.txt` (fragments joined by a space), and every span
/// has a note.
#[test]
fn brat_offsets_give_the_span_text() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("brat");
    let out_arg = out.display().to_string();
    let args = ["annotate", "--format", "brat", "--out", &out_arg];
    run_in(&repo(), &args, &[GOLDEN_INPUT]);
    for (path, text) in golden_texts() {
        let id = Path::new(&path).file_stem().unwrap().to_str().unwrap();
        let txt = std::fs::read_to_string(out.join(format!("{id}.txt"))).unwrap();
        assert_eq!(txt, text);
        let ann = std::fs::read_to_string(out.join(format!("{id}.ann"))).unwrap();
        let (mut spans, mut notes) = (0, 0);
        for line in ann.lines() {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "{line:?}");
            if fields[0].starts_with('#') {
                notes += 1;
                assert!(fields[1].starts_with("AnnotatorNotes T"), "{line:?}");
                continue;
            }
            spans += 1;
            let (kind, offsets) = fields[1].split_once(' ').unwrap();
            assert!(
                ["person", "place", "org", "event", "term", "date"].contains(&kind),
                "{line:?}"
            );
            let pieces: Vec<String> = offsets
                .split(';')
                .map(|pair| {
                    let (start, end) = pair.split_once(' ').unwrap();
                    chars(&txt, start.parse().unwrap(), end.parse().unwrap())
                })
                .collect();
            assert_eq!(pieces.join(" "), fields[2], "{line:?}");
        }
        assert!(
            spans > 3 && notes == spans,
            "{id}: {spans} spans, {notes} notes"
        );
    }
}

/// TEI is well-formed XML (quick-xml checks that every end tag matches),
/// each tagged element holds the text of a span of the annotation, and the
/// dates carry the attributes their EDTF values call for.
#[test]
fn tei_is_well_formed_and_tags_the_spans() {
    let xml = run_in(&repo(), &["annotate", "--format", "tei"], &[GOLDEN_INPUT]);
    let json = run_in(&repo(), &["annotate"], &[GOLDEN_INPUT]);
    let spans: Vec<String> = annotations(&json)
        .iter()
        .flat_map(|a| a.spans().iter().map(|s| s.text.to_string()))
        .collect();
    let xml = String::from_utf8(xml).unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    // The open span elements: name and text so far.
    let mut open: Vec<(String, String)> = Vec::new();
    let mut tagged = Vec::new();
    let mut dates = Vec::new();
    let mut roots = Vec::new();
    let mut depth = 0;
    loop {
        match reader.read_event().expect("well-formed XML") {
            Event::Start(start) => {
                let name = start.name().0.to_string();
                if depth == 0 {
                    roots.push(name.clone());
                }
                depth += 1;
                if ["persName", "placeName", "orgName", "name", "term", "date"]
                    .contains(&name.as_str())
                {
                    if name == "date" {
                        let attributes: Vec<(String, String)> = start
                            .attributes()
                            .map(|a| {
                                let a = a.unwrap();
                                (
                                    a.key.0.to_string(),
                                    a.normalized_value(XmlVersion::Explicit1_0)
                                        .unwrap()
                                        .into_owned(),
                                )
                            })
                            .collect();
                        dates.push(attributes);
                    }
                    open.push((name, String::new()));
                }
            }
            Event::Text(text) => {
                for (_, inside) in &mut open {
                    inside.push_str(&text);
                }
            }
            Event::GeneralRef(reference) => {
                let text = match &*reference.into_inner() {
                    "amp" => '&',
                    "lt" => '<',
                    "gt" => '>',
                    "quot" => '"',
                    "#39" => '\'',
                    other => panic!("unexpected reference {other:?}"),
                };
                for (_, inside) in &mut open {
                    inside.push(text);
                }
            }
            Event::End(end) => {
                depth -= 1;
                if open.last().is_some_and(|(name, _)| name == end.name().0) {
                    tagged.push(open.pop().unwrap().1);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    assert_eq!(roots, ["teiCorpus"]);
    tagged.sort();
    let mut want = spans.clone();
    want.sort();
    assert_eq!(tagged, want);
    let attributes = |names: &[&str]| {
        dates
            .iter()
            .filter(|attrs| {
                attrs
                    .iter()
                    .map(|(k, _)| k.as_str())
                    .eq(names.iter().copied())
            })
            .count()
    };
    assert!(attributes(&["when"]) > 0, "{dates:?}");
    assert!(attributes(&["from", "to"]) > 0, "{dates:?}");
    assert!(attributes(&["notBefore", "notAfter"]) > 0, "{dates:?}");
    assert_eq!(
        attributes(&["when"])
            + attributes(&["from", "to"])
            + attributes(&["notBefore", "notAfter"]),
        dates.len()
    );
}

/// `export` of `annotate`'s JSON gives what `annotate --format` gives, in
/// every format, on standard output and in a folder.
#[test]
fn export_of_annotations_equals_annotate_with_format() {
    let dir = tempfile::tempdir().unwrap();
    let json = run_in(&repo(), &["annotate"], &[GOLDEN_INPUT]);
    let jsonl = dir.path().join("all.jsonl");
    std::fs::write(&jsonl, &json).unwrap();
    let jsonl = jsonl.display().to_string();
    for format in ["json", "web-annotation", "spacy", "tei"] {
        let direct = run_in(&repo(), &["annotate", "--format", format], &[GOLDEN_INPUT]);
        let exported = export_in(&repo(), &["--format", format, &jsonl]);
        assert_eq!(direct, exported, "{format}");
    }
    // One annotation per file, as `annotate --out` writes them.
    let ann = dir.path().join("ann").display().to_string();
    run_in(&repo(), &["annotate", "--out", &ann], &[GOLDEN_INPUT]);
    for format in ["brat", "tei", "web-annotation", "spacy"] {
        let direct = dir.path().join(format!("direct-{format}"));
        let exported = dir.path().join(format!("exported-{format}"));
        let args = ["annotate", "--format", format, "--out"];
        let direct_arg = direct.display().to_string();
        run_in(
            &repo(),
            &[&args[..], &[direct_arg.as_str()]].concat(),
            &[GOLDEN_INPUT],
        );
        let files = [format!("{ann}/a-notes.json"), format!("{ann}/b-essay.json")];
        let exported_arg = exported.display().to_string();
        export_in(
            &repo(),
            &[
                "--format",
                format,
                "--out",
                &exported_arg,
                &files[0],
                &files[1],
            ],
        );
        let listing = |dir: &Path| {
            let mut names: Vec<_> = std::fs::read_dir(dir)
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .collect();
            names.sort();
            names
        };
        assert_eq!(listing(&direct), listing(&exported), "{format}");
        for name in listing(&direct) {
            let read = |dir: &Path| std::fs::read(dir.join(&name)).unwrap();
            assert_eq!(read(&direct), read(&exported), "{format}: {name:?}");
        }
    }
}

/// `export` reports what it cannot export, naming the file, and goes on
/// with the rest: a document changed since, one that is gone, records of
/// JSON Lines input, a line that is not an annotation. brat needs a
/// folder.
#[test]
fn export_reports_what_it_cannot_export() {
    let dir = temp_with(&[
        ("a.txt", "Lenin died in 1924.".as_bytes()),
        ("b.txt", "Stalin rose.".as_bytes()),
        ("c.jsonl", br#"{"id": "c1", "text": "Lenin again."}"#),
    ]);
    let json = run_in(dir.path(), &["annotate"], &["a.txt", "b.txt"]);
    std::fs::write(dir.path().join("all.jsonl"), &json).unwrap();
    let records = run_in(
        dir.path(),
        &["annotate", "--input-format", "jsonl"],
        &["c.jsonl"],
    );
    std::fs::write(dir.path().join("records.jsonl"), &records).unwrap();
    std::fs::write(dir.path().join("bad.jsonl"), b"{\"schema\": 1}\n").unwrap();
    // The same length, but not the text at the span.
    std::fs::write(dir.path().join("b.txt"), "Stolin rose.").unwrap();
    let out = glossator()
        .current_dir(dir.path())
        .args(["export", "--format", "spacy"])
        .args(["all.jsonl", "records.jsonl", "bad.jsonl", "missing.jsonl"])
        .assert()
        .code(1);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    for want in [
        "all.jsonl: annotation 2 (b): b.txt: changed since it was annotated",
        "records.jsonl: annotation 1 (c1): c.jsonl:1: no such file",
        "annotate --input-format jsonl --format FMT",
        "bad.jsonl: annotation 1:",
        "missing.jsonl:",
    ] {
        assert!(stderr.contains(want), "{want:?} not in {stderr}");
    }
    // a.txt was still exported.
    let stdout = &out.get_output().stdout;
    assert_eq!(String::from_utf8_lossy(stdout).lines().count(), 1);
    assert!(String::from_utf8_lossy(stdout).starts_with("[\"Lenin died in 1924.\""));
    glossator()
        .current_dir(dir.path())
        .args(["export", "--format", "brat", "all.jsonl"])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("give --out DIR"));
}

/// `lexicon export --format spacy`: a pattern per form and per plural a
/// term matches, labelled by kind, with the entry's id; acronyms and
/// plurals another entry lists get none.
#[test]
fn lexicon_exports_entity_ruler_patterns() {
    let out = glossator()
        .args([
            "lexicon",
            "export",
            "--format",
            "spacy",
            "--no-default-lexicon",
        ])
        .arg("--lexicon")
        .arg(test_lexicon("rules-lexicon.toml"))
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let patterns: Vec<(String, String, String)> = std::str::from_utf8(&out)
        .unwrap()
        .lines()
        .map(|line| {
            let value: Value = serde_json::from_str(line).unwrap();
            let field = |key: &str| value[key].as_str().unwrap().to_string();
            (field("id"), field("label"), field("pattern"))
        })
        .collect();
    let of = |id: &str| -> Vec<String> {
        patterns
            .iter()
            .filter(|(entry, _, _)| entry == id)
            .map(|(_, label, pattern)| format!("{label} {pattern}"))
            .collect()
    };
    assert_eq!(
        of("stalin"),
        ["PERSON Joseph Stalin", "PERSON Stalin", "PERSON Сталин"]
    );
    assert_eq!(
        of("five-year-plan"),
        ["TERM Five-Year Plan", "TERM Five-Year Plans"]
    );
    // `NEP` is an acronym (no plural); `Nepmen` is its own entry's form.
    assert_eq!(
        of("nep"),
        [
            "TERM New Economic Policy",
            "TERM New Economic Policys",
            "TERM New Economic Policies",
            "TERM NEP"
        ]
    );
    assert!(of("nepmen").contains(&"TERM Nepman".to_string()));
}
