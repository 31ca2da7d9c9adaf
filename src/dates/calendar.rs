//! Gregorian calendar arithmetic for the date tagger: the [`Day`] type (one
//! ISO 8601 calendar day), the month lengths used to validate dates, and
//! the Julian (Old Style) calendar's days in Gregorian terms.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;

/// A calendar day, ISO 8601 (proleptic Gregorian, astronomical years: year
/// 0 is 1 BC, -43 is 44 BC); `Ord` sorts chronologically.
///
/// Displays, serializes and parses as `"YYYY-MM-DD"` (`"-0043-03-15"`
/// before year 0):
///
/// ```
/// use glossator::dates::Day;
/// let day: Day = "1924-01-21".parse().unwrap();
/// assert_eq!(day, Day { year: 1924, month: 1, day: 21 });
/// assert_eq!(day.to_string(), "1924-01-21");
/// assert!("1922-02-29".parse::<Day>().is_err());
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day {
    /// Astronomical year: 0 is 1 BC, -1 is 2 BC.
    pub year: i32,
    /// Month, 1 to 12.
    pub month: u8,
    /// Day of the month, from 1.
    pub day: u8,
}

/// Is `year` a Gregorian leap year?
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1-12) of `year`; 0 for a month out of range.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

impl Day {
    /// The day `year-month-day` if it exists in the Gregorian calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Day> {
        (day >= 1 && day <= days_in_month(year, month)).then_some(Day { year, month, day })
    }

    /// The first day of `month` (1-12) in `year`.
    pub fn month_start(year: i32, month: u8) -> Day {
        Day {
            year,
            month,
            day: 1,
        }
    }

    /// The last day of `month` (1-12) in `year`.
    pub fn month_end(year: i32, month: u8) -> Day {
        let day = days_in_month(year, month);
        Day { year, month, day }
    }
}

/// The Gregorian day of the Julian calendar's day `julian` (its fields
/// read as a Julian date): Old Style 25 October 1917 is New Style 7
/// November 1917, 13 days later from March 1900 to February 2100, 10
/// days later in 1582.
///
/// ```
/// use glossator::dates::{julian_to_gregorian, Day};
/// let os = Day { year: 1917, month: 10, day: 25 };
/// assert_eq!(julian_to_gregorian(os).to_string(), "1917-11-07");
/// ```
pub fn julian_to_gregorian(julian: Day) -> Day {
    // Julian day number of the Julian date, then the Gregorian date of it
    // (the algorithms of the Explanatory Supplement to the Astronomical
    // Almanac, in Euclidean division so that they hold before year 0).
    let (y, m, d) = (
        i64::from(julian.year),
        i64::from(julian.month),
        i64::from(julian.day),
    );
    let a = (14 - m).div_euclid(12);
    let (y, m) = (y + 4800 - a, m + 12 * a - 3);
    let jdn = d + (153 * m + 2).div_euclid(5) + 365 * y + y.div_euclid(4) - 32083;
    let a = jdn + 32044;
    let b = (4 * a + 3).div_euclid(146_097);
    let c = a - (146_097 * b).div_euclid(4);
    let d = (4 * c + 3).div_euclid(1461);
    let e = c - (1461 * d).div_euclid(4);
    let m = (5 * e + 2).div_euclid(153);
    Day {
        year: (100 * b + d - 4800 + m.div_euclid(10)) as i32,
        month: (m + 3 - 12 * m.div_euclid(10)) as u8,
        day: (e - (153 * m + 2).div_euclid(5) + 1) as u8,
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{:02}-{:02}", Year(self.year), self.month, self.day)
    }
}

/// A year as ISO 8601 and EDTF write it: four digits at least, a minus
/// sign before the years before year 0 (1 BC): `1924`, `0043`, `-0043`.
pub(crate) struct Year(pub i32);

impl fmt::Display for Year {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut year = String::with_capacity(12);
        push_year(&mut year, self.0);
        f.write_str(&year)
    }
}

/// Appends `year` as [`Year`] writes it: the one home of a year's digits,
/// written without the formatting machinery because the date tagger
/// writes a value for every date it finds.
pub(crate) fn push_year(out: &mut String, year: i32) {
    if year < 0 {
        out.push('-');
    }
    let mut digits = itoa::Buffer::new();
    let digits = digits.format(year.unsigned_abs());
    out.extend(std::iter::repeat_n(
        '0',
        4usize.saturating_sub(digits.len()),
    ));
    out.push_str(digits);
}

/// Appends `n` (below 100: a month, a day, a season's code) as two digits.
pub(crate) fn push_two_digits(out: &mut String, n: u8) {
    debug_assert!(n < 100, "{n} has more than two digits");
    out.push(char::from(b'0' + n / 10 % 10));
    out.push(char::from(b'0' + n % 10));
}

/// Parses exactly `N` ASCII digits.
fn fixed_digits<const N: usize>(s: &str) -> Option<u32> {
    let ok = s.len() == N && s.bytes().all(|b| b.is_ascii_digit());
    ok.then(|| s.parse().ok()).flatten()
}

impl FromStr for Day {
    type Err = String;

    /// Parses `"YYYY-MM-DD"` (four-digit year, `-` before it for the years
    /// before year 0) and checks that the day exists.
    fn from_str(s: &str) -> Result<Day, String> {
        let (sign, unsigned) = match s.strip_prefix('-') {
            Some(rest) => (-1, rest),
            None => (1, s),
        };
        let mut parts = unsigned.split('-');
        let (y, m, d) = (parts.next(), parts.next(), parts.next());
        let parsed = match (y, m, d, parts.next()) {
            (Some(y), Some(m), Some(d), None) => Some((
                fixed_digits::<4>(y),
                fixed_digits::<2>(m),
                fixed_digits::<2>(d),
            )),
            _ => None,
        };
        match parsed {
            Some((Some(y), Some(m), Some(d))) => Day::new(sign * y as i32, m as u8, d as u8),
            _ => None,
        }
        .ok_or_else(|| format!("not a valid YYYY-MM-DD day: {s:?}"))
    }
}

impl Serialize for Day {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Day, D::Error> {
        let text = String::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::de::value::{Error, StrDeserializer};
    use serde::de::IntoDeserializer;

    #[test]
    fn years_and_two_digits_are_written_as_the_formatter_pads_them() {
        for year in (-12_000..=12_000).chain([i32::MIN, i32::MAX]) {
            let sign = if year < 0 { "-" } else { "" };
            let padded = format!("{sign}{:04}", year.unsigned_abs());
            assert_eq!(Year(year).to_string(), padded);
        }
        for n in 0..100 {
            let mut out = String::new();
            push_two_digits(&mut out, n);
            assert_eq!(out, format!("{n:02}"));
        }
    }

    #[test]
    fn leap_years_follow_the_gregorian_rule() {
        assert!(is_leap(1924) && is_leap(2000));
        assert!(!is_leap(1900) && !is_leap(1923));
        assert_eq!(days_in_month(1924, 2), 29);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(1924, 13), 0);
    }

    #[test]
    fn parses_and_displays_iso_days() {
        let day: Day = "1922-12-22".parse().unwrap();
        assert_eq!(
            day,
            Day {
                year: 1922,
                month: 12,
                day: 22
            }
        );
        assert_eq!(day.to_string(), "1922-12-22");
        for bad in [
            "1922-12-32",
            "1922-13-01",
            "1922-1-01",
            "22-12-1922",
            "1922-12-22-1",
            "",
            "--0043-01-01",
            "-43-01-01",
        ] {
            assert!(bad.parse::<Day>().is_err(), "{bad}");
        }
    }

    #[test]
    fn years_before_year_0_have_a_sign() {
        let day: Day = "-0043-03-15".parse().unwrap();
        assert_eq!((day.year, day.month, day.day), (-43, 3, 15));
        assert_eq!(day.to_string(), "-0043-03-15");
        assert_eq!(Day::month_start(0, 1).to_string(), "0000-01-01");
        assert_eq!(Day::month_end(43, 12).to_string(), "0043-12-31");
        assert!(is_leap(0) && is_leap(-4) && !is_leap(-1) && !is_leap(-100));
        assert!(Day::month_start(-43, 1) < Day::month_start(0, 1));
    }

    #[test]
    fn old_style_days_are_later_by_the_calendars_gap() {
        let ns = |y, m, d| {
            julian_to_gregorian(Day {
                year: y,
                month: m,
                day: d,
            })
            .to_string()
        };
        assert_eq!(ns(1917, 10, 25), "1917-11-07");
        assert_eq!(ns(1917, 2, 23), "1917-03-08");
        assert_eq!(ns(1918, 1, 31), "1918-02-13");
        assert_eq!(ns(1582, 10, 5), "1582-10-15");
        assert_eq!(ns(1700, 2, 18), "1700-02-28");
        assert_eq!(ns(1700, 2, 19), "1700-03-01");
        assert_eq!(ns(1752, 9, 2), "1752-09-13");
        assert_eq!(ns(1900, 2, 28), "1900-03-12");
        assert_eq!(ns(-43, 3, 15), "-0043-03-13");
    }

    #[test]
    fn orders_chronologically() {
        let a = Day::month_end(1924, 1);
        let b = Day::month_start(1924, 2);
        assert!(a < b);
        assert_eq!(a.day, 31);
    }

    #[test]
    fn deserializes_from_a_string() {
        let input: StrDeserializer<Error> = "1934-12-01".into_deserializer();
        assert_eq!(
            Day::deserialize(input).unwrap(),
            Day {
                year: 1934,
                month: 12,
                day: 1
            }
        );
        let bad: StrDeserializer<Error> = "1934-02-30".into_deserializer();
        assert!(Day::deserialize(bad).is_err());
    }
}
