//! The words of a normalized text, as the matcher sees them: where a hit
//! may start, where each word there ends and a hash of it, and the filter
//! that rules out words no pattern begins with.
//!
//! Every word of every document passes through here, so this is the
//! matcher's per-byte work; everything else it does is per candidate
//! word.

use crate::text::{is_ascii_word_byte, is_word_char};

/// The positions of a text where a hit may start, each with the word
/// starting there: every word start, and every non-word character too
/// (with an empty word) if `nonword` (see [`super::Matcher`]).
pub(super) struct HitStarts<'h> {
    hay: &'h str,
    /// Where the next search starts.
    at: usize,
    nonword: bool,
}

impl<'h> HitStarts<'h> {
    pub(super) fn new(hay: &'h str, nonword: bool) -> HitStarts<'h> {
        HitStarts {
            hay,
            at: 0,
            nonword,
        }
    }
}

impl Iterator for HitStarts<'_> {
    type Item = (usize, Word);

    // Always: the scan of every document's words runs here, and with a
    // second caller (`nested::may_hold`) the compiler stopped inlining it
    // into `Matcher::look_ahead`, 4% more instructions to annotate.
    #[inline(always)]
    fn next(&mut self) -> Option<(usize, Word)> {
        let (hay, bytes) = (self.hay, self.hay.as_bytes());
        // A local copy of `self.at`, so that it stays in a register.
        let mut at = self.at;
        while let Some(&b) = bytes.get(at) {
            let here = at;
            let width = match ByteClass::of(b) {
                ByteClass::Word => 0,
                ByteClass::Other => 1,
                ByteClass::NonAscii => {
                    let c = hay[here..].chars().next().expect("at a character");
                    if is_word_char(c) {
                        0
                    } else {
                        c.len_utf8()
                    }
                }
            };
            if width == 0 {
                let word = Word::at(hay, here);
                self.at = word.end;
                return Some((here, word));
            }
            at += width;
            if self.nonword {
                self.at = at;
                return Some((here, Word { end: here, hash: 0 }));
            }
        }
        self.at = at;
        None
    }
}

/// What a byte says about word characters, from a table made from
/// [`is_ascii_word_byte`] at compile time: this is looked up for every
/// byte of every document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ByteClass {
    /// An ASCII letter, digit or `_`.
    Word,
    /// Any other ASCII byte.
    Other,
    /// Part of a non-ASCII character, which may or may not be a word
    /// character.
    NonAscii,
}

impl ByteClass {
    fn of(b: u8) -> ByteClass {
        const TABLE: [ByteClass; 256] = {
            let mut table = [ByteClass::NonAscii; 256];
            let mut b = 0;
            while b < 128 {
                table[b] = if is_ascii_word_byte(b as u8) {
                    ByteClass::Word
                } else {
                    ByteClass::Other
                };
                b += 1;
            }
            table
        };
        TABLE[usize::from(b)]
    }
}

/// The run of word characters starting at some position: where it ends,
/// and a hash of its bytes, computed in the same pass.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) struct Word {
    pub(super) end: usize,
    pub(super) hash: u64,
}

impl Word {
    /// The word starting at `start` of `hay` (empty if none does).
    ///
    /// Every text word passes through here, so ASCII is taken eight bytes
    /// at a time (see [`ascii_word_prefix`]): a loop over single bytes
    /// mispredicted its exit at the end of nearly every word. The hash
    /// mixes in each such chunk and each non-ASCII word character in turn,
    /// so it depends only on the word's bytes, not on what follows it.
    #[inline]
    pub(super) fn at(hay: &str, start: usize) -> Word {
        // The common case, a word of fewer than sixteen ASCII bytes
        // followed by an ASCII byte, without the general loop of
        // `Word::at_any`, and with the same hash.
        let mut hash = 0;
        for offset in [0, 8] {
            let rest = hay.as_bytes().get(start + offset..);
            let Some(eight) = rest.and_then(<[u8]>::first_chunk) else {
                break;
            };
            let chunk = u64::from_le_bytes(*eight);
            let ends = !ascii_word_bytes(chunk) & HIGH_BITS;
            if ends == 0 {
                hash = mix(hash, chunk);
                continue;
            }
            let len = ends.trailing_zeros() / 8;
            if (chunk >> (8 * len)) & 0x80 != 0 {
                break;
            }
            return Word {
                end: start + offset + len as usize,
                hash: mix(hash, chunk & ((1 << (8 * len)) - 1)),
            };
        }
        Word::at_any(hay, start)
    }

    /// [`Word::at`] for any word: eight ASCII bytes at a time, and
    /// non-ASCII word characters one by one. Kept out of line, so that the
    /// common case inlines small.
    #[inline(never)]
    fn at_any(hay: &str, start: usize) -> Word {
        let (mut at, mut hash) = (start, 0);
        loop {
            let (len, chunk) = ascii_word_prefix(&hay.as_bytes()[at..]);
            hash = mix(hash, chunk);
            at += len;
            match hay.as_bytes().get(at) {
                _ if len == 8 => continue,
                Some(b) if b.is_ascii() => return Word { end: at, hash },
                _ => {}
            }
            match hay[at..].chars().next() {
                Some(c) if !c.is_ascii() && is_word_char(c) => {
                    hash = mix(hash, (u64::from(c) << 8) | 0xFF);
                    at += c.len_utf8();
                }
                _ => return Word { end: at, hash },
            }
        }
    }
}

/// One step of a word's hash: mixes `piece` into `hash`.
fn mix(hash: u64, piece: u64) -> u64 {
    (hash.rotate_left(23) ^ piece).wrapping_mul(FX)
}

/// FxHash's multiplier: the top bits of the product depend on every bit
/// of the multiplicand.
const FX: u64 = 0x517C_C1B7_2722_0A95;

/// How many (up to eight) of the first bytes of `bytes` are ASCII word
/// characters, and those bytes as a little-endian number (zero above).
fn ascii_word_prefix(bytes: &[u8]) -> (usize, u64) {
    let chunk = if let Some(eight) = bytes.first_chunk::<8>() {
        u64::from_le_bytes(*eight)
    } else {
        let mut eight = [0; 8];
        eight[..bytes.len()].copy_from_slice(bytes);
        u64::from_le_bytes(eight)
    };
    // Zero bytes past the end are not word characters, so `len` stays
    // within `bytes`.
    let len = (!ascii_word_bytes(chunk) & HIGH_BITS).trailing_zeros() as usize / 8;
    let kept = u64::MAX.checked_shr(64 - 8 * len as u32).unwrap_or(0);
    (len, chunk & kept)
}

/// The high bit of every byte.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `chunk` that is an ASCII letter, digit or
/// `_` ([`is_ascii_word_byte`]), with no other bit set (SWAR: all eight
/// bytes at once, no carries between them). A test checks it against the
/// rule for every byte value in every place of a chunk.
fn ascii_word_bytes(chunk: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low = chunk & !HIGH_BITS;
    // The high bit of each byte of `low` that is at least `byte`: adding
    // 0x80 - byte carries into the high bit exactly then, and never out of
    // the byte, since `low`'s bytes are below 0x80.
    let at_least = |low: u64, byte: u8| low.wrapping_add(ONES * u64::from(0x80 - byte));
    let between = |low: u64, first: u8, last: u8| at_least(low, first) & !at_least(low, last + 1);
    // `| 0x20` turns capitals into small letters and no other byte into one.
    let letters = between(low | (ONES * 0x20), b'a', b'z');
    let others = between(low, b'0', b'9') | between(low, b'_', b'_');
    (letters | others) & !chunk & HIGH_BITS
}

/// The first words of the patterns that start with a word character,
/// hashed into a set of bits. A hit of such a pattern that passes the
/// word-boundary rule starts with a whole text word equal to the pattern's
/// first word (the pattern goes on with a non-word character, or ends
/// where the text word must end), so a word whose hash is not in the set
/// starts no hit.
///
/// False positives cost a probe of the much larger groups table (see
/// `groups`), a likely cache miss; before the groups they cost a walk of
/// the automaton, several. The set therefore has at least 64 bits per
/// distinct first word (a false positive rate near 1/64), within 8 KiB to
/// 1 MiB: with 64 Ki bits for a 10k-entry lexicon, four walks in five were
/// false positives.
#[derive(Clone, Debug)]
pub(super) struct FirstWordFilter {
    bits: Box<[u64]>,
    /// `64 - log2(number of bits)`: a hash's top bits pick its bit.
    shift: u32,
}

impl FirstWordFilter {
    const MIN_BITS: usize = 1 << 16;
    const MAX_BITS: usize = 1 << 23;

    pub(super) fn new<'p>(patterns: impl IntoIterator<Item = &'p str>) -> FirstWordFilter {
        let firsts: Vec<Word> = patterns
            .into_iter()
            .map(|pattern| Word::at(pattern, 0))
            .filter(|first| first.end > 0)
            .collect();
        // Sorted rather than hashed: sorting tens of thousands of hashes
        // costs a fraction of inserting them into a `HashSet`.
        let mut distinct: Vec<u64> = firsts.iter().map(|w| w.hash).collect();
        distinct.sort_unstable();
        distinct.dedup();
        let len = (distinct.len() * 64)
            .next_power_of_two()
            .clamp(Self::MIN_BITS, Self::MAX_BITS);
        let mut filter = FirstWordFilter {
            bits: vec![0u64; len / 64].into_boxed_slice(),
            shift: 64 - len.trailing_zeros(),
        };
        for first in firsts {
            let bit = filter.bit(first);
            filter.bits[bit / 64] |= 1 << (bit % 64);
        }
        filter
    }

    /// Can a pattern begin with the whole text word `word`?
    pub(super) fn may_begin_with(&self, word: Word) -> bool {
        let bit = self.bit(word);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The bit of `word`'s hash: its top bits, which the last step of the
    /// hash (a multiplication, see [`mix`]) makes depend on every bit of
    /// the word.
    fn bit(&self, word: Word) -> usize {
        (word.hash >> self.shift) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_word_filter_lets_every_first_word_through() {
        let patterns = [
            "nep",
            "x",
            "five year plan",
            "stalin's",
            "c++",
            "état major",
        ];
        let filter = FirstWordFilter::new(patterns);
        let word = |text: &str| Word::at(text, 0);
        for first in ["nep", "x", "five", "stalin's", "c++", "état"] {
            assert!(filter.may_begin_with(word(first)), "{first}");
        }
        assert!(!filter.may_begin_with(word("the")));
        assert!(!filter.may_begin_with(word("ne")));
        assert!(!filter.may_begin_with(word("year")));
    }

    /// The chunk test and the byte table say what the word rule says,
    /// for every byte value in every place of a chunk, whatever its
    /// neighbours.
    #[test]
    fn fast_word_tests_agree_with_the_rule_on_every_byte() {
        for b in 0..=u8::MAX {
            let class = match is_ascii_word_byte(b) {
                true => ByteClass::Word,
                false if b.is_ascii() => ByteClass::Other,
                false => ByteClass::NonAscii,
            };
            assert_eq!(ByteClass::of(b), class, "{b:#04x}");
            for place in 0..8 {
                for fill in [0, b'a', b'-', 0x7F, 0x80, 0xFF] {
                    let mut bytes = [fill; 8];
                    bytes[place] = b;
                    let marked = ascii_word_bytes(u64::from_le_bytes(bytes));
                    let expected = bytes.map(|b| if is_ascii_word_byte(b) { 0x80 } else { 0 });
                    assert_eq!(marked, u64::from_le_bytes(expected), "{b:#04x} at {place}");
                }
            }
        }
    }

    #[test]
    fn hit_starts_are_word_starts_with_their_ends() {
        let ends = |text, nonword| -> Vec<_> {
            HitStarts::new(text, nonword)
                .map(|(start, word)| (start, word.end))
                .collect()
        };
        assert_eq!(ends("Ab, c-état", false), [(0, 2), (4, 5), (6, 11)]);
        assert_eq!(ends("a .b", true), [(0, 1), (1, 1), (2, 2), (3, 4)]);
        assert_eq!(Word::at("five year", 0), Word::at("five", 0));
    }

    proptest::proptest! {
        /// Words end where the first character that is not a word
        /// character starts, and a word's hash depends on its bytes only,
        /// whatever follows it and however it lines up with the eight-byte
        /// chunks.
        #[test]
        fn words_end_at_the_first_non_word_character(
            text in "[a-zA-Z0-9_ .,'’\\-éЖ\u{301}\u{00a0}\n]{0,40}",
            start in 0usize..40,
        ) {
            let start = (0..=start.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            let word = Word::at(&text, start);
            let end = text[start..]
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(text.len(), |(i, _)| start + i);
            proptest::prop_assert_eq!(word.end, end);
            let alone = &text[start..end];
            proptest::prop_assert_eq!(Word::at(alone, 0), Word { end: alone.len(), hash: word.hash });
            let padded = format!("{alone} and more text after it");
            proptest::prop_assert_eq!(Word::at(&padded, 0).hash, word.hash);
        }
    }
}
