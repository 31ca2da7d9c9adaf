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

/// The high bit of each byte of `v` equal to `b`, exactly (no carries
/// between bytes).
fn equal_bytes(v: u64, b: u8) -> u64 {
    let x = v ^ (ONES * u64::from(b));
    !(((x & !HIGHS) + !HIGHS) | x | !HIGHS)
}

/// Might one of these eight bytes start an anchor? True iff one is a digit
/// (`b ^ 0x30 < 10`), or a `c`/`C` followed by `e`/`E` or in the last
/// byte (whose next byte is in the next word). Every "century" passes; most
/// of the many other `c`s of English do not, and each would cost a look at
/// the bytes after it.
fn word_has_candidate(v: u64) -> bool {
    let folded = v | (ONES * 0x20);
    let c_then_e = equal_bytes(folded, b'c') & ((equal_bytes(folded, b'e') >> 8) | (0x80 << 56));
    has_byte_below(v ^ (ONES * 0x30), 10) || c_then_e != 0
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
    fn word_test_passes_digits_and_ce_pairs_only() {
        for b in 0..=255u8 {
            for lane in 0..8 {
                let mut bytes = [b'x'; 8];
                bytes[lane] = b;
                let v = u64::from_le_bytes(bytes);
                let c_last = lane == 7 && b | 0x20 == b'c';
                let expected = b.is_ascii_digit() || c_last;
                assert_eq!(word_has_candidate(v), expected, "byte {b:#x} lane {lane}");
            }
        }
        for lane in 0..7 {
            for pair in [*b"ce", *b"CE", *b"Ce", *b"cE"] {
                let mut bytes = [b'x'; 8];
                bytes[lane..lane + 2].copy_from_slice(&pair);
                assert!(word_has_candidate(u64::from_le_bytes(bytes)), "lane {lane}");
            }
        }
        let text = "x".repeat(37) + "19";
        assert_eq!(next_candidate(text.as_bytes(), 3), Some(37));
        assert_eq!(next_candidate(b"abd", 0), None);
    }

    /// Every digit run and every "century" not inside a word, found one
    /// byte at a time.
    fn naive_anchors(text: &str) -> Vec<(usize, usize)> {
        let bytes = text.as_bytes();
        let mut found = Vec::new();
        let mut i = 0;
        while i < bytes.len() {
            if bytes[i].is_ascii_digit() {
                let len = bytes[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                found.push((i, i + len));
                i += len;
            } else if is_century(bytes, i) {
                found.push((i, i + CENTURY.len()));
                i += CENTURY.len();
            } else {
                i += 1;
            }
        }
        found
    }

    proptest::proptest! {
        #[test]
        fn anchors_are_every_digit_run_and_century(
            text in "(?:[ .a-z]{0,9}|[cC][eE][nN][tT][uU][rR][yY]|[0-9]{1,4}){0,16}"
        ) {
            proptest::prop_assert_eq!(anchors(&text), naive_anchors(&text));
        }
    }

    #[test]
    fn finds_digit_runs_and_century() {
        assert_eq!(anchors("In 1924, 21 Jan"), vec![(3, 7), (9, 11)]);
        assert_eq!(anchors("the nineteenth Century, acentury"), vec![(15, 22)]);
        assert_eq!(anchors("Cheka, cats, no dates"), vec![]);
        assert_eq!(anchors("１９２４"), vec![]);
    }
}
