//! Who a name several people share means when the document has not said
//! (matching rule 9 of `docs/DESIGN.md`): the surname `Lincoln` derives
//! from both `Abraham Lincoln` and `Mary Todd Lincoln`, and a text that
//! writes `President Lincoln` or, in a teacher's card set, `Lincoln` alone
//! means one of them. `resolve.rs` asks here only after the document's own
//! full mentions have had their say.
//!
//! Both answers come from the lexicon itself, so they carry to any topic:
//!
//! * **An office names its holder.** Of the people sharing a name, the one
//!   whose definition, name or alias names the office written before it
//!   (`President`: "16th president of the United States") is meant, if
//!   only one does. The same goes for a title before a first name, shared
//!   or not (`Prince Arthur`: "Arthur, Prince of Wales").
//! * **The lexicon's own bearer.** The one whose full name the other
//!   entries' definitions use most (`Abraham Lincoln` in "Wife of Abraham
//!   Lincoln"), if one is used strictly most, is the one a bare shared
//!   name means, with the same conditions as an unshared surname; of a
//!   shared first name, only after a title several of them hold (`Queen
//!   Mary`: `Mary I`, "mother of Mary I", over `Mary, Queen of Scots`).

use std::collections::{HashMap, HashSet};
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use crate::lexicon::names::{NameClass, TITLES};
use crate::lexicon::{Kind, Lexicon};
use crate::text::is_word_char;

/// The answers for the names several entries derive.
#[derive(Clone, Debug, Default)]
pub(super) struct SharedNames {
    /// The lexicon's own bearer of each shared name, by its normalized form.
    bearers: HashMap<String, usize>,
    /// The same for each first name several entries derive, asked only
    /// after a title (`Queen Mary`).
    first_name_bearers: HashMap<String, usize>,
    /// For each person, the offices its name, aliases and definition
    /// name, as bits of [`TITLES`] indices (none: not in the map).
    offices: HashMap<usize, u64>,
}

const _: () = assert!(
    TITLES.len() <= u64::BITS as usize,
    "an office is a bit of a u64"
);

impl SharedNames {
    /// The answers for the names in `derived` (normalized form → entries
    /// and classes) that several entries derive as a surname or full form.
    pub(super) fn new(
        lexicon: &Lexicon,
        derived: &HashMap<String, Vec<(usize, NameClass)>>,
    ) -> SharedNames {
        let shared_by = |first_names: bool| -> Vec<(&String, Vec<usize>)> {
            derived
                .iter()
                .map(|(key, claims)| (key, sharers(claims, first_names)))
                .filter(|(_, entries)| entries.len() > 1)
                .collect()
        };
        let (shared, shared_first) = (shared_by(false), shared_by(true));
        let mut sharing: Vec<usize> = shared
            .iter()
            .chain(&shared_first)
            .flat_map(|(_, e)| e.iter().copied())
            .collect();
        sharing.sort_unstable();
        sharing.dedup();
        let named = times_named(lexicon, &sharing);
        let bearers_of = |shared: &[(&String, Vec<usize>)]| -> HashMap<String, usize> {
            shared
                .iter()
                .filter_map(|(key, entries)| {
                    let most = entries.iter().map(|e| named[e]).max()?;
                    let mut top = entries.iter().filter(|e| named[e] == most);
                    match (top.next(), top.next()) {
                        (Some(&entry), None) if most > 0 => Some(((*key).clone(), entry)),
                        _ => None,
                    }
                })
                .collect()
        };
        // Every person's offices: a title before a first name asks them of
        // people who share no name too (`Prince Arthur`).
        let offices = lexicon
            .entries()
            .iter()
            .enumerate()
            .filter(|(_, e)| e.kind == Kind::Person)
            .map(|(index, e)| {
                let forms = std::iter::once(&e.name).chain(&e.aliases);
                let mask = forms.fold(offices_named(&e.definition), |mask, form| {
                    mask | offices_named(form)
                });
                (index, mask)
            })
            .filter(|&(_, mask)| mask != 0)
            .collect();
        SharedNames {
            bearers: bearers_of(&shared),
            first_name_bearers: bearers_of(&shared_first),
            offices,
        }
    }

    /// The one of `entries` whose definition names the office `title`
    /// (one of [`TITLES`]), if exactly one does.
    pub(super) fn holder(&self, title: &str, entries: &[usize]) -> Option<usize> {
        let mut holders = entries.iter().filter(|&&e| self.holds(e, title));
        match (holders.next(), holders.next()) {
            (Some(&entry), None) => Some(entry),
            _ => None,
        }
    }

    /// The lexicon's own bearer of the shared name `key` (normalized).
    pub(super) fn bearer(&self, key: &str) -> Option<usize> {
        self.bearers.get(key).copied()
    }

    /// The lexicon's own bearer of the first name `key` (normalized) that
    /// several people derive.
    pub(super) fn first_name_bearer(&self, key: &str) -> Option<usize> {
        self.first_name_bearers.get(key).copied()
    }

    /// Does `entry`'s name, an alias or its definition name the office
    /// `title` (one of [`TITLES`])?
    pub(super) fn holds(&self, entry: usize, title: &str) -> bool {
        let Some(bit) = TITLES.iter().position(|t| *t == title) else {
            return false;
        };
        self.offices
            .get(&entry)
            .is_some_and(|mask| mask & 1 << bit != 0)
    }
}

/// The distinct entries that derive a name as a first name
/// (`first_names`), or else as a surname or full form.
fn sharers(claims: &[(usize, NameClass)], first_names: bool) -> Vec<usize> {
    let mut entries: Vec<usize> = claims
        .iter()
        .filter(|(_, class)| (*class == NameClass::FirstName) == first_names)
        .map(|&(e, _)| e)
        .collect();
    entries.sort_unstable();
    entries.dedup();
    entries
}

/// For each of `people`, how many other entries' definitions name it by
/// a full name (its name or an alias of two words or more), whole words.
fn times_named(lexicon: &Lexicon, people: &[usize]) -> HashMap<usize, usize> {
    let entries = lexicon.entries();
    let names: Vec<(&str, usize)> = people
        .iter()
        .flat_map(|&e| {
            let entry = &entries[e];
            std::iter::once(&entry.name)
                .chain(&entry.aliases)
                .filter(|form| form.split_whitespace().nth(1).is_some())
                .map(move |form| (form.as_str(), e))
        })
        .collect();
    let mut times: HashMap<usize, usize> = people.iter().map(|&e| (e, 0)).collect();
    let Ok(automaton) = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(names.iter().map(|(name, _)| name))
    else {
        return times;
    };
    for (index, entry) in entries.iter().enumerate() {
        let text = entry.definition.as_str();
        let named: HashSet<usize> = automaton
            .find_iter(text)
            .filter(|hit| whole_words(text, hit.start(), hit.end()))
            .map(|hit| names[hit.pattern().as_usize()].1)
            .filter(|&person| person != index)
            .collect();
        for person in named {
            *times.entry(person).or_default() += 1;
        }
    }
    times
}

/// The offices of [`TITLES`] that `definition` names, in any case, as
/// whole words: bit `i` for `TITLES[i]`. One pass over its words, each
/// looked up alone and with the word before it (`Prime Minister`): it
/// runs for every person's name, aliases and definition.
fn offices_named(definition: &str) -> u64 {
    // Each title's bit by its lower-case words, and the first words of
    // the titles of two words (`prime`): a pair is looked up only after one.
    static TABLE: OnceLock<(HashMap<String, u64>, Vec<String>)> = OnceLock::new();
    let (bits, pair_starts) = TABLE.get_or_init(|| {
        let bits = (0..)
            .zip(TITLES)
            .map(|(i, title)| (title.to_lowercase(), 1u64 << i))
            .collect();
        let starts = TITLES
            .iter()
            .filter_map(|t| Some(t.split_once(' ')?.0.to_lowercase()))
            .collect();
        (bits, starts)
    });
    let mut mask = 0;
    // The word before, if only a space or a hyphen lies between.
    let mut previous: Option<String> = None;
    let mut rest = definition;
    while let Some(start) = rest.find(is_word_char) {
        let gap = &rest[..start];
        let len = rest[start..]
            .find(|c: char| !is_word_char(c))
            .unwrap_or(rest.len() - start);
        let word = rest[start..start + len].to_lowercase();
        rest = &rest[start + len..];
        mask |= bits.get(&word).copied().unwrap_or(0);
        let before = previous.filter(|b| matches!(gap, " " | "-") && pair_starts.contains(b));
        if let Some(before) = before {
            let pair = format!("{before} {word}");
            mask |= bits.get(&pair).copied().unwrap_or(0);
        }
        previous = Some(word);
    }
    mask
}

/// Is `start..end` of `text` whole words: no word character glued to
/// either end?
fn whole_words(text: &str, start: usize, end: usize) -> bool {
    !text[..start].chars().next_back().is_some_and(is_word_char)
        && !text[end..].chars().next().is_some_and(is_word_char)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offices_are_whole_words_in_any_case() {
        let bit = |title: &str| 1u64 << TITLES.iter().position(|t| *t == title).unwrap();
        let mask = offices_named("16th president of the United States; a General's son.");
        assert_eq!(mask & bit("President"), bit("President"));
        assert_eq!(mask & bit("General"), bit("General"));
        assert_eq!(mask & bit("King"), 0);
        // Inside a word is no office; two-word offices are whole.
        assert_eq!(offices_named("a presidential kingdom"), 0);
        let mask = offices_named("Britain's prime minister, not a Vice-President");
        assert_eq!(mask & bit("Prime Minister"), bit("Prime Minister"));
        assert_eq!(mask & bit("Vice President"), bit("Vice President"));
        assert_eq!(offices_named("Prime. Minister") & bit("Prime Minister"), 0);
    }
}
