//! Dates in words, for people: what the timeline, the handouts' tooltips
//! and the glossary show where the JSON has an EDTF value.
//!
//! | value | qualifier | in words |
//! |---|---|---|
//! | `1924-01-21` | | 21 January 1924 |
//! | `1529-22` | | summer 1529 |
//! | `1926-24` | | winter 1926–27 |
//! | `192X` | `early` | the early 1920s |
//! | `19XX` | | the 20th century |
//! | `-03XX` | | the 4th century BC |
//! | `-0043` | | 44 BC |
//! | `0043` | | AD 43 |
//! | `1930~` | | about 1930 |
//! | `1930?` | | perhaps 1930 |
//! | `1928/1932` | | 1928–1932 |
//! | `1985/..` | | 1985 onwards |
//! | `1917-10-25`, Old Style | | 25 October (Old Style) 1917 |
//!
//! A year from 1000 on is written bare, an earlier one with AD, one
//! before year 1 (EDTF's year 0 is 1 BC) with BC. A century is named by
//! its ordinal, as the tagger reads "the 20th century" (`19XX`). A value
//! that is not EDTF is returned as it is, so nothing is lost. A date
//! written in the Old Style (Julian) calendar says so after its month, or
//! after its year when it has no month: its value is the date as written,
//! and only the words tell a reader which calendar that is.

use super::edtf::{parts, Parts};
use super::vocab::MONTHS;
use crate::text::ordinal;

/// `value` (an EDTF date or interval) with its `qualifier` (`early`,
/// `mid`, `late`) in words; `old_style` when the date was written in the
/// Old Style (Julian) calendar (a span's `old_style`).
///
/// ```
/// use glossator::dates::in_words;
/// assert_eq!(in_words("192X", Some("early"), false), "the early 1920s");
/// assert_eq!(in_words("-0043-03-15", None, false), "15 March 44 BC");
/// assert_eq!(in_words("1924/1929", None, false), "1924–1929");
/// assert_eq!(in_words("1917-10-25", None, true), "25 October (Old Style) 1917");
/// ```
pub fn in_words(value: &str, qualifier: Option<&str>, old_style: bool) -> String {
    let date_words = |date| date_words(date, old_style);
    let words = match value.split_once('/') {
        Some(("" | "..", end)) => date_words(end).map(|end| format!("until {end}")),
        Some((start, "" | "..")) => date_words(start).map(|start| format!("{start} onwards")),
        Some((start, end)) => date_words(start)
            .zip(date_words(end))
            .map(|(start, end)| format!("{start}–{end}")),
        None => date_words(value),
    };
    let Some(words) = words else {
        return value.to_string();
    };
    match qualifier {
        Some(qualifier) => match words.strip_prefix("the ") {
            Some(rest) => format!("the {qualifier} {rest}"),
            None => format!("{qualifier} {words}"),
        },
        None => words,
    }
}

/// One date (no `/`) in words, with its `~`/`?`/`%` mark and its
/// calendar.
fn date_words(date: &str, old_style: bool) -> Option<String> {
    let bare = date.strip_suffix(['?', '~', '%']).unwrap_or(date);
    let words = bare_words(parts(bare)?, old_style)?;
    Some(match &date[bare.len()..] {
        "~" => format!("about {words}"),
        "?" => format!("perhaps {words}"),
        "%" => format!("perhaps about {words}"),
        _ => words,
    })
}

fn bare_words(parts: Parts, old_style: bool) -> Option<String> {
    let (low, high) = parts.years;
    match parts.unspecified {
        1 => return Some(decade(low, high)),
        2 => return Some(century(low)),
        _ => {}
    }
    let year = year(low);
    let calendar = if old_style { " (Old Style)" } else { "" };
    Some(match (parts.month, parts.day) {
        (None | Some(None), _) => format!("{year}{calendar}"),
        (Some(Some(month @ 1..=12)), None | Some(None)) => {
            format!("{}{calendar} {year}", MONTHS[usize::from(month - 1)])
        }
        (Some(Some(month @ 1..=12)), Some(Some(day))) => {
            format!("{day} {}{calendar} {year}", MONTHS[usize::from(month - 1)])
        }
        (Some(Some(24)), _) => format!("winter {year}–{}{calendar}", next_year_short(low)),
        (Some(Some(code @ 21..=23)), _) => {
            format!(
                "{} {year}{calendar}",
                ["spring", "summer", "autumn"][usize::from(code - 21)]
            )
        }
        _ => return None,
    })
}

/// A year as people write it: `1924`, `AD 43`, `44 BC`.
fn year(year: i32) -> String {
    match year {
        1000.. => year.to_string(),
        1..=999 => format!("AD {year}"),
        _ => format!("{} BC", 1 - year),
    }
}

/// The year after `year`, as written after a dash: `1926` → `27`
/// (`1926–27`), and in full where the century changes or before AD 1000.
fn next_year_short(year: i32) -> String {
    let next = year + 1;
    if (1000..).contains(&year) && next / 100 == year / 100 {
        format!("{:02}", next % 100)
    } else {
        self::year(next)
    }
}

/// `192X` (1920-1929) → "the 1920s", `014X` → "the 140s AD", `-004X`
/// (-49..=-40, that is 50-41 BC) → "the 40s BC".
fn decade(low: i32, high: i32) -> String {
    match low {
        1000.. => format!("the {low}s"),
        0.. => format!("the {low}s AD"),
        _ => format!("the {}s BC", -high),
    }
}

/// `19XX` (1900-1999) → "the 20th century"; `-03XX` (-399..=-300, that is
/// 400-301 BC) → "the 4th century BC".
fn century(low: i32) -> String {
    match low {
        0.. => format!("the {} century", ordinal(low / 100 + 1)),
        _ => format!("the {} century BC", ordinal((1 - low) / 100)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_module_table_holds() {
        let table = [
            ("1924-01-21", None, "21 January 1924"),
            ("1529-22", None, "summer 1529"),
            ("1926-24", None, "winter 1926–27"),
            ("1999-24", None, "winter 1999–2000"),
            ("192X", Some("early"), "the early 1920s"),
            ("19XX", None, "the 20th century"),
            ("10XX", None, "the 11th century"),
            ("-03XX", None, "the 4th century BC"),
            ("-004X", None, "the 40s BC"),
            ("014X", None, "the 140s AD"),
            ("-0043", None, "44 BC"),
            ("0000", None, "1 BC"),
            ("0043", None, "AD 43"),
            ("1930~", None, "about 1930"),
            ("1930?", None, "perhaps 1930"),
            ("1930%", None, "perhaps about 1930"),
            ("1928/1932", None, "1928–1932"),
            ("-0054/-0053", None, "55 BC–54 BC"),
            ("1985/..", None, "1985 onwards"),
            ("/1985", None, "until 1985"),
            ("1924-XX", None, "1924"),
            ("1924-01-XX", None, "January 1924"),
            ("1917", Some("late"), "late 1917"),
        ];
        for (value, qualifier, words) in table {
            assert_eq!(in_words(value, qualifier, false), words, "{value}");
        }
    }

    #[test]
    fn old_style_dates_say_so_after_their_month_or_year() {
        let table = [
            ("1917-10-25", None, "25 October (Old Style) 1917"),
            ("1917-10", None, "October (Old Style) 1917"),
            ("1917", None, "1917 (Old Style)"),
            ("1917", Some("late"), "late 1917 (Old Style)"),
            ("1917-10-25~", None, "about 25 October (Old Style) 1917"),
        ];
        for (value, qualifier, words) in table {
            assert_eq!(in_words(value, qualifier, true), words, "{value}");
        }
    }

    #[test]
    fn what_is_not_edtf_stays_as_it_is() {
        for value in ["", "1924-13-01x", "abc", "19XXX", "1924-01-01-01", "/"] {
            assert_eq!(in_words(value, None, false), value);
        }
    }

    #[test]
    fn ordinals() {
        let got: Vec<String> = [1, 2, 3, 4, 11, 12, 13, 21, 22, 101, 111]
            .map(ordinal)
            .into();
        assert_eq!(
            got,
            [
                "1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "101st",
                "111th"
            ]
        );
    }
}
