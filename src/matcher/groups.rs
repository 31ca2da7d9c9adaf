//! The patterns grouped by their first word, so that the few patterns that
//! can start at a word are compared with the text directly instead of
//! walking the automaton.
//!
//! # Design note
//!
//! A hit that passes the word-boundary rule begins with a whole text word
//! equal to its pattern's first word (see [`super::words::FirstWordFilter`]). So
//! at a text word, the only patterns worth trying are those whose first
//! word is that word, and in a real lexicon there are one to three of
//! them. Comparing each with the text, longest first, costs a hash probe
//! and a `memcmp` or two. The automaton walk it replaces took about 18 steps
//! per hit (the walk goes on as long as the text is a prefix of some
//! pattern) at about 160 instructions a step in the `fst` layout: measured
//! with callgrind on a generated 4 MB corpus and a 10k-entry lexicon, the
//! walks were 73M of the 397M instructions spent annotating.
//!
//! A word that begins many patterns (`the`, in a lexicon of `the Right`,
//! `the Left`, …) still gets the walk, which handles any number of
//! patterns in one pass: see [`Group::Many`].
//!
//! Everything a hit needs is laid out to take few cache lines: a hit
//! costs a probe of the slot table and one read of its group's record,
//! which holds each pattern's id, its entry when case does not matter, and
//! its bytes, side by side. With the ids, patterns and entries in three
//! arrays, perf put 13.5% of annotating 104 MB with a 10k-entry lexicon
//! (one thread) in the lookup, the comparisons and the entry, nearly all
//! of it waiting on cache misses; with the records, 9.2%.

use super::words::Word;

/// Pattern ids by the hash of their first word.
#[derive(Clone, Debug)]
pub(super) struct FirstWordGroups {
    /// Open addressing with linear probing, by [`key`]; the top bits of
    /// the key times a constant pick the first slot.
    slots: Box<[Slot]>,
    /// `32 - log2(slots.len())`.
    shift: u32,
    /// The groups' records, back to back (see [`Candidates`]); a record
    /// never starts at 0, so that 0 can mark an empty slot.
    records: Vec<u8>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    key: u32,
    /// Where the group's record starts, or [`Slot::EMPTY`] or
    /// [`Slot::MANY`].
    record: u32,
}

impl Slot {
    const EMPTY: u32 = 0;
    const MANY: u32 = u32::MAX;
}

/// The 32 bits of a first word's hash that groups are keyed by. Words
/// whose keys collide share a group, which costs only a comparison: every
/// candidate is compared with the text.
fn key(hash: u64) -> u32 {
    (hash ^ (hash >> 32)) as u32
}

/// The patterns whose first word has a given hash.
#[derive(Clone, Debug)]
pub(super) enum Group<'g> {
    /// No pattern begins with such a word.
    None,
    /// These patterns, longest first.
    Few(Candidates<'g>),
    /// More than [`FirstWordGroups::FEW`] patterns: walk the automaton.
    Many,
}

/// One pattern of a group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Candidate<'g> {
    pub(super) id: u32,
    /// The entry a hit of the pattern goes to whatever its case, if there
    /// is one (`Matcher::any_case_entry`).
    pub(super) entry: u32,
    pub(super) pattern: &'g [u8],
}

/// A group's record, read as its candidates: a count byte, then for each
/// pattern its id, entry and length (`u32`, little-endian) and its bytes.
#[derive(Clone, Debug)]
pub(super) struct Candidates<'g> {
    left: u8,
    record: &'g [u8],
}

impl<'g> Iterator for Candidates<'g> {
    type Item = Candidate<'g>;

    fn next(&mut self) -> Option<Candidate<'g>> {
        self.left = self.left.checked_sub(1)?;
        let (id, rest) = read_u32(self.record);
        let (entry, rest) = read_u32(rest);
        let (len, rest) = read_u32(rest);
        let (pattern, rest) = rest.split_at(len as usize);
        self.record = rest;
        Some(Candidate { id, entry, pattern })
    }
}

fn read_u32(bytes: &[u8]) -> (u32, &[u8]) {
    let (number, rest) = bytes.split_first_chunk().expect("a whole record");
    (u32::from_le_bytes(*number), rest)
}

impl FirstWordGroups {
    /// The most patterns a group compares one by one.
    pub(super) const FEW: usize = 8;

    /// Groups the patterns that start with a word character by their first
    /// word. A pattern's id is its index in `patterns`; `entries` holds the
    /// entry of each that ignores case, as [`Candidate::entry`].
    pub(super) fn new(patterns: &[String], entries: &[u32]) -> FirstWordGroups {
        let mut by_key: Vec<(u32, std::cmp::Reverse<usize>, u32)> = (0u32..)
            .zip(patterns)
            .map(|(id, pattern)| (Word::at(pattern, 0), pattern.len(), id))
            .filter(|(first, _, _)| first.end > 0)
            .map(|(first, len, id)| (key(first.hash), std::cmp::Reverse(len), id))
            .collect();
        by_key.sort_unstable();
        let distinct = by_key.chunk_by(|a, b| a.0 == b.0).count();
        let len = (2 * distinct).next_power_of_two().max(2);
        let mut groups = FirstWordGroups {
            slots: vec![Slot::default(); len].into_boxed_slice(),
            shift: 32 - len.trailing_zeros(),
            records: vec![0],
        };
        for group in by_key.chunk_by(|a, b| a.0 == b.0) {
            let record = if group.len() > Self::FEW {
                Slot::MANY
            } else {
                let start = groups.records.len();
                groups.records.push(group.len() as u8);
                for &(_, _, id) in group {
                    let pattern = patterns[id as usize].as_bytes();
                    let len = u32::try_from(pattern.len()).expect("patterns under 4 GiB");
                    for number in [id, entries[id as usize], len] {
                        groups.records.extend(number.to_le_bytes());
                    }
                    groups.records.extend(pattern);
                }
                u32::try_from(start).expect("records under 4 GiB")
            };
            let at = groups.free_slot(group[0].0);
            groups.slots[at] = Slot {
                key: group[0].0,
                record,
            };
        }
        groups
    }

    /// The patterns that may start at a text word with hash `hash`.
    pub(super) fn get(&self, hash: u64) -> Group<'_> {
        let key = key(hash);
        let mask = self.slots.len() - 1;
        let mut at = self.first_slot(key);
        loop {
            let slot = self.slots[at];
            match slot.record {
                Slot::EMPTY => return Group::None,
                _ if slot.key != key => at = (at + 1) & mask,
                Slot::MANY => return Group::Many,
                start => {
                    let (&left, record) = self.records[start as usize..]
                        .split_first()
                        .expect("a record");
                    return Group::Few(Candidates { left, record });
                }
            }
        }
    }

    /// Reads the first slot of each of `hashes` and, where it holds a
    /// record, the record's first byte, for their cache misses only (see
    /// `Lookahead`).
    pub(super) fn warm(&self, hashes: impl Iterator<Item = u64>) {
        let touched = hashes.fold(0, |any, hash| {
            let slot = self.slots[self.first_slot(key(hash))];
            let record = self.records.get(slot.record as usize).copied().unwrap_or(0);
            any ^ record
        });
        // Without a use, the compiler would drop the reads.
        std::hint::black_box(touched);
    }

    /// Is `pattern` one that [`Self::get`] never returns, which only a
    /// walk of the automaton can find: it starts with a non-word character, or
    /// its first word begins [`Group::Many`] patterns.
    pub(super) fn leaves_to_walk(&self, pattern: &str) -> bool {
        let first = Word::at(pattern, 0);
        first.end == 0 || matches!(self.get(first.hash), Group::Many)
    }

    fn first_slot(&self, key: u32) -> usize {
        (key.wrapping_mul(0x9E37_79B9) >> self.shift) as usize
    }

    fn free_slot(&self, key: u32) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = self.first_slot(key);
        while self.slots[at].record != Slot::EMPTY {
            at = (at + 1) & mask;
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group_of<'g>(groups: &'g FirstWordGroups, word: &str) -> Vec<(&'g str, u32, u32)> {
        match groups.get(Word::at(word, 0).hash) {
            Group::Few(candidates) => candidates
                .map(|c| (std::str::from_utf8(c.pattern).unwrap(), c.id, c.entry))
                .collect(),
            Group::None => vec![("(none)", 0, 0)],
            Group::Many => vec![("(many)", 0, 0)],
        }
    }

    #[test]
    fn patterns_are_grouped_by_first_word_longest_first() {
        let mut patterns: Vec<String> = ["lenin", "lenin enrolment", "leninism", ".net", "x"]
            .map(String::from)
            .into();
        patterns.extend((0..=FirstWordGroups::FEW).map(|i| format!("the {i}")));
        let entries: Vec<u32> = (100..).take(patterns.len()).collect();
        let groups = FirstWordGroups::new(&patterns, &entries);
        assert_eq!(
            group_of(&groups, "lenin"),
            [("lenin enrolment", 1, 101), ("lenin", 0, 100)]
        );
        assert_eq!(group_of(&groups, "leninism"), [("leninism", 2, 102)]);
        assert_eq!(group_of(&groups, "x"), [("x", 4, 104)]);
        assert_eq!(group_of(&groups, "net"), [("(none)", 0, 0)]);
        assert_eq!(group_of(&groups, "the"), [("(many)", 0, 0)]);
        assert!(groups.leaves_to_walk(".net") && groups.leaves_to_walk("the 1"));
        assert!(!groups.leaves_to_walk("lenin"));
    }
}
