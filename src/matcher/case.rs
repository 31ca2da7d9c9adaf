//! Matching rule 1's case half: which case a hit may be written in, by
//! the form it matched ([`CaseRule`], decided once per form by
//! [`case_rule`]).
//!
//! The patterns (`patterns.rs`) give each claim its rule; the matcher
//! (`find.rs`) asks it of a hit whose first claim does not ignore case.
//! A head noun's rule (matching rule 13, `heads.rs`) asks its context
//! too, so that a shorter candidate at the same start still counts when
//! it fails (matching rule 5).

use std::ops::Range;

use super::heads;
use crate::text::{is_english_word, is_hyphen, is_word_char, normalize_form};

#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) enum CaseRule {
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
    /// A name's head noun (matching rule 13): capitalised, and where
    /// `heads::called_so` says the text calls the name so (after `the`).
    Head,
}

impl CaseRule {
    /// Does the hit at `range` of the original `text` pass (matching rule
    /// 1)?
    pub(super) fn accepts(&self, text: &str, range: Range<usize>) -> bool {
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
            CaseRule::Head => {
                text[range.clone()].starts_with(char::is_uppercase) && heads::called_so(text, range)
            }
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

pub(super) fn case_rule(form: &str, exact_case: bool) -> CaseRule {
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
}
