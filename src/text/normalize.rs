//! Normalization for matching, with an alignment map back to the original.
//!
//! The matcher searches a *normalized* copy of each document so that one
//! automaton pattern covers every spelling DESIGN.md rules 1-3 call equal:
//!
//! * letters are lower-cased (Unicode, not only ASCII: `ÉTAT` = `état`);
//! * the apostrophes `’ ‘ ʼ ′` become `'`;
//! * hyphens and dashes (`- – — ‐ ‑ ‒ −`) become a space, so `Five-Year Plan`
//!   equals `Five Year Plan`;
//! * every run of white space (line breaks, tabs, no-break and thin spaces,
//!   and the spaces made from dashes) becomes one space;
//! * soft hyphens and zero-width characters are dropped.
//!
//! Instead of searching the original again to find where a match came from,
//! every normalized byte records the byte offset of the original character
//! it was made from, as huggingface tokenizers' `NormalizedString` does. The
//! map is one `u32` per normalized byte, which is cheap next to the text
//! itself and makes mapping a match back O(1).
//!
//! ```
//! use glossator::text::Normalized;
//!
//! let original = "Stalin’s Five-Year\nPlan";
//! let n = Normalized::new(original);
//! assert_eq!(n.as_str(), "stalin's five year plan");
//! let at = n.as_str().find("five year plan").unwrap();
//! let range = n.original_range(at..at + "five year plan".len());
//! assert_eq!(&original[range], "Five-Year\nPlan");
//! ```

use std::ops::Range;

/// A normalized copy of a text plus the map from its bytes to the original.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    original: &'a str,
    text: String,
    /// `align[i]` is the byte offset in `original` of the character that
    /// produced normalized byte `i`. Its length equals `text.len()`.
    align: Vec<u32>,
}

/// What one original character becomes in the normalized text.
enum Fold {
    /// Dropped entirely (soft hyphen, zero-width characters).
    Drop,
    /// A separator: collapses with its neighbours into one space.
    Space,
    /// Replaced by this character.
    Char(char),
    /// Lower-cased, which may yield several characters (`İ` → `i̇`).
    Lower(char),
}

impl<'a> Normalized<'a> {
    /// Normalizes `original` with case folding, as the matcher needs.
    pub fn new(original: &'a str) -> Self {
        Self::with_case(original, true)
    }

    /// Normalizes `original`, folding letter case only if `fold_case`.
    ///
    /// Without case folding the result is what the acronym and exact-case
    /// rules compare against: quotes, dashes and spaces are still unified.
    pub fn with_case(original: &'a str, fold_case: bool) -> Self {
        assert!(
            original.len() < u32::MAX as usize,
            "documents over 4 GiB are not supported"
        );
        let mut text = String::with_capacity(original.len());
        let mut align = Vec::with_capacity(original.len());
        let mut last_was_space = false;
        for (at, c) in original.char_indices() {
            let at = at as u32;
            match fold(c, fold_case) {
                Fold::Drop => {}
                Fold::Space => {
                    if !last_was_space {
                        text.push(' ');
                        align.push(at);
                    }
                    last_was_space = true;
                }
                Fold::Char(c) => {
                    push_char(&mut text, &mut align, c, at);
                    last_was_space = false;
                }
                Fold::Lower(c) => {
                    for lower in c.to_lowercase() {
                        push_char(&mut text, &mut align, lower, at);
                    }
                    last_was_space = false;
                }
            }
        }
        Normalized {
            original,
            text,
            align,
        }
    }

    /// The normalized text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The original text this was made from.
    pub fn original(&self) -> &'a str {
        self.original
    }

    /// Maps a byte range of the normalized text to the byte range of the
    /// original characters it was made from.
    ///
    /// The result always lies on character boundaries of the original, even
    /// when `range` cuts through the expansion of one original character.
    /// `range` must be non-empty and within the normalized text.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let start = self.align[range.start] as usize;
        let last = self.align[range.end - 1] as usize;
        let last_len = self.original[last..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        start..last + last_len
    }
}

/// Normalizes a lexicon surface form exactly as document text is normalized,
/// trimming the separators at either end.
pub fn normalize_form(form: &str, fold_case: bool) -> String {
    Normalized::with_case(form, fold_case)
        .as_str()
        .trim()
        .to_string()
}

fn push_char(text: &mut String, align: &mut Vec<u32>, c: char, at: u32) {
    text.push(c);
    align.extend(std::iter::repeat_n(at, c.len_utf8()));
}

fn fold(c: char, fold_case: bool) -> Fold {
    if c.is_ascii() {
        return match c {
            '-' => Fold::Space,
            c if c.is_ascii_whitespace() => Fold::Space,
            c if fold_case => Fold::Char(c.to_ascii_lowercase()),
            c => Fold::Char(c),
        };
    }
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' => Fold::Char('\''),
        '\u{2010}'..='\u{2015}' | '\u{2212}' => Fold::Space,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fold::Drop,
        c if c.is_whitespace() => Fold::Space,
        c if fold_case => Fold::Lower(c),
        c => Fold::Char(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(original: &str, normalized: &str) {
        let n = Normalized::new(original);
        assert_eq!(n.as_str(), normalized, "normalizing {original:?}");
        assert_eq!(n.align.len(), n.text.len());
    }

    #[test]
    fn folds_case_quotes_dashes_and_spaces() {
        check("Stalin’s", "stalin's");
        check("Five-Year  Plan", "five year plan");
        check("1924–9", "1924 9");
        check("Lenin\r\n  enrolment", "lenin enrolment");
        check("a\u{00A0}b\u{2009}c", "a b c");
        check("ÉTAT", "état");
        check("so\u{00AD}cial", "social");
        check("a - b", "a b");
    }

    #[test]
    fn maps_back_to_whole_original_characters() {
        let original = "x İstanbul ’NEP’";
        let n = Normalized::new(original);
        let at = n.as_str().find("stanbul").unwrap();
        // "i̇" (two chars) came from one original "İ"; a match starting
        // inside the expansion maps to the whole original character.
        let range = n.original_range(at - 2..at + 7);
        assert_eq!(&original[range], "İstanbul");
        let at = n.as_str().find("'nep'").unwrap();
        assert_eq!(&original[n.original_range(at..at + 5)], "’NEP’");
    }

    #[test]
    fn keeps_case_when_asked() {
        assert_eq!(normalize_form(" The  Right–wing ", false), "The Right wing");
        assert_eq!(normalize_form("NEP", true), "nep");
    }
}
