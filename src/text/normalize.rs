//! Normalization for matching, with an alignment map back to the original.
//!
//! The matcher searches a *normalized* copy of each document so that one
//! automaton pattern covers every spelling that matching rules 1-3 of
//! `docs/DESIGN.md` call equal:
//!
//! * letters are lower-cased (Unicode, not only ASCII: `ÉTAT` = `état`);
//! * the apostrophes `’ ‘ ʼ ′` become `'`;
//! * hyphens and dashes (`- – — ‐ ‑ ‒ −`) become a space, so `Five-Year Plan`
//!   equals `Five Year Plan`;
//! * every run of white space (line breaks, tabs, no-break and thin spaces,
//!   and the spaces made from dashes) becomes one space;
//! * soft hyphens and zero-width characters are dropped;
//! * letters and the combining marks after them are composed (Unicode NFC),
//!   so `Blu\u{308}cher` (decomposed, as some Mac and web tools write it)
//!   equals `Blücher`.
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

use std::ops::Range;

use super::is_common_letter;

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

/// What one original character becomes in the normalized text.
enum Fold {
    /// Dropped entirely (soft hyphen, zero-width characters).
    Drop,
    /// A separator: collapses with its neighbours into one space.
    Space,
    /// Replaced by this character.
    Char(char),
    /// Lower-cased, which may yield several characters (`İ` → `i̇`).
    Lower(char),
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
    /// when `range` cuts through the expansion of one original character.
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
        start..last + last_len
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

/// A [`Normalized`] text being made.
///
/// The text is kept as bytes until it is done so that ASCII runs can be
/// copied and mapped in one pass (lower case, white space to `' '`), which
/// `String` allows only through `unsafe`; checking the finished text is
/// UTF-8 costs a fraction of an instruction per byte.
struct Builder<'a> {
    original: &'a str,
    fold_case: bool,
    text: Vec<u8>,
    edits: Vec<Edit>,
}

impl Builder<'_> {
    fn ends_with_space(&self) -> bool {
        self.text.last() == Some(&b' ')
    }

    /// Adds an edit point unless the next normalized byte, mapped one to
    /// one from the last edit point, already comes from `orig`.
    fn continue_from(&mut self, orig: usize) {
        self.continue_at(self.text.len(), orig);
    }

    /// Adds an edit point unless normalized byte `norm`, mapped one to one
    /// from the last edit point, already comes from `orig`.
    fn continue_at(&mut self, norm: usize, orig: usize) {
        let continues = self
            .edits
            .last()
            .is_some_and(|e| (e.orig as usize + (norm - e.norm as usize)) == orig);
        if !continues {
            self.push_edit(norm, orig);
        }
    }

    fn push_edit(&mut self, norm: usize, orig: usize) {
        self.edits.push(Edit {
            norm: norm as u32,
            orig: orig as u32,
        });
    }

    /// Copies plain ASCII (see [`plain_run_end`]), byte for byte: white
    /// space becomes `' '`, and letters are lower-cased if asked.
    fn push_plain(&mut self, run: Range<usize>) {
        self.continue_from(run.start);
        let bytes = &self.original.as_bytes()[run];
        let case = if self.fold_case { 0x20 } else { 0 };
        self.text
            .extend(bytes.iter().map(|&b| fold_plain_byte(b, case)));
    }

    /// Appends the normalization of the cluster that starts at `at` (a
    /// character and the combining marks after it), and returns where it
    /// ends. `after_plain` says whether the byte before `at` ended a plain
    /// run: a combining mark at `at` takes that byte back as its base.
    #[cold]
    #[inline(never)]
    fn push_cluster(&mut self, at: usize, after_plain: bool) -> usize {
        let mut start = at;
        let c = self.original[at..].chars().next().expect("not at the end");
        if after_plain && !nfc_inert(c) {
            self.unpush_plain_byte();
            start -= 1;
        }
        let end = composing_end(self.original, at + c.len_utf8());
        self.push_composed(start..end);
        end
    }

    /// Takes back the last byte [`Builder::push_plain`] copied, to compose
    /// it with the marks after it.
    fn unpush_plain_byte(&mut self) {
        self.text.pop();
        if self
            .edits
            .last()
            .is_some_and(|e| e.norm as usize == self.text.len())
        {
            self.edits.pop();
        }
    }

    /// Appends the normalization of the character `c` at `orig`.
    fn push_fold(&mut self, orig: usize, c: char) {
        let norm = self.text.len();
        self.append_fold(c);
        if self.text.len() > norm {
            self.continue_at(norm, orig);
        }
        // Bytes past the original character's length (`İ` → `i̇`) would
        // run into the next character: pin each to this one.
        for extra in norm + c.len_utf8()..self.text.len() {
            self.push_edit(extra, orig);
        }
    }

    /// Appends the normalization of the cluster `source` of the original:
    /// a character and the combining marks after it, composed (NFC).
    ///
    /// The cluster maps back as a whole: every byte made from it to its
    /// start but the last (unless it is also the first), which maps to its
    /// last character, so that a range ending there covers all its marks.
    fn push_composed(&mut self, source: Range<usize>) {
        use unicode_normalization::UnicodeNormalization;
        let norm = self.text.len();
        let cluster = &self.original[source.clone()];
        for c in cluster.nfc() {
            self.append_fold(c);
        }
        let last = self.text.len().saturating_sub(1);
        if last < norm {
            return;
        }
        self.continue_at(norm, source.start);
        for at in norm + 1..last {
            self.push_edit(at, source.start);
        }
        if last > norm {
            let last_char = cluster.char_indices().next_back().map_or(0, |(at, _)| at);
            self.push_edit(last, source.start + last_char);
        }
    }

    /// Appends what `c` becomes, without edit points.
    #[inline(always)]
    fn append_fold(&mut self, c: char) {
        match fold(c, self.fold_case) {
            Fold::Drop => {}
            Fold::Space if self.ends_with_space() => {}
            Fold::Space => self.text.push(b' '),
            Fold::Char(c) => {
                let mut bytes = [0; 4];
                self.text
                    .extend_from_slice(c.encode_utf8(&mut bytes).as_bytes());
            }
            Fold::Lower(c) => {
                // At most three characters (`İ` → `i̇` is two), made on
                // the stack: this runs for every non-ASCII character.
                let (mut lower, mut len) = ([0; 12], 0);
                for c in c.to_lowercase() {
                    len += c.encode_utf8(&mut lower[len..]).len();
                }
                self.text.extend_from_slice(&lower[..len]);
            }
        }
    }
}

/// [`fold_ascii`] of a plain byte `b` (see [`Plain`]), where `case` is
/// `0x20` to fold case and 0 not to: white space becomes `' '`, capitals
/// small letters.
///
/// Branch-free, one `u8` per test, so that the compiler vectorizes
/// [`Builder::push_plain`]'s copy; a test checks it against
/// [`fold_ascii`] for every byte value.
#[inline(always)]
fn fold_plain_byte(b: u8, case: u8) -> u8 {
    let upper = u8::from(b.wrapping_sub(b'A') < 26);
    let space = u8::from(b == b' ') | (u8::from(b.wrapping_sub(b'\t') < 5) & u8::from(b != 0x0B));
    let folded = b | (upper * case);
    folded ^ ((folded ^ b' ') & space.wrapping_neg())
}

/// Does the character at `at` (a character boundary) of `text` compose
/// with the one before it (see [`nfc_inert`])? Most text answers from its
/// first byte: characters below U+0300 are all inert.
#[inline(always)]
fn composes_at(text: &str, at: usize) -> bool {
    match text.as_bytes().get(at) {
        Some(&lead) if lead >= 0xCC => !text[at..].chars().next().is_some_and(nfc_inert),
        _ => false,
    }
}

/// The end of the run of characters from `at` that compose with what
/// comes before them.
fn composing_end(text: &str, mut at: usize) -> usize {
    while composes_at(text, at) {
        at += text[at..].chars().next().map_or(0, char::len_utf8);
    }
    at
}

/// Is `c` left alone by NFC whatever comes before it: not a combining mark
/// (canonical combining class 0) and `NFC_Quick_Check=Yes`? A text splits
/// into clusters before every such character, and each cluster is
/// composed on its own. Characters below U+0300, all inert, are answered
/// inline.
#[inline(always)]
fn nfc_inert(c: char) -> bool {
    c < '\u{300}' || nfc_inert_by_table(c)
}

/// [`nfc_inert`] for characters from U+0300 on: the [`is_common_letter`]s
/// and general punctuation by a range test, the rest from the tables.
#[inline(never)]
fn nfc_inert_by_table(c: char) -> bool {
    use unicode_normalization::{char::canonical_combining_class, is_nfc_quick, IsNormalized};
    matches!(c, '\u{2010}'..='\u{205E}')
        || is_common_letter(c)
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
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
fn plain_run_end(bytes: &[u8], mut at: usize, mut after_space: bool) -> usize {
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
    /// A dash or non-ASCII: needs [`fold`].
    No,
}

/// [`Plain`] for every byte, derived from [`fold_ascii`] at compile time:
/// this runs on every byte. The one departure from it: `-` folds to a
/// space but is left to [`fold`], because the run copy maps only white
/// space to `' '`.
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

/// Normalizes a lexicon surface form exactly as document text is normalized,
/// trimming the separators at either end.
pub fn normalize_form(form: &str, fold_case: bool) -> String {
    Normalized::with_case(form, fold_case)
        .as_str()
        .trim()
        .to_string()
}

/// A hyphen or a dash (`-`, `‐`, `–`, `—`, `−`…): each reads as a space.
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// What the original character `c` becomes: the one definition of the
/// normalization (see the module documentation), of which the ASCII half
/// is [`fold_ascii`].
#[inline(always)]
fn fold(c: char, fold_case: bool) -> Fold {
    match u8::try_from(c) {
        Ok(b) if b.is_ascii() => return fold_ascii(b, fold_case),
        _ => {}
    }
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' => Fold::Char('\''),
        c if is_hyphen(c) => Fold::Space,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fold::Drop,
        c if c.is_whitespace() => Fold::Space,
        c if !fold_case || is_caseless(c) => Fold::Char(c),
        c if is_common_letter(c) => Fold::Char(common_letter_lowercase(c)),
        c => Fold::Lower(c),
    }
}

/// What the ASCII byte `b` becomes: white space and `-` are separators,
/// and letters are lower-cased if `fold_case`; every other byte stays.
///
/// This is the rule; the fast paths are made from it or checked against
/// it over every byte value: [`PLAIN`] is derived from it at compile time,
/// and the tests check [`Builder::push_plain`]'s branch-free copy and
/// [`plain_run_end`]'s masks against it.
const fn fold_ascii(b: u8, fold_case: bool) -> Fold {
    match b {
        b'-' => Fold::Space,
        b if b.is_ascii_whitespace() => Fold::Space,
        b if fold_case => Fold::Char(b.to_ascii_lowercase() as char),
        b => Fold::Char(b as char),
    }
}

/// Is `c` in a block without letters, so that it is its own lower case:
/// general punctuation (quotes, dashes, `•`, `…`) and geometric shapes
/// (the bullets `▪ ◦ ○`)? These are common in notes, and lower-casing
/// searches a table.
fn is_caseless(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206F}' | '\u{25A0}'..='\u{25FF}')
}

/// The lower case of a [`is_common_letter`], without the table search:
/// the capitals of Latin-1 and of the Russian alphabet are 32 code points
/// before their small letters (80 for `Ё`).
fn common_letter_lowercase(c: char) -> char {
    let offset = match c {
        'À'..='Þ' if c != '×' => 32,
        'А'..='Я' => 32,
        'Ё' => 80,
        _ => 0,
    };
    char::from_u32(c as u32 + offset).expect("a letter")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(original: &str, normalized: &str) {
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
        check("ÉTAT", "état");
        check("so\u{00AD}cial", "social");
        check("a - b", "a b");
    }

    #[test]
    fn composes_letters_and_their_marks() {
        check("Blu\u{308}cher", "blücher");
        check("BLU\u{308}CHER", "blücher");
        check("e\u{301}tat", "état");
        check("Е\u{308}жов", "ёжов");
        // A mark after a space or at the start stays as it is.
        check("\u{308}a \u{301}", "\u{308}a \u{301}");
        // Marks of different classes are put in order, then composed.
        check("e\u{323}\u{302}", "ệ");
        // NFC replaces singletons: the Angstrom sign is Å.
        check("10 \u{212B}", "10 å");
        assert_eq!(
            normalize_form("Blücher", true),
            normalize_form("Blu\u{308}cher", true)
        );
    }

    #[test]
    fn a_cluster_maps_back_whole() {
        let original = "Ble\u{323}\u{302} Blu\u{308}cher";
        let n = Normalized::new(original);
        assert_eq!(n.as_str(), "blệ blücher");
        let whole = |at: usize, len: usize| &original[n.original_range(at..at + len)];
        assert_eq!(whole(0, "blệ".len()), "Ble\u{323}\u{302}");
        // A range ending inside the composed letter ends after its base.
        assert_eq!(whole(0, "bl".len() + 1), "Ble");
        let at = n.as_str().find("blü").unwrap();
        assert_eq!(whole(at, "blü".len()), "Blu\u{308}");
        assert_eq!(whole(at, "blücher".len()), "Blu\u{308}cher");
    }

    #[test]
    fn quick_nfc_answers_agree_with_the_tables() {
        use unicode_normalization::{char::canonical_combining_class, is_nfc_quick};
        let quick = ('\0'..'\u{300}')
            .chain('\u{2010}'..='\u{205E}')
            .chain(('\u{80}'..='\u{4FF}').filter(|&c| is_common_letter(c)));
        for c in quick {
            let yes = is_nfc_quick(std::iter::once(c)) == unicode_normalization::IsNormalized::Yes;
            assert!(canonical_combining_class(c) == 0 && yes, "{c:?}");
            assert!(nfc_inert(c));
        }
        assert!(!nfc_inert('\u{308}') && !nfc_inert('\u{212B}') && !nfc_inert('\u{1161}'));
    }

    #[test]
    fn maps_back_to_whole_original_characters() {
        let original = "x İstanbul ’NEP’";
        let n = Normalized::new(original);
        let at = n.as_str().find("stanbul").unwrap();
        // "i̇" (two chars) came from one original "İ"; a match starting
        // inside the expansion maps to the whole original character.
        let range = n.original_range(at - 2..at + 7);
        assert_eq!(&original[range], "İstanbul");
        let at = n.as_str().find("'nep'").unwrap();
        assert_eq!(&original[n.original_range(at..at + 5)], "’NEP’");
    }

    #[test]
    fn quick_lower_cases_agree_with_the_tables() {
        for c in ('\u{80}'..='\u{4FF}').filter(|&c| is_common_letter(c)) {
            assert_eq!(
                c.to_lowercase().collect::<String>(),
                common_letter_lowercase(c).to_string()
            );
        }
        for c in ('\u{2000}'..='\u{2BFF}').filter(|&c| is_caseless(c)) {
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string());
        }
        check("ÀÉÞ×ЖЁ•", "àéþ×жё•");
    }

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

    #[test]
    fn keeps_case_when_asked() {
        assert_eq!(normalize_form(" The  Right–wing ", false), "The Right wing");
        assert_eq!(normalize_form("NEP", true), "nep");
    }
}
