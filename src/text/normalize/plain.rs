//! The ASCII fast path: where a run of bytes that normalize byte for byte
//! ends ([`plain_run_end`], sixteen bytes at a time), and the branch-free
//! fold of each byte of it ([`fold_plain_byte`]).
//!
//! Both are derived from the rule in `fold.rs` ([`fold_ascii`]) or tested
//! against it on every byte value; the builder (`builder.rs`) copies the
//! runs they find.

use super::fold::{fold_ascii, Fold};

/// [`fold_ascii`] of a plain byte `b` (see [`Plain`]), where `case` is
/// `0x20` to fold case and 0 not to: white space becomes `' '`, capitals
/// small letters.
///
/// Branch-free, one `u8` per test, so that the compiler vectorizes
/// [`Builder::push_plain`](super::builder::Builder::push_plain)'s copy; a test checks it against
/// [`fold_ascii`] for every byte value.
#[inline(always)]
pub(super) fn fold_plain_byte(b: u8, case: u8) -> u8 {
    let upper = u8::from(b.wrapping_sub(b'A') < 26);
    let space = u8::from(b == b' ') | (u8::from(b.wrapping_sub(b'\t') < 5) & u8::from(b != 0x0B));
    let folded = b | (upper * case);
    folded ^ ((folded ^ b' ') & space.wrapping_neg())
}

/// The end of the run of bytes from `at` that normalize byte for byte:
/// ASCII other than `-` and white space, and single white space bytes
/// (which become `' '`) not following a space (`ends_with_space`) or
/// another white space byte.
///
/// Whole 16-byte chunks are tested at once, branch-free: the bytes that
/// end a run are marked in a mask and the first one is the end. (A control
/// byte counts as white space here, which may end a run early; the next
/// run then goes on from it. They are rare.) Line breaks are plain too, so
/// a run goes on over wrapped lines; most runs end at a blank line, a dash
/// or a non-ASCII character. Only the last bytes of the text, fewer than
/// a chunk, are looked at one by one.
pub(super) fn plain_run_end(bytes: &[u8], mut at: usize, mut after_space: bool) -> usize {
    const CHUNK: usize = 16;
    while let Some(chunk) = bytes.get(at..at + CHUNK) {
        let word = u128::from_le_bytes(chunk.try_into().expect("a chunk"));
        let not_plain = (word & !LOW) | bytes_equal_to(b'-', word);
        let spaces = up_to_space(word);
        // A byte up to `' '` whose previous byte (eight bits down) is one
        // too, or is the space before `at`.
        let doubled = spaces & ((spaces << 8) | (u128::from(after_space) << 7));
        let ends = not_plain | doubled;
        if ends != 0 {
            return at + (ends.trailing_zeros() / 8) as usize;
        }
        after_space = chunk[CHUNK - 1] <= b' ';
        at += CHUNK;
    }
    plain_run_end_bytewise(bytes, at, after_space)
}

/// [`plain_run_end`] one byte at a time, from [`PLAIN`]: for the last
/// bytes of a text, and the oracle its masks are tested against.
fn plain_run_end_bytewise(bytes: &[u8], mut at: usize, mut after_space: bool) -> usize {
    for &b in &bytes[at..] {
        match PLAIN[usize::from(b)] {
            Plain::Yes => after_space = false,
            Plain::Space if !after_space => after_space = true,
            _ => break,
        }
        at += 1;
    }
    at
}

/// The low seven bits of each byte of a chunk.
const LOW: u128 = u128::from_le_bytes([0x7F; 16]);

/// The high bit of each byte of `chunk` whose low seven bits are at most
/// `' '` (0x20), and no other bit: for ASCII bytes, the white space and
/// control bytes. (SWAR: adding 0x5F to the low seven bits sets the high
/// bit from 0x21 up and never carries into the next byte.)
fn up_to_space(chunk: u128) -> u128 {
    const FROM_0X21: u128 = u128::from_le_bytes([0x80 - 0x21; 16]);
    !((chunk & LOW) + FROM_0X21) & !LOW
}

/// The high bit of each byte of `chunk` that is `byte`, and no other bit
/// (SWAR: the bytes that are 0 after `^ byte` are the ones without a high
/// bit after adding 0x7F to their low seven bits, which never carries into
/// the next byte).
fn bytes_equal_to(byte: u8, chunk: u128) -> u128 {
    let zero_if_equal = chunk ^ u128::from_le_bytes([byte; 16]);
    !(((zero_if_equal & LOW) + LOW) | zero_if_equal) & !LOW
}

/// How [`plain_run_end`] sees a byte.
#[derive(Clone, Copy)]
enum Plain {
    /// ASCII that normalizes to itself (lower-cased).
    Yes,
    /// ASCII white space: plain, as `' '`, unless it follows white space.
    Space,
    /// A dash or non-ASCII: needs [`fold`](super::fold::fold).
    No,
}

/// [`Plain`] for every byte, derived from [`fold_ascii`] at compile time:
/// this runs on every byte. The one departure from it: `-` folds to a
/// space but is left to [`fold`](super::fold::fold), because the run
/// copy maps only white space to `' '`.
static PLAIN: [Plain; 256] = {
    let mut table = [Plain::No; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = match fold_ascii(byte, false) {
            Fold::Char(_) => Plain::Yes,
            Fold::Space if byte != b'-' => Plain::Space,
            _ => Plain::No,
        };
        b += 1;
    }
    table
};
#[cfg(test)]
mod tests {
    use super::*;

    /// The byte-for-byte copy agrees with the rule for every plain byte,
    /// and the table says plain exactly where the copy applies.
    #[test]
    fn plain_copy_agrees_with_the_rule_on_every_byte() {
        for b in 0..=u8::MAX {
            for fold_case in [false, true] {
                let folded = match (PLAIN[usize::from(b)], fold_ascii(b, fold_case)) {
                    (Plain::No, _) => {
                        assert!(b == b'-' || !b.is_ascii(), "{b:#04x}");
                        continue;
                    }
                    (Plain::Yes, Fold::Char(c)) => c as u8,
                    (Plain::Space, Fold::Space) => b' ',
                    _ => panic!("PLAIN[{b:#04x}] disagrees with fold_ascii"),
                };
                let case = if fold_case { 0x20 } else { 0 };
                assert_eq!(fold_plain_byte(b, case), folded, "{b:#04x}");
            }
        }
    }

    /// The chunk masks end a run where the byte-by-byte scan does, for
    /// every pair of byte values at the start, middle and end of a chunk
    /// and across two; or earlier, at the control bytes the masks count
    /// as white space (see [`plain_run_end`]).
    #[test]
    fn run_masks_agree_with_the_rule_on_every_byte_pair() {
        let is_control = |b: u8| b < b' ' && !b.is_ascii_whitespace();
        for at in [1, 2, 8, 15, 16] {
            let mut bytes = vec![b'a'; 40];
            for (x, y) in (0..=u8::MAX).flat_map(|x| (0..=u8::MAX).map(move |y| (x, y))) {
                bytes[at - 1] = x;
                bytes[at] = y;
                for after_space in [false, true] {
                    let fast = plain_run_end(&bytes, 0, after_space);
                    let slow = plain_run_end_bytewise(&bytes, 0, after_space);
                    let early = fast < slow
                        && bytes[fast] <= b' '
                        && (fast == 0 || bytes[fast - 1] <= b' ')
                        && (is_control(bytes[fast]) || fast == 0 || is_control(bytes[fast - 1]));
                    assert!(fast == slow || early, "{x:#04x} {y:#04x} at {at}");
                }
            }
        }
    }
}
