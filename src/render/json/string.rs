//! JSON strings: quoting and escaping exactly as `serde_json` does, for
//! the annotation writer ([`super::annotation_line`]), whose hot loop is
//! the scan of every string for a byte to escape, and the glossary's
//! occurrences (`glossary/json.rs`).

/// `s` as a quoted JSON string, escaped as `serde_json` escapes it: `"`,
/// `\` and the control characters U+0000 to U+001F, nothing else. Runs of
/// bytes that need no escape are copied whole.
///
/// Nearly every string needs no escape, so that is tested first, on all
/// its bytes at once and branch-free ([`any_escaped`]): the search for the
/// first byte to escape mispredicted its end at nearly every string. A
/// string that needs one (a glossary's quoted sentence holds the line
/// breaks of wrapped prose) is searched eight bytes at a time
/// ([`first_escaped`]).
pub(crate) fn write_str(out: &mut Vec<u8>, s: &str) {
    let mut rest = s.as_bytes();
    out.push(b'"');
    if !any_escaped(rest) {
        out.extend_from_slice(rest);
        out.push(b'"');
        return;
    }
    while let Some(i) = first_escaped(rest) {
        out.extend_from_slice(&rest[..i]);
        write_escape(out, rest[i]);
        rest = &rest[i + 1..];
    }
    out.extend_from_slice(rest);
    out.push(b'"');
}

/// Whether [`write_str`] escapes any byte of `s`.
pub(super) fn needs_escape(s: &str) -> bool {
    any_escaped(s.as_bytes())
}

/// Whether any byte of `bytes` is one [`write_str`] escapes: eight bytes
/// at a time (the last eight overlapping the ones before), a byte at a
/// time only for strings shorter than that.
fn any_escaped(bytes: &[u8]) -> bool {
    if bytes.len() < 8 {
        return bytes
            .iter()
            .fold(false, |any, &byte| any | ESCAPED[usize::from(byte)]);
    }
    let word = |at: usize| u64::from_le_bytes(bytes[at..at + 8].try_into().expect("eight bytes"));
    let last = bytes.len() - 8;
    let mut any = escaped_bytes(word(last));
    let mut at = 0;
    while at < last {
        any |= escaped_bytes(word(at));
        at += 8;
    }
    any != 0
}

/// Where the first byte of `bytes` that [`write_str`] escapes is: found
/// eight bytes at a time, as [`any_escaped`] tests them, the last few
/// bytes one at a time. A byte-at-a-time search of the quoted sentences
/// of a glossary's occurrences, most of which hold a line break, was
/// two thirds of their writing.
fn first_escaped(bytes: &[u8]) -> Option<usize> {
    let mut words = bytes.chunks_exact(8);
    for (n, word) in words.by_ref().enumerate() {
        let found = escaped_bytes(u64::from_le_bytes(word.try_into().expect("eight bytes")));
        if found != 0 {
            // Little-endian: the lowest set bit is in the first byte found.
            return Some(8 * n + found.trailing_zeros() as usize / 8);
        }
    }
    let tail = words.remainder();
    let at = bytes.len() - tail.len();
    let found = tail.iter().position(|&byte| ESCAPED[usize::from(byte)]);
    found.map(|i| at + i)
}

/// Nonzero if any of the eight bytes of `word` is below 0x20, `"` or
/// `\`: the bit-twiddling tests for a byte less than `n` and for a zero
/// byte (Anderson's "Bit Twiddling Hacks"), which are exact for whether
/// there is one, and for which is the first (the byte of the lowest set
/// bit, in little-endian order), though not for the ones after it: a
/// borrow runs only from a lower byte to a higher one, and only out of a
/// byte the test finds.
fn escaped_bytes(word: u64) -> u64 {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_le_bytes([0x80; 8]);
    let less_than = |n: u8| word.wrapping_sub(ONES * u64::from(n)) & !word & HIGH;
    let zero = |w: u64| w.wrapping_sub(ONES) & !w & HIGH;
    less_than(0x20) | zero(word ^ (ONES * u64::from(b'"'))) | zero(word ^ (ONES * u64::from(b'\\')))
}

/// The bytes [`write_str`] escapes, as a table: the scan for them is the
/// hot loop of [`annotation_line`](super::annotation_line).
static ESCAPED: [bool; 256] = {
    let mut table = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        table[byte] = true;
        byte += 1;
    }
    table[b'"' as usize] = true;
    table[b'\\' as usize] = true;
    table
};

/// The escape of one byte that [`ESCAPED`] marks: the short form
/// where JSON has one (except `\/`, which `serde_json` does not use),
/// otherwise `\u00XX` in lowercase hex.
fn write_escape(out: &mut Vec<u8>, byte: u8) {
    let short = match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0A => b'n',
        0x0C => b'f',
        0x0D => b'r',
        _ => {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let (high, low) = (HEX[usize::from(byte >> 4)], HEX[usize::from(byte & 0xF)]);
            out.extend_from_slice(&[b'\\', b'u', b'0', b'0', high, low]);
            return;
        }
    };
    out.extend_from_slice(&[b'\\', short]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_every_ascii_byte_like_serde_json() {
        let all: String = (0..=0x7F_u8).map(char::from).collect();
        let mut ours = Vec::new();
        write_str(&mut ours, &all);
        assert_eq!(ours, serde_json::to_vec(&all).unwrap());
    }

    #[test]
    fn finds_an_escaped_byte_wherever_it_is() {
        for len in 1..=24 {
            for at in 0..len {
                for byte in 0..=u8::MAX {
                    let mut bytes = vec![b'a'; len];
                    bytes[at] = byte;
                    let escaped = ESCAPED[usize::from(byte)];
                    assert_eq!(any_escaped(&bytes), escaped, "{byte:#04x} at {at} of {len}");
                    let first = escaped.then_some(at);
                    assert_eq!(first_escaped(&bytes), first, "{byte:#04x} at {at} of {len}");
                }
            }
        }
    }

    /// The first byte to escape is found whatever bytes are around it (a
    /// borrow could mark a later byte, never an earlier one), among bytes
    /// just above those escaped.
    #[test]
    fn finds_the_first_of_several_escaped_bytes() {
        for background in [0x20, 0x21, b'"' + 1, b'\\' + 1, 0x80, 0xFF] {
            for first in 0..16 {
                for second in first + 1..16 {
                    for (a, b) in [(0x00, 0x00), (b'"', 0x1F), (b'\\', b'"'), (0x1F, 0x80)] {
                        let mut bytes = vec![background; 16];
                        bytes[first] = a;
                        bytes[second] = b;
                        let what = format!("{a:#04x} at {first} in {background:#04x}");
                        assert_eq!(first_escaped(&bytes), Some(first), "{what}");
                    }
                }
            }
        }
    }
}
