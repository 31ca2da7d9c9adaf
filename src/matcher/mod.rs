//! Finding lexicon entries in text: the rules that decide which hits
//! count, over the surface forms grouped by first word (in `groups`) and
//! an automaton of the forms the groups leave out (in `trie`, which picks
//! its layout by the lexicon's size).
//!
//! See [`Matcher`] for the semantics.

mod groups;
mod trie;

use std::ops::Range;

use groups::{Candidates, FirstWordGroups, Group};
use trie::Trie;

use crate::lexicon::{Kind, Lexicon};
use crate::text::{is_word_char, normalize_form, Normalized};

/// Finds lexicon entries in documents. Built once per lexicon, immutable,
/// shared by all threads.
///
/// # Semantics
///
/// Every surface form of every entry (name, aliases, exact-case forms, and
/// for `term` entries their regular plurals: `+s`, `+es` after a sibilant,
/// `y` → `ies`) is normalized like the document (see
/// [`crate::text::Normalized`]: case, quotes, dashes, spaces) and compiled
/// into one automaton. A hit counts only when
///
/// 1. it is a whole word: the characters on either side are not letters or
///    digits (checked only on a side where the form itself starts or ends
///    with a word character, so `c++` and `.net` work);
/// 2. its case fits: an all-capitals acronym (`NEP`, at least two letters)
///    matches only in capitals or capitalised (`Nep`), and an exact-case
///    form only as written; everything else ignores case.
///
/// Among the hits that count, the longest one starting leftmost wins and
/// spans never overlap. This is *not* Aho-Corasick's leftmost-longest
/// mode: that mode reports only the longest pattern at a position, so when
/// it fails a rule (`Lenin enrolments` cut short, say) the shorter valid
/// candidate at the same start would be lost.
///
/// # How
///
/// Rule 1 means a hit can only start where a word starts (or, for a form
/// that itself starts with a non-word character like `.net`, at such a
/// character), and that a hit starting at a word begins with a pattern
/// whose first word is that whole word. So instead of running an
/// Aho-Corasick automaton over every byte, the matcher looks at each word
/// start, left to right:
///
/// 1. a first-word filter (a bit set sized to stay cache-resident) rules
///    out most words;
/// 2. the patterns whose first word is this word (usually one to three;
///    see `groups`) are compared with the text, longest first, and the
///    first that passes both rules is the hit;
/// 3. a word that begins more patterns than that, and a non-word start,
///    get a walk of a trie of the patterns they begin instead (only these
///    patterns are compiled into it): the walk sees every
///    pattern that starts there, shortest first, and the last one that
///    passes both rules is the longest valid hit. The trie is
///    aho-corasick's contiguous NFA, or for large lexicons a more compact
///    finite state transducer (see `trie`'s design note).
///
/// Positions inside an accepted hit are skipped, which is the same greedy
/// choice as collecting all overlapping hits and keeping the
/// leftmost-longest; a property test checks the result against trying
/// every pattern at every position.
///
/// ```
/// use glossator::{lexicon::Lexicon, matcher::Matcher, text::Normalized};
///
/// let mut builder = Lexicon::builder();
/// builder.add_toml("x.toml", r#"
/// [[entry]]
/// id = "lenin"
/// name = "Lenin"
/// kind = "person"
/// definition = "Bolshevik leader."
///
/// [[entry]]
/// id = "lenin-enrolment"
/// name = "Lenin enrolment"
/// kind = "term"
/// definition = "The 1924 recruitment drive."
/// "#);
/// let matcher = Matcher::new(&builder.build().unwrap());
/// let text = "Lenin’s death led to the Lenin\nenrolment, not Leninism.";
/// let found: Vec<_> = matcher
///     .find(&Normalized::new(text))
///     .map(|m| (&text[m.start..m.end], m.entry))
///     .collect();
/// assert_eq!(found, [("Lenin", 0), ("Lenin\nenrolment", 1)]);
/// ```
#[derive(Clone, Debug)]
pub struct Matcher {
    /// The patterns that `groups` leaves to a walk.
    trie: Trie,
    /// For each pattern in `trie` (by its id there), its id.
    walked: Vec<u32>,
    /// Some pattern starts with a non-word character, so hits may start
    /// at any non-word character too, not only at word starts.
    nonword_starts: bool,
    filter: FirstWordFilter,
    groups: FirstWordGroups,
    /// For each pattern, the entries that may claim it, in
    /// priority order: the first whose case rule passes wins.
    claims: Vec<Vec<Claim>>,
    /// For each pattern whose first claim ignores case, that claim's
    /// entry (it always wins), else `NO_ENTRY`: most hits are decided here
    /// without looking at the original text or the claim lists.
    any_case_entry: Vec<u32>,
}

/// `Matcher::any_case_entry` of a pattern whose first claim checks case.
const NO_ENTRY: u32 = u32::MAX;

/// An entry's claim on a pattern, with the case rule for it.
#[derive(Clone, Debug)]
struct Claim {
    entry: usize,
    case: CaseRule,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum CaseRule {
    /// Any case.
    Any,
    /// The form normalized without case folding (`NEP`): the text must be
    /// the same, or the same capitalised (`Nep`).
    Acronym(String),
    /// The form normalized without case folding: the text must be equal.
    Exact(String),
}

/// One accepted hit, in byte offsets of the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermMatch {
    pub start: usize,
    pub end: usize,
    /// Index of the entry in [`Lexicon::entries`].
    pub entry: usize,
}

impl Matcher {
    /// Compiles every surface form of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Matcher {
        let (patterns, claims) = patterns_and_claims(lexicon);
        let nonword_starts = patterns
            .iter()
            .any(|p| !p.chars().next().is_some_and(is_word_char));
        let any_case_entry: Vec<u32> = claims.iter().map(|c| any_case_entry(c)).collect();
        let groups = FirstWordGroups::new(&patterns, &any_case_entry);
        let (walked, walked_patterns): (Vec<u32>, Vec<String>) = (0..)
            .zip(patterns.iter())
            .filter(|(_, pattern)| groups.leaves_to_walk(pattern))
            .map(|(id, pattern)| (id, pattern.clone()))
            .unzip();
        Matcher {
            trie: Trie::new(&walked_patterns),
            walked,
            nonword_starts,
            filter: FirstWordFilter::new(&patterns),
            groups,
            any_case_entry,
            claims,
        }
    }

    /// Finds the entries in a normalized document, in text order, as
    /// non-overlapping matches in original byte offsets.
    pub fn find<'n>(&'n self, text: &'n Normalized<'_>) -> impl Iterator<Item = TermMatch> + 'n {
        let mut starts = HitStarts {
            hay: text.as_str(),
            at: 0,
            nonword: self.nonword_starts,
        };
        std::iter::from_fn(move || {
            while let Some((start, word)) = starts.next() {
                // Most words stop here, so this test is inlined.
                if word.end > start && !self.filter.may_begin_with(word) {
                    continue;
                }
                if let Some((end, entry)) = self.longest_from(text, start, word) {
                    // Positions inside a hit are skipped. No word runs on
                    // past its end (see `is_whole_word`), so the starts
                    // from there are the same as if none were skipped.
                    starts.at = end;
                    let range = text.original_range(start..end);
                    return Some(TermMatch {
                        start: range.start,
                        end: range.end,
                        entry,
                    });
                }
            }
            None
        })
    }

    /// The longest hit at hit start `start`, where `word` starts, that
    /// passes the rules, as its end and entry.
    #[inline(never)]
    fn longest_from(
        &self,
        text: &Normalized<'_>,
        start: usize,
        word: Word,
    ) -> Option<(usize, usize)> {
        if word.end == start {
            return self.longest_at(text, start);
        }
        match self.groups.get(word.hash) {
            Group::None => None,
            Group::Few(candidates) => self.longest_of(text, start, candidates),
            Group::Many => self.longest_at(text, start),
        }
    }

    /// The longest of a group's `candidates` (longest first) that is found
    /// at `start` and passes the rules, as its end and entry.
    fn longest_of(
        &self,
        text: &Normalized<'_>,
        start: usize,
        mut candidates: Candidates<'_>,
    ) -> Option<(usize, usize)> {
        let rest = &text.as_str().as_bytes()[start..];
        candidates.find_map(|candidate| {
            let end = start + candidate.pattern.len();
            let here = rest.starts_with(candidate.pattern);
            let entry = here.then(|| self.accept(text, start..end, candidate.id, candidate.entry));
            Some((end, entry??))
        })
    }

    /// The longest hit starting at `start` that passes the rules, as its
    /// end and entry, from a walk of the trie.
    fn longest_at(&self, text: &Normalized<'_>, start: usize) -> Option<(usize, usize)> {
        let mut longest = None;
        let rest = &text.as_str().as_bytes()[start..];
        self.trie.prefixes(rest, |len, walked| {
            let pid = self.walked[walked];
            let any_case_entry = self.any_case_entry[pid as usize];
            if let Some(entry) = self.accept(text, start..start + len, pid, any_case_entry) {
                longest = Some((start + len, entry));
            }
        });
        longest
    }

    /// The entry claiming pattern `pid` found at `range` of the normalized
    /// text, if the hit passes the word-boundary and case rules.
    /// `any_case_entry` is the pattern's [`Matcher::any_case_entry`].
    fn accept(
        &self,
        text: &Normalized<'_>,
        range: Range<usize>,
        pid: u32,
        any_case_entry: u32,
    ) -> Option<usize> {
        if !is_whole_word(text.as_str(), range.start, range.end) {
            return None;
        }
        if any_case_entry != NO_ENTRY {
            return Some(any_case_entry as usize);
        }
        let original = &text.original()[text.original_range(range)];
        let claims = &self.claims[pid as usize];
        claims
            .iter()
            .find(|c| c.case.accepts(original))
            .map(|c| c.entry)
    }
}

/// Every pattern to compile (each surface form and generated plural,
/// normalized, once), and for each the entries that may claim it.
fn patterns_and_claims(lexicon: &Lexicon) -> (Vec<String>, Vec<Vec<Claim>>) {
    let mut patterns: Vec<String> = Vec::new();
    let mut claims: Vec<Vec<Claim>> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    let mut add = |pattern: String, claim: Claim, explicit: bool| {
        let slot = *index.entry(pattern.clone()).or_insert_with(|| {
            patterns.push(pattern);
            claims.push(Vec::new());
            claims.len() - 1
        });
        let existing = &mut claims[slot];
        // A generated plural never displaces another entry's own form.
        let taken_by_other = existing.iter().any(|c| c.entry != claim.entry);
        let already = existing
            .iter()
            .any(|c| c.entry == claim.entry && c.case == claim.case);
        if (explicit || !taken_by_other) && !already {
            existing.push(claim);
        }
    };
    for (entry_index, entry) in lexicon.entries().iter().enumerate() {
        for form in entry.surface_forms() {
            let case = case_rule(form.text, form.exact_case);
            let folded = normalize_form(form.text, true);
            let wants_plural = entry.kind == Kind::Term && entry.plural;
            if wants_plural && case == CaseRule::Any {
                for plural in plurals(&folded) {
                    add(
                        plural,
                        Claim {
                            entry: entry_index,
                            case: CaseRule::Any,
                        },
                        false,
                    );
                }
            }
            add(
                folded,
                Claim {
                    entry: entry_index,
                    case,
                },
                true,
            );
        }
    }
    (patterns, claims)
}

/// See `Matcher::any_case_entry`.
fn any_case_entry(claims: &[Claim]) -> u32 {
    match claims.first() {
        Some(Claim {
            entry,
            case: CaseRule::Any,
        }) => u32::try_from(*entry).expect("fewer than 4 billion entries"),
        _ => NO_ENTRY,
    }
}

/// The positions of a text where a hit may start, each with the word
/// starting there: every word start, and every non-word character too
/// (with an empty word) if `nonword` (see [`Matcher`]).
struct HitStarts<'h> {
    hay: &'h str,
    /// Where the next search starts.
    at: usize,
    nonword: bool,
}

impl Iterator for HitStarts<'_> {
    type Item = (usize, Word);

    #[inline]
    fn next(&mut self) -> Option<(usize, Word)> {
        let (hay, bytes) = (self.hay, self.hay.as_bytes());
        while let Some(&b) = bytes.get(self.at) {
            let here = self.at;
            let width = match ByteClass::of(b) {
                ByteClass::Word => 0,
                ByteClass::Other => 1,
                ByteClass::NonAscii => {
                    let c = hay[here..].chars().next().expect("at a character");
                    if is_word_char(c) {
                        0
                    } else {
                        c.len_utf8()
                    }
                }
            };
            if width == 0 {
                let word = Word::at(hay, here);
                self.at = word.end;
                return Some((here, word));
            }
            self.at += width;
            if self.nonword {
                return Some((here, Word { end: here, hash: 0 }));
            }
        }
        None
    }
}

/// What a byte says about word characters, from a table: this is looked
/// up for every byte of every document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum ByteClass {
    /// An ASCII letter, digit or `_`.
    Word,
    /// Any other ASCII byte.
    Other,
    /// Part of a non-ASCII character, which may or may not be a word
    /// character.
    NonAscii,
}

impl ByteClass {
    fn of(b: u8) -> ByteClass {
        const TABLE: [ByteClass; 256] = {
            let mut table = [ByteClass::NonAscii; 256];
            let mut b = 0;
            while b < 128 {
                let c = b as u8;
                table[b] = if c.is_ascii_alphanumeric() || c == b'_' {
                    ByteClass::Word
                } else {
                    ByteClass::Other
                };
                b += 1;
            }
            table
        };
        TABLE[usize::from(b)]
    }
}

/// The run of word characters starting at some position: where it ends,
/// and a hash of its bytes, computed in the same pass.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Word {
    end: usize,
    hash: u64,
}

impl Word {
    /// The word starting at `start` of `hay` (empty if none does).
    ///
    /// Every text word passes through here, so ASCII is taken eight bytes
    /// at a time (see [`ascii_word_prefix`]): a loop over single bytes
    /// mispredicted its exit at the end of nearly every word. The hash
    /// mixes in each such chunk and each non-ASCII word character in turn,
    /// so it depends only on the word's bytes, not on what follows it.
    #[inline]
    fn at(hay: &str, start: usize) -> Word {
        // The common case, a word of fewer than sixteen ASCII bytes
        // followed by an ASCII byte, without the general loop of
        // `Word::at_any`, and with the same hash.
        let mut hash = 0;
        for offset in [0, 8] {
            let rest = hay.as_bytes().get(start + offset..);
            let Some(eight) = rest.and_then(<[u8]>::first_chunk) else {
                break;
            };
            let chunk = u64::from_le_bytes(*eight);
            let ends = !ascii_word_bytes(chunk) & HIGH_BITS;
            if ends == 0 {
                hash = mix(hash, chunk);
                continue;
            }
            let len = ends.trailing_zeros() / 8;
            if (chunk >> (8 * len)) & 0x80 != 0 {
                break;
            }
            return Word {
                end: start + offset + len as usize,
                hash: mix(hash, chunk & ((1 << (8 * len)) - 1)),
            };
        }
        Word::at_any(hay, start)
    }

    /// [`Word::at`] for any word: eight ASCII bytes at a time, and
    /// non-ASCII word characters one by one. Kept out of line, so that the
    /// common case inlines small.
    #[inline(never)]
    fn at_any(hay: &str, start: usize) -> Word {
        let (mut at, mut hash) = (start, 0);
        loop {
            let (len, chunk) = ascii_word_prefix(&hay.as_bytes()[at..]);
            hash = mix(hash, chunk);
            at += len;
            match hay.as_bytes().get(at) {
                _ if len == 8 => continue,
                Some(b) if b.is_ascii() => return Word { end: at, hash },
                _ => {}
            }
            match hay[at..].chars().next() {
                Some(c) if !c.is_ascii() && is_word_char(c) => {
                    hash = mix(hash, (u64::from(c) << 8) | 0xFF);
                    at += c.len_utf8();
                }
                _ => return Word { end: at, hash },
            }
        }
    }
}

/// One step of a word's hash: mixes `piece` into `hash`.
fn mix(hash: u64, piece: u64) -> u64 {
    (hash.rotate_left(23) ^ piece).wrapping_mul(FX)
}

/// FxHash's multiplier: the top bits of the product depend on every bit
/// of the multiplicand.
const FX: u64 = 0x517C_C1B7_2722_0A95;

/// How many (up to eight) of the first bytes of `bytes` are ASCII word
/// characters, and those bytes as a little-endian number (zero above).
fn ascii_word_prefix(bytes: &[u8]) -> (usize, u64) {
    let chunk = match bytes.first_chunk::<8>() {
        Some(eight) => u64::from_le_bytes(*eight),
        None => {
            let mut eight = [0; 8];
            eight[..bytes.len()].copy_from_slice(bytes);
            u64::from_le_bytes(eight)
        }
    };
    // Zero bytes past the end are not word characters, so `len` stays
    // within `bytes`.
    let len = (!ascii_word_bytes(chunk) & HIGH_BITS).trailing_zeros() as usize / 8;
    let kept = u64::MAX.checked_shr(64 - 8 * len as u32).unwrap_or(0);
    (len, chunk & kept)
}

/// The high bit of every byte.
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `chunk` that is an ASCII letter, digit or
/// `_`, with no other bit set (SWAR: all eight bytes at once, no carries
/// between them).
fn ascii_word_bytes(chunk: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    let low = chunk & !HIGH_BITS;
    // The high bit of each byte of `low` that is at least `byte`: adding
    // 0x80 - byte carries into the high bit exactly then, and never out of
    // the byte, since `low`'s bytes are below 0x80.
    let at_least = |low: u64, byte: u8| low.wrapping_add(ONES * u64::from(0x80 - byte));
    let between = |low: u64, first: u8, last: u8| at_least(low, first) & !at_least(low, last + 1);
    // `| 0x20` turns capitals into small letters and no other byte into one.
    let letters = between(low | (ONES * 0x20), b'a', b'z');
    let others = between(low, b'0', b'9') | between(low, b'_', b'_');
    (letters | others) & !chunk & HIGH_BITS
}

/// The first words of the patterns that start with a word character,
/// hashed into a set of bits. A hit of such a pattern that passes the
/// word-boundary rule starts with a whole text word equal to the pattern's
/// first word (the pattern goes on with a non-word character, or ends
/// where the text word must end), so a word whose hash is not in the set
/// starts no hit.
///
/// False positives cost a probe of the much larger groups table (see
/// `groups`), a likely cache miss; before the groups they cost a walk of
/// the automaton, several. The set therefore has at least 64 bits per
/// distinct first word (a false positive rate near 1/64), within 8 KiB to
/// 1 MiB: with 64 Ki bits for a 10k-entry lexicon, four walks in five were
/// false positives.
#[derive(Clone, Debug)]
struct FirstWordFilter {
    bits: Box<[u64]>,
    /// `64 - log2(number of bits)`: a hash's top bits pick its bit.
    shift: u32,
}

impl FirstWordFilter {
    const MIN_BITS: usize = 1 << 16;
    const MAX_BITS: usize = 1 << 23;

    fn new(patterns: &[String]) -> FirstWordFilter {
        let firsts: Vec<Word> = patterns
            .iter()
            .map(|pattern| Word::at(pattern, 0))
            .filter(|first| first.end > 0)
            .collect();
        let distinct: std::collections::HashSet<u64> = firsts.iter().map(|w| w.hash).collect();
        let len = (distinct.len() * 64)
            .next_power_of_two()
            .clamp(Self::MIN_BITS, Self::MAX_BITS);
        let mut filter = FirstWordFilter {
            bits: vec![0u64; len / 64].into_boxed_slice(),
            shift: 64 - len.trailing_zeros(),
        };
        for first in firsts {
            let bit = filter.bit(first);
            filter.bits[bit / 64] |= 1 << (bit % 64);
        }
        filter
    }

    /// Can a pattern begin with the whole text word `word`?
    fn may_begin_with(&self, word: Word) -> bool {
        let bit = self.bit(word);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }

    /// The bit of `word`'s hash (Fibonacci hashing: the top bits of the
    /// hash times 2^64 / φ).
    fn bit(&self, word: Word) -> usize {
        (word.hash.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize
    }
}

impl CaseRule {
    fn accepts(&self, original: &str) -> bool {
        match self {
            CaseRule::Any => true,
            CaseRule::Exact(form) => normalize_form(original, false) == *form,
            CaseRule::Acronym(form) => {
                let text = normalize_form(original, false);
                text == *form || text == capitalised(form)
            }
        }
    }
}

fn case_rule(form: &str, exact_case: bool) -> CaseRule {
    let unfolded = normalize_form(form, false);
    if exact_case {
        CaseRule::Exact(unfolded)
    } else if is_acronym(&unfolded) {
        CaseRule::Acronym(unfolded)
    } else {
        CaseRule::Any
    }
}

/// At least two letters, all of them capitals (`NEP`, `CPSU`, `IRE1`).
fn is_acronym(form: &str) -> bool {
    let letters = form.chars().filter(|c| c.is_alphabetic());
    letters.clone().count() >= 2 && letters.clone().all(char::is_uppercase)
}

/// `NEP` → `Nep`.
fn capitalised(form: &str) -> String {
    let mut chars = form.chars();
    let first = chars.next().into_iter().collect::<String>();
    first + &chars.as_str().to_lowercase()
}

/// Regular English plurals of a folded form ending in a letter.
fn plurals(form: &str) -> Vec<String> {
    let Some(last) = form.chars().last().filter(|c| c.is_alphabetic()) else {
        return Vec::new();
    };
    let mut out = vec![format!("{form}s")];
    if ["s", "x", "z", "ch", "sh"]
        .iter()
        .any(|end| form.ends_with(end))
    {
        out.push(format!("{form}es"));
    }
    let before_last = form.chars().rev().nth(1).unwrap_or('a');
    if last == 'y' && !"aeiou".contains(before_last) {
        out.push(format!("{}ies", &form[..form.len() - 1]));
    }
    out
}

/// Is `hay[start..end]` free of word characters touching it on either side?
fn is_whole_word(hay: &str, start: usize, end: usize) -> bool {
    let found = &hay[start..end];
    let starts_word = found.chars().next().is_some_and(is_word_char);
    let ends_word = found.chars().next_back().is_some_and(is_word_char);
    let before_ok = !starts_word || !hay[..start].chars().next_back().is_some_and(is_word_char);
    let after_ok = !ends_word || !hay[end..].chars().next().is_some_and(is_word_char);
    before_ok && after_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plurals_follow_spelling_rules() {
        assert_eq!(plurals("kulak"), ["kulaks"]);
        assert_eq!(plurals("kolkhoz"), ["kolkhozs", "kolkhozes"]);
        assert_eq!(plurals("purge"), ["purges"]);
        assert_eq!(plurals("economy"), ["economys", "economies"]);
        assert!(plurals("c++").is_empty());
    }

    #[test]
    fn acronyms_need_two_capital_letters() {
        assert!(is_acronym("NEP"));
        assert!(is_acronym("IRE1"));
        assert!(!is_acronym("R"));
        assert!(!is_acronym("XBP1s"));
        assert_eq!(capitalised("NKVD"), "Nkvd");
    }

    #[test]
    fn first_word_filter_lets_every_first_word_through() {
        let patterns = [
            "nep",
            "x",
            "five year plan",
            "stalin's",
            "c++",
            "état major",
        ];
        let filter = FirstWordFilter::new(&patterns.map(String::from));
        let word = |text: &str| Word::at(text, 0);
        for first in ["nep", "x", "five", "stalin's", "c++", "état"] {
            assert!(filter.may_begin_with(word(first)), "{first}");
        }
        assert!(!filter.may_begin_with(word("the")));
        assert!(!filter.may_begin_with(word("ne")));
        assert!(!filter.may_begin_with(word("year")));
    }

    #[test]
    fn hit_starts_are_word_starts_with_their_ends() {
        let ends = |text, nonword| -> Vec<_> {
            let starts = HitStarts {
                hay: text,
                at: 0,
                nonword,
            };
            starts.map(|(start, word)| (start, word.end)).collect()
        };
        assert_eq!(ends("Ab, c-état", false), [(0, 2), (4, 5), (6, 11)]);
        assert_eq!(ends("a .b", true), [(0, 1), (1, 1), (2, 2), (3, 4)]);
        assert_eq!(Word::at("five year", 0), Word::at("five", 0));
    }

    proptest::proptest! {
        /// Words end where the first character that is not a word
        /// character starts, and a word's hash depends on its bytes only,
        /// whatever follows it and however it lines up with the eight-byte
        /// chunks.
        #[test]
        fn words_end_at_the_first_non_word_character(
            text in "[a-zA-Z0-9_ .,'’\\-éЖ\u{301}\u{00a0}\n]{0,40}",
            start in 0usize..40,
        ) {
            let start = (0..=start.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap();
            let word = Word::at(&text, start);
            let end = text[start..]
                .char_indices()
                .find(|&(_, c)| !is_word_char(c))
                .map_or(text.len(), |(i, _)| start + i);
            proptest::prop_assert_eq!(word.end, end);
            let alone = &text[start..end];
            proptest::prop_assert_eq!(Word::at(alone, 0), Word { end: alone.len(), hash: word.hash });
            let padded = format!("{alone} and more text after it");
            proptest::prop_assert_eq!(Word::at(&padded, 0).hash, word.hash);
        }
    }

    /// Every hit by brute force: at each position left to right, every
    /// pattern, the longest that passes the rules.
    fn brute_force(lexicon: &Lexicon, text: &Normalized<'_>) -> Vec<TermMatch> {
        let matcher = Matcher::new(lexicon);
        let (patterns, _) = patterns_and_claims(lexicon);
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
                    let entry = matcher.accept(text, start..end, id, any_case_entry)?;
                    Some((end, entry))
                })
                .max();
            if let Some((end, entry)) = longest {
                covered_to = end;
                let range = text.original_range(start..end);
                found.push(TermMatch {
                    start: range.start,
                    end: range.end,
                    entry,
                });
            }
        }
        found
    }

    proptest::proptest! {
        /// The first-word filter, the groups and the trie walks together
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

    #[test]
    fn whole_words_only_where_the_form_has_word_edges() {
        assert!(is_whole_word("(stalin)", 1, 7));
        assert!(!is_whole_word("stalinist", 0, 6));
        assert!(is_whole_word("x .net", 2, 6));
        assert!(!is_whole_word("a1924", 1, 5));
    }
}
