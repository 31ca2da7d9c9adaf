//! `glossator worksheet` (issue 18 item 2) end to end on the corpus:
//! gap-fill with a word bank, matching, date ordering and the answer key;
//! the same seed the same page; the options; `build` writes the same.

use std::path::Path;

use regex::Regex;

use crate::util::{glossator, repo};

/// `worksheet corpus --out DIR` with `flags`: the page written.
fn worksheet(dir: &Path, flags: &[&str]) -> String {
    glossator()
        .arg("worksheet")
        .arg(repo().join("corpus"))
        .arg("--out")
        .arg(dir)
        .args(flags)
        .assert()
        .success();
    std::fs::read_to_string(dir.join("worksheet.html")).unwrap()
}

/// The text of every `<tag ...>…</tag>` in `html` (no nesting of `tag`),
/// tags inside removed and entities of the page's escaping undone.
fn texts(html: &str, open: &str, tag: &str) -> Vec<String> {
    let pattern = format!("(?s){}(.*?)</{tag}>", regex::escape(open));
    let tags = Regex::new("<[^>]*>").unwrap();
    Regex::new(&pattern)
        .unwrap()
        .captures_iter(html)
        .map(|c| unescape(&tags.replace_all(&c[1], "")))
        .collect()
}

fn unescape(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
}

/// The part of `html` from `from` to the next `until`.
fn part<'a>(html: &'a str, from: &str, until: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("no {from}"));
    let rest = &html[start..];
    &rest[..rest.find(until).unwrap_or(rest.len())]
}

#[test]
fn the_same_seed_makes_the_same_worksheet_and_another_seed_another() {
    let dir = tempfile::tempdir().unwrap();
    let one = worksheet(&dir.path().join("a"), &["--seed", "7"]);
    let again = worksheet(&dir.path().join("b"), &["--seed", "7", "--jobs", "1"]);
    let other = worksheet(&dir.path().join("c"), &["--seed", "8"]);
    assert_eq!(one, again);
    assert_ne!(one, other);
    // Three exercises and the key, each after the first on a page of its own.
    assert_eq!(one.matches("<section class=\"exercise\">").count(), 1);
    assert_eq!(one.matches("<section class=\"exercise sheet\">").count(), 2);
    assert_eq!(one.matches("<section class=\"answers sheet\">").count(), 1);
}

#[test]
fn filling_the_gaps_from_the_key_gives_back_sentences_of_the_notes() {
    let dir = tempfile::tempdir().unwrap();
    let html = worksheet(dir.path(), &["--exercise", "gap-fill", "--items", "8"]);
    assert!(!html.contains("Match each term"), "only the gap-fill");
    let sheet = part(&html, "<h2>Fill the gaps</h2>", "</section>");
    let key = part(&html, "<h2>Answer key</h2>", "</section>");
    let gaps = texts(sheet, "<li>", "li");
    let answers = texts(key, "<li>", "li");
    assert_eq!(gaps.len(), 8);
    assert_eq!(answers.len(), 8);
    let bank = texts(sheet, "<p class=\"bank\">", "p")[0].clone();
    let mut words: Vec<&str> = bank.split(" · ").collect();
    let mut sorted = words.clone();
    sorted.sort_by_key(|w| w.to_lowercase());
    assert_eq!(words, sorted, "the bank is in alphabetical order");
    words.sort_unstable();
    let mut expected: Vec<&str> = answers.iter().map(String::as_str).collect();
    expected.sort_unstable();
    assert_eq!(words, expected, "the bank holds the answers");
    let notes: String = std::fs::read_dir(repo().join("corpus"))
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .collect::<Vec<_>>()
        .join("\n");
    let notes = notes.split_whitespace().collect::<Vec<_>>().join(" ");
    for (gap, answer) in gaps.iter().zip(&answers) {
        assert!(gap.contains("____________"), "{gap}");
        let filled = gap.replace("____________", answer);
        assert!(notes.contains(&filled), "not in the notes: {filled}");
    }
}

#[test]
fn matching_pairs_each_term_with_one_definition_that_hides_it() {
    let dir = tempfile::tempdir().unwrap();
    let html = worksheet(dir.path(), &["--exercise", "matching", "--items", "6"]);
    let sheet = part(&html, "<h2>Match each term", "</section>");
    let terms = texts(sheet, "<th>", "th");
    let definitions = texts(sheet, "</th><td>", "td");
    assert_eq!(terms.len(), 6);
    assert_eq!(definitions.len(), 6);
    let key = part(&html, "<h3>Match each term", "</section>");
    let pairs = Regex::new(r"(\d+)&nbsp;([A-Z])").unwrap();
    let mut letters: Vec<String> = Vec::new();
    for (n, pair) in pairs.captures_iter(key).enumerate() {
        assert_eq!(pair[1].parse::<usize>().unwrap(), n + 1);
        letters.push(pair[2].to_string());
        let term = terms[n].split_once(". ").unwrap().1;
        let definition = definitions
            .iter()
            .find(|d| d.starts_with(&format!("{}. ", &pair[2])))
            .unwrap();
        assert!(
            !definition.to_lowercase().contains(&term.to_lowercase()),
            "{term}: {definition}"
        );
    }
    letters.sort();
    assert_eq!(letters, ["A", "B", "C", "D", "E", "F"]);
}

#[test]
fn date_ordering_lists_events_shuffled_and_the_key_in_date_order() {
    let dir = tempfile::tempdir().unwrap();
    let html = worksheet(dir.path(), &["--exercise", "dates", "--items", "5"]);
    let sheet = part(&html, "<h2>Put these events", "</section>");
    let shown = texts(sheet, "<td class=\"answer-box\"></td><td>", "td");
    let key = texts(
        part(&html, "<h2>Answer key</h2>", "</section>"),
        "<li>",
        "li",
    );
    assert_eq!(shown.len(), 5);
    assert_eq!(key.len(), 5);
    let names: Vec<&str> = key.iter().map(|k| k.rsplit_once(" (").unwrap().0).collect();
    assert_ne!(shown, names, "shuffled");
    let mut a = shown.clone();
    let mut b: Vec<String> = names.iter().map(std::string::ToString::to_string).collect();
    a.sort();
    b.sort();
    assert_eq!(a, b, "the same events");
    // The key in date order (the events' days never overlap).
    let years: Vec<i32> = key
        .iter()
        .map(|k| {
            let words = k.rsplit_once(" (").unwrap().1;
            Regex::new(r"\d{4}")
                .unwrap()
                .find(words)
                .unwrap()
                .as_str()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(years.windows(2).all(|w| w[0] <= w[1]), "{key:?}");
}

#[test]
fn build_writes_the_worksheet_the_command_writes() {
    let dir = tempfile::tempdir().unwrap();
    glossator()
        .arg("build")
        .arg(repo().join("corpus"))
        .arg("--out")
        .arg(dir.path().join("site"))
        .args(["--seed", "3", "--items", "6"])
        .assert()
        .success();
    let built = std::fs::read_to_string(dir.path().join("site/worksheet.html")).unwrap();
    assert_eq!(
        built,
        worksheet(&dir.path().join("one"), &["--seed", "3", "--items", "6"])
    );
    let index = std::fs::read_to_string(dir.path().join("site/index.html")).unwrap();
    assert!(index.contains("<a href=\"worksheet.html\">"), "{index}");
}

#[test]
fn an_unknown_exercise_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    glossator()
        .arg("worksheet")
        .arg(repo().join("corpus"))
        .arg("--out")
        .arg(dir.path())
        .args(["--exercise", "crossword"])
        .assert()
        .code(2);
}
