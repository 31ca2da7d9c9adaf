//! Definitions from a teacher's own notes (issue 17): the gold set of
//! `tests/data/harvest/` scored (precision and recall, every pattern, the
//! prose traps), the seeds' key-term boxes and flashcards, and `glossator
//! lexicon harvest` end to end.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use glossator::document::{BlockKind, Document};
use glossator::harvest::{harvest, Harvest, Pattern};
use glossator::input;
use predicates::str::contains;

use crate::util::{glossator, repo, seeds, temp_with};

/// The lowest precision and recall the gold set must reach.
const MIN_PRECISION: f64 = 0.95;
const MIN_RECALL: f64 = 0.85;

fn data() -> PathBuf {
    repo().join("tests/data/harvest")
}

/// The document at `path`, read as the command line reads it.
fn read(path: &Path) -> Document {
    let collected = input::collect(&[path.to_path_buf()]);
    assert_eq!(collected.inputs.len(), 1, "{}", path.display());
    collected.inputs[0].read().unwrap().0
}

/// The tab-separated rows of a data file, `#` lines left out.
fn rows(name: &str) -> Vec<Vec<String>> {
    std::fs::read_to_string(data().join(name))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect()
}

/// Every notes file, its document and harvest.
fn harvested() -> Vec<(String, Document, Harvest)> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(data().join("notes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let doc = read(&path);
            let found = harvest(&doc);
            let name = path.file_name().unwrap().to_string_lossy().to_string();
            (name, doc, found)
        })
        .collect()
}

fn key(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[test]
fn the_gold_set_is_found_with_high_precision_and_recall() {
    let gold: HashSet<(String, String, String)> = rows("gold.tsv")
        .into_iter()
        .map(|r| (r[0].clone(), key(&r[1]), key(&r[2])))
        .collect();
    let all = harvested();
    let mut got = HashSet::new();
    let mut patterns = HashSet::new();
    for (name, _, found) in &all {
        for d in &found.definitions {
            let item = (name.clone(), key(&d.term), key(&d.definition));
            if gold.contains(&item) {
                patterns.insert(d.pattern);
            } else {
                eprintln!("not in the gold set: {name}: {} = {}", d.term, d.definition);
            }
            got.insert(item);
        }
    }
    for missed in gold.difference(&got) {
        eprintln!("missed: {missed:?}");
    }
    let correct = got.intersection(&gold).count() as f64;
    let precision = correct / got.len().max(1) as f64;
    let recall = correct / gold.len() as f64;
    println!(
        "harvest gold set: {} definitions, {} harvested, {} correct: precision {precision:.3}, \
         recall {recall:.3}",
        gold.len(),
        got.len(),
        correct
    );
    assert!(gold.len() >= 30, "a gold set of {} definitions", gold.len());
    assert!(precision >= MIN_PRECISION, "precision {precision:.3}");
    assert!(recall >= MIN_RECALL, "recall {recall:.3}");
    // Every documented pattern is in the set, and found.
    for pattern in [
        Pattern::Table,
        Pattern::KeyTermBox,
        Pattern::Question,
        Pattern::Heading,
        Pattern::Bold,
        Pattern::Dash,
        Pattern::Colon,
        Pattern::Equals,
        Pattern::Arrow,
        Pattern::TermFirst,
        Pattern::TermInParentheses,
    ] {
        assert!(
            patterns.contains(&pattern),
            "no {pattern:?} definition found"
        );
    }
}

#[test]
fn prose_traps_give_no_definition() {
    let traps = rows("traps.tsv");
    assert!(traps.len() >= 20, "{} traps", traps.len());
    let all = harvested();
    for trap in &traps {
        let (_, doc, found) = all
            .iter()
            .find(|(name, ..)| *name == trap[0])
            .unwrap_or_else(|| panic!("no notes file {}", trap[0]));
        let at = doc
            .text
            .find(&trap[1])
            .unwrap_or_else(|| panic!("{:?} is not in {}", trap[1], trap[0]));
        for d in &found.definitions {
            assert!(
                !d.range.contains(&at),
                "trap {:?} gave {} = {}",
                trap[1],
                d.term,
                d.definition
            );
        }
    }
}

#[test]
fn a_qa_file_becomes_cards_as_written() {
    let doc = read(&data().join("notes/coldwar-qa.txt"));
    let cards = harvest(&doc).cards;
    let fronts: Vec<&str> = cards.iter().map(|c| c.front.as_str()).collect();
    assert_eq!(fronts.len(), 10, "{fronts:?}");
    assert_eq!(fronts[0], "What was the Truman Doctrine?");
    assert_eq!(fronts[2], "Define containment.");
    assert_eq!(fronts[9], "What was Comecon?", "the Q: mark is left out");
    let why = cards.iter().find(|c| c.front.starts_with("Why")).unwrap();
    assert_eq!(why.back.len(), 2, "every answer line: {:?}", why.back);
    assert_eq!(cards[8].back, ["North Atlantic Treaty Organisation"]);
}

/// The seed textbook chapter's key terms (names are facts; the test reads
/// each definition from the chapter itself).
const TEXTBOOK_KEY_TERMS: [&str; 14] = [
    "October deserters",
    "Commissar for Nationalities",
    "Council of Peoples' Commissars",
    "Secretariat",
    "Patronage",
    "CPSU",
    "Politburo",
    "Anti-Semitism",
    "Triumvirate",
    "Economism",
    "Party democracy",
    "Left Communists",
    "Right Communists",
    "Gosplan",
];

#[test]
fn every_key_term_box_of_the_seed_chapter_is_harvested_in_full_and_no_prose() {
    let Some(dir) = seeds() else { return };
    let path = dir.join("001_33e3a26fa968acc4.txt");
    let doc = read(&path);
    let found = harvest(&doc).definitions;
    let lines: Vec<&str> = doc.text.lines().map(str::trim).collect();
    for term in TEXTBOOK_KEY_TERMS {
        // The definition is the next line with text after the term's line.
        let at = lines.iter().position(|l| *l == term).unwrap();
        let definition = lines[at + 1..].iter().find(|l| !l.is_empty()).unwrap();
        let got = found.iter().find(|d| d.term == term);
        assert_eq!(
            got.map(|d| d.definition.as_str()),
            Some(*definition),
            "{term}"
        );
    }
    // Nothing from the plain prose paragraphs: no passage reaches into a
    // paragraph of three sentences or more.
    let prose: Vec<std::ops::Range<usize>> = doc
        .layout()
        .blocks()
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .filter(|b| doc.text[b.range()].matches(". ").count() >= 2)
        .map(glossator::document::Block::range)
        .collect();
    assert!(prose.len() > 30, "{} prose paragraphs", prose.len());
    for d in &found {
        assert!(
            prose
                .iter()
                .all(|p| d.range.end <= p.start || d.range.start >= p.end),
            "from prose: {} = {}",
            d.term,
            d.definition
        );
    }
    // The seed notes on the NEP: its expansion, not its history.
    let notes = read(&dir.join("003_840b20e77962dbc1.txt"));
    let nep: Vec<String> = harvest(&notes)
        .definitions
        .into_iter()
        .filter(|d| d.term == "NEP")
        .map(|d| d.definition)
        .collect();
    assert_eq!(nep, ["New Economic Policy"]);
}

#[test]
fn every_question_of_the_flashcard_seed_is_a_card_with_its_answer() {
    let Some(dir) = seeds() else { return };
    let doc = read(&dir.join("004_0672e84bc2e5a7ea.txt"));
    let cards = harvest(&doc).cards;
    // The questions and answers as the file has them: a question is a line
    // ending in `?`; its answer, the lines up to the next one.
    let tidy = |l: &str| {
        l.trim()
            .trim_start_matches('-')
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut want: Vec<(String, Vec<String>)> = Vec::new();
    for line in doc.text.lines().skip(1).filter(|l| !l.trim().is_empty()) {
        if line.trim().ends_with('?') {
            want.push((tidy(line), Vec::new()));
        } else if let Some(last) = want.last_mut() {
            last.1.push(tidy(line));
        }
    }
    assert!(want.len() >= 15, "{} questions", want.len());
    let got: Vec<(String, Vec<String>)> = cards.into_iter().map(|c| (c.front, c.back)).collect();
    assert_eq!(got, want);
}

#[test]
fn harvest_writes_a_lexicon_to_review() {
    let dir = temp_with(&[(
        "notes.md",
        "# Week 3\n\n## Key terms\n\nKulak\n\nA peasant rich enough to hire labour.\n\n\
         Gosplan: the state planning agency\n\nThe NEP was introduced in 1921.\n"
            .as_bytes(),
    )]);
    let notes = dir.path().join("notes.md");
    let out = dir.path().join("harvested.toml");
    glossator()
        .args(["lexicon", "harvest"])
        .arg(&notes)
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .stderr(contains("2 term(s) harvested from 1 document(s)"));
    let toml = std::fs::read_to_string(&out).unwrap();
    // Built-in entries are marked, and written commented out.
    assert!(toml.contains("# built-in: the lexicon already has `kulaks`\n# [[entry]]\n# id = \"kulaks\"\n# name = \"Kulak\"\n# kind = \"term\"\n# definition = \"A peasant rich enough to hire labour.\"\n"), "{toml}");
    assert!(
        toml.contains(&format!("# {}:5 (key-term box)\n", notes.display())),
        "{toml}"
    );
    assert!(
        toml.contains("# built-in: the lexicon already has `gosplan`\n# [[entry]]"),
        "{toml}"
    );
    assert!(!toml.contains("1921"), "{toml}");
    // The file loads beside the built-in lexicon as it is.
    glossator()
        .args(["lexicon", "check", "--lexicon"])
        .arg(&out)
        .assert()
        .success();
}

#[test]
fn harvest_writes_new_terms_as_entries_and_flashcards() {
    let dir = temp_with(&[(
        "tudor.txt",
        "Praemunire – putting a foreign power, such as the Pope, above the Crown\n\n\
         Cromwell sent commissioners in 1535.\n"
            .as_bytes(),
    )]);
    let notes = dir.path().join("tudor.txt");
    let toml = glossator()
        .args(["lexicon", "harvest"])
        .arg(&notes)
        .output()
        .unwrap();
    let toml = String::from_utf8(toml.stdout).unwrap();
    assert!(
        toml.contains(&format!(
            "# {}:1 (term – definition)\n[[entry]]\nid = \"praemunire\"\nname = \"Praemunire\"\n\
             kind = \"term\"\ndefinition = \"putting a foreign power, such as the Pope, above the Crown\"\n",
            notes.display()
        )),
        "{toml}"
    );
    glossator()
        .args(["lexicon", "harvest", "--format", "tsv"])
        .arg(&notes)
        .assert()
        .success()
        .stdout(contains(format!(
            "#columns:Front\tBack\tKind\tSource\tBuilt-in\nPraemunire\tputting a foreign power, \
             such as the Pope, above the Crown\tterm\t{}:1\t\n",
            notes.display()
        )));
}

/// Notes in two files that define a built-in entry (differently) and a
/// term the lexicon lacks.
fn two_files_of_notes() -> tempfile::TempDir {
    temp_with(&[
        (
            "a.txt",
            "Key terms\n\nKulak\nA peasant rich enough to hire labour.\n\n\
             Praemunire – putting a foreign power, such as the Pope, above the Crown\n\n\
             The kulaks were blamed for the shortages. Cromwell used praemunire against the clergy.\n"
                .as_bytes(),
        ),
        (
            "b.txt",
            "Kulak – a peasant who owned land and animals\n\nStalin attacked the kulaks in 1929.\n"
                .as_bytes(),
        ),
    ])
}

/// The glossary of `dir` as JSON, with the flags.
fn glossary_json(dir: &Path, flags: &[&str]) -> serde_json::Value {
    let output = glossator()
        .arg("glossary")
        .args(flags)
        .arg(dir)
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    serde_json::from_slice(&output.stdout).unwrap()
}

fn entry<'g>(glossary: &'g serde_json::Value, id: &str) -> &'g serde_json::Value {
    glossary["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == id)
        .unwrap_or_else(|| panic!("no entry {id}"))
}

#[test]
fn harvested_definitions_come_first_with_their_sources_and_new_terms_are_tagged() {
    let dir = two_files_of_notes();
    let plain = glossary_json(dir.path(), &[]);
    assert!(entry(&plain, "kulaks").get("notes").is_none());
    assert!(plain["entries"]
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["name"] != "Praemunire"));
    let harvested = glossary_json(dir.path(), &["--harvest"]);
    let kulak = entry(&harvested, "kulaks");
    let notes: Vec<(&str, String)> = kulak["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| {
            let source = n["source"].as_str().unwrap();
            let file = Path::new(source).file_name().unwrap().to_string_lossy();
            (n["definition"].as_str().unwrap(), file.to_string())
        })
        .collect();
    assert_eq!(
        notes,
        [
            (
                "A peasant rich enough to hire labour.",
                "a.txt:3".to_string()
            ),
            (
                "a peasant who owned land and animals",
                "b.txt:1".to_string()
            )
        ],
        "both files' definitions, each with its source"
    );
    assert_eq!(kulak["definition"], entry(&plain, "kulaks")["definition"]);
    // A term new to the lexicon is an entry of the run, tagged in the prose
    // too, and its definition is the notes' alone.
    let praemunire = entry(&harvested, "praemunire");
    assert_eq!(praemunire["count"], 2, "{praemunire}");
    assert_eq!(praemunire["definition"], "");
    assert_eq!(praemunire["notes"].as_array().unwrap().len(), 1);
    // --harvest-only leaves out the lexicon's definition.
    let only = glossary_json(dir.path(), &["--harvest", "--harvest-only"]);
    assert_eq!(entry(&only, "kulaks")["definition"], "");
    assert_eq!(entry(&only, "kulaks")["notes"], kulak["notes"]);
}

#[test]
fn the_glossary_pages_show_the_notes_first_and_link_to_their_passage() {
    let dir = two_files_of_notes();
    let md = glossator()
        .args(["glossary", "--harvest", "--format", "md"])
        .arg(dir.path())
        .output()
        .unwrap();
    let md = String::from_utf8(md.stdout).unwrap();
    let kulak = &md[md.find("### kulak").unwrap()..];
    let notes = kulak.find("*From the notes* (").unwrap();
    let lexicon = kulak.find("*Lexicon:* ").unwrap();
    assert!(notes < lexicon, "{kulak}");
    let out = dir.path().join("site");
    glossator()
        .args(["build", "--harvest", "--harvest-only", "--out"])
        .arg(&out)
        .arg(dir.path().join("a.txt"))
        .arg(dir.path().join("b.txt"))
        .assert()
        .success();
    let page = std::fs::read_to_string(out.join("glossary.html")).unwrap();
    // The term `Kulak` is at byte 11 of a.txt: the link goes to its span.
    assert!(
        page.contains("<p class=\"def note\">A peasant rich enough to hire labour. <span class=\"meta\">(from <a href=\"handouts/a.html#s-11\">"),
        "{page}"
    );
    let handout = std::fs::read_to_string(out.join("handouts/a.html")).unwrap();
    assert!(handout.contains("id=\"s-11\""), "the span the link goes to");
    let tsv = std::fs::read_to_string(out.join("glossary.tsv")).unwrap();
    assert!(
        tsv.contains(
            "kulak\tA peasant rich enough to hire labour. — a peasant who owned land and animals\n"
        ),
        "{tsv}"
    );
    // The deck and the compact glossary give the notes' definitions too:
    // with --harvest-only the lexicon's is empty.
    let both = "A peasant rich enough to hire labour. — a peasant who owned land and animals";
    for file in ["anki.txt", "glossary-compact.html"] {
        let text = std::fs::read_to_string(out.join(file)).unwrap();
        assert!(text.contains(both), "{file}: {text}");
    }
}

#[test]
fn qa_cards_join_the_flashcards_as_written() {
    let notes = data().join("notes/coldwar-qa.txt");
    let output = glossator()
        .args(["glossary", "--harvest", "--format", "tsv"])
        .arg(&notes)
        .output()
        .unwrap();
    let tsv = String::from_utf8(output.stdout).unwrap();
    let cards: Vec<&str> = tsv
        .lines()
        .filter(|l| l.contains("?\t") || l.starts_with("Define "))
        .collect();
    assert_eq!(cards.len(), 10, "{tsv}");
    assert!(tsv.contains(
        "Why did Stalin set up Cominform?\tTo keep the communist parties of Europe under \
         Moscow's control. It answered the Marshall Plan.\n"
    ));
    // The Anki deck has them too, as Basic notes tagged `qa`.
    let deck = glossator()
        .args(["glossary", "--harvest", "--format", "anki"])
        .arg(&notes)
        .output()
        .unwrap();
    let deck = String::from_utf8(deck.stdout).unwrap();
    let qa: Vec<&str> = deck
        .lines()
        .filter(|l| l.starts_with("glossator-qa-"))
        .collect();
    assert_eq!(qa.len(), 10, "{deck}");
    assert!(qa.iter().any(|l| l.ends_with(
        "\tBasic\tGlossator\tWhy did Stalin set up Cominform?\tTo keep the communist parties of \
         Europe under Moscow&#39;s control. It answered the Marshall Plan.\tqa"
    )));
    // Without --harvest, no cards.
    let plain = glossator()
        .args(["glossary", "--format", "tsv"])
        .arg(&notes)
        .output()
        .unwrap();
    assert!(!String::from_utf8(plain.stdout).unwrap().contains("?\t"));
}
