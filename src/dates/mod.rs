//! The date tagger: finds date expressions ("1924", "21 January 1924",
//! "1914–17", "the late 1920s", "winter 1926–27", "nineteenth century") in a
//! text and normalizes each to an EDTF value and a first/last calendar day.
//!
//! * `prefilter` finds anchors (digit runs and "century", "centuries");
//! * `lexer` reads spaces, dashes, numbers and words around them;
//! * `grammar` parses the expression starting at an anchor or a few words
//!   before it, with `periods` (decades, centuries, seasons, "early",
//!   "c."), `era` (BC/AD) and `short` (the forms read through the
//!   document's other dates); `enumeration` and `dual` find the other
//!   dates of its phrase ("4 and 11 August 1789", "25 Oct/7 Nov 1917");
//!   `yearless` then reads the days and months written without a year
//!   ("| 5 May |" under "## 1789") in the year of the date before them;
//!   `guard` vetoes a date by context
//!   (units, glued letters, page references); `vocab` holds the word lists;
//! * `value` turns a parse into the EDTF value and days; `calendar` has
//!   [`Day`]; [`edtf`] validates EDTF values.

mod calendar;
mod dual;
pub mod edtf;
mod enumeration;
mod era;
mod grammar;
mod guard;
mod lexer;
mod periods;
mod prefilter;
mod short;
mod value;
mod vocab;
mod words;
mod yearless;

pub use calendar::{days_in_month, is_leap, julian_to_gregorian, Day};
pub(crate) use vocab::{is_month, is_month_abbreviation, is_month_or_season};
pub use words::in_words;

use enumeration::Item;
use grammar::{Context, Parsed, Scan, Wants};
use std::ops::Range;

use serde::Serialize;
use vocab::Qualifier;

/// One date expression found in a text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DateMatch {
    /// Byte offset of the first char of the expression in the text given to
    /// [`DateTagger::find`].
    pub start: usize,
    /// Byte offset just after the expression.
    pub end: usize,
    /// The EDTF level 0/1 value: "1924", "1924-01", "1924-01-21",
    /// "1924/1929", "192X", "18XX", "1929-22".
    pub value: String,
    /// "early", "mid" or "late" for "early 1930s", "the late 1920s",
    /// "early twentieth century", "late 1917"; else `None`.
    pub qualifier: Option<&'static str>,
    /// First calendar day covered, narrowed by the qualifier.
    pub first_day: Day,
    /// Last calendar day covered, narrowed by the qualifier.
    pub last_day: Day,
    /// The date is written in the Julian calendar (Old Style): "25 Oct" of
    /// "25 Oct/7 Nov 1917", "24 January (O.S.) 1918". `value` is the date
    /// as written, `first_day` and `last_day` its Gregorian days.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub old_style: bool,
}

/// Finds date expressions in English prose. Stateless, so `Send + Sync`:
/// build one and share it across threads.
///
/// # Grammar
///
/// Case-insensitive; spaces may be ASCII, no-break or thin spaces; a dash is
/// a hyphen, en dash or em dash. `YEAR` is a four-digit number in 1000-2099,
/// or a number of one to four digits with an era (`ERA`: BC, BCE, B.C., or
/// after or before it AD, CE, A.D. in capitals).
///
/// | form | example | value |
/// |---|---|---|
/// | `YEAR` | 1924 | `1924` |
/// | number `ERA`, `AD` number | 44 BC, AD 43, 43 CE, 1 BC | `-0043`, `0043`, `0000` |
/// | `YEAR` dash/slash `YEAR`, or 1-2 final digits | 1914–17, 1924-9, 1917/18, AD 208–11 | `1914/1917` |
/// | number dash number `ERA` | 55–54 BC | `-0054/-0053` |
/// | `POINT to POINT`, `between POINT and POINT`, `from POINT to POINT` | between 1928 and 1941 | `1928/1941` |
/// | `MONTH YEAR` (names or 3-4 letter abbreviations, optional dot) | Sept. 1939 | `1939-09` |
/// | `MONTH`–`MONTH YEAR` | March–April 1921 | `1921-03/1921-04` |
/// | `DAY [of] MONTH[,] YEAR`, `MONTH DAY[,] YEAR` (ordinal suffix allowed) | 1st Dec 1934 | `1934-12-01` |
/// | `DAY/MM/YEAR`, `DAY.MM.YEAR` (day first, unless the document is month first), `MM/YEAR`, `YEAR-MM-DD` | 22/12/1922, 2/1861 | `1922-12-22` |
/// | `DAY`–`DAY MONTH YEAR`, `DAY/DAY MONTH YEAR` | 21–23 January 1924 | `1924-01-21/1924-01-23` |
/// | `YEAR`s, `YEAR`'s, `YEAR`’s with `YEAR` ending in 0; a two-digit decade after it | 1920s, 1920s-30s | `192X`, `192X/193X` |
/// | the same ending in 00, or an ordinal (1-21) + "century" [`ERA`] | 1800s, nineteenth century, 4th century BC, 16th C. | `18XX`, `-03XX` |
/// | `early`/`mid`/`late` + decade, century or year | the late 1920s, mid-1930s | `192X` + qualifier |
/// | `SEASON [of] YEAR`; winter may add the next year | Winter of 1926–27 | `1926-24` |
/// | `c.`/`ca.`/`circa`/`about`/`around` + a point or range | c. 1930, c. 1501–1536 | `1930~`, `1501~/1536` |
/// | `YEAR?` (not in a question) | 1930? | `1930?` |
/// | elements before a date, leaving out its last parts, the last joined by `and`/`or`/`&`, the others by commas | 4 and 11 August 1789, June, July and August 1941, 55 and 54 BC | one date each: `1789-08-04` (span `4`), `1789-08-11` |
/// | `AD` year, then years of the era | AD 60 or 61 | `0060`, `0061` (span `61`) |
/// | Old Style/New Style: `DAY [MONTH]/DAY MONTH YEAR`, `DAY MONTH (DAY MONTH) YEAR`, when the second is the first's Gregorian day | 25 Oct/7 Nov 1917, 25 October (7 November) 1917 | `1917-10-25` (span `25 Oct`, `old_style`), `1917-11-07` |
/// | a date with `(O.S.)`, `O.S.`, `Old Style` after its month or year | 24 January (O.S.) 1918 | `1918-01-24` (`old_style`, days 1918-02-06) |
///
/// Forms that take the document's other dates into account:
///
/// * years under 1000 without an era, in a document with an earlier date
///   (an era or a century before the eleventh), in a year context: after
///   "in", "by", "from", "around", "c." ... or with three digits, and not
///   before a lower-case word ("in 410", "286–93", "the 140s"; not "410
///   soldiers");
/// * two-digit short forms, the year of that century nearest the median of
///   the document's years ("the 30s", "the '30s", "early 30s", "spring ’33",
///   "’28", "31/8/35"); a document without other dates has none;
/// * numeric dates are month first when one of them can only be month first
///   ("4/14/1865") and none can only be day first;
/// * a capitalised month with a day and no year ("5 May", "5–6 Oct", "May
///   5"), or alone after "in", "by", "until", "from", "since", "during",
///   "before" or "after" ("in June"), takes the year of the nearest date
///   before it, if that date lies within one year, is exact and does not
///   start in a later month ("## 1789" then "| 5 May |" is `1789-05-05`).
///
/// `POINT` is a year, month or day form; a range's end must start after its
/// start ends, otherwise only the start is a date ("1928 to 67.6 million");
/// a shortened end that would go backwards makes no range, and glued to the
/// year ("1929-24") no date at all. A leading "the" is never part of a span.
///
/// Days: a century is `00`-`99` ("nineteenth century" = 1800-01-01 to
/// 1899-12-31, as "the 1800s"; "4th century BC" = 400 to 301 BC); a winter
/// runs from 1 December of its year to the end of February; spring, summer,
/// autumn are March-May, June-August, September-November. Qualifiers narrow
/// to thirds: decades 0-3, 3-6, 7-9; centuries 00-33, 33-66, 67-99; years
/// January-April, May-August, September-December. An approximate or
/// uncertain date widens by the margin of [`edtf`] (two years each side of
/// a year).
///
/// Not dates: numbers glued to a letter, digit or number punctuation
/// ("A1924", "1924km", "1,924", "1924.5", "19:24", "1924-555-0199",
/// "1927028"), after a currency sign or reference word ("page 1924",
/// "p. 1924"), before `%`, a unit ("1924 tonnes", "1924 million") or a
/// counted noun ("1924 workers" but not "In 1924 workers went on strike"),
/// joined by a hyphen to a measure ("a 2000-mile railway"), reference marks
/// ("[12]").
///
/// # Examples
///
/// ```
/// use glossator::dates::DateTagger;
///
/// let tagger = DateTagger::new();
/// let text = "Lenin died on 21 January 1924; the power struggle of 1924–9 followed.";
/// let found = tagger.find(text);
/// let values: Vec<&str> = found.iter().map(|m| m.value.as_str()).collect();
/// assert_eq!(values, ["1924-01-21", "1924/1929"]);
/// assert_eq!(&text[found[1].start..found[1].end], "1924–9");
/// ```
///
/// Decades with a qualifier, centuries and seasons:
///
/// ```
/// use glossator::dates::DateTagger;
///
/// let found = DateTagger::new().find("In the late 1920s, as in the nineteenth century");
/// assert_eq!(found[0].value, "192X");
/// assert_eq!(found[0].qualifier, Some("late"));
/// assert_eq!(found[0].first_day.to_string(), "1927-01-01");
/// assert_eq!(found[1].value, "18XX");
///
/// let winter = &DateTagger::new().find("the winter of 1926–27")[0];
/// assert_eq!((winter.value.as_str(), winter.last_day.to_string()), ("1926-24", "1927-02-28".into()));
/// ```
///
/// Numbers that are not dates:
///
/// ```
/// use glossator::dates::DateTagger;
///
/// let tagger = DateTagger::new();
/// for text in ["340,000", "1924 tonnes", "see page 1924", "1924km", "19:24", "1927028", "40%"] {
///     assert!(tagger.find(text).is_empty(), "{text}");
/// }
/// ```
#[derive(Clone, Debug, Default)]
pub struct DateTagger {
    _private: (),
}

impl DateTagger {
    /// A tagger; cheap, as the grammar is code and the word lists static.
    pub fn new() -> Self {
        DateTagger::default()
    }

    /// All date expressions in `text`, sorted by start, non-overlapping.
    ///
    /// Some forms depend on the document's other dates (years under 1000
    /// without an era, two-digit short forms, month-first numeric dates):
    /// a first scan reads the text without them; if it saw such a form and
    /// its dates give the context that reads it, a second scan reads the
    /// text in that context. Then the days and months written without a
    /// year take the year of the date before them ([`yearless`]).
    pub fn find(&self, text: &str) -> Vec<DateMatch> {
        self.find_in_sections(text, &[])
    }

    /// All date expressions in `text`, as [`find`](Self::find), where
    /// `headings` are the byte ranges of the text's headings, sorted: a
    /// day or month written without a year ("| 5 May |") may take its
    /// year from its section's heading ("## 1789"), not only from the
    /// dates of the text under it.
    ///
    /// ```
    /// use glossator::dates::DateTagger;
    ///
    /// let text = "1789: the key year\n\n- 5 May: the Estates-General meets\n- 14 July: the Bastille";
    /// let found = DateTagger::new().find_in_sections(text, &[0..18]);
    /// let values: Vec<&str> = found.iter().map(|m| m.value.as_str()).collect();
    /// assert_eq!(values, ["1789", "1789-05-05", "1789-07-14"]);
    /// // Without the heading, the list has no year.
    /// assert_eq!(DateTagger::new().find(text).len(), 1);
    /// ```
    pub fn find_in_sections(&self, text: &str, headings: &[Range<usize>]) -> Vec<DateMatch> {
        let first = Scan::new(text, Context::default());
        let found = scan(&first);
        let mut found = match Context::of(&found, first.wants.get()) {
            Some(cx) => scan(&Scan::new(text, cx)),
            None => found,
        };
        yearless::add(text, headings, &mut found);
        found
    }
}

impl Context {
    /// The context the dates `found` by a first scan give, if it reads
    /// what that scan `wants` differently; `None` otherwise.
    ///
    /// * early: a date before the year 1000 (an era, an early century);
    /// * pivot: the median first year of the dates from 1000 on;
    /// * month first: a numeric date valid only month first, none valid
    ///   only day first.
    fn of(found: &[DateMatch], wants: Wants) -> Option<Context> {
        if !(wants.small_year || wants.short || wants.ambiguous) {
            return None;
        }
        let early = found.iter().any(|m| m.first_day.year < 1000);
        let mut years: Vec<i32> = found
            .iter()
            .map(|m| m.first_day.year)
            .filter(|&y| y >= 1000)
            .collect();
        years.sort_unstable();
        let pivot = years.get(years.len() / 2).copied();
        let month_first = wants.month_first && !wants.day_first;
        let cx = Context {
            early,
            pivot,
            month_first,
        };
        let helps = (wants.small_year && early)
            || (wants.short && pivot.is_some())
            || (wants.ambiguous && month_first);
        helps.then_some(cx)
    }
}

/// One scan over the text: every anchor's expression, left to right, with
/// the other dates of its phrase ([`enumeration`], [`dual`]).
fn scan(s: &Scan) -> Vec<DateMatch> {
    let text = s.text;
    let mut found = Vec::new();
    let mut pos = 0;
    while let Some(anchor) = prefilter::next_anchor(text.as_bytes(), pos) {
        let floor = found.last().map_or(0, |m: &DateMatch| m.end);
        match expression_at(s, anchor.start, floor) {
            Some((start, parsed)) => pos = add_phrase(s, &mut found, start, parsed),
            None => pos = anchor.end,
        }
    }
    found
}

/// Adds the dates of the phrase holding the expression `parsed` at
/// `start` to `found`: the dual date it is part of ([`dual`]), or the
/// enumeration it ends or the range it closes, and the years it lists
/// after it; returns where the phrase ends. An element before it may have
/// been found alone (in an early document, "55" of "in 55 and 54 BC" reads
/// as the year 55): the enumeration replaces that date, and no other.
fn add_phrase(s: &Scan, found: &mut Vec<DateMatch>, start: usize, parsed: Parsed) -> usize {
    let after_floor = |items: &Vec<Item>, m: &DateMatch| m.end <= items[0].0;
    let dual = dual::around(s, start, parsed)
        .filter(|items| found.last().is_none_or(|m| after_floor(items, m)));
    if let Some(items) = dual {
        found.extend(items.into_iter().map(|(at, p)| build(at, p)));
        return found.last().map_or(parsed.end, |m| m.end);
    }
    let floor = found.len().checked_sub(2).map_or(0, |i| found[i].end);
    let before = enumeration::before(s, floor, start, parsed).filter(|items| {
        found.last().is_none_or(|m| {
            after_floor(items, m) || items.iter().any(|&(at, p)| (at, p.end) == (m.start, m.end))
        })
    });
    let (last_start, last) = if let Some(items) = before {
        found.retain(|m| m.start < items[0].0);
        let last = items[items.len() - 1];
        found.extend(items.into_iter().map(|(at, p)| build(at, p)));
        last
    } else {
        found.push(build(start, parsed));
        (start, parsed)
    };
    let after = enumeration::after(s, last_start, last);
    found.extend(after.into_iter().map(|(at, p)| build(at, p)));
    found.last().map_or(parsed.end, |m| m.end)
}

/// The accepted expression covering the anchor at `anchor`, starting at the
/// farthest possible lead word (not before `floor`) or at the anchor itself
/// (or at an apostrophe just before it: "’33").
///
/// The lead words are read back only through words an expression may hold
/// before its number ([`grammar::may_lead`]): one starting before any other
/// word could not reach the anchor, so it is not parsed ("Lenin died on 21
/// January 1924" tries no word before "21").
fn expression_at(s: &Scan, anchor: usize, floor: usize) -> Option<Item> {
    let text = s.text;
    let apostrophe = lexer::char_before(text, anchor)
        .filter(|&c| lexer::is_apostrophe(c))
        .map(|c| anchor - c.len_utf8())
        .filter(|&at| at >= floor);
    let first = apostrophe.unwrap_or(anchor);
    let (leads, count) = lexer::lead_words(text, first, floor, grammar::may_lead);
    let starts = leads[..count]
        .iter()
        .rev()
        .copied()
        .chain(apostrophe)
        .chain([anchor]);
    starts.into_iter().find_map(|start| {
        let parsed = grammar::parse(s, start)?;
        let from = dual::slashed_start(s, start, parsed).unwrap_or(start);
        let fits = parsed.end > anchor && guard::accepts(text, from, parsed.end);
        fits.then_some((start, parsed))
    })
}

/// The public match for an expression parsed from `start`; an Old Style
/// date's days are their Gregorian days.
fn build(start: usize, parsed: Parsed) -> DateMatch {
    let (mut first_day, mut last_day) = parsed.kind.bounds(parsed.qualifier);
    if parsed.old_style {
        (first_day, last_day) = (
            julian_to_gregorian(first_day),
            julian_to_gregorian(last_day),
        );
    }
    DateMatch {
        start,
        end: parsed.end,
        value: parsed.kind.edtf(),
        qualifier: parsed.qualifier.map(Qualifier::as_str),
        first_day,
        last_day,
        old_style: parsed.old_style,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans(text: &str) -> Vec<(&str, String)> {
        let found = DateTagger::new().find(text);
        found
            .into_iter()
            .map(|m| (&text[m.start..m.end], m.value))
            .collect()
    }

    #[test]
    fn prefers_the_longest_start() {
        let text = "between the summer of 1929 and the spring of 1930";
        let expected = [
            ("summer of 1929", "1929-22".to_string()),
            ("spring of 1930", "1930-21".into()),
        ];
        assert_eq!(spans(text), expected);
    }

    #[test]
    fn matches_do_not_overlap() {
        let text = "1924 1925–1926, December 22, 1922 and 1920s";
        let found = DateTagger::new().find(text);
        assert_eq!(found.len(), 4);
        assert!(found.windows(2).all(|w| w[0].end <= w[1].start));
    }

    #[test]
    fn tagger_is_send_and_sync() {
        fn shared<T: Send + Sync>() {}
        shared::<DateTagger>();
    }
}
