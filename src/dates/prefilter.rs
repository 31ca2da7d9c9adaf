//! The cheap first pass of the date tagger: finds anchors, the only places
//! where the grammar runs. Every date expression contains an ASCII digit run
//! or the word "century" or "centuries", so the scan reads the text 32 bytes
//! at a time, as a bit mask of the bytes that may start one; the grammar
//! then looks at a few words around each anchor.

/// Where the grammar should look: a digit run or the start of the word
/// "century" or "centuries".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Anchor {
    pub start: usize,
    /// Where to resume scanning if no expression covers this anchor.
    pub end: usize,
}

/// Bytes in a window: one bit each in a `u32` mask.
const WINDOW: usize = 32;

/// The first anchor at or after `from`.
///
/// Each window's candidates ([`candidates`]) are read off its mask lowest
/// bit first, so a candidate that is no anchor (a "ce" that does not start
/// "century") costs a bit test, not a second look at the window.
pub(crate) fn next_anchor(bytes: &[u8], from: usize) -> Option<Anchor> {
    let mut at = from;
    while at < bytes.len() {
        let mut mask = candidates(&window(bytes, at));
        while mask != 0 {
            let start = at + mask.trailing_zeros() as usize;
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
            mask &= mask - 1;
        }
        at += WINDOW;
    }
    None
}

/// The 32 bytes at `at` and the byte after them; past the end of the text,
/// spaces (which start nothing).
fn window(bytes: &[u8], at: usize) -> [u8; WINDOW + 1] {
    if let Some(full) = bytes.get(at..at + WINDOW + 1) {
        full.try_into().expect("a window and one byte")
    } else {
        let mut padded = [b' '; WINDOW + 1];
        let rest = &bytes[at..];
        padded[..rest.len()].copy_from_slice(rest);
        padded
    }
}

/// Which of the first 32 bytes of `window` may start an anchor, bit `i`
/// for byte `i`: a digit, or a `c`/`C` followed by `e`/`E` (every
/// "century" has one; most of the many other `c`s of English do not, and
/// each would cost a look at the bytes after it).
///
/// The test is branch-free, one `u8` per comparison over a fixed-size
/// window, which the compiler vectorizes; each eight flags (0 or 1) then
/// become eight bits by one multiplication, which moves the flag of byte
/// `j` to bit `56 + j` without carries (the compiler packs a fold of
/// shifted bits lane by lane, at about three times the cost).
fn candidates(window: &[u8; WINDOW + 1]) -> u32 {
    let byte_is = |b: u8, folded: u8| u8::from(b | 0x20 == folded);
    let mut flags = [0u8; WINDOW];
    for (i, flag) in flags.iter_mut().enumerate() {
        let digit = u8::from(window[i].wrapping_sub(b'0') < 10);
        *flag = digit | (byte_is(window[i], b'c') & byte_is(window[i + 1], b'e'));
    }
    let (eights, _) = flags.as_chunks::<8>();
    eights.iter().enumerate().fold(0, |mask, (k, &eight)| {
        let bits = u64::from_le_bytes(eight).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask | (bits as u32) << (8 * k)
    })
}

/// What "century" and "centuries" start with.
const CENTURY: &[u8] = b"centur";

/// Does a word starting "centur" (any case: "century", "centuries") start
/// at `i`, not inside a word?
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
    fn window_mask_has_digits_and_ce_pairs_only() {
        for b in 0..=255u8 {
            for at in 0..33 {
                let mut window = [b'x'; 33];
                window[at] = b;
                let expected = if at < 32 && b.is_ascii_digit() {
                    1 << at
                } else {
                    0
                };
                assert_eq!(candidates(&window), expected, "byte {b:#x} at {at}");
            }
        }
        for at in 0..32 {
            for pair in [*b"ce", *b"CE", *b"Ce", *b"cE"] {
                let mut window = [b'x'; 33];
                window[at..at + 2].copy_from_slice(&pair);
                assert_eq!(candidates(&window), 1 << at, "at {at}");
            }
        }
        let text = "x".repeat(70) + "19";
        assert_eq!(next_anchor(text.as_bytes(), 3).map(|a| a.start), Some(70));
        assert_eq!(next_anchor(b"abd", 0), None);
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
        assert_eq!(anchors("the nineteenth Century, acentury"), vec![(15, 21)]);
        assert_eq!(anchors("fifth centuries"), vec![(6, 12)]);
        assert_eq!(anchors("Cheka, cats, no dates"), vec![]);
        assert_eq!(anchors("１９２４"), vec![]);
    }
}
