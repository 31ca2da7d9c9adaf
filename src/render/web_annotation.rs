//! W3C Web Annotation (JSON-LD): one annotation per span, the exchange
//! form of Hypothesis, Recogito and INCEpTION.
//!
//! Each span becomes an `Annotation` whose target is the document (its
//! path, as a relative IRI) narrowed by two selectors: a
//! `TextQuoteSelector` (the span's text with up to [`CONTEXT_CHARS`] code
//! points before and after it) and a `TextPositionSelector` (its code
//! point offsets, as the model counts). The body says what the span is:
//!
//! * every span: a `TextualBody` with purpose `classifying` whose value is
//!   the kind (`person`, `place`, `org`, `event`, `term`, `date`);
//! * an entry span: a `SpecificResource` with purpose `identifying` whose
//!   source is the lexicon entry, `urn:glossator:entry:<id>` with the
//!   entry's name as its `label`;
//! * a date span: a `TextualBody` with purpose `describing` whose value is
//!   the EDTF value.
//!
//! The annotation's own IRI is `urn:glossator:annotation:<doc-id>:<n>`,
//! `n` the span's index in the document's annotation, so that the same
//! run gives the same IRIs. Every term used is defined by the model's
//! context, `http://www.w3.org/ns/anno.jsonld`.

use std::fmt::Write as _;

use serde::Serialize;

use crate::annotate::{Annotation, Span};

/// The JSON-LD context of the Web Annotation model.
pub const CONTEXT: &str = "http://www.w3.org/ns/anno.jsonld";

/// How many code points of the text a `TextQuoteSelector` quotes before
/// and after the span (Hypothesis quotes 32).
pub const CONTEXT_CHARS: usize = 32;

/// One Web Annotation.
#[derive(Serialize)]
struct WebAnnotation<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    id: String,
    #[serde(rename = "type")]
    kind: &'static str,
    motivation: &'static str,
    body: Vec<Body<'a>>,
    target: Target<'a>,
}

/// A body: a text, or a resource the span identifies.
#[derive(Serialize)]
#[serde(untagged)]
enum Body<'a> {
    Textual {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        value: &'a str,
    },
    Resource {
        #[serde(rename = "type")]
        kind: &'static str,
        purpose: &'static str,
        source: Entry<'a>,
    },
}

/// A lexicon entry as a resource.
#[derive(Serialize)]
struct Entry<'a> {
    id: String,
    label: &'a str,
}

#[derive(Serialize)]
struct Target<'a> {
    source: &'a str,
    selector: [Selector<'a>; 2],
}

#[derive(Serialize)]
#[serde(tag = "type")]
enum Selector<'a> {
    TextQuoteSelector {
        exact: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        prefix: &'a str,
        #[serde(skip_serializing_if = "str::is_empty")]
        suffix: &'a str,
    },
    TextPositionSelector {
        start: usize,
        end: usize,
    },
}

/// The Web Annotations of `annotation`'s spans, one JSON object per line,
/// `text` the document's text.
///
/// The annotation must be one of `text` ([`Annotation::check_text`]):
/// the annotator's own, or one read back and checked.
pub fn annotations(text: &str, annotation: &Annotation) -> Vec<u8> {
    let source = iri_reference(&annotation.doc().path);
    let doc_id = iri_reference(&annotation.doc().id);
    let mut out = Vec::new();
    for (n, span) in annotation.spans().iter().enumerate() {
        let id = format!("urn:glossator:annotation:{doc_id}:{n}");
        let one = web_annotation(text, span, id, &source);
        out.extend_from_slice(&super::json::json_line(&one));
    }
    out
}

fn web_annotation<'a>(
    text: &'a str,
    span: &'a Span,
    id: String,
    source: &'a str,
) -> WebAnnotation<'a> {
    let mut body = vec![Body::Textual {
        kind: "TextualBody",
        purpose: "classifying",
        value: span.kind.as_str(),
    }];
    if let Some(entry) = &span.entry {
        body.push(Body::Resource {
            kind: "SpecificResource",
            purpose: "identifying",
            source: Entry {
                id: format!("urn:glossator:entry:{}", iri_reference(entry)),
                label: span.name.as_deref().unwrap_or(entry),
            },
        });
    }
    if let Some(value) = &span.value {
        body.push(Body::Textual {
            kind: "TextualBody",
            purpose: "describing",
            value,
        });
    }
    let (prefix, suffix) = context(text, span.start, span.end);
    WebAnnotation {
        context: CONTEXT,
        id,
        kind: "Annotation",
        motivation: if span.entry.is_some() {
            "identifying"
        } else {
            "classifying"
        },
        body,
        target: Target {
            source,
            selector: [
                Selector::TextQuoteSelector {
                    exact: &text[span.start..span.end],
                    prefix,
                    suffix,
                },
                Selector::TextPositionSelector {
                    start: span.char_start,
                    end: span.char_end,
                },
            ],
        },
    }
}

/// Up to [`CONTEXT_CHARS`] code points of `text` before byte `start` and
/// after byte `end` (both character boundaries).
fn context(text: &str, start: usize, end: usize) -> (&str, &str) {
    let before = &text[..start];
    let from = before
        .char_indices()
        .rev()
        .nth(CONTEXT_CHARS - 1)
        .map_or(0, |(at, _)| at);
    let after = &text[end..];
    let to = after
        .char_indices()
        .nth(CONTEXT_CHARS)
        .map_or(after.len(), |(at, _)| at);
    (&before[from..], &after[..to])
}

/// `text` as a relative IRI reference: every byte but ASCII letters,
/// digits, `-._~` and `/` percent-encoded (RFC 3987 allows the rest
/// unencoded, but a `:` in a first segment would read as a scheme and a
/// space is not allowed at all).
fn iri_reference(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for &byte in text.as_bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/".contains(&byte) {
            out.push(char::from(byte));
        } else {
            let _ = write!(out, "%{byte:02X}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_at_code_points() {
        let text = "ééé Lenin ééé";
        let start = text.find("Lenin").unwrap();
        assert_eq!(context(text, start, start + 5), ("ééé ", " ééé"));
        let long = "x".repeat(40) + "NEP" + &"y".repeat(40);
        let (prefix, suffix) = context(&long, 40, 43);
        assert_eq!((prefix.len(), suffix.len()), (CONTEXT_CHARS, CONTEXT_CHARS));
        assert_eq!(context("NEP", 0, 3), ("", ""));
    }

    #[test]
    fn iri_references_encode_what_would_not_parse() {
        assert_eq!(iri_reference("notes/week 1.txt"), "notes/week%201.txt");
        assert_eq!(iri_reference("notes.jsonl:3"), "notes.jsonl%3A3");
        assert_eq!(
            iri_reference("Сталин"),
            "%D0%A1%D1%82%D0%B0%D0%BB%D0%B8%D0%BD"
        );
    }
}
