//! Misspellings: capitalised words the exact matcher left unexplained that
//! are a small edit away from one entry's form (`Trotksy`, `Kamanev`,
//! `Jane Seymore`).
//!
//! This is a pass after [`crate::matcher::Matcher`]: it looks only at
//! words no entry span covers, so it never changes what the exact matcher
//! found, and its spans say `match: misspelling`. The rule (the README's
//! and `docs/DESIGN.md`'s "matching rule 7"):
//!
//! * a candidate is one word, or several in a row (separated only by white
//!   space within a paragraph, or dashes), none of them inside an entry
//!   span, the first one capitalised, with as many words as the form;
//! * every word that differs from the form's word in its place is
//!   capitalised, has at least 5 letters and nothing but letters, is not
//!   an English word ([`crate::text::is_english_word`]) and is no word of
//!   any entry's form: `Angels` is no misspelt `Engels`, `Alexander III`
//!   no misspelt `Alexander II`, and `Franco` (a word of `Francisco
//!   Franco`) no misspelt `France`;
//! * the candidate is not the form with another English ending: a plural
//!   (`Stalins`; matching rule 4 decides plurals), or an ending such as
//!   `-n`, `-ian`, `-ist`, `-ism`, `-ic`, `-y` (`German` for `Germany`,
//!   `Leninist` for `Leninism`): see [`DERIVED_ENDINGS`];
//! * the candidate and the form (both folded like the matcher's forms,
//!   words joined by one space) are at most 1 edit apart when the shorter
//!   of the two has 5 to 8 letters, at most 2 when it has 9 or more, and
//!   not equal. Edits are the Damerau-Levenshtein ones: inserting,
//!   deleting or changing a letter, or swapping two adjacent letters
//!   (`Trotksy`), counted as the optimal string alignment does (no
//!   stretch edited twice);
//! * all the forms within that distance belong to exactly one entry (two
//!   forms of one entry are fine; forms of two entries leave the words
//!   untagged), or are one derived name several people share (`Seymor`),
//!   which the document's mentions then resolve;
//! * the longest candidate wins, the leftmost first; spans never overlap.
//!
//! The forms searched are every entry's name and aliases of at least 5
//! letters made only of words (no `'`, `.` or other marks inside), except
//! all-capitals acronyms and `exact_case` forms.
//! A person's derived full names and surnames (matching rule 9,
//! [`crate::lexicon::names`]) are searched too, below the listed forms:
//! when a listed form is near, only the listed ones decide the entry. A
//! misspelling says which kind of form it is near, so that the matcher
//! resolves a misspelt surname as the surname
//! ([`crate::matcher::Matcher::resolve_misspelt`]). A candidate may take
//! in a hit of a person's first name or surname that is one of its words
//! (`Anne` in `Anne of Clevves`): the longer name wins.
//!
//! # How
//!
//! A deletion index (the SymSpell method, Wolf Garbe 2012): two strings
//! within `d` edits of each other share a string that each reaches by
//! deleting at most `d` characters, and so do their first
//! [`PREFIX`] characters. So every form's prefix is indexed under the
//! hashes of its deletions (up to the edits its length allows), a
//! candidate's prefix looks up the hashes of its own, and the forms found
//! are checked with the full distance. The index is built on first use:
//! a document with no unexplained capitalised word never needs it.
//!
//! The pass is anchored on the words that could be misspelt (capitalised,
//! 5 letters or more, no English word, not already tagged), which are
//! rare: most capitalised words are a lexicon form or an English word at
//! a sentence start, and each costs one look-up in the word list.
//!
//! One concept per file: the search here; `index.rs`, the deletion index of
//! the forms searched; `words.rs`, which
//! words could be misspelt and how a candidate's words join; `distance.rs`,
//! the bounded edit distance.

use std::ops::Range;
use std::sync::OnceLock;

mod distance;
mod index;
mod words;

use distance::osa_within;
use index::{allowed_edits, deletions, Index, MAX_KEYS, MAX_WORDS, PREFIX};
use words::{
    could_be_misspelt, covering, is_derived, next_word, possible_misspellings, previous_word,
    starts_capitalised,
};

use fnv::FnvHashSet;

use crate::lexicon::names::NameClass;
use crate::lexicon::Lexicon;
use crate::matcher::{How, TermMatch};
use crate::text::normalize_form;

/// Finds misspelt forms of a lexicon's entries. Owned by the annotator
/// beside its lexicon, shared by all threads; the index is made on first
/// use, from the lexicon passed to [`Misspellings::find`], which must be
/// the same one every time.
#[derive(Debug, Default)]
pub(crate) struct Misspellings {
    index: OnceLock<Index>,
}

impl Clone for Misspellings {
    /// A fresh finder: the index is made again on first use.
    fn clone(&self) -> Misspellings {
        Misspellings::default()
    }
}

/// A misspelling found, with what the document's mentions need to resolve
/// it ([`crate::matcher::Matcher::resolve_misspelt`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Misspelt {
    /// The hit, of the first entry whose form it misspells.
    pub hit: TermMatch,
    /// What kind of form it misspells: `None`, a listed one; else the
    /// class of a person's derived name.
    pub class: Option<NameClass>,
    /// The other entries that derive the same name it misspells (`Seymore`
    /// for Jane and Edward Seymour), sorted; usually none.
    pub shared_with: Vec<usize>,
}

/// The entry a candidate misspells, as [`Misspelt`] holds it.
type Near = (u32, Option<NameClass>, Vec<usize>);

impl Misspellings {
    /// A finder for `lexicon`'s misspellings with its index made now, not
    /// on first use: the annotator makes it beside its matcher, on another
    /// thread, rather than the first document waiting for it (and, with
    /// two workers, the other worker waiting for that document).
    pub(crate) fn new(lexicon: &Lexicon) -> Misspellings {
        Misspellings {
            index: OnceLock::from(Index::new(lexicon)),
        }
    }

    /// The misspellings in `text` (a document's matching text, with markup
    /// masked), outside the exact matcher's `found` hits (sorted by start,
    /// disjoint), except that one may take in a hit of a person's first
    /// name or surname whole (`Anne` in `Anne of Cleaves`), in text order.
    pub(crate) fn find(&self, lexicon: &Lexicon, text: &str, found: &[TermMatch]) -> Vec<Misspelt> {
        let mut hits = Vec::new();
        let mut covered = 0; // the end of the last misspelling
        for anchor in possible_misspellings(text, found) {
            if anchor.start < covered {
                continue;
            }
            let index = self.index.get_or_init(|| Index::new(lexicon));
            if let Some(hit) = index.around(text, found, covered, anchor) {
                covered = hit.hit.end;
                hits.push(hit);
            }
        }
        hits
    }
}

impl Index {
    /// May a candidate hold `word`: does no `found` hit overlap it, or only
    /// one that is exactly the word and a person's derived name or
    /// reference (a first name or surname, `Anne` in `Anne of Cleaves`),
    /// which the longer misspelt name replaces?
    fn open(&self, found: &[TermMatch], word: &Range<usize>) -> bool {
        match covering(found, word) {
            None => true,
            Some(hit) => {
                hit.start == word.start
                    && hit.end == word.end
                    && matches!(hit.how, How::Variant | How::Reference)
                    && self.persons[hit.entry]
            }
        }
    }

    /// The longest, then leftmost, misspelling that holds the word
    /// `anchor` and starts at or after `from`.
    fn around(
        &self,
        text: &str,
        found: &[TermMatch],
        from: usize,
        anchor: Range<usize>,
    ) -> Option<Misspelt> {
        // The words around the anchor that a misspelt form could span:
        // none covered, and each one that may stand in a form.
        let fold = |word: &Range<usize>| normalize_form(&text[word.clone()], true);
        let mut words = vec![anchor.clone()];
        let mut folded = vec![fold(&anchor)];
        while words.len() < MAX_WORDS {
            let Some(word) = previous_word(text, words[0].start) else {
                break;
            };
            if word.start < from || !self.open(found, &word) {
                break;
            }
            let word_folded = fold(&word);
            if !self.may_stand(&text[word.clone()], &word_folded) {
                break;
            }
            words.insert(0, word);
            folded.insert(0, word_folded);
        }
        let at = words.len() - 1; // the anchor's place
        while words.len() < at + MAX_WORDS {
            let Some(word) = next_word(text, words[words.len() - 1].end) else {
                break;
            };
            if !self.open(found, &word) {
                break;
            }
            let word_folded = fold(&word);
            if !self.may_stand(&text[word.clone()], &word_folded) {
                break;
            }
            words.push(word);
            folded.push(word_folded);
        }
        for len in (1..=MAX_WORDS.min(words.len())).rev() {
            if self.word_counts & (1 << len) == 0 {
                continue;
            }
            let first = at.saturating_sub(len - 1);
            for start in first..=at {
                let Some(end) = (start + len).checked_sub(1).filter(|&e| e < words.len()) else {
                    continue;
                };
                if !starts_capitalised(&text[words[start].clone()]) {
                    continue;
                }
                let candidate = Candidate {
                    text,
                    words: &words[start..=end],
                    folded: &folded[start..=end],
                };
                if let Some((entry, class, shared_with)) = self.entry_of(&candidate) {
                    let hit = TermMatch {
                        start: words[start].start,
                        end: words[end].end,
                        entry: entry as usize,
                        how: How::Misspelling,
                        nested: false,
                    };
                    return Some(Misspelt {
                        hit,
                        class,
                        shared_with,
                    });
                }
            }
        }
        None
    }

    /// May `word` (folded: `folded`) stand in a misspelt form: is it a
    /// word of a form, or one that could be misspelt? A run of words with
    /// any other word in it is no form's misspelling
    /// ([`Candidate::differs_fairly`]), so it is not looked up: in dense
    /// notes most words around a capitalised one are English words that
    /// no form has, and looking up every run of them was most of the
    /// search's time.
    fn may_stand(&self, word: &str, folded: &str) -> bool {
        self.known_words.contains(folded) || could_be_misspelt(word)
    }

    /// The one entry that `candidate` is a misspelling of, if there is
    /// exactly one, and the kind of its forms it is near: a listed form
    /// (`None`), else a derived full name, else a surname. Where the forms
    /// near are one derived name that several entries share, the first of
    /// them, with the others.
    fn entry_of(&self, candidate: &Candidate) -> Option<Near> {
        let joined = candidate.folded.join(" ");
        let letters = joined.chars().filter(|&c| c != ' ').count();
        let edits = allowed_edits(letters);
        if edits == 0 {
            return None;
        }
        let joined_chars: Vec<char> = joined.chars().collect();
        let prefix = &joined_chars[..joined_chars.len().min(PREFIX)];
        let mut keys = Vec::with_capacity(MAX_KEYS);
        deletions(prefix, edits, candidate.words.len(), |key| keys.push(key));
        let mut forms = Vec::new();
        self.forms_under(&keys, &mut forms);
        forms.sort_unstable();
        forms.dedup();
        // Each form's record, read before the first is checked: the checks
        // do not wait for them one by one (see `Index::forms_under`).
        let touched = forms.iter().fold(0, |any, &id| {
            let form = &self.forms[id as usize];
            any ^ form.letters ^ form.chars.first().map_or(0, |&c| c as usize)
        });
        std::hint::black_box(touched);
        let mut near: Vec<(u32, Option<NameClass>, &str)> = Vec::new();
        for form in forms.into_iter().map(|id| &self.forms[id as usize]) {
            let allowed = allowed_edits(letters.min(form.letters));
            // Each edit changes the length by one letter at most (the
            // word counts are equal), so the distance is at least the
            // difference: a cheaper test first.
            if letters.abs_diff(form.letters) > allowed {
                continue;
            }
            if !matches!(osa_within(&joined_chars, &form.chars, allowed), Some(1..)) {
                continue;
            }
            if is_derived(&joined, &form.text) {
                return None; // another word made from a form
            }
            if !candidate.differs_fairly(&form.text, &self.known_words) {
                continue;
            }
            near.push((form.entry, form.class, &form.text));
        }
        // Listed forms outrank derived ones (matching rule 9): only when
        // no listed form is near do the derived ones decide. The strongest
        // class near: a full name, then a surname.
        let listed = near.iter().any(|(_, class, _)| class.is_none());
        near.retain(|(_, class, _)| class.is_none() == listed);
        let &(entry, _, text) = near.first()?;
        let class = near.iter().map(|&(_, class, _)| class).min().flatten();
        if near.iter().all(|&(e, ..)| e == entry) {
            return Some((entry, class, Vec::new()));
        }
        // One derived name of several people, misspelt: the document's
        // mentions decide, as they decide the name itself.
        if listed || near.iter().any(|&(.., t)| t != text) {
            return None;
        }
        let mut shared_with: Vec<usize> = near
            .iter()
            .map(|&(e, ..)| e as usize)
            .filter(|&e| e != entry as usize)
            .collect();
        shared_with.sort_unstable();
        shared_with.dedup();
        Some((entry, class, shared_with))
    }
}

/// Words of a document tried against forms of as many words.
struct Candidate<'a> {
    text: &'a str,
    /// Each word's range in `text`.
    words: &'a [Range<usize>],
    /// Each word folded.
    folded: &'a [String],
}

impl Candidate<'_> {
    /// Is every word that differs from the form's word in its place one
    /// that could be misspelt ([`could_be_misspelt`]) and none of the
    /// `known` words of the lexicon's forms?
    fn differs_fairly(&self, form: &str, known: &FnvHashSet<String>) -> bool {
        form.split(' ')
            .zip(self.folded)
            .zip(self.words)
            .all(|((form_word, folded), range)| {
                form_word == folded
                    || (could_be_misspelt(&self.text[range.clone()]) && !known.contains(folded))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LEXICON: &str = r#"
[[entry]]
id = "trotsky"
name = "Leon Trotsky"
kind = "person"
aliases = ["Trotsky"]
definition = "D."

[[entry]]
id = "kamenev"
name = "Lev Kamenev"
kind = "person"
aliases = ["Kamenev"]
definition = "D."

[[entry]]
id = "engels"
name = "Friedrich Engels"
kind = "person"
aliases = ["Engels"]
definition = "D."

[[entry]]
id = "alexander-ii"
name = "Alexander II"
kind = "person"
definition = "D."

[[entry]]
id = "jane-seymour"
name = "Jane Seymour"
kind = "person"
definition = "D."

[[entry]]
id = "petrov"
name = "Petrov"
kind = "person"
definition = "D."

[[entry]]
id = "petrova"
name = "Petrova"
kind = "person"
definition = "D."

[[entry]]
id = "triumvirate"
name = "Triumvirate"
kind = "term"
definition = "D."

[[entry]]
id = "nkvd"
name = "NKVDXX"
kind = "org"
definition = "D."

[[entry]]
id = "france"
name = "France"
kind = "place"
definition = "D."

[[entry]]
id = "franco"
name = "Francisco Franco"
kind = "person"
definition = "D."

[[entry]]
id = "pilgrimage"
name = "Pilgrimage of Grace"
kind = "event"
definition = "D."

[[entry]]
id = "cranmer"
name = "Archbishop Thomas Cranmer"
kind = "person"
definition = "D."

[[entry]]
id = "bukharin"
name = "Nikolai Bukharin"
kind = "person"
aliases = ["Bukharin"]
definition = "D."

[[entry]]
id = "bukharina"
name = "Anna Bukharina"
kind = "person"
definition = "D."
"#;

    fn lexicon() -> Lexicon {
        let mut builder = Lexicon::builder();
        builder.add_toml("m.toml", LEXICON);
        builder.build().unwrap()
    }

    /// The misspellings found in `text`, as (text, entry id), with no
    /// exact hits.
    fn found(text: &str) -> Vec<(String, String)> {
        let lexicon = lexicon();
        Misspellings::default()
            .find(&lexicon, text, &[])
            .into_iter()
            .map(|Misspelt { hit: m, .. }| {
                assert_eq!(m.how, How::Misspelling);
                let id = lexicon.entries()[m.entry].id.clone();
                (text[m.start..m.end].to_string(), id)
            })
            .collect()
    }

    #[test]
    fn edits_allowed_by_length() {
        let table = [(0, 0), (4, 0), (5, 1), (8, 1), (9, 2), (30, 2)];
        for (letters, edits) in table {
            assert_eq!(allowed_edits(letters), edits, "{letters}");
        }
    }

    #[test]
    fn the_rule_case_by_case() {
        let cases: &[(&str, &[(&str, &str)])] = &[
            // A swap is one edit; the possessive stays outside.
            ("Then Trotksy's army.", &[("Trotksy", "trotsky")]),
            (
                "Kamanev and Trotksy",
                &[("Kamanev", "kamenev"), ("Trotksy", "trotsky")],
            ),
            // The longest candidate: both words.
            ("Then Leon Trotksy spoke.", &[("Leon Trotksy", "trotsky")]),
            // Two edits in 11 letters; dashes and a line break join words.
            ("Jane Seymore died.", &[("Jane Seymore", "jane-seymour")]),
            ("Jane\nSeymore died.", &[("Jane\nSeymore", "jane-seymour")]),
            (
                "the Triumvirarte and the Tirumvirarte",
                &[
                    ("Triumvirarte", "triumvirate"),
                    ("Tirumvirarte", "triumvirate"),
                ],
            ),
            (
                "the Pilgramage of Grace",
                &[("Pilgramage of Grace", "pilgrimage")],
            ),
            // Lower case, a dictionary word, too short, too far.
            ("trotksy and Angels", &[]),
            ("Kirov, Trots, Trotskiiy", &[]),
            // A changed word under 5 letters: no misspelling.
            ("Alexander III", &[]),
            // Two entries one edit away: nothing.
            ("Petrovv", &[]),
            // Plurals and other endings make other words.
            ("Petrovs and Triumvirates", &[]),
            // A word of another entry's form is no misspelling.
            ("The Franco-Prussian War", &[]),
            ("Digits and marks: Trotksy2 Trotk_sy", &[]),
            // Not across a blank line or punctuation.
            ("Jane\n\nSeymore", &[]),
            ("Jane. Seymore", &[]),
            // An acronym is no form searched.
            ("NKVDXY", &[]),
            // Non-ASCII capitals are found too, and an accent is no edit
            // (matching rule 3): `Trötsky` is `Trotsky`, an exact hit.
            ("Édouard met Trötksy", &[("Trötksy", "trotsky")]),
            ("Édouard met Trötsky", &[]),
        ];
        for (text, expected) in cases {
            let expected: Vec<(String, String)> = expected
                .iter()
                .map(|(t, id)| (t.to_string(), id.to_string()))
                .collect();
            assert_eq!(found(text), expected, "{text:?}");
        }
    }

    /// A person's derived full names and surnames are searched too, and
    /// say which they are; a listed form outranks another entry's derived
    /// one.
    #[test]
    fn derived_names_are_searched_with_their_class() {
        let lexicon = lexicon();
        let found = |text: &str| -> Vec<(String, String, Option<NameClass>)> {
            Misspellings::default()
                .find(&lexicon, text, &[])
                .into_iter()
                .map(|Misspelt { hit: m, class, .. }| {
                    let id = lexicon.entries()[m.entry].id.clone();
                    (text[m.start..m.end].to_string(), id, class)
                })
                .collect()
        };
        let one = |text: &str, id: &str, class| vec![(text.to_string(), id.to_string(), class)];
        let surname = Some(NameClass::Surname);
        assert_eq!(found("Cramner"), one("Cramner", "cranmer", surname));
        // The name without its title is a derived full name.
        let full = Some(NameClass::Full);
        assert_eq!(
            found("Thomas Cramner"),
            one("Thomas Cramner", "cranmer", full)
        );
        // `Bukharina` is one edit away too, but only derived.
        assert_eq!(found("Bukharine"), one("Bukharine", "bukharin", None));
        assert_eq!(found("Bukharinna"), one("Bukharinna", "bukharina", surname));
    }

    #[test]
    fn words_the_matcher_explained_are_left_alone() {
        let lexicon = lexicon();
        let text = "Trotksy Kamanev";
        let exact = [TermMatch {
            start: 0,
            end: 7,
            entry: 0,
            how: How::Listed,
            nested: false,
        }];
        let found = Misspellings::default().find(&lexicon, text, &exact);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].hit.start..found[0].hit.end], "Kamanev");
        // "Leon" is explained: "Trotksy" alone is tried.
        let text = "Leon Trotksy";
        let exact = [TermMatch {
            start: 0,
            end: 4,
            entry: 1,
            how: How::Listed,
            nested: false,
        }];
        let found = Misspellings::default().find(&lexicon, text, &exact);
        assert_eq!(found.len(), 1);
        assert_eq!(&text[found[0].hit.start..found[0].hit.end], "Trotksy");
    }

    proptest::proptest! {
        /// The deletion index finds the entry that checking every form
        /// finds.
        #[test]
        fn the_index_finds_what_brute_force_finds(
            forms in proptest::collection::vec("[abc]{3,11}( [abc]{2,4})?", 1..12),
            candidate in "[Abc][abc]{3,11}( [Abc][abc]{1,3})?",
        ) {
            let toml: String = forms
                .iter()
                .enumerate()
                .map(|(i, form)| {
                    format!("[[entry]]\nid = \"e{i}\"\nname = \"{form}\"\nkind = \"term\"\ndefinition = \"D.\"\nplural = false\n")
                })
                .collect();
            let mut builder = Lexicon::builder();
            builder.add_toml("p.toml", &toml);
            let Ok(lexicon) = builder.build() else {
                return Ok(()); // two entries with one form
            };
            let index = Index::new(&lexicon);
            let words: Vec<Range<usize>> = candidate
                .split(' ')
                .scan(0, |at, word| {
                    let range = *at..*at + word.len();
                    *at += word.len() + 1;
                    Some(range)
                })
                .collect();
            let folded: Vec<String> = candidate.split(' ').map(str::to_lowercase).collect();
            let candidate = Candidate { text: &candidate, words: &words, folded: &folded };
            let joined = folded.join(" ");
            let letters = joined.chars().filter(|&c| c != ' ').count();
            let mut derived = false;
            let mut entries: Vec<u32> = index
                .forms
                .iter()
                .filter(|f| f.text.split(' ').count() == words.len())
                .filter(|f| {
                    let distance = strsim::osa_distance(&joined, &f.text);
                    distance > 0 && distance <= allowed_edits(letters.min(f.letters))
                })
                .filter(|f| {
                    derived |= is_derived(&joined, &f.text);
                    candidate.differs_fairly(&f.text, &index.known_words)
                })
                .map(|f| f.entry)
                .collect();
            entries.sort_unstable();
            entries.dedup();
            let expected = match entries[..] {
                [entry] if !derived => Some(entry),
                _ => None,
            };
            proptest::prop_assert_eq!(index.entry_of(&candidate).map(|(e, ..)| e), expected);
        }
    }
}
