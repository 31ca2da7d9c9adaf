//! The timeline of events (issue 18 item 4) end to end: one row per event
//! across documents, the entries it names highlighted and linked, every
//! mention keeping the anchor handouts link to, and a title's span set
//! apart from the events. The timeline and `build` write the same bytes
//! whatever the memory budget of the timeline's sorts (one that spills
//! every event to disk included).

use std::path::{Path, PathBuf};

use crate::gen::{self, Density};
use crate::util::{glossator, repo, temp_with};

/// Two documents that both date the Kronstadt Rising, one whose title
/// spans the period; `timeline --format FORMAT` of them.
fn timeline(format: &str) -> String {
    let dir = temp_with(&[
        (
            "a.md",
            "# Russia 1917–1941\n\nThe Kronstadt Rising (March 1921) was crushed by \
             Trotsky.\n\nLenin died in 1924. Stalin won in 1929.\n"
                .as_bytes(),
        ),
        (
            "b.txt",
            b"March 1921 - Kronstadt Rising crushed.\nThe Tenth Party Congress met in March 1921.\n",
        ),
    ]);
    timeline_of(dir.path(), format)
}

/// `timeline --format FORMAT DIR`: what it writes.
fn timeline_of(dir: &Path, format: &str) -> String {
    let out = glossator()
        .args(["timeline", "--format", format])
        .arg(dir)
        .assert()
        .success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

#[test]
fn one_html_row_per_event_with_its_event_linked_and_every_anchor_kept() {
    let html = timeline("html");
    assert!(
        html.contains("4 events from 6 dated passages in 2 documents."),
        "{html}"
    );
    // One row for the rising, from both documents, its event linked.
    let rising = html
        .split("<li><span class=\"key k-date\">March 1921</span>")
        .nth(1)
        .unwrap();
    let rising = &rising[..rising.find("</ul></li>").unwrap()];
    assert!(
        rising.starts_with(
            " <a href=\"glossary.html#kronstadt-rising\" class=\"key k-event\">Kronstadt Rising</a>"
        ),
        "{rising}"
    );
    assert!(
        rising.contains("with <a href=\"glossary.html#trotsky\" class=\"key k-person\">"),
        "{rising}"
    );
    assert_eq!(rising.matches("<li id=\"e-").count(), 2, "{rising}");
    assert!(rising.contains("<li id=\"e-a-"), "{rising}");
    assert!(rising.contains("<li id=\"e-b-0\">"), "{rising}");
    // The congress in the same month is another event.
    assert_eq!(html.matches("k-date\">March 1921<").count(), 2, "{html}");
    assert!(html.contains("class=\"key k-event\">Tenth Party Congress</a>"));
    // The title's range is the document's span, not an event of 1917.
    let (periods, events) = html.split_once("<h2>1921</h2>").unwrap();
    assert!(periods.contains("<h2>Periods covered</h2>"), "{periods}");
    assert!(periods.contains("<mark>1917–1941</mark>"), "{periods}");
    assert!(!events.contains("1917–1941"), "{events}");
    assert!(!html.contains("<h2>1917</h2>"), "{html}");
}

#[test]
fn markdown_lists_an_events_passages_under_it() {
    let md = timeline("md");
    assert!(
        md.contains(
            "- **March 1921** — Kronstadt Rising (with Leon Trotsky)\n  - “The Kronstadt Rising (**March 1921**) \
             was crushed by Trotsky.” (a)\n  - “**March 1921** - Kronstadt Rising crushed.” (b)\n"
        ),
        "{md}"
    );
    assert!(md.contains("## Periods covered"), "{md}");
}

#[test]
fn the_json_names_the_entries_and_the_heading_of_a_date() {
    let json: serde_json::Value = serde_json::from_str(&timeline("json")).unwrap();
    assert_eq!(json["schema"], "glossator.timeline/1");
    let entries = json["entries"].as_array().unwrap();
    let rising = entries
        .iter()
        .find(|e| e["id"] == "kronstadt-rising")
        .unwrap();
    assert_eq!(rising["name"], "Kronstadt Rising");
    assert_eq!(rising["kind"], "event");
    let events = json["events"].as_array().unwrap();
    // Still one event per mention, the title's marked as in a heading.
    assert_eq!(events.len(), 6);
    let title = events.iter().find(|e| e["text"] == "1917–1941").unwrap();
    assert_eq!(title["heading"], 1);
    assert!(events
        .iter()
        .filter(|e| e["text"] != "1917–1941")
        .all(|e| e.get("heading").is_none()));
}

/// A dual date and an `(O.S.)` date: the Old Style rows say so in words,
/// apart from the New Style row of the same event, and the JSON marks
/// them; one document is counted as one.
#[test]
fn old_style_dates_say_so_in_words_and_in_the_json() {
    let dir = temp_with(&[(
        "os.md",
        "The Bolsheviks took power on 25 Oct/7 Nov 1917.\n\nThe Red Army \
         was founded on 23 February (O.S.) 1918.\n"
            .as_bytes(),
    )]);
    let run = |format: &str| timeline_of(dir.path(), format);
    let md = run("md");
    assert!(md.contains("in 1 document.\n"), "{md}");
    assert!(md.contains("- **25 October (Old Style) 1917**"), "{md}");
    assert!(md.contains("- **7 November 1917**"), "{md}");
    assert!(md.contains("- **23 February (Old Style) 1918**"), "{md}");
    let html = run("html");
    assert!(
        html.contains("k-date\">25 October (Old Style) 1917</span>"),
        "{html}"
    );
    let json = run("json");
    assert_eq!(json.matches("\"old_style\":true").count(), 2, "{json}");
}

/// A key-dates table under a year's heading: its rows take the heading's
/// year, as dated events of the timeline; a day under a heading without a
/// date stays undated.
#[test]
fn a_key_dates_table_takes_the_year_of_its_heading() {
    let dir = temp_with(&[(
        "keys.md",
        "# Revision\n\n## 1789, the key year\n\n| date | event |\n|---|---|\n\
         | 5 May | the Estates-General meets at Versailles |\n\
         | 14 July | the Bastille falls |\n\n## Later\n\nOn 5 Sept the Terror began.\n"
            .as_bytes(),
    )]);
    let json: serde_json::Value = serde_json::from_str(&timeline_of(dir.path(), "json")).unwrap();
    let events = json["events"].as_array().unwrap();
    let dated: Vec<(&str, &str)> = events
        .iter()
        .map(|e| (e["text"].as_str().unwrap(), e["value"].as_str().unwrap()))
        .collect();
    assert_eq!(
        dated,
        [
            ("1789", "1789"),
            ("5 May", "1789-05-05"),
            ("14 July", "1789-07-14")
        ]
    );
}

/// What `timeline` writes in each format, and every file `build` writes
/// (path, bytes), with the arguments `args` (inputs and lexicon) and the
/// sorts' memory budget `budget` (the default without one).
fn outputs(args: &[&str], budget: Option<&str>) -> Vec<(PathBuf, Vec<u8>)> {
    let run = |extra: &[&str]| {
        let mut command = glossator();
        if let Some(bytes) = budget {
            command.env("GLOSSATOR_SPILL_BYTES", bytes);
        }
        let out = command.args(extra).args(args).assert().success();
        out.get_output().stdout.clone()
    };
    let mut outputs = Vec::new();
    for format in ["json", "md", "html"] {
        let bytes = run(&["timeline", "--jobs", "2", "--format", format]);
        outputs.push((PathBuf::from(format!("timeline.{format}")), bytes));
    }
    let dir = tempfile::tempdir().unwrap();
    let build = dir.path().join("build");
    run(&[
        "build",
        "--quiet",
        "--jobs",
        "2",
        "--out",
        build.to_str().unwrap(),
    ]);
    for entry in walkdir::WalkDir::new(&build).sort_by_file_name() {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let path = entry.path().strip_prefix(&build).unwrap().to_path_buf();
            outputs.push((path, std::fs::read(entry.path()).unwrap()));
        }
    }
    outputs
}

/// The outputs with a budget of one byte (every event a run of its own on
/// disk, runs merged in tiers), of a few kilobytes, and the default
/// (nothing on disk) are the same bytes.
fn same_whatever_the_budget(args: &[&str]) {
    let default = outputs(args, None);
    assert!(default.len() > 10, "{} files", default.len());
    let timeline = &default[0].1;
    assert!(
        timeline.len() > 20_000,
        "a timeline of {} bytes",
        timeline.len()
    );
    for budget in ["1", "4096"] {
        let spilled = outputs(args, Some(budget));
        assert_eq!(spilled.len(), default.len());
        for ((path, want), (spilled_path, got)) in default.iter().zip(&spilled) {
            assert_eq!(path, spilled_path);
            assert!(
                want == got,
                "{} differs with a budget of {budget} bytes",
                path.display()
            );
        }
    }
}

#[test]
fn the_corpus_is_built_the_same_whatever_the_memory_budget() {
    let corpus = repo().join("corpus");
    same_whatever_the_budget(&[corpus.to_str().unwrap()]);
}

#[test]
fn a_generated_corpus_is_built_the_same_whatever_the_memory_budget() {
    let lexicon = gen::lexicon(2_000);
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes");
    std::fs::create_dir(&notes).unwrap();
    for index in 0..6 {
        let density = if index % 2 == 0 {
            Density::Dense
        } else {
            Density::Sparse
        };
        let bytes = gen::document_size(index, 16 << 10, 48 << 10);
        let text = gen::document(&lexicon, index, bytes, density);
        std::fs::write(notes.join(format!("{index:02}.txt")), text).unwrap();
    }
    let toml = dir.path().join("lexicon.toml");
    std::fs::write(&toml, gen::lexicon_toml(&lexicon)).unwrap();
    same_whatever_the_budget(&[
        "--no-default-lexicon",
        "--lexicon",
        toml.to_str().unwrap(),
        notes.to_str().unwrap(),
    ]);
}

/// Runs are anonymous temporary files: a run that spilled every event
/// leaves nothing in the temporary folder; one that cannot write them
/// (no such folder) fails with the reason, and writes no timeline.
#[test]
fn spilled_runs_leave_nothing_behind_and_a_run_that_cannot_spill_fails() {
    let corpus = repo().join("corpus");
    let tmp = tempfile::tempdir().unwrap();
    let run = |tmpdir: &Path| {
        let mut command = glossator();
        command
            .env("TMPDIR", tmpdir)
            .env("GLOSSATOR_SPILL_BYTES", "1")
            .args(["timeline", "--format", "md"])
            .arg(&corpus);
        command.assert()
    };
    let out = run(tmp.path()).success();
    assert!(out.get_output().stdout.starts_with(b"# Timeline"));
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 0);
    let out = run(&tmp.path().join("missing")).failure().code(2);
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("No such file"), "{stderr}");
    assert!(out.get_output().stdout.is_empty());
}
