//! Text handling before matching: decoding input bytes, normalizing for
//! matching with an alignment map back to the original, sentence
//! segmentation, and code point offsets.
//!
//! Nothing here knows about the lexicon; the [`crate::matcher`] builds on
//! [`Normalized`] and the annotator on [`sentences`].

mod decode;
mod normalize;
mod offsets;
mod segment;

pub use decode::{decode, DecodeError, Decoded};
pub use normalize::{normalize_form, Normalized, OriginalRanges};
pub use offsets::CharCursor;
pub use segment::sentences;

/// Is `c` part of a word, for the word-boundary rule (DESIGN.md rule 2)?
///
/// Letters, digits and combining marks are; apostrophes, hyphens and all
/// punctuation are not, so `Stalin's` and `(Stalin)` contain the word
/// `Stalin` while `Stalinist` does not.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    // The letters of Latin-1 and of the Russian alphabet are answered
    // without `is_alphanumeric`'s table search.
    is_common_letter(c) || c.is_alphanumeric() || is_combining_mark(c)
}

/// Is `c` one of the letters most common in notes after ASCII ones: those
/// of Latin-1 (`é`, `ß`, `ñ`) and of the Russian alphabet? A quick test
/// before the table search of `char::is_alphabetic`, which answers the
/// same for these.
pub(crate) fn is_common_letter(c: char) -> bool {
    matches!(c, 'ª' | 'µ' | 'º' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ' | 'А'..='я' | 'Ё' | 'ё')
}

/// The first byte of `bytes` at or after `from` for which `wanted` is not
/// 0: the search for sentence-end candidates and for non-ASCII bytes, each
/// over every byte of every document.
///
/// It skips 32 bytes at a time, then 8, while none is wanted (testing all
/// at once, branch-free, which the compiler vectorizes), before finding
/// the one. Gaps between wanted bytes are often short: of the sizes tried,
/// 32 then 8 cost fewest instructions. The compiler vectorizes `wanted`
/// reliably when it ORs one `u8` per comparison; with `bool`s it may not
/// (it did not for three).
pub(crate) fn find_byte(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> u8) -> Option<usize> {
    let mut at = from;
    for size in [32, 8] {
        for chunk in bytes[at..].chunks_exact(size) {
            if chunk.iter().fold(0, |any, &b| any | wanted(b)) != 0 {
                break;
            }
            at += size;
        }
    }
    bytes[at..]
        .iter()
        .position(|&b| wanted(b) != 0)
        .map(|i| at + i)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_byte_finds_the_first_wanted_byte() {
        for len in 0..100 {
            for dot in (0..len).map(Some).chain([None]) {
                let mut bytes = vec![b'a'; len];
                for at in dot.into_iter().flat_map(|at| [at, at + 5, at + 40]) {
                    if let Some(b) = bytes.get_mut(at) {
                        *b = b'.';
                    }
                }
                for from in 0..=len {
                    let first = (from..len).find(|&at| bytes[at] == b'.');
                    assert_eq!(find_byte(&bytes, from, |b| u8::from(b == b'.')), first);
                }
            }
        }
    }

    #[test]
    fn common_letters_are_alphabetic() {
        for c in ('\u{80}'..='\u{FF}').chain('\u{400}'..='\u{45F}') {
            if is_common_letter(c) {
                assert!(c.is_alphabetic(), "{c:?}");
            } else if c <= '\u{FF}' {
                assert!(!c.is_alphabetic(), "{c:?} is a Latin-1 letter");
            }
        }
        assert!(is_common_letter('é') && is_common_letter('Ж') && !is_common_letter('×'));
    }
}
