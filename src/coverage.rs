//! Lexicon coverage: which likely glossary terms in a text no entry tags.
//!
//! Two kinds of candidate are collected from a document:
//!
//! * capitalised multiword phrases: two or more capitalised words in a row,
//!   possibly joined by `of`, `the`, `and`, `for`, `in`, `de` (`Council of
//!   People's Commissars`), not at the very start of a sentence unless
//!   three words long or more;
//! * quoted terms: one to five words inside quotes (`'Lenin enrolment'`,
//!   `“Dizzy with Success”`).
//!
//! A candidate counts as covered when any span of the annotation overlaps
//! it. What is left is what a lexicon author should look at; `glossator
//! lexicon coverage` prints it with counts.
//!
//! ```
//! use glossator::coverage::uncovered;
//!
//! let text = "The Kolkhoz Centre met. It cited 'Dizzy with Success'.";
//! assert_eq!(uncovered(text, &[]), ["Kolkhoz Centre", "Dizzy with Success"]);
//! ```

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::annotate::Span;

/// Capitalised words, with short connectors allowed inside a phrase.
static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"\p{Lu}[\p{L}'’\-]*\p{L}";
    let connector = r"(?:of|the|and|for|in|de|on)";
    Regex::new(&format!(r"{word}(?:\s(?:{connector}\s)*{word})+")).expect("valid regex")
});

/// One to five words between matching quotes.
static QUOTED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?:'|‘|“|")(\p{L}[\p{L}\-’']*(?: [\p{L}\-’']+){0,4})(?:'|’|”|")(?:\W|$)"#)
        .expect("valid regex")
});

/// Candidate terms in `text` that none of `spans` overlaps, in text order,
/// white space collapsed.
pub fn uncovered(text: &str, spans: &[Span]) -> Vec<String> {
    candidates(text)
        .filter(|range| {
            !spans
                .iter()
                .any(|s| s.start < range.end && range.start < s.end)
        })
        .map(|range| text[range].split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

fn candidates(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let phrases = PHRASE.find_iter(text).filter_map(|m| {
        let range = without_function_words(text, m.range());
        let words = text[range.clone()].split_whitespace().count();
        (words >= 2 && (words >= 3 || !is_sentence_start(text, range.start))).then_some(range)
    });
    let quoted = QUOTED
        .captures_iter(text)
        .filter_map(|c| c.get(1))
        .map(|m| m.range());
    phrases.chain(quoted)
}

/// Words that are capitalised only because they start a sentence or a
/// title, and the connectors: dropped from the front of a phrase.
const LEADING: &[&str] = &[
    "a", "after", "all", "although", "an", "and", "as", "before", "both", "by", "did", "during",
    "few", "for", "his", "how", "in", "it", "its", "many", "most", "of", "on", "some", "the",
    "their", "then", "these", "this", "under", "was", "were", "what", "when", "while", "why",
    "with", "yet",
];

/// Drops leading function words (`Then the Tractor Centre` → `Tractor
/// Centre`).
fn without_function_words(text: &str, range: Range<usize>) -> Range<usize> {
    let mut start = range.start;
    for word in text[range.clone()].split(' ') {
        if !LEADING.contains(&word.to_lowercase().as_str()) {
            break;
        }
        start += word.len() + 1;
    }
    start.min(range.end)..range.end
}

/// Is `at` the first word of a sentence or line (where capitals say nothing)?
fn is_sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t', '•', '-', '*']);
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '"', '“', '\''])
}
