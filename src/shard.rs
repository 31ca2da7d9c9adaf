//! What the [`crate::glossary`] and the [`crate::timeline`] share as
//! reductions that merge across shards: the list of documents, each with a
//! hash of its text by which `merge` knows a document whatever it is called;
//! the check that shards are disjoint; and the passages both quote, made
//! from an annotation and checked when a partial is read back.
//!
//! A partial is a file anyone can edit, so reading one checks everything
//! the renderers and [`crate::glossary::Glossary::merge`] rely on, and puts
//! in order what a run would have written in order.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::annotate::{Annotation, Span};
use crate::input::Document;

/// A document that took part in a glossary or timeline.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocRef {
    /// The document's id.
    pub id: String,
    /// The path it was read from (`-` for standard input).
    pub path: String,
    /// The SHA-256 of the document's text (as UTF-8), in lowercase hex:
    /// for a UTF-8 file without a byte-order mark, what `sha256sum` prints
    /// for it. Partials written before glossator recorded it have none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
}

impl DocRef {
    /// The reference to `doc`, with the hash of its text.
    pub fn of(doc: &Document) -> DocRef {
        let digest = Sha256::digest(doc.text.as_bytes());
        let mut hex = String::with_capacity(2 * digest.len());
        for byte in &digest {
            let _ = write!(hex, "{byte:02x}");
        }
        DocRef {
            id: doc.id.clone(),
            path: doc.path.clone(),
            sha256: Some(hex),
        }
    }
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

/// Checks that no document of `later` is one of `earlier`: shards must be
/// disjoint, or a document would be counted twice. Documents are known by
/// their text ([`DocRef::sha256`]), not their id, so `A/notes.txt` and
/// `B/notes.txt` (both `notes`) merge, and one file read under two ids
/// does not; where either has no hash, by their id and path.
pub(crate) fn check_disjoint(earlier: &[DocRef], later: &[DocRef]) -> Result<(), MergeError> {
    let by_text: HashMap<&str, &DocRef> = earlier
        .iter()
        .filter_map(|doc| Some((doc.sha256.as_deref()?, doc)))
        .collect();
    let by_name: HashMap<(&str, &str), &DocRef> = earlier
        .iter()
        .map(|doc| ((doc.id.as_str(), doc.path.as_str()), doc))
        .collect();
    for doc in later {
        let same_text = doc.sha256.as_deref().and_then(|hash| by_text.get(hash));
        // Without a hash on either side, the same id and path.
        let same_name = by_name
            .get(&(doc.id.as_str(), doc.path.as_str()))
            .filter(|known| known.sha256.is_none() || doc.sha256.is_none());
        if let Some(known) = same_text.or(same_name) {
            let what = if same_text.is_some() {
                "text"
            } else {
                "id and path"
            };
            return Err(MergeError(format!(
                "document `{}` ({}) is document `{}` ({}) of an earlier partial (the same \
                 {what}); shards must be disjoint",
                doc.id, doc.path, known.id, known.path
            )));
        }
    }
    Ok(())
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
    passage_in(text, *annotation.sentences().get(span.sentence)?, span)
}

/// The byte range `[start, end]` of `text` and its text, if it holds
/// `span` and `span` is `text`'s at its offsets.
pub(crate) fn passage_in<'t>(
    text: &'t str,
    [start, end]: [usize; 2],
    span: &Span,
) -> Option<([usize; 2], &'t str)> {
    let holds = start <= span.start && span.end <= end;
    let context = text.get(start..end)?;
    // The annotator's spans borrow their text from the document: the same
    // bytes, not compared.
    let exact = text
        .get(span.start..span.end)
        .is_some_and(|at| std::ptr::eq(at, span.text.as_ref()) || at == span.text.as_ref());
    (holds && exact).then_some(([start, end], context))
}

/// Checks a passage read from a partial: `text` is `context` at `span`
/// (byte offsets in the document), and `context` is the sentence at
/// `sentence`.
pub(crate) fn check_passage(
    span: [usize; 2],
    text: &str,
    sentence: [usize; 2],
    context: &str,
) -> Result<(), String> {
    let [start, end] = span;
    let [s_start, s_end] = sentence;
    if s_end.checked_sub(s_start) != Some(context.len()) {
        return Err(format!(
            "sentence [{s_start}, {s_end}] is not as long as its context ({} bytes)",
            context.len()
        ));
    }
    if !(s_start <= start && start <= end && end <= s_end) {
        return Err(format!(
            "[{start}, {end}] is not inside its sentence [{s_start}, {s_end}]"
        ));
    }
    if context.get(start - s_start..end - s_start) != Some(text) {
        return Err(format!(
            "{text:?} is not the text of its context at [{start}, {end}]"
        ));
    }
    Ok(())
}

/// The position of each document id in `documents` (its first, if two
/// documents share an id), after checking that ids are not empty and hashes
/// are SHA-256 hex: for ordering passages by document when a partial is
/// read.
pub(crate) fn document_order(documents: &[DocRef]) -> Result<HashMap<&str, usize>, String> {
    let mut order = HashMap::with_capacity(documents.len());
    for (at, doc) in documents.iter().enumerate() {
        if doc.id.is_empty() {
            return Err(format!("document {at} has an empty id"));
        }
        let hex =
            |h: &String| h.len() == 64 && h.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if doc.sha256.as_ref().is_some_and(|h| !hex(h)) {
            return Err(format!(
                "document `{}`: sha256 is not 64 lowercase hex digits",
                doc.id
            ));
        }
        order.entry(doc.id.as_str()).or_insert(at);
    }
    Ok(order)
}

/// The position of document `doc` in [`document_order`]'s map, or an error
/// naming what refers to it.
pub(crate) fn position_of(
    order: &HashMap<&str, usize>,
    doc: &str,
    what: &str,
) -> Result<usize, String> {
    order
        .get(doc)
        .copied()
        .ok_or_else(|| format!("{what}: document `{doc}` is not in the document list"))
}

/// Checks that `ids` has no id twice.
pub(crate) fn check_unique<'a>(
    ids: impl IntoIterator<Item = &'a str>,
    what: &str,
) -> Result<(), String> {
    let mut seen = HashSet::new();
    match ids.into_iter().find(|id| !seen.insert(*id)) {
        Some(id) => Err(format!("{what} `{id}` is listed twice")),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, path: &str, text: &str) -> DocRef {
        DocRef::of(&Document::new(id.into(), path.into(), text.into()))
    }

    #[test]
    fn the_hash_is_sha256_of_the_text() {
        let hash = doc("a", "a.txt", "abc").sha256.unwrap();
        assert_eq!(
            hash,
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn documents_are_known_by_their_text() {
        let a = [doc("notes", "A/notes.txt", "one")];
        assert!(check_disjoint(&a, &[doc("notes", "B/notes.txt", "two")]).is_ok());
        let err = check_disjoint(&a, &[doc("copy", "copy.txt", "one")]).unwrap_err();
        assert!(
            err.0.contains("`copy` (copy.txt) is document `notes`"),
            "{err}"
        );
        // Without hashes: by id and path.
        let old = |id: &str, path: &str| DocRef {
            id: id.into(),
            path: path.into(),
            sha256: None,
        };
        assert!(check_disjoint(&[old("n", "A/n.txt")], &[old("n", "B/n.txt")]).is_ok());
        assert!(check_disjoint(&[old("n", "A/n.txt")], &[doc("n", "A/n.txt", "x")]).is_err());
    }

    #[test]
    fn passages_must_quote_their_span() {
        let ok = check_passage([12, 15], "NEP", [10, 20], "a NEP b ce");
        assert_eq!(ok, Ok(()));
        for (span, sentence) in [
            ([12, 16], [10, 20]),
            ([9, 12], [10, 20]),
            ([15, 12], [10, 20]),
            ([12, 15], [10, 21]),
            ([12, 15], [20, 10]),
            ([usize::MAX, 3], [0, 10]),
        ] {
            assert!(check_passage(span, "NEP", sentence, "a NEP b ce").is_err());
        }
        // Inside a character.
        assert!(check_passage([1, 2], "", [0, 2], "é").is_err());
    }
}
