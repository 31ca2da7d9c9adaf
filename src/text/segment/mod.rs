//! Sentence segmentation tuned for revision notes.
//!
//! Plain UAX #29 sentence boundaries (from `unicode-segmentation`) are the
//! base, with fix-ups for what notes look like:
//!
//! * Text is first cut into *blocks*: a blank line ends one, and so does the
//!   end of a heading line or a list line (a list item as `text::list`
//!   defines it, a Markdown heading, quote or rule, or a `1924<TAB>`
//!   key-dates row), since such lines rarely end with a full stop. A `•`
//!   inside a line starts a new block, as exported mind maps run bullets on.
//! * Inside a block, line breaks are soft: a sentence wrapped over several
//!   lines stays one sentence.
//! * A break after a known abbreviation (`St.`, `c.`, `p.`, `Dr.`, `e.g.`,
//!   month abbreviations) or after an initial (`E. H. Carr`) is undone.
//!
//! Sentences are byte ranges into the text, trimmed of white space, in
//! order and non-overlapping. Term matching does not depend on them: a term
//! broken across a line or block boundary is still found, and the annotator
//! then joins the sentences it crosses (see `annotate::Annotation`).
//!
//! `blocks` cuts the text into blocks; `uax29` finds the UAX #29 breaks
//! of a block; this module joins what an abbreviation or an initial split
//! and trims the sentences.

use std::ops::Range;

mod blocks;
mod uax29;

use crate::dates::is_month_abbreviation;
pub(crate) use blocks::{blocks as plain_blocks, PlainKind};
use uax29::sentence_breaks;

/// Words that end with a full stop without ending a sentence, besides the
/// months' abbreviations (the date vocabulary's, `dates::is_month_abbreviation`).
const ABBREVIATIONS: &[u64] = &keys([
    "st", "c", "ca", "p", "pp", "dr", "mr", "mrs", "ms", "prof", "e.g", "i.e", "cf", "vs", "no",
    "vol", "ed", "eds", "approx", "gen", "col", "lt",
]);

/// Splits plain `text` into sentences, returned as trimmed byte ranges:
/// [`sentences_in_blocks`] of the blocks the plain-text reader finds.
///
/// ```
/// use glossator::text::sentences;
///
/// let text = "Key question\nWhy did St. Petersburg change its name?\n\
///             • It sounded German • in 1914";
/// let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(got, [
///     "Key question",
///     "Why did St. Petersburg change its name?",
///     "• It sounded German",
///     "• in 1914",
/// ]);
/// ```
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    sentences_in_blocks(text, plain_blocks(text).into_iter().map(|b| b.range))
}

/// Splits each of the `blocks` of `text` (byte ranges, in order and
/// disjoint) into sentences: no sentence crosses a block. A `•` with
/// more than white space before it in its block starts a sentence, as it
/// starts a block of plain text (a Markdown paragraph may hold such
/// bullets, written on lines of their own).
///
/// ```
/// use glossator::text::sentences_in_blocks;
///
/// let text = "Lenin died. Stalin rose.|Trotsky fell";
/// let got: Vec<&str> = sentences_in_blocks(text, [0..11, 12..24, 25..37])
///     .into_iter()
///     .map(|r| &text[r])
///     .collect();
/// assert_eq!(got, ["Lenin died.", "Stalin rose.", "Trotsky fell"]);
/// ```
pub fn sentences_in_blocks(
    text: &str,
    blocks: impl IntoIterator<Item = Range<usize>>,
) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut breaks = Vec::new();
    for block in blocks {
        let mut start = block.start;
        for at in bullets(text, block.clone()) {
            split_block(text, start..at, &mut breaks, &mut out);
            start = at;
        }
        split_block(text, start..block.end, &mut breaks, &mut out);
    }
    out
}

/// Where the `•`s of `block` that have more than white space before them
/// in it are.
fn bullets(text: &str, block: Range<usize>) -> impl Iterator<Item = usize> + '_ {
    let first = block.start;
    let bytes = &text.as_bytes()[block.clone()];
    memchr::memchr_iter(BULLET[0], bytes)
        .map(move |i| first + i)
        .filter(move |&at| {
            text.as_bytes()[at..].starts_with(BULLET) && !trim_str(&text[first..at]).is_empty()
        })
}

/// A `•` in UTF-8.
const BULLET: &[u8] = "•".as_bytes();

/// Is `word`, lower-cased, one of the `words` (made by [`keys`])? Without
/// allocating for ASCII words.
fn is_one_of(word: &str, words: &[u64]) -> bool {
    let key = if word.is_ascii() {
        key(word.as_bytes())
    } else {
        key(word.to_lowercase().as_bytes())
    };
    key.is_some_and(|key| words.binary_search(&key).is_ok())
}

/// The [`key`]s of a word list, sorted (for binary search) and checked
/// when the list is compiled: each word must be ASCII, without NUL, and
/// at most 8 bytes long.
const fn keys<const N: usize>(words: [&str; N]) -> [u64; N] {
    let mut keys = [0; N];
    let mut i = 0;
    while i < N {
        let Some(key) = key(words[i].as_bytes()) else {
            panic!("a word list has a word that cannot be a key");
        };
        let mut j = i;
        while j > 0 && keys[j - 1] > key {
            keys[j] = keys[j - 1];
            j -= 1;
        }
        keys[j] = key;
        i += 1;
    }
    keys
}

/// `word` lower-cased and packed into an integer, a byte each, so that two
/// words have the same key if and only if they are equal ignoring ASCII
/// case; none for a word longer than 8 bytes or with a non-ASCII or NUL
/// byte.
const fn key(word: &[u8]) -> Option<u64> {
    if word.len() > 8 {
        return None;
    }
    let mut key = 0;
    let mut i = 0;
    while i < word.len() {
        let b = word[i];
        if b == 0 || !b.is_ascii() {
            return None;
        }
        key = key << 8 | b.to_ascii_lowercase() as u64;
        i += 1;
    }
    Some(key)
}

/// Splits one block into trimmed sentences, appending them to `out`
/// (`breaks` is scratch space, kept to save allocations).
fn split_block(
    text: &str,
    block: Range<usize>,
    breaks: &mut Vec<usize>,
    out: &mut Vec<Range<usize>>,
) {
    sentence_breaks(&text[block.clone()], breaks);
    let mut pending: Option<Range<usize>> = None;
    for piece in breaks.windows(2) {
        let range = trim(text, block.start + piece[0]..block.start + piece[1]);
        if range.is_empty() {
            continue;
        }
        let range = match pending.take() {
            Some(open) => open.start..range.end,
            None => range,
        };
        if ends_with_abbreviation(&text[range.clone()]) {
            pending = Some(range);
        } else {
            out.push(range);
        }
    }
    out.extend(pending);
}

fn ends_with_abbreviation(sentence: &str) -> bool {
    let Some(body) = sentence.strip_suffix('.') else {
        return false;
    };
    if ends_with_long_ascii_word(body, LONGEST_ABBREVIATION, |b| b == b'(') {
        return false; // nor an initial
    }
    let word = last_word(body);
    let mut chars = word.chars();
    let is_initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    is_initial || is_one_of(word, ABBREVIATIONS) || is_month_abbreviation(word)
}

/// The length of the longest of the [`ABBREVIATIONS`] ("approx").
const LONGEST_ABBREVIATION: usize = longest(ABBREVIATIONS);

/// The length of the longest word of a word list made by [`keys`]: the
/// number of bytes in its key (no word has a NUL byte).
const fn longest(keys: &[u64]) -> usize {
    let (mut longest, mut i) = (0, 0);
    while i < keys.len() {
        let len = (64 - keys[i].leading_zeros() as usize).div_ceil(8);
        if len > longest {
            longest = len;
        }
        i += 1;
    }
    longest
}

/// Do the last `len + 1` bytes of `text` hold ASCII only, and neither white
/// space nor a byte that `ends` marks? Then its last word is longer than
/// `len`: a quick answer for most lines and sentences, which end in a
/// longer word than any the caller looks for.
fn ends_with_long_ascii_word(text: &str, len: usize, ends: impl Fn(u8) -> bool) -> bool {
    let tail = text.as_bytes().get(text.len().wrapping_sub(len + 1)..);
    tail.is_some_and(|tail| {
        tail.iter()
            .all(|&b| b.is_ascii() && !char::from(b).is_whitespace() && !ends(b))
    })
}

/// What follows the last white space or `(` in `text`.
fn last_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(')
        .map_or(0, |(at, c)| at + c.len_utf8());
    &text[start..]
}

/// `range` of `text` without white space at either end.
pub(crate) fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = &text[range.clone()];
    let trimmed = trim_str(piece);
    // `trimmed` is a part of `piece`.
    let start = range.start + (trimmed.as_ptr() as usize - piece.as_ptr() as usize);
    start..start + trimmed.len()
}

/// [`str::trim`], without decoding characters when both ends are ASCII.
fn trim_str(s: &str) -> &str {
    let trimmed = s.trim_ascii();
    // Vertical tab is the only ASCII white space that `trim_ascii` keeps.
    let plain = |b: Option<&u8>| b.is_none_or(|&b| b.is_ascii() && b != 0x0B);
    if plain(trimmed.as_bytes().first()) && plain(trimmed.as_bytes().last()) {
        trimmed
    } else {
        trimmed.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wrapped_lines_stay_one_sentence() {
        let text = "Stalin used the post of General Secretary to\nbuild a base. He won.";
        assert_eq!(
            split(text),
            [
                "Stalin used the post of General Secretary to\nbuild a base.",
                "He won."
            ]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let text = "E. H. Carr wrote in c. 1950, see p. 60 e.g. on NEP. Then more.";
        assert_eq!(
            split(text),
            [
                "E. H. Carr wrote in c. 1950, see p. 60 e.g. on NEP.",
                "Then more."
            ]
        );
        // The longest abbreviation, and a word one letter longer.
        let text = "It cost approx. Ten roubles. Or thereof. Then more.";
        assert_eq!(
            split(text),
            ["It cost approx. Ten roubles.", "Or thereof.", "Then more."]
        );
    }

    #[test]
    fn a_last_word_is_long_only_if_plain_ascii_letters_show_it() {
        let long = |text| ends_with_long_ascii_word(text, 4, |b| b == b'(');
        assert!(long("in the Kremlin") && long("walls"));
        assert!(!long("with") && !long("a with") && !long("x(ab") && !long("Moscú"));
        assert!(!long("a\u{0B}word") && !long("text\u{A0}"));
    }

    #[test]
    fn bullets_run_on_into_indented_lines() {
        let text = "• Trotsky – built the Red Army in\n  1918. Arrogant.\n• Zinoviev – Leningrad";
        assert_eq!(
            split(text),
            [
                "• Trotsky – built the Red Army in\n  1918.",
                "Arrogant.",
                "• Zinoviev – Leningrad"
            ]
        );
    }

    #[test]
    fn bullets_inside_a_block_start_sentences() {
        let text = "Result = Dual Power\n  • Provisional Government – Lvov\n  • Petrograd Soviet";
        let got: Vec<&str> = sentences_in_blocks(text, std::iter::once(0..text.len()))
            .into_iter()
            .map(|r| &text[r])
            .collect();
        assert_eq!(
            got,
            [
                "Result = Dual Power",
                "• Provisional Government – Lvov",
                "• Petrograd Soviet"
            ]
        );
    }

    #[test]
    fn key_dates_rows_and_bullets_are_separate() {
        let text = "Key dates\n\n1924\tDeath of Lenin\n1925\tTrotsky removed\n- 1879 – Born\n- 1899 – Expelled";
        assert_eq!(
            split(text),
            [
                "Key dates",
                "1924\tDeath of Lenin",
                "1925\tTrotsky removed",
                "- 1879 – Born",
                "- 1899 – Expelled"
            ]
        );
    }

    /// A line that starts like a list marker but is not one (`-5`,
    /// `**Bold**` in the middle of a wrapped sentence) does not cut it;
    /// Markdown headings, quotes and rules stand alone (going on, like a
    /// list item, into a lower-case line).
    #[test]
    fn only_list_items_headings_quotes_and_rules_stand_alone() {
        let text = "It fell to\n-5 degrees and\n**very** cold days. Then\n# Notes\n> a quote\nand more\n---\nEnd";
        assert_eq!(
            split(text),
            [
                "It fell to\n-5 degrees and\n**very** cold days.",
                "Then",
                "# Notes",
                "> a quote\nand more",
                "---",
                "End"
            ]
        );
    }

    #[test]
    fn only_a_tab_inside_a_line_makes_it_a_list_line() {
        let text = "\tThe party was divided over how fast to industrialise the economy and\n\
                    Stalin won.\t\nKey dates\n1924\tLenin dies\nLenin\tLeader\n";
        assert_eq!(
            split(text),
            [
                "The party was divided over how fast to industrialise the economy and\nStalin won.",
                "Key dates",
                "1924\tLenin dies",
                "Lenin\tLeader"
            ]
        );
    }

    #[test]
    fn the_longest_word_of_a_list_is_measured_by_its_key() {
        assert_eq!(LONGEST_ABBREVIATION, "approx".len());
        assert_eq!(longest(&keys(["a", "e.g", "longword"])), 8);
        assert_eq!(longest(&keys(["x"])), 1);
    }

    #[test]
    fn month_abbreviations_are_the_date_vocabularys() {
        for sentence in ["In SEPT.", "on 3 dec.", "Jan.", "from (Aug."] {
            assert!(ends_with_abbreviation(sentence), "{sentence}");
        }
        for sentence in ["In September.", "in may.", "a decade."] {
            assert!(!ends_with_abbreviation(sentence), "{sentence}");
        }
    }

    #[test]
    fn word_lists_ignore_case_and_nothing_else() {
        for word in ["st", "St", "ST", "e.g", "E.G", "Approx", "c"] {
            assert!(is_one_of(word, ABBREVIATIONS), "{word}");
        }
        for word in ["", "s", "sta", "eg", "approxim", "stæ", "st\0", "Dé", "cc"] {
            assert!(!is_one_of(word, ABBREVIATIONS), "{word}");
        }
    }

    #[test]
    fn trim_str_trims_like_str_trim() {
        let ends = ('\0'..=char::MAX).filter(|c| c.is_ascii() || c.is_whitespace());
        for c in ends {
            for text in [
                format!("{c}"),
                format!("{c}a{c}"),
                format!(" {c}a\u{A0}{c} "),
            ] {
                assert_eq!(trim_str(&text), text.trim(), "{c:?}");
            }
        }
    }

    #[test]
    fn empty_and_blank_text_has_no_sentences() {
        assert!(split("").is_empty());
        assert!(split(" \n\n\t").is_empty());
    }
}
