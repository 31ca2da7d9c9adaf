//! The cheap first pass of the date tagger: finds anchors, the only places
//! where the grammar runs. Every date expression contains an ASCII digit run
//! or the word "century" or "centuries", so the scan skips 32 bytes at a time while none
//! may start one; the grammar then looks at a few words around each
//! anchor.

/// Where the grammar should look: a digit run or the start of the word
/// "century" or "centuries".
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

/// The offset of the first candidate byte at or after `from`.
///
/// Whole windows of 32 bytes are skipped while none of them may start an
/// anchor: none is a digit, or a `c`/`C` followed by `e`/`E` (every
/// "century" has one; most of the many other `c`s of English do not, and
/// each would cost a look at the bytes after it). The test is branch-free,
/// one `u8` per comparison, over a fixed-size window (it reads the byte
/// after the window too), which the compiler vectorizes. Then the first
/// candidate byte of the window is looked for one byte at a time.
fn next_candidate(bytes: &[u8], from: usize) -> Option<usize> {
    const WINDOW: usize = 32;
    let mut at = from;
    while let Some(window) = bytes.get(at..at + WINDOW + 1) {
        let window: &[u8; WINDOW + 1] = window.try_into().expect("a window and one byte");
        if window_may_have_candidate(window) {
            break;
        }
        at += WINDOW;
    }
    let offset = bytes.get(at..)?.iter().position(|&b| is_candidate(b))?;
    Some(at + offset)
}

/// Might one of the first 32 bytes of `window` start an anchor? True if one
/// is a digit, or a `c`/`C` followed by `e`/`E`.
fn window_may_have_candidate(window: &[u8; 33]) -> bool {
    let byte_is = |b: u8, folded: u8| u8::from(b | 0x20 == folded);
    (0..32).fold(0, |any, i| {
        let digit = u8::from(window[i].wrapping_sub(b'0') < 10);
        any | digit | (byte_is(window[i], b'c') & byte_is(window[i + 1], b'e'))
    }) != 0
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
    fn window_test_passes_digits_and_ce_pairs_only() {
        for b in 0..=255u8 {
            for at in 0..33 {
                let mut window = [b'x'; 33];
                window[at] = b;
                let expected = at < 32 && b.is_ascii_digit();
                assert_eq!(
                    window_may_have_candidate(&window),
                    expected,
                    "byte {b:#x} at {at}"
                );
            }
        }
        for at in 0..32 {
            for pair in [*b"ce", *b"CE", *b"Ce", *b"cE"] {
                let mut window = [b'x'; 33];
                window[at..at + 2].copy_from_slice(&pair);
                assert!(window_may_have_candidate(&window), "at {at}");
            }
        }
        let text = "x".repeat(70) + "19";
        assert_eq!(next_candidate(text.as_bytes(), 3), Some(70));
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
        assert_eq!(anchors("the nineteenth Century, acentury"), vec![(15, 21)]);
        assert_eq!(anchors("fifth centuries"), vec![(6, 12)]);
        assert_eq!(anchors("Cheka, cats, no dates"), vec![]);
        assert_eq!(anchors("１９２４"), vec![]);
    }
}
