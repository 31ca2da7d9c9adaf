//! What the matcher compiles: every pattern (each surface form, plural,
//! derived name and variant, normalized once) and, for each, the entries
//! that may claim it, in priority order, with their case rules.
//!
//! [`Matcher::new`](super::Matcher::new) builds its automaton, groups and
//! filter from these patterns; the find (`find.rs`) reads the claims of a
//! pattern it finds. Matching rules 4, 9 and 10 decide here which entry a
//! pattern goes to.

use std::collections::HashMap;

use rayon::prelude::*;

use super::case::{case_rule, CaseRule};
use super::{Claim, How, NO_ENTRY};
use crate::lexicon::inflect::{self, plurals};
use crate::lexicon::names::{derived_names, NameClass};
use crate::lexicon::{Entry, Kind, Lexicon, SurfaceForm};
use crate::text::{is_english_word, normalize_form};

/// Every pattern to compile (each surface form and generated plural,
/// normalized, once), and for each the entries that may claim it.
///
/// The forms are normalized on the current thread pool (the build is part
/// of every run's start, before any document is read), then gathered in
/// entry order.
pub(super) fn patterns_and_claims(
    lexicon: &Lexicon,
    derived: &[Vec<DerivedForm>],
) -> (Vec<String>, Vec<Vec<Claim>>) {
    let forms: Vec<(String, Claim, bool)> = lexicon
        .entries()
        .par_iter()
        .zip(derived)
        .enumerate()
        .flat_map_iter(|(entry_index, (entry, derived))| {
            entry_patterns(entry_index, entry, derived)
        })
        .collect();
    // Each pattern's slot, numbered in order of first appearance, with
    // the pattern borrowed from `forms` as its key: a copy of every form
    // as a key, made and freed, was 5% of the matcher's build (15M of
    // 282M instructions with 10,000 entries).
    let mut index: HashMap<&str, usize> = HashMap::with_capacity(forms.len());
    let mut claims: Vec<Vec<Claim>> = Vec::new();
    let mut slots = Vec::with_capacity(forms.len());
    for (pattern, claim, explicit) in &forms {
        let slot = *index.entry(pattern.as_str()).or_insert_with(|| {
            claims.push(Vec::new());
            claims.len() - 1
        });
        slots.push(slot);
        let existing = &mut claims[slot];
        // A generated plural never displaces another entry's own form.
        let taken_by_other = existing
            .iter()
            .any(|c| c.entry != claim.entry && c.how == How::Listed);
        let already = existing
            .iter()
            .any(|c| c.entry == claim.entry && c.case == claim.case && c.how == claim.how);
        if (*explicit || !taken_by_other) && !already {
            existing.push(claim.clone());
        }
    }
    // A listed form outranks every derived name (matching rule 9).
    for claims in &mut claims {
        if claims.iter().any(|c| c.how == How::Listed) {
            claims.retain(|c| c.how == How::Listed);
        }
    }
    let variants = variant_patterns(lexicon, &index);
    drop(index);
    // The patterns in slot order: each slot's first form, which is the
    // first form whose slot is the next one.
    let mut patterns: Vec<String> = Vec::with_capacity(claims.len() + variants.len());
    for ((pattern, ..), slot) in forms.into_iter().zip(slots) {
        if slot == patterns.len() {
            patterns.push(pattern);
        }
    }
    for (pattern, claim) in variants {
        patterns.push(pattern);
        claims.push(vec![claim]);
    }
    (patterns, claims)
}

/// A name derived from a person's listed form (matching rule 9),
/// normalized, with its class and case rule.
pub(super) struct DerivedForm {
    folded: String,
    class: NameClass,
    case: CaseRule,
}

/// Each entry's derived names (none but a person's), worked out once for
/// both the patterns and [`derived_index`]: deriving them is most of a
/// person's cost in the build.
pub(super) fn derived_forms(lexicon: &Lexicon) -> Vec<Vec<DerivedForm>> {
    lexicon
        .entries()
        .par_iter()
        .map(|entry| {
            let person = entry.kind == Kind::Person;
            let forms = person.then(|| std::iter::once(&entry.name).chain(&entry.aliases));
            let derived = forms
                .into_iter()
                .flatten()
                .flat_map(|form| derived_names(form, lexicon.first_names_in_use()));
            derived
                .map(|derived| DerivedForm {
                    case: match derived.text.split(' ').any(is_english_word) {
                        true => CaseRule::Capitalised,
                        false => CaseRule::Any,
                    },
                    folded: normalize_form(&derived.text, true),
                    class: derived.class,
                })
                .collect()
        })
        .collect()
}

/// Every derived name's entries and classes, by its normalized form.
pub(super) fn derived_index(
    derived: &[Vec<DerivedForm>],
) -> HashMap<String, Vec<(usize, NameClass)>> {
    let mut index: HashMap<String, Vec<(usize, NameClass)>> = HashMap::new();
    for (entry, forms) in derived.iter().enumerate() {
        for form in forms {
            let claims = index.entry(form.folded.clone()).or_default();
            if !claims.iter().any(|&(e, c)| e == entry && c == form.class) {
                claims.push((entry, form.class));
            }
        }
    }
    index
}

/// How a variant of [`variant_patterns`] is matched: in any case (rule
/// 10), capitalised (rule 14's members), or as a head noun (rule 13).
/// The order is the precedence when one entry derives a form twice.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum VariantCase {
    Any,
    Capitalised,
    Head,
}

/// The patterns of matching rules 10, 13 and 14 (`lexicon::inflect`),
/// with their claims: every listed form's variants (any case; a qualified
/// name's bare form with a capital, capitalised), the words
/// its name is called by after `the` (`CaseRule::Head`) and what its
/// members are called (`CaseRule::Capitalised`), normalized, except those
/// that are already a pattern (a listed form or rule-4 plural of any
/// entry, given in `taken`) and those two entries derive.
fn variant_patterns(lexicon: &Lexicon, taken: &HashMap<&str, usize>) -> Vec<(String, Claim)> {
    let derived: Vec<(usize, String, VariantCase)> = lexicon
        .entries()
        .par_iter()
        .enumerate()
        .flat_map_iter(|(entry_index, entry)| {
            let variants = inflect::entry_variants(entry).map(|v| (v, VariantCase::Any));
            // A name's heads and members: an alias names something else
            // as often as not (`Zimmerwald Left` for `Zimmerwald
            // Conference`).
            let heads = inflect::heads(&entry.name, entry.kind).into_iter();
            let heads = heads.map(|h| (h, VariantCase::Head));
            let members = inflect::members(&entry.name, entry.kind).into_iter();
            let members = members.map(|m| (m, VariantCase::Capitalised));
            let mut folded: Vec<(String, VariantCase)> = variants
                .chain(heads)
                .chain(members)
                .chain(capitalised_unqualified(entry))
                .map(|(v, case)| (normalize_form(&v, true), case))
                .collect();
            // A variant in any case before the same word capitalised or
            // as a head.
            folded.sort_unstable();
            folded.dedup_by(|b, a| a.0 == b.0);
            folded
                .into_iter()
                .map(move |(v, case)| (entry_index, v, case))
        })
        .filter(|(_, variant, _)| !taken.contains_key(variant.as_str()))
        .collect();
    let mut by_pattern: HashMap<&str, Option<usize>> = HashMap::new();
    for (entry, variant, _) in &derived {
        by_pattern
            .entry(variant)
            .and_modify(|owner| *owner = owner.filter(|e| e == entry))
            .or_insert(Some(*entry));
    }
    derived
        .iter()
        .filter(|(entry, variant, _)| by_pattern[variant.as_str()] == Some(*entry))
        .map(|(entry, variant, case)| {
            let claim = Claim {
                entry: *entry,
                case: match case {
                    VariantCase::Any => CaseRule::Any,
                    VariantCase::Capitalised => CaseRule::Capitalised,
                    VariantCase::Head => CaseRule::Head,
                },
                how: How::Variant,
            };
            (variant.clone(), claim)
        })
        .collect()
}

/// The forms of `entry` without their qualifier (`Mercury` of `Mercury
/// (planet)`: `inflect::unqualified`) that have a capital, matched only
/// capitalised; one in lower case is a variant in any case, with variants
/// of its own (`inflect::entry_variants`).
fn capitalised_unqualified(entry: &Entry) -> impl Iterator<Item = (String, VariantCase)> + '_ {
    let forms = entry.surface_forms().filter(|form| !form.exact_case);
    let bare = forms.filter_map(|form| inflect::unqualified(form.text));
    let named =
        bare.filter(|bare| entry.kind != Kind::Person && bare.chars().any(char::is_uppercase));
    named.map(|bare| (bare.to_string(), VariantCase::Capitalised))
}

/// The patterns of one entry, each with the entry's claim on it and
/// whether it is one of the entry's own forms (not a generated plural).
fn entry_patterns<'e>(
    entry_index: usize,
    entry: &'e Entry,
    derived: &'e [DerivedForm],
) -> impl Iterator<Item = (String, Claim, bool)> + 'e {
    // A form with a qualifier is matched without it, as a variant.
    let matched = |form: &SurfaceForm| form.exact_case || inflect::unqualified(form.text).is_none();
    entry
        .surface_forms()
        .filter(matched)
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
        .chain(derived.iter().map(move |derived| {
            let claim = Claim {
                entry: entry_index,
                case: derived.case.clone(),
                how: How::Variant,
            };
            (derived.folded.clone(), claim, false)
        }))
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
pub(super) fn any_case_entry(claims: &[Claim]) -> u32 {
    match claims.first() {
        Some(Claim {
            entry,
            case: CaseRule::Any,
            how: How::Listed,
        }) => u32::try_from(*entry).expect("fewer than 4 billion entries"),
        _ => NO_ENTRY,
    }
}
