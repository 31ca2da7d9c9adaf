//! The patterns grouped by their first word, so that the few patterns that
//! can start at a word are compared with the text directly instead of
//! walking the trie.
//!
//! # Design note
//!
//! A hit that passes the word-boundary rule begins with a whole text word
//! equal to its pattern's first word (see [`super::FirstWordFilter`]). So
//! at a text word, the only patterns worth trying are those whose first
//! word is that word, and in a real lexicon there are one to three of
//! them. Comparing each with the text, longest first, costs a hash probe
//! and a `memcmp` or two. The trie walk it replaces took about 18 steps
//! per hit (the walk goes on as long as the text is a prefix of some
//! pattern) at about 160 instructions a step in the `fst` layout: measured
//! with callgrind on a generated 4 MB corpus and a 10k-entry lexicon, the
//! walks were 73M of the 397M instructions spent annotating.
//!
//! A word that begins many patterns (`the`, in a lexicon of `the Right`,
//! `the Left`, …) still gets the walk, which handles any number of
//! patterns in one pass: see [`Group::Many`].

use super::Word;

/// Pattern ids by the hash of their first word.
#[derive(Clone, Debug)]
pub(super) struct FirstWordGroups {
    /// Open addressing with linear probing; the slot of a hash is picked by
    /// its top bits. Empty slots have `len == 0`.
    slots: Box<[Slot]>,
    /// `64 - log2(slots.len())`.
    shift: u32,
    /// The ids of the groups' patterns, each group's longest first.
    members: Vec<u32>,
    /// Every pattern's bytes, back to back; pattern `i` ends at `ends[i]`.
    bytes: Vec<u8>,
    ends: Vec<u32>,
}

#[derive(Clone, Copy, Debug, Default)]
struct Slot {
    hash: u64,
    /// The group's first member in `members`.
    start: u32,
    /// The group's size, or [`Slot::MANY`].
    len: u32,
}

impl Slot {
    const MANY: u32 = u32::MAX;
}

/// The patterns whose first word has a given hash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Group<'g> {
    /// No pattern begins with such a word.
    None,
    /// These patterns' ids, longest pattern first.
    Few(&'g [u32]),
    /// More than [`FirstWordGroups::FEW`] patterns: walk the trie.
    Many,
}

impl FirstWordGroups {
    /// The most patterns a group compares one by one.
    pub(super) const FEW: usize = 8;

    /// Groups the patterns that start with a word character by their first
    /// word. A pattern's id is its index in `patterns`.
    pub(super) fn new(patterns: &[String]) -> FirstWordGroups {
        let mut by_hash: Vec<(u64, std::cmp::Reverse<usize>, u32)> = (0u32..)
            .zip(patterns)
            .map(|(id, pattern)| (Word::at(pattern, 0), pattern.len(), id))
            .filter(|(first, _, _)| first.end > 0)
            .map(|(first, len, id)| (first.hash, std::cmp::Reverse(len), id))
            .collect();
        by_hash.sort_unstable();
        let distinct = by_hash.chunk_by(|a, b| a.0 == b.0).count();
        let len = (2 * distinct).next_power_of_two().max(2);
        let mut groups = FirstWordGroups {
            slots: vec![Slot::default(); len].into_boxed_slice(),
            shift: 64 - len.trailing_zeros(),
            members: Vec::new(),
            bytes: patterns.concat().into_bytes(),
            ends: patterns
                .iter()
                .scan(0, |end, p| {
                    *end += p.len();
                    Some(u32::try_from(*end).expect("patterns under 4 GiB"))
                })
                .collect(),
        };
        for group in by_hash.chunk_by(|a, b| a.0 == b.0) {
            let start = u32::try_from(groups.members.len()).expect("under 4 billion patterns");
            let len = if group.len() > Self::FEW {
                Slot::MANY
            } else {
                groups.members.extend(group.iter().map(|&(_, _, id)| id));
                group.len() as u32
            };
            let at = groups.free_slot(group[0].0);
            groups.slots[at] = Slot {
                hash: group[0].0,
                start,
                len,
            };
        }
        groups
    }

    /// The patterns that may start at a text word with hash `hash`.
    pub(super) fn get(&self, hash: u64) -> Group<'_> {
        let mask = self.slots.len() - 1;
        let mut at = self.first_slot(hash);
        loop {
            let slot = self.slots[at];
            match slot.len {
                0 => return Group::None,
                _ if slot.hash != hash => at = (at + 1) & mask,
                Slot::MANY => return Group::Many,
                len => {
                    let start = slot.start as usize;
                    return Group::Few(&self.members[start..start + len as usize]);
                }
            }
        }
    }

    /// Is `pattern` one that [`Self::get`] never returns, which only a
    /// walk of the trie can find: it starts with a non-word character, or
    /// its first word begins [`Group::Many`] patterns.
    pub(super) fn leaves_to_walk(&self, pattern: &str) -> bool {
        let first = Word::at(pattern, 0);
        first.end == 0 || self.get(first.hash) == Group::Many
    }

    /// Pattern `id`'s bytes.
    pub(super) fn pattern(&self, id: u32) -> &[u8] {
        let id = id as usize;
        let start = id
            .checked_sub(1)
            .map_or(0, |before| self.ends[before] as usize);
        &self.bytes[start..self.ends[id] as usize]
    }

    fn first_slot(&self, hash: u64) -> usize {
        (hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }

    fn free_slot(&self, hash: u64) -> usize {
        let mask = self.slots.len() - 1;
        let mut at = self.first_slot(hash);
        while self.slots[at].len != 0 {
            at = (at + 1) & mask;
        }
        at
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn group_of<'g>(groups: &'g FirstWordGroups, word: &str) -> Vec<&'g str> {
        match groups.get(Word::at(word, 0).hash) {
            Group::Few(ids) => ids
                .iter()
                .map(|&id| std::str::from_utf8(groups.pattern(id)).unwrap())
                .collect(),
            Group::None => vec!["(none)"],
            Group::Many => vec!["(many)"],
        }
    }

    #[test]
    fn patterns_are_grouped_by_first_word_longest_first() {
        let mut patterns: Vec<String> = ["lenin", "lenin enrolment", "leninism", ".net", "x"]
            .map(String::from)
            .into();
        patterns.extend((0..=FirstWordGroups::FEW).map(|i| format!("the {i}")));
        let groups = FirstWordGroups::new(&patterns);
        assert_eq!(group_of(&groups, "lenin"), ["lenin enrolment", "lenin"]);
        assert_eq!(group_of(&groups, "leninism"), ["leninism"]);
        assert_eq!(group_of(&groups, "x"), ["x"]);
        assert_eq!(group_of(&groups, "net"), ["(none)"]);
        assert_eq!(group_of(&groups, "the"), ["(many)"]);
    }
}
