//! Where composing (Unicode NFC) is needed: which characters NFC leaves
//! alone whatever comes before them ([`nfc_inert`]), and where a cluster
//! of a character and its combining marks ends.
//!
//! The normalizer (`mod.rs`) asks these at each non-ASCII character; the
//! builder (`builder.rs`) composes the clusters they mark.

use crate::text::is_common_letter;

/// Does the character at `at` (a character boundary) of `text` compose
/// with the one before it (see [`nfc_inert`])? Most text answers from its
/// first byte: characters below U+0300 are all inert.
#[inline(always)]
pub(super) fn composes_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(&lead) if lead >= 0xCC => !text[at..].chars().next().is_some_and(nfc_inert),
        _ => false,
    }
}

/// The end of the run of characters from `at` that compose with what
/// comes before them.
pub(super) fn composing_end(text: &str, mut at: usize) -> usize {
    while composes_at(text, at) {
        at += text[at..].chars().next().map_or(0, char::len_utf8);
    }
    at
}

/// Is `c` left alone by NFC whatever comes before it: not a combining mark
/// (canonical combining class 0) and `NFC_Quick_Check=Yes`? A text splits
/// into clusters before every such character, and each cluster is
/// composed on its own. Characters below U+0300, all inert, are answered
/// inline.
#[inline(always)]
pub(super) fn nfc_inert(c: char) -> bool {
    c < '\u{300}' || nfc_inert_by_table(c)
}

/// [`nfc_inert`] for characters from U+0300 on: the [`is_common_letter`]s
/// and general punctuation by a range test, the rest from the tables.
#[inline(never)]
fn nfc_inert_by_table(c: char) -> bool {
    use unicode_normalization::{char::canonical_combining_class, is_nfc_quick, IsNormalized};
    matches!(c, '\u{2010}'..='\u{205E}')
        || is_common_letter(c)
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}
#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quick_nfc_answers_agree_with_the_tables() {
        use unicode_normalization::{char::canonical_combining_class, is_nfc_quick};
        let quick = ('\0'..'\u{300}')
            .chain('\u{2010}'..='\u{205E}')
            .chain(('\u{80}'..='\u{4FF}').filter(|&c| is_common_letter(c)));
        for c in quick {
            let yes = is_nfc_quick(std::iter::once(c)) == unicode_normalization::IsNormalized::Yes;
            assert!(canonical_combining_class(c) == 0 && yes, "{c:?}");
            assert!(nfc_inert(c));
        }
        assert!(!nfc_inert('\u{308}') && !nfc_inert('\u{212B}') && !nfc_inert('\u{1161}'));
    }
}
