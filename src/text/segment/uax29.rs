//! The UAX #29 sentence boundaries of a block, found by running UAX #29
//! only in small windows around the characters that may end a sentence
//! (see [`sentence_breaks`]).

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use crate::text::{find_byte, is_common_letter};

/// The UAX #29 sentence boundaries of `block` read with its line breaks as
/// spaces (inside a block they are soft; UAX #29 would treat each as a
/// paragraph end), both ends included, in `breaks` (cleared first); none
/// for an empty block.
///
/// Running UAX #29 over every character was most of the time spent
/// annotating. It breaks only after a terminator or a paragraph separator,
/// so only the characters that may be one are looked at: `.`, `!`, `?`,
/// and (conservatively) any non-ASCII character that is not a letter or a
/// common quote or dash (see [`may_end_sentence`]). For each in turn:
///
/// * The common case needs no UAX #29 at all: an ASCII terminator followed
///   by spaces and an ASCII capital letter breaks right before the capital
///   (see [`plain_sentence_end`] for why), and one followed only by spaces
///   breaks nowhere before the block's end.
/// * Otherwise UAX #29 runs over a small *window* that reaches back and
///   forward to the nearest point between two ASCII letters (or the edges
///   of what is left of the block).
///
/// Each step starts where the last one ended: at the block's start, at a
/// point between two ASCII letters (where UAX #29 never breaks), or at a
/// capital letter right after a boundary. Every boundary before that point
/// is known by then, as the lookahead of rule SB8 stops at a letter, and
/// no rule looks back past the point: the rules with a left context (SB3
/// to SB11) look back over terminators, closing punctuation, spaces and
/// paragraph separators only, and at most one letter further (SB7). So the
/// boundaries found are exactly the whole block's: the differential tests
/// below check this against whole-block UAX #29.
pub(super) fn sentence_breaks(block: &str, breaks: &mut Vec<usize>) {
    breaks.clear();
    if block.is_empty() {
        return;
    }
    let bytes = block.as_bytes();
    breaks.push(0);
    let mut done = 0;
    while let Some(found) = find_candidate(block, done) {
        if let Some(next) = plain_sentence_end(bytes, found) {
            if next < bytes.len() {
                breaks.push(next);
            }
            done = next;
            continue;
        }
        let start = (done..=found)
            .rev()
            .find(|&at| is_safe_cut(bytes, at))
            .unwrap_or(done);
        let end = (found + 1..bytes.len())
            .find(|&at| is_safe_cut(bytes, at))
            .unwrap_or(bytes.len());
        window_breaks(block, start..end, breaks);
        done = end;
    }
    breaks.push(bytes.len());
}

/// Where the next sentence starts if the candidate at `at` is a plain
/// sentence end: an ASCII `.`, `!` or `?` followed by spaces (line breaks
/// included, read as spaces) and then an ASCII capital letter, or by
/// nothing but spaces to the end of the block (then the answer is the
/// block's length).
///
/// Such an end is one whatever comes before the terminator. In UAX #29
/// terms the text is `SATerm Sp+ Upper` (nothing in it is Extend or
/// Format, so SB5 changes nothing): SB9 and SB10 keep the terminator and
/// its spaces together; before the capital, SB7 does not apply (it needs
/// the capital right after an ATerm `.`, the one case where the character
/// before the terminator matters), SB8's lookahead meets the capital before
/// any lower-case letter, and SB8a to SB10 do not apply, so SB11 breaks
/// there. At the end of the block, `SATerm Sp*` has no boundary inside
/// (SB9, SB10). As `at` is the first candidate since the previous step
/// ended, there is no other boundary from there to the capital or the end.
fn plain_sentence_end(bytes: &[u8], at: usize) -> Option<usize> {
    if !matches!(bytes[at], b'.' | b'!' | b'?') {
        return None;
    }
    let spaces = bytes[at + 1..].iter().take_while(|&&b| is_space(b)).count();
    let next = at + 1 + spaces;
    match bytes.get(next) {
        None => Some(next),
        Some(b) if b.is_ascii_uppercase() && spaces > 0 => Some(next),
        Some(_) => None,
    }
}

/// Is `b` a UAX #29 space (Sp) once line breaks are read as spaces?
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// The next character at or after `from` (a character boundary) that may
/// end a sentence.
fn find_candidate(text: &str, from: usize) -> Option<usize> {
    let mut at = from;
    loop {
        at = find_candidate_byte(text.as_bytes(), at)?;
        // From a character boundary, the first non-ASCII byte found is the
        // first byte of a character.
        let c = text[at..].chars().next().expect("at a character");
        if c.is_ascii() || may_end_sentence(c) {
            return Some(at);
        }
        at += c.len_utf8();
    }
}

/// The next byte at or after `from` that is `.`, `!`, `?` or non-ASCII.
fn find_candidate_byte(bytes: &[u8], from: usize) -> Option<usize> {
    find_byte(bytes, from, |b| {
        u8::from(!b.is_ascii()) | u8::from(b == b'.') | u8::from(b == b'!') | u8::from(b == b'?')
    })
}

/// Might the non-ASCII `c` be a UAX #29 sentence terminator (STerm, ATerm)
/// or paragraph separator (Sep), the only characters after which UAX #29
/// breaks? Letters never are (checked against UAX #29 for every letter in
/// the tests), nor are the common quotes and dashes of English notes;
/// anything else might be.
fn may_end_sentence(c: char) -> bool {
    // The quotes and dashes, and the common letters, first: they are
    // cheaper to test than `is_alphabetic` (a table search) is for them.
    !(matches!(
        c,
        '‘' | '’' | '“' | '”' | '–' | '—' | '•' | '«' | '»' | '\u{A0}'
    ) || is_common_letter(c)
        || c.is_alphabetic())
}

/// Is `at` between two ASCII letters?
fn is_safe_cut(bytes: &[u8], at: usize) -> bool {
    at > 0
        && at < bytes.len()
        && bytes[at - 1].is_ascii_alphabetic()
        && bytes[at].is_ascii_alphabetic()
}

/// Appends the UAX #29 boundaries strictly inside `window` (block offsets).
fn window_breaks(block: &str, window: Range<usize>, breaks: &mut Vec<usize>) {
    let piece = &block[window.clone()];
    let flat = if piece.contains(['\n', '\r']) {
        std::borrow::Cow::Owned(piece.replace(['\n', '\r'], " "))
    } else {
        std::borrow::Cow::Borrowed(piece)
    };
    let inner = flat
        .split_sentence_bound_indices()
        .map(|(i, _)| window.start + i)
        .filter(|&at| at > window.start && at < window.end);
    breaks.extend(inner);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`sentence_breaks`] as a value.
    fn windowed_breaks(block: &str) -> Vec<usize> {
        let mut breaks = Vec::new();
        sentence_breaks(block, &mut breaks);
        breaks
    }

    /// Whole-block UAX #29, as segmentation worked before the windows.
    fn uax29_breaks(block: &str) -> Vec<usize> {
        let flat = block.replace(['\n', '\r'], " ");
        let mut breaks: Vec<usize> = flat
            .split_sentence_bound_indices()
            .map(|(i, _)| i)
            .collect();
        if !block.is_empty() {
            breaks.push(block.len());
        }
        breaks
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        #[test]
        fn windows_break_exactly_like_whole_block_uax29(
            block in "(?:[a-cA-C0-2 .!?,;:'\"()\n\r\t-]|[éß。…’”“–\u{0085}\u{2029}\u{0301}\u{00AD}\u{200D}あ\u{FF0E}]){0,80}"
        ) {
            proptest::prop_assert_eq!(windowed_breaks(&block), uax29_breaks(&block));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
        /// Mostly sentence ends, plain and not: a terminator, spaces or line
        /// breaks, and what may follow (capitals, digits, quotes, accented
        /// or combining characters, separators), between short words.
        #[test]
        fn sentence_ends_break_exactly_like_whole_block_uax29(
            block in "(?:[a-cA-C]{1,3}|St|e\\.g|[.!?][ \t\n\r]{0,3}[A-Ca-c0-2\"'(’“É\u{0301}]|[.!?]{1,2}[\"')’”]{0,2}[ \n]{0,2}|[ \t\n\r]{1,3}|[0-2]{1,2}|[,;:–-]|[…。\u{0085}\u{2029}\u{00A0}\u{0301}\u{00AD}é]){0,40}"
        ) {
            proptest::prop_assert_eq!(windowed_breaks(&block), uax29_breaks(&block));
        }
    }

    #[test]
    fn characters_skipped_as_window_openers_never_end_a_sentence() {
        // Each such character, between a letter and " Y", would make UAX #29
        // break there if it were a terminator or a paragraph separator.
        let skipped = ('\u{80}'..=char::MAX).filter(|&c| !may_end_sentence(c));
        for c in skipped {
            let text = format!("x{c} Y");
            assert_eq!(
                uax29_breaks(&text),
                [0, text.len()],
                "{c:?} (U+{:04X})",
                c as u32
            );
        }
    }

    #[test]
    fn windows_agree_with_uax29_on_notes() {
        let text = "E. H. Carr: “Lenin’s NEP.” Why? U.S.A. 3.5 etc. the end!) Next\n\
                    line. ¿Qué? Ok.\u{2029}New. A.B. c. (1924). Done";
        assert_eq!(windowed_breaks(text), uax29_breaks(text));
    }
}
