//! The deletion index of the misspelling rule (the SymSpell method, Wolf
//! Garbe 2012): every form searched, and under the hash of each string
//! that its first [`PREFIX`] characters become by deleting up to as many
//! characters as the rule allows it edits, the forms that string comes
//! from. A candidate looks up its own deletions' hashes and gets the few
//! forms it may be near; `mod.rs` checks each with the bounded distance.

use std::collections::hash_map::Entry;
use std::hash::{BuildHasherDefault, Hasher};

use fnv::FnvHashSet;

use crate::lexicon::names::{derived_names, NameClass};
use crate::lexicon::{Kind, Lexicon};
use crate::text::{is_word_char, normalize_form};

/// How many characters of a form or candidate the index looks at.
pub(super) const PREFIX: usize = 7;

/// The most words a candidate has (longer forms are not searched).
pub(super) const MAX_WORDS: usize = 6;

/// The most keys a form or candidate has: its prefix itself, and with up
/// to 2 of its [`PREFIX`] characters deleted (1 + 7 + 21).
pub(super) const MAX_KEYS: usize = 1 + PREFIX + PREFIX * (PREFIX - 1) / 2;

/// The edits allowed between a candidate and a form of which the shorter
/// has `letters` letters: none under 5, 1 up to 8, then 2.
pub(super) fn allowed_edits(letters: usize) -> usize {
    match letters {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// A form the index holds.
#[derive(Debug)]
pub(super) struct Form {
    /// Folded, words joined by single spaces.
    pub(super) text: String,
    /// `text`'s characters.
    pub(super) chars: Vec<char>,
    /// Letters, spaces not counted.
    pub(super) letters: usize,
    pub(super) entry: u32,
    /// `None` for a listed form; for a form derived from a person's name
    /// (matching rule 9), its class.
    pub(super) class: Option<NameClass>,
}

/// The deletion index of every form searched.
#[derive(Debug)]
pub(super) struct Index {
    pub(super) forms: Vec<Form>,
    /// The forms under each key (the hash of a deletion of a form's
    /// prefix with its word count): the head of its chain in `chains`. A
    /// hash table, not a sorted list searched by halves: a candidate looks
    /// up 29 keys for each run of words it tries, and each halving search
    /// of the list missed the cache about twenty times (a quarter of
    /// annotate's time on dense text).
    keys: KeyTable,
    /// Each key's forms as a chain: a form and the link to the key's next
    /// one ([`END`] ends it). Chained as the keys are made, so the index
    /// is built without sorting its (key, form) pairs, which was half of
    /// its cost; the few forms found are sorted by the search.
    chains: Vec<(u32, u32)>,
    /// Bit `n` is set when some form has `n` words.
    pub(super) word_counts: u64,
    /// Every word of every form of every entry (exact-case ones and
    /// acronyms too), folded: words the lexicon knows, which are not
    /// misspelt.
    pub(super) known_words: FnvHashSet<String>,
    /// Whether each entry is a person: a misspelt name may take in a
    /// person's first name or surname hit (see [`Index::open`]).
    pub(super) persons: Vec<bool>,
}

/// The end of a chain of [`Index::chains`].
const END: u32 = u32::MAX;

impl Index {
    /// The index of every searched form of `lexicon`'s entries.
    pub(super) fn new(lexicon: &Lexicon) -> Index {
        let mut forms: Vec<Form> = Vec::new();
        let mut known_words = FnvHashSet::default();
        let add = |forms: &mut Vec<Form>, form: Option<Form>| {
            let Some(form) = form else {
                return;
            };
            let mut own = forms.iter().rev().take_while(|f| f.entry == form.entry);
            if !own.any(|f| f.text == form.text) {
                forms.push(form);
            }
        };
        for (entry, e) in (0u32..).zip(lexicon.entries()) {
            for form in e.surface_forms() {
                let folded = normalize_form(form.text, true);
                for word in folded.split(|c: char| !is_word_char(c)) {
                    if !word.is_empty() && !known_words.contains(word) {
                        known_words.insert(word.to_owned());
                    }
                }
                if !form.exact_case {
                    add(&mut forms, searched_form(form.text, folded, entry, None));
                }
            }
            // A person's derived full names and surnames (matching rule 9),
            // after the listed forms, which a derived one never displaces.
            if e.kind == Kind::Person {
                let derived = std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .flat_map(|form| derived_names(form, lexicon.first_names_in_use()))
                    .filter(|d| d.class != NameClass::FirstName);
                for d in derived {
                    let folded = normalize_form(&d.text, true);
                    add(
                        &mut forms,
                        searched_form(&d.text, folded, entry, Some(d.class)),
                    );
                }
            }
        }
        // A form's prefix has at most 29 deletions, most of them its own.
        let mut keys =
            KeyTable::with_capacity_and_hasher(forms.len() * 24, BuildHasherDefault::default());
        let mut chains = Vec::with_capacity(forms.len() * 24);
        let mut word_counts = 0;
        for (id, form) in (0u32..).zip(&forms) {
            let words = form.text.split(' ').count();
            word_counts |= 1 << words;
            let prefix: Vec<char> = form.text.chars().take(PREFIX).collect();
            deletions(&prefix, allowed_edits(form.letters), words, |key| {
                let link = chains.len() as u32;
                match keys.entry(key) {
                    Entry::Vacant(vacant) => {
                        vacant.insert(link);
                        chains.push((id, END));
                    }
                    // Two deletions of one prefix may be one string
                    // (`aab` less either `a`): the form is then the head.
                    Entry::Occupied(mut head) => {
                        if chains[*head.get() as usize].0 != id {
                            chains.push((id, *head.get()));
                            head.insert(link);
                        }
                    }
                }
            });
        }
        Index {
            forms,
            keys,
            chains,
            word_counts,
            known_words,
            persons: lexicon
                .entries()
                .iter()
                .map(|e| e.kind == Kind::Person)
                .collect(),
        }
    }

    /// Adds to `found` the forms under any of `keys` (in no order; a form
    /// may come twice when two of the keys lead to it).
    ///
    /// Nearly every read here misses the caches (the key table and the
    /// chains are megabytes, read at random), so the reads are made in
    /// rounds that do not depend on each other and are in flight
    /// together: first every key's look-up, then the first link of every
    /// chain found, then the second, and so on. Looked up and walked a
    /// key at a time, each read waited for the one before it, and those
    /// waits were most of the search's time on dense notes.
    pub(super) fn forms_under(&self, keys: &[u64], found: &mut Vec<u32>) {
        let mut links: Vec<u32> = keys
            .iter()
            .filter_map(|key| self.keys.get(key).copied())
            .collect();
        while !links.is_empty() {
            links.retain_mut(|link| {
                let (form, next) = self.chains[*link as usize];
                found.push(form);
                *link = next;
                next != END
            });
        }
    }
}

/// A hash table from keys, which are hashes already, to a link.
type KeyTable = std::collections::HashMap<u64, u32, BuildHasherDefault<KeyHasher>>;

/// The hasher of [`KeyTable`]: a key is its own hash.
#[derive(Default)]
pub(super) struct KeyHasher(u64);

impl Hasher for KeyHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        // Only `u64`s are hashed (`write_u64`); anything else is folded in.
        for &b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(b);
        }
    }

    fn write_u64(&mut self, key: u64) {
        self.0 = key;
    }
}

/// A form (`text`: it folded, as [`normalize_form`] folds it) as the
/// index holds it, if it is one the rule searches.
fn searched_form(form: &str, text: String, entry: u32, class: Option<NameClass>) -> Option<Form> {
    let mut words = text.split(' ');
    let only_words = words
        .clone()
        .all(|w| !w.is_empty() && w.chars().all(is_word_char));
    let letters = text.chars().filter(|&c| c != ' ').count();
    if !only_words || words.nth(MAX_WORDS).is_some() || letters < 5 {
        return None;
    }
    // A form with a small letter is no acronym (normalizing keeps small
    // letters small), and most forms have one: only the others are
    // normalized again to find out.
    let acronym = !form.chars().any(char::is_lowercase) && {
        let unfolded = normalize_form(form, false);
        let mut alphabetic = unfolded.chars().filter(|c| c.is_alphabetic());
        alphabetic.clone().nth(1).is_some() && alphabetic.all(char::is_uppercase)
    };
    (!acronym).then(|| Form {
        chars: text.chars().collect(),
        text,
        letters,
        entry,
        class,
    })
}

/// Calls `key` with the hash of every string that `prefix` becomes by
/// deleting at most `edits` (0 to 2) of its characters (it has at most
/// [`PREFIX`]), each hashed with
/// the word count `words` (strings of different word counts never meet).
pub(super) fn deletions(prefix: &[char], edits: usize, words: usize, mut key: impl FnMut(u64)) {
    // A multiply and a rotation per character (as FxHash mixes): the
    // keys only need to be equal for equal strings and rarely otherwise.
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let mix = |h: u64, c: &char| (h.rotate_left(5) ^ u64::from(*c)).wrapping_mul(K);
    // The hash of each of the prefix's own prefixes, so that a deletion's
    // hash goes on from the one before the (first) character it deletes.
    let mut heads = [0; PREFIX + 1];
    heads[0] = (words as u64).wrapping_mul(K);
    for (i, c) in prefix.iter().enumerate() {
        heads[i + 1] = mix(heads[i], c);
    }
    let rest = |h: u64, from: usize| prefix[from..].iter().fold(h, mix);
    key(heads[prefix.len()]);
    if edits >= 1 {
        for (i, &head) in heads[..prefix.len()].iter().enumerate() {
            key(rest(head, i + 1));
            if edits >= 2 {
                // The hash without `i`, up to `j`.
                let mut without_i = head;
                for (j, c) in prefix.iter().enumerate().skip(i + 1) {
                    key(rest(without_i, j + 1));
                    without_i = mix(without_i, c);
                }
            }
        }
    }
}
