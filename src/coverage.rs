//! Lexicon coverage: which likely glossary terms in a text no entry tags.
//!
//! Two kinds of candidate are collected from a document:
//!
//! * capitalised phrases: capitalised words in a row (a regnal number
//!   too: `Emperor Charles V`), possibly joined by `of`, `the`, `for`, `in`,
//!   `de`, `on` (`Council of People's Commissars`), but never across `and`
//!   (`Kamenev and Zinoviev` are two), without a trailing `'s`. A phrase of
//!   one word is proposed only when that word is no English word
//!   ([`is_english_word`]: `Trotsky`, not `Party`); at a sentence start,
//!   where every word is capitalised, a first word that is an English word
//!   (`Meanwhile`, `The`) is left out first, so `Meanwhile Trotsky wrote`
//!   proposes `Trotsky`;
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
//! let text = "Meanwhile Trotsky's allies and Emperor Charles V met Kamenev and Zinoviev.";
//! assert_eq!(
//!     uncovered(text, &[]),
//!     ["Trotsky", "Emperor Charles V", "Kamenev", "Zinoviev"]
//! );
//! ```

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use crate::annotate::Span;
use crate::text::is_english_word;

/// Capitalised words (or a regnal number), with short connectors allowed
/// inside a phrase.
static PHRASE: LazyLock<Regex> = LazyLock::new(|| {
    let word = r"(?:\p{Lu}[\p{L}'’\-]*\p{L}|[IVX]+\b)";
    let connector = r"(?:of|the|for|in|de|on)";
    Regex::new(&format!(r"{word}(?:\s(?:{connector}\s)*{word})*")).expect("valid regex")
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
        // A regnal number alone (`I` at a sentence start) is no phrase.
        let range = without_possessive(text, m.range());
        let range = without_function_words(text, range);
        let range = match is_sentence_start(text, range.start) {
            true => without_first_english_word(text, range),
            false => range,
        };
        let phrase = &text[range.clone()];
        let mut words = phrase.split_whitespace();
        let proposed = match (words.next(), words.next()) {
            (Some(word), None) => word.chars().count() > 1 && !is_english_word(word),
            (Some(_), Some(_)) => true,
            _ => false,
        };
        proposed.then_some(range)
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

/// Drops a trailing `'s`, `’s` or `'` (`Trotsky's` → `Trotsky`).
fn without_possessive(text: &str, range: Range<usize>) -> Range<usize> {
    let phrase = &text[range.clone()];
    let cut = ["'s", "’s", "'", "’"]
        .iter()
        .find(|end| phrase.ends_with(*end))
        .map_or(0, |end| end.len());
    range.start..range.end - cut
}

/// Drops the first word of a phrase at a sentence start when it is an
/// English word, capitalised only by its place (`Meanwhile Trotsky`).
fn without_first_english_word(text: &str, range: Range<usize>) -> Range<usize> {
    let phrase = &text[range.clone()];
    match phrase.split_once(char::is_whitespace) {
        Some((first, rest)) if is_english_word(first) => {
            range.end - rest.trim_start().len()..range.end
        }
        _ => range,
    }
}

/// Is `at` the first word of a sentence or line (where capitals say nothing)?
fn is_sentence_start(text: &str, at: usize) -> bool {
    let before = text[..at].trim_end_matches([' ', '\t', '•', '-', '*']);
    before.is_empty() || before.ends_with(['.', '!', '?', '\n', ':', '"', '“', '\''])
}

#[cfg(test)]
mod tests {
    use super::uncovered;

    #[test]
    fn proposals_case_by_case() {
        for (text, want) in [
            // A single capitalised word that is no English word.
            ("the speech by Bukharin shocked them", &["Bukharin"][..]),
            ("the Party met", &[]),
            // A sentence start: the English first word goes, a name stays.
            ("Trotsky was exiled.", &["Trotsky"]),
            ("Meanwhile Trotsky was exiled.", &["Trotsky"]),
            ("Nevertheless the vote went on.", &[]),
            // `and` splits; a possessive is dropped; a regnal number kept.
            ("both Kamenev and Zinoviev lost", &["Kamenev", "Zinoviev"]),
            ("then Kamenev's friends left", &["Kamenev"]),
            ("then Emperor Charles V ruled", &["Emperor Charles V"]),
            ("so I went", &[]),
        ] {
            assert_eq!(uncovered(text, &[]), want, "{text}");
        }
    }
}
