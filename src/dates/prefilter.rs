//! The cheap first pass of the date tagger: finds anchors, the only places
//! where the grammar runs. Every date expression contains an ASCII digit run
//! or the word "century", so the scan is a byte-table lookup per byte; the
//! grammar then looks at a few words around each anchor.

/// Where the grammar should look: a digit run or the word "century".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Anchor {
    pub start: usize,
    /// Where to resume scanning if no expression covers this anchor.
    pub end: usize,
}

/// Bytes that may begin an anchor: ASCII digits and `c`/`C`.
fn is_candidate(b: u8) -> bool {
    b.is_ascii_digit() || b | 0x20 == b'c'
}

/// The first anchor at or after `from`.
pub(crate) fn next_anchor(bytes: &[u8], from: usize) -> Option<Anchor> {
    let mut i = from;
    while let Some(start) = next_candidate(bytes, i) {
        if bytes[start].is_ascii_digit() {
            let len = bytes[start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            return Some(Anchor {
                start,
                end: start + len,
            });
        }
        if is_century(bytes, start) {
            return Some(Anchor {
                start,
                end: start + CENTURY.len(),
            });
        }
        i = start + 1;
    }
    None
}

const ONES: u64 = 0x0101_0101_0101_0101;
const HIGHS: u64 = 0x8080_8080_8080_8080;

/// Does any byte of `v` have a value below `n` (`n` <= 128)?
fn has_byte_below(v: u64, n: u8) -> bool {
    v.wrapping_sub(ONES * u64::from(n)) & !v & HIGHS != 0
}

/// Might one of these eight bytes be a candidate? Exact: true iff one is a
/// digit (`b ^ 0x30 < 10`) or `c`/`C` (`(b | 0x20) ^ 0x63 == 0`).
fn word_has_candidate(v: u64) -> bool {
    has_byte_below(v ^ (ONES * 0x30), 10) || has_byte_below((v | (ONES * 0x20)) ^ (ONES * 0x63), 1)
}

/// The offset of the first candidate byte at or after `from`, testing eight
/// bytes at a time.
fn next_candidate(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = bytes.get(from..)?;
    let mut words = rest.chunks_exact(8);
    let mut skipped = 0;
    for chunk in &mut words {
        let v = u64::from_le_bytes(chunk.try_into().expect("chunks of eight"));
        if word_has_candidate(v) {
            break;
        }
        skipped += 8;
    }
    let offset = rest[skipped..].iter().position(|&b| is_candidate(b))?;
    Some(from + skipped + offset)
}

const CENTURY: &[u8] = b"century";

/// Does the word "century" (any case) start at `i`, not inside a word?
fn is_century(bytes: &[u8], i: usize) -> bool {
    let word_start = i == 0 || !bytes[i - 1].is_ascii_alphabetic();
    word_start
        && bytes
            .get(i..i + CENTURY.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(CENTURY))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn anchors(text: &str) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let mut pos = 0;
        while let Some(a) = next_anchor(text.as_bytes(), pos) {
            found.push((a.start, a.end));
            pos = a.end;
        }
        found
    }

    #[test]
    fn word_test_agrees_with_byte_test() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes = [b'x'; 8];
                bytes[lane] = b;
                let v = u64::from_le_bytes(bytes);
                assert_eq!(
                    word_has_candidate(v),
                    is_candidate(b),
                    "byte {b:#x} lane {lane}"
                );
            }
        }
        let text = "x".repeat(37) + "19";
        assert_eq!(next_candidate(text.as_bytes(), 3), Some(37));
        assert_eq!(next_candidate(b"abd", 0), None);
    }

    #[test]
    fn finds_digit_runs_and_century() {
        assert_eq!(anchors("In 1924, 21 Jan"), vec![(3, 7), (9, 11)]);
        assert_eq!(anchors("the nineteenth Century, acentury"), vec![(15, 22)]);
        assert_eq!(anchors("Cheka, cats, no dates"), vec![]);
        assert_eq!(anchors("１９２４"), vec![]);
    }
}
