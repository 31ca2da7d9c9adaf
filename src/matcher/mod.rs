//! Finding lexicon entries in text: the rules that decide which hits
//! count, at the word starts that `words` finds, over the surface forms
//! grouped by first word (in `groups`) and an automaton of the forms the
//! groups leave out (in `prefix_automaton`, which picks its layout by the
//! lexicon's size).
//!
//! See [`Matcher`] for the semantics.
//!
//! One concept per file:
//!
//! * `mod.rs`: [`Matcher`] (its semantics), what it returns
//!   ([`TermMatch`], [`How`]), and its build from the parts below;
//! * `patterns.rs`: the patterns and the entries that claim each;
//! * `case.rs`: the case rule of each claim;
//! * `find.rs`: the longest-match find over word starts;
//! * `words.rs`, `groups.rs`, `prefix_automaton.rs`: the word scan and
//!   first-word filter, the patterns grouped by first word, the automaton
//!   of the rest;
//! * `nested.rs`: the persons and places nested in events and terms
//!   (matching rule 6);
//! * `resolve.rs`: the per-document rules for derived names;
//! * `shared.rs`: whom a name several people share means when the
//!   document has not said;
//! * `places.rs`: the place names that their context says are not the
//!   place (matching rule 11);
//! * `context.rs`: the forms that count only where the document confirms
//!   their entry (matching rule 12);
//! * `heads.rs`: where a name's head noun alone names it (matching rule
//!   13).

mod case;
mod context;
mod find;
mod groups;
mod heads;
mod nested;
mod patterns;
mod places;
mod prefix_automaton;
mod resolve;
mod shared;
mod words;

use std::collections::HashMap;

use groups::FirstWordGroups;
use prefix_automaton::PrefixAutomaton;
use shared::SharedNames;
use words::FirstWordFilter;

use serde::{Deserialize, Serialize};

use crate::lexicon::names::NameClass;
use crate::lexicon::{Kind, Lexicon};
use crate::text::is_word_char;
use case::CaseRule;
use context::ContextCues;
pub use patterns::written_plurals;
use patterns::{any_case_entry, derived_forms, derived_index, patterns_and_claims};

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
    /// Whom the derived names several people share mean, from the
    /// lexicon's definitions, for `resolve`.
    shared: SharedNames,
    /// Each entry's kind: a title before a person joins its span, and
    /// kinds decide which entries nest in which (`nested`).
    kinds: Vec<Kind>,
    /// Whether each entry's hits may hold nested ones (`nested::may_hold`).
    holds: Vec<bool>,
    /// Whether each entry's derived surname counts before a full mention
    /// (`Entry::surname_alone`).
    surname_alone: Vec<bool>,
    /// Whether each person goes by a surname (derives one): a first name
    /// alone is rather someone known by it (`Edward VI`, not `Edward
    /// Seymour`), for `resolve`.
    has_surname: Vec<bool>,
    /// The forms that need their entry confirmed by the document
    /// (`Entry::needs_context`, matching rule 12).
    context: ContextCues,
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

/// One accepted hit, in byte offsets of the original text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermMatch {
    /// Byte offset of the hit's start in the text.
    pub start: usize,
    /// Byte offset just after the hit.
    pub end: usize,
    /// Index of the entry in [`Lexicon::entries`].
    pub entry: usize,
    /// How the text matched the entry.
    pub how: How,
    /// The hit lies inside the last hit before it that is not nested, of
    /// another entry (see [`Matcher::find_nesting`]).
    pub nested: bool,
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

impl Matcher {
    /// Compiles every surface form of `lexicon`.
    pub fn new(lexicon: &Lexicon) -> Matcher {
        let derived = derived_forms(lexicon);
        let (patterns, claims) = patterns_and_claims(lexicon, &derived);
        let derived = derived_index(&derived);
        let mut has_surname = vec![false; lexicon.entries().len()];
        for &(entry, _) in derived
            .values()
            .flatten()
            .filter(|(_, c)| *c == NameClass::Surname)
        {
            has_surname[entry] = true;
        }
        let shared = SharedNames::new(lexicon, &derived);
        let kinds: Vec<Kind> = lexicon.entries().iter().map(|e| e.kind).collect();
        let holds = nested::may_hold(&patterns, &claims, &kinds);
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
            || FirstWordFilter::new(patterns.iter().map(String::as_str)),
        );
        Matcher {
            automaton,
            automaton_pids,
            nonword_starts,
            filter,
            groups,
            claims,
            any_case_entry,
            derived,
            shared,
            kinds,
            holds,
            surname_alone,
            has_surname,
            context: ContextCues::new(lexicon),
        }
    }
}
