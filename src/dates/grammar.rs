//! The date grammar: recognizes the longest date expression starting exactly
//! at a byte offset, by recursive descent over the text with the [`lexer`]
//! helpers. Context vetoes (glued letters, units, page references) are not
//! checked here but in [`super::guard`].
//!
//! Some forms are dates only where the document's other dates say so (the
//! [`Context`]): years under 1000 without an era, and two-digit short
//! forms. A production for one of them that the context does not allow
//! notes it in [`Scan::wants`], so that the tagger knows whether a second
//! pass with the document's context could find more.
//!
//! [`lexer`]: super::lexer

use std::cell::Cell;

use super::era::{as_era_number, era_after, era_first, era_mark, era_range};
use super::lexer::{
    byte_is, char_at, first_word, is_apostrophe, keyword, next_word, number, sentence_start,
    spaced_dash, spaces1, word, Num,
};
use super::periods::{approximate, century, decade, qualified, season};
use super::short::{pivoted, short_alone, small_decade, small_year, small_year_after_month};
use super::value::{Kind, Mark, Point};
use super::vocab::{classify, is_question_word, Era, Qualifier, Word};

/// What the document's other dates say, for the forms that depend on it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Context {
    /// The document dates things before the year 1000 (an era or an early
    /// century), so a number under 1000 may be a year (the small-year rule).
    pub early: bool,
    /// A year near the document's dates: a two-digit year or decade ("’33",
    /// "the 30s", "31/8/35") is the one of its century nearest to it.
    pub pivot: Option<i32>,
    /// Numeric dates are month first ("4/14/1865").
    pub month_first: bool,
}

/// What a scan saw that a richer [`Context`] would read differently.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Wants {
    /// A small year the context did not allow.
    pub small_year: bool,
    /// A two-digit short form without a pivot.
    pub short: bool,
    /// A numeric date that is only valid month first ("4/14/1865").
    pub month_first: bool,
    /// A numeric date that is only valid day first ("17/11/1558").
    pub day_first: bool,
    /// A numeric date valid either way ("5/10/1865").
    pub ambiguous: bool,
}

/// One scan of a text: the text, the context it is read in, and what the
/// productions noted.
pub(crate) struct Scan<'t> {
    pub text: &'t str,
    pub cx: Context,
    pub wants: Cell<Wants>,
}

impl<'t> Scan<'t> {
    pub(crate) fn new(text: &'t str, cx: Context) -> Scan<'t> {
        Scan {
            text,
            cx,
            wants: Cell::default(),
        }
    }

    pub(crate) fn note(&self, f: impl FnOnce(&mut Wants)) {
        let mut wants = self.wants.get();
        f(&mut wants);
        self.wants.set(wants);
    }
}

/// A recognized expression: what it denotes and the offset where it ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Parsed {
    pub kind: Kind,
    pub qualifier: Option<Qualifier>,
    pub end: usize,
    /// Written in the Julian calendar (Old Style, see [`super::dual`]).
    pub old_style: bool,
}

impl Parsed {
    pub(crate) fn plain(kind: Kind, end: usize) -> Parsed {
        Parsed {
            kind,
            qualifier: None,
            end,
            old_style: false,
        }
    }
}

/// The longest date expression starting exactly at `p`, if any.
pub(crate) fn parse(s: &Scan, p: usize) -> Option<Parsed> {
    match number(s.text, p) {
        Some(n) => from_number(s, p, n),
        None if char_at(s.text, p).is_some_and(is_apostrophe) => short_alone(s, p),
        None => from_word(s, p),
    }
}

fn from_number(s: &Scan, p: usize, n: Num) -> Option<Parsed> {
    let special = match as_year(n) {
        Some(year) => decade(s, year, n.end),
        None => century(s, p)
            .or_else(|| day_range(s, n))
            .or_else(|| era_range(s, n))
            .or_else(|| small_decade(s, p, n)),
    };
    special.or_else(|| point_with_tail(s, p, None))
}

fn from_word(s: &Scan, p: usize) -> Option<Parsed> {
    if let Some((Era::Ad, true, _)) = era_mark(s.text, p) {
        return point_with_tail(s, p, None);
    }
    let (w, end) = word(s.text, p)?;
    match classify(w)? {
        Word::Between => range_after(s, end, Word::And),
        Word::From => range_after(s, end, Word::To),
        Word::Qualifier(qualifier) => qualified(s, qualifier, end),
        Word::Season(code) => season(s, code, end),
        Word::Month { .. } => month_range(s, p).or_else(|| point_with_tail(s, p, None)),
        Word::Ordinal(_) | Word::Twenty => century(s, p),
        Word::Approx => approximate(s, w, end),
        _ => None,
    }
}

/// May `word` come before the number (or "century") of an expression, in
/// its first words? A word with a role ([`classify`]: a month, a season,
/// "between", "c", an ordinal ...), "of" ("summer of 1929"), or an era mark
/// or one of its dotted letters ("AD 43", "A.D. 43"). Wider than what the
/// productions read (it lets "and" through), never narrower: the tagger
/// reads lead words back only through these, so a missing word would lose
/// dates.
pub(crate) fn may_lead(word: &str) -> bool {
    let era_letters = word.len() <= 2 && word.bytes().all(|b| b.is_ascii_uppercase());
    era_letters || word.eq_ignore_ascii_case("of") || classify(word).is_some()
}

/// A four-digit number in 1000-2099.
pub(crate) fn as_year(n: Num) -> Option<i32> {
    let plausible = n.len == 4 && (1000..=2099).contains(&n.value);
    plausible.then_some(n.value as i32)
}

/// After "between" / "from": a point, the joiner, and a later point.
fn range_after(s: &Scan, p: usize, joiner_word: Word) -> Option<Parsed> {
    let (a, end) = point(s, spaces1(s.text, p)?)?;
    let (b, end) = range_end(s, a, end, joiner_word)?;
    Some(Parsed::plain(Kind::Interval(a, b), end))
}

/// A point, extended to a range if "–", "/" or "to" and a later point
/// follow; the start point takes `mark` ("c. 1501–1536" is `1501~/1536`).
pub(super) fn point_with_tail(s: &Scan, p: usize, mark: Option<Mark>) -> Option<Parsed> {
    let (a, end) = point(s, p)?;
    let a = match mark {
        Some(_) => a.marked(mark),
        None => a,
    };
    Some(match range_end(s, a, end, Word::To) {
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
/// after a dash or slash, a shortened year ("1914–17", "1924–9"). After a
/// start before the year 1000, a bare number is a year of the same era
/// ("AD 122–128", "AD 60/61").
pub(super) fn range_end(s: &Scan, a: Point, p: usize, joiner_word: Word) -> Option<(Point, usize)> {
    let (q, how) = joiner(s.text, p, joiner_word)?;
    let bare = || {
        let n = number(s.text, q).filter(|_| a.year < 1000)?;
        Some((Point::year(as_era_number(s.text, n)?), n.end))
    };
    let later = |(b, _): &(Point, usize)| a.precedes(*b);
    if let Some(found) = point(s, q).filter(later).or_else(|| bare().filter(later)) {
        return Some(found);
    }
    let shortened = how == Joiner::Mark && a.month.is_none() && a.year > 0;
    shortened.then(|| short_year(s.text, a.year, q)).flatten()
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
/// "22/12/1922", "January 1924", "December 22, 1922", "44 BC", "AD 43",
/// "1930?", and in an early document "410".
fn point(s: &Scan, p: usize) -> Option<(Point, usize)> {
    let text = s.text;
    let Some(n) = number(text, p) else {
        return month_first(s, p).or_else(|| era_first(s, p));
    };
    if let Some((era, end)) = as_era_number(text, n).and_then(|_| era_after(text, n.end)) {
        return Some((Point::year(era.year(n.value as i32)), end));
    }
    match as_year(n) {
        Some(year) => Some(
            iso_day(text, year, n.end)
                .unwrap_or_else(|| uncertain(text, Point::year(year), p, n.end)),
        ),
        None => day_first(s, n)
            .or_else(|| numeric_day(s, n))
            .or_else(|| numeric_month(s, n))
            .or_else(|| small_year(s, p)),
    }
}

/// "1930?": the year `point` ending at `end` followed by a question mark,
/// unless the sentence asks a question: it starts with a question word
/// ("Did Lenin die in 1924?", "“Why 1793?”", past quotes and bullets) or in lower case, the tail of a quiz line's
/// question ("to succeed Lenin in the years 1924-1928?").
fn uncertain(text: &str, point: Point, start: usize, end: usize) -> (Point, usize) {
    let marked = byte_is(text, end, b'?')
        && !char_at(text, end + 1).is_some_and(char::is_alphanumeric)
        && !first_word(text, sentence_start(text, start)).is_some_and(|w| {
            is_question_word(w) || w.starts_with(|c: char| c.is_ascii_lowercase())
        });
    match marked {
        true => (point.marked(Some(Mark::Uncertain)), end + 1),
        false => (point, end),
    }
}

/// A day of the month (1-31), with an optional ordinal suffix ("1st").
pub(crate) fn day_number(text: &str, n: Num) -> Option<(u8, usize)> {
    let day = (n.len <= 2 && (1..=31).contains(&n.value)).then_some(n.value as u8)?;
    Some((day, ordinal_suffix(text, n.end).unwrap_or(n.end)))
}

/// The offset after "st", "nd", "rd" or "th" at `p`.
pub(crate) fn ordinal_suffix(text: &str, p: usize) -> Option<usize> {
    let (w, end) = word(text, p)?;
    let suffix = ["st", "nd", "rd", "th"]
        .iter()
        .any(|s| w.eq_ignore_ascii_case(s));
    suffix.then_some(end)
}

/// A month name at `p` and the offset after it (and after an abbreviation's dot).
pub(crate) fn month_word(text: &str, p: usize) -> Option<(u8, usize)> {
    let (w, end) = word(text, p)?;
    match classify(w)? {
        Word::Month { month, abbreviated } => {
            let dot = abbreviated && byte_is(text, end, b'.');
            Some((month, end + usize::from(dot)))
        }
        _ => None,
    }
}

/// Spaces then a year: four digits, or in an early document a small year
/// ("4 February 211": [`small_year_after_month`]).
fn year_after(s: &Scan, p: usize) -> Option<(i32, usize)> {
    let q = spaces1(s.text, p)?;
    let n = number(s.text, q)?;
    match as_year(n) {
        Some(year) => Some((year, n.end)),
        None => small_year_after_month(s, q),
    }
}

/// `p + 1` if a comma is at `p`.
fn skip_comma(text: &str, p: usize) -> usize {
    p + usize::from(byte_is(text, p, b','))
}

/// After a day: " January 1924", " of Jan. 1924", " December, 1922".
pub(crate) fn month_and_year(s: &Scan, p: usize) -> Option<(u8, i32, usize)> {
    let text = s.text;
    let mut q = spaces1(text, p)?;
    if let Some(end) = keyword(text, q, "of") {
        q = spaces1(text, end)?;
    }
    let (month, end) = month_word(text, q)?;
    let (year, end) = year_after(s, skip_comma(text, end))?;
    Some((month, year, end))
}

/// "21 January 1924", "1st Dec 1934", "21st of January, 1924".
fn day_first(s: &Scan, n: Num) -> Option<(Point, usize)> {
    let (day, end) = day_number(s.text, n)?;
    let (month, year, end) = month_and_year(s, end)?;
    Some((Point::day(year, month, day)?, end))
}

/// "January 1924", "Jan. 1924", "December 22, 1922", "December 22nd 1922".
fn month_first(s: &Scan, p: usize) -> Option<(Point, usize)> {
    let text = s.text;
    let (month, end) = month_word(text, p)?;
    let n = number(text, spaces1(text, end)?)?;
    if let Some(year) = as_year(n) {
        return Some((Point::month(year, month), n.end));
    }
    let (day, end) = day_number(text, n)?;
    let (year, end) = year_after(s, skip_comma(text, end))?;
    Some((Point::day(year, month, day)?, end))
}

/// "22/12/1922", "22.12.1922", "4/14/1865", "31/8/35": day, month and year
/// (or month, day and year), with the same separator. Day first unless the
/// document is month first ([`Context::month_first`]); a date valid only one
/// way is read that way, and noted. A two-digit year takes the pivot's
/// century ("31/8/35").
fn numeric_day(s: &Scan, first: Num) -> Option<(Point, usize)> {
    let text = s.text;
    let sep = *text
        .as_bytes()
        .get(first.end)
        .filter(|&&b| b == b'/' || b == b'.')?;
    let second = number(text, first.end + 1).filter(|m| m.len <= 2 && byte_is(text, m.end, sep))?;
    let y = number(text, second.end + 1)?;
    if first.len > 2 {
        return None;
    }
    let year = match as_year(y) {
        Some(year) => year,
        None if y.len == 2 && sep == b'/' => pivoted(s, y.value)?,
        None => return None,
    };
    let (a, b) = (first.value as u8, second.value as u8);
    let day_first = Point::day(year, b, a);
    let month_first = Point::day(year, a, b);
    let point = match (day_first, month_first) {
        (Some(d), Some(m)) => {
            s.note(|w| w.ambiguous |= d != m);
            if s.cx.month_first {
                m
            } else {
                d
            }
        }
        (Some(d), None) => {
            s.note(|w| w.day_first = true);
            d
        }
        (None, Some(m)) => {
            s.note(|w| w.month_first = true);
            m
        }
        (None, None) => return None,
    };
    Some((point, y.end))
}

/// "2/1861": a month and a four-digit year.
fn numeric_month(s: &Scan, month: Num) -> Option<(Point, usize)> {
    let text = s.text;
    let valid = month.len <= 2 && (1..=12).contains(&month.value) && byte_is(text, month.end, b'/');
    let year = number(text, month.end + 1).filter(|_| valid)?;
    let point = Point::month(as_year(year)?, month.value as u8);
    (!byte_is(text, year.end, b'/')).then_some((point, year.end))
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

/// "March–April 1921": two months of one year.
fn month_range(s: &Scan, p: usize) -> Option<Parsed> {
    let text = s.text;
    let (first, end) = month_word(text, p)?;
    let (last, end) = month_word(text, spaced_dash(text, end)?)?;
    let (year, end) = year_after(s, end)?;
    let kind = Kind::Interval(Point::month(year, first), Point::month(year, last));
    (first < last).then_some(Parsed::plain(kind, end))
}

/// "21–23 January 1924", "16/17 July 1918": two days of one month. Two
/// days joined by a slash that are one day in the Old Style and New Style
/// calendars ("3/16 April 1917") are a dual date ([`super::dual`]), not a
/// range.
fn day_range(s: &Scan, n: Num) -> Option<Parsed> {
    let text = s.text;
    let (first, end) = day_number(text, n)?;
    let dash = spaced_dash(text, end);
    let q = dash.or_else(|| byte_is(text, end, b'/').then_some(end + 1))?;
    let second = number(text, q)?;
    let (last, end) = day_number(text, second)?;
    let (month, year, end) = month_and_year(s, end)?;
    let (a, b) = (
        Point::day(year, month, first)?,
        Point::day(year, month, last)?,
    );
    let dual = dash.is_none() && super::dual::same_day(a, b);
    (a.precedes(b) && !dual).then_some(Parsed::plain(Kind::Interval(a, b), end))
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn in_context(text: &str, cx: Context) -> Option<(String, &str)> {
        parse(&Scan::new(text, cx), 0).map(|p| (p.kind.edtf(), &text[..p.end]))
    }

    pub(crate) fn value(text: &str) -> Option<(String, &str)> {
        in_context(text, Context::default())
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
        let s = Scan::new("mid-1930s", Context::default());
        let mid = parse(&s, 0).unwrap();
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

    /// Every word before the number of an expression that starts with a
    /// word passes `may_lead`: the tagger reads lead words back only
    /// through those. A new production reading a new word belongs here.
    #[test]
    fn words_before_the_number_may_lead() {
        let early = Context {
            early: true,
            pivot: Some(1930),
            ..Context::default()
        };
        for text in [
            "the summer of 1929",
            "Winter of 1926–27",
            "early twenty-first century",
            "late nineteenth century",
            "A.D. 43",
            "c. AD 90",
            "ca. C.E. 90",
            "circa 1930",
            "around 60",
            "between Jan. 1924 and March 1925",
            "from AD 60 to 61",
            "March–April 1921",
            "Dec. 22, 1922",
            "mid-1930s",
            "late ’30s",
            "spring ’33",
        ] {
            let head = text
                .split(|c: char| c.is_ascii_digit() || c == '’')
                .next()
                .unwrap();
            let head = head.strip_suffix("century").unwrap_or(head);
            let start = head.find("the ").map_or(0, |_| 4);
            let parsed = parse(&Scan::new(text, early), start);
            assert_eq!(parsed.map(|p| p.end), Some(text.len()), "{text}");
            for word in head[start..].split(|c: char| !c.is_ascii_alphabetic()) {
                assert!(word.is_empty() || may_lead(word), "{word} in {text}");
            }
        }
        for word in ["the", "on", "died", "in", "Lenin", "ad"] {
            assert!(!may_lead(word), "{word}");
        }
    }

    #[test]
    fn needs_both_ends_after_between_and_from() {
        assert_eq!(value("between 1928 and 1941").unwrap().0, "1928/1941");
        assert_eq!(value("from 1918 to 1920").unwrap().0, "1918/1920");
        assert_eq!(value("from 1918 onwards"), None);
        assert_eq!(value("between 1941 and 1928"), None);
    }

    #[test]
    fn parses_approximate_and_uncertain_years() {
        let cases = [
            ("c. 1930", "1930~"),
            ("c.1930", "1930~"),
            ("ca. 1930", "1930~"),
            ("circa 1930", "1930~"),
            ("about 1930", "1930~"),
            ("around 1930", "1930~"),
            ("c. 1501–1536", "1501~/1536"),
            ("c. AD 90", "0090~"),
            ("1930? then", "1930?"),
        ];
        for (text, edtf) in cases {
            assert_eq!(value(text).map(|v| v.0), Some(edtf.into()), "{text}");
        }
        assert_eq!(value("cx 1930"), None);
        let asked = Scan::new("Did he die in 1924?", Context::default());
        assert_eq!(
            parse(&asked, 14).map(|p| p.kind.edtf()),
            Some("1924".into())
        );
    }

    #[test]
    fn numeric_dates_follow_the_document() {
        let month_first = Context {
            month_first: true,
            ..Context::default()
        };
        assert_eq!(value("5/10/1865").unwrap().0, "1865-10-05");
        assert_eq!(
            in_context("5/10/1865", month_first).unwrap().0,
            "1865-05-10"
        );
        assert_eq!(
            in_context("17/11/1558", month_first).unwrap().0,
            "1558-11-17"
        );
        let s = Scan::new("4/14/1865", Context::default());
        assert_eq!(parse(&s, 0).unwrap().kind.edtf(), "1865-04-14");
        assert!(s.wants.get().month_first);
        assert_eq!(value("2/1861").unwrap().0, "1861-02");
        assert_eq!(value("13/1861"), None);
    }
}
