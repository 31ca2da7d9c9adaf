//! Small text helpers shared by the human-readable renderers: plain and
//! one-line text, initials and section ids (the quotes around occurrences
//! are `quotes.rs`'s).
//!
//! They take offsets as they come, from an annotation or a partial that a
//! user may have edited by hand, and never panic on them: a range outside
//! its sentence, reversed, or inside a character is clamped to the
//! sentence and to character boundaries.

use std::borrow::Cow;
use std::cell::RefCell;
use std::ops::Range;
use std::sync::LazyLock;

use memchr::{memchr, memchr3};
use regex::Regex;

use crate::glossary::GlossaryEntry;
use crate::lexicon::Kind;

/// Collapses every run of white space (line breaks included) to one space.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_one_line(&mut out, text);
    out
}

/// How many characters [`one_line`] of `text` has, counted without
/// making it, up to `most` (more are not all counted: a count above
/// `most` says "more than `most`").
///
/// Each printable ASCII byte is a character of it: where there are more
/// than `most` (a long sentence), they are all that is counted, in one
/// pass the compiler vectorizes.
pub(crate) fn one_line_chars(text: &str, most: usize) -> usize {
    if text.len() > most {
        let printable = text.bytes().filter(|&b| b > b' ' && b < 0x80).count();
        if printable > most {
            return printable;
        }
    }
    let (mut chars, mut at) = (0, 0);
    // Is there white space between the last word and what comes next?
    let mut apart = false;
    while at < text.len() && chars <= most {
        let byte = text.as_bytes()[at];
        let (space, width) = if byte > b' ' && byte < 0x80 {
            (false, 1)
        } else {
            space_at(text, at)
        };
        if space {
            apart = chars > 0;
        } else {
            chars += 1 + usize::from(apart);
            apart = false;
        }
        at += width;
    }
    chars
}

/// How many words of `text` (as `split_whitespace` finds them) have two
/// letters (`char::is_alphabetic`) or more. Printable ASCII is read a
/// byte at a time, without decoding.
pub(crate) fn words_of_two_letters(text: &str) -> usize {
    let (mut words, mut letters, mut at) = (0, 0, 0);
    while at < text.len() {
        let byte = text.as_bytes()[at];
        let (letter, width) = if byte > b' ' && byte < 0x80 {
            (byte.is_ascii_alphabetic(), 1)
        } else {
            let (space, width) = space_at(text, at);
            if space {
                letters = 0;
                at += width;
                continue;
            }
            let letter = text[at..].chars().next().is_some_and(char::is_alphabetic);
            (letter, width)
        };
        if letter {
            letters += 1;
            words += usize::from(letters == 2);
        }
        at += width;
    }
    words
}

/// Appends [`one_line`] of `text` to `out`: its words (as
/// `split_whitespace` finds them) joined by a space. A run of words
/// already apart by one space (most of a sentence) is copied whole.
fn push_one_line(out: &mut String, text: &str) {
    let mut first = true;
    let mut at = 0;
    while at < text.len() {
        let (space, width) = space_at(text, at);
        if space {
            at += width;
            continue;
        }
        let start = at;
        at = run_end(text, at);
        if !first {
            out.push(' ');
        }
        out.push_str(&text[start..at]);
        first = false;
    }
}

/// Where the run of words starting at byte `at` of `text` (not white
/// space) ends: at white space other than one space between two words.
/// Printable ASCII, most of any text, is taken a byte at a time without
/// decoding; where a run ends early, the next one starts after one space,
/// which [`push_one_line`] writes back.
fn run_end(text: &str, mut at: usize) -> usize {
    let bytes = text.as_bytes();
    while let Some(&byte) = bytes.get(at) {
        if byte > b' ' && byte < 0x80 {
            at += 1;
        } else if byte == b' ' {
            match bytes.get(at + 1) {
                Some(&next) if next > b' ' && next < 0x80 => at += 2,
                _ => return at,
            }
        } else {
            let (space, width) = space_at(text, at);
            if space {
                return at;
            }
            at += width;
        }
    }
    at
}

/// Whether the character at byte `at` of `text` (a character boundary) is
/// white space (`char::is_whitespace`), and its length in bytes.
fn space_at(text: &str, at: usize) -> (bool, usize) {
    let byte = text.as_bytes()[at];
    if byte.is_ascii() {
        return (matches!(byte, b' ' | b'\t'..=b'\r'), 1);
    }
    let c = text[at..].chars().next().unwrap_or_default();
    (c.is_whitespace(), c.len_utf8())
}

/// Marks where a piece of a [`plain_pieces`] text begins or ends; private
/// use characters, removed from the text before they are put in.
const MARK: char = '\u{E000}';

/// HTML tags (not across a mark, which a tag would swallow).
static TAG: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<[^<>\x{E000}]*>").expect("valid regex"));
/// A Markdown link or image: its text stays (one across a mark does not
/// count).
static LINK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"!?\[([^\]\x{E000}]*)\]\([^()\x{E000}]*\)").expect("valid regex"));
/// A list item's bullet or number, or a heading's `#`, starting the text.
static LEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:#{1,6}|>|[•·▪◦‣*+–—-]|\d{1,3}[.)])\s+").expect("valid regex")
});
/// Emphasis opening a word: `**Right`, `_kulak`.
static EMPHASIS_OPEN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(^|[\s(\[{"'“‘])(?:\*{1,3}|_{1,3}|~~|`+)([^\s*_~`])"#).expect("valid regex")
});
/// Emphasis closing a word: `Right**`, `kulak_`.
static EMPHASIS_CLOSE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"([^\s*_~`])(?:\*{1,3}|_{1,3}|~~|`+)($|[\s)\]}.,;:!?"'”’])"#).expect("valid regex")
});

/// `text` as plain words: HTML tags, Markdown emphasis, code marks and
/// link targets removed, and a bullet, list number, quote or heading mark
/// at the start; white space collapsed (`• the **Right** <b>lost</b>` is
/// `the Right lost`). Underscores and stars inside a word stay.
pub(crate) fn plain(text: &str) -> String {
    if may_hold_markup(text) {
        plain_pieces(text, &[]).text
    } else {
        // What `plain_pieces` makes of it, without its list of ends.
        one_line(text)
    }
}

/// A text cut into pieces, in one string: what [`plain_pieces`] makes. A
/// `String` a piece was most of the time of the Cloze ranking and the
/// quotes (allocating, copying and freeing them).
#[derive(Debug, Default)]
pub(crate) struct Pieces {
    /// The pieces, one after another.
    text: String,
    /// Where each piece ends in `text` (it starts where the one before
    /// ends).
    ends: Vec<usize>,
}

impl Pieces {
    /// How many pieces there are.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }

    /// Piece `n`.
    pub(crate) fn get(&self, n: usize) -> &str {
        &self.text[self.start(n)..self.ends[n]]
    }

    /// The pieces in order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|n| self.get(n))
    }

    /// Every piece, one after another.
    pub(crate) fn text(&self) -> &str {
        &self.text
    }

    /// The pieces after piece `n`, read as one text (empty if there is no
    /// piece `n`).
    pub(crate) fn after(&self, n: usize) -> &str {
        self.ends.get(n).map_or("", |&end| &self.text[end..])
    }

    /// Where piece `n` starts.
    fn start(&self, n: usize) -> usize {
        n.checked_sub(1).map_or(0, |before| self.ends[before])
    }

    /// Appends `piece` on one line ([`one_line`]), with one space at
    /// either end if it had any there, but none before the first piece.
    fn push(&mut self, piece: &str) {
        push_one_line_keep_edges(&mut self.text, piece, !self.ends.is_empty());
        self.ends.push(self.text.len());
    }

    /// Trims the white space after the last piece.
    fn trim_end(&mut self) {
        if let Some(last) = self.len().checked_sub(1) {
            let start = self.start(last);
            let end = start + self.text[start..].trim_end().len();
            self.text.truncate(end);
            self.ends[last] = end;
        }
    }
}

/// `text` cut at the byte ranges `marks` (sorted, not overlapping, inside
/// `text`; others are left out) and made [`plain`] as a whole: the pieces
/// before, in and after each mark, `2 * marks.len() + 1` of them. Stripping
/// the whole, not each piece, keeps `**` around a mark paired.
pub(crate) fn plain_pieces(text: &str, marks: &[Range<usize>]) -> Pieces {
    let mut pieces = Pieces {
        text: String::with_capacity(text.len() + 2 * marks.len()),
        ends: Vec::with_capacity(2 * marks.len() + 1),
    };
    plain_pieces_into(&mut pieces, text, marks);
    pieces
}

/// What `read` makes of [`plain_pieces`] of `text` at `marks`, made in a
/// buffer this thread keeps for its next call: the Cloze ranking and the
/// quotes cut a sentence or two a listed occurrence, and allocating and
/// freeing a buffer each time was a tenth of their time. `read` must not
/// call it again (the buffer is in use: that would panic).
pub(crate) fn with_plain_pieces<R>(
    text: &str,
    marks: &[Range<usize>],
    read: impl FnOnce(&Pieces) -> R,
) -> R {
    thread_local! {
        static PIECES: RefCell<Pieces> = RefCell::default();
    }
    PIECES.with_borrow_mut(|pieces| {
        plain_pieces_into(pieces, text, marks);
        read(pieces)
    })
}

/// [`plain_pieces`] made in `pieces`, whatever it held before.
fn plain_pieces_into(pieces: &mut Pieces, text: &str, marks: &[Range<usize>]) {
    let marks = fitting(text, marks);
    pieces.text.clear();
    pieces.ends.clear();
    if may_hold_markup(text) {
        push_stripped(pieces, text, &marks);
    } else {
        // Nothing to strip (most sentences): each piece is its text on one
        // line, made without marking and splitting a copy.
        let mut at = 0;
        for mark in marks {
            pieces.push(&text[at..mark.start]);
            pieces.push(&text[mark.clone()]);
            at = mark.end;
        }
        pieces.push(&text[at..]);
    }
    pieces.trim_end();
}

/// The ranges of `marks` that cut `text` (sorted, not overlapping, inside
/// it, on character boundaries); the others are left out.
fn fitting<'m>(text: &str, marks: &'m [Range<usize>]) -> Vec<&'m Range<usize>> {
    let mut at = 0;
    let mut fitting = Vec::with_capacity(marks.len());
    for mark in marks {
        if at <= mark.start && mark.start <= mark.end && text.get(mark.clone()).is_some() {
            fitting.push(mark);
            at = mark.end;
        }
    }
    fitting
}

/// Whether [`push_stripped`] might strip anything of `text` other than
/// white space: it holds a character one of the patterns needs, or a
/// [`MARK`] (byte 0xEE starts it), or starts as a leader does.
///
/// Three `memchr` scans (vectorized): a test of each byte against the
/// seven took a tenth of a build's pages, for the Cloze ranking and the
/// quotes, whose sentences it is asked about once or twice each.
pub(crate) fn may_hold_markup(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr3(b'<', b'[', b'*', bytes).is_some()
        || memchr3(b'_', b'~', b'`', bytes).is_some()
        || memchr(0xee, bytes).is_some()
        || may_lead(text)
}

/// Pushes the pieces of [`plain_pieces`] of a text that may hold markup
/// to `pieces`: the text is marked at `marks` and stripped whole, then cut
/// at the marks.
fn push_stripped(pieces: &mut Pieces, text: &str, marks: &[&Range<usize>]) {
    let mut marked = String::with_capacity(text.len() + 8 * marks.len());
    let mut at = 0;
    for mark in marks {
        push_unmarked(&mut marked, &text[at..mark.start]);
        marked.push(MARK);
        push_unmarked(&mut marked, &text[mark.start..mark.end]);
        marked.push(MARK);
        at = mark.end;
    }
    push_unmarked(&mut marked, &text[at..]);
    // Each pattern is tried only on text holding a character it needs:
    // most sentences have no markup, and the searches were most of the
    // time of the glossary's and worksheet's pages.
    let mut stripped = marked;
    if may_lead(&stripped) {
        stripped = replaced(stripped, &LEADER, 1, "");
    }
    if stripped.contains('<') {
        stripped = replaced(stripped, &TAG, 0, "");
    }
    if stripped.contains('[') {
        stripped = replaced(stripped, &LINK, 0, "$1");
    }
    // Twice: the second pass finds marks the first one's matches touched
    // (`**_both_**`).
    let emphasis = stripped.as_bytes();
    if memchr3(b'*', b'_', b'~', emphasis).is_some() || memchr(b'`', emphasis).is_some() {
        for _ in 0..2 {
            stripped = replaced(stripped, &EMPHASIS_OPEN, 0, "$1$2");
            stripped = replaced(stripped, &EMPHASIS_CLOSE, 0, "$1$2");
        }
    }
    let count = 2 * marks.len() + 1;
    for piece in stripped.split(MARK).take(count) {
        pieces.push(piece);
    }
    while pieces.len() < count {
        pieces.push("");
    }
}

/// Appends `text` to `out` with a space for each [`MARK`] in it.
fn push_unmarked(out: &mut String, text: &str) {
    for (n, part) in text.split(MARK).enumerate() {
        if n > 0 {
            out.push(' ');
        }
        out.push_str(part);
    }
}

/// Whether [`LEADER`] can match `text`: its first character after white
/// space is one a leader starts with (`is_numeric` holds for every `\d`).
fn may_lead(text: &str) -> bool {
    text.trim_start()
        .starts_with(|c: char| "#>•·▪◦‣*+–—-".contains(c) || c.is_numeric())
}

/// `text` with `regex`'s first `limit` matches (0: all) replaced by `with`.
fn replaced(text: String, regex: &Regex, limit: usize, with: &str) -> String {
    let changed = match regex.replacen(&text, limit, with) {
        Cow::Owned(changed) => Some(changed),
        Cow::Borrowed(_) => None,
    };
    changed.unwrap_or(text)
}

/// The letters a listing's entries (in sort order) are filed under, each
/// with the index of its first entry: the first letter of the sort key,
/// `#` for one that starts otherwise.
pub(crate) fn initials(entries: &[&GlossaryEntry]) -> Vec<(char, usize)> {
    let mut out: Vec<(char, usize)> = Vec::new();
    for (n, entry) in entries.iter().enumerate() {
        let letter = entry
            .sort_key()
            .chars()
            .next()
            .filter(char::is_ascii_alphabetic)
            .map_or('#', |c| c.to_ascii_uppercase());
        if out.last().is_none_or(|(last, _)| *last != letter) {
            out.push((letter, n));
        }
    }
    out
}

/// The spellings of an entry found, as plain text (`the **Right**` is
/// `the Right`), sorted, each once.
pub(crate) fn spellings(entry: &GlossaryEntry) -> Vec<String> {
    let mut spellings: Vec<String> = entry.aliases_seen.iter().map(|a| plain(a)).collect();
    spellings.sort();
    spellings.dedup();
    spellings
}

/// The anchor of a kind's section in a glossary (`index-person`), or of
/// one of its letters (`index-person-s`, `index-person-other` for `#`).
pub(crate) fn section_id(kind: Kind, letter: Option<char>) -> String {
    match letter {
        None => format!("index-{kind}"),
        Some('#') => format!("index-{kind}-other"),
        Some(letter) => format!("index-{kind}-{}", letter.to_ascii_lowercase()),
    }
}

/// Like [`one_line`] but keeps one space at either end if there was any.
pub(crate) fn one_line_keep_edges(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    push_one_line_keep_edges(&mut out, text, true);
    out
}

/// Appends [`one_line_keep_edges`] of `text` to `out`, without the space
/// before it unless `lead`.
fn push_one_line_keep_edges(out: &mut String, text: &str, lead: bool) {
    if lead && text.starts_with(char::is_whitespace) {
        out.push(' ');
    }
    push_one_line(out, text);
    if text.ends_with(char::is_whitespace) && !text.trim().is_empty() {
        out.push(' ');
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::slice;

    #[test]
    fn plain_text_has_no_markup() {
        assert_eq!(
            plain("the **Right** <b>objected</b> & lost"),
            "the Right objected & lost"
        );
        assert_eq!(
            plain("a _kulak_ and `code`, [NEP](#nep)!"),
            "a kulak and code, NEP!"
        );
        assert_eq!(
            plain("snake_case and 2*3*4 stay"),
            "snake_case and 2*3*4 stay"
        );
        assert_eq!(plain("***both*** __x__\n  y"), "both x y");
        assert_eq!(plain("• Lenin died"), "Lenin died");
        assert_eq!(plain("## 12. Terror"), "12. Terror");
        assert_eq!(plain("1924. Lenin died"), "1924. Lenin died");
        // `\d` is any decimal digit, as `is_numeric` knows.
        assert_eq!(plain("  ٣) Lenin died"), "Lenin died");
        assert_eq!(plain("\u{E000}- Lenin"), "Lenin");
    }

    #[test]
    fn plain_pieces_keep_marks_paired() {
        let pieces = |text, mark: Range<usize>| {
            let pieces = plain_pieces(text, slice::from_ref(&mark));
            pieces.iter().map(str::to_owned).collect::<Vec<_>>()
        };
        let text = "Then the **Right** lost.";
        let at = text.find("Right").unwrap();
        assert_eq!(pieces(text, at..at + 5), ["Then the ", "Right", " lost."]);
        // A mark outside the text is left out; the pieces still add up.
        assert_eq!(pieces("ab", 1..9), ["ab"]);
        assert_eq!(pieces("a <b NEP c>", 5..8), ["a <b ", "NEP", " c>"]);
        assert_eq!(pieces("a\u{E000}b", 0..1), ["", "a", " b"]);
        // White space at the ends of the whole is trimmed, between the
        // pieces kept as one space.
        assert_eq!(pieces(" \n a \n b  c \n", 7..8), ["a ", "b", " c"]);
        assert_eq!(pieces("  a", 0..1), ["", " ", " a"]);
        assert_eq!(pieces("a  ", 1..2), ["a", " ", ""]);
        let cut = plain_pieces("x *y* z.", slice::from_ref(&(3..4)));
        assert_eq!(
            (cut.text(), cut.after(1), cut.after(2)),
            ("x y z.", " z.", "")
        );
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn one_line_joins_the_words_split_whitespace_finds(
            text in "[a é\t\n\r\x0b\x0c\u{85}\u{a0}\u{2028}\u{3000}😀]{0,30}",
        ) {
            let words: Vec<&str> = text.split_whitespace().collect();
            prop_assert_eq!(one_line(&text), words.join(" "));
        }

        #[test]
        fn one_line_chars_counts_one_line(
            text in "[a é\t\n\r\x0b\x0c\u{85}\u{a0}\u{2028}\u{3000}😀]{0,30}",
        ) {
            let chars = one_line(&text).chars().count();
            prop_assert_eq!(one_line_chars(&text, usize::MAX), chars);
            for most in 0..chars {
                prop_assert!(one_line_chars(&text, most) > most);
            }
            for most in chars..chars + 3 {
                prop_assert_eq!(one_line_chars(&text, most), chars);
            }
        }

        #[test]
        fn words_of_two_letters_are_those_split_whitespace_finds(
            text in "[ab1. é\t\n\u{a0}\u{3000}😀ж]{0,30}",
        ) {
            let words = text
                .split_whitespace()
                .filter(|w| w.chars().filter(|c| c.is_alphabetic()).nth(1).is_some())
                .count();
            prop_assert_eq!(words_of_two_letters(&text), words);
        }

        #[test]
        fn pieces_of_text_without_markup_are_those_stripped_whole(
            text in "[a .é\t\n\u{a0}#1)•<_-]{0,30}",
            marks in prop::collection::vec((0..32_usize, 0..6_usize), 0..4),
        ) {
            let mut at = 0;
            let marks: Vec<Range<usize>> = marks
                .into_iter()
                .map(|(skip, len)| {
                    at += skip;
                    at..at + len
                })
                .collect();
            let mut stripped = Pieces::default();
            push_stripped(&mut stripped, &text, &fitting(&text, &marks));
            stripped.trim_end();
            let pieces = plain_pieces(&text, &marks);
            prop_assert_eq!((pieces.text, pieces.ends), (stripped.text, stripped.ends));
        }
    }
}
