//! Which words of a text could be misspelt, and how a candidate's words
//! join: the scan `find` is anchored on, and the word tests of matching
//! rule 7 (capitalised, 5 letters or more, no English word, not another
//! English ending of the form).

use std::ops::Range;

use crate::matcher::TermMatch;
use crate::text::{is_ascii_word_byte, is_english_word, is_word_char};

/// The first of `found` (sorted by start, disjoint) that overlaps
/// `range`, if any does.
pub(super) fn covering<'f>(found: &'f [TermMatch], range: &Range<usize>) -> Option<&'f TermMatch> {
    let after = found.partition_point(|m| m.end <= range.start);
    found.get(after).filter(|m| m.start < range.end)
}

pub(super) fn starts_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// Could `word` be a misspelling: capitalised, 5 letters or more and
/// nothing else, and no English word?
pub(super) fn could_be_misspelt(word: &str) -> bool {
    starts_capitalised(word)
        && word.chars().nth(4).is_some()
        && word.chars().all(char::is_alphabetic)
        && !is_english_word(word)
}

/// Endings that make another English word of a name, not a misspelling
/// of it: plurals (`Stalins`, `Countrys`), and the endings of adjectives,
/// demonyms and doctrines (`Russian`, `German` of `Germany`, `Leninist`,
/// `Leninism`, `Legio` and `Legion`). A candidate and a form that are one
/// stem with two of these endings (or none) are a derived word.
const DERIVED_ENDINGS: &[&str] = &[
    "", "s", "es", "y", "ys", "ies", "n", "an", "ans", "ian", "ians", "ist", "ists", "ism", "isms",
    "ic", "ics", "ite", "ites", "ese", "ish", "ia",
];

/// Are the folded `candidate` and `form` one stem with two of the
/// [`DERIVED_ENDINGS`]?
pub(super) fn is_derived(candidate: &str, form: &str) -> bool {
    DERIVED_ENDINGS.iter().any(|a| {
        candidate.strip_suffix(a).is_some_and(|stem| {
            DERIVED_ENDINGS
                .iter()
                .any(|b| form.strip_suffix(b) == Some(stem))
        })
    })
}

/// The words of `text` that could be misspelt ([`could_be_misspelt`]) and
/// that none of `found` covers, in order.
///
/// Capital letters are found eight bytes at a time: most of a text is
/// lower-case letters and spaces, and only a capital or a non-ASCII byte
/// can start a capitalised word.
pub(super) fn possible_misspellings<'t>(
    text: &'t str,
    found: &'t [TermMatch],
) -> impl Iterator<Item = Range<usize>> + 't {
    let bytes = text.as_bytes();
    let mut at = 0;
    let mut next_found = 0;
    std::iter::from_fn(move || {
        while at < bytes.len() {
            let start = next_capital_or_non_ascii(bytes, at);
            if start >= bytes.len() {
                at = start;
                return None;
            }
            let c = text[start..].chars().next()?;
            at = start + c.len_utf8();
            if !c.is_uppercase() {
                continue;
            }
            if text[..start].chars().next_back().is_some_and(is_word_char) {
                continue;
            }
            while found.get(next_found).is_some_and(|m| m.end <= start) {
                next_found += 1;
            }
            // Most capitalised words of dense notes are inside a hit: every
            // word that starts there is, so the search goes on after it.
            if let Some(hit) = found.get(next_found).filter(|m| m.start <= start) {
                at = hit.end;
                continue;
            }
            let end = word_end(text, start);
            at = end;
            if found.get(next_found).is_some_and(|m| m.start < end) {
                continue;
            }
            if could_be_misspelt(&text[start..end]) {
                return Some(start..end);
            }
        }
        None
    })
}

/// The first position from `at` of an ASCII capital or a non-ASCII byte.
fn next_capital_or_non_ascii(bytes: &[u8], mut at: usize) -> usize {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const fn splat(b: u8) -> u64 {
        0x0101_0101_0101_0101 * b as u64
    }
    while let Some(chunk) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let y = x & LOW;
        // Per byte, with no carry between bytes (y + 0x3f < 0x100): the
        // high bit is set from 'A' (0x41) and from '[' (0x5b).
        let capital = (y + splat(0x3f)) & !(y + splat(0x25)) & !x & HIGH;
        let mask = capital | (x & HIGH);
        if mask != 0 {
            return at + (mask.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while let Some(&b) = bytes.get(at) {
        if b.is_ascii_uppercase() || !b.is_ascii() {
            return at;
        }
        at += 1;
    }
    at
}

/// Where the word starting at `start` ends.
fn word_end(text: &str, start: usize) -> usize {
    // ASCII word bytes first, a byte at a time; then, at a non-ASCII
    // character, by characters.
    let bytes = text.as_bytes();
    let mut at = start;
    while bytes.get(at).is_some_and(|&b| is_ascii_word_byte(b)) {
        at += 1;
    }
    if bytes.get(at).is_none_or(u8::is_ascii) {
        return at;
    }
    text[at..]
        .char_indices()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(text.len(), |(i, _)| at + i)
}

/// May `gap` stand between two words of one candidate: white space with
/// at most one line break, or dashes (which the matcher reads as spaces)?
fn joins_words(gap: &str) -> bool {
    !gap.is_empty()
        && gap.chars().filter(|&c| c == '\n').count() <= 1
        && gap
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '‐' | '‑' | '‒' | '−'))
}

/// The longest stretch before `at` that may join two words: at most a
/// few characters are looked at.
const GAP: usize = 8;

/// The word after the one ending at `end`, if only a joining gap lies
/// between them.
pub(super) fn next_word(text: &str, end: usize) -> Option<Range<usize>> {
    let rest = &text[end..];
    let (gap_len, c) = rest
        .char_indices()
        .take(GAP)
        .find(|&(_, c)| !c.is_whitespace() && !is_dash(c))?;
    let start = end + gap_len;
    (is_word_char(c) && joins_words(&rest[..gap_len])).then(|| start..word_end(text, start))
}

/// The word before the one starting at `start`, if only a joining gap
/// lies between them.
pub(super) fn previous_word(text: &str, start: usize) -> Option<Range<usize>> {
    let before = &text[..start];
    let (gap_start, c) = before
        .char_indices()
        .rev()
        .take(GAP)
        .find(|&(_, c)| !c.is_whitespace() && !is_dash(c))?;
    let end = gap_start + c.len_utf8();
    if !is_word_char(c) || !joins_words(&before[end..]) {
        return None;
    }
    let word_start = before[..end]
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    Some(word_start..end)
}

fn is_dash(c: char) -> bool {
    matches!(c, '-' | '–' | '—' | '‐' | '‑' | '‒' | '−')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn capitals_are_found_in_every_place_of_a_chunk() {
        for len in 0..20 {
            for at in 0..=len {
                let mut bytes = vec![b'a'; len];
                if at < len {
                    bytes[at] = b'Q';
                }
                assert_eq!(next_capital_or_non_ascii(&bytes, 0), at);
            }
        }
        for b in 0..=255u8 {
            let bytes = [b' ', b' ', b, b' ', b' ', b' ', b' ', b' ', b' ', b' '];
            let expected = if b.is_ascii_uppercase() || !b.is_ascii() {
                2
            } else {
                10
            };
            assert_eq!(next_capital_or_non_ascii(&bytes, 0), expected, "{b:#x}");
        }
    }

    #[test]
    fn other_endings_make_derived_words() {
        for (candidate, form) in [
            ("stalins", "stalin"),
            ("countrys", "country"),
            ("german", "germany"),
            ("russian", "russia"),
            ("leninist", "leninism"),
            ("legio", "legion"),
        ] {
            assert!(is_derived(candidate, form), "{candidate} {form}");
        }
        for (candidate, form) in [
            ("kirof", "kirov"),
            ("bukharine", "bukharin"),
            ("stallin", "stalin"),
        ] {
            assert!(!is_derived(candidate, form), "{candidate} {form}");
        }
    }
}
