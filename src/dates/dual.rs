//! Dual calendar dates: a day written in the Julian calendar (Old Style,
//! Russia's until February 1918, Britain's until 1752) beside the same day
//! in the Gregorian one (New Style), or marked as Old Style.
//!
//! | written | spans | values (Old Style marked) |
//! |---|---|---|
//! | 25 Oct/7 Nov 1917 | `25 Oct`, `7 Nov 1917` | `1917-10-25` OS, `1917-11-07` |
//! | 3/16 April 1917 | `3`, `16 April 1917` | `1917-04-03` OS, `1917-04-16` |
//! | 25 October (7 November) 1917, 25 Oct. (7 Nov.) 1917 | `25 October`, `7 November) 1917` | `1917-10-25` OS, `1917-11-07` |
//! | 24 January (O.S.) 1918, 24 January 1918 (O.S.), ... Old Style | the whole | `1918-01-24` OS |
//! | 7 November (N.S.) 1917 | the whole | `1917-11-07` |
//!
//! Two days joined by a slash, or the second in brackets, are one day in
//! two calendars only when the second is the first's Gregorian day (13
//! days later in 1900-2099, 12 in the 1800s ...): "16/17 July 1918" stays
//! a range. Each calendar's date is a span of its own words, the year
//! going with the date it is written next to (so the New Style span of
//! the bracketed form holds the closing bracket). The Old Style date's
//! value is the date as written, marked `old_style`; its first and last
//! days are Gregorian days, as every date's are ([`julian_to_gregorian`]),
//! so both halves of a dual date cover the same day.
//!
//! [`julian_to_gregorian`]: super::julian_to_gregorian

use super::calendar::julian_to_gregorian;
use super::enumeration::{element_ending, Item, Shape};
use super::grammar::{Parsed, Scan};
use super::lexer::{byte_is, char_at, char_before, number, skip_spaces_back, spaces1};
use super::value::{Kind, Point};

/// At most this many bytes between the brackets of "(7 November)".
const MAX_BRACKETED: usize = 24;

/// Is the day `old` of the Julian calendar the day `new` of the Gregorian?
pub(crate) fn same_day(old: Point, new: Point) -> bool {
    old.day.is_some() && new.day.is_some() && julian_to_gregorian(old.first()) == new.first()
}

/// The dates of the dual date that the expression `parsed` at `start`
/// ends or is part of, or `None` if it is not one.
pub(crate) fn around(s: &Scan, start: usize, parsed: Parsed) -> Option<Vec<Item>> {
    let text = s.text;
    let Kind::Point(p) = parsed.kind else {
        return None;
    };
    if parsed.qualifier.is_some() || p.mark.is_some() {
        return None;
    }
    match (p.month, p.day) {
        (Some(month), Some(_)) => {
            slashed(text, start, parsed, p, month).or_else(|| marked_after(text, start, parsed))
        }
        (None, None) if number(text, start).is_some_and(|n| n.len == 4) => {
            bracketed(text, start, parsed, p.year)
        }
        _ => None,
    }
}

/// Where the dual date that the expression `parsed` at `start` ends with a
/// slash starts ("3/16 April 1917"): the context vetoes look there, not at
/// the slash glued to `start`.
pub(crate) fn slashed_start(s: &Scan, start: usize, parsed: Parsed) -> Option<usize> {
    let Kind::Point(
        new @ Point {
            month: Some(month),
            day: Some(_),
            ..
        },
    ) = parsed.kind
    else {
        return None;
    };
    let items = slashed(s.text, start, parsed, new, month)?;
    Some(items[0].0)
}

/// "25 Oct/7 Nov 1917", "3/16 April 1917": the Old Style day before a
/// slash glued to the New Style date `new` at `start`.
fn slashed(text: &str, start: usize, parsed: Parsed, new: Point, month: u8) -> Option<Vec<Item>> {
    let end = start.checked_sub(1).filter(|&e| byte_is(text, e, b'/'))?;
    let shape = Shape::Day {
        year: new.year,
        month,
    };
    let (at, old) = element_ending(text, shape, end)?;
    let Kind::Point(old) = old else { return None };
    same_day(old, new).then(|| vec![(at, old_style(old, end)), (start, parsed)])
}

/// "25 October (7 November) 1917", "24 January (O.S.) 1918": a day and
/// month, then in brackets the New Style day and month or a style mark,
/// before the year `year` at `start`.
fn bracketed(text: &str, start: usize, year_date: Parsed, year: i32) -> Option<Vec<Item>> {
    let after_bracket = skip_spaces_back(text, start);
    let inner_end = after_bracket.checked_sub(1)?;
    if after_bracket == start || char_before(text, after_bracket) != Some(')') {
        return None;
    }
    let from = text.floor_char_boundary(inner_end.saturating_sub(MAX_BRACKETED));
    let open = text[from..inner_end].rfind('(').map(|i| from + i)?;
    let before = skip_spaces_back(text, open);
    // Days and months only: a day alone takes no month here.
    let own_month = Shape::Day { year, month: 0 };
    let day_month = |end: usize| match element_ending(text, own_month, end)? {
        (at, Kind::Point(point)) => Some((at, point)),
        _ => None,
    };
    let (at, first) = day_month(before).filter(|_| before < open)?;
    if let Some((old, _)) = style_mark(text, open + 1).filter(|&(_, end)| end == inner_end) {
        let whole = Parsed {
            old_style: old,
            ..Parsed::plain(Kind::Point(first), year_date.end)
        };
        return Some(vec![(at, whole)]);
    }
    let (inner, new) = day_month(inner_end).filter(|&(inner, _)| inner == open + 1)?;
    same_day(first, new).then(|| {
        vec![
            (at, old_style(first, before)),
            (inner, Parsed::plain(Kind::Point(new), year_date.end)),
        ]
    })
}

/// "24 January 1918 (O.S.)", "24 January 1918 Old Style": the date
/// `parsed` at `start` with a style mark after it.
fn marked_after(text: &str, start: usize, parsed: Parsed) -> Option<Vec<Item>> {
    let q = spaces1(text, parsed.end)?;
    let (old, end) = match byte_is(text, q, b'(') {
        true => style_mark(text, q + 1)
            .filter(|&(_, end)| byte_is(text, end, b')'))
            .map(|(old, end)| (old, end + 1))?,
        false => style_mark(text, q)?,
    };
    Some(vec![(
        start,
        Parsed {
            end,
            old_style: old,
            ..parsed
        },
    )])
}

/// A style mark at `p`: "O.S." or "Old Style" (true), "N.S." or "New
/// Style" (false), any case, and the offset after it.
fn style_mark(text: &str, p: usize) -> Option<(bool, usize)> {
    const MARKS: [(&str, bool); 4] = [
        ("o.s.", true),
        ("old style", true),
        ("n.s.", false),
        ("new style", false),
    ];
    MARKS.iter().find_map(|&(mark, old)| {
        let end = p + mark.len();
        let written = text.get(p..end)?;
        let clean = !char_at(text, end).is_some_and(char::is_alphanumeric);
        (written.eq_ignore_ascii_case(mark) && clean).then_some((old, end))
    })
}

/// The Old Style day `day` ending at `end`.
fn old_style(day: Point, end: usize) -> Parsed {
    Parsed {
        old_style: true,
        ..Parsed::plain(Kind::Point(day), end)
    }
}

#[cfg(test)]
mod tests {
    use crate::dates::DateTagger;

    /// The spans, values and Old Style marks the tagger finds in `text`.
    fn dates(text: &str) -> Vec<(&str, String, bool)> {
        let found = DateTagger::new().find(text);
        let shown = found
            .into_iter()
            .map(|m| (&text[m.start..m.end], m.value, m.old_style));
        shown.collect()
    }

    fn expected(dates: &[(&'static str, &str, bool)]) -> Vec<(&'static str, String, bool)> {
        dates
            .iter()
            .map(|&(a, b, c)| (a, b.to_string(), c))
            .collect()
    }

    /// The look back for a bracket is a byte count: it must not land
    /// inside a character (it did, and panicked, on any non-ASCII text
    /// within its reach).
    #[test]
    fn the_look_back_for_a_bracket_keeps_to_characters() {
        for pad in ["", "a", "ab", "abc"] {
            let text = format!("{pad}{} (x) 1917", "é".repeat(20));
            assert_eq!(dates(&text), expected(&[("1917", "1917", false)]), "{text}");
            let text = format!("{pad}{} (Сталин) 1924", "ё".repeat(20));
            assert_eq!(dates(&text), expected(&[("1924", "1924", false)]), "{text}");
        }
    }

    #[test]
    fn two_calendars_give_two_spans() {
        let pair = [
            ("25 Oct", "1917-10-25", true),
            ("7 Nov 1917", "1917-11-07", false),
        ];
        assert_eq!(dates("On 25 Oct/7 Nov 1917 they rose."), expected(&pair));
        assert_eq!(
            dates("3/16 April 1917"),
            expected(&[
                ("3", "1917-04-03", true),
                ("16 April 1917", "1917-04-16", false)
            ])
        );
        assert_eq!(
            dates("on 25 October (7 November) 1917,"),
            expected(&[
                ("25 October", "1917-10-25", true),
                ("7 November) 1917", "1917-11-07", false)
            ])
        );
        assert_eq!(
            dates("25 Oct. (7 Nov.) 1917"),
            expected(&[
                ("25 Oct.", "1917-10-25", true),
                ("7 Nov.) 1917", "1917-11-07", false)
            ])
        );
    }

    #[test]
    fn a_style_mark_makes_one_span() {
        for text in [
            "24 January (O.S.) 1918",
            "24 January 1918 (O.S.)",
            "24 January 1918 Old Style",
            "24 January (old style) 1918",
        ] {
            assert_eq!(
                dates(text),
                expected(&[(text, "1918-01-24", true)]),
                "{text}"
            );
        }
        let ns = "7 November (N.S.) 1917";
        assert_eq!(dates(ns), expected(&[(ns, "1917-11-07", false)]));
        let found = DateTagger::new().find("24 January (O.S.) 1918");
        assert_eq!(found[0].first_day.to_string(), "1918-02-06");
    }

    #[test]
    fn days_that_are_not_one_day_stay_what_they_were() {
        assert_eq!(
            dates("16/17 July 1918"),
            expected(&[("16/17 July 1918", "1918-07-16/1918-07-17", false)])
        );
        assert_eq!(
            dates("3–16 April 1917"),
            expected(&[("3–16 April 1917", "1917-04-03/1917-04-16", false)])
        );
        assert_eq!(
            dates("25 Oct/8 Nov 1917"),
            expected(&[("8 Nov 1917", "1917-11-08", false)])
        );
        assert_eq!(
            dates("25 October (Tuesday) 1917"),
            expected(&[("1917", "1917", false)])
        );
        assert_eq!(dates("(see 1917)"), expected(&[("1917", "1917", false)]));
    }
}
