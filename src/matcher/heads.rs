//! A name called by its head noun after `the` (matching rule 13 of
//! `docs/DESIGN.md`): `the Convention` for `National Convention`, `the
//! Committee` for `Committee of Public Safety`, `the Terror` for `Reign of
//! Terror`. The words come from `lexicon::inflect::heads`; the matcher
//! keeps only those one entry derives and no entry lists
//! (`patterns::variant_patterns`), and takes a hit of one only where
//! [`called_so`] says.

use std::ops::Range;

use crate::text::is_word_char;

/// Does the text at `range` call a name by its head noun: is it written
/// after `the` (in any case, one space or line break between), and not
/// followed by `of` or a capitalised word (`the Committee of General
/// Security`, `the Convention Parliament` are other names)?
pub(super) fn called_so(text: &str, range: Range<usize>) -> bool {
    after_the(text, range.start) && !name_goes_on(text, range.end)
}

/// Is the word before `start` `the`, with one space or line break between?
fn after_the(text: &str, start: usize) -> bool {
    let Some(before) = text[..start]
        .strip_suffix(' ')
        .or_else(|| text[..start].strip_suffix('\n'))
    else {
        return false;
    };
    let Some(at) = before.len().checked_sub(3) else {
        return false;
    };
    before.is_char_boundary(at)
        && before[at..].eq_ignore_ascii_case("the")
        && !before[..at].chars().next_back().is_some_and(is_word_char)
}

/// Does the name go on after `end`: one space, then `of` or a capitalised
/// word?
fn name_goes_on(text: &str, end: usize) -> bool {
    let Some(after) = text[end..].strip_prefix(' ') else {
        return false;
    };
    let word = after.split(|c: char| !is_word_char(c)).next().unwrap_or("");
    word == "of" || word.starts_with(char::is_uppercase)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The hit is the word `X`.
    fn called(text: &str) -> bool {
        let start = text.find('X').unwrap();
        called_so(text, start..start + 1)
    }

    #[test]
    fn a_head_counts_after_the_and_where_no_name_goes_on() {
        assert!(called("the X met"));
        assert!(called("The X met"));
        assert!(called("THE X"));
        assert!(called("the\nX’s men"));
        assert!(called("(the X)."));
        assert!(!called("X met"));
        assert!(!called("a X met"));
        assert!(!called("Legislative X met"));
        assert!(!called("breathe X"));
        assert!(!called("the  X"));
        assert!(!called("the X of General Security"));
        assert!(!called("the X Parliament"));
        assert!(called("the X – not the other"));
    }
}
