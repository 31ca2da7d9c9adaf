//! Finding lexicon entries in text: the rules that decide which hits
//! count, at the word starts that `words` finds, over the surface forms
//! grouped by first word (in `groups`) and an automaton of the forms the
//! groups leave out (in `prefix_automaton`, which picks its layout by the
//! lexicon's size).
//!
//! See [`Matcher`] for the semantics.

mod groups;
mod prefix_automaton;
mod resolve;
mod words;

use std::collections::HashMap;

use std::ops::Range;

use groups::{Candidates, FirstWordGroups, Group};
use prefix_automaton::PrefixAutomaton;
use words::{FirstWordFilter, HitStarts, Word};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::lexicon::inflect::{self, plurals};
use crate::lexicon::names::{derived_names, NameClass};
use crate::lexicon::{Entry, Kind, Lexicon, SurfaceForm};
use crate::text::{
    is_english_word, is_hyphen, is_whole_word, is_word_char, normalize_form, Normalized,
};

/// Finds lexicon entries in documents. Built once per lexicon, immutable,
/// shared by all threads.
///
/// # Semantics
///
/// Every surface form of every entry (name, aliases, exact-case forms, and
/// for `term` entries their regular plurals: `+s`, `+es` after a sibilant,
/// `y` → `ies`), and every variant of matching rule 10 (other number,
/// spelling and compounds, see [`crate::lexicon::inflect`], found with
/// [`How::Variant`]) is normalized like the document (see
/// [`crate::text::Normalized`]: case, quotes, dashes, spaces) and compiled
/// into one automaton. A hit counts only when
///
/// 1. it is a whole word: the characters on either side are not letters or
///    digits (checked only on a side where the form itself starts or ends
///    with a word character, so `c++` and `.net` work);
/// 2. its case fits: an all-capitals acronym of three or more letters
///    (`NEP`) matches in capitals, capitalised (`Nep`), or in lower case
///    when that is no English word (`nep`, not `gulag`); one of two letters
///    (`UN`) only in capitals and outside hyphenated words; an exact-case
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
///    get a walk of an automaton of the patterns they begin instead (only these
///    patterns are compiled into it): the walk sees every
///    pattern that starts there, shortest first, and the last one that
///    passes both rules is the longest valid hit. The automaton is
///    aho-corasick's contiguous NFA, or for large lexicons a more compact
///    finite state transducer (see `prefix_automaton`'s design note).
///
/// The words that pass the filter are found a few at a time and their
/// groups read together before they are tried (see `Lookahead`), so that
/// the cache misses of those reads overlap. Positions inside an accepted
/// hit are passed over, which is the same greedy choice as collecting all
/// overlapping hits and keeping the leftmost-longest; a property test
/// checks the result against trying every pattern at every position.
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
    automaton: PrefixAutomaton,
    /// The pattern id of each pattern compiled into `automaton`, by its
    /// index there (the automaton holds only the patterns left to a walk).
    automaton_pids: Vec<u32>,
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
    /// The entries and classes of every derived person name (matching
    /// rule 9), by its normalized form, for `resolve`.
    derived: HashMap<String, Vec<(usize, NameClass)>>,
    /// Whether each entry is a person (a title before it joins its span).
    person: Vec<bool>,
    /// Whether each entry's derived surname counts before a full mention
    /// (`Entry::surname_alone`).
    surname_alone: Vec<bool>,
}

/// `Matcher::any_case_entry` of a pattern whose first claim checks case.
const NO_ENTRY: u32 = u32::MAX;

/// An entry's claim on a pattern, with the case rule for it, and whether
/// the pattern is one of its listed forms or a derived name.
#[derive(Clone, Debug)]
struct Claim {
    entry: usize,
    case: CaseRule,
    how: How,
}

#[derive(Clone, Debug, PartialEq, Eq)]
enum CaseRule {
    /// Any case.
    Any,
    /// An acronym of three or more letters, normalized without case
    /// folding (`NEP`): the text must be the same, or the same capitalised
    /// (`Nep`), or in lower case (`nep`) when `lower` says so: when the
    /// lower-case form is no English word (`gulag` is one).
    Acronym { form: String, lower: bool },
    /// A two-letter acronym (`UN`): the text must be the same, in
    /// capitals, and no part of a hyphenated word (`UN-backed`).
    ShortAcronym(String),
    /// The form normalized without case folding: the text must be equal.
    Exact(String),
    /// A derived name that is also an English word (`Grant`, `More`):
    /// the text must start with a capital.
    Capitalised,
}

/// One accepted hit, in byte offsets of the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermMatch {
    pub start: usize,
    pub end: usize,
    /// Index of the entry in [`Lexicon::entries`].
    pub entry: usize,
    /// How the text matched the entry.
    pub how: How,
}

/// How an entry span matched its entry: the `match` field of an entry
/// span in `glossator.annotation/1`.
///
/// Listed forms outrank every other kind of match: a form one entry lists
/// is never taken by another entry's variant of the same text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum How {
    /// A form the entry lists: its name, an alias or an exact-case form.
    Listed,
    /// A form derived from a listed one by a documented rule: a person's
    /// surname or title and name, a term's plural or other spelling.
    Variant,
    /// A word or words a small edit away from one form of one entry.
    Misspelling,
    /// A short name (a surname two people share, a first name) that the
    /// document's earlier full mentions resolve to the entry.
    Reference,
}

impl How {
    /// Every kind of match, listed forms first.
    pub const ALL: [How; 4] = [How::Listed, How::Variant, How::Misspelling, How::Reference];

    /// The name the JSON outputs give it.
    pub const fn as_str(self) -> &'static str {
        match self {
            How::Listed => "listed",
            How::Variant => "variant",
            How::Misspelling => "misspelling",
            How::Reference => "reference",
        }
    }
}

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
    /// Compiles every surface form of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Matcher {
        let (patterns, claims) = patterns_and_claims(lexicon);
        let derived = derived_index(lexicon);
        let person = lexicon
            .entries()
            .iter()
            .map(|e| e.kind == Kind::Person)
            .collect();
        let surname_alone = lexicon.entries().iter().map(|e| e.surname_alone).collect();
        let nonword_starts = patterns
            .iter()
            .any(|p| !p.chars().next().is_some_and(is_word_char));
        let any_case_entry: Vec<u32> = claims.iter().map(|c| any_case_entry(c)).collect();
        // The filter is independent of the rest: made alongside.
        let ((groups, automaton_pids, automaton), filter) = rayon::join(
            || {
                let groups = FirstWordGroups::new(&patterns, &any_case_entry);
                let (pids, walked_patterns): (Vec<u32>, Vec<String>) = (0..)
                    .zip(patterns.iter())
                    .filter(|(_, pattern)| groups.leaves_to_walk(pattern))
                    .map(|(id, pattern)| (id, pattern.clone()))
                    .unzip();
                (groups, pids, PrefixAutomaton::new(&walked_patterns))
            },
            || FirstWordFilter::new(&patterns),
        );
        Matcher {
            automaton,
            automaton_pids,
            nonword_starts,
            filter,
            groups,
            any_case_entry,
            claims,
            derived,
            person,
            surname_alone,
        }
    }

    /// Finds the entries in a normalized document, in text order, as
    /// non-overlapping matches in original byte offsets.
    pub fn find<'n>(&'n self, text: &'n Normalized<'_>) -> impl Iterator<Item = TermMatch> + 'n {
        let mut starts = HitStarts::new(text.as_str(), self.nonword_starts);
        let mut ahead = Lookahead::default();
        let mut ranges = text.original_ranges();
        // The end of the last hit: starts before it are passed over. No
        // word runs on past a hit's end (see `is_whole_word`), so the
        // starts after it are the ones a scan from there would find.
        let mut covered = 0;
        std::iter::from_fn(move || loop {
            let Some((start, word)) = ahead.next() else {
                if self.look_ahead(&mut starts, &mut ahead) {
                    continue;
                }
                return None;
            };
            if start < covered {
                continue;
            }
            if let Some((end, entry, how)) = self.longest_from(text, start, word) {
                covered = end;
                let range = ranges.map(start..end);
                return Some(TermMatch {
                    start: range.start,
                    end: range.end,
                    entry,
                    how,
                });
            }
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
    /// passes the rules, as its end, entry and how it matched.
    #[inline(never)]
    fn longest_from(
        &self,
        text: &Normalized<'_>,
        start: usize,
        word: Word,
    ) -> Option<(usize, usize, How)> {
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
    /// at `start` and passes the rules, as its end, entry and how.
    fn longest_of(
        &self,
        text: &Normalized<'_>,
        start: usize,
        mut candidates: Candidates<'_>,
    ) -> Option<(usize, usize, How)> {
        let rest = &text.as_str().as_bytes()[start..];
        candidates.find_map(|candidate| {
            let end = start + candidate.pattern.len();
            let here = rest.starts_with(candidate.pattern);
            let entry = here.then(|| self.accept(text, start..end, candidate.id, candidate.entry));
            let (entry, how) = entry??;
            Some((end, entry, how))
        })
    }

    /// The longest hit starting at `start` that passes the rules, as its
    /// end, entry and how, from a walk of the automaton.
    fn longest_at(&self, text: &Normalized<'_>, start: usize) -> Option<(usize, usize, How)> {
        let mut longest = None;
        let rest = &text.as_str().as_bytes()[start..];
        self.automaton.prefixes(rest, |len, index| {
            let pid = self.automaton_pids[index];
            let any_case_entry = self.any_case_entry[pid as usize];
            if let Some((entry, how)) = self.accept(text, start..start + len, pid, any_case_entry) {
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

/// Every pattern to compile (each surface form and generated plural,
/// normalized, once), and for each the entries that may claim it.
///
/// The forms are normalized on the current thread pool (the build is part
/// of every run's start, before any document is read), then gathered in
/// entry order.
fn patterns_and_claims(lexicon: &Lexicon) -> (Vec<String>, Vec<Vec<Claim>>) {
    let forms: Vec<(String, Claim, bool)> = lexicon
        .entries()
        .par_iter()
        .enumerate()
        .flat_map_iter(|(entry_index, entry)| entry_patterns(entry_index, entry))
        .collect();
    let mut patterns: Vec<String> = Vec::new();
    let mut claims: Vec<Vec<Claim>> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    for (pattern, claim, explicit) in forms {
        let slot = *index.entry(pattern.clone()).or_insert_with(|| {
            patterns.push(pattern);
            claims.push(Vec::new());
            claims.len() - 1
        });
        let existing = &mut claims[slot];
        // A generated plural never displaces another entry's own form.
        let taken_by_other = existing
            .iter()
            .any(|c| c.entry != claim.entry && c.how == How::Listed);
        let already = existing
            .iter()
            .any(|c| c.entry == claim.entry && c.case == claim.case && c.how == claim.how);
        if (explicit || !taken_by_other) && !already {
            existing.push(claim);
        }
    }
    // A listed form outranks every derived name (matching rule 9).
    for claims in &mut claims {
        if claims.iter().any(|c| c.how == How::Listed) {
            claims.retain(|c| c.how == How::Listed);
        }
    }
    for (pattern, claim) in variant_patterns(lexicon, &index) {
        patterns.push(pattern);
        claims.push(vec![claim]);
    }
    (patterns, claims)
}

/// The forms derived from each person's listed ones (matching rule 9):
/// the entry, the form as written, its class and its case rule.
fn derived_forms(
    entry_index: usize,
    entry: &Entry,
) -> impl Iterator<Item = (usize, String, NameClass, CaseRule)> + '_ {
    let person = entry.kind == Kind::Person;
    let forms = person.then(|| std::iter::once(&entry.name).chain(&entry.aliases));
    forms.into_iter().flatten().flat_map(move |form| {
        derived_names(form).into_iter().map(move |derived| {
            let case = match derived.text.split(' ').any(is_english_word) {
                true => CaseRule::Capitalised,
                false => CaseRule::Any,
            };
            (entry_index, derived.text, derived.class, case)
        })
    })
}

/// Every derived name's entries and classes, by its normalized form.
fn derived_index(lexicon: &Lexicon) -> HashMap<String, Vec<(usize, NameClass)>> {
    let mut index: HashMap<String, Vec<(usize, NameClass)>> = HashMap::new();
    for (entry_index, entry) in lexicon.entries().iter().enumerate() {
        for (entry, text, class, _) in derived_forms(entry_index, entry) {
            let claims = index.entry(normalize_form(&text, true)).or_default();
            if !claims.iter().any(|&(e, c)| e == entry && c == class) {
                claims.push((entry, class));
            }
        }
    }
    index
}

/// The patterns of matching rule 10 (`lexicon::inflect`), with their
/// claims: every listed form's variants, normalized, except those that
/// are already a pattern (a listed form or rule-4 plural of any entry,
/// given in `taken`) and those two entries derive.
fn variant_patterns(lexicon: &Lexicon, taken: &HashMap<String, usize>) -> Vec<(String, Claim)> {
    let derived: Vec<(usize, String)> = lexicon
        .entries()
        .par_iter()
        .enumerate()
        .flat_map_iter(|(entry_index, entry)| {
            let variants = inflect::entry_variants(entry);
            let mut folded: Vec<String> = variants.map(|v| normalize_form(&v, true)).collect();
            folded.sort_unstable();
            folded.dedup();
            folded.into_iter().map(move |v| (entry_index, v))
        })
        .filter(|(_, variant)| !taken.contains_key(variant))
        .collect();
    let mut by_pattern: HashMap<&str, Option<usize>> = HashMap::new();
    for (entry, variant) in &derived {
        by_pattern
            .entry(variant)
            .and_modify(|owner| *owner = owner.filter(|e| e == entry))
            .or_insert(Some(*entry));
    }
    derived
        .iter()
        .filter(|(entry, variant)| by_pattern[variant.as_str()] == Some(*entry))
        .map(|(entry, variant)| {
            let claim = Claim {
                entry: *entry,
                case: CaseRule::Any,
                how: How::Variant,
            };
            (variant.clone(), claim)
        })
        .collect()
}

/// The patterns of one entry, each with the entry's claim on it and
/// whether it is one of the entry's own forms (not a generated plural).
fn entry_patterns(
    entry_index: usize,
    entry: &Entry,
) -> impl Iterator<Item = (String, Claim, bool)> + '_ {
    entry
        .surface_forms()
        .flat_map(move |form| {
            let case = case_rule(form.text, form.exact_case);
            let folded = normalize_form(form.text, true);
            let plurals = match takes_plurals(entry, &case) {
                true => plurals(&folded),
                false => Vec::new(),
            };
            let claim = move |case| Claim {
                entry: entry_index,
                case,
                how: How::Listed,
            };
            let plurals = plurals
                .into_iter()
                .map(move |plural| (plural, claim(CaseRule::Any), false));
            plurals.chain([(folded, claim(case), true)])
        })
        .chain(
            derived_forms(entry_index, entry).map(|(entry, text, _, case)| {
                let claim = Claim {
                    entry,
                    case,
                    how: How::Variant,
                };
                (normalize_form(&text, true), claim, false)
            }),
        )
}

/// Whether a form of `entry` matched by `case` also matches its regular
/// plurals (matching rule 4): a term's form matched in any case, unless
/// the entry says `plural = false`.
fn takes_plurals(entry: &Entry, case: &CaseRule) -> bool {
    entry.kind == Kind::Term && entry.plural && *case == CaseRule::Any
}

/// The plurals `form` of `entry` also matches as (matching rule 4), as
/// written (`Kolkhoz` → `Kolkhozs`, `Kolkhozes`), for exports of the
/// lexicon to other tools; none if it takes none. Like the matcher, this
/// does not leave out a plural that another entry claims: see
/// `patterns_and_claims`.
pub fn written_plurals(entry: &Entry, form: SurfaceForm) -> Vec<String> {
    match takes_plurals(entry, &case_rule(form.text, form.exact_case)) {
        true => plurals(form.text),
        false => Vec::new(),
    }
}

/// See `Matcher::any_case_entry`.
fn any_case_entry(claims: &[Claim]) -> u32 {
    match claims.first() {
        Some(Claim {
            entry,
            case: CaseRule::Any,
            how: How::Listed,
        }) => u32::try_from(*entry).expect("fewer than 4 billion entries"),
        _ => NO_ENTRY,
    }
}

impl CaseRule {
    /// Does the hit at `range` of the original `text` pass (matching rule
    /// 1)?
    fn accepts(&self, text: &str, range: Range<usize>) -> bool {
        let hit = || normalize_form(&text[range.clone()], false);
        match self {
            CaseRule::Any => true,
            CaseRule::Exact(form) => hit() == *form,
            CaseRule::Acronym { form, lower } => {
                let hit = hit();
                hit == *form
                    || hit == capitalised(form)
                    || (*lower && hit.chars().all(|c| !c.is_uppercase()))
            }
            CaseRule::ShortAcronym(form) => hit() == *form && !in_hyphenated_word(text, range),
            CaseRule::Capitalised => text[range].starts_with(char::is_uppercase),
        }
    }
}

/// Is the hit at `range` of `text` joined by a hyphen to a word before or
/// after it (`UN-backed`, `Un-American`)?
fn in_hyphenated_word(text: &str, range: Range<usize>) -> bool {
    let joined = |mut chars: std::str::Chars<'_>, backwards: bool| {
        let mut next = || match backwards {
            true => chars.next_back(),
            false => chars.next(),
        };
        next().is_some_and(is_hyphen) && next().is_some_and(is_word_char)
    };
    joined(text[..range.start].chars(), true) || joined(text[range.end..].chars(), false)
}

fn case_rule(form: &str, exact_case: bool) -> CaseRule {
    let unfolded = normalize_form(form, false);
    if exact_case {
        return CaseRule::Exact(unfolded);
    }
    match acronym_letters(&unfolded) {
        0 | 1 => CaseRule::Any,
        2 => CaseRule::ShortAcronym(unfolded),
        _ => {
            let lower = unfolded.to_lowercase();
            let lower = !lower.split(' ').any(is_english_word);
            CaseRule::Acronym {
                form: unfolded,
                lower,
            }
        }
    }
}

/// The number of letters of an acronym: a form of at least two letters,
/// all of them capitals (`NEP`, `CPSU`, `IRE1`); 0 for any other form.
fn acronym_letters(form: &str) -> usize {
    let letters = form.chars().filter(|c| c.is_alphabetic());
    match letters.clone().all(char::is_uppercase) {
        true => letters.count(),
        false => 0,
    }
}

/// `NEP` → `Nep`.
fn capitalised(form: &str) -> String {
    let mut chars = form.chars();
    let first = chars.next().into_iter().collect::<String>();
    first + &chars.as_str().to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn acronyms_need_two_capital_letters() {
        assert_eq!(acronym_letters("NEP"), 3);
        assert_eq!(acronym_letters("IRE1"), 3);
        assert_eq!(acronym_letters("UN"), 2);
        assert!(acronym_letters("R") < 2);
        assert_eq!(acronym_letters("XBP1s"), 0);
        assert_eq!(capitalised("NKVD"), "Nkvd");
        let lower = |form| match case_rule(form, false) {
            CaseRule::Acronym { lower, .. } => lower,
            other => panic!("{form}: {other:?}"),
        };
        assert!(lower("NKVD") && lower("NEP") && !lower("GULAG") && !lower("THE NKVD"));
        assert_eq!(case_rule("UN", false), CaseRule::ShortAcronym("UN".into()));
    }

    #[test]
    fn two_letter_acronyms_stand_alone() {
        for (text, range, joined) in [
            ("the UN met", 4..6, false),
            ("UN-backed", 0..2, true),
            ("Un-American", 0..2, true),
            ("anti\u{2013}UN", 7..9, true),
            ("UN - the", 0..2, false),
            ("(UN)", 1..3, false),
        ] {
            assert_eq!(in_hyphenated_word(text, range), joined, "{text}");
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
