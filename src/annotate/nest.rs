//! How the finders' hits combine before they become spans: the hits
//! nested in others (matching rule 6) kept or dropped with them, the
//! misspellings beside the exact matches, and the dates inside or outside
//! the entries.
//!
//! The annotator (`annotate/mod.rs`) calls these between finding and
//! making spans; both lists come in sorted by start, as the finders
//! return them.

use std::borrow::Cow;
use std::ops::Range;

use crate::dates::DateMatch;
use crate::matcher::TermMatch;

/// Keeps the hits of [`Matcher::find_nesting`](crate::matcher::Matcher::find_nesting)
/// (sorted by start, each nested hit after its outer one) that `kept`
/// keeps, and a nested hit only with its outer one, which holds it whole.
pub(super) fn retain_hits(hits: &mut Vec<TermMatch>, kept: impl Fn(Range<usize>) -> bool) {
    let mut outer_kept = false;
    hits.retain(|hit| {
        if !hit.nested {
            outer_kept = kept(hit.start..hit.end);
        }
        outer_kept
    });
}

/// The hits of `hits` that are not nested: sorted and disjoint. Borrowed
/// when none is.
pub(super) fn top_level(hits: &[TermMatch]) -> Cow<'_, [TermMatch]> {
    match hits.iter().any(|hit| hit.nested) {
        true => Cow::Owned(hits.iter().filter(|hit| !hit.nested).copied().collect()),
        false => Cow::Borrowed(hits),
    }
}

/// Does any of `hits` (sorted by start, disjoint) overlap `hit`?
pub(super) fn overlaps_hits(hits: &[TermMatch], hit: &TermMatch) -> bool {
    let after = hits.partition_point(|m| m.end <= hit.start);
    hits.get(after).is_some_and(|m| m.start < hit.end)
}

/// Two lists of hits, each sorted by start, longer first, as one, where
/// `b`'s hits (misspellings) overlap none of `a`'s (the exact matches,
/// with those nested in them).
pub(super) fn merge_sorted(a: Vec<TermMatch>, b: Vec<TermMatch>) -> Vec<TermMatch> {
    let mut merged = Vec::with_capacity(a.len() + b.len());
    let mut b = b.into_iter().peekable();
    for hit in a {
        while let Some(before) = b.next_if(|m| m.start < hit.start) {
            merged.push(before);
        }
        merged.push(hit);
    }
    merged.extend(b);
    merged
}

/// Keeps the dates that do not cross an entry span: a date may lie inside
/// one (`1905 Revolution`, matching rule 6 in `docs/DESIGN.md`), nested
/// or not, or outside all of them. `entries` are sorted by start, longer
/// first, those that are not nested disjoint and each nested one inside
/// the one before it that is not, as the matcher returns them.
pub(super) fn nest_dates(entries: &[TermMatch], dates: Vec<DateMatch>) -> Vec<DateMatch> {
    dates
        .into_iter()
        .filter(|date| {
            // The entries that start before the date ends, back to the
            // first one that is not nested and ends before it starts:
            // those before that one end before it too.
            let before = entries.partition_point(|e| e.start < date.end);
            entries[..before]
                .iter()
                .rev()
                .take_while(|e| e.nested || e.end > date.start)
                .filter(|e| e.end > date.start)
                .all(|e| e.start <= date.start && date.end <= e.end)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Day;
    use crate::matcher::How;

    /// A date lies inside an entry span, nested or not, or outside every
    /// one; one that crosses a nested span inside its outer one goes.
    #[test]
    fn dates_cross_no_entry_span_nested_ones_included() {
        let hit = |start, end, nested| TermMatch {
            start,
            end,
            entry: 0,
            how: How::Listed,
            nested,
        };
        let entries = [hit(0, 20, false), hit(5, 10, true), hit(30, 40, false)];
        let day = Day {
            year: 1924,
            month: 1,
            day: 1,
        };
        let date = |start, end| DateMatch {
            start,
            end,
            value: "1924".into(),
            qualifier: None,
            first_day: day,
            last_day: day,
            old_style: false,
        };
        let ranges = [
            (6, 9),
            (8, 12),
            (12, 15),
            (18, 32),
            (22, 25),
            (35, 38),
            (3, 6),
        ];
        let dates = ranges.iter().map(|&(s, e)| date(s, e)).collect();
        let kept: Vec<(usize, usize)> = nest_dates(&entries, dates)
            .iter()
            .map(|d| (d.start, d.end))
            .collect();
        assert_eq!(kept, [(6, 9), (12, 15), (22, 25), (35, 38)]);
        // The exact matches' own order rule: a nested hit is kept with its
        // outer one only.
        let mut hits = entries.to_vec();
        retain_hits(&mut hits, |range| range.start != 0);
        assert_eq!(hits, [hit(30, 40, false)]);
        assert_eq!(top_level(&entries).len(), 2);
    }
}
