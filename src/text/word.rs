//! What a word character is: the one definition of the word-boundary
//! rule (matching rule 2 in `docs/DESIGN.md`), and the whole-word test
//! the matcher applies with it.
//!
//! Letters, digits, `_` and combining marks are word characters;
//! apostrophes, hyphens and all other punctuation are not, so `Stalin's`
//! and `(Stalin)` contain the word `Stalin` while `Stalinist` does not.
//!
//! [`is_word_char`] is the rule. The fast paths that answer it for ASCII
//! without a call (the byte table and the eight-bytes-at-once test of
//! `matcher::words`) are made from [`is_ascii_word_byte`] at compile time
//! or tested against it over every byte value; the tests here check the
//! shortcuts for common letters against the Unicode tables over every
//! `char`.

/// Is `c` part of a word, for the word-boundary rule?
///
/// ```
/// use glossator::text::is_word_char;
///
/// assert!(is_word_char('S') && is_word_char('é') && is_word_char('Ж') && is_word_char('7'));
/// assert!(!is_word_char('\'') && !is_word_char('’') && !is_word_char('-') && !is_word_char(' '));
/// ```
pub fn is_word_char(c: char) -> bool {
    match u8::try_from(c) {
        Ok(b) if b.is_ascii() => is_ascii_word_byte(b),
        // The letters of Latin-1 and of the Russian alphabet are answered
        // without `is_alphanumeric`'s table search.
        _ => is_common_letter(c) || c.is_alphanumeric() || is_combining_mark(c),
    }
}

/// [`is_word_char`] for an ASCII byte: a letter, a digit or `_`. (False for
/// every byte from 0x80 up, which are parts of non-ASCII characters.)
pub(crate) const fn is_ascii_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// Is `c` one of the letters most common in notes after ASCII ones: those
/// of Latin-1 (`é`, `ß`, `ñ`) and of the Russian alphabet? A quick test
/// before the table search of `char::is_alphabetic`, which answers the
/// same for these.
pub(crate) fn is_common_letter(c: char) -> bool {
    matches!(c, 'ª' | 'µ' | 'º' | 'À'..='Ö' | 'Ø'..='ö' | 'ø'..='ÿ' | 'А'..='я' | 'Ё' | 'ё')
}

/// The combining diacritical mark blocks: a mark continues the word of
/// the letter it sits on (`e` + U+0301 is a word, like `é`).
fn is_combining_mark(c: char) -> bool {
    matches!(c, '\u{0300}'..='\u{036F}' | '\u{1AB0}'..='\u{1AFF}' | '\u{1DC0}'..='\u{1DFF}' | '\u{20D0}'..='\u{20FF}' | '\u{FE20}'..='\u{FE2F}')
}

/// Is `hay[start..end]` a whole word: no word character touches it on
/// either side? A side is checked only where the found text itself starts
/// or ends with a word character, so that `c++` and `.net` can match.
pub(crate) fn is_whole_word(hay: &str, start: usize, end: usize) -> bool {
    let found = &hay[start..end];
    let starts_word = found.chars().next().is_some_and(is_word_char);
    let ends_word = found.chars().next_back().is_some_and(is_word_char);
    let before_ok = !starts_word || !hay[..start].chars().next_back().is_some_and(is_word_char);
    let after_ok = !ends_word || !hay[end..].chars().next().is_some_and(is_word_char);
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule without its shortcuts, as the Unicode tables say it.
    fn is_word_char_by_tables(c: char) -> bool {
        c == '_' || c.is_alphanumeric() || is_combining_mark(c)
    }

    #[test]
    fn the_shortcuts_agree_with_the_tables_on_every_char() {
        for c in (0..=u32::from(char::MAX)).filter_map(char::from_u32) {
            assert_eq!(is_word_char(c), is_word_char_by_tables(c), "{c:?}");
        }
    }

    #[test]
    fn common_letters_are_the_alphabetic_chars_of_their_blocks() {
        for c in ('\u{80}'..='\u{FF}').chain('\u{400}'..='\u{45F}') {
            if is_common_letter(c) {
                assert!(c.is_alphabetic(), "{c:?}");
            } else if c <= '\u{FF}' {
                assert!(!c.is_alphabetic(), "{c:?} is a Latin-1 letter");
            }
        }
        assert!(is_common_letter('é') && is_common_letter('Ж') && !is_common_letter('×'));
    }

    #[test]
    fn whole_words_only_where_the_form_has_word_edges() {
        assert!(is_whole_word("(stalin)", 1, 7));
        assert!(!is_whole_word("stalinist", 0, 6));
        assert!(is_whole_word("x .net", 2, 6));
        assert!(!is_whole_word("a1924", 1, 5));
        assert!(is_whole_word("stalin's", 0, 6));
        assert!(!is_whole_word("stalin\u{301}", 0, 6));
    }
}
