//! Normalization for matching, with an alignment map back to the original.
//!
//! The matcher searches a *normalized* copy of each document so that one
//! automaton pattern covers every spelling that matching rules 1-3 of
//! `docs/DESIGN.md` call equal:
//!
//! * letters are lower-cased (Unicode, not only ASCII: `ΩΜΈΓΑ` = `ωμέγα`);
//! * a Latin letter with a diacritic becomes the ASCII letter it is
//!   written on (`Joséphine` = `Josephine`, `Piłsudski` = `Pilsudski`:
//!   `fold::latin_base`);
//! * the apostrophes `’ ‘ ʼ ′` become `'`;
//! * hyphens and dashes (`- – — ‐ ‑ ‒ −`) become a space, so `Five-Year Plan`
//!   equals `Five Year Plan`;
//! * every run of white space (line breaks, tabs, no-break and thin spaces,
//!   and the spaces made from dashes) becomes one space;
//! * soft hyphens and zero-width characters are dropped;
//! * letters and the combining marks after them are composed (Unicode NFC),
//!   so `Blu\u{308}cher` (decomposed, as some Mac and web tools write it)
//!   equals `Blücher` (and both `Blucher`).
//!
//! Instead of searching the original again to find where a match came from,
//! the normalized text keeps an alignment map back to the original, as
//! huggingface tokenizers' `NormalizedString` does. Most bytes map one to
//! one, so the map is *sparse*: a list of edit points, each starting a run
//! of normalized bytes that follow the original byte for byte. A byte
//! inside a character whose normalized form is no longer than the
//! original maps into that character and is snapped back to its start;
//! longer expansions (`İ` → `i̇`) get an edit point per extra byte. Text
//! that is plain ASCII (single line breaks and tabs included, as spaces) is
//! copied a run at a time. A character with combining marks after it (a
//! *cluster*) is composed as a whole and maps back as a whole: its first
//! normalized bytes to its start, its last to its last mark, so a match
//! never ends between a letter and its marks. Only text with such marks
//! pays for composing; other characters are checked by a range test.
//! Mapping a match back is a binary search over the edit points, or for
//! matches in text order ([`Normalized::original_ranges`]) a step or two
//! on from the last one.
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
//!
//! One concept per file: `mod.rs` has [`Normalized`] and its alignment
//! map; `fold.rs` the rule (what each character becomes); `plain.rs` the
//! ASCII run copy; `nfc.rs` where composing is needed; `builder.rs` the
//! text and map being made.

mod builder;
mod fold;
mod nfc;
mod plain;

use std::ops::Range;

use builder::Builder;
pub(crate) use fold::is_hyphen;
use fold::Fold;
use nfc::{composes_at, composing_end, nfc_inert};
use plain::plain_run_end;

/// A normalized copy of a text plus the map from its bytes to the original.
#[derive(Debug, Clone)]
pub struct Normalized<'a> {
    original: &'a str,
    text: String,
    /// Edit points, sorted by `norm`, the first at 0 (if the text is not
    /// empty). See the module documentation.
    edits: Vec<Edit>,
}

/// From normalized byte `norm` on, normalized byte `norm + k` comes from
/// the original character holding byte `orig + k` (until the next edit).
#[derive(Debug, Clone, Copy)]
struct Edit {
    norm: u32,
    orig: u32,
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
    ///
    /// # Panics
    ///
    /// If `original` is 4 GiB or more: offsets are kept as `u32`. Inputs are
    /// bounded far below that when they are read (`input::MAX_INPUT_BYTES`).
    pub fn with_case(original: &'a str, fold_case: bool) -> Self {
        assert!(
            original.len() < u32::MAX as usize,
            "documents over 4 GiB are not supported"
        );
        let mut builder = Builder {
            original,
            fold_case,
            text: Vec::with_capacity(original.len()),
            edits: Vec::new(),
        };
        let mut at = 0;
        // Where the last plain run ended: a combining mark found there
        // composes with the run's last byte.
        let mut plain_end = usize::MAX;
        while at < original.len() {
            let run_end = plain_run_end(original.as_bytes(), at, builder.ends_with_space());
            if run_end > at {
                builder.push_plain(at..run_end);
                at = run_end;
                plain_end = run_end;
                continue;
            }
            let c = original[at..].chars().next().expect("not at the end");
            let next = at + c.len_utf8();
            if !composes_at(original, next) && nfc_inert(c) {
                builder.push_fold(at, c);
                at = next;
                continue;
            }
            at = builder.push_cluster(at, at == plain_end);
        }
        Normalized {
            original,
            text: String::from_utf8(builder.text)
                .expect("whole characters and ASCII bytes for ASCII bytes make UTF-8"),
            edits: builder.edits,
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
    /// when `range` cuts through the expansion of one original character,
    /// and takes in the combining marks after its last character.
    /// `range` must be non-empty and within the normalized text.
    pub fn original_range(&self, range: Range<usize>) -> Range<usize> {
        let edit = self
            .edits
            .partition_point(|e| e.norm as usize <= range.start)
            - 1;
        self.original_range_from(edit, range)
    }

    /// [`Normalized::original_range`] for ranges that come in the order
    /// of their starts, as the matcher's hits do: each one searches the
    /// edit points on from where the last one was found (nearly always no
    /// step or one) instead of all of them.
    pub fn original_ranges(&self) -> OriginalRanges<'_, 'a> {
        OriginalRanges {
            text: self,
            edit: 0,
        }
    }

    /// [`Normalized::original_range`], where `edit` is the last edit point
    /// at or before `range.start`.
    fn original_range_from(&self, edit: usize, range: Range<usize>) -> Range<usize> {
        let start = self.original_char_at(edit, range.start);
        let last = range.end - 1;
        let last = self.original_char_at(self.edit_on(edit, last), last);
        let last_len = self.original[last..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        // The combining marks after the last character are its own (a
        // composed cluster may fold to one byte, which maps to its start).
        start..composing_end(self.original, last + last_len)
    }

    /// The last edit point at or before normalized byte `at`, searched
    /// forward from edit point `from` (which must be at or before it).
    fn edit_on(&self, from: usize, at: usize) -> usize {
        let later = &self.edits[from + 1..];
        from + later.iter().take_while(|e| e.norm as usize <= at).count()
    }

    /// The start of the original character normalized byte `at` came
    /// from, where `edit` is the last edit point at or before `at`.
    fn original_char_at(&self, edit: usize, at: usize) -> usize {
        let edit = self.edits[edit];
        let mut orig = edit.orig as usize + (at - edit.norm as usize);
        while !self.original.is_char_boundary(orig) {
            orig -= 1;
        }
        orig
    }
}

/// Maps byte ranges of a [`Normalized`] text, in the order of their
/// starts, to the original: see [`Normalized::original_ranges`].
pub struct OriginalRanges<'n, 'a> {
    text: &'n Normalized<'a>,
    /// The last edit point at or before the last range's start.
    edit: usize,
}

impl OriginalRanges<'_, '_> {
    /// [`Normalized::original_range`] of `range`, whose start must not be
    /// before the last range's.
    pub fn map(&mut self, range: Range<usize>) -> Range<usize> {
        self.edit = self.text.edit_on(self.edit, range.start);
        self.text.original_range_from(self.edit, range)
    }
}

/// Normalizes a lexicon surface form exactly as document text is normalized,
/// trimming the separators at either end.
///
/// The lexicon's build folds every form, plural and derived name, some
/// hundred thousand short strings for a 10,000-entry lexicon, and none of
/// them needs the map back to the original. An ASCII form (nearly every
/// one) has nothing to compose, so each of its characters is folded on its
/// own, into the one string that is returned.
pub fn normalize_form(form: &str, fold_case: bool) -> String {
    let mut text = match form.is_ascii() {
        true => {
            let mut text = String::with_capacity(form.len());
            for byte in form.bytes() {
                match fold::fold_ascii(byte, fold_case) {
                    Fold::Space if text.ends_with(' ') => {}
                    Fold::Space => text.push(' '),
                    Fold::Char(c) => text.push(c),
                    Fold::Lower(c) => text.extend(c.to_lowercase()),
                    Fold::Drop => {}
                }
            }
            text
        }
        false => Normalized::with_case(form, fold_case).text,
    };
    text.truncate(text.trim_end().len());
    let start = text.len() - text.trim_start().len();
    if start > 0 {
        text.drain(..start);
    }
    text
}

#[cfg(test)]
mod tests {
    use super::fold::{fold, Fold};
    use super::*;

    pub(super) fn check(original: &str, normalized: &str) {
        let n = Normalized::new(original);
        assert_eq!(n.as_str(), normalized, "normalizing {original:?}");
        assert_eq!(n, dense(original, true));
    }

    /// One original offset per normalized byte: how normalization worked
    /// before the sparse map and the ASCII runs, kept as the oracle. Each
    /// cluster (a character and the characters after it that are not
    /// NFC-inert, asked of the tables directly) is composed; its bytes map
    /// to its start, but for the last (if not also the first), which maps
    /// to its last character.
    fn dense(original: &str, fold_case: bool) -> (String, Vec<usize>) {
        use unicode_normalization::{char::canonical_combining_class, is_nfc_quick};
        use unicode_normalization::{IsNormalized, UnicodeNormalization};
        let inert = |c: char| {
            canonical_combining_class(c) == 0
                && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes
        };
        let mut clusters: Vec<(usize, usize)> = Vec::new();
        for (at, c) in original.char_indices() {
            match clusters.last_mut() {
                Some((_, last)) if !inert(c) => *last = at,
                _ => clusters.push((at, at)),
            }
        }
        let (mut text, mut align) = (String::new(), Vec::new());
        for (i, &(start, last)) in clusters.iter().enumerate() {
            let end = clusters.get(i + 1).map_or(original.len(), |next| next.0);
            let from = text.len();
            for c in original[start..end].nfc() {
                match fold(c, fold_case) {
                    Fold::Drop => {}
                    Fold::Space if text.ends_with(' ') => {}
                    Fold::Space => text.push(' '),
                    Fold::Char(c) => text.push(c),
                    Fold::Lower(c) => text.extend(c.to_lowercase()),
                }
            }
            align.extend(std::iter::repeat_n(start, text.len() - from));
            if text.len() > from + 1 {
                *align.last_mut().unwrap() = last;
            }
        }
        (text, align)
    }

    impl PartialEq<(String, Vec<usize>)> for Normalized<'_> {
        fn eq(&self, (text, align): &(String, Vec<usize>)) -> bool {
            let mapped = (0..self.text.len()).map(|i| self.original_range(i..i + 1).start);
            self.text == *text && mapped.eq(align.iter().copied())
        }
    }

    proptest::proptest! {
        /// The form's quick fold (ASCII) and its trimming in place give
        /// the text a document's normalization gives, trimmed.
        #[test]
        fn forms_normalize_as_text_does(
            form in "(?:[ -~]{1,20}|[\t\n\r\x0B\x0C\x01\x7F -]|[’–\u{00A0}\u{00AD}İÉé\u{0308}]){0,12}",
            fold_case: bool,
        ) {
            let n = Normalized::with_case(&form, fold_case);
            proptest::prop_assert_eq!(normalize_form(&form, fold_case), n.as_str().trim());
        }

        #[test]
        fn sparse_map_equals_dense_map(
            original in "(?:[a-zA-Z0-9 ,.;~\n\t]{1,40}|[aA1 .'’\\-–\n\t\r\x0C\x01\x0B]|[\u{00A0}\u{00AD}\u{200B}İẞßÉéȺΣ]|[\u{0301}\u{0308}\u{0323}\u{0344}\u{0340}\u{212B}\u{2000}\u{1100}\u{1161}\u{11A8}\u{AC00}]){0,60}",
            fold_case: bool,
        ) {
            let n = Normalized::with_case(&original, fold_case);
            proptest::prop_assert!(n == dense(&original, fold_case), "{original:?}");
        }

        /// Ranges mapped in order of their starts map as one by one.
        #[test]
        fn ranges_in_order_map_as_one_by_one(
            original in "(?:[a-z ]{1,20}|[’–\n]|[\u{00AD}İéΣ]){0,40}",
            lens in proptest::collection::vec(1usize..6, 64),
        ) {
            let n = Normalized::new(&original);
            let mut ranges = n.original_ranges();
            for (start, len) in (0..n.as_str().len()).zip(lens.into_iter().cycle()) {
                let range = start..(start + len).min(n.as_str().len());
                proptest::prop_assert_eq!(ranges.map(range.clone()), n.original_range(range));
            }
        }
    }

    #[test]
    fn folds_case_quotes_dashes_and_spaces() {
        check("Stalin’s", "stalin's");
        check("Five-Year  Plan", "five year plan");
        check("1924–9", "1924 9");
        check("Lenin\r\n  enrolment", "lenin enrolment");
        check("a\u{00A0}b\u{2009}c", "a b c");
        check("ÉTAT", "etat");
        check("Ωμέγα", "ωμέγα");
        check("so\u{00AD}cial", "social");
        check("a - b", "a b");
    }

    #[test]
    fn composes_letters_and_their_marks() {
        check("Blu\u{308}cher", "blucher");
        check("BLU\u{308}CHER", "blucher");
        check("e\u{301}tat", "etat");
        check("Е\u{308}жов", "ёжов");
        // A mark after a space or at the start stays as it is.
        check("\u{308}a \u{301}", "\u{308}a \u{301}");
        // Marks of different classes are put in order, then composed.
        check("e\u{323}\u{302}", "ệ");
        // NFC replaces singletons: the Angstrom sign is Å, which is A.
        check("10 \u{212B}", "10 a");
        assert_eq!(
            normalize_form("Blücher", true),
            normalize_form("Blu\u{308}cher", true)
        );
    }

    #[test]
    fn a_cluster_maps_back_whole() {
        let original = "Ble\u{323}\u{302} Blu\u{308}cher";
        let n = Normalized::new(original);
        assert_eq!(n.as_str(), "blệ blucher");
        let whole = |at: usize, len: usize| &original[n.original_range(at..at + len)];
        assert_eq!(whole(0, "blệ".len()), "Ble\u{323}\u{302}");
        // A range ending inside the composed letter ends after its marks.
        assert_eq!(whole(0, "bl".len() + 1), "Ble\u{323}\u{302}");
        let at = n.as_str().find("blu").unwrap();
        assert_eq!(whole(at, "blu".len()), "Blu\u{308}");
        assert_eq!(whole(at, "blucher".len()), "Blu\u{308}cher");
    }

    #[test]
    fn maps_back_to_whole_original_characters() {
        let original = "x Ⱥstana ’NEP’";
        let n = Normalized::new(original);
        let at = n.as_str().find("stana").unwrap();
        // "ⱥ" (three bytes) came from "Ⱥ" (two); a match starting inside
        // the expansion maps to the whole original character.
        let range = n.original_range(at - 1..at + 5);
        assert_eq!(&original[range], "Ⱥstana");
        let at = n.as_str().find("'nep'").unwrap();
        assert_eq!(&original[n.original_range(at..at + 5)], "’NEP’");
    }

    #[test]
    fn keeps_case_when_asked() {
        assert_eq!(normalize_form(" The  Right–wing ", false), "The Right wing");
        assert_eq!(normalize_form("NEP", true), "nep");
    }
}
