//! The development sets of `tests/data/devset/`: texts written for the
//! project with inline gold (see `gold`), each annotated by the `glossator`
//! binary with its own lexicon and scored (see `score`) against per-set
//! minimums in `tests/data/devset/thresholds.toml`.
//!
//! ```sh
//! cargo test --release --test integration devset -- --nocapture    # the table
//! DEVSET_VERBOSE=1 cargo test --release --test integration devset -- --nocapture
//! DEVSET_VERBOSE=tudors,soviet ...                                 # some sets only
//! DEVSET_THRESHOLDS=1 ...                # thresholds.toml tables just below today's figures
//! ```
//!
//! `DEVSET_VERBOSE` lists every miss and false hit, with its file and line
//! and what glossator tagged or the gold says there.

mod gold;
mod score;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use glossator::lexicon::Lexicon;

use crate::util::{glossator, repo};
use gold::{GoldText, Label};
use score::{Counts, Keys, Score, Tag, Tagged};

/// The folder holding one folder per set.
fn devset_dir() -> PathBuf {
    repo().join("tests/data/devset")
}

/// A development set: texts with gold, and the lexicon to run them with.
struct DevSet {
    name: String,
    /// `glossary.tsv` of the set, or `None` for the built-in lexicon.
    glossary: Option<PathBuf>,
    /// File name → gold text.
    texts: Vec<(String, GoldText)>,
}

impl DevSet {
    /// Every set folder, in name order.
    fn all() -> Vec<DevSet> {
        let mut dirs: Vec<PathBuf> = std::fs::read_dir(devset_dir())
            .expect("tests/data/devset")
            .map(|e| e.expect("a folder entry").path())
            .filter(|p| p.is_dir())
            .collect();
        dirs.sort();
        dirs.iter().map(|dir| DevSet::load(dir)).collect()
    }

    fn load(dir: &Path) -> DevSet {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let glossary = Some(dir.join("glossary.tsv")).filter(|p| p.is_file());
        let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("txt" | "md")))
            .collect();
        paths.sort();
        let texts = paths
            .iter()
            .map(|path| {
                let file = path.file_name().unwrap().to_string_lossy().into_owned();
                let markup = std::fs::read_to_string(path).unwrap();
                let gold =
                    gold::parse(&markup).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                (file, gold)
            })
            .collect();
        DevSet {
            name,
            glossary,
            texts,
        }
    }

    /// The lexicon's entries as the scorer names them, with their surface
    /// forms: for a TSV glossary the card's term (slugged here, so that
    /// the gold does not depend on how glossator makes ids), else the
    /// built-in lexicon's ids.
    fn lexicon(&self) -> BTreeMap<String, LexiconEntry> {
        if let Some(path) = &self.glossary {
            let tsv = std::fs::read_to_string(path).unwrap();
            let cards = tsv.lines().filter(|l| !l.is_empty() && !l.starts_with('#'));
            cards
                .map(|line| {
                    let term = line.split('\t').next().unwrap_or_default().to_owned();
                    let entry = LexiconEntry {
                        kind: None,
                        forms: vec![term.clone()],
                    };
                    (slug(&term), entry)
                })
                .collect()
        } else {
            let lexicon = Lexicon::builtin().expect("the built-in lexicon");
            let entries = lexicon.entries().iter().map(|e| {
                let entry = LexiconEntry {
                    kind: Some(e.kind.to_string()),
                    forms: e.surface_forms().map(|f| f.text.to_owned()).collect(),
                };
                (e.id.clone(), entry)
            });
            entries.collect()
        }
    }

    /// Runs `glossator annotate` over the set's plain texts and returns
    /// each file's tags.
    fn annotate(&self) -> BTreeMap<String, Vec<Tag>> {
        let dir = tempfile::tempdir().unwrap();
        for (file, gold) in &self.texts {
            std::fs::write(dir.path().join(file), &gold.text).unwrap();
        }
        let mut cmd = glossator();
        cmd.arg("annotate").arg(dir.path());
        if let Some(glossary) = &self.glossary {
            cmd.arg("--no-default-lexicon")
                .arg("--lexicon")
                .arg(glossary);
        }
        let output = cmd.output().unwrap();
        assert!(
            output.status.success(),
            "glossator annotate on set {} failed:\n{}",
            self.name,
            String::from_utf8_lossy(&output.stderr)
        );
        let stdout = String::from_utf8(output.stdout).unwrap();
        stdout
            .lines()
            .map(|line| {
                let doc: serde_json::Value = serde_json::from_str(line).unwrap();
                let path = doc["doc"]["path"].as_str().unwrap();
                let file = Path::new(path).file_name().unwrap().to_string_lossy();
                let tags = doc["spans"].as_array().unwrap().iter();
                let keyed = self.glossary.is_some();
                (file.into_owned(), tags.map(|s| tag(s, keyed)).collect())
            })
            .collect()
    }
}

/// What the scorer needs to know of a lexicon entry.
struct LexiconEntry {
    /// The entry's kind, where the lexicon says it (TSV cards do not).
    kind: Option<String>,
    forms: Vec<String>,
}

/// A span of glossator's JSON as a [`Tag`]; a TSV card's entry is keyed by
/// the slug of its name (`keyed_by_name`), a built-in one by its id.
fn tag(span: &serde_json::Value, keyed_by_name: bool) -> Tag {
    let field = |name: &str| span[name].as_str().map(str::to_owned);
    let offset = |name: &str| span[name].as_u64().unwrap() as usize;
    let kind = field("kind").unwrap();
    let what = if kind == "date" {
        Tagged::Date {
            value: field("value").unwrap(),
        }
    } else if keyed_by_name {
        Tagged::Entry {
            key: slug(&field("name").unwrap()),
        }
    } else {
        Tagged::Entry {
            key: field("entry").unwrap(),
        }
    };
    Tag {
        start: offset("start"),
        end: offset("end"),
        kind,
        what,
    }
}

/// The devset's own id of a card term: ASCII letters and digits, lower
/// case, runs of anything else as one `-`; common accented letters lose
/// their accents.
fn slug(term: &str) -> String {
    let folded = term.chars().map(|c| match c {
        'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'è' | 'é' | 'ê' | 'ë' | 'ę' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' => 'n',
        'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
        'ś' | 'š' => 's',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        c => c.to_ascii_lowercase(),
    });
    let mut slug = String::new();
    for c in folded.flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').to_owned()
}

/// A form compared as the matcher compares: lower case, straight
/// apostrophes, hyphens and dashes as spaces, one space between words.
fn comparable(form: &str) -> String {
    let spaced: String = form
        .chars()
        .map(|c| match c {
            '’' | '‘' => '\'',
            '-' | '‐' | '‑' | '–' | '—' => ' ',
            c => c,
        })
        .flat_map(char::to_lowercase)
        .collect();
    spaced.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks the set's gold against its lexicon and returns the scorer's keys:
/// every id names an entry of the lexicon (or starts with `new:`), with
/// the lexicon's kind and one kind per id, and every mention whose words
/// are not a listed form (or its plural) says which variant it is.
fn check_gold(set: &DevSet) -> Keys {
    let lexicon = set.lexicon();
    let mut kinds: BTreeMap<String, String> = BTreeMap::new();
    let mut problems = Vec::new();
    for (file, gold) in &set.texts {
        for span in &gold.spans {
            let Label::Entry { kind, id } = &span.label else {
                continue;
            };
            let surface = &gold.text[span.start..span.end];
            let at = format!("{}/{file}:{}: {surface:?}", set.name, span.line);
            if let Some(other) = kinds.insert(id.clone(), kind.clone()) {
                if other != *kind {
                    problems.push(format!("{at}: {id} is {kind} here, {other} elsewhere"));
                }
            }
            if let Some(new) = id.strip_prefix("new:") {
                if lexicon.contains_key(new) {
                    println!("note: {at}: {id} is now an entry; drop the `new:`");
                }
                continue;
            }
            let Some(entry) = lexicon.get(id) else {
                problems.push(format!("{at}: no entry {id} in the lexicon"));
                continue;
            };
            if entry.kind.as_ref().is_some_and(|k| k != kind) {
                problems.push(format!(
                    "{at}: {id} is {kind} in the gold, not {:?}",
                    entry.kind
                ));
            }
            let text = comparable(surface);
            let listed = entry.forms.iter().map(|f| comparable(f)).any(|form| {
                text == form || text == format!("{form}s") || text == format!("{form}es")
            });
            if !listed && span.classes.is_empty() {
                problems.push(format!(
                    "{at}: not a listed form of {id}, and no class says why"
                ));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "devset gold problems:\n{}",
        problems.join("\n")
    );
    Keys { kinds }
}

/// Per-set minimums: set → group → metric → value.
type Thresholds = BTreeMap<String, BTreeMap<String, BTreeMap<String, f64>>>;

fn thresholds() -> Thresholds {
    let path = devset_dir().join("thresholds.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The groups of the table, in its order.
const GROUPS: [&str; 11] = [
    "person",
    "place",
    "org",
    "event",
    "term",
    "entries",
    "entries-span",
    "entries-known",
    "date",
    "date-span",
    "all",
];

fn metric(counts: Counts, name: &str) -> Option<f64> {
    match name {
        "precision" => Some(counts.precision()),
        "recall" => Some(counts.recall()),
        "f1" => Some(counts.f1()),
        _ => None,
    }
}

/// Which sets `DEVSET_VERBOSE` asks to list errors for.
fn verbose(set: &str) -> bool {
    match std::env::var("DEVSET_VERBOSE") {
        Ok(value) if value == "1" || value == "all" => true,
        Ok(value) => value.split(',').any(|s| s.trim() == set),
        Err(_) => false,
    }
}

fn print_errors(set: &DevSet, file: &str, gold: &GoldText, score: &Score) {
    let line_of = |offset: usize| gold.text[..offset].matches('\n').count() + 1;
    let lists = [("miss", &score.misses), ("false", &score.false_hits)];
    for (title, errors) in lists {
        for e in errors {
            let surface = &gold.text[e.start..e.end];
            println!(
                "  {title:5} {}/{file}:{}  {surface:?} {}  {}",
                set.name,
                line_of(e.start),
                e.what,
                e.why
            );
        }
    }
}

fn print_table(name: &str, score: &Score) {
    println!("{name}");
    println!(
        "  {:<13} {:>5} {:>5} {:>5} {:>9} {:>6} {:>6}",
        "group", "gold", "found", "right", "precision", "recall", "f1"
    );
    for group in GROUPS {
        let c = score.group(group);
        if c.gold + c.found == 0 {
            continue;
        }
        println!(
            "  {group:<13} {:>5} {:>5} {:>5} {:>9.3} {:>6.3} {:>6.3}",
            c.gold,
            c.found,
            c.correct,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    let pairs = |map: &BTreeMap<String, (usize, usize)>| {
        let items: Vec<String> = map
            .iter()
            .map(|(k, (a, b))| format!("{k} {a}/{b}"))
            .collect();
        items.join(", ")
    };
    println!("  classes found: {}", pairs(&score.classes));
    println!("  traps hit: {}", pairs(&score.traps));
    let (agree, right) = score.kind_agreement;
    println!("  kind as in the gold: {agree}/{right} correct entry tags");
}

/// Thresholds just below `score`'s figures, as a `thresholds.toml` table:
/// each figure rounded down to two places, less 0.01 where that leaves it
/// within 0.005 of the figure; groups and precisions with nothing to
/// measure yet are left out.
fn suggested_thresholds(set: &str, score: &Score) -> String {
    let below = |value: f64| ((value * 100.0 - 0.5).floor() / 100.0).max(0.0);
    let mut toml = format!("[{set}]\n");
    for group in GROUPS {
        let counts = score.group(group);
        if counts.gold == 0 {
            continue;
        }
        let metrics: &[&str] = match (group, counts.found) {
            (_, 0) => &["recall"],
            ("entries" | "date", _) => &["precision", "recall", "f1"],
            _ => &["f1"],
        };
        let pairs: Vec<String> = metrics
            .iter()
            .map(|&name| format!("{name} = {:.2}", below(metric(counts, name).unwrap_or(0.0))))
            .collect();
        let _ = writeln!(toml, "{group} = {{ {} }}", pairs.join(", "));
    }
    toml
}

/// Scores every set, prints the table, and checks the thresholds.
#[test]
fn devset_scores_meet_their_thresholds() {
    let thresholds = thresholds();
    let sets = DevSet::all();
    assert!(!sets.is_empty(), "no sets in tests/data/devset");
    let mut failures = Vec::new();
    for set in &sets {
        let keys = check_gold(set);
        let tags = set.annotate();
        let mut total = Score::default();
        for (file, gold) in &set.texts {
            let got = tags.get(file).map_or(&[][..], Vec::as_slice);
            let score = score::score(gold, got, &keys);
            if verbose(&set.name) {
                print_errors(set, file, gold, &score);
            }
            total.add(&score);
        }
        print_table(&set.name, &total);
        if std::env::var_os("DEVSET_THRESHOLDS").is_some() {
            println!("{}", suggested_thresholds(&set.name, &total));
        }
        let Some(minimums) = thresholds.get(&set.name) else {
            failures.push(format!("{}: no thresholds in thresholds.toml", set.name));
            continue;
        };
        for (group, metrics) in minimums {
            assert!(
                GROUPS.contains(&group.as_str()),
                "thresholds: unknown group {group}"
            );
            for (name, min) in metrics {
                let got = metric(total.group(group), name)
                    .unwrap_or_else(|| panic!("thresholds: unknown metric {name}"));
                if got < *min {
                    failures.push(format!("{} {group} {name}: {got:.3} < {min}", set.name));
                }
            }
        }
    }
    let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
    for name in thresholds.keys() {
        assert!(
            names.contains(&name.as_str()),
            "thresholds for unknown set {name}"
        );
    }
    assert!(
        failures.is_empty(),
        "below the devset thresholds:\n{}",
        failures.join("\n")
    );
}

#[test]
fn slugs_and_comparable_forms() {
    assert_eq!(slug("Abraham Lincoln"), "abraham-lincoln");
    assert_eq!(slug("Anne of Cleves"), "anne-of-cleves");
    assert_eq!(slug("Józef Piłsudski"), "jozef-pilsudski");
    assert_eq!(slug("Act of Supremacy (1534)"), "act-of-supremacy-1534");
    assert_eq!(comparable("Five-Year  Plan’s"), "five year plan's");
}
