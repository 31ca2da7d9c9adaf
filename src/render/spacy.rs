//! spaCy's forms: annotations as training examples, `[text, {"entities":
//! [[start, end, label]]}]` with code point offsets (Python's string
//! indices), and a lexicon as an `EntityRuler`'s `patterns.jsonl`.
//!
//! A label is the span's kind in capitals ([`label`]: `PERSON`, `PLACE`,
//! `ORG`, `EVENT`, `TERM`, `DATE`), spaCy's convention. spaCy's entities
//! may not overlap, so a span that lies inside another (a date inside an
//! event, `1905 Revolution`; a person or place nested in an event or term,
//! `Lenin` in `Lenin's death`) is left out and the outer one kept; spans
//! that overlap without nesting (none of the annotator's) keep the first.
//!
//! The patterns are phrase patterns, `{"label": "PERSON", "pattern":
//! "Joseph Stalin", "id": "stalin"}`: one per surface form of every entry
//! (name, aliases, exact-case forms) and per regular plural a term also
//! matches (matching rule 4), each once. spaCy tokenizes a phrase pattern
//! as it tokenizes text, and matches it token for token; glossator's
//! equal spellings (matching rule 3: case, dashes, apostrophes) are not
//! spaCy's, so an `EntityRuler` made with `phrase_matcher_attr: "LOWER"`
//! comes closest (it then also takes acronyms and exact-case forms in any
//! case).

use std::collections::HashSet;

use serde::Serialize;

use crate::annotate::{Annotation, SpanKind};
use crate::lexicon::Lexicon;
use crate::matcher::written_plurals;
use crate::text::normalize_form;

/// The spaCy label of a span kind: its name ([`SpanKind::as_str`]) in
/// capitals.
pub const fn label(kind: SpanKind) -> &'static str {
    match kind {
        SpanKind::Person => "PERSON",
        SpanKind::Place => "PLACE",
        SpanKind::Org => "ORG",
        SpanKind::Event => "EVENT",
        SpanKind::Term => "TERM",
        SpanKind::Date => "DATE",
    }
}

#[derive(Serialize)]
struct Entities {
    entities: Vec<(usize, usize, &'static str)>,
}

/// The training example of one document, `text` its text, as one line of
/// JSON.
///
/// The annotation must be one of `text` ([`Annotation::check_text`]).
pub fn training_example(text: &str, annotation: &Annotation) -> Vec<u8> {
    let mut entities: Vec<(usize, usize, &'static str)> = Vec::new();
    // Spans are sorted by start, longer first: a span starting before the
    // last kept one ends overlaps it.
    for span in annotation.spans() {
        if entities
            .last()
            .is_some_and(|&(_, end, _)| span.char_start < end)
        {
            continue;
        }
        entities.push((span.char_start, span.char_end, label(span.kind)));
    }
    super::json::json_line(&(text, Entities { entities }))
}

/// One line of `patterns.jsonl`, with spaCy's field names.
#[derive(Serialize)]
#[allow(clippy::struct_field_names)]
struct Pattern<'a> {
    label: &'static str,
    pattern: &'a str,
    id: &'a str,
}

/// The `EntityRuler` patterns of every entry of `lexicon`, one JSON object
/// per line, in the lexicon's order.
///
/// ```
/// # use glossator::lexicon::Lexicon;
/// let mut builder = Lexicon::builder();
/// builder.add_toml("l.toml", "[[entry]]\nid = \"kolkhoz\"\nname = \"Kolkhoz\"\nkind = \"term\"\ndefinition = \"A farm.\"\n");
/// let patterns = glossator::render::spacy::patterns(&builder.build().unwrap());
/// assert_eq!(String::from_utf8(patterns).unwrap(), concat!(
///     r#"{"label":"TERM","pattern":"Kolkhoz","id":"kolkhoz"}"#, "\n",
///     r#"{"label":"TERM","pattern":"Kolkhozs","id":"kolkhoz"}"#, "\n",
///     r#"{"label":"TERM","pattern":"Kolkhozes","id":"kolkhoz"}"#, "\n",
/// ));
/// ```
pub fn patterns(lexicon: &Lexicon) -> Vec<u8> {
    // A generated plural never takes a form an entry lists (matching rule
    // 4): the matcher gives such text to that entry.
    let listed: HashSet<String> = lexicon
        .entries()
        .iter()
        .flat_map(super::super::lexicon::Entry::surface_forms)
        .map(|form| normalize_form(form.text, true))
        .collect();
    let mut out = Vec::new();
    for entry in lexicon.entries() {
        let label = label(entry.kind.into());
        let mut written: HashSet<String> = HashSet::new();
        for form in entry.surface_forms() {
            let plurals = written_plurals(entry, form)
                .into_iter()
                .filter(|plural| !listed.contains(&normalize_form(plural, true)));
            for pattern in std::iter::once(form.text.to_string()).chain(plurals) {
                if written.insert(pattern.clone()) {
                    let id = &entry.id;
                    let line = Pattern {
                        label,
                        pattern: &pattern,
                        id,
                    };
                    out.extend_from_slice(&super::json::json_line(&line));
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_are_kind_names_in_capitals() {
        for kind in SpanKind::ALL {
            assert_eq!(label(kind), kind.as_str().to_ascii_uppercase());
        }
    }
}
