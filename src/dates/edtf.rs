//! A validator for the Extended Date/Time Format (EDTF, ISO 8601-2) levels 0
//! and 1, as far as dates go (no times): every value the tagger emits must
//! pass [`validate`], and [`bounds`] gives the calendar days a closed value
//! covers.
//!
//! Accepted: `YYYY`, `YYYY-MM`, `YYYY-MM-DD` (days checked against the month,
//! leap years included), with a `-` before years before year 0 (`-0043` is
//! 44 BC: year 0 is 1 BC); unspecified digits `192X`, `19XX`, `014X`,
//! `-03XX`, `1924-XX`, `1924-01-XX`, `1924-XX-XX`; seasons `YYYY-21`..`YYYY-24`
//! (spring, summer, autumn, winter); a trailing qualifier `?` (uncertain),
//! `~` (approximate) or `%` (both); intervals `A/B` whose end is not before
//! their start, with `..` (open) or an empty side (unknown) on at most one
//! side. Not supported (rejected): `Y`-prefixed years of more than four
//! digits, and times.
//!
//! # The margin of an approximate or uncertain date
//!
//! EDTF does not say how far "about 1930" reaches; glossator's first and last
//! days widen a qualified date by [`MARGIN_YEARS`] on each side when it is a
//! year, a decade or a century (`1930~` covers 1928-01-01 to 1932-12-31), and
//! by one month on each side when it names a month, a season or a day
//! (`1924-01~` covers 1923-12-01 to 1924-02-29).

use super::calendar::Day;

/// Checks that `value` is an EDTF level 0 or level 1 date or interval.
///
/// ```
/// use glossator::dates::edtf::validate;
/// assert!(validate("1924-01-21/1924-01-23").is_ok());
/// assert!(validate("1929/1924").is_err());
/// ```
pub fn validate(value: &str) -> Result<(), String> {
    match value.split_once('/') {
        Some((start, end)) if is_open(start) || is_open(end) => open_interval(start, end),
        _ => bounds(value).map(|_| ()),
    }
}

/// The first and last calendar day covered by a closed EDTF value (a date or
/// an interval without open or unknown ends).
///
/// ```
/// use glossator::dates::edtf::bounds;
/// let (first, last) = bounds("1926-24").unwrap();
/// assert_eq!((first.to_string(), last.to_string()), ("1926-12-01".into(), "1927-02-28".into()));
/// ```
pub fn bounds(value: &str) -> Result<(Day, Day), String> {
    let Some((start, end)) = value.split_once('/') else {
        return date_bounds(value);
    };
    let (first, _) = date_bounds(start)?;
    let (_, last) = date_bounds(end)?;
    if first > last {
        return Err(format!("interval ends before it starts: {value:?}"));
    }
    Ok((first, last))
}

/// The days a season covers: EDTF codes 21 spring (March-May), 22 summer
/// (June-August), 23 autumn (September-November), 24 winter (December of
/// `year` to February of the next year).
pub fn season_bounds(year: i32, code: u8) -> Option<(Day, Day)> {
    let (first_month, last_year, last_month) = match code {
        21 => (3, year, 5),
        22 => (6, year, 8),
        23 => (9, year, 11),
        24 => (12, year + 1, 2),
        _ => return None,
    };
    let first = Day::month_start(year, first_month);
    Some((first, Day::month_end(last_year, last_month)))
}

/// `..` (open end) or an empty side (unknown end) of an interval.
fn is_open(side: &str) -> bool {
    side.is_empty() || side == ".."
}

fn open_interval(start: &str, end: &str) -> Result<(), String> {
    match (is_open(start), is_open(end)) {
        (true, true) => Err(format!("interval with no known end: {start:?}/{end:?}")),
        (true, false) => date_bounds(end).map(|_| ()),
        _ => date_bounds(start).map(|_| ()),
    }
}

/// Years an approximate or uncertain year, decade or century reaches
/// before and after the years it names.
pub const MARGIN_YEARS: i32 = 2;

/// Bounds of one date, without `/`, widened when it is qualified.
fn date_bounds(date: &str) -> Result<(Day, Day), String> {
    let bare = date.strip_suffix(['?', '~', '%']).unwrap_or(date);
    let (first, last) =
        bare_bounds(bare).ok_or_else(|| format!("not an EDTF level 0/1 date: {date:?}"))?;
    Ok(match bare.len() < date.len() {
        true => widened(first, last, !bare.trim_start_matches('-').contains('-')),
        false => (first, last),
    })
}

/// `first..=last` widened by the margin of an approximate or uncertain
/// date (see the module documentation): [`MARGIN_YEARS`] for whole years,
/// else a month.
pub(crate) fn widened(first: Day, last: Day, whole_years: bool) -> (Day, Day) {
    if whole_years {
        return (
            Day::month_start(first.year - MARGIN_YEARS, 1),
            Day::month_end(last.year + MARGIN_YEARS, 12),
        );
    }
    let (year, month) = match first.month {
        1 => (first.year - 1, 12),
        m => (first.year, m - 1),
    };
    let (last_year, last_month) = match last.month {
        12 => (last.year + 1, 1),
        m => (last.year, m + 1),
    };
    (
        Day::month_start(year, month),
        Day::month_end(last_year, last_month),
    )
}

/// One date of an EDTF value (no `/`, no qualifier) taken apart: the
/// fields [`bounds`] and the words of [`super::words`] both read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parts {
    /// The first and last year it may be (`192X`: 1920 and 1929; `-0043`:
    /// -43 twice; astronomical, 0 is 1 BC).
    pub years: (i32, i32),
    /// How many year digits are unspecified: 0, 1 (a decade), 2 (a century).
    pub unspecified: u32,
    /// The month field, when present: `None` for `XX`, else 1-12 or a
    /// season code 21-24 (not checked here).
    pub month: Option<Option<u8>>,
    /// The day field, when present (only after a month): `None` for `XX`.
    pub day: Option<Option<u8>>,
}

/// `date` (no `/`, no qualifier) taken apart, if it is well formed: a
/// month or day only after a whole year, a day only after a month.
pub(crate) fn parts(date: &str) -> Option<Parts> {
    let (negative, unsigned) = match date.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, date),
    };
    let mut fields = unsigned.split('-');
    let year = fields.next()?;
    let unspecified = (year.len() - year.trim_end_matches('X').len()) as u32;
    let years = year_bounds(year, negative)?;
    let mut next_field = || match fields.next() {
        Some(text) => field(text).map(Some),
        None => Some(None),
    };
    let month = next_field()?;
    let day = next_field()?;
    let whole_year = years.0 == years.1;
    (fields.next().is_none() && (whole_year || month.is_none())).then_some(Parts {
        years,
        unspecified,
        month,
        day,
    })
}

/// Bounds of one date without a qualifier.
fn bare_bounds(date: &str) -> Option<(Day, Day)> {
    let Parts {
        years: (low, high),
        month,
        day,
        ..
    } = parts(date)?;
    match (month, day) {
        (None, _) => Some((Day::month_start(low, 1), Day::month_end(high, 12))),
        (Some(month), None) => month_bounds(low, month),
        (Some(month), Some(day)) => day_bounds(low, month, day),
    }
}

/// `1924` -> (1924, 1924); `192X` -> (1920, 1929); `19XX` -> (1900, 1999);
/// negative (`-0043`, `-03XX`) -> (-43, -43), (-399, -300).
fn year_bounds(year: &str, negative: bool) -> Option<(i32, i32)> {
    let digits = year.trim_end_matches('X');
    let unspecified = year.len() - digits.len();
    let well_formed = year.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit());
    if !well_formed || unspecified > 2 {
        return None;
    }
    let scale = 10_i32.pow(unspecified as u32);
    let low = digits.parse::<i32>().ok()? * scale;
    let high = low + scale - 1;
    match negative {
        // "-0000" is not a year: 0 has no sign.
        true if high == 0 => None,
        true => Some((-high, -low)),
        false => Some((low, high)),
    }
}

/// A two-digit field: `Some(None)` for `XX`, `Some(Some(n))` for digits.
fn field(text: &str) -> Option<Option<u8>> {
    match text {
        "XX" => Some(None),
        _ if text.len() == 2 && text.bytes().all(|b| b.is_ascii_digit()) => {
            text.parse().ok().map(Some)
        }
        _ => None,
    }
}

fn month_bounds(year: i32, month: Option<u8>) -> Option<(Day, Day)> {
    match month {
        None => Some((Day::month_start(year, 1), Day::month_end(year, 12))),
        Some(m @ 1..=12) => Some((Day::month_start(year, m), Day::month_end(year, m))),
        Some(code) => season_bounds(year, code),
    }
}

fn day_bounds(year: i32, month: Option<u8>, day: Option<u8>) -> Option<(Day, Day)> {
    match (month, day) {
        (None, None) => month_bounds(year, month),
        (Some(m @ 1..=12), None) => Some((Day::month_start(year, m), Day::month_end(year, m))),
        (Some(m), Some(d)) => Day::new(year, m, d).map(|day| (day, day)),
        (None, Some(_)) | (Some(_), None) => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_level_0_and_1_values() {
        let good = [
            "1924",
            "1924-01",
            "1924-01-21",
            "1924/1929",
            "192X",
            "18XX",
            "1929-22",
            "1926-24",
            "1924-01-21/1924-01-23",
            "1924-02-29",
            "1924-XX",
            "1924-01-XX",
            "1924-XX-XX",
            "1924~",
            "1924-01?",
            "1921-03/1921-04",
            "1985/..",
            "/1985",
            "-0043",
            "0043",
            "0000",
            "-0054/-0053",
            "-03XX",
            "014X",
            "1501~/1536",
            "0009~/0040",
            "1930?",
            "-0043-03-15",
        ];
        for value in good {
            assert_eq!(validate(value), Ok(()), "{value}");
        }
    }

    #[test]
    fn rejects_malformed_values() {
        let bad = [
            "1924-13",
            "1924-02-30",
            "1923-02-29",
            "19XX5",
            "1929/1924",
            "192",
            "19245",
            "1XXX",
            "192X-01",
            "1924-21-01",
            "1924-25",
            "1924-00",
            "1924-01-00",
            "1924-XX-05",
            "1924-1-5",
            "../..",
            "1924/1925/1926",
            "abcd",
            "",
            "-0000",
            "--1924",
            "-1924-",
            "-0053/-0054",
            "1930~~",
            "1930?~",
        ];
        for value in bad {
            assert!(validate(value).is_err(), "{value}");
        }
    }

    #[test]
    fn bounds_cover_the_named_days() {
        let cases = [
            ("192X", "1920-01-01", "1929-12-31"),
            ("18XX", "1800-01-01", "1899-12-31"),
            ("1929-22", "1929-06-01", "1929-08-31"),
            ("1923-24", "1923-12-01", "1924-02-29"),
            ("1924-02", "1924-02-01", "1924-02-29"),
            ("1914/1917", "1914-01-01", "1917-12-31"),
            ("-0043", "-0043-01-01", "-0043-12-31"),
            ("-03XX", "-0399-01-01", "-0300-12-31"),
            ("-00XX", "-0099-01-01", "0000-12-31"),
            ("-0054/-0053", "-0054-01-01", "-0053-12-31"),
            ("1930~", "1928-01-01", "1932-12-31"),
            ("1930?", "1928-01-01", "1932-12-31"),
            ("193X~", "1928-01-01", "1941-12-31"),
            ("1501~/1536", "1499-01-01", "1536-12-31"),
            ("1924-01~", "1923-12-01", "1924-02-29"),
            ("1917-12-25?", "1917-11-01", "1918-01-31"),
        ];
        for (value, first, last) in cases {
            let (a, b) = bounds(value).unwrap();
            assert_eq!(
                (a.to_string().as_str(), b.to_string().as_str()),
                (first, last),
                "{value}"
            );
        }
    }
}
