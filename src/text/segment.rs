//! Sentence segmentation tuned for revision notes.
//!
//! Plain UAX #29 sentence boundaries (from `unicode-segmentation`) are the
//! base, with fix-ups for what notes look like:
//!
//! * Text is first cut into *blocks*: a blank line ends one, and so does the
//!   end of a heading line or a list line (a bullet, `1)`, or a `1924<TAB>`
//!   key-dates row), since such lines rarely end with a full stop. A `•`
//!   inside a line starts a new block, as exported mind maps run bullets on.
//! * Inside a block, line breaks are soft: a sentence wrapped over several
//!   lines stays one sentence.
//! * A break after a known abbreviation (`St.`, `c.`, `p.`, `Dr.`, `e.g.`,
//!   month abbreviations) or after an initial (`E. H. Carr`) is undone.
//!
//! Sentences are byte ranges into the text, trimmed of white space, in
//! order and non-overlapping. Term matching does not depend on them: a term
//! broken across a line or block boundary is still found; a span belongs to
//! the sentence in which it starts.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::is_common_letter;

/// Words that end with a full stop without ending a sentence.
const ABBREVIATIONS: &[u64] = &keys([
    "st", "c", "ca", "p", "pp", "dr", "mr", "mrs", "ms", "prof", "e.g", "i.e", "cf", "vs", "no",
    "vol", "ed", "eds", "approx", "gen", "col", "lt", "jan", "feb", "mar", "apr", "jun", "jul",
    "aug", "sep", "sept", "oct", "nov", "dec",
]);

/// Splits `text` into sentences, returned as trimmed byte ranges.
///
/// ```
/// use glossator::text::sentences;
///
/// let text = "Key question\nWhy did St. Petersburg change its name?\n\
///             • It sounded German • in 1914";
/// let got: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(got, [
///     "Key question",
///     "Why did St. Petersburg change its name?",
///     "• It sounded German",
///     "• in 1914",
/// ]);
/// ```
pub fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut breaks = Vec::new();
    for block in blocks(text) {
        split_block(text, block, &mut breaks, &mut out);
    }
    out
}

/// Cuts the text into blocks that no sentence crosses.
///
/// One pass over the lines; each line is read once, as the next line, and
/// kept for its turn as the line.
fn blocks(text: &str) -> Vec<Range<usize>> {
    let mut blocks = Vec::new();
    let mut start = 0;
    let mut line = Line::at(text, 0);
    while line.start < text.len() {
        let next = Line::at(text, line.end);
        if line.may_have_bullet {
            cut_at_bullets(text, line.start..line.end, &mut start, &mut blocks);
        }
        if line.trimmed.is_empty() || ends_block(&line, &next) {
            blocks.push(start..line.end);
            start = line.end;
        }
        line = next;
    }
    blocks.push(start..text.len());
    blocks
}

/// A line as [`blocks`] looks at it.
struct Line<'a> {
    /// Where the line starts.
    start: usize,
    /// Just past the line's `\n`, or the end of the text.
    end: usize,
    /// The line without its line break.
    raw: &'a str,
    /// The line trimmed.
    trimmed: &'a str,
    /// Is it a list line ([`is_list_line`])?
    is_list: bool,
    /// Has it the byte a `•` starts with (so may it have one)?
    may_have_bullet: bool,
}

impl<'a> Line<'a> {
    /// The line of `text` starting at `start`.
    fn at(text: &'a str, start: usize) -> Line<'a> {
        let bytes = text.as_bytes();
        // One search finds the line's end and the rare bytes without which
        // the tab and bullet tests can be skipped.
        let (mut has_tab, mut may_have_bullet) = (false, false);
        let mut from = start;
        let end = loop {
            let Some(at) = memchr::memchr3(b'\n', b'\t', BULLET_START, &bytes[from..]) else {
                break bytes.len();
            };
            let at = from + at;
            match bytes[at] {
                b'\n' => break at + 1,
                b'\t' => has_tab = true,
                _ => may_have_bullet = true,
            }
            from = at + 1;
        };
        let raw = without_line_break(&text[start..end]);
        let trimmed = trim_str(raw);
        Line {
            start,
            end,
            raw,
            trimmed,
            is_list: is_list_line(trimmed, has_tab && trimmed.contains('\t')),
            may_have_bullet,
        }
    }
}

/// The first byte of a `•`.
const BULLET_START: u8 = "•".as_bytes()[0];

/// Cuts the current block, which starts at `start`, before every `•` in
/// `line` that has more than white space before it in the block.
fn cut_at_bullets(
    text: &str,
    line: Range<usize>,
    start: &mut usize,
    blocks: &mut Vec<Range<usize>>,
) {
    for (i, _) in text[line.clone()].match_indices('•') {
        let at = line.start + i;
        if !trim_str(&text[*start..at]).is_empty() {
            blocks.push(*start..at);
            *start = at;
        }
    }
}

/// A line without its `\n` or `\r\n`, as [`str::lines`] gives it.
fn without_line_break(line: &str) -> &str {
    match line.strip_suffix('\n') {
        Some(line) => line.strip_suffix('\r').unwrap_or(line),
        None => line,
    }
}

/// Does `line` end its block, followed by `next`? A list line goes on only
/// into an indented or lower-case continuation line.
fn ends_block(line: &Line, next: &Line) -> bool {
    let continues =
        || next.raw.starts_with([' ', '\t']) || next.raw.starts_with(char::is_lowercase);
    next.is_list || (line.is_list && !continues()) || is_heading(line.trimmed, next.trimmed)
}

/// Is the trimmed `line` a list line? (`has_tab`: does it contain a tab?)
fn is_list_line(line: &str, has_tab: bool) -> bool {
    let mut chars = line.chars();
    match chars.next() {
        Some('•' | '*' | '-' | '–' | '·' | '▪' | '◦' | '○' | '#' | '>') => true,
        Some(c) if c.is_ascii_digit() => {
            let digits = line.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &line[digits..];
            (digits <= 3 && (rest.starts_with(')') || rest.starts_with(". ")))
                || rest.starts_with('\t')
                || (digits == 4 && rest.trim_start().starts_with(['–', '-', '—']))
        }
        _ => has_tab,
    }
}

/// A short line without closing punctuation, not continued in lower case.
/// (Cheapest tests first: this runs on every line.)
fn is_heading(line: &str, next: &str) -> bool {
    const CONNECTIVES: &[u64] = &keys([
        "a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
    ]);
    const LONGEST_CONNECTIVE: usize = 4;
    !line.ends_with(['.', ',', ';', ':', '!', '?', '…', '-', '–'])
        && !next.starts_with(|c: char| c.is_lowercase())
        && (line.len() <= 60 || line.chars().count() <= 60)
        && (ends_with_long_ascii_word(line, LONGEST_CONNECTIVE, |b| b == b' ')
            || !is_one_of(line.rsplit(' ').next().unwrap_or(""), CONNECTIVES))
}

/// Is `word`, lower-cased, one of the `words` (made by [`keys`])? Without
/// allocating for ASCII words.
fn is_one_of(word: &str, words: &[u64]) -> bool {
    let key = if word.is_ascii() {
        key(word.as_bytes())
    } else {
        key(word.to_lowercase().as_bytes())
    };
    key.is_some_and(|key| words.binary_search(&key).is_ok())
}

/// The [`key`]s of a word list, sorted (for binary search) and checked
/// when the list is compiled: each word must be ASCII, without NUL, and
/// at most 8 bytes long.
const fn keys<const N: usize>(words: [&str; N]) -> [u64; N] {
    let mut keys = [0; N];
    let mut i = 0;
    while i < N {
        let Some(key) = key(words[i].as_bytes()) else {
            panic!("a word list has a word that cannot be a key");
        };
        let mut j = i;
        while j > 0 && keys[j - 1] > key {
            keys[j] = keys[j - 1];
            j -= 1;
        }
        keys[j] = key;
        i += 1;
    }
    keys
}

/// `word` lower-cased and packed into an integer, a byte each, so that two
/// words have the same key if and only if they are equal ignoring ASCII
/// case; none for a word longer than 8 bytes or with a non-ASCII or NUL
/// byte.
const fn key(word: &[u8]) -> Option<u64> {
    if word.len() > 8 {
        return None;
    }
    let mut key = 0;
    let mut i = 0;
    while i < word.len() {
        let b = word[i];
        if b == 0 || !b.is_ascii() {
            return None;
        }
        key = key << 8 | b.to_ascii_lowercase() as u64;
        i += 1;
    }
    Some(key)
}

/// Splits one block into trimmed sentences, appending them to `out`
/// (`breaks` is scratch space, kept to save allocations).
fn split_block(
    text: &str,
    block: Range<usize>,
    breaks: &mut Vec<usize>,
    out: &mut Vec<Range<usize>>,
) {
    sentence_breaks(&text[block.clone()], breaks);
    let mut pending: Option<Range<usize>> = None;
    for piece in breaks.windows(2) {
        let range = trim(text, block.start + piece[0]..block.start + piece[1]);
        if range.is_empty() {
            continue;
        }
        let range = match pending.take() {
            Some(open) => open.start..range.end,
            None => range,
        };
        if ends_with_abbreviation(&text[range.clone()]) {
            pending = Some(range);
        } else {
            out.push(range);
        }
    }
    out.extend(pending);
}

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
fn sentence_breaks(block: &str, breaks: &mut Vec<usize>) {
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

/// The first byte at or after `from` for which `wanted` is not 0.
///
/// The search for candidates looks at every byte of the text (the one for
/// line ends too, but `memchr3` serves that), so this skips 32 bytes at a
/// time, then 8, while none is
/// wanted (testing all at once, branch-free, which the compiler
/// vectorizes), before finding the one. Lines and gaps between candidates
/// are short: of the sizes tried, 32 then 8 cost fewest instructions. The
/// compiler vectorizes `wanted` reliably when it ORs one `u8` per
/// comparison; with `bool`s it may not (it did not for three).
fn find_byte(bytes: &[u8], from: usize, wanted: impl Fn(u8) -> u8) -> Option<usize> {
    let mut at = from;
    for size in [32, 8] {
        for chunk in bytes[at..].chunks_exact(size) {
            if chunk.iter().fold(0, |any, &b| any | wanted(b)) != 0 {
                break;
            }
            at += size;
        }
    }
    bytes[at..]
        .iter()
        .position(|&b| wanted(b) != 0)
        .map(|i| at + i)
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

fn ends_with_abbreviation(sentence: &str) -> bool {
    let Some(body) = sentence.strip_suffix('.') else {
        return false;
    };
    if ends_with_long_ascii_word(body, LONGEST_ABBREVIATION, |b| b == b'(') {
        return false; // nor an initial
    }
    let word = last_word(body);
    let mut chars = word.chars();
    let is_initial = matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase());
    is_initial || is_one_of(word, ABBREVIATIONS)
}

/// The length of the longest of the [`ABBREVIATIONS`] ("approx").
const LONGEST_ABBREVIATION: usize = 6;

/// Do the last `len + 1` bytes of `text` hold ASCII only, and neither white
/// space nor a byte that `ends` marks? Then its last word is longer than
/// `len`: a quick answer for most lines and sentences, which end in a
/// longer word than any the caller looks for.
fn ends_with_long_ascii_word(text: &str, len: usize, ends: impl Fn(u8) -> bool) -> bool {
    let tail = text.as_bytes().get(text.len().wrapping_sub(len + 1)..);
    tail.is_some_and(|tail| {
        tail.iter()
            .all(|&b| b.is_ascii() && !char::from(b).is_whitespace() && !ends(b))
    })
}

/// What follows the last white space or `(` in `text`.
fn last_word(text: &str) -> &str {
    let start = text
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_whitespace() || c == '(')
        .map_or(0, |(at, c)| at + c.len_utf8());
    &text[start..]
}

/// `range` of `text` without white space at either end.
fn trim(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = &text[range.clone()];
    let trimmed = trim_str(piece);
    // `trimmed` is a part of `piece`.
    let start = range.start + (trimmed.as_ptr() as usize - piece.as_ptr() as usize);
    start..start + trimmed.len()
}

/// [`str::trim`], without decoding characters when both ends are ASCII.
fn trim_str(s: &str) -> &str {
    let trimmed = s.trim_ascii();
    // Vertical tab is the only ASCII white space that `trim_ascii` keeps.
    let plain = |b: Option<&u8>| b.is_none_or(|&b| b.is_ascii() && b != 0x0B);
    if plain(trimmed.as_bytes().first()) && plain(trimmed.as_bytes().last()) {
        trimmed
    } else {
        trimmed.trim()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentences(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn wrapped_lines_stay_one_sentence() {
        let text = "Stalin used the post of General Secretary to\nbuild a base. He won.";
        assert_eq!(
            split(text),
            [
                "Stalin used the post of General Secretary to\nbuild a base.",
                "He won."
            ]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        let text = "E. H. Carr wrote in c. 1950, see p. 60 e.g. on NEP. Then more.";
        assert_eq!(
            split(text),
            [
                "E. H. Carr wrote in c. 1950, see p. 60 e.g. on NEP.",
                "Then more."
            ]
        );
        // The longest abbreviation, and a word one letter longer.
        let text = "It cost approx. Ten roubles. Or thereof. Then more.";
        assert_eq!(
            split(text),
            ["It cost approx. Ten roubles.", "Or thereof.", "Then more."]
        );
    }

    #[test]
    fn a_last_word_is_long_only_if_plain_ascii_letters_show_it() {
        let long = |text| ends_with_long_ascii_word(text, 4, |b| b == b'(');
        assert!(long("in the Kremlin") && long("walls"));
        assert!(!long("with") && !long("a with") && !long("x(ab") && !long("Moscú"));
        assert!(!long("a\u{0B}word") && !long("text\u{A0}"));
    }

    #[test]
    fn bullets_run_on_into_indented_lines() {
        let text = "• Trotsky – built the Red Army in\n  1918. Arrogant.\n• Zinoviev – Leningrad";
        assert_eq!(
            split(text),
            [
                "• Trotsky – built the Red Army in\n  1918.",
                "Arrogant.",
                "• Zinoviev – Leningrad"
            ]
        );
    }

    #[test]
    fn key_dates_rows_and_bullets_are_separate() {
        let text = "Key dates\n\n1924\tDeath of Lenin\n1925\tTrotsky removed\n- 1879 – Born\n- 1899 – Expelled";
        assert_eq!(
            split(text),
            [
                "Key dates",
                "1924\tDeath of Lenin",
                "1925\tTrotsky removed",
                "- 1879 – Born",
                "- 1899 – Expelled"
            ]
        );
    }

    #[test]
    fn only_a_tab_inside_a_line_makes_it_a_list_line() {
        let text = "\tThe party was divided over how fast to industrialise the economy and\n\
                    Stalin won.\t\nKey dates\n1924\tLenin dies\nLenin\tLeader\n";
        assert_eq!(
            split(text),
            [
                "The party was divided over how fast to industrialise the economy and\nStalin won.",
                "Key dates",
                "1924\tLenin dies",
                "Lenin\tLeader"
            ]
        );
    }

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

    #[test]
    fn word_lists_ignore_case_and_nothing_else() {
        for word in ["st", "St", "ST", "e.g", "E.G", "Approx", "SEPT", "c", "dec"] {
            assert!(is_one_of(word, ABBREVIATIONS), "{word}");
        }
        for word in ["", "s", "sta", "eg", "approxim", "stæ", "st\0", "Dé", "cc"] {
            assert!(!is_one_of(word, ABBREVIATIONS), "{word}");
        }
    }

    #[test]
    fn find_byte_finds_the_first_wanted_byte() {
        for len in 0..100 {
            for dot in (0..len).map(Some).chain([None]) {
                let mut bytes = vec![b'a'; len];
                for at in dot.into_iter().flat_map(|at| [at, at + 5, at + 40]) {
                    if let Some(b) = bytes.get_mut(at) {
                        *b = b'.';
                    }
                }
                for from in 0..=len {
                    let first = (from..len).find(|&at| bytes[at] == b'.');
                    assert_eq!(find_byte(&bytes, from, |b| u8::from(b == b'.')), first);
                }
            }
        }
    }

    #[test]
    fn trim_str_trims_like_str_trim() {
        let ends = ('\0'..=char::MAX).filter(|c| c.is_ascii() || c.is_whitespace());
        for c in ends {
            for text in [
                format!("{c}"),
                format!("{c}a{c}"),
                format!(" {c}a\u{A0}{c} "),
            ] {
                assert_eq!(trim_str(&text), text.trim(), "{c:?}");
            }
        }
    }

    #[test]
    fn empty_and_blank_text_has_no_sentences() {
        assert!(split("").is_empty());
        assert!(split(" \n\n\t").is_empty());
    }
}
