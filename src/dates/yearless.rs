//! Dates that leave their year to the text before them: the rows of a
//! key-dates table under a year's heading ("## 1789" then "| 5 May | the
//! Estates-General meets |"), a list of events under "## February
//! Revolution (1917)", or a day after a full date ("on 1 March 1930 … on 2
//! March").
//!
//! This pass runs after the grammar's scans, over the dates they found. A
//! capitalised month name or abbreviation that no date holds is a date
//!
//! * with a day before or after it: `5 May`, `14th July`, `5–6 Oct`,
//!   `May 5`;
//! * alone after `in`, `by`, `until`, `till`, `from`, `since`, `during`,
//!   `before` or `after` ("in June"), not followed by an apostrophe
//!   ("May's") or a capitalised word ("by Jan Smuts").
//!
//! It takes the year of the date that governs it in its section (the text
//! from the last heading before it; the whole text when no headings are
//! given), the nearest of
//!
//! * in the same paragraph, not more than [`REACH`] bytes before it, a date
//!   that heads a row (it opens its line and a separator follows it: a tab
//!   or other control character, the line's end, two spaces, `:`, `|`,
//!   `)` or a dash, as in "| 5 May |",
//!   "- 22 Feb: lockout", "1922 ⇥ made General Secretary (3 April)") or
//!   that names a month ("By 1 March 1930 … On 2 March", "died 21 Jan 1924;
//!   the oath speech (26 Jan)");
//! * else a date in the section's heading ("## 2. 1789 – the key year",
//!   "## February Revolution (1917)").
//!
//! A year alone in prose does not govern ("he refused the offer in 1922
//! and missed the funeral in January", which was in 1924; nor the question
//! "What happened in 1812?" its answer's "in June"): it is skipped for one
//! that does. The governing date must lie within one calendar year, be
//! exact (not approximate or uncertain) and not start in a later month ("5
//! May" after "December 1788" is left alone rather than guessed). A month
//! with a year after it across a line break ("in July⏎ 1934") is the
//! grammar's to read, and no year-less date. Without a governing date a
//! day or month is no date.
//!
//! Lower-case months are not read ("may" is a verb, "march" a verb and a
//! noun), nor a month with no day and no preposition ("the June Days").

use std::ops::Range;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Input, MatchKind};

use super::grammar::{day_number, month_word, Parsed};
use super::lexer::{
    byte_is, char_at, char_before, dash, is_apostrophe, is_dash, number, previous_word,
    skip_spaces, skip_spaces_back, spaces1, token_start,
};
use super::value::{Kind, Point};
use super::vocab;
use super::{build, DateMatch};

/// Capitalised month names and their abbreviations (the first three
/// letters, and "Sept"), leftmost-longest ("Sept" before "Sep", "June"
/// before "Jun").
static MONTHS: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let abbreviations = vocab::MONTHS.iter().map(|name| &name[..3]);
    let names = vocab::MONTHS
        .iter()
        .copied()
        .chain(abbreviations)
        .chain(["Sept"]);
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(names)
        .expect("month names build an automaton")
});

/// Words before a month alone that make it a time ("in June").
const PREPOSITIONS: [&str; 9] = [
    "in", "by", "until", "till", "from", "since", "during", "before", "after",
];

/// How far before a year-less date a date that is not on its line or in a
/// heading may govern it.
const REACH: usize = 2000;

/// How many dates back the search for a governing date looks.
const LOOK_BACK: usize = 64;

/// How far back a line's start is looked for (a longer line is no heading
/// or table row).
const LINE_REACH: usize = 400;

/// Adds to `found` (sorted by start, non-overlapping) the year-less dates
/// of `text`, each with the year of the date that governs it in its
/// section; `headings` are the byte ranges of the text's headings, sorted.
/// Keeps the order.
pub(crate) fn add(text: &str, headings: &[Range<usize>], found: &mut Vec<DateMatch>) {
    // Nothing before the first date can take a year from one.
    let Some(first) = found.first().map(|d| d.end) else {
        return;
    };
    let mut merged = Vec::with_capacity(found.len());
    let mut grammar_dates = std::mem::take(found).into_iter().peekable();
    for hit in MONTHS.find_iter(Input::new(text).span(first..text.len())) {
        while let Some(date) = grammar_dates.next_if(|d| d.start <= hit.start()) {
            merged.push(date);
        }
        let taken = merged
            .last()
            .is_some_and(|d: &DateMatch| d.end > hit.start());
        if taken {
            continue;
        }
        let floor = merged.last().map_or(0, |d| d.end);
        let next = grammar_dates.peek().map_or(text.len(), |d| d.start);
        let heading = heading_before(headings, hit.start());
        let Some(governing) = governing(text, heading, &merged, hit.start()) else {
            continue;
        };
        let Some(year) = year_carried(governing) else {
            continue;
        };
        let dated = yearless_at(text, hit.start(), year)
            .filter(|&(start, parsed)| start >= floor && parsed.end <= next)
            .filter(|(_, parsed)| month_of(parsed.kind) >= governing.first_day.month);
        if let Some((start, parsed)) = dated {
            merged.push(build(start, parsed));
        }
    }
    merged.extend(grammar_dates);
    *found = merged;
}

/// The last heading that starts before `at` (an empty range at 0 if none).
fn heading_before(headings: &[Range<usize>], at: usize) -> Range<usize> {
    let i = headings.partition_point(|h| h.start < at);
    i.checked_sub(1).map_or(0..0, |i| headings[i].clone())
}

/// The date among `before` (sorted, all before `at`) that governs a
/// year-less date at `at` in the section under `heading`: see the module's
/// documentation.
fn governing<'d>(
    text: &str,
    heading: Range<usize>,
    before: &'d [DateMatch],
    at: usize,
) -> Option<&'d DateMatch> {
    let near = at.saturating_sub(REACH);
    let mut blank_line_between = false;
    let mut scanned = at;
    for date in before.iter().rev().take(LOOK_BACK) {
        if date.start < heading.end {
            return (date.start >= heading.start).then_some(date);
        }
        if date.start < near || blank_line_between {
            continue;
        }
        blank_line_between = has_blank_line(&text[date.end..scanned]);
        scanned = date.end;
        let names_month = date.first_day.month == date.last_day.month;
        if !blank_line_between && (names_month || heads_a_row(text, date)) {
            return Some(date);
        }
    }
    None
}

/// Does `date` head a row: open its line, with a separator after it, as in
/// a table row or a list of dates ("| 5 May |", "- 22 Feb: lockout", "1922
/// ⇥ …", "1926 – …"), rather than prose ("1922, and he …")? Markup reads
/// as spaces, so a table's `|` may be two spaces or more.
fn heads_a_row(text: &str, date: &DateMatch) -> bool {
    let line = line_start(text, date.start);
    let opens = !text[line..date.start]
        .bytes()
        .any(|b| b.is_ascii_alphanumeric());
    let spaces = skip_spaces(text, date.end);
    let separator = match char_at(text, spaces) {
        None | Some(':' | '|' | ')') => true,
        // A tab, a line break, or the mark a block boundary reads as.
        Some(c) if c.is_ascii_control() => true,
        Some(c) => is_dash(c) || spaces >= date.end + 2,
    };
    opens && separator
}

/// Where the line holding `at` starts (at most [`LINE_REACH`] bytes back).
fn line_start(text: &str, at: usize) -> usize {
    let floor = text.floor_char_boundary(at.saturating_sub(LINE_REACH));
    memchr::memrchr(b'\n', &text.as_bytes()[floor..at]).map_or(floor, |i| floor + i + 1)
}

/// Does `between` hold an empty line (a line break, spaces, a line break)?
fn has_blank_line(between: &str) -> bool {
    let mut inner = between.split('\n').skip(1).peekable();
    while let Some(line) = inner.next() {
        if inner.peek().is_some() && line.trim().is_empty() {
            return true;
        }
    }
    false
}

/// The year a governing date gives: its own, when it lies within one year
/// and is neither approximate nor uncertain.
fn year_carried(date: &DateMatch) -> Option<i32> {
    let exact = !date.value.ends_with(['~', '?']);
    (exact && date.first_day.year == date.last_day.year).then_some(date.first_day.year)
}

/// The month of a year-less point or day range.
fn month_of(kind: Kind) -> u8 {
    match kind {
        Kind::Point(p) | Kind::Interval(p, _) => p.month.unwrap_or(1),
        _ => 1,
    }
}

/// The year-less date around the month name at `at`, read in `year`: its
/// start and what it denotes.
fn yearless_at(text: &str, at: usize, year: i32) -> Option<(usize, Parsed)> {
    let glued = char_before(text, at).is_some_and(char::is_alphanumeric);
    let (month, end) = month_word(text, at).filter(|_| !glued)?;
    if year_on_next_line(text, end) {
        return None;
    }
    days_before(text, at, year, month, end)
        .or_else(|| day_after(text, at, year, month, end))
        .or_else(|| month_alone(text, at, year, month, end))
}

/// Does a year start the next line after `p` ("in July⏎  1934")?
fn year_on_next_line(text: &str, p: usize) -> bool {
    let q = skip_spaces(text, p);
    let q = q + usize::from(byte_is(text, q, b'\r'));
    byte_is(text, q, b'\n') && {
        let r = q
            + 1
            + text[q + 1..]
                .bytes()
                .take_while(|b| *b == b' ' || *b == b'\t')
                .count();
        number(text, r).is_some_and(|n| n.len == 4)
    }
}

/// `5 May`, `14th July`, `5–6 Oct`: a day or a range of days before the
/// month at `at`, which ends at `end`.
fn days_before(text: &str, at: usize, year: i32, month: u8, end: usize) -> Option<(usize, Parsed)> {
    let gap = skip_spaces_back(text, at);
    let last_start = token_start(text, gap).filter(|_| gap < at)?;
    let last = day_ending(text, last_start, gap)?;
    let last_point = Point::day(year, month, last)?;
    let range = first_day_before(text, last_start).filter(|&(_, first)| first < last);
    let (start, kind) = match range {
        Some((start, first)) => (
            start,
            Kind::Interval(Point::day(year, month, first)?, last_point),
        ),
        None => (last_start, Kind::Point(last_point)),
    };
    Some((start, Parsed::plain(kind, end)))
}

/// The day written from `start` to exactly `end` ("5", "14th").
fn day_ending(text: &str, start: usize, end: usize) -> Option<u8> {
    let n = number(text, start)?;
    day_number(text, n)
        .filter(|&(_, after)| after == end)
        .map(|(day, _)| day)
}

/// The first day of a range whose last day starts at `p`: "5" of "5–6".
fn first_day_before(text: &str, p: usize) -> Option<(usize, u8)> {
    let dash_end = skip_spaces_back(text, p);
    let dash_start = text[..dash_end].char_indices().next_back()?.0;
    dash(text, dash_start)?;
    let before = skip_spaces_back(text, dash_start);
    let start = token_start(text, before)?;
    Some((start, day_ending(text, start, before)?))
}

/// `May 5`, `July 14th`: the month at `at` (ending at `end`) and a day
/// after it that no digit or further number follows.
fn day_after(text: &str, at: usize, year: i32, month: u8, end: usize) -> Option<(usize, Parsed)> {
    let n = number(text, spaces1(text, end)?)?;
    let (day, after) = day_number(text, n)?;
    let clean = !char_at(text, after).is_some_and(char::is_alphanumeric)
        && !continues_with_number(text, after);
    let point = Point::day(year, month, day).filter(|_| clean)?;
    Some((at, Parsed::plain(Kind::Point(point), after)))
}

/// Does a comma or a dash and then a digit follow `p` ("May 5, 17…",
/// "May 5–6")? Such a day belongs to an expression this pass does not read.
fn continues_with_number(text: &str, p: usize) -> bool {
    let q = skip_spaces(text, p);
    let after_mark = match char_at(text, q) {
        Some(',') => q + 1,
        Some(c) if is_dash(c) => q + c.len_utf8(),
        _ => return false,
    };
    char_at(text, skip_spaces(text, after_mark)).is_some_and(|c| c.is_ascii_digit())
}

/// `in June`: the month at `at` (ending at `end`) alone after a preposition.
fn month_alone(text: &str, at: usize, year: i32, month: u8, end: usize) -> Option<(usize, Parsed)> {
    let preposition = previous_word(text, at)
        .is_some_and(|w| PREPOSITIONS.iter().any(|p| w.eq_ignore_ascii_case(p)));
    let possessive = char_at(text, end).is_some_and(is_apostrophe);
    let followed = char_at(text, end).is_some_and(char::is_alphanumeric);
    // A capitalised word after it makes it a name ("by Jan Smuts").
    let named = char_at(text, skip_spaces(text, end)).is_some_and(char::is_uppercase);
    let alone =
        preposition && !possessive && !followed && !named && text[..at].ends_with([' ', '\u{a0}']);
    alone.then(|| {
        (
            at,
            Parsed::plain(Kind::Point(Point::month(year, month)), end),
        )
    })
}

#[cfg(test)]
mod tests {
    use crate::dates::DateTagger;

    /// The dates of `text` whose lines starting with `#` are headings.
    fn dates(text: &str) -> Vec<(&str, String)> {
        let mut headings = Vec::new();
        let mut at = 0;
        for line in text.split_inclusive('\n') {
            if line.starts_with('#') {
                headings.push(at..at + line.trim_end().len());
            }
            at += line.len();
        }
        let found = DateTagger::new().find_in_sections(text, &headings);
        found
            .into_iter()
            .map(|m| (&text[m.start..m.end], m.value))
            .collect()
    }

    fn values<'t>(got: &'t [(&str, String)]) -> Vec<(&'t str, &'t str)> {
        got.iter().map(|(s, v)| (*s, v.as_str())).collect()
    }

    #[test]
    fn a_key_dates_table_takes_its_heading_year() {
        let text = "## 2. 1789 – the key year\n\n| date | event |\n|---|---|\n| 5 May | estates meet |\n| 14th July | Bastille |\n| 5–6 Oct | march |";
        let expected = [
            ("1789", "1789"),
            ("5 May", "1789-05-05"),
            ("14th July", "1789-07-14"),
            ("5–6 Oct", "1789-10-05/1789-10-06"),
        ];
        assert_eq!(values(&dates(text)), expected);
    }

    #[test]
    fn a_list_takes_its_heading_year_past_a_year_in_prose() {
        let text = "## Revolution (1917)\n- Causes\n  - the war since 1914, command taken (1915)\n- Events\n  - 22 Feb: lockout\n  - 2 March: abdication";
        let got = dates(text);
        assert_eq!(got[3], ("22 Feb", "1917-02-22".to_string()));
        assert_eq!(got[4], ("2 March", "1917-03-02".to_string()));
    }

    #[test]
    fn a_row_or_a_full_date_gives_its_year_on() {
        let rows = "1905: on 9 Jan the march\n1922\tmade General Secretary (3 April)";
        assert_eq!(dates(rows)[1], ("9 Jan", "1905-01-09".to_string()));
        assert_eq!(dates(rows)[3], ("3 April", "1922-04-03".to_string()));
        let chained =
            "By 1 March 1930 half the farms were collective. On\n2 March the article appeared.";
        assert_eq!(dates(chained)[1], ("2 March", "1930-03-02".to_string()));
        let alone = "On 24 June 1812 the army crossed; by December it was gone.";
        assert_eq!(dates(alone)[1], ("December", "1812-12".to_string()));
    }

    #[test]
    fn no_governing_date_no_date() {
        for text in [
            "The assembly met on 5 May and swore an oath on 20 June.",
            "He refused the offer in 1922, and missed the funeral in January.",
            "- 1926 – the United Opposition\n\nHe missed the funeral in January.",
            "## 1789\n\n## The Terror\n\nOn 5 Sept the sections rose.",
            "What happened in 1812?\nA. The army crossed the Niemen in June.",
        ] {
            assert_no_year_less_date(text);
        }
    }

    #[test]
    fn what_is_not_a_year_less_date() {
        for text in [
            "## 1789\nthe June Days were not yet.",
            "## 1789\nMay's friends met.",
            "## 1919\nthe treaty was signed by Jan Smuts.",
            "## 1789\nthey may march on 5 may.",
            "## 1789\nthe pay was 5 Mayan coins.",
            "## 1789\nthe March on Rome.",
            "## c. 1789\nin June",
            "## 1789–90\non 5 May",
            "## December 1788\non 5 May",
            "## 1933\nmerged into the NKVD in July\n  1934, and so on.",
        ] {
            assert_no_year_less_date(text);
        }
    }

    /// Every date found in `text` is written with its year.
    fn assert_no_year_less_date(text: &str) {
        let got = dates(text);
        let with_year = |span: &str| span.chars().filter(char::is_ascii_digit).count() >= 4;
        assert!(
            got.iter().all(|(span, _)| with_year(span)),
            "{text}: {got:?}"
        );
    }
}
