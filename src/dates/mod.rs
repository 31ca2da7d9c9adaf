//! The date tagger: finds date expressions ("1924", "21 January 1924",
//! "1914–17", "the late 1920s", "winter 1926–27", "nineteenth century") in a
//! text and normalizes each to an EDTF value and a first/last calendar day.
//!
//! * `prefilter` finds anchors (digit runs and the word "century");
//! * `lexer` reads spaces, dashes, numbers and words around them;
//! * `grammar` parses the expression starting at an anchor or a few words
//!   before it; `guard` vetoes it by context (units, glued letters, page
//!   references); `vocab` holds the word lists;
//! * `value` turns a parse into the EDTF value and days; `calendar` has
//!   [`Day`]; [`edtf`] validates EDTF values.

mod calendar;
pub mod edtf;
mod grammar;
mod guard;
mod lexer;
mod prefilter;
mod value;
mod vocab;

pub use calendar::{days_in_month, is_leap, Day};

use grammar::Parsed;
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
}

/// Finds date expressions in English prose. Stateless, so `Send + Sync`:
/// build one and share it across threads.
///
/// # Grammar
///
/// Case-insensitive; spaces may be ASCII, no-break or thin spaces; a dash is
/// a hyphen, en dash or em dash. `YEAR` is a four-digit number in 1000-2099.
///
/// | form | example | value |
/// |---|---|---|
/// | `YEAR` | 1924 | `1924` |
/// | `YEAR` dash/slash `YEAR`, or 1-2 final digits | 1914–17, 1924-9, 1917/18 | `1914/1917` |
/// | `POINT to POINT`, `between POINT and POINT`, `from POINT to POINT` | between 1928 and 1941 | `1928/1941` |
/// | `MONTH YEAR` (names or 3-4 letter abbreviations, optional dot) | Sept. 1939 | `1939-09` |
/// | `MONTH`–`MONTH YEAR` | March–April 1921 | `1921-03/1921-04` |
/// | `DAY [of] MONTH[,] YEAR`, `MONTH DAY[,] YEAR` (ordinal suffix allowed) | 1st Dec 1934 | `1934-12-01` |
/// | `DAY/MM/YEAR`, `DAY.MM.YEAR` (day first), `YEAR-MM-DD` | 22/12/1922 | `1922-12-22` |
/// | `DAY`–`DAY MONTH YEAR` | 21–23 January 1924 | `1924-01-21/1924-01-23` |
/// | `YEAR`s, `YEAR`'s, `YEAR`’s with `YEAR` ending in 0 | 1920s | `192X` |
/// | the same ending in 00, or an ordinal + "century" | 1800s, nineteenth century, 19th-century | `18XX` |
/// | `early`/`mid`/`late` + decade, century or year | the late 1920s, mid-1930s | `192X` + qualifier |
/// | `SEASON [of] YEAR`; winter may add the next year | Winter of 1926–27 | `1926-24` |
///
/// `POINT` is a year, month or day form; a range's end must start after its
/// start ends, otherwise only the start is a date ("1928 to 67.6 million");
/// a shortened end that would go backwards makes no range, and glued to the
/// year ("1929-24") no date at all. A leading "the" is never part of a span.
///
/// Days: a century is `00`-`99` ("nineteenth century" = 1800-01-01 to
/// 1899-12-31, as "the 1800s"); a winter runs from 1 December of its year to
/// the end of February; spring, summer, autumn are March-May, June-August,
/// September-November. Qualifiers narrow to thirds: decades 0-3, 3-6, 7-9;
/// centuries 00-33, 33-66, 67-99; years January-April, May-August,
/// September-December.
///
/// Not dates: numbers glued to a letter, digit or number punctuation
/// ("A1924", "1924km", "1,924", "1924.5", "19:24", "1924-555-0199",
/// "1927028"), after a currency sign or reference word ("page 1924",
/// "p. 1924"), or before `%`, a unit ("1924 tonnes", "1924 million") or a
/// counted noun ("1924 workers" but not "In 1924 workers went on strike").
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
    pub fn find(&self, text: &str) -> Vec<DateMatch> {
        let mut found = Vec::new();
        let mut pos = 0;
        while let Some(anchor) = prefilter::next_anchor(text.as_bytes(), pos) {
            let floor = found.last().map_or(0, |m: &DateMatch| m.end);
            match expression_at(text, anchor.start, floor) {
                Some(m) => {
                    pos = m.end;
                    found.push(m);
                }
                None => pos = anchor.end,
            }
        }
        found
    }
}

/// The accepted expression covering the anchor at `anchor`, starting at the
/// farthest possible lead word (not before `floor`) or at the anchor itself.
fn expression_at(text: &str, anchor: usize, floor: usize) -> Option<DateMatch> {
    let (leads, count) = lexer::lead_words(text, anchor, floor);
    let starts = leads[..count].iter().rev().copied().chain([anchor]);
    starts.into_iter().find_map(|start| {
        let parsed = grammar::parse(text, start)?;
        let fits = parsed.end > anchor && guard::accepts(text, start, parsed.end);
        fits.then(|| build(start, parsed))
    })
}

/// The public match for an expression parsed from `start`.
fn build(start: usize, parsed: Parsed) -> DateMatch {
    let (first_day, last_day) = parsed.kind.bounds(parsed.qualifier);
    DateMatch {
        start,
        end: parsed.end,
        value: parsed.kind.edtf(),
        qualifier: parsed.qualifier.map(Qualifier::as_str),
        first_day,
        last_day,
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
