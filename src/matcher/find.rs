//! The find: the longest valid hit at each word start, left to right
//! ([`Matcher::find`]), by a word's group of patterns or a walk of the
//! automaton, each hit checked against the word-boundary and case rules.
//!
//! What it reads was built by [`Matcher::new`] (`mod.rs`) from the
//! patterns and claims of `patterns.rs`; the semantics are documented on
//! [`Matcher`]. A property test here checks it against trying every
//! pattern at every position.

use std::ops::Range;

use super::groups::{Candidates, Group};
use super::nested::{Bounds, Outer};
use super::words::{HitStarts, Word};
use super::{How, Matcher, TermMatch, NO_ENTRY};
use crate::text::{is_whole_word, Normalized};

/// The next few hit starts that passed the first-word filter, found
/// ahead of the matching.
///
/// Nearly every word that passes the filter costs two cache misses, one
/// for its group's slot and one for the group's record: in a large
/// lexicon these are as good as random reads of a megabyte or so, and
/// perf put a tenth of annotating 104 MB with a 10k-entry lexicon on
/// them. Words pass the filter only every thirty words or so, too far
/// apart for the processor to overlap one's misses with the next one's.
/// So the matcher finds several such words first and reads their groups
/// all at once, reads that do not depend on each other and so are in
/// flight together, before it matches them one by one.
#[derive(Default)]
struct Lookahead {
    starts: [(usize, Word); Lookahead::LEN],
    len: usize,
    next: usize,
}

impl Lookahead {
    const LEN: usize = 8;

    fn clear(&mut self) {
        (self.len, self.next) = (0, 0);
    }

    fn is_full(&self) -> bool {
        self.len == Self::LEN
    }

    fn push(&mut self, start: usize, word: Word) {
        self.starts[self.len] = (start, word);
        self.len += 1;
    }

    /// The starts not taken yet.
    fn pending(&self) -> &[(usize, Word)] {
        &self.starts[self.next..self.len]
    }

    fn next(&mut self) -> Option<(usize, Word)> {
        let found = *self.pending().first()?;
        self.next += 1;
        Some(found)
    }
}

impl Matcher {
    /// Finds the entries in a normalized document, in text order, as
    /// non-overlapping matches in original byte offsets.
    pub fn find<'n>(&'n self, text: &'n Normalized<'_>) -> impl Iterator<Item = TermMatch> + 'n {
        self.hits::<false>(text)
    }

    /// [`Matcher::find`]'s hits, each followed by the hits nested in it
    /// (`nested: true`; matching rule 6, see `nested.rs`): sorted by
    /// start, longer first.
    pub fn find_nesting<'n>(
        &'n self,
        text: &'n Normalized<'_>,
    ) -> impl Iterator<Item = TermMatch> + 'n {
        self.hits::<true>(text)
    }

    /// [`Matcher::find`], with the nested hits too if `NEST`.
    fn hits<'n, const NEST: bool>(
        &'n self,
        text: &'n Normalized<'_>,
    ) -> impl Iterator<Item = TermMatch> + 'n {
        let mut starts = HitStarts::new(text.as_str(), self.nonword_starts);
        let mut ahead = Lookahead::default();
        let mut ranges = text.original_ranges();
        // The end of the last hit: starts before it are passed over, or
        // tried for nested hits. No word runs on past a hit's end (see
        // `is_whole_word`), so the starts after it are the ones a scan
        // from there would find.
        let mut covered = 0;
        // The last hit, if it may hold nested hits.
        let mut outer: Option<Outer> = None;
        // A start to try again: an outer hit's own, for a nested hit there.
        let mut again: Option<(usize, Word)> = None;
        let whole = Bounds::whole(text);
        std::iter::from_fn(move || loop {
            let Some((start, word)) = again.take().or_else(|| ahead.next()) else {
                if self.look_ahead(&mut starts, &mut ahead) {
                    continue;
                }
                return None;
            };
            let (found, nested) = if start < covered {
                let Some(outer) = outer.as_mut().filter(|_| NEST) else {
                    continue;
                };
                let Some(found) = self.nested_at(text, start, word, outer) else {
                    continue;
                };
                (found, true)
            } else {
                let Some(found) = self.longest_from(text, start, word, whole) else {
                    continue;
                };
                covered = found.0;
                if NEST {
                    outer = self.outer(start, word, found);
                    again = outer.is_some().then_some((start, word));
                }
                (found, false)
            };
            let (end, entry, how) = found;
            let range = ranges.map(start..end);
            return Some(TermMatch {
                start: range.start,
                end: range.end,
                entry,
                how,
                nested,
            });
        })
    }

    /// Refills `ahead` with the next hit starts that pass the first-word
    /// filter, and reads their groups, so that the cache misses of those
    /// reads are waited for together (see [`Lookahead`]); false if there
    /// are none.
    fn look_ahead(&self, starts: &mut HitStarts, ahead: &mut Lookahead) -> bool {
        ahead.clear();
        while !ahead.is_full() {
            let Some((start, word)) = starts.next() else {
                break;
            };
            // Most words stop here, so this test is inlined.
            if word.end == start || self.filter.may_begin_with(word) {
                ahead.push(start, word);
            }
        }
        let words = ahead
            .pending()
            .iter()
            .filter(|(start, word)| word.end > *start);
        self.groups.warm(words.map(|(_, word)| word.hash));
        !ahead.pending().is_empty()
    }

    /// The longest hit at hit start `start`, where `word` starts, that
    /// passes the rules and keeps within `bounds`, as its end, entry and
    /// how it matched.
    #[inline(never)]
    pub(super) fn longest_from(
        &self,
        text: &Normalized<'_>,
        start: usize,
        word: Word,
        bounds: Bounds,
    ) -> Option<(usize, usize, How)> {
        if word.end == start {
            return self.longest_at(text, start, bounds);
        }
        match self.groups.get(word.hash) {
            Group::None => None,
            Group::Few(candidates) => self.longest_of(text, start, candidates, bounds),
            Group::Many => self.longest_at(text, start, bounds),
        }
    }

    /// The longest of a group's `candidates` (longest first) that is found
    /// at `start`, passes the rules and keeps within `bounds`, as its end,
    /// entry and how.
    fn longest_of(
        &self,
        text: &Normalized<'_>,
        start: usize,
        mut candidates: Candidates<'_>,
        bounds: Bounds,
    ) -> Option<(usize, usize, How)> {
        // A candidate past the bounds' end is not found in what is left.
        let rest = &text.as_str().as_bytes()[start..bounds.end];
        candidates.find_map(|candidate| {
            let end = start + candidate.pattern.len();
            let here = rest.starts_with(candidate.pattern);
            let entry = here.then(|| self.accept(text, start..end, candidate.id, candidate.entry));
            let (entry, how) = entry??;
            self.admits(bounds, entry).then_some((end, entry, how))
        })
    }

    /// The longest hit starting at `start` that passes the rules and keeps
    /// within `bounds`, as its end, entry and how, from a walk of the
    /// automaton.
    fn longest_at(
        &self,
        text: &Normalized<'_>,
        start: usize,
        bounds: Bounds,
    ) -> Option<(usize, usize, How)> {
        let mut longest = None;
        let rest = &text.as_str().as_bytes()[start..bounds.end];
        self.automaton.prefixes(rest, |len, index| {
            let pid = self.automaton_pids[index];
            let any_case_entry = self.any_case_entry[pid as usize];
            let accepted = self.accept(text, start..start + len, pid, any_case_entry);
            if let Some((entry, how)) = accepted.filter(|&(e, _)| self.admits(bounds, e)) {
                longest = Some((start + len, entry, how));
            }
        });
        longest
    }

    /// The entry claiming pattern `pid` found at `range` of the normalized
    /// text, and how, if the hit passes the word-boundary and case rules.
    /// `any_case_entry` is the pattern's [`Matcher::any_case_entry`].
    fn accept(
        &self,
        text: &Normalized<'_>,
        range: Range<usize>,
        pid: u32,
        any_case_entry: u32,
    ) -> Option<(usize, How)> {
        if !is_whole_word(text.as_str(), range.start, range.end) {
            return None;
        }
        if any_case_entry != NO_ENTRY {
            return Some((any_case_entry as usize, How::Listed));
        }
        let (original, range) = (text.original(), text.original_range(range));
        let claims = &self.claims[pid as usize];
        claims
            .iter()
            .find(|c| c.case.accepts(original, range.clone()))
            .map(|c| (c.entry, c.how))
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;
    use crate::matcher::patterns::{derived_forms, patterns_and_claims};

    /// Every hit by brute force: at each position left to right, every
    /// pattern, the longest that passes the rules.
    fn brute_force(lexicon: &Lexicon, text: &Normalized<'_>) -> Vec<TermMatch> {
        let matcher = Matcher::new(lexicon);
        let (patterns, _) = patterns_and_claims(lexicon, &derived_forms(lexicon));
        let hay = text.as_str();
        let (mut found, mut covered_to) = (Vec::new(), 0);
        for start in (0..hay.len()).filter(|&i| hay.is_char_boundary(i)) {
            if start < covered_to {
                continue;
            }
            let longest = (0u32..)
                .zip(&patterns)
                .filter(|(_, pattern)| hay[start..].starts_with(pattern.as_str()))
                .filter_map(|(id, pattern)| {
                    let end = start + pattern.len();
                    let any_case_entry = matcher.any_case_entry[id as usize];
                    let (entry, how) = matcher.accept(text, start..end, id, any_case_entry)?;
                    Some((end, entry, how))
                })
                .max();
            if let Some((end, entry, how)) = longest {
                covered_to = end;
                let range = text.original_range(start..end);
                found.push(TermMatch {
                    start: range.start,
                    end: range.end,
                    entry,
                    how,
                    nested: false,
                });
            }
        }
        found
    }

    proptest::proptest! {
        /// The first-word filter, the groups and the automaton walks together
        /// find what trying every pattern everywhere finds. Forms whose
        /// first word is `a` or `b` are often more than
        /// `FirstWordGroups::FEW`, and those of two-letter first words
        /// fewer, so both ways of trying a word's patterns are used.
        #[test]
        fn finds_what_brute_force_finds(
            forms in proptest::collection::btree_set("[ab]( [ab]{1,2}){0,2}|[ab]{2}( [ab])?|-[ab]|NAB", 1..32),
            text in "[abAB ,.\n-]{0,60}",
        ) {
            let toml: String = forms
                .iter()
                .enumerate()
                .map(|(i, form)| {
                    format!("[[entry]]\nid = \"e{i}\"\nname = \"{form}\"\nkind = \"term\"\ndefinition = \"D.\"\n")
                })
                .collect();
            let mut builder = Lexicon::builder();
            builder.add_toml("p.toml", &toml);
            let Ok(lexicon) = builder.build() else {
                return Ok(()); // a plural that is another entry's form
            };
            let matcher = Matcher::new(&lexicon);
            let text = Normalized::new(&text);
            let found: Vec<TermMatch> = matcher.find(&text).collect();
            proptest::prop_assert_eq!(found, brute_force(&lexicon, &text));
        }
    }
}
