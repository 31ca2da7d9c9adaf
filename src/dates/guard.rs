//! Context vetoes applied to a parsed expression: a date must not be glued
//! to letters or digits ("A1924", "1924b", "2,1924", "1924.5", "19:24",
//! "1924-555-0199"), follow a currency sign or a reference word ("£1924",
//! "page 1924", "p. 1924"), or, when it ends in digits, precede a percent
//! sign, a unit ("1924 tonnes") or a counted noun ("1924 workers", unless a
//! temporal preposition precedes it: "In 1924 workers struck"), be joined by
//! a hyphen to a measure ("a 2000-mile railway"), or be a reference mark
//! ("[12]").

use super::lexer::{
    byte_is, char_at, char_before, is_dash, next_word, number, previous_word, skip_spaces, word,
};
use super::vocab::{is_counted, is_measure, is_reference, is_temporal, is_unit};

/// May the expression at `start..end` of `text` stand as a date?
pub(crate) fn accepts(text: &str, start: usize, end: usize) -> bool {
    let numeric_end = text.as_bytes()[end - 1].is_ascii_digit();
    free_before(text, start)
        && free_after(text, end, numeric_end)
        && !previous_word(text, start).is_some_and(is_reference)
        && !is_reference_mark(text, start, end)
        && !(numeric_end && (quantity_after(text, start, end) || measure_compound(text, end)))
}

/// A footnote or reference mark: one to three digits alone in square
/// brackets, "[12]". ("[1924]", an editor's year, stays a date.)
fn is_reference_mark(text: &str, start: usize, end: usize) -> bool {
    end - start <= 3 && char_before(text, start) == Some('[') && char_at(text, end) == Some(']')
}

/// A number joined by a hyphen to a measure word, an adjective of size:
/// "a 2000-mile railway", "a 1500-man army", "a 1000-page report".
fn measure_compound(text: &str, end: usize) -> bool {
    byte_is(text, end, b'-') && word(text, end + 1).is_some_and(|(w, _)| is_measure(w))
}

/// Punctuation that joins digit groups into one number or code.
fn is_joiner(c: char) -> bool {
    matches!(c, '.' | ',' | ':' | '/') || is_dash(c)
}

fn is_currency(c: char) -> bool {
    matches!(c, '£' | '$' | '€' | '¥' | '₽' | '#' | '№')
}

/// Does the joiner `c`, with `digits` ASCII digits on its far side, make
/// one number with ours? A comma next to a four-digit run lists years
/// ("1923,1924"); thousands and decimal groups never have four digits.
fn glues(c: char, digits: usize) -> bool {
    digits > 0 && is_joiner(c) && !(c == ',' && digits == 4)
}

/// No letter, digit, currency sign or digit-joining punctuation on the left.
fn free_before(text: &str, start: usize) -> bool {
    let Some(c) = char_before(text, start) else {
        return true;
    };
    let before = &text.as_bytes()[..start - c.len_utf8()];
    let digits = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_digit())
        .count();
    !(c.is_alphanumeric() || is_currency(c) || glues(c, digits))
}

/// No letter, digit or `%` on the right, nor (after digits) punctuation
/// joining more digits.
fn free_after(text: &str, end: usize, numeric_end: bool) -> bool {
    let Some(c) = char_at(text, end) else {
        return true;
    };
    let digits = number(text, end + c.len_utf8()).map_or(0, |n| n.len);
    !(c.is_alphanumeric() || c == '%' || (numeric_end && glues(c, digits)))
}

/// Is the number ending at `end` a quantity: "1930 %", "1924 tonnes",
/// "1924 workers" (but not "in 1924 workers")?
fn quantity_after(text: &str, start: usize, end: usize) -> bool {
    if byte_is(text, skip_spaces(text, end), b'%') {
        return true;
    }
    match next_word(text, end) {
        Some(w) if is_unit(w) => true,
        Some(w) if is_counted(w) => !previous_word(text, start).is_some_and(is_temporal),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn year_ok(text: &str) -> bool {
        let start = text.find("1924").unwrap();
        accepts(text, start, start + 4)
    }

    #[test]
    fn vetoes_glued_numbers() {
        for text in [
            "A1924", "1924b", "2,1924", "1924.5", "1924:00", "1924-555", "£1924", "é1924",
        ] {
            assert!(!year_ok(text), "{text}");
        }
        for text in [
            "1924",
            "(1924)",
            "pre-1924 career",
            "in 1924.",
            "1924, 1925",
            "1924–",
        ] {
            assert!(year_ok(text), "{text}");
        }
    }

    #[test]
    fn vetoes_reference_marks() {
        assert!(!accepts("as Tacitus says.[12] Then", 17, 19));
        assert!(!accepts("[7]", 1, 2));
        assert!(!is_reference_mark("[12 BC]", 1, 6));
        assert!(!is_reference_mark("[1924]", 1, 5));
        assert!(accepts("(12)", 1, 3));
    }

    #[test]
    fn vetoes_quantities_and_references() {
        for text in [
            "1924 tonnes",
            "1924 %",
            "1924 workers",
            "page 1924",
            "see p. 1924",
            "a 1924-mile railway",
            "a 1924-strong army",
            "a 1924-Page report",
        ] {
            assert!(!year_ok(text), "{text}");
        }
        for text in [
            "In 1924 workers struck",
            "1924 Lenin died",
            "the 1924 Party Congress",
            "[1924]",
            "1924-era posters",
        ] {
            assert!(year_ok(text), "{text}");
        }
    }
}
