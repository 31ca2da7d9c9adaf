//! The sentences of a glossary that could test its entries, ranked once:
//! the deck's Cloze notes and the worksheet's gaps (see the Cloze notes in
//! the doc of [`super`], which is their spec).
//!
//! A candidate is a sentence of an entry's listed occurrences, with the
//! entry's spans and the dates beside them marked; it is ruled out early,
//! from its text alone, where that tells it cannot make a note
//! ([`cannot_make_a_note`]).

use std::cmp::Reverse;
use std::collections::HashSet;
use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::dates::DateTagger;
use crate::glossary::{Glossary, GlossaryEntry, Occurrence};
use crate::render::text::{
    may_hold_markup, one_line_chars, with_plain_pieces, words_of_two_letters,
};

/// Sentences longer than this (in characters, as plain text) make no
/// Cloze note: a card is read at a glance.
pub const LONGEST_SENTENCE: usize = 200;

/// Words of a sentence besides the term and its dates, at least, for a
/// Cloze note.
const FEWEST_OTHER_WORDS: usize = 4;

/// The same for a sentence with a date or a definition, a fact already
/// (`Lenin died on 21 January 1924`).
const FEWEST_WORDS_OF_A_FACT: usize = 2;

/// A sentence of the notes picked to test an entry: a Cloze note, a
/// worksheet's gap.
pub(crate) struct Picked<'g> {
    /// The entry it tests.
    pub entry: &'g GlossaryEntry,
    /// The occurrence whose sentence it is.
    pub occurrence: &'g Occurrence,
    /// What to hide, relative to the sentence, in order: the entry's spans
    /// (number 1) and the dates beside them (2, 3, …).
    pub marks: Vec<(Range<usize>, usize)>,
}

/// A sentence that could make an entry's Cloze note.
struct Candidate<'g> {
    entry: usize,
    occurrence: &'g Occurrence,
    /// What the cloze hides, relative to the sentence, in order: the
    /// entry's spans (number 1) and the dates beside them (2, 3, …).
    marks: Vec<(Range<usize>, usize)>,
    /// Holds a date, defines the term: 0 to 2.
    quality: u8,
    /// Characters, as plain text.
    length: usize,
}

/// A glossary and the sentences that could test its entries, ranked once,
/// when first asked for (or by [`Sentences::rank`]): the deck's Cloze
/// notes and the worksheet's gaps are drawn from the same ranking (see the
/// module's doc: the Cloze notes).
pub struct Sentences<'g> {
    glossary: &'g Glossary,
    ranked: OnceLock<Vec<Candidate<'g>>>,
}

impl<'g> Sentences<'g> {
    /// The sentences of `glossary`'s listed occurrences, not ranked yet.
    pub fn of(glossary: &'g Glossary) -> Sentences<'g> {
        Sentences {
            glossary,
            ranked: OnceLock::new(),
        }
    }

    /// Ranks the sentences now, if not yet done. Call it before handing
    /// the sentences to tasks that run at once on the rayon pool: the
    /// ranking runs on the pool itself, and a thread waiting in it could
    /// otherwise take up another task that waits for the same ranking.
    pub fn rank(&self) {
        self.ranked();
    }

    /// The glossary.
    pub fn glossary(&self) -> &'g Glossary {
        self.glossary
    }

    /// The best sentences to test the entries on: one for each entry that
    /// has a good sentence, a sentence used once, at most `limit`, the
    /// best first.
    pub(crate) fn best(&self, limit: usize) -> Vec<Picked<'g>> {
        let entries = self.glossary.entries();
        let mut used_sentences = HashSet::new();
        let mut done = vec![false; entries.len()];
        let mut out = Vec::new();
        for candidate in self.ranked() {
            if out.len() == limit {
                break;
            }
            let occurrence = candidate.occurrence;
            let sentence = (occurrence.doc.as_str(), occurrence.sentence);
            if done[candidate.entry] || used_sentences.contains(&sentence) {
                continue;
            }
            done[candidate.entry] = true;
            used_sentences.insert(sentence);
            out.push(Picked {
                entry: &entries[candidate.entry],
                occurrence,
                marks: candidate.marks.clone(),
            });
        }
        out
    }

    /// Every candidate sentence, the best first.
    fn ranked(&self) -> &[Candidate<'g>] {
        self.ranked.get_or_init(|| {
            // Each entry's candidates on its own, on the current rayon
            // pool; collected in glossary order.
            let tagger = DateTagger::new();
            let mut candidates: Vec<Candidate> = self
                .glossary
                .entries()
                .par_iter()
                .enumerate()
                .flat_map_iter(|(n, entry)| candidates(n, entry, &tagger))
                .collect();
            // Stable: equal sentences keep glossary order, then document
            // order.
            candidates.par_sort_by_key(|c| (Reverse(c.quality), c.length));
            candidates
        })
    }
}

/// The sentences of an entry's listed occurrences that could make its
/// Cloze note, each once: those with enough words of their own and not too
/// long.
fn candidates<'g>(n: usize, entry: &'g GlossaryEntry, tagger: &DateTagger) -> Vec<Candidate<'g>> {
    let mut sentences: Vec<(&Occurrence, Vec<Range<usize>>)> = Vec::new();
    for occurrence in &entry.occurrences {
        let Some(span) = relative_span(occurrence) else {
            continue;
        };
        match sentences
            .iter_mut()
            .find(|(o, _)| o.doc == occurrence.doc && o.sentence == occurrence.sentence)
        {
            Some((_, spans)) => spans.push(span),
            None => sentences.push((occurrence, vec![span])),
        }
    }
    sentences
        .into_iter()
        .filter(|(occurrence, _)| !cannot_make_a_note(&occurrence.context))
        .filter_map(|(occurrence, spans)| candidate(n, occurrence, &spans, tagger))
        .collect()
}

/// The sentence of `occurrence`, where entry `n` has `spans`, as a
/// candidate for the entry's Cloze note, if it has enough words of its own
/// and is not too long.
fn candidate<'g>(
    n: usize,
    occurrence: &'g Occurrence,
    spans: &[Range<usize>],
    tagger: &DateTagger,
) -> Option<Candidate<'g>> {
    let context = &occurrence.context;
    let mut marks: Vec<(Range<usize>, usize)> = spans.iter().map(|s| (s.clone(), 1)).collect();
    let dates = tagger
        .find(context)
        .into_iter()
        .map(|m| m.start..m.end)
        .filter(|d| !spans.iter().any(|s| s.start < d.end && d.start < s.end));
    marks.extend(dates.zip(2..));
    marks.sort_by_key(|(range, _)| range.start);
    let ranges: Vec<Range<usize>> = marks.iter().map(|(r, _)| r.clone()).collect();
    // The words after the entry's first span.
    let first = marks.iter().position(|(_, number)| *number == 1);
    let (other_words, length, defines, ends_well) = with_plain_pieces(context, &ranges, |pieces| {
        let last = pieces.len().checked_sub(1).map_or("", |n| pieces.get(n));
        (
            pieces
                .iter()
                .step_by(2)
                .map(words_of_two_letters)
                .sum::<usize>(),
            pieces.text().chars().count(),
            first.is_some_and(|i| defines(pieces.after(2 * i + 1))),
            ends_a_sentence(last),
        )
    });
    let has_date = marks.len() > spans.len();
    let quality = u8::from(has_date) + u8::from(defines);
    let fewest = if quality > 0 {
        FEWEST_WORDS_OF_A_FACT
    } else {
        FEWEST_OTHER_WORDS
    };
    let fits = other_words >= fewest && length <= LONGEST_SENTENCE && ends_well;
    fits.then_some(Candidate {
        entry: n,
        occurrence,
        marks,
        quality,
        length,
    })
}

/// Whether text ends as a sentence does, not as a heading or a list item:
/// with `.`, `!`, `?` or `…`, perhaps inside quotes or brackets.
fn ends_a_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['”', '"', '’', '\'', ')', ']'])
        .ends_with(['.', '!', '?', '…'])
}

/// Whether the sentence `context` makes no Cloze note whatever is marked
/// in it, as far as can be told without making it plain: a sentence with
/// no markup to strip is as long as its text on one line, or longer once
/// cut at its marks, and ends as its text does (or with a mark, which no
/// sentence does). Most sentences that make no note are ruled out here,
/// before their dates are found and their pieces made.
fn cannot_make_a_note(context: &str) -> bool {
    // A text of no more bytes than that has no more characters; one with
    // more is counted only as far as it must be.
    let too_long = |text: &str| {
        text.len() > LONGEST_SENTENCE && one_line_chars(text, LONGEST_SENTENCE) > LONGEST_SENTENCE
    };
    !may_hold_markup(context) && (!ends_a_sentence(context) || too_long(context))
}

/// An occurrence's span relative to its sentence, if it lies in it.
fn relative_span(occurrence: &Occurrence) -> Option<Range<usize>> {
    let start = occurrence.start.checked_sub(occurrence.sentence[0])?;
    let end = occurrence.end.checked_sub(occurrence.sentence[0])?;
    occurrence.context.get(start..end).map(|_| start..end)
}

/// What follows a term that defines it, lower case.
const DEFINING: [&str; 11] = [
    " is ",
    " was ",
    " are ",
    " were ",
    " means ",
    " meant ",
    " refers to ",
    " describes ",
    " described ",
    ", a ",
    " (a",
];

/// The longest of [`DEFINING`], in bytes (and characters).
const LONGEST_DEFINING: usize = 11;

/// Whether the words after a term (the pieces of its sentence after it,
/// read as one text) define it: `NEP was …`, `the Nepmen, private
/// traders …`, `kolkhoz (a collective farm)`.
fn defines(after: &str) -> bool {
    // Lower case only as far as the longest phrase reaches (a character
    // lower-cased is one character or more), into a buffer on the stack.
    let mut lower = [0; 4 * LONGEST_DEFINING];
    let mut len = 0;
    let chars = after
        .chars()
        .skip_while(|c| matches!(c, '”' | '"' | '’' | '\'' | ')'))
        .flat_map(char::to_lowercase)
        .take(LONGEST_DEFINING);
    for c in chars {
        len += c.encode_utf8(&mut lower[len..]).len();
    }
    DEFINING
        .iter()
        .any(|d| lower[..len].starts_with(d.as_bytes()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Kind;
    use crate::render::anki::cloze_text;
    use crate::render::text::plain_pieces;

    proptest::proptest! {
        #[test]
        fn a_sentence_ruled_out_early_makes_no_candidate(
            before in "[a-z é\n.,!?”)]{0,150}",
            after in "[a-z é\n.,!?”)]{0,150}|[a-z ]{0,60} 1924[.?]?",
        ) {
            let context = format!("{before}NEP{after}");
            let entry = entry_in(&context, "NEP");
            let occurrence = &entry.occurrences[0];
            let span = relative_span(occurrence).unwrap();
            if cannot_make_a_note(&context) {
                let made = candidate(0, occurrence, &[span], &DateTagger::new());
                proptest::prop_assert!(made.is_none(), "{context:?}");
            }
        }
    }

    fn entry_in(context: &str, term: &str) -> GlossaryEntry {
        let start = 100 + context.find(term).unwrap();
        GlossaryEntry {
            id: "x".into(),
            name: term.into(),
            kind: Kind::Person,
            definition: "d".into(),
            notes: vec![],
            see_also: vec![],
            sort_as: None,
            aliases_seen: vec![term.into()],
            count: 1,
            doc_count: 1,
            occurrences: vec![Occurrence {
                doc: "notes".into(),
                start,
                end: start + term.len(),
                text: term.into(),
                sentence: [100, 100 + context.len()],
                context: context.into(),
            }],
        }
    }

    #[test]
    fn clozes_hide_the_term_and_each_date() {
        let context = "Then **Trotsky** was expelled from the party in 1927, and exiled in 1929.";
        let entry = entry_in(context, "Trotsky");
        let found = candidates(0, &entry, &DateTagger::new());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].quality, 2, "a date, and a definition");
        assert_eq!(
            cloze_text(context, &found[0].marks),
            "Then {{c1::Trotsky}} was expelled from the party in {{c2::1927}}, \
             and exiled in {{c3::1929}}."
        );
        assert_eq!(
            cloze_text("A {b} c::d & 2 < 3", &[(6..10, 1)]),
            "A &#123;b&#125; {{c1::c&#58;&#58;d}} &amp; 2 &lt; 3"
        );
    }

    #[test]
    fn fragments_make_no_cloze() {
        let tagger = DateTagger::new();
        for context in [
            "Cheka (Dec 1917) – Dzerzhinsky.",
            "Trotsky, Zinoviev and Kamenev.",
            "Stalin’s rise, 1924–9",
            "Stalin’s rise, 1924–9.",
        ] {
            let entry = entry_in(context, context.split([' ', ',']).next().unwrap());
            assert!(candidates(0, &entry, &tagger).is_empty(), "{context}");
        }
    }

    #[test]
    fn defining_words_follow_the_term() {
        assert!(defines(" was a collective farm"));
        assert!(defines("” (a farm)"));
        assert!(defines(", a trader"));
        assert!(!defines(" lost in 1927"));
        assert!(!defines(" wasted"));
        assert!(defines(" REFERS TO "));
        let longest = DEFINING.iter().map(|d| d.chars().count()).max();
        assert_eq!(longest, Some(LONGEST_DEFINING));
        assert!(DEFINING.iter().all(|d| d.is_ascii()));
    }

    #[test]
    fn the_words_after_the_term_are_read_across_the_pieces() {
        // A date cut out of the sentence.
        let context = "The kulaks” were in 1929 a class of farmers.";
        let term = 4..10;
        let date = 22..26;
        assert_eq!(&context[date.clone()], "1929");
        let pieces = plain_pieces(context, &[term, date]);
        assert!(defines(pieces.after(1)));
    }
}
