//! The consolidated glossary: one entry per lexicon entry that occurs, with
//! its definition and the passages it occurs in.
//!
//! A [`Glossary`] is a reduction over annotated documents. It is built by
//! [`Glossary::add`] in document order and can be [`Glossary::merge`]d with
//! the glossary of the documents that follow, so shards processed by
//! separate processes or machines combine into exactly the glossary of the
//! whole run: counts add up, occurrences are concatenated in document order
//! and then capped, aliases are unioned. Merging is associative.
//!
//! Schema `glossator.glossary/1`:
//!
//! ```json
//! {"schema":"glossator.glossary/1","max_occurrences":20,"min_count":1,
//!  "documents":[{"id":"notes","path":"corpus/notes.txt"}],
//!  "entries":[{"id":"nep","name":"New Economic Policy","kind":"term",
//!              "definition":"...","see_also":["war-communism"],
//!              "aliases_seen":["NEP"],"count":16,"doc_count":1,
//!              "occurrences":[{"doc":"notes","start":10,"end":13,"text":"NEP",
//!                              "sentence":[0,52],"context":"..."}]}]}
//! ```
//!
//! `entries` are sorted by name (case-insensitively, then by id);
//! `occurrences` keep document order and are capped at `max_occurrences`,
//! while `count` (all occurrences) and `doc_count` (documents with one) stay
//! exact. `aliases_seen` are the distinct surface texts found, sorted.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::annotate::{Annotation, Span};
use crate::input::Document;
use crate::lexicon::{Kind, Lexicon};

/// The schema tag of [`Glossary`] JSON.
pub const GLOSSARY_SCHEMA: &str = "glossator.glossary/1";

/// A document that took part in a glossary or timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocRef {
    pub id: String,
    pub path: String,
}

/// The consolidated glossary of a set of documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Glossary {
    pub schema: String,
    /// Occurrences listed per entry at most.
    pub max_occurrences: usize,
    /// Entries occurring fewer times were left out. A glossary with
    /// `min_count` above 1 is final: it cannot be merged.
    pub min_count: usize,
    pub documents: Vec<DocRef>,
    pub entries: Vec<GlossaryEntry>,
}

/// One lexicon entry and where it occurs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GlossaryEntry {
    pub id: String,
    pub name: String,
    pub kind: Kind,
    pub definition: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub see_also: Vec<String>,
    pub aliases_seen: Vec<String>,
    /// Every occurrence, listed or not.
    pub count: usize,
    /// Documents with at least one occurrence.
    pub doc_count: usize,
    pub occurrences: Vec<Occurrence>,
}

/// One passage where an entry occurs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Occurrence {
    /// The document's id.
    pub doc: String,
    /// Byte offsets of the span in the document.
    pub start: usize,
    pub end: usize,
    pub text: String,
    /// Byte range of the sentence that holds the span.
    pub sentence: [usize; 2],
    /// The sentence's text.
    pub context: String,
}

/// Why two glossaries (or timelines) cannot be merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MergeError(pub String);

impl std::fmt::Display for MergeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for MergeError {}

impl Glossary {
    /// An empty glossary listing at most `max_occurrences` per entry.
    pub fn new(max_occurrences: usize) -> Glossary {
        Glossary {
            schema: GLOSSARY_SCHEMA.to_string(),
            max_occurrences,
            min_count: 1,
            documents: Vec::new(),
            entries: Vec::new(),
        }
    }

    /// The entries, sorted by name (case-insensitively), then by id.
    pub fn entries(&self) -> &[GlossaryEntry] {
        &self.entries
    }

    /// The documents, in order.
    pub fn documents(&self) -> &[DocRef] {
        &self.documents
    }

    /// Adds one annotated document (after all documents added before it).
    /// A span that is not the document's text at its offsets, or not
    /// inside its sentence, is left out (the annotator makes none).
    pub fn add(&mut self, doc: &Document, annotation: &Annotation, lexicon: &Lexicon) {
        self.documents.push(DocRef {
            id: doc.id.clone(),
            path: doc.path.clone(),
        });
        let mut by_id: BTreeMap<&str, GlossaryEntry> = BTreeMap::new();
        for span in &annotation.spans {
            let Some(entry) = span.entry.as_deref().and_then(|id| lexicon.get(id)) else {
                continue;
            };
            let Some((sentence, context)) = passage(&doc.text, annotation, span) else {
                continue;
            };
            let item = by_id.entry(&entry.id).or_insert_with(|| GlossaryEntry {
                id: entry.id.clone(),
                name: entry.name.clone(),
                kind: entry.kind,
                definition: entry.definition.clone(),
                see_also: entry.see_also.clone(),
                aliases_seen: Vec::new(),
                count: 0,
                doc_count: 1,
                occurrences: Vec::new(),
            });
            item.count += 1;
            if !item.aliases_seen.iter().any(|seen| *seen == span.text) {
                item.aliases_seen.push(span.text.to_string());
            }
            if item.occurrences.len() < self.max_occurrences {
                item.occurrences.push(Occurrence {
                    doc: doc.id.clone(),
                    start: span.start,
                    end: span.end,
                    text: span.text.to_string(),
                    sentence,
                    context: context.to_string(),
                });
            }
        }
        let mut entries: Vec<GlossaryEntry> = by_id.into_values().collect();
        for entry in &mut entries {
            entry.aliases_seen.sort();
        }
        self.absorb_entries(entries);
    }

    /// Combines this glossary with the glossary of the documents that come
    /// after it. Fails if they list a document twice or were made with
    /// different `max_occurrences`.
    pub fn merge(mut self, later: Glossary) -> Result<Glossary, MergeError> {
        if self.min_count > 1 || later.min_count > 1 {
            return Err(MergeError(
                "made with --min-count above 1; make partials without it and pass it to merge"
                    .to_string(),
            ));
        }
        if self.max_occurrences != later.max_occurrences && !self.documents.is_empty() {
            return Err(MergeError(format!(
                "made with different --max-occurrences ({} and {})",
                self.max_occurrences, later.max_occurrences
            )));
        }
        self.max_occurrences = later.max_occurrences;
        check_disjoint(&self.documents, &later.documents)?;
        self.documents.extend(later.documents);
        self.absorb_entries(later.entries);
        Ok(self)
    }

    /// Folds the entries of later documents into the sorted entry list:
    /// a known entry absorbs the later one, a new one is inserted in place.
    /// Only the entries of the later part are touched, so adding documents
    /// one by one costs what they contain, not the size of the glossary.
    fn absorb_entries(&mut self, later: Vec<GlossaryEntry>) {
        for entry in later {
            let key = sort_key(&entry);
            match self.entries.binary_search_by(|e| sort_key(e).cmp(&key)) {
                Ok(at) => self.entries[at].absorb(entry, self.max_occurrences),
                Err(at) => self.entries.insert(at, entry),
            }
        }
    }

    /// Keeps only entries that occur at least `min_count` times.
    pub fn retain_min_count(&mut self, min_count: usize) {
        self.min_count = self.min_count.max(min_count);
        self.entries.retain(|e| e.count >= min_count);
    }
}

/// Entries are sorted by name, case-insensitively, then by id.
fn sort_key(entry: &GlossaryEntry) -> (String, &str) {
    (entry.name.to_lowercase(), &entry.id)
}

impl GlossaryEntry {
    fn absorb(&mut self, later: GlossaryEntry, max_occurrences: usize) {
        self.count += later.count;
        self.doc_count += later.doc_count;
        for alias in later.aliases_seen {
            if !self.aliases_seen.contains(&alias) {
                self.aliases_seen.push(alias);
            }
        }
        self.aliases_seen.sort();
        let room = max_occurrences.saturating_sub(self.occurrences.len());
        self.occurrences
            .extend(later.occurrences.into_iter().take(room));
    }
}

/// The byte range and text of the sentence of `span`, an entry or date of
/// `annotation`, an annotation of `text`: none if the annotation is not one
/// of `text` (the span is not `text`'s at its offsets, or its sentence does
/// not hold it), so that a hand-made annotation is left out, not trusted.
pub(crate) fn passage<'t>(
    text: &'t str,
    annotation: &Annotation,
    span: &Span,
) -> Option<([usize; 2], &'t str)> {
    let [start, end] = *annotation.sentences.get(span.sentence)?;
    let holds = start <= span.start && span.end <= end;
    let context = text.get(start..end)?;
    let exact = text.get(span.start..span.end) == Some(span.text.as_ref());
    (holds && exact).then_some(([start, end], context))
}

/// Checks that no document id appears in both lists.
pub(crate) fn check_disjoint(earlier: &[DocRef], later: &[DocRef]) -> Result<(), MergeError> {
    let seen: std::collections::HashSet<&str> = earlier.iter().map(|d| d.id.as_str()).collect();
    match later.iter().find(|d| seen.contains(d.id.as_str())) {
        Some(dup) => Err(MergeError(format!(
            "document `{}` ({}) is in two partials; shards must be disjoint",
            dup.id, dup.path
        ))),
        None => Ok(()),
    }
}
