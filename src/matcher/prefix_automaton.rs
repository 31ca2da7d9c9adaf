//! The compiled patterns, walked anchored: which patterns start a text?
//! ([`PrefixAutomaton`]: an NFA or an FST, chosen by size.)
//!
//! [`super::Matcher`] only ever asks one question of its automaton: given
//! the normalized text from a word start on, which patterns are prefixes
//! of it? No failure transitions are needed for that, so any trie-like
//! automaton answers it; the choice is about speed. It asks only at words
//! that begin many patterns and at non-word characters that begin some,
//! and only those patterns are compiled: the other words are handled by
//! `groups`. The measurements below were taken when every pattern was
//! compiled and every candidate word walked.
//!
//! # Design note: two layouts, chosen by size
//!
//! A walk takes one step per byte and each step reads a state that the
//! previous step chose, so a walk is a chain of dependent memory loads. The
//! [`PrefixAutomaton`] therefore comes in two layouts:
//!
//! * aho-corasick's contiguous NFA: a step is a handful of instructions,
//!   but the states take about 20 bytes per pattern byte and a pattern's
//!   states are not adjacent (match states are moved to the front). Fastest
//!   while the states stay in cache.
//! * a finite state transducer (the `fst` crate) mapping each pattern to
//!   its id: shared prefixes *and* suffixes are stored once and nodes are
//!   packed, so it is several times smaller, but decoding a node costs
//!   about three times the instructions of an NFA step.
//!
//! Measured with `glossator annotate --jobs 1` (generated corpora,
//! `examples/gen_corpus`): with 1,000 entries (about 35 KB of patterns)
//! the NFA was 25% faster; at 3,000 (about 100 KB) they were level; with
//! 10,000 (about 350 KB) the NFA's walks were 17% of all samples, mostly
//! waiting on cache misses in the step's first load, and the FST made the
//! whole run about 15% faster and the build a third cheaper. So patterns
//! totalling more than [`PrefixAutomaton::FST_ABOVE_BYTES`] go into the FST.

use aho_corasick::automaton::Automaton;
use aho_corasick::nfa::contiguous::NFA;
use aho_corasick::{Anchored, MatchKind};

/// The patterns, as an automaton walked from a fixed start.
#[derive(Clone, Debug)]
pub(super) enum PrefixAutomaton {
    Nfa(Box<NFA>),
    /// Pattern bytes → pattern id.
    Fst(fst::Map<Vec<u8>>),
}

impl PrefixAutomaton {
    /// Total pattern bytes above which the compact layout is used (see the
    /// module documentation).
    pub(super) const FST_ABOVE_BYTES: usize = 128 * 1024;

    /// Compiles `patterns`, which must be distinct; a pattern's id is its
    /// index.
    pub(super) fn new(patterns: &[String]) -> PrefixAutomaton {
        let total: usize = patterns.iter().map(String::len).sum();
        if total <= Self::FST_ABOVE_BYTES {
            PrefixAutomaton::nfa(patterns)
        } else {
            PrefixAutomaton::fst(patterns)
        }
    }

    fn nfa(patterns: &[String]) -> PrefixAutomaton {
        let nfa = NFA::builder()
            .match_kind(MatchKind::Standard)
            .prefilter(false)
            .build(patterns)
            .expect("lexicon patterns fit the automaton's limits");
        PrefixAutomaton::Nfa(Box::new(nfa))
    }

    fn fst(patterns: &[String]) -> PrefixAutomaton {
        let mut keyed: Vec<(&[u8], u64)> = (0u64..)
            .zip(patterns)
            .map(|(id, pattern)| (pattern.as_bytes(), id))
            .collect();
        keyed.sort_unstable();
        PrefixAutomaton::Fst(fst::Map::from_iter(keyed).expect("distinct patterns, sorted"))
    }

    /// Calls `found(len, id)` for every pattern that is a prefix of `hay`,
    /// shortest first.
    pub(super) fn prefixes(&self, hay: &[u8], found: impl FnMut(usize, usize)) {
        match self {
            PrefixAutomaton::Nfa(nfa) => nfa_prefixes(nfa, hay, found),
            PrefixAutomaton::Fst(map) => fst_prefixes(map.as_fst(), hay, found),
        }
    }
}

fn nfa_prefixes(nfa: &NFA, hay: &[u8], mut found: impl FnMut(usize, usize)) {
    let mut sid = nfa
        .start_state(Anchored::Yes)
        .expect("the NFA supports anchored searches");
    for (len, &byte) in (1..).zip(hay) {
        sid = nfa.next_state(Anchored::Yes, sid, byte);
        if !nfa.is_special(sid) {
            continue;
        }
        if nfa.is_dead(sid) {
            return;
        }
        // A match state also lists the patterns that are suffixes of this
        // one (they start later): keep the one starting at the start.
        let here = (0..nfa.match_len(sid))
            .map(|i| nfa.match_pattern(sid, i))
            .find(|&pid| nfa.pattern_len(pid) == len);
        if let Some(pid) = here {
            found(len, pid.as_usize());
        }
    }
}

fn fst_prefixes(fst: &fst::raw::Fst<Vec<u8>>, hay: &[u8], mut found: impl FnMut(usize, usize)) {
    let mut node = fst.root();
    let mut output = fst::raw::Output::zero();
    for (len, &byte) in (1..).zip(hay) {
        let Some(i) = node.find_input(byte) else {
            return;
        };
        let transition = node.transition(i);
        output = output.cat(transition.out);
        node = fst.node(transition.addr);
        if node.is_final() {
            let id = output.cat(node.final_output()).value();
            found(len, usize::try_from(id).expect("ids come from indexes"));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prefixes(automaton: &PrefixAutomaton, hay: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        automaton.prefixes(hay.as_bytes(), |len, id| out.push((len, id)));
        out
    }

    #[test]
    fn both_layouts_find_the_same_prefixes() {
        let patterns = ["lenin", "lenin enrolment", "nin", "len", "stalin", "l"];
        let patterns = patterns.map(String::from);
        let (nfa, fst) = (
            PrefixAutomaton::nfa(&patterns),
            PrefixAutomaton::fst(&patterns),
        );
        for hay in ["lenin enrolments", "leni", "nin", "", "stalin's"] {
            let found = prefixes(&nfa, hay);
            assert_eq!(found, prefixes(&fst, hay), "{hay:?}");
        }
        assert_eq!(
            prefixes(&nfa, "lenin enrolment!"),
            [(1, 5), (3, 3), (5, 0), (15, 1)]
        );
    }

    #[test]
    fn large_pattern_sets_use_the_compact_layout() {
        let few: Vec<String> = (0..100).map(|i| format!("pattern {i}")).collect();
        let many: Vec<String> = (0..20_000).map(|i| format!("pattern {i}")).collect();
        assert!(matches!(
            PrefixAutomaton::new(&few),
            PrefixAutomaton::Nfa(_)
        ));
        assert!(matches!(
            PrefixAutomaton::new(&many),
            PrefixAutomaton::Fst(_)
        ));
        let found = prefixes(&PrefixAutomaton::new(&many), "pattern 19999");
        assert_eq!(
            found,
            [(9, 1), (10, 19), (11, 199), (12, 1999), (13, 19_999)]
        );
    }
}
