//! Character-level scanning for the date grammar: inline spaces, dashes,
//! ASCII digit runs and words at a byte offset, and the words just before an
//! offset. Every offset taken and returned is a char boundary of the text.

/// A maximal run of ASCII digits.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Num {
    /// The value of the run (meaningless past 9 digits, which nothing uses).
    pub value: u32,
    /// Number of digits.
    pub len: usize,
    /// Byte offset just after the run.
    pub end: usize,
}

/// Spaces allowed inside a date expression: space, no-break space and the
/// typographic spaces (thin, narrow no-break ...). Tabs and line breaks end
/// an expression.
pub(crate) fn is_inline_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}'
    )
}

/// Hyphen-minus, the Unicode hyphens, figure dash, en dash, em dash,
/// horizontal bar and minus sign.
pub(crate) fn is_dash(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// Straight and curly apostrophes.
pub(crate) fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}')
}

/// The char starting at byte `p`. (An ASCII byte is always a whole char,
/// so it is read without decoding: the grammar's look-arounds are mostly
/// ASCII.)
pub(crate) fn char_at(text: &str, p: usize) -> Option<char> {
    match *text.as_bytes().get(p)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text.get(p..)?.chars().next(),
    }
}

/// The char ending at byte `p` (an ASCII byte read as for [`char_at`]).
pub(crate) fn char_before(text: &str, p: usize) -> Option<char> {
    match *text.as_bytes().get(p.checked_sub(1)?)? {
        b if b.is_ascii() => Some(char::from(b)),
        _ => text.get(..p)?.chars().next_back(),
    }
}

/// Is the byte at `p` equal to the ASCII byte `b`?
pub(crate) fn byte_is(text: &str, p: usize, b: u8) -> bool {
    text.as_bytes().get(p) == Some(&b)
}

/// The offset after any inline spaces starting at `p`.
pub(crate) fn skip_spaces(text: &str, mut p: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        match bytes.get(p) {
            // The one ASCII inline space; any other ASCII byte ends the run.
            Some(b' ') => p += 1,
            Some(b) if !b.is_ascii() => match char_at(text, p).filter(|&c| is_inline_space(c)) {
                Some(c) => p += c.len_utf8(),
                None => return p,
            },
            _ => return p,
        }
    }
}

/// The offset after at least one inline space at `p`.
pub(crate) fn spaces1(text: &str, p: usize) -> Option<usize> {
    let end = skip_spaces(text, p);
    (end > p).then_some(end)
}

/// The offset after a dash at `p`, with no spaces around it.
pub(crate) fn dash(text: &str, p: usize) -> Option<usize> {
    char_at(text, p)
        .filter(|&c| is_dash(c))
        .map(|c| p + c.len_utf8())
}

/// The offset after a dash at `p` with optional inline spaces on either side.
pub(crate) fn spaced_dash(text: &str, p: usize) -> Option<usize> {
    dash(text, skip_spaces(text, p)).map(|end| skip_spaces(text, end))
}

/// The digit run starting at `p`, if `p` holds an ASCII digit.
pub(crate) fn number(text: &str, p: usize) -> Option<Num> {
    let digits = text.as_bytes().get(p..)?;
    let len = digits.iter().take_while(|b| b.is_ascii_digit()).count();
    let value = digits[..len.min(9)]
        .iter()
        .fold(0, |v, b| v * 10 + u32::from(b - b'0'));
    (len > 0).then_some(Num {
        value,
        len,
        end: p + len,
    })
}

/// The ASCII word starting at `p` and the offset after it; `None` if `p` holds
/// no ASCII letter or the letters run on into another letter or digit.
///
/// Inlined always: the grammar reads a word at every look-around, and the
/// call cost more than the loop (the plain hint was taken or not as the
/// callers grew: 60k instructions either way on `corpus/`).
#[inline(always)]
pub(crate) fn word(text: &str, p: usize) -> Option<(&str, usize)> {
    let bytes = text.as_bytes().get(p..)?;
    let len = bytes.iter().take_while(|b| b.is_ascii_alphabetic()).count();
    let end = p + len;
    let clean = len > 0 && !char_at(text, end).is_some_and(char::is_alphanumeric);
    clean.then(|| (&text[p..end], end))
}

/// Is the ASCII word at `p` equal to `lowercase` (ignoring case)? Returns the
/// offset after it.
pub(crate) fn keyword(text: &str, p: usize, lowercase: &str) -> Option<usize> {
    word(text, p)
        .filter(|(w, _)| w.eq_ignore_ascii_case(lowercase))
        .map(|(_, end)| end)
}

/// The start of the ASCII word ending at `p` (`p` itself if none).
fn word_start(text: &str, p: usize) -> usize {
    let before = &text.as_bytes()[..p];
    p - before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphabetic())
        .count()
}

/// The offset before any inline spaces ending at `p`.
pub(crate) fn skip_spaces_back(text: &str, mut p: usize) -> usize {
    while let Some(c) = char_before(text, p).filter(|&c| is_inline_space(c)) {
        p -= c.len_utf8();
    }
    p
}

/// The ASCII word ending exactly at `p` and its start, if no letter or
/// digit is glued to its start.
pub(crate) fn word_ending(text: &str, p: usize) -> Option<(&str, usize)> {
    let start = word_start(text, p);
    let clean = start < p && !char_before(text, start).is_some_and(char::is_alphanumeric);
    clean.then(|| (&text[start..p], start))
}

/// The start of the token ending at `p`: a run of ASCII letters and
/// digits ("16th", "August", "4"), with an abbreviation's dot ("Nov.");
/// `None` if there is none or a non-ASCII letter or digit is glued to it.
pub(crate) fn token_start(text: &str, p: usize) -> Option<usize> {
    let end = skip_dot_before(text, p);
    let run = text.as_bytes()[..end]
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let start = end - run;
    let clean = run > 0 && !char_before(text, start).is_some_and(char::is_alphanumeric);
    clean.then_some(start)
}

/// The word just before `p`, across inline spaces and one dot ("p. 1924").
pub(crate) fn previous_word(text: &str, p: usize) -> Option<&str> {
    let mut end = p;
    while let Some(c) = char_before(text, end).filter(|&c| is_inline_space(c)) {
        end -= c.len_utf8();
    }
    let end = skip_dot_before(text, end);
    let start = word_start(text, end);
    (start < end).then(|| &text[start..end])
}

/// Where the sentence holding `p` starts: just after the last `.`, `!`, `?`
/// or line break before `p` (looking back at most 400 bytes).
pub(crate) fn sentence_start(text: &str, p: usize) -> usize {
    let bytes = &text.as_bytes()[..p];
    let floor = text.floor_char_boundary(p.saturating_sub(400));
    bytes[floor..]
        .iter()
        .rposition(|b| matches!(b, b'.' | b'!' | b'?' | b'\n'))
        .map_or(floor, |i| floor + i + 1)
}

/// The word just after inline spaces at `p`.
pub(crate) fn next_word(text: &str, p: usize) -> Option<&str> {
    word(text, skip_spaces(text, p)).map(|(w, _)| w)
}

/// The first word of the sentence starting at `p`, after the spaces,
/// quotes, brackets, bullets and emphasis marks that may open it
/// (`“Why`, `- (What`, `**Did`), at most eight characters of them.
pub(crate) fn first_word(text: &str, p: usize) -> Option<&str> {
    // At most a few such marks: a run of punctuation is no sentence.
    let (start, _) = text
        .get(p..)?
        .char_indices()
        .take(8)
        .find(|(_, c)| c.is_alphanumeric())?;
    word(text, p + start).map(|(w, _)| w)
}

/// At most this many words before an anchor may start its expression
/// ("the summer of 1929", "early twenty-first century").
pub(crate) const MAX_LEAD_WORDS: usize = 4;

/// Starts of the ASCII words before `p`, nearest first, not before `floor`:
/// words separated by inline spaces, a dash, or an abbreviation dot. Stops at
/// any other character (comma, line break, digit, ...), and before the
/// first word that `through` refuses.
pub(crate) fn lead_words(
    text: &str,
    p: usize,
    floor: usize,
    through: impl Fn(&str) -> bool,
) -> ([usize; MAX_LEAD_WORDS], usize) {
    let mut starts = [0; MAX_LEAD_WORDS];
    let mut count = 0;
    let mut end = p;
    while count < MAX_LEAD_WORDS {
        let gap = separator_before(text, end);
        let start = word_start(text, gap);
        if start == gap || start < floor || !through(&text[start..gap]) {
            break;
        }
        starts[count] = start;
        count += 1;
        end = start;
    }
    (starts, count)
}

/// The offset before the separator (inline spaces and at most one dash, then
/// an abbreviation dot right after a word) that ends at `p`; `p` if none.
fn separator_before(text: &str, p: usize) -> usize {
    let mut q = p;
    let mut dashes = 0;
    while let Some(c) = char_before(text, q) {
        if !(is_inline_space(c) || (is_dash(c) && dashes == 0)) {
            break;
        }
        dashes += usize::from(is_dash(c));
        q -= c.len_utf8();
    }
    skip_dot_before(text, q)
}

/// `p - 1` if a dot that ends a word ends at `p`, else `p`.
fn skip_dot_before(text: &str, p: usize) -> usize {
    let bytes = text.as_bytes();
    let dotted = p >= 2 && bytes[p - 1] == b'.' && bytes[p - 2].is_ascii_alphabetic();
    p - usize::from(dotted)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sentence_start_far_back_is_a_character_boundary() {
        for pad in ["", "a"] {
            let text = format!("{pad}{} 1924", "ж".repeat(300));
            let start = sentence_start(&text, text.len() - 4);
            assert!(text.is_char_boundary(start), "{start}");
        }
    }

    #[test]
    fn reads_numbers_and_words() {
        let text = "in 1924\u{a0}Jan. x";
        assert_eq!(
            number(text, 3),
            Some(Num {
                value: 1924,
                len: 4,
                end: 7
            })
        );
        assert_eq!(number(text, 2), None);
        assert_eq!(spaces1(text, 7), Some(9));
        assert_eq!(word(text, 9), Some(("Jan", 12)));
        assert_eq!(word("Marché", 0), None);
        assert_eq!(keyword("Of 1924", 0, "of"), Some(2));
    }

    #[test]
    fn finds_dashes_with_optional_spaces() {
        assert_eq!(spaced_dash("1924 – 9", 4), Some(9));
        assert_eq!(spaced_dash("1924–9", 4), Some(7));
        assert_eq!(spaced_dash("1924 9", 4), None);
    }

    #[test]
    fn looks_back_over_words() {
        let text = "x, the summer of 1929";
        let any = |_: &str| true;
        let (starts, n) = lead_words(text, 17, 0, any);
        assert_eq!(&starts[..n], &[14, 7, 3]);
        let (starts, n) = lead_words("Jan. 1924", 5, 0, any);
        assert_eq!(&starts[..n], &[0]);
        let (starts, n) = lead_words("mid-1930s", 4, 0, any);
        assert_eq!(&starts[..n], &[0]);
        assert_eq!(lead_words("the summer of 1929", 14, 5, any).1, 1);
        let (starts, n) = lead_words(text, 17, 0, |w| w != "the");
        assert_eq!(&starts[..n], &[14, 7]);
        assert_eq!(previous_word("see p. 1924", 7), Some("p"));
        assert_eq!(next_word("1924  tonnes", 4), Some("tonnes"));
        assert_eq!(sentence_start("Yes. Did he? In 1924", 16), 12);
        assert_eq!(sentence_start("In 1924", 3), 0);
    }

    #[test]
    fn a_first_word_is_read_past_what_opens_a_sentence() {
        assert_eq!(first_word("\u{201c}Why did it", 0), Some("Why"));
        assert_eq!(first_word(" - (**What** was", 0), Some("What"));
        assert_eq!(first_word("  In 1924", 0), Some("In"));
        assert_eq!(first_word("1924 came", 0), None);
    }

    #[test]
    fn reads_tokens_backwards() {
        let text = "on 4, 16th and 25 Nov. 1917";
        assert_eq!(skip_spaces_back(text, 15), 14);
        assert_eq!(word_ending(text, 14), Some(("and", 11)));
        assert_eq!(word_ending("x1and", 5), None);
        assert_eq!(token_start(text, 4), Some(3));
        assert_eq!(token_start(text, 10), Some(6));
        assert_eq!(token_start(text, 22), Some(18));
        assert_eq!(token_start(text, 5), None);
        assert_eq!(token_start("é4", 3), None);
    }
}
