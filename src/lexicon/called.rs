//! The first names a lexicon's own definitions call people by (matching
//! rule 9's exception for first names, `docs/DESIGN.md`).
//!
//! A first name alone is a weak clue (`Henry`: which one?), so it names a
//! person only after the document has named them in full
//! (`matcher/resolve.rs`), and one that is an English word (`Napoleon`: a
//! pastry) is no name at all. But where the lexicon's author writes a
//! person's first name alone in the definitions (`beaten by Napoleon at
//! Waterloo`), and no other person of the lexicon goes by that name, the
//! author calls that person so, and so do the notes written on the same
//! topic: the first name names them once the document has mentioned them
//! by any name (`Bonaparte`, `General Bonaparte`), not only in full, or
//! after an office (`Emperor Napoleon`); [`names::derived_names`] gives it
//! [`NameClass::KnownFirstName`], and `matcher/resolve.rs` resolves it.
//!
//! A capitalised word of a definition counts as a name written alone when
//! it does not start a sentence (`Painter of ...`) and is not followed by
//! another name word (`Napoleon Bonaparte`, `Napoleon III`, `Mary Todd`):
//! there it is part of a longer name. A first name that is also an English
//! word must be written alone in two definitions or more: once, it may be
//! an adjective (`a Christian philosopher`, beside Christian Rakovsky).
//!
//! ```
//! use glossator::lexicon::Lexicon;
//!
//! let mut builder = Lexicon::builder();
//! builder.add_tsv("cards.tsv", "Napoleon Bonaparte\tFrench emperor.\n\
//!     Elba\tIsland where Napoleon was sent in 1814.\n\
//!     Waterloo\tBattle where Napoleon lost in 1815.\n");
//! let lexicon = builder.build().unwrap();
//! assert!(lexicon.first_names_in_use().contains("Napoleon"));
//! ```

use std::collections::{HashMap, HashSet};

use super::names::{self, NameClass};
use super::{Entry, Kind};
use crate::text::{is_english_word, is_word_char};

/// The first names the lexicon's definitions call one person each by
/// (see the module documentation).
#[derive(Clone, Debug, Default)]
pub struct FirstNamesInUse(HashSet<String>);

impl FirstNamesInUse {
    /// The first names of `entries`' people that their definitions write
    /// alone, each borne by one person only.
    pub(super) fn of(entries: &[Entry]) -> FirstNamesInUse {
        // Each name written alone, with the number of definitions that
        // write it so.
        let mut times: HashMap<String, usize> = HashMap::new();
        for entry in entries {
            let mut names: Vec<String> = names_written_alone(&entry.definition).collect();
            names.sort_unstable();
            names.dedup();
            for name in names {
                *times.entry(name).or_default() += 1;
            }
        }
        let written = FirstNamesInUse(times.keys().cloned().collect());
        if written.0.is_empty() {
            return written;
        }
        // Each one-word name a person goes by (a first name, a surname, a
        // name alone): its one bearer (`None` for two or more), and
        // whether it is a surname only (`Lincoln`), which names its bearer
        // already where it is unique.
        let mut bearers: HashMap<String, (Option<usize>, bool)> = HashMap::new();
        let people = entries.iter().enumerate();
        for (at, entry) in people.filter(|(_, e)| e.kind == Kind::Person) {
            let forms = std::iter::once(&entry.name).chain(&entry.aliases);
            let derived = forms.flat_map(|form| names::derived_names(form, &written));
            for name in derived.filter(|d| !d.text.contains(' ')) {
                let surname = name.class == NameClass::Surname;
                bearers
                    .entry(name.text)
                    .and_modify(|(bearer, only)| {
                        *bearer = bearer.filter(|&b| b == at);
                        *only &= surname;
                    })
                    .or_insert((Some(at), surname));
            }
        }
        // A capitalised English word may be an adjective once (`Christian
        // philosopher`); written alone twice, it is the author's name for
        // someone (`Napoleon`).
        let enough = |name: &str| match is_english_word(name) {
            true => times.get(name).is_some_and(|&n| n >= 2),
            false => written.contains(name),
        };
        let in_use = bearers
            .into_iter()
            .filter(|(name, (bearer, surname_only))| {
                bearer.is_some() && !surname_only && enough(name)
            });
        FirstNamesInUse(in_use.map(|(name, _)| name).collect())
    }

    /// Does the lexicon call a person by the first name `name` alone?
    pub fn contains(&self, name: &str) -> bool {
        self.0.contains(name)
    }
}

/// The capitalised words of `definition` written alone: not at a
/// sentence's start, not followed by another capitalised word or a
/// Roman numeral.
fn names_written_alone(definition: &str) -> impl Iterator<Item = String> + '_ {
    let words = words_with_offsets(definition);
    let mut out = Vec::new();
    for (i, &(start, word)) in words.iter().enumerate() {
        if !word.starts_with(char::is_uppercase) || word.chars().count() < 3 {
            continue;
        }
        let before = definition[..start].trim_end();
        let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', ':', ';']);
        let next = words.get(i + 1).filter(|&&(next_start, _)| {
            definition[start + word.len()..next_start].trim().is_empty()
        });
        let longer_name = next.is_some_and(|&(_, next)| next.starts_with(char::is_uppercase));
        if !sentence_start && !longer_name {
            out.push(word.to_string());
        }
    }
    out.into_iter()
}

/// The words of `text` (runs of word characters) with their byte offsets.
fn words_with_offsets(text: &str) -> Vec<(usize, &str)> {
    let mut words = Vec::new();
    let mut start = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (is_word_char(c), start) {
            (true, None) => start = Some(at),
            (false, Some(from)) => {
                words.push((from, &text[from..at]));
                start = None;
            }
            _ => {}
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Lexicon;

    fn in_use(cards: &str) -> Vec<String> {
        let mut builder = Lexicon::builder();
        builder.add_tsv("cards.tsv", cards);
        let lexicon = builder.build().unwrap();
        let mut names: Vec<String> = lexicon.first_names_in_use().0.iter().cloned().collect();
        names.sort();
        names
    }

    #[test]
    fn a_first_name_the_definitions_write_alone_is_in_use() {
        let cards = "Napoleon Bonaparte\tCorsican general.\n\
                     Elba\tIsland given to Napoleon in 1814.\n\
                     Duke of Wellington\tGeneral who beat Napoleon's army.\n";
        assert_eq!(in_use(cards), ["Napoleon"]);
    }

    #[test]
    fn an_english_word_needs_two_definitions() {
        let cards = "Christian Rakovsky\tSoviet diplomat.\n\
                     Nikolai Berdyaev\tChristian philosopher, exiled in 1922.\n";
        assert!(in_use(cards).is_empty());
        let cards = "Napoleon Bonaparte\tCorsican general.\n\
                     Elba\tIsland given to Napoleon in 1814.\n";
        assert!(in_use(cards).is_empty());
    }

    #[test]
    fn a_longer_name_or_a_sentence_start_is_not_a_first_name_alone() {
        let cards = "Napoleon Bonaparte\tCorsican general.\n\
                     Napoleon III\tHis nephew; also wrote of Napoleon Bonaparte.\n\
                     Elba\tIsland. Napoleon went there in 1814.\n";
        assert!(in_use(cards).is_empty());
    }

    #[test]
    fn a_first_name_two_people_bear_is_not_in_use() {
        let cards = "Henry VII\tFirst Tudor king, father of Henry and Arthur.\n\
                     Henry VIII\tKing who broke with Rome.\n\
                     Arthur Tudor\tHenry's elder son.\n";
        assert_eq!(in_use(cards), ["Arthur"]);
    }

    #[test]
    fn a_surname_is_no_first_name() {
        let cards = "Abraham Lincoln\tPresident.\n\
                     Gettysburg Address\tSpeech by Lincoln in 1863.\n";
        assert!(in_use(cards).is_empty());
    }
}
