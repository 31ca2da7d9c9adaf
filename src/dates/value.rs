//! What a recognized date expression denotes: a [`Kind`] (point, interval,
//! decade, century, season) plus an optional qualifier, and how that becomes
//! an EDTF value and a first/last calendar day.
//!
//! Qualifier thirds (`first_day..=last_day`):
//! * decade `193X`: early 1930-1933, mid 1933-1936, late 1937-1939;
//! * century `19XX`: early 1900-1933, mid 1933-1966, late 1967-1999;
//! * year `1917`: early January-April, mid May-August, late September-December.

use super::calendar::{push_two_digits, push_year, Day};
use super::edtf::{season_bounds, widened};
use super::vocab::Qualifier;

/// A year, a month of a year, or a day; the year astronomical (0 is 1 BC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Point {
    pub year: i32,
    pub month: Option<u8>,
    pub day: Option<u8>,
    /// Approximate ("c. 1930") or uncertain ("1930?").
    pub mark: Option<Mark>,
}

/// EDTF's qualifiers of a date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Mark {
    /// `~`: "c. 1930", "circa", "about", "around".
    Approximate,
    /// `?`: "1930?".
    Uncertain,
}

impl Mark {
    fn as_char(self) -> char {
        match self {
            Mark::Approximate => '~',
            Mark::Uncertain => '?',
        }
    }
}

impl Point {
    pub(crate) fn year(year: i32) -> Point {
        Point {
            year,
            month: None,
            day: None,
            mark: None,
        }
    }

    pub(crate) fn month(year: i32, month: u8) -> Point {
        Point {
            month: Some(month),
            ..Point::year(year)
        }
    }

    /// The day `year-month-day`, if it exists.
    pub(crate) fn day(year: i32, month: u8, day: u8) -> Option<Point> {
        Day::new(year, month, day).map(|_| Point {
            month: Some(month),
            day: Some(day),
            ..Point::year(year)
        })
    }

    /// The same point with the qualifier `mark`.
    pub(crate) fn marked(self, mark: Option<Mark>) -> Point {
        Point { mark, ..self }
    }

    /// The first day named, before any margin.
    fn named_first(self) -> Day {
        let month = self.month.unwrap_or(1);
        Day {
            year: self.year,
            month,
            day: self.day.unwrap_or(1),
        }
    }

    /// The last day named, before any margin.
    fn named_last(self) -> Day {
        let end = Day::month_end(self.year, self.month.unwrap_or(12));
        Day {
            day: self.day.unwrap_or(end.day),
            ..end
        }
    }

    /// The first and last day covered: those named, widened by the margin
    /// of [`super::edtf`] when the point is approximate or uncertain.
    fn days(self) -> (Day, Day) {
        let named = (self.named_first(), self.named_last());
        match self.mark {
            Some(_) => widened(named.0, named.1, self.month.is_none()),
            None => named,
        }
    }

    pub(crate) fn first(self) -> Day {
        self.days().0
    }

    pub(crate) fn last(self) -> Day {
        self.days().1
    }

    /// Does `later` start after this point ends (as named)?
    pub(crate) fn precedes(self, later: Point) -> bool {
        self.named_last() < later.named_first()
    }

    /// Appends the EDTF value: `1924`, `1924-01`, `1924-01-21`, with the
    /// mark after it (`1930~`).
    fn push_edtf(self, out: &mut String) {
        push_year(out, self.year);
        if let Some(month) = self.month {
            out.push('-');
            push_two_digits(out, month);
            if let Some(day) = self.day {
                out.push('-');
                push_two_digits(out, day);
            }
        }
        if let Some(mark) = self.mark {
            out.push(mark.as_char());
        }
    }
}

/// A century: its number's hundreds (`18` for the nineteenth century, `3`
/// for the fourth century BC) and its era. EDTF writes the years it covers
/// as `18XX` and `-03XX`: AD centuries follow the "1800s" reading (00-99),
/// BC ones cover their hundred years exactly (-0399 to -0300 is 400 to 301
/// BC, the fourth century BC).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Century {
    pub hundreds: i32,
    pub bc: bool,
}

impl Century {
    /// The first and last astronomical year.
    fn years(self) -> (i32, i32) {
        let low = self.hundreds * 100;
        match self.bc {
            true => (-(low + 99), -low),
            false => (low, low + 99),
        }
    }
}

/// The shape of a recognized expression.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Kind {
    Point(Point),
    /// From the first point to the second, which starts after the first ends.
    Interval(Point, Point),
    /// The decade starting in this year ("1920s", "the 140s").
    Decade(i32),
    /// From the first decade to the second, later one ("1920s-30s").
    Decades(i32, i32),
    Century(Century),
    /// A year and an EDTF season code (21-24).
    Season(i32, u8),
}

impl Kind {
    /// The EDTF level 0/1 value.
    pub(crate) fn edtf(self) -> String {
        match self {
            Kind::Point(p) => {
                let mut out = String::with_capacity(12);
                p.push_edtf(&mut out);
                out
            }
            Kind::Interval(a, b) => {
                let mut out = String::with_capacity(24);
                a.push_edtf(&mut out);
                out.push('/');
                b.push_edtf(&mut out);
                out
            }
            Kind::Decade(y) => decade_edtf(y),
            Kind::Decades(a, b) => format!("{}/{}", decade_edtf(a), decade_edtf(b)),
            Kind::Century(c) => {
                let sign = if c.bc { "-" } else { "" };
                format!("{sign}{:02}XX", c.hundreds)
            }
            Kind::Season(y, code) => {
                let mut out = String::with_capacity(8);
                push_year(&mut out, y);
                out.push('-');
                push_two_digits(&mut out, code);
                out
            }
        }
    }

    /// First and last day covered, narrowed by `qualifier`.
    pub(crate) fn bounds(self, qualifier: Option<Qualifier>) -> (Day, Day) {
        match (self, qualifier) {
            (Kind::Point(p), None) => (p.first(), p.last()),
            (Kind::Point(p), Some(q)) => year_third(p.year, q),
            (Kind::Interval(a, b), _) => (a.first(), b.last()),
            (Kind::Decade(y), q) => years(y, thirds(q, [0, 3, 3, 6, 7, 9], 9)),
            (Kind::Decades(a, b), _) => (Day::month_start(a, 1), Day::month_end(b + 9, 12)),
            (Kind::Century(c), q) => years(c.years().0, thirds(q, [0, 33, 33, 66, 67, 99], 99)),
            (Kind::Season(y, code), _) => {
                season_bounds(y, code).expect("grammar emits codes 21-24")
            }
        }
    }
}

/// `192X`, `014X`.
fn decade_edtf(first_year: i32) -> String {
    format!("{:03}X", first_year / 10)
}

/// The (first, last) offsets of the `qualifier`'s third out of
/// `[early_from, early_to, mid_from, mid_to, late_from, late_to]`, or
/// `(0, whole)` without one.
fn thirds(qualifier: Option<Qualifier>, table: [i32; 6], whole: i32) -> (i32, i32) {
    match qualifier {
        None => (0, whole),
        Some(Qualifier::Early) => (table[0], table[1]),
        Some(Qualifier::Mid) => (table[2], table[3]),
        Some(Qualifier::Late) => (table[4], table[5]),
    }
}

/// 1 January of `base + from` to 31 December of `base + to`.
fn years(base: i32, (from, to): (i32, i32)) -> (Day, Day) {
    (
        Day::month_start(base + from, 1),
        Day::month_end(base + to, 12),
    )
}

/// The qualifier's third of a year, in months: 1-4, 5-8, 9-12.
fn year_third(year: i32, qualifier: Qualifier) -> (Day, Day) {
    let (from, to) = thirds(Some(qualifier), [1, 4, 5, 8, 9, 12], 12);
    (
        Day::month_start(year, from as u8),
        Day::month_end(year, to as u8),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(kind: Kind, qualifier: Option<Qualifier>) -> (String, String, String) {
        let (first, last) = kind.bounds(qualifier);
        (kind.edtf(), first.to_string(), last.to_string())
    }

    fn strings(value: &str, first: &str, last: &str) -> (String, String, String) {
        (value.into(), first.into(), last.into())
    }

    #[test]
    fn decades_split_in_thirds() {
        let early = shown(Kind::Decade(1930), Some(Qualifier::Early));
        assert_eq!(early, strings("193X", "1930-01-01", "1933-12-31"));
        let mid = shown(Kind::Decade(1930), Some(Qualifier::Mid));
        assert_eq!(mid, strings("193X", "1933-01-01", "1936-12-31"));
        let late = shown(Kind::Decade(1920), Some(Qualifier::Late));
        assert_eq!(late, strings("192X", "1927-01-01", "1929-12-31"));
    }

    #[test]
    fn centuries_and_years_split_in_thirds() {
        let twentieth = Century {
            hundreds: 19,
            bc: false,
        };
        let early = shown(Kind::Century(twentieth), Some(Qualifier::Early));
        assert_eq!(early, strings("19XX", "1900-01-01", "1933-12-31"));
        let late = shown(Kind::Point(Point::year(1917)), Some(Qualifier::Late));
        assert_eq!(late, strings("1917", "1917-09-01", "1917-12-31"));
    }

    #[test]
    fn eras_marks_and_small_years() {
        let bc = Century {
            hundreds: 3,
            bc: true,
        };
        assert_eq!(
            shown(Kind::Century(bc), None),
            strings("-03XX", "-0399-01-01", "-0300-12-31")
        );
        assert_eq!(
            shown(Kind::Century(bc), Some(Qualifier::Early)),
            strings("-03XX", "-0399-01-01", "-0366-12-31")
        );
        let ad = Century {
            hundreds: 10,
            bc: false,
        };
        assert_eq!(shown(Kind::Century(ad), None).0, "10XX");
        assert_eq!(
            shown(Kind::Decade(140), None),
            strings("014X", "0140-01-01", "0149-12-31")
        );
        let about = Point::year(1930).marked(Some(Mark::Approximate));
        assert_eq!(
            shown(Kind::Point(about), None),
            strings("1930~", "1928-01-01", "1932-12-31")
        );
        let bc = Kind::Interval(Point::year(-54), Point::year(-53));
        assert_eq!(
            shown(bc, None),
            strings("-0054/-0053", "-0054-01-01", "-0053-12-31")
        );
        assert_eq!(
            shown(Kind::Decades(1920, 1930), None),
            strings("192X/193X", "1920-01-01", "1939-12-31")
        );
    }

    #[test]
    fn points_and_intervals() {
        let feb = Point::month(1924, 2);
        assert_eq!(
            shown(Kind::Point(feb), None),
            strings("1924-02", "1924-02-01", "1924-02-29")
        );
        let a = Point::day(1924, 1, 21).unwrap();
        let b = Point::day(1924, 1, 23).unwrap();
        assert!(a.precedes(b) && !b.precedes(a));
        let range = shown(Kind::Interval(a, b), None);
        assert_eq!(
            range,
            strings("1924-01-21/1924-01-23", "1924-01-21", "1924-01-23")
        );
        assert_eq!(Point::day(1922, 2, 29), None);
    }
}
