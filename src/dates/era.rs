//! Eras: the marks BC, BCE, B.C., AD, CE, A.D. (before the year or after
//! it: "44 BC", "AD 43", "43 CE"), the years they number ("1 BC" is the
//! astronomical year 0), and the ranges within and across eras ("55–54
//! BC", "55 BC – AD 43").

use super::grammar::{Parsed, Scan};
use super::lexer::{byte_is, char_at, number, skip_spaces, spaced_dash, spaces1, Num};
use super::value::{Kind, Point};
use super::vocab::{era, may_start_era, Era};

/// A number that may be a year of an era: one to four digits, no leading
/// zero ("44 BC", "AD 9").
pub(crate) fn as_era_number(text: &str, n: Num) -> Option<i32> {
    let plausible = n.len <= 4 && n.value >= 1 && !byte_is(text, n.end - n.len, b'0');
    plausible.then_some(n.value as i32)
}

/// An era mark at `p` (`BC`, `B.C.`, `BCE`, `AD`, `A.D.`, `CE`): its era,
/// whether it may stand before the year, and the offset after it (after
/// the last dot of a dotted mark).
pub(crate) fn era_mark(text: &str, p: usize) -> Option<(Era, bool, usize)> {
    let bytes = text.as_bytes().get(p..)?;
    if !may_start_era(*bytes.first()?) {
        return None;
    }
    let mut letters = [0u8; 4];
    let (mut count, mut i, mut dotted) = (0, 0, false);
    while let Some(&b) = bytes.get(i) {
        if b.is_ascii_alphabetic() && count < letters.len() {
            letters[count] = b;
            count += 1;
        } else if b == b'.' && count > 0 && bytes.get(i + 1).is_some_and(u8::is_ascii_alphabetic) {
            dotted = true;
        } else {
            break;
        }
        i += 1;
    }
    let end = p + i + usize::from(dotted && byte_is(text, p + i, b'.'));
    let clean = count > 0 && !char_at(text, end).is_some_and(char::is_alphanumeric);
    let (era, before) = era(&letters[..count]).filter(|_| clean)?;
    Some((era, before, end))
}

/// An era mark after the year ending at `p`, spaces allowed between:
/// the era and the offset after the mark.
pub(crate) fn era_after(text: &str, p: usize) -> Option<(Era, usize)> {
    era_mark(text, skip_spaces(text, p)).map(|(era, _, end)| (era, end))
}

/// "AD 43", "A.D. 43", "CE 43".
pub(crate) fn era_first(s: &Scan, p: usize) -> Option<(Point, usize)> {
    let (era, before, end) = era_mark(s.text, p)?;
    let n = number(s.text, spaces1(s.text, end).filter(|_| before)?)?;
    let year = as_era_number(s.text, n)?;
    Some((Point::year(era.year(year)), n.end))
}

/// "55–54 BC", "122–128 AD": two years of one era, the mark after the
/// second (a BC range counts down).
pub(crate) fn era_range(s: &Scan, n: Num) -> Option<Parsed> {
    let text = s.text;
    let first = as_era_number(text, n)?;
    let second = number(text, spaced_dash(text, n.end)?)?;
    let last = as_era_number(text, second)?;
    let (era, end) = era_after(text, second.end)?;
    let (a, b) = (Point::year(era.year(first)), Point::year(era.year(last)));
    a.precedes(b)
        .then_some(Parsed::plain(Kind::Interval(a, b), end))
}

#[cfg(test)]
mod tests {
    use crate::dates::grammar::tests::value;

    #[test]
    fn parses_eras_and_centuries_of_any_era() {
        let cases = [
            ("44 BC", "-0043", "44 BC"),
            ("44BC.", "-0043", "44BC"),
            ("44 B.C. then", "-0043", "44 B.C."),
            ("55 BCE", "-0054", "55 BCE"),
            ("AD 43", "0043", "AD 43"),
            ("A.D. 43", "0043", "A.D. 43"),
            ("43 AD", "0043", "43 AD"),
            ("43 CE", "0043", "43 CE"),
            ("1 BC", "0000", "1 BC"),
            ("55–54 BC", "-0054/-0053", "55–54 BC"),
            ("AD 122–128", "0122/0128", "AD 122–128"),
            ("AD 208–11", "0208/0211", "AD 208–11"),
            ("AD 60/61", "0060/0061", "AD 60/61"),
            ("55 BC – AD 43", "-0054/0043", "55 BC – AD 43"),
            ("1066 AD", "1066", "1066 AD"),
            ("4th century BC", "-03XX", "4th century BC"),
            ("1st century BC", "-00XX", "1st century BC"),
            ("2nd-century", "01XX", "2nd-century"),
            ("eleventh century", "10XX", "eleventh century"),
            ("16th C.", "15XX", "16th C."),
            ("140s AD", "014X", "140s AD"),
        ];
        for (text, edtf, span) in cases {
            assert_eq!(value(text), Some((edtf.into(), span)), "{text}");
        }
        for text in ["54–55 BC", "ad 43", "BC 44", "0 BC", "43 ADX", "55–54"] {
            assert!(
                value(text).is_none_or(|(_, span)| span.len() < text.len()),
                "{text}"
            );
        }
    }
}
