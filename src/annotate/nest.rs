//! How the finders' hits combine before they become spans: the
//! misspellings beside the exact matches, and the dates inside or outside
//! the entries.
//!
//! The annotator (`annotate/mod.rs`) calls these between finding and
//! making spans; both lists come in sorted by start, as the finders
//! return them.

use crate::dates::DateMatch;
use crate::matcher::TermMatch;

/// Two lists of disjoint hits, each sorted by start and neither
/// overlapping the other, as one sorted list.
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
/// one (`1905 Revolution`, matching rule 6 in `docs/DESIGN.md`) or outside all of them.
/// `entries` are sorted and disjoint, as the matcher returns them.
pub(super) fn nest_dates(entries: &[TermMatch], dates: Vec<DateMatch>) -> Vec<DateMatch> {
    dates
        .into_iter()
        .filter(|date| {
            let after = entries.partition_point(|e| e.end <= date.start);
            entries[after..]
                .iter()
                .take_while(|e| e.start < date.end)
                .all(|e| e.start <= date.start && date.end <= e.end)
        })
        .collect()
}
