//! Nested entries (matching rule 6 of `docs/DESIGN.md`): a person or
//! place named inside an event's or a term's span (`Lenin's death`, the
//! `Kirov affair`, the `Treaty of Brest-Litovsk`) is a hit too, nested in
//! that span, so that it counts as a mention of the person or place.
//!
//! Only the spans of [`holds_nested`] kinds hold nested hits, and only
//! entries of [`nests`] kinds are nested; never the outer hit's own entry.
//! Inside an outer hit of more than one word, every hit start is tried as
//! the matcher tries any (matching rules 1-5 and 10: boundaries, case,
//! the longest valid candidate), but a candidate must end inside the
//! outer hit, and be of another entry of a nesting kind: the longest such
//! one wins, and nested hits never overlap each other. Nesting is one
//! level deep: nothing nests in a nested hit. Derived person names
//! (matching rule 9) among them are resolved with the others, in text
//! order, by `resolve`.

use super::words::{FirstWordFilter, HitStarts, Word};
use super::{Claim, How, Matcher};
use crate::lexicon::Kind;
use crate::text::{is_word_char, Normalized};

/// Do spans of entries of `kind` hold nested hits? Events and terms,
/// whose names often hold a person or place (`Lenin enrolment`, `Battle
/// of Warsaw`). Not places, organisations or persons, whose names are
/// names (`Leninsky Prospekt`, `Kirov Works`, `Catherine of Aragon`), not
/// mentions of what they are named after.
pub fn holds_nested(kind: Kind) -> bool {
    matches!(kind, Kind::Event | Kind::Term)
}

/// Are entries of `kind` found nested in other spans? Persons and
/// places: an event or term named after an organisation is mostly the
/// organisation's business (`Party Congress`), and a term inside another
/// is part of its name (`War Communism`).
pub fn nests(kind: Kind) -> bool {
    matches!(kind, Kind::Person | Kind::Place)
}

/// For each entry, whether its hits may hold nested ones: it is of a
/// [`holds_nested`] kind, and a word of one of its `patterns` begins a
/// pattern of a [`nests`] kind (every word may, if such a pattern starts
/// with no word). The others' hits are not searched: most events and
/// terms (`Five-Year Plan`) name no person or place, and the search inside
/// them cost a few per cent of annotating.
pub(super) fn may_hold(patterns: &[String], claims: &[Vec<Claim>], kinds: &[Kind]) -> Vec<bool> {
    let claimed =
        |pid: usize, kind: fn(Kind) -> bool| claims[pid].iter().any(|c| kind(kinds[c.entry]));
    let nesting = || (0..patterns.len()).filter(|&pid| claimed(pid, nests));
    // A pattern that starts with no word may start anywhere.
    let anywhere = nesting().any(|pid| !patterns[pid].starts_with(is_word_char));
    // The first words of the nesting patterns (and, rarely, others: a
    // filter's false positive only costs a search).
    let firsts = FirstWordFilter::new(nesting().map(|pid| patterns[pid].as_str()));
    let mut holds = vec![false; kinds.len()];
    for (pid, pattern) in patterns.iter().enumerate() {
        if !claimed(pid, holds_nested) {
            continue;
        }
        let mut words = HitStarts::new(pattern, false);
        if anywhere || words.any(|(_, word)| firsts.may_begin_with(word)) {
            for claim in &claims[pid] {
                holds[claim.entry] |= holds_nested(kinds[claim.entry]);
            }
        }
    }
    holds
}

/// Where a hit may end, in the normalized text, and the outer hit's entry
/// if it is to be nested in one.
#[derive(Clone, Copy, Debug)]
pub(super) struct Bounds {
    pub(super) end: usize,
    outer: Option<usize>,
}

impl Bounds {
    /// No bounds: anywhere in `text`, any entry.
    pub(super) fn whole(text: &Normalized<'_>) -> Bounds {
        Bounds {
            end: text.as_str().len(),
            outer: None,
        }
    }
}

/// A hit whose starts are tried for nested hits, in the normalized text.
#[derive(Clone, Copy, Debug)]
pub(super) struct Outer {
    entry: usize,
    end: usize,
    /// The end of the last nested hit in it (its start before any).
    covered: usize,
}

impl Matcher {
    /// The hit `found` (its end, entry and how) at `start`, where `word`
    /// starts, as an outer hit, if it may hold nested hits: an entry that
    /// [`may_hold`] some, more than one word long.
    pub(super) fn outer(
        &self,
        start: usize,
        word: Word,
        found: (usize, usize, How),
    ) -> Option<Outer> {
        let (end, entry, _) = found;
        (end > word.end && self.holds[entry]).then_some(Outer {
            entry,
            end,
            covered: start,
        })
    }

    /// The longest hit nested in `outer` at `start`, where `word` starts,
    /// that passes the rules, after the nested hits before it.
    pub(super) fn nested_at(
        &self,
        text: &Normalized<'_>,
        start: usize,
        word: Word,
        outer: &mut Outer,
    ) -> Option<(usize, usize, How)> {
        if start < outer.covered {
            return None;
        }
        let bounds = Bounds {
            end: outer.end,
            outer: Some(outer.entry),
        };
        let found = self.longest_from(text, start, word, bounds)?;
        outer.covered = found.0;
        Some(found)
    }

    /// May a hit of `entry` be found within `bounds`?
    #[inline]
    pub(super) fn admits(&self, bounds: Bounds, entry: usize) -> bool {
        match bounds.outer {
            None => true,
            Some(outer) => entry != outer && nests(self.kinds[entry]),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Lexicon;

    /// The hits of `find_nesting` in `text` with the lexicon `toml`, as
    /// (text, entry id, nested).
    fn hits(toml: &str, text: &str) -> Vec<(String, String, bool)> {
        let mut builder = Lexicon::builder();
        builder.add_toml("n.toml", toml);
        let lexicon = builder.build().unwrap();
        let matcher = Matcher::new(&lexicon);
        let normalized = Normalized::new(text);
        let found = matcher.find_nesting(&normalized);
        found
            .map(|m| {
                let id = lexicon.entries()[m.entry].id.clone();
                (text[m.start..m.end].to_string(), id, m.nested)
            })
            .collect()
    }

    const LEXICON: &str = r#"
[[entry]]
id = "lenin"
name = "Lenin"
kind = "person"
definition = "D."

[[entry]]
id = "kirov"
name = "Sergei Kirov"
aliases = ["Kirov"]
kind = "person"
definition = "D."

[[entry]]
id = "kirov-murder"
name = "murder of Kirov"
aliases = ["Kirov affair", "murder of Sergei Kirov"]
kind = "event"
definition = "D."

[[entry]]
id = "death-of-lenin"
name = "death of Lenin"
aliases = ["Lenin's death"]
kind = "event"
definition = "D."

[[entry]]
id = "lenin-enrolment"
name = "Lenin enrolment"
kind = "term"
definition = "D."

[[entry]]
id = "warsaw"
name = "Warsaw"
kind = "place"
definition = "D."

[[entry]]
id = "battle-of-warsaw"
name = "Battle of Warsaw"
kind = "event"
definition = "D."

[[entry]]
id = "lenin-works"
name = "Lenin Works"
kind = "org"
definition = "D."

[[entry]]
id = "nep"
name = "NEP"
kind = "term"
definition = "D."

[[entry]]
id = "nep-crisis"
name = "NEP crisis"
kind = "event"
definition = "D."
"#;

    #[test]
    fn persons_and_places_nest_in_events_and_terms() {
        let got = hits(
            LEXICON,
            "After Lenin's death, the Kirov affair, the murder of Sergei Kirov \
             and the Battle of Warsaw; the Lenin enrolment.",
        );
        let want = [
            ("Lenin's death", "death-of-lenin", false),
            ("Lenin", "lenin", true),
            ("Kirov affair", "kirov-murder", false),
            ("Kirov", "kirov", true),
            ("murder of Sergei Kirov", "kirov-murder", false),
            ("Sergei Kirov", "kirov", true),
            ("Battle of Warsaw", "battle-of-warsaw", false),
            ("Warsaw", "warsaw", true),
            ("Lenin enrolment", "lenin-enrolment", false),
            ("Lenin", "lenin", true),
        ];
        let want: Vec<(String, String, bool)> = want
            .iter()
            .map(|&(t, e, n)| (t.into(), e.into(), n))
            .collect();
        assert_eq!(got, want);
    }

    #[test]
    fn only_persons_and_places_in_events_and_terms() {
        // An organisation holds none; a term nests in no event; a name
        // that is a whole span stays top-level; nothing nests at one word.
        let got = hits(LEXICON, "the Lenin Works, the NEP crisis, Lenin, Warsaw");
        let tops = got.iter().all(|(_, _, nested)| !nested);
        assert!(tops && got.len() == 4, "{got:?}");
    }

    #[test]
    fn nested_hits_keep_the_matching_rules() {
        // Word boundaries and case inside the outer span.
        let toml = format!(
            "{LEXICON}\n[[entry]]\nid = \"len\"\nname = \"Len\"\nkind = \"person\"\n\
             definition = \"D.\"\n[[entry]]\nid = \"un\"\nname = \"UN\"\nkind = \"place\"\n\
             definition = \"D.\"\n[[entry]]\nid = \"un-day\"\nname = \"un day\"\n\
             kind = \"event\"\ndefinition = \"D.\"\n"
        );
        let got = hits(&toml, "the lenin enrolment; un day; UN day");
        let nested: Vec<&str> = got
            .iter()
            .filter(|(_, _, nested)| *nested)
            .map(|(t, _, _)| t.as_str())
            .collect();
        assert_eq!(nested, ["lenin", "UN"], "{got:?}");
    }

    #[test]
    fn find_leaves_nested_hits_out() {
        let mut builder = Lexicon::builder();
        builder.add_toml("n.toml", LEXICON);
        let lexicon = builder.build().unwrap();
        let matcher = Matcher::new(&lexicon);
        let text = Normalized::new("Lenin's death and the Battle of Warsaw");
        let all: Vec<_> = matcher.find_nesting(&text).collect();
        let top: Vec<_> = matcher.find(&text).collect();
        assert_eq!(all.len(), 4);
        assert!(top.iter().eq(all.iter().filter(|m| !m.nested)));
    }
}
