//! Several dates in one phrase, sharing their last parts: an enumeration
//! gives one date per element, each valued in full.
//!
//! | written | spans | values |
//! |---|---|---|
//! | 4 and 11 August 1789 | `4`, `11 August 1789` | `1789-08-04`, `1789-08-11` |
//! | 4, 5 and 11 August 1789 | `4`, `5`, `11 August 1789` | `1789-08-04` ... |
//! | 22 June and 6 July 1535 | `22 June`, `6 July 1535` | `1535-06-22`, `1535-07-06` |
//! | June, July and August 1941 | `June`, `July`, `August 1941` | `1941-06` ... |
//! | spring and summer 1921 | `spring`, `summer 1921` | `1921-21`, `1921-22` |
//! | the 16th and 17th centuries | `16th`, `17th centuries` | `15XX`, `16XX` |
//! | 55 and 54 BC | `55`, `54 BC` | `-0054`, `-0053` |
//! | AD 60 or 61 | `AD 60`, `61` | `0060`, `0061` |
//! | August 4 and 11, 1789 | `August 4`, `11, 1789` | `1789-08-04`, `1789-08-11` |
//! | August 4, 5 and September 2, 1789 | `August 4`, `5`, `September 2, 1789` | `1789-08-04` ... |
//! | August 4–11, 1789 | `August 4–11, 1789` | `1789-08-04/1789-08-11` |
//!
//! The rule: a date the grammar found (the *last* date: a day written day
//! first, a month, a season, an ordinal century or a year with its era
//! after it) may be preceded by elements of the same kind that leave out
//! what follows them (the month, the year, the era, "century"). The element
//! nearest the last date is joined to it by "and", "or" or "&" (a comma may
//! come before the word), the ones before by commas. An element's span is
//! its own words, so the first date of "4 and 11 August 1789" is the span
//! `4`, valued `1789-08-04` with the month and year of the last date. Every
//! element must end before the next one starts (in time), be a valid date
//! and pass the [`guard`]'s vetoes; months need a capital ("may and June"
//! is no list). A date with "AD" before it may be followed by more years
//! of its era ("AD 60 or 61", "AD 83, 84 and 85"), the last of them after a
//! conjunction.
//!
//! "between 4 and 11 August 1789" and "from June to August 1941", with one
//! element, are one range (`1789-08-04/1789-08-11`), as "between 1928 and
//! 1941" is.
//!
//! Days written month first share what comes *last* and *first*: the year
//! follows the last day, and a day without a month takes the month of the
//! day before it ("August 4 and 11, 1789"), so the first must name one,
//! with a capital. The last date is then a bare year after a day (or a
//! month-first day with its year), and the elements are read back from it
//! as above; a dash between two days is a range ("August 4–11, 1789").
//!
//! [`guard`]: super::guard

use super::era::{as_era_number, era_after, era_mark};
use super::grammar::{day_number, month_and_year, month_word, Parsed, Scan};
use super::guard;
use super::lexer::{
    byte_is, char_before, is_dash, number, previous_word, skip_spaces_back, spaces1, token_start,
    word, word_ending,
};
use super::periods::century_ordinal;
use super::value::{Century, Kind, Point};
use super::vocab::{classify, Era, Word};

/// At most this many elements before a last date.
const MAX_ELEMENTS: usize = 8;

/// What the elements share with the last date: the parts they leave out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Shape {
    /// Days of its month and year, or days and months of its year ("22
    /// June and 6 July 1535").
    Day { year: i32, month: u8 },
    /// Months of its year.
    Month { year: i32 },
    /// Seasons of its year.
    Season { year: i32 },
    /// Centuries of its era.
    Century { bc: bool },
    /// Years of its era.
    Year(Era),
}

/// A start offset and the expression parsed there.
pub(crate) type Item = (usize, Parsed);

/// How an element is joined to what follows it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Join {
    Comma,
    /// A dash between two days written month first: a range.
    Dash,
    /// "and", "or", "&", or "to" (which only a range "from ... to" takes).
    Word(Conjunction),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Conjunction {
    And,
    Or,
    To,
}

/// The dates of an enumeration ending in `last` (parsed at `start`): the
/// elements before it (none starting before `floor`), then `last`; or the
/// one range "between X and `last`" / "from X to `last`". `None` when no
/// element comes before it.
pub(crate) fn before(s: &Scan, floor: usize, start: usize, last: Parsed) -> Option<Vec<Item>> {
    let text = s.text;
    // Most dates stand alone: without "and", "or" or "&" just before the
    // last date no element of its shape comes before it, so its shape (its
    // words read again) is not needed, and nothing is allocated. Every
    // last date that has a shape is one that `month_first` refuses.
    let joined = join_before(text, start).is_some_and(|(_, join)| join != Join::Comma);
    let Some(shape) = joined.then(|| shape(s, start, last)).flatten() else {
        return month_first(s, floor, start, last);
    };
    let mut items = vec![(start, last)];
    let mut first_join = None;
    while items.len() <= MAX_ELEMENTS {
        let (next_start, next) = items[items.len() - 1];
        let Some((end, join)) = join_before(text, next_start) else {
            break;
        };
        let allowed = match first_join {
            None => matches!(join, Join::Word(_)),
            Some(Join::Word(Conjunction::To)) => false,
            Some(_) => join == Join::Comma,
        };
        let element = allowed
            .then(|| element_ending(text, shape, end))
            .flatten()
            .filter(|&(at, kind)| at >= floor && ends_before(kind, next.kind))
            .filter(|&(at, _)| guard::accepts(text, at, end));
        let Some((at, kind)) = element else {
            break;
        };
        items.push((at, Parsed::plain(kind, end)));
        first_join.get_or_insert(join);
    }
    if items.len() == 1 {
        return None;
    }
    items.reverse();
    match (first_join, items.as_slice()) {
        (Some(Join::Word(c)), &[(at, a), (_, b)]) => match range(text, c, at, a, b) {
            Some(range) => Some(vec![range]),
            None if c == Conjunction::To => None,
            None => Some(items),
        },
        (Some(Join::Word(Conjunction::To)), _) => None,
        _ => Some(items),
    }
}

/// A day written month first, ending at `end`: its start, its day and
/// element end, and its month if it names one ("August 4", "Aug. 4th",
/// "11").
#[derive(Clone, Copy, Debug)]
struct MonthDay {
    at: usize,
    end: usize,
    month: Option<u8>,
    day: u8,
}

/// The days of an enumeration written month first whose last date `last`
/// at `start` is a bare year after a day ("August 4 and 11, 1789") or a
/// month-first day with its year ("August 4 and September 2, 1789"): see
/// the module's table. `None` when no element comes before the last day.
fn month_first(s: &Scan, floor: usize, start: usize, last: Parsed) -> Option<Vec<Item>> {
    let text = s.text;
    let Kind::Point(point) = last.kind else {
        return None;
    };
    if point.mark.is_some() || last.qualifier.is_some() {
        return None;
    }
    let last_day = match (point.month, point.day) {
        (None, _) => {
            let q = skip_spaces_back(text, start);
            let q = q - usize::from(char_before(text, q) == Some(','));
            let day = month_day_ending(text, q).filter(|_| q < start)?;
            // A year with its era after it ("44 BC") lists years of its
            // era (see `shape`), not days.
            let era = number(text, start).and_then(|n| era_after(text, n.end));
            era.is_none().then_some(day)?
        }
        (Some(month), Some(day)) => {
            let (_, month_end) = month_word(text, start)?;
            let day_end = day_number(text, number(text, spaces1(text, month_end)?)?)?.1;
            MonthDay {
                at: start,
                end: day_end,
                month: Some(month),
                day,
            }
        }
        _ => return None,
    };
    // Right to left, as `before` reads: the nearest join a word or a dash,
    // the others commas.
    let mut days = vec![last_day];
    let mut first_join = None;
    while days.len() <= MAX_ELEMENTS {
        let at = days[days.len() - 1].at;
        let Some((end, join)) = join_before(text, at).or_else(|| dash_before(text, at)) else {
            break;
        };
        let allowed = match first_join {
            None => join != Join::Comma,
            Some(Join::Word(Conjunction::To) | Join::Dash) => false,
            Some(_) => join == Join::Comma,
        };
        let Some(day) = allowed
            .then(|| month_day_ending(text, end))
            .flatten()
            .filter(|day| day.at >= floor)
        else {
            break;
        };
        days.push(day);
        first_join.get_or_insert(join);
    }
    days.reverse();
    let first_month = days[0].month?;
    let (mut month, mut items) = (first_month, Vec::with_capacity(days.len()));
    for (i, day) in days.iter().enumerate() {
        month = day.month.unwrap_or(month);
        let end = if i + 1 == days.len() {
            last.end
        } else {
            day.end
        };
        let point = Point::day(point.year, month, day.day)?;
        items.push((day.at, Parsed::plain(Kind::Point(point), end)));
    }
    let increasing = items
        .windows(2)
        .all(|pair| ends_before(pair[0].1.kind, pair[1].1.kind));
    // A range's days are one expression: the guard reads it whole (its
    // dash would glue each day to the other).
    let join = first_join?;
    let guarded = match join {
        Join::Dash => guard::accepts(text, items[0].0, last.end),
        _ => items
            .iter()
            .all(|&(at, parsed)| guard::accepts(text, at, parsed.end)),
    };
    match (join, items.as_slice()) {
        _ if !increasing || !guarded => None,
        (Join::Dash, &[(at, a), (_, b)]) => {
            let (Kind::Point(first), Kind::Point(last)) = (a.kind, b.kind) else {
                return None;
            };
            Some(vec![(
                at,
                Parsed::plain(Kind::Interval(first, last), b.end),
            )])
        }
        (Join::Word(c), &[(at, a), (_, b)]) => match range(text, c, at, a, b) {
            Some(range) => Some(vec![range]),
            None if c == Conjunction::To => None,
            None => Some(items),
        },
        (Join::Word(Conjunction::To) | Join::Dash, _) => None,
        _ => Some(items),
    }
}

/// The day written month first that ends exactly at `end`, its month
/// (capitalised) included when one stands before it.
fn month_day_ending(text: &str, end: usize) -> Option<MonthDay> {
    let at = token_start(text, end)?;
    let (day, day_end) = day_number(text, number(text, at)?)?;
    if day_end != end {
        return None;
    }
    let before = skip_spaces_back(text, at);
    let month = token_start(text, before)
        .filter(|_| before < at)
        .filter(|&m| text.as_bytes()[m].is_ascii_uppercase())
        .and_then(|m| Some((m, month_word(text, m).filter(|&(_, e)| e == before)?.0)));
    let (at, month) = month.map_or((at, None), |(m, month)| (m, Some(month)));
    Some(MonthDay {
        at,
        end,
        month,
        day,
    })
}

/// A dash (spaces around it allowed) ending at `p`: the offset where the
/// element before it ends.
fn dash_before(text: &str, p: usize) -> Option<(usize, Join)> {
    let q = skip_spaces_back(text, p);
    let dash = char_before(text, q).filter(|&c| is_dash(c))?;
    Some((skip_spaces_back(text, q - dash.len_utf8()), Join::Dash))
}

/// The years of its era after a date with "AD" (or "CE") before it: "AD 60
/// or 61" → `61`. The last one follows a conjunction; none if there is no
/// such list.
pub(crate) fn after(s: &Scan, start: usize, first: Parsed) -> Vec<Item> {
    let text = s.text;
    let Some((Era::Ad, true, _)) = era_mark(text, start) else {
        return Vec::new();
    };
    let Kind::Point(mut previous) = first.kind else {
        return Vec::new();
    };
    let (mut items, mut p, mut last_word) = (Vec::new(), first.end, 0);
    while items.len() < MAX_ELEMENTS {
        let Some((q, join)) = join_after(text, p) else {
            break;
        };
        let Some(n) = number(text, q) else { break };
        let year = as_era_number(text, n).map(|year| Point::year(Era::Ad.year(year)));
        let Some(year) = year.filter(|&y| previous.precedes(y) && era_after(text, n.end).is_none())
        else {
            break;
        };
        if !guard::accepts(text, q, n.end) {
            break;
        }
        items.push((q, Parsed::plain(Kind::Point(year), n.end)));
        if matches!(join, Join::Word(_)) {
            last_word = items.len();
        }
        (previous, p) = (year, n.end);
    }
    items.truncate(last_word);
    items
}

/// The shape of the last date parsed at `start`, if elements may come
/// before it.
fn shape(s: &Scan, start: usize, last: Parsed) -> Option<Shape> {
    let text = s.text;
    if last.qualifier.is_some() {
        return None;
    }
    match last.kind {
        Kind::Point(p) if p.mark.is_none() => match (number(text, start), p.month, p.day) {
            (Some(n), Some(month), Some(_)) => {
                let (_, end) = day_number(text, n)?;
                month_and_year(s, end)?;
                Some(Shape::Day {
                    year: p.year,
                    month,
                })
            }
            (None, Some(_), None) => month_word(text, start).map(|_| Shape::Month { year: p.year }),
            (Some(n), None, None) => era_after(text, n.end).map(|(era, _)| Shape::Year(era)),
            _ => None,
        },
        Kind::Century(c) => century_ordinal(text, start).map(|_| Shape::Century { bc: c.bc }),
        Kind::Season(year, _) => season_word(text, start).map(|_| Shape::Season { year }),
        _ => None,
    }
}

/// The separator that ends at `p` (before the next element or the last
/// date): the offset where the element before it ends, and the join.
/// "and", "or" and "&" stand between spaces, a comma may come before them;
/// a comma alone needs a space after it.
fn join_before(text: &str, p: usize) -> Option<(usize, Join)> {
    let q = skip_spaces_back(text, p);
    if q == p {
        return None;
    }
    if char_before(text, q) == Some(',') {
        return Some((q - 1, Join::Comma));
    }
    let (conjunction, word_start) = match word_ending(text, q) {
        Some((w, at)) => (conjunction(w)?, at),
        None if char_before(text, q) == Some('&') => (Conjunction::And, q - 1),
        None => return None,
    };
    let end = skip_spaces_back(text, word_start);
    if end == word_start {
        return None;
    }
    let end = end - usize::from(char_before(text, end) == Some(','));
    Some((end, Join::Word(conjunction)))
}

/// The separator starting at `p` (after a year): the offset after it and
/// the join.
fn join_after(text: &str, p: usize) -> Option<(usize, Join)> {
    if byte_is(text, p, b',') {
        let q = spaces1(text, p + 1)?;
        return match word(text, q).and_then(|(w, end)| Some((conjunction(w)?, end))) {
            Some((c, end)) => Some((spaces1(text, end)?, Join::Word(c))),
            None => Some((q, Join::Comma)),
        };
    }
    let q = spaces1(text, p)?;
    let (c, end) = match word(text, q) {
        Some((w, end)) => (conjunction(w)?, end),
        None if byte_is(text, q, b'&') => (Conjunction::And, q + 1),
        None => return None,
    };
    (c != Conjunction::To).then_some(())?;
    Some((spaces1(text, end)?, Join::Word(c)))
}

fn conjunction(w: &str) -> Option<Conjunction> {
    if w.eq_ignore_ascii_case("or") {
        return Some(Conjunction::Or);
    }
    match classify(w)? {
        Word::And => Some(Conjunction::And),
        Word::To if w.eq_ignore_ascii_case("to") => Some(Conjunction::To),
        _ => None,
    }
}

/// The element of `shape` ending exactly at `end`: its start and what it
/// denotes. A day may bring its own month ("22 June").
pub(crate) fn element_ending(text: &str, shape: Shape, end: usize) -> Option<(usize, Kind)> {
    let last_token = token_start(text, end)?;
    let two_tokens = token_start(text, skip_spaces_back(text, last_token));
    let starts = match shape {
        Shape::Day { .. } => [two_tokens, Some(last_token)],
        _ => [Some(last_token), None],
    };
    starts
        .into_iter()
        .flatten()
        .find_map(|at| Some((at, element_at(text, shape, at, end)?)))
}

/// The element of `shape` at `p`, if it ends exactly at `end`.
fn element_at(text: &str, shape: Shape, p: usize, end: usize) -> Option<Kind> {
    let point = match shape {
        Shape::Day { year, month } => {
            let (day, day_end) = day_number(text, number(text, p)?)?;
            let own_month = spaces1(text, day_end).and_then(|q| month_word(text, q));
            match own_month {
                Some((month, month_end)) if month_end == end => Point::day(year, month, day)?,
                _ if day_end == end => Point::day(year, month, day)?,
                _ => return None,
            }
        }
        Shape::Month { year } => {
            let capital = text.as_bytes()[p].is_ascii_uppercase();
            let (month, month_end) = month_word(text, p).filter(|_| capital)?;
            (month_end == end).then_some(Point::month(year, month))?
        }
        Shape::Year(era) => {
            let n = number(text, p).filter(|n| n.end == end)?;
            Point::year(era.year(as_era_number(text, n)?))
        }
        Shape::Century { bc } => {
            let (ordinal, ordinal_end) = century_ordinal(text, p)?;
            let century = Century {
                hundreds: i32::from(ordinal) - 1,
                bc,
            };
            return (ordinal_end == end).then_some(Kind::Century(century));
        }
        Shape::Season { year } => {
            let (code, season_end) = season_word(text, p)?;
            return (season_end == end).then_some(Kind::Season(year, code));
        }
    };
    Some(Kind::Point(point))
}

/// A season word at `p`: its EDTF code and the offset after it.
fn season_word(text: &str, p: usize) -> Option<(u8, usize)> {
    let (w, end) = word(text, p)?;
    match classify(w)? {
        Word::Season(code) => Some((code, end)),
        _ => None,
    }
}

/// Does `a` end before `b` starts?
fn ends_before(a: Kind, b: Kind) -> bool {
    a.bounds(None).1 < b.bounds(None).0
}

/// "between X and Y", "from X to Y": the range from the element `a` at
/// `at` to the last date `b`, both points, starting at the opening word.
fn range(text: &str, c: Conjunction, at: usize, a: Parsed, b: Parsed) -> Option<Item> {
    let opener = previous_word(text, at).and_then(classify)?;
    let fits = matches!(
        (opener, c),
        (Word::Between, Conjunction::And) | (Word::From, Conjunction::To)
    );
    let (Kind::Point(first), Kind::Point(last)) = (a.kind, b.kind) else {
        return None;
    };
    let opener_start = token_start(text, skip_spaces_back(text, at))?;
    let kind = Kind::Interval(first, last);
    fits.then_some((opener_start, Parsed::plain(kind, b.end)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::grammar::{parse, Context};
    use crate::dates::DateTagger;

    /// The spans and values of the phrase ending in the expression that
    /// starts at `last` in `text`.
    fn listed<'t>(text: &'t str, last: &str) -> Option<Vec<(&'t str, String)>> {
        let s = Scan::new(text, Context::default());
        let start = text.find(last).expect("the last date is in the text");
        let items = before(&s, 0, start, parse(&s, start)?)?;
        let shown = items
            .iter()
            .map(|&(at, p)| (&text[at..p.end], p.kind.edtf()));
        Some(shown.collect())
    }

    fn pairs(expected: &[(&'static str, &str)]) -> Option<Vec<(&'static str, String)>> {
        Some(expected.iter().map(|&(a, b)| (a, b.to_string())).collect())
    }

    #[test]
    fn elements_take_the_parts_they_leave_out() {
        assert_eq!(
            listed("on 4, 5 and 11 August 1789", "11"),
            pairs(&[
                ("4", "1789-08-04"),
                ("5", "1789-08-05"),
                ("11 August 1789", "1789-08-11")
            ])
        );
        assert_eq!(
            listed("22 June and 6 July 1535", "6"),
            pairs(&[("22 June", "1535-06-22"), ("6 July 1535", "1535-07-06")])
        );
        assert_eq!(
            listed("Jan., Feb. & Mar. 1930", "Mar"),
            pairs(&[
                ("Jan.", "1930-01"),
                ("Feb.", "1930-02"),
                ("Mar. 1930", "1930-03")
            ])
        );
        assert_eq!(
            listed("4th and 3rd centuries BC", "3rd"),
            pairs(&[("4th", "-03XX"), ("3rd centuries BC", "-02XX")])
        );
        assert_eq!(
            listed("55 and 54 BC", "54"),
            pairs(&[("55", "-0054"), ("54 BC", "-0053")])
        );
        assert_eq!(
            listed("autumn or winter 1926", "winter"),
            pairs(&[("autumn", "1926-23"), ("winter 1926", "1926-24")])
        );
    }

    #[test]
    fn the_nearest_join_is_a_conjunction_the_others_commas() {
        assert_eq!(listed("4, 11 August 1789", "11"), None);
        assert_eq!(
            listed("4 and 5 and 11 August 1789", "11").map(|v| v.len()),
            Some(2)
        );
        assert_eq!(listed("4 ,and 11 August 1789", "11"), None);
        assert_eq!(listed("4and 11 August 1789", "11"), None);
        assert_eq!(listed("11 and 4 August 1789", "4"), None);
        assert_eq!(listed("may and June 1922", "June"), None);
        assert_eq!(listed("4 and 11 1789", "1789"), None);
        assert_eq!(listed("page 4 and 11 August 1789", "11"), None);
    }

    #[test]
    fn between_and_from_make_one_range() {
        assert_eq!(
            listed("between 4 and 11 August 1789", "11"),
            pairs(&[("between 4 and 11 August 1789", "1789-08-04/1789-08-11")])
        );
        assert_eq!(
            listed("From June to August 1941", "August"),
            pairs(&[("From June to August 1941", "1941-06/1941-08")])
        );
        assert_eq!(listed("June to August 1941", "August"), None);
        assert_eq!(
            listed("between the 16th and 17th centuries", "17th").map(|v| v.len()),
            Some(2)
        );
    }

    #[test]
    fn days_written_month_first_share_the_first_month_and_the_last_year() {
        let dates = |text: &str| -> Vec<(String, String)> {
            DateTagger::new()
                .find(text)
                .into_iter()
                .map(|m| (text[m.start..m.end].to_string(), m.value))
                .collect()
        };
        let owned = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|&(a, b)| (a.to_string(), b.to_string()))
                .collect()
        };
        assert_eq!(
            dates("On August 4 and 11, 1789 the decrees passed."),
            owned(&[("August 4", "1789-08-04"), ("11, 1789", "1789-08-11")])
        );
        assert_eq!(
            dates("on Aug. 4th, 5th and 11th, 1789"),
            owned(&[
                ("Aug. 4th", "1789-08-04"),
                ("5th", "1789-08-05"),
                ("11th, 1789", "1789-08-11")
            ])
        );
        assert_eq!(
            dates("August 4 and September 2, 1789"),
            owned(&[
                ("August 4", "1789-08-04"),
                ("September 2, 1789", "1789-09-02")
            ])
        );
        assert_eq!(
            dates("On August 4–11, 1789 they met."),
            owned(&[("August 4–11, 1789", "1789-08-04/1789-08-11")])
        );
        assert_eq!(
            dates("between March 3 and 5, 1917"),
            owned(&[("between March 3 and 5, 1917", "1917-03-03/1917-03-05")])
        );
        // No month first, a month in lower case, days out of order, or
        // "to" with no "from": the year alone.
        for text in [
            "chapters 4 and 11, 1789",
            "they may 4 and 11, 1789",
            "August 11 and 4, 1789",
            "August 4 to 11, 1789",
        ] {
            assert_eq!(dates(text), owned(&[("1789", "1789")]), "{text}");
        }
    }

    #[test]
    fn years_of_an_era_follow_ad() {
        let after_ad = |text: &'static str| {
            let s = Scan::new(text, Context::default());
            let first = parse(&s, 0).expect("a date at the start");
            let items = after(&s, 0, first);
            items
                .iter()
                .map(|&(at, p)| (&text[at..p.end], p.kind.edtf()))
                .collect::<Vec<_>>()
        };
        assert_eq!(after_ad("AD 60 or 61"), [("61", "0061".to_string())]);
        assert_eq!(after_ad("AD 83, 84 and 85").len(), 2);
        assert_eq!(after_ad("AD 60, 61"), []);
        assert_eq!(after_ad("AD 60 and 59"), []);
        assert_eq!(after_ad("AD 60 and 200 soldiers"), []);
        assert_eq!(after_ad("AD 60 and 61 BC"), []);
        assert_eq!(after_ad("60 AD and 61"), []);
    }
}
