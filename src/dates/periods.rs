//! The date grammar's periods: decades ("1920s", "1920s–30s"), centuries
//! ("the nineteenth century", "19th-century"), qualified dates ("early
//! 1930s", "late 1917"), seasons ("winter 1941–42") and approximate dates
//! ("c. 1930"). Each is a production of [`super::grammar`]'s recursive
//! descent, called from there with the [`Scan`] and the offset after the
//! words it has read.

use super::era::era_after;
use super::grammar::{as_year, ordinal_suffix, point_with_tail, range_end, Parsed, Scan};
use super::lexer::{
    byte_is, char_at, dash, is_apostrophe, keyword, number, skip_spaces, spaces1, word,
};
use super::short::{short_alone, small_decade};
use super::value::{Century, Kind, Mark, Point};
use super::vocab::{classify, Era, Qualifier, Word};

/// "1920s", "1920's", "1920’s" after the year: a decade, or for "1800s" a
/// century; "1920s-30s", "1520s–30s": a range of decades.
pub(super) fn decade(s: &Scan, year: i32, p: usize) -> Option<Parsed> {
    let text = s.text;
    if year % 10 != 0 {
        return None;
    }
    let apostrophe = char_at(text, p).filter(|&c| is_apostrophe(c));
    let end = keyword(text, p + apostrophe.map_or(0, char::len_utf8), "s")?;
    if year % 100 == 0 {
        let century = Century {
            hundreds: year / 100,
            bc: false,
        };
        return Some(Parsed::plain(Kind::Century(century), end));
    }
    let later = dash(text, end)
        .and_then(|q| number(text, q))
        .filter(|n| n.len == 2 && n.value.is_multiple_of(10))
        .and_then(|n| {
            Some((
                year - year % 100 + n.value as i32,
                keyword(text, n.end, "s")?,
            ))
        })
        .filter(|&(later, _)| later > year);
    Some(match later {
        Some((later, end)) => Parsed::plain(Kind::Decades(year, later), end),
        None => Parsed::plain(Kind::Decade(year), end),
    })
}

/// "nineteenth century", "19th-century", "twenty-first century", "4th
/// century BC", "the eleventh century", "16th C.", "17th centuries".
pub(super) fn century(s: &Scan, p: usize) -> Option<Parsed> {
    let text = s.text;
    let (ordinal, end) = century_ordinal(text, p)?;
    let q = spaces1(text, end).or_else(|| dash(text, end))?;
    let numeric = number(text, p).is_some();
    let end = keyword(text, q, "century")
        .or_else(|| keyword(text, q, "centuries"))
        .or_else(|| {
            let abbreviated = numeric && matches!(char_at(text, q), Some('C' | 'c'));
            (abbreviated && byte_is(text, q + 1, b'.')).then_some(q + 2)
        })?;
    let (bc, end) = match era_after(text, end) {
        Some((era, era_end)) => (era == Era::Bc, era_end),
        None => (false, end),
    };
    let century = Century {
        hundreds: i32::from(ordinal) - 1,
        bc,
    };
    Some(Parsed::plain(Kind::Century(century), end))
}

/// A century's ordinal (1-21) at `p`: "19th", "4th", "nineteenth",
/// "twenty-first".
pub(crate) fn century_ordinal(text: &str, p: usize) -> Option<(u8, usize)> {
    if let Some(n) = number(text, p) {
        let in_range = n.len <= 2 && (1..=21).contains(&n.value);
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

/// After "early" / "mid" / "late": "1930s", "-1930s", "1917", "twentieth
/// century", "30s", "’30s".
pub(super) fn qualified(s: &Scan, qualifier: Qualifier, p: usize) -> Option<Parsed> {
    let text = s.text;
    let q = spaces1(text, p).or_else(|| dash(text, p))?;
    let parsed = match number(text, q) {
        Some(n) => match as_year(n) {
            Some(year) => decade(s, year, n.end)
                .unwrap_or(Parsed::plain(Kind::Point(Point::year(year)), n.end)),
            None => century(s, q).or_else(|| small_decade(s, q, n))?,
        },
        None => century(s, q)
            .or_else(|| short_alone(s, q).filter(|p| matches!(p.kind, Kind::Decade(_))))?,
    };
    Some(Parsed {
        qualifier: Some(qualifier),
        ..parsed
    })
}

/// After a season word: "1929", "of 1929", "’33", and for winter "1926–27".
pub(super) fn season(s: &Scan, code: u8, p: usize) -> Option<Parsed> {
    let text = s.text;
    let mut q = spaces1(text, p)?;
    if let Some(end) = keyword(text, q, "of") {
        q = spaces1(text, end)?;
    }
    let (year, end) = match number(text, q) {
        Some(n) => (as_year(n)?, n.end),
        None => match short_alone(s, q)? {
            Parsed {
                kind: Kind::Point(point),
                end,
                ..
            } => (point.year, end),
            _ => return None,
        },
    };
    let end = match code {
        24 => winter_end(s, year, end).unwrap_or(end),
        _ => end,
    };
    Some(Parsed::plain(Kind::Season(year, code), end))
}

/// The end of "–27", "-1927" or "/27" after "winter 1926": the next year.
fn winter_end(s: &Scan, year: i32, p: usize) -> Option<usize> {
    let (next, end) = range_end(s, Point::year(year), p, Word::To)?;
    (next == Point::year(year + 1)).then_some(end)
}

/// "c. 1930", "ca. 1485–1540", "circa 1930", "about 1930", "around 60":
/// the date after the word, its start approximate. "c" and "ca" need a dot
/// or a space after them.
pub(super) fn approximate(s: &Scan, w: &str, p: usize) -> Option<Parsed> {
    let text = s.text;
    let abbreviation = w.len() <= 2;
    let q = match abbreviation && byte_is(text, p, b'.') {
        true => skip_spaces(text, p + 1),
        false => spaces1(text, p)?,
    };
    point_with_tail(s, q, Some(Mark::Approximate))
}
