//! `glossary`, `timeline`, `build` and `merge` end to end: golden files for
//! every format, shard merging, thread-count independence, format checks.
//!
//! Golden files live in `tests/golden/`; after an intended change, refresh
//! them with `GLOSSATOR_BLESS=1 cargo test --release` and review the diff.

use std::path::Path;

use glossator::glossary::Glossary;
use glossator::timeline::Timeline;

use crate::util::{glossator, golden, repo, seeds, test_lexicon};

const GOLDEN_INPUT: &str = "tests/data/golden-input";

fn rules_lexicon() -> Vec<String> {
    vec![
        "--no-default-lexicon".into(),
        "--lexicon".into(),
        test_lexicon("rules-lexicon.toml").display().to_string(),
    ]
}

fn stdout_of(args: &[&str]) -> Vec<u8> {
    glossator()
        .args(args)
        .args(rules_lexicon())
        .arg(GOLDEN_INPUT)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone()
}

#[test]
fn glossary_formats_match_golden_files() {
    for format in ["json", "md", "tsv", "html"] {
        golden(
            &format!("glossary.{format}"),
            &stdout_of(&["glossary", "--format", format]),
        );
    }
}

#[test]
fn timeline_formats_match_golden_files() {
    for format in ["json", "md", "html"] {
        golden(
            &format!("timeline.{format}"),
            &stdout_of(&["timeline", "--format", format]),
        );
    }
}

#[test]
fn build_writes_every_output_and_a_summary() {
    let dir = tempfile::tempdir().unwrap();
    let out = glossator()
        .args(["build", "--out"])
        .arg(dir.path())
        .args(rules_lexicon())
        .arg(GOLDEN_INPUT)
        .assert()
        .success();
    let summary = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(summary.contains("2 documents"), "{summary}");
    // The files build writes must equal what glossary/timeline print.
    for (file, golden_name) in [
        ("glossary.json", "glossary.json"),
        ("glossary.md", "glossary.md"),
        ("glossary.html", "glossary.html"),
        ("timeline.md", "timeline.md"),
        ("timeline.html", "timeline.html"),
        ("handouts/a-notes.html", "handout-a-notes.html"),
    ] {
        golden(golden_name, &std::fs::read(dir.path().join(file)).unwrap());
    }
    assert!(dir.path().join("annotations/a-notes.json").is_file());
    assert!(dir.path().join("annotations/b-essay.json").is_file());
    assert!(dir.path().join("handouts/b-essay.html").is_file());
    assert!(dir.path().join("index.html").is_file());
}

#[test]
fn merge_writes_the_html_of_the_whole_run() {
    let dir = tempfile::tempdir().unwrap();
    let part = dir.path().join("part.json");
    glossator()
        .args(["glossary", "--out"])
        .arg(&part)
        .args(rules_lexicon())
        .arg(GOLDEN_INPUT)
        .assert()
        .success();
    let merged = glossator()
        .args(["merge", "--format", "html"])
        .arg(&part)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    golden("glossary.html", &merged);
}

#[test]
fn tsv_has_one_line_and_two_fields_per_entry() {
    let tsv = String::from_utf8(stdout_of(&["glossary", "--format", "tsv"])).unwrap();
    let json: Glossary = serde_json::from_slice(&stdout_of(&["glossary"])).unwrap();
    assert_eq!(tsv.lines().count(), json.entries().len());
    for line in tsv.lines() {
        let fields: Vec<&str> = line.split('\t').collect();
        assert_eq!(fields.len(), 2, "{line:?}");
        assert!(
            fields
                .iter()
                .all(|f| !f.is_empty() && !f.contains('<') && !f.contains('\r')),
            "{line:?}"
        );
    }
}

#[test]
fn max_occurrences_caps_the_list_but_not_the_counts() {
    let full: Glossary = serde_json::from_slice(&stdout_of(&["glossary"])).unwrap();
    let capped: Glossary =
        serde_json::from_slice(&stdout_of(&["glossary", "--max-occurrences", "1"])).unwrap();
    let stalin = |g: &Glossary| {
        g.entries()
            .iter()
            .find(|e| e.id == "stalin")
            .unwrap()
            .clone()
    };
    assert!(stalin(&full).count >= 3);
    assert_eq!(stalin(&capped).count, stalin(&full).count);
    assert_eq!(stalin(&capped).doc_count, 2);
    assert_eq!(stalin(&capped).occurrences.len(), 1);
    assert!(capped.entries().iter().all(|e| e.occurrences.len() == 1));
}

#[test]
fn min_count_leaves_out_rare_entries() {
    let glossary: Glossary =
        serde_json::from_slice(&stdout_of(&["glossary", "--min-count", "3"])).unwrap();
    assert!(!glossary.entries().is_empty());
    assert!(glossary.entries().iter().all(|e| e.count >= 3));
}

/// The inputs of the shard tests: the corpus, then the seeds if present.
fn all_inputs() -> Vec<String> {
    let mut files = Vec::new();
    let dirs = std::iter::once(repo().join("corpus")).chain(seeds());
    for dir in dirs {
        let mut names: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        names.sort();
        files.extend(names.into_iter().map(|p| p.display().to_string()));
    }
    files
}

fn run_to_file(command: &str, inputs: &[String], jobs: &str, out: &Path) -> Vec<u8> {
    glossator()
        .args([command, "--jobs", jobs, "--out"])
        .arg(out)
        .args(inputs)
        .assert()
        .success();
    std::fs::read(out).unwrap()
}

#[test]
fn three_shards_merge_into_the_whole_run() {
    let inputs = all_inputs();
    let dir = tempfile::tempdir().unwrap();
    let third = inputs.len().div_ceil(3);
    for command in ["glossary", "timeline"] {
        let whole = run_to_file(
            command,
            &inputs,
            "2",
            &dir.path().join(format!("{command}.json")),
        );
        let parts: Vec<_> = inputs
            .chunks(third)
            .enumerate()
            .map(|(i, shard)| {
                let path = dir.path().join(format!("{command}-{i}.json"));
                run_to_file(command, shard, "1", &path);
                path
            })
            .collect();
        assert_eq!(parts.len(), 3);
        let merged = glossator()
            .arg("merge")
            .args(&parts)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone();
        assert_eq!(
            String::from_utf8(merged).unwrap(),
            String::from_utf8(whole).unwrap(),
            "{command}"
        );
    }
}

#[test]
fn merge_refuses_overlapping_shards() {
    let dir = tempfile::tempdir().unwrap();
    let part = dir.path().join("part.json");
    glossator()
        .args(["glossary", "corpus", "--out"])
        .arg(&part)
        .assert()
        .success();
    glossator()
        .arg("merge")
        .args([&part, &part])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "of an earlier partial (the same text); shards must be disjoint",
        ));
}

#[test]
fn glossary_and_timeline_ignore_thread_count() {
    let inputs = all_inputs();
    let dir = tempfile::tempdir().unwrap();
    for command in ["glossary", "timeline"] {
        let one = run_to_file(command, &inputs, "1", &dir.path().join("one.json"));
        let four = run_to_file(command, &inputs, "4", &dir.path().join("four.json"));
        assert_eq!(one, four, "{command}");
    }
}

#[test]
fn seeds_nep_entry_lists_every_seed_that_mentions_it() {
    let Some(seeds) = seeds() else { return };
    let out = glossator()
        .args(["glossary", "--max-occurrences", "1000"])
        .arg(&seeds)
        .assert()
        .success();
    let glossary: Glossary = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let nep = glossary
        .entries()
        .iter()
        .find(|e| e.id == "nep")
        .expect("NEP occurs in the seeds");
    let mut listed: Vec<&str> = nep.occurrences.iter().map(|o| o.doc.as_str()).collect();
    listed.dedup();
    let mut mentioning = Vec::new();
    for doc in glossary.documents() {
        let text = std::fs::read_to_string(&doc.path).unwrap();
        if text.contains("NEP") || text.contains("New Economic Policy") || text.contains("Nep ") {
            mentioning.push(doc.id.as_str());
        }
    }
    assert!(mentioning.len() >= 2, "{mentioning:?}");
    assert_eq!(listed, mentioning);
    assert_eq!(nep.doc_count, mentioning.len());
}

#[test]
fn seeds_timeline_is_sorted_and_starts_with_the_earliest_dates() {
    let Some(seeds) = seeds() else { return };
    let out = glossator().arg("timeline").arg(&seeds).assert().success();
    let timeline: Timeline = serde_json::from_slice(&out.get_output().stdout).unwrap();
    assert!(timeline
        .events()
        .windows(2)
        .all(|w| (w[0].start, w[0].end) <= (w[1].start, w[1].end)));
    let earliest = timeline.events().iter().map(|e| e.start).min().unwrap();
    assert_eq!(timeline.events()[0].start, earliest);
    assert!(
        earliest.year < 1900,
        "the seeds' profiles start in the 1870s: {:?}",
        timeline.events()[0]
    );
}
