//! Text handling before matching: decoding input bytes, normalizing for
//! matching with an alignment map back to the original, and sentence
//! segmentation.
//!
//! Nothing here knows about the lexicon; the [`crate::matcher`] builds on
//! [`Normalized`] and the annotator on [`sentences`].

mod decode;
mod normalize;
mod segment;

pub use decode::{decode, DecodeError, Decoded};
pub use normalize::{normalize_form, Normalized};
pub use segment::sentences;

/// Is `c` part of a word, for the word-boundary rule (DESIGN.md rule 2)?
///
/// Letters, digits and combining marks are; apostrophes, hyphens and all
/// punctuation are not, so `Stalin's` and `(Stalin)` contain the word
/// `Stalin` while `Stalinist` does not.
pub fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_' || is_combining_mark(c)
}

fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}
