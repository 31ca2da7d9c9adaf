//! The date grammar: recognizes the longest date expression starting exactly
//! at a byte offset, by recursive descent over the text with the [`lexer`]
//! helpers. Context vetoes (glued letters, units, page references) are not
//! checked here but in [`super::guard`].
//!
//! [`lexer`]: super::lexer

use super::lexer::{
    byte_is, char_at, dash, is_apostrophe, keyword, next_word, number, spaced_dash, spaces1, word,
    Num,
};
use super::value::{Kind, Point};
use super::vocab::{classify, Qualifier, Word};

/// A recognized expression: what it denotes and the offset where it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub kind: Kind,
    pub qualifier: Option<Qualifier>,
    pub end: usize,
}

impl Parsed {
    fn plain(kind: Kind, end: usize) -> Parsed {
        Parsed {
            kind,
            qualifier: None,
            end,
        }
    }
}

/// The longest date expression starting exactly at `p`, if any.
pub(crate) fn parse(text: &str, p: usize) -> Option<Parsed> {
    match number(text, p) {
        Some(n) => from_number(text, p, n),
        None => from_word(text, p),
    }
}

fn from_number(text: &str, p: usize, n: Num) -> Option<Parsed> {
    let special = match as_year(n) {
        Some(year) => decade(text, year, n.end),
        None => century(text, p).or_else(|| day_range(text, n)),
    };
    special.or_else(|| point_with_tail(text, p))
}

fn from_word(text: &str, p: usize) -> Option<Parsed> {
    let (w, end) = word(text, p)?;
    match classify(w)? {
        Word::Between => range_after(text, end, Word::And),
        Word::From => range_after(text, end, Word::To),
        Word::Qualifier(qualifier) => qualified(text, qualifier, end),
        Word::Season(code) => season(text, code, end),
        Word::Month { .. } => month_range(text, p).or_else(|| point_with_tail(text, p)),
        Word::Ordinal(_) | Word::Twenty => century(text, p),
        _ => None,
    }
}

/// A four-digit number in 1000-2099.
fn as_year(n: Num) -> Option<i32> {
    let plausible = n.len == 4 && (1000..=2099).contains(&n.value);
    plausible.then_some(n.value as i32)
}

/// After "between" / "from": a point, the joiner, and a later point.
fn range_after(text: &str, p: usize, joiner_word: Word) -> Option<Parsed> {
    let (a, end) = point(text, spaces1(text, p)?)?;
    let (b, end) = range_end(text, a, end, joiner_word)?;
    Some(Parsed::plain(Kind::Interval(a, b), end))
}

/// A point, extended to a range if "–", "/" or "to" and a later point follow.
fn point_with_tail(text: &str, p: usize) -> Option<Parsed> {
    let (a, end) = point(text, p)?;
    Some(match range_end(text, a, end, Word::To) {
        Some((b, end)) => Parsed::plain(Kind::Interval(a, b), end),
        None => Parsed::plain(Kind::Point(a), end),
    })
}

/// How the two ends of a range are joined.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Joiner {
    /// A dash (spaces allowed around it) or a slash (glued).
    Mark,
    /// A word such as "to" or "and", between spaces.
    Word,
}

/// The joiner at `p` and the offset after it.
fn joiner(text: &str, p: usize, joiner_word: Word) -> Option<(usize, Joiner)> {
    if let Some(end) = spaced_dash(text, p) {
        return Some((end, Joiner::Mark));
    }
    if byte_is(text, p, b'/') {
        return Some((p + 1, Joiner::Mark));
    }
    let (w, end) = word(text, spaces1(text, p)?)?;
    (classify(w) == Some(joiner_word)).then_some(())?;
    Some((spaces1(text, end)?, Joiner::Word))
}

/// The end of a range whose start `a` ends at `p`: a point after `a` or,
/// after a dash or slash, a shortened year ("1914–17", "1924–9").
fn range_end(text: &str, a: Point, p: usize, joiner_word: Word) -> Option<(Point, usize)> {
    let (q, how) = joiner(text, p, joiner_word)?;
    if let Some((b, end)) = point(text, q).filter(|(b, _)| a.precedes(*b)) {
        return Some((b, end));
    }
    let shortened = how == Joiner::Mark && a.month.is_none();
    shortened.then(|| short_year(text, a.year, q)).flatten()
}

/// The one or two digits at `p` read as the last digits of a year after
/// `start` ("17" after 1914 is 1917); not when a month name follows.
fn short_year(text: &str, start: i32, p: usize) -> Option<(Point, usize)> {
    let n = number(text, p).filter(|n| n.len <= 2)?;
    let scale = 10_i32.pow(n.len as u32);
    let year = start - start % scale + n.value as i32;
    let month_next = next_word(text, n.end)
        .and_then(classify)
        .is_some_and(is_month);
    (year > start && !month_next).then_some((Point::year(year), n.end))
}

fn is_month(w: Word) -> bool {
    matches!(w, Word::Month { .. })
}

/// One year, month or day at `p`: "1924", "1924-01-21", "21 January 1924",
/// "22/12/1922", "January 1924", "December 22, 1922".
fn point(text: &str, p: usize) -> Option<(Point, usize)> {
    let Some(n) = number(text, p) else {
        return month_first(text, p);
    };
    match as_year(n) {
        Some(year) => Some(iso_day(text, year, n.end).unwrap_or((Point::year(year), n.end))),
        None => day_first(text, n).or_else(|| numeric_day(text, n)),
    }
}

/// A day of the month (1-31), with an optional ordinal suffix ("1st").
fn day_number(text: &str, n: Num) -> Option<(u8, usize)> {
    let day = (n.len <= 2 && (1..=31).contains(&n.value)).then_some(n.value as u8)?;
    Some((day, ordinal_suffix(text, n.end).unwrap_or(n.end)))
}

/// The offset after "st", "nd", "rd" or "th" at `p`.
fn ordinal_suffix(text: &str, p: usize) -> Option<usize> {
    let (w, end) = word(text, p)?;
    let suffix = ["st", "nd", "rd", "th"]
        .iter()
        .any(|s| w.eq_ignore_ascii_case(s));
    suffix.then_some(end)
}

/// A month name at `p` and the offset after it (and after an abbreviation's dot).
fn month_word(text: &str, p: usize) -> Option<(u8, usize)> {
    let (w, end) = word(text, p)?;
    match classify(w)? {
        Word::Month { month, abbreviated } => {
            let dot = abbreviated && byte_is(text, end, b'.');
            Some((month, end + usize::from(dot)))
        }
        _ => None,
    }
}

/// Spaces then a year.
fn year_after(text: &str, p: usize) -> Option<(i32, usize)> {
    let n = number(text, spaces1(text, p)?)?;
    Some((as_year(n)?, n.end))
}

/// `p + 1` if a comma is at `p`.
fn skip_comma(text: &str, p: usize) -> usize {
    p + usize::from(byte_is(text, p, b','))
}

/// After a day: " January 1924", " of Jan. 1924", " December, 1922".
fn month_and_year(text: &str, p: usize) -> Option<(u8, i32, usize)> {
    let mut q = spaces1(text, p)?;
    if let Some(end) = keyword(text, q, "of") {
        q = spaces1(text, end)?;
    }
    let (month, end) = month_word(text, q)?;
    let (year, end) = year_after(text, skip_comma(text, end))?;
    Some((month, year, end))
}

/// "21 January 1924", "1st Dec 1934", "21st of January, 1924".
fn day_first(text: &str, n: Num) -> Option<(Point, usize)> {
    let (day, end) = day_number(text, n)?;
    let (month, year, end) = month_and_year(text, end)?;
    Some((Point::day(year, month, day)?, end))
}

/// "January 1924", "Jan. 1924", "December 22, 1922", "December 22nd 1922".
fn month_first(text: &str, p: usize) -> Option<(Point, usize)> {
    let (month, end) = month_word(text, p)?;
    let n = number(text, spaces1(text, end)?)?;
    if let Some(year) = as_year(n) {
        return Some((Point::month(year, month), n.end));
    }
    let (day, end) = day_number(text, n)?;
    let (year, end) = year_after(text, skip_comma(text, end))?;
    Some((Point::day(year, month, day)?, end))
}

/// "22/12/1922", "22.12.1922": day, month, year, with the same separator.
fn numeric_day(text: &str, day: Num) -> Option<(Point, usize)> {
    let sep = *text
        .as_bytes()
        .get(day.end)
        .filter(|&&b| b == b'/' || b == b'.')?;
    let month = number(text, day.end + 1).filter(|m| m.len <= 2 && byte_is(text, m.end, sep))?;
    let year = number(text, month.end + 1)?;
    let valid_day = (day.len <= 2).then_some(day.value as u8)?;
    let point = Point::day(as_year(year)?, month.value as u8, valid_day)?;
    Some((point, year.end))
}

/// "1924-01-21" after the year: ISO month and day, two digits each.
fn iso_day(text: &str, year: i32, p: usize) -> Option<(Point, usize)> {
    let two_digits = |q: usize| number(text, q).filter(|n| n.len == 2);
    let month = byte_is(text, p, b'-')
        .then(|| two_digits(p + 1))
        .flatten()?;
    let day = byte_is(text, month.end, b'-')
        .then(|| two_digits(month.end + 1))
        .flatten()?;
    Some((
        Point::day(year, month.value as u8, day.value as u8)?,
        day.end,
    ))
}

/// "1920s", "1920's", "1920’s" after the year: a decade, or for "1800s" a
/// century.
fn decade(text: &str, year: i32, p: usize) -> Option<Parsed> {
    if year % 10 != 0 {
        return None;
    }
    let apostrophe = char_at(text, p).filter(|&c| is_apostrophe(c));
    let end = keyword(text, p + apostrophe.map_or(0, char::len_utf8), "s")?;
    let kind = if year % 100 == 0 {
        Kind::Century(year)
    } else {
        Kind::Decade(year)
    };
    Some(Parsed::plain(kind, end))
}

/// "nineteenth century", "19th-century", "twenty-first century".
fn century(text: &str, p: usize) -> Option<Parsed> {
    let (ordinal, end) = century_ordinal(text, p)?;
    let q = spaces1(text, end).or_else(|| dash(text, end))?;
    let end = keyword(text, q, "century")?;
    Some(Parsed::plain(
        Kind::Century((i32::from(ordinal) - 1) * 100),
        end,
    ))
}

/// A century's ordinal (11-21) at `p`: "19th", "nineteenth", "twenty-first".
fn century_ordinal(text: &str, p: usize) -> Option<(u8, usize)> {
    if let Some(n) = number(text, p) {
        let in_range = n.len == 2 && (11..=21).contains(&n.value);
        return in_range
            .then(|| ordinal_suffix(text, n.end))
            .flatten()
            .map(|end| (n.value as u8, end));
    }
    let (w, end) = word(text, p)?;
    match classify(w)? {
        Word::Ordinal(ordinal) => Some((ordinal, end)),
        Word::Twenty => {
            let q = spaces1(text, end).or_else(|| dash(text, end))?;
            Some((21, keyword(text, q, "first")?))
        }
        _ => None,
    }
}

/// After "early" / "mid" / "late": "1930s", "-1930s", "1917", "twentieth century".
fn qualified(text: &str, qualifier: Qualifier, p: usize) -> Option<Parsed> {
    let q = spaces1(text, p).or_else(|| dash(text, p))?;
    let year = number(text, q).and_then(|n| Some((as_year(n)?, n.end)));
    let parsed = match year {
        Some((year, end)) => {
            decade(text, year, end).unwrap_or(Parsed::plain(Kind::Point(Point::year(year)), end))
        }
        None => century(text, q)?,
    };
    Some(Parsed {
        qualifier: Some(qualifier),
        ..parsed
    })
}

/// After a season word: "1929", "of 1929", and for winter "1926–27".
fn season(text: &str, code: u8, p: usize) -> Option<Parsed> {
    let mut q = spaces1(text, p)?;
    if let Some(end) = keyword(text, q, "of") {
        q = spaces1(text, end)?;
    }
    let n = number(text, q)?;
    let year = as_year(n)?;
    let end = match code {
        24 => winter_end(text, year, n.end).unwrap_or(n.end),
        _ => n.end,
    };
    Some(Parsed::plain(Kind::Season(year, code), end))
}

/// The end of "–27", "-1927" or "/27" after "winter 1926": the next year.
fn winter_end(text: &str, year: i32, p: usize) -> Option<usize> {
    let (next, end) = range_end(text, Point::year(year), p, Word::To)?;
    (next == Point::year(year + 1)).then_some(end)
}

/// "March–April 1921": two months of one year.
fn month_range(text: &str, p: usize) -> Option<Parsed> {
    let (first, end) = month_word(text, p)?;
    let (last, end) = month_word(text, spaced_dash(text, end)?)?;
    let (year, end) = year_after(text, end)?;
    let kind = Kind::Interval(Point::month(year, first), Point::month(year, last));
    (first < last).then_some(Parsed::plain(kind, end))
}

/// "21–23 January 1924": two days of one month.
fn day_range(text: &str, n: Num) -> Option<Parsed> {
    let (first, end) = day_number(text, n)?;
    let second = number(text, spaced_dash(text, end)?)?;
    let (last, end) = day_number(text, second)?;
    let (month, year, end) = month_and_year(text, end)?;
    let (a, b) = (
        Point::day(year, month, first)?,
        Point::day(year, month, last)?,
    );
    a.precedes(b)
        .then_some(Parsed::plain(Kind::Interval(a, b), end))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(text: &str) -> Option<(String, &str)> {
        parse(text, 0).map(|p| (p.kind.edtf(), &text[..p.end]))
    }

    #[test]
    fn parses_years_and_ranges() {
        assert_eq!(value("1924 and"), Some(("1924".into(), "1924")));
        assert_eq!(value("1924–9,"), Some(("1924/1929".into(), "1924–9")));
        assert_eq!(value("1914-17"), Some(("1914/1917".into(), "1914-17")));
        assert_eq!(
            value("1924- 1928"),
            Some(("1924/1928".into(), "1924- 1928"))
        );
        assert_eq!(
            value("1928 to 1941"),
            Some(("1928/1941".into(), "1928 to 1941"))
        );
        assert_eq!(value("1917/18"), Some(("1917/1918".into(), "1917/18")));
        assert_eq!(value("1929-24"), Some(("1929".into(), "1929")));
        assert_eq!(value("1928 to 67.6"), Some(("1928".into(), "1928")));
    }

    #[test]
    fn parses_days_and_months() {
        assert_eq!(value("21st of January, 1924").unwrap().0, "1924-01-21");
        assert_eq!(value("Jan. 1924").unwrap().0, "1924-01");
        assert_eq!(value("December 22, 1922").unwrap().0, "1922-12-22");
        assert_eq!(value("22.12.1922").unwrap().0, "1922-12-22");
        assert_eq!(value("1924-01-21").unwrap().0, "1924-01-21");
        assert_eq!(value("31/02/1922"), None);
        assert_eq!(value("29 February 1923"), None);
        assert_eq!(
            value("21–23 January 1924").unwrap().0,
            "1924-01-21/1924-01-23"
        );
        assert_eq!(value("March–April 1921").unwrap().0, "1921-03/1921-04");
        assert_eq!(value("April–March 1921"), None);
    }

    #[test]
    fn parses_decades_centuries_seasons() {
        assert_eq!(value("1920’s").unwrap().0, "192X");
        assert_eq!(value("1800s").unwrap().0, "18XX");
        assert_eq!(value("1925s"), Some(("1925".into(), "1925")));
        assert_eq!(value("twenty-first century").unwrap().0, "20XX");
        assert_eq!(value("19th-century").unwrap().0, "18XX");
        let mid = parse("mid-1930s", 0).unwrap();
        assert_eq!(
            (mid.kind, mid.qualifier),
            (Kind::Decade(1930), Some(Qualifier::Mid))
        );
        assert_eq!(value("Winter of 1926/27").unwrap().0, "1926-24");
        assert_eq!(
            value("summer 1926-27"),
            Some(("1926-22".into(), "summer 1926"))
        );
    }

    #[test]
    fn needs_both_ends_after_between_and_from() {
        assert_eq!(value("between 1928 and 1941").unwrap().0, "1928/1941");
        assert_eq!(value("from 1918 to 1920").unwrap().0, "1918/1920");
        assert_eq!(value("from 1918 onwards"), None);
        assert_eq!(value("between 1941 and 1928"), None);
    }
}
