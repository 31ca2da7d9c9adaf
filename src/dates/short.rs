//! Forms that are dates only where the document's other dates say so (the
//! [`Context`]): years under 1000 without an era ("in 410", the small-year
//! rule) and their decades ("the 140s"), and two-digit short forms read in
//! the century of the document's dates ("the ’30s", "spring ’33"). A
//! production the context does not allow notes it in [`Scan::wants`].
//!
//! [`Context`]: super::grammar::Context

use super::era::era_after;
use super::grammar::{Parsed, Scan};
use super::lexer::{
    byte_is, char_at, is_apostrophe, keyword, next_word, number, previous_word, Num,
};
use super::value::{Kind, Point};
use super::vocab::{classify, is_temporal, may_follow_small_year, Era, Word};

/// The small-year rule. In a document whose other dates reach before the
/// year 1000 ([`Context::early`](super::grammar::Context::early)), a number of one to three digits without
/// an era, no leading zero, is a year when
///
/// * a temporal preposition or an approximation word comes before it ("in
///   410", "by 122", "from 208", "around 60", "c. 75"), or it has three
///   digits ("306", "(286)"; "286–93" is a range of them);
/// * and no lower-case word follows it, other than the few function words
///   of [`may_follow_small_year`] ("in 410 the legions left"): "410
///   soldiers", "about 4 m", "after 25 years" are quantities.
///
/// The guard's vetoes apply as to any year ("page 410", "[12]").
pub(crate) fn small_year(s: &Scan, p: usize) -> Option<(Point, usize)> {
    let placed = |n: Num| {
        let before = previous_word(s.text, p);
        n.len == 3 || before.is_some_and(|w| is_temporal(w) || classify(w) == Some(Word::Approx))
    };
    small_year_placed(s, p, placed).map(|(year, end)| (Point::year(year), end))
}

/// The small-year rule for the year of a day and month ("4 February 211",
/// "February 4, 211"): the month places it, so one or two digits are a
/// year too ("1 March 43"). Returns the year and the offset after it.
pub(crate) fn small_year_after_month(s: &Scan, p: usize) -> Option<(i32, usize)> {
    small_year_placed(s, p, |_| true)
}

/// The small-year rule at `p`, where `placed` says whether what comes
/// before the number makes it a year.
fn small_year_placed(s: &Scan, p: usize, placed: impl FnOnce(Num) -> bool) -> Option<(i32, usize)> {
    let text = s.text;
    let n = number(text, p).filter(|n| n.len <= 3 && n.value > 0)?;
    if byte_is(text, p, b'0') {
        return None;
    }
    // Outside an early document the rule only notes what it saw, and once
    // noted there is nothing more to learn from this scan.
    if !s.cx.early && s.wants.get().small_year {
        return None;
    }
    let followed = next_word(text, n.end).is_some_and(|w| {
        w.starts_with(|c: char| c.is_ascii_lowercase()) && !may_follow_small_year(w)
    });
    if !placed(n) || followed {
        return None;
    }
    if !s.cx.early {
        s.note(|w| w.small_year = true);
        return None;
    }
    Some((n.value as i32, n.end))
}

/// "the 140s": a decade before the year 1000 in an early document (or with
/// an era: "140s AD"); "the 30s": a two-digit decade, in the century of the
/// document's dates ([`Context::pivot`](super::grammar::Context::pivot)).
pub(crate) fn small_decade(s: &Scan, p: usize, n: Num) -> Option<Parsed> {
    let text = s.text;
    if !n.value.is_multiple_of(10) || n.len > 3 || byte_is(text, p, b'0') {
        return None;
    }
    let end = keyword(text, n.end, "s")?;
    if let Some((Era::Ad, era_end)) = era_after(text, end) {
        return Some(Parsed::plain(Kind::Decade(n.value as i32), era_end));
    }
    if n.len == 3 {
        if !s.cx.early {
            s.note(|w| w.small_year = true);
            return None;
        }
        return Some(Parsed::plain(Kind::Decade(n.value as i32), end));
    }
    // "in his 30s" is an age.
    let age = previous_word(text, p).is_some_and(|w| {
        ["his", "her", "their", "my", "your", "our", "its"]
            .iter()
            .any(|a| w.eq_ignore_ascii_case(a))
    });
    let decade = pivoted(s, n.value).filter(|_| !age)?;
    Some(Parsed::plain(Kind::Decade(decade), end))
}

/// The year ending in the two digits `two` nearest the document's pivot,
/// or `None` (noted) without one.
pub(crate) fn pivoted(s: &Scan, two: u32) -> Option<i32> {
    let Some(pivot) = s.cx.pivot else {
        s.note(|w| w.short = true);
        return None;
    };
    let base = pivot - pivot.rem_euclid(100) + two as i32;
    [base - 100, base, base + 100]
        .into_iter()
        .min_by_key(|year| (year - pivot).abs())
}

/// "’33", "'30s": an apostrophe and two digits, a year or a decade of the
/// pivot's century.
pub(crate) fn short_alone(s: &Scan, p: usize) -> Option<Parsed> {
    let text = s.text;
    let apostrophe = char_at(text, p).filter(|&c| is_apostrophe(c))?;
    let n = number(text, p + apostrophe.len_utf8()).filter(|n| n.len == 2)?;
    if let Some(end) = keyword(text, n.end, "s").filter(|_| n.value.is_multiple_of(10)) {
        return Some(Parsed::plain(Kind::Decade(pivoted(s, n.value)?), end));
    }
    let year = pivoted(s, n.value)?;
    Some(Parsed::plain(Kind::Point(Point::year(year)), n.end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::grammar::tests::{in_context, value};
    use crate::dates::grammar::{parse, Context};

    #[test]
    fn small_years_need_an_early_document_and_a_year_context() {
        let early = Context {
            early: true,
            ..Context::default()
        };
        let at = |text: &'static str, cx: Context| {
            let start = text.find(|c: char| c.is_ascii_digit()).unwrap();
            let s = Scan::new(text, cx);
            let found = parse(&s, start).map(|p| (p.kind.edtf(), &text[start..p.end]));
            (found, s.wants.get().small_year)
        };
        assert_eq!(at("in 410 the", early).0, Some(("0410".into(), "410")));
        assert_eq!(at("in 410 the", Context::default()), (None, true));
        assert_eq!(at("by 122.", early).0, Some(("0122".into(), "122")));
        assert_eq!(
            at("306   Constantine", early).0,
            Some(("0306".into(), "306"))
        );
        assert_eq!(
            at("286–93 Carausius", early).0,
            Some(("0286/0293".into(), "286–93"))
        );
        assert_eq!(at("the 140s", early).0, Some(("014X".into(), "140s")));
        assert_eq!(at("410 soldiers", early), (None, false));
        assert_eq!(at("about 4 m", early).0, None);
        assert_eq!(at("After 25 years", early).0, None);
        assert_eq!(at("the 80 Roman miles", early).0, None);
        assert_eq!(at("in 0410", early).0, None);
    }

    #[test]
    fn short_forms_need_a_pivot() {
        let soviet = Context {
            pivot: Some(1930),
            ..Context::default()
        };
        let cases = [
            ("’33", "1933"),
            ("'30s", "193X"),
            ("30s", "193X"),
            ("early 30s", "193X"),
            ("late ’30s", "193X"),
            ("spring ’33", "1933-21"),
            ("31/8/35", "1935-08-31"),
            ("1920s-30s", "192X/193X"),
            ("’95", "1895"),
        ];
        for (text, edtf) in cases {
            assert_eq!(
                in_context(text, soviet).map(|v| v.0),
                Some(edtf.into()),
                "{text}"
            );
        }
        let s = Scan::new("’33", Context::default());
        assert_eq!(parse(&s, 0), None);
        assert!(s.wants.get().short);
        assert_eq!(value("1920s-30s").unwrap().0, "192X/193X");
        assert_eq!(value("1930s-20s").unwrap().0, "193X");
    }
}
