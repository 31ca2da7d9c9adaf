//! Forms that need context (matching rule 12 of `docs/DESIGN.md`): a form
//! that also names something the lexicon does not define counts only in a
//! document that confirms the entry.
//!
//! `Georgia` is the Soviet republic in a history of the USSR and the US
//! state in a history of the Civil War; nothing in the word or the words
//! around it ("Sherman marched through Georgia", "the Red Army entered
//! Georgia") tells them apart, but the rest of the document does. An entry
//! lists such forms under `needs_context`, and a hit of one counts only
//! when the document also has a hit, one not itself in doubt, of
//!
//! * the same entry by another form (`Soviet Georgia`), or
//! * a neighbour of the entry: one that its `see_also` names, or whose
//!   `see_also` names it (Stalin, Tiflis, the Georgian Affair, Beria).
//!
//! A hit nested in another entry's span (matching rule 6: `the invasion of
//! Georgia`) is confirmed by the span around it and is left alone.
//!
//! The neighbours are one link away, not two: two links from Georgia
//! already reach the United States.

use std::collections::HashMap;

use super::{Matcher, TermMatch};
use crate::lexicon::Lexicon;
use crate::text::normalize_form;

/// The entries with forms that need context, and what confirms each.
#[derive(Clone, Debug, Default)]
pub(super) struct ContextCues {
    by_entry: HashMap<usize, Cue>,
}

/// What one entry's doubtful forms need.
#[derive(Clone, Debug)]
struct Cue {
    /// The forms in doubt, normalized like the matcher's forms (case
    /// folded).
    forms: Vec<String>,
    /// The entries whose hits confirm this one: its own and its
    /// neighbours', sorted.
    confirmed_by: Vec<usize>,
}

impl ContextCues {
    /// The cues of every entry of `lexicon` that lists `needs_context`.
    pub(super) fn new(lexicon: &Lexicon) -> ContextCues {
        let entries = lexicon.entries();
        let mut by_entry = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            if entry.needs_context.is_empty() {
                continue;
            }
            let forms = entry
                .needs_context
                .iter()
                .map(|form| normalize_form(form, true))
                .collect();
            let mut confirmed_by: Vec<usize> = entries
                .iter()
                .enumerate()
                .filter(|(other, e)| {
                    *other == index
                        || entry.see_also.contains(&e.id)
                        || e.see_also.contains(&entry.id)
                })
                .map(|(other, _)| other)
                .collect();
            confirmed_by.sort_unstable();
            by_entry.insert(
                index,
                Cue {
                    forms,
                    confirmed_by,
                },
            );
        }
        ContextCues { by_entry }
    }

    /// Is `hit` (of the text `written`) one of its entry's doubtful forms?
    fn doubts(&self, hit: &TermMatch, written: &str) -> bool {
        !hit.nested
            && self.by_entry.get(&hit.entry).is_some_and(|cue| {
                let written = normalize_form(written, true);
                cue.forms.contains(&written)
            })
    }
}

impl Matcher {
    /// `hits` (resolved, in order) without the hits of forms that need
    /// context in a document that does not give it.
    ///
    /// ```
    /// use glossator::{lexicon::Lexicon, matcher::Matcher, text::Normalized};
    ///
    /// let mut builder = Lexicon::builder();
    /// builder.add_toml("x.toml", r#"
    /// [[entry]]
    /// id = "georgia"
    /// name = "Georgia"
    /// kind = "place"
    /// needs_context = ["Georgia"]
    /// definition = "A Soviet republic of the Caucasus."
    /// see_also = ["stalin"]
    ///
    /// [[entry]]
    /// id = "stalin"
    /// name = "Stalin"
    /// kind = "person"
    /// definition = "Soviet leader, born in Georgia."
    /// "#);
    /// let matcher = Matcher::new(&builder.build().unwrap());
    /// let kept = |text: &str| {
    ///     let hits = matcher.find(&Normalized::new(text)).collect();
    ///     matcher.keep_forms_in_context(text, hits).len()
    /// };
    /// assert_eq!(kept("Sherman marched through Georgia to the sea."), 0);
    /// assert_eq!(kept("Stalin was born in Georgia."), 2);
    /// ```
    pub fn keep_forms_in_context(&self, text: &str, mut hits: Vec<TermMatch>) -> Vec<TermMatch> {
        if self.context.by_entry.is_empty() {
            return hits;
        }
        let doubted: Vec<bool> = hits
            .iter()
            .map(|hit| self.context.doubts(hit, &text[hit.start..hit.end]))
            .collect();
        let mut confirming: Vec<usize> = hits
            .iter()
            .zip(&doubted)
            .filter(|(_, doubted)| !**doubted)
            .map(|(hit, _)| hit.entry)
            .collect();
        confirming.sort_unstable();
        confirming.dedup();
        let confirmed = |entry: usize| {
            self.context.by_entry[&entry]
                .confirmed_by
                .iter()
                .any(|e| confirming.binary_search(e).is_ok())
        };
        let mut index = 0;
        hits.retain(|hit| {
            let keep = !doubted[index] || confirmed(hit.entry);
            index += 1;
            keep
        });
        hits
    }
}
