//! Text handling before matching: decoding input bytes, normalizing for
//! matching with an alignment map back to the original, what a word
//! character is, whether a word is an ordinary English word, where the
//! links and file names and the emphasis markers of plain text are,
//! sentence segmentation, and code point offsets.
//!
//! Nothing here knows about the lexicon; the [`crate::matcher`] builds on
//! [`Normalized`] and the annotator on [`sentences`].

mod decode;
mod emphasis;
mod english;
mod entities;
mod links;
mod list;
mod normalize;
mod offsets;
mod segment;
mod word;

pub use decode::{decode, decode_strict, DecodeError, Decoded};
pub(crate) use emphasis::emphasised;
pub use english::{counted, is_capitalised_word, is_english_word, ordinal};
pub(crate) use entities::{resolve_reference, resolve_references};
pub use links::{link_regions, overlaps_any};
pub(crate) use list::is_list_item;
pub(crate) use normalize::is_hyphen;
pub use normalize::{normalize_form, Normalized, OriginalRanges};
pub use offsets::CharCursor;
pub(crate) use segment::{plain_blocks, trim, PlainKind};
pub use segment::{sentences, sentences_in_blocks};
pub use word::is_word_char;
pub(crate) use word::{is_ascii_word_byte, is_common_letter, is_whole_word};

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
}
