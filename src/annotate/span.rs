//! One tagged stretch of text, [`Span`], and what it is, [`SpanKind`].
//!
//! A span is made from an entry hit of the matcher (with its entry's
//! packed label, `labels.rs`) or from a date of the date tagger; the
//! annotator (`annotate/mod.rs`) orders them and `fit.rs` fills in their
//! sentence and code point offsets.

use std::borrow::Cow;

use serde::{Deserialize, Serialize};

use super::labels::Label;
use crate::dates::{DateMatch, Day};
use crate::lexicon::Kind;
use crate::matcher::{How, TermMatch};

/// What a span is: an entry's kind, or a date.
///
/// Its name is [`SpanKind::as_str`]: the entry kind's name
/// ([`Kind::as_str`], the one table of kind names), or `date`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanKind {
    /// A person ([`Kind::Person`]).
    Person,
    /// A place ([`Kind::Place`]).
    Place,
    /// An organisation ([`Kind::Org`]).
    Org,
    /// An event ([`Kind::Event`]).
    Event,
    /// A term ([`Kind::Term`]).
    Term,
    /// A date found by the date tagger.
    Date,
}

impl SpanKind {
    /// Every span kind: the entry kinds in [`Kind::ALL`]'s order, then
    /// dates.
    pub const ALL: [SpanKind; 6] = [
        SpanKind::Person,
        SpanKind::Org,
        SpanKind::Place,
        SpanKind::Event,
        SpanKind::Term,
        SpanKind::Date,
    ];

    /// The kind's name, as the JSON outputs and the HTML classes
    /// (`k-<name>`) write it: [`Kind::as_str`] for an entry span, `date`
    /// for a date.
    pub const fn as_str(self) -> &'static str {
        match self.entry_kind() {
            Some(kind) => kind.as_str(),
            None => "date",
        }
    }

    /// The kind of the entry an entry span names; `None` for a date.
    pub const fn entry_kind(self) -> Option<Kind> {
        match self {
            SpanKind::Person => Some(Kind::Person),
            SpanKind::Place => Some(Kind::Place),
            SpanKind::Org => Some(Kind::Org),
            SpanKind::Event => Some(Kind::Event),
            SpanKind::Term => Some(Kind::Term),
            SpanKind::Date => None,
        }
    }
}

impl From<Kind> for SpanKind {
    /// The span kind of an entry of kind `kind`.
    fn from(kind: Kind) -> SpanKind {
        match kind {
            Kind::Person => SpanKind::Person,
            Kind::Place => SpanKind::Place,
            Kind::Org => SpanKind::Org,
            Kind::Event => SpanKind::Event,
            Kind::Term => SpanKind::Term,
        }
    }
}

/// One tagged stretch of text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Span<'a> {
    /// Byte offset of the span's start in the document's text.
    pub start: usize,
    /// Byte offset just after the span's end.
    pub end: usize,
    /// `start` in Unicode code points (a Python `str` index).
    pub char_start: usize,
    /// `end` in Unicode code points.
    pub char_end: usize,
    /// The text at `start..end`, borrowed from the document when
    /// annotating (see [`Annotator::annotate`](super::Annotator::annotate)).
    pub text: Cow<'a, str>,
    /// What the span is: a lexicon entry's kind, or a date.
    pub kind: SpanKind,
    /// The lexicon entry's id (entry spans only). Borrowed from the
    /// annotator's packed entry labels when annotating: copying it for
    /// every span cost more than 5% of annotating.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entry: Option<Cow<'a, str>>,
    /// The lexicon entry's display name (entry spans only), borrowed too.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Cow<'a, str>>,
    /// How the text matched the entry (entry spans only), written `match`:
    /// a listed form, a derived variant, a misspelling, or a short name
    /// resolved by the document's earlier mentions.
    #[serde(rename = "match", default, skip_serializing_if = "Option::is_none")]
    pub how: Option<How>,
    /// The entry span lies inside the entry span before it that is not
    /// nested, of another entry (a person or place named in an event or
    /// term: matching rule 6; written `"nested":true` when true).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub nested: bool,
    /// The EDTF value (date spans only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// First calendar day covered (date spans only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_day: Option<Day>,
    /// Last calendar day covered (date spans only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_day: Option<Day>,
    /// `early`, `mid` or `late` (date spans only, when written).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub qualifier: Option<String>,
    /// The date is written in the Julian calendar (Old Style; date spans
    /// only, written `"old_style":true` when true): `value` is the date as
    /// written, `first_day` and `last_day` its Gregorian days.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub old_style: bool,
    /// Index of the sentence (in the annotation's `sentences`) that holds the span.
    pub sentence: usize,
}

impl<'a> Span<'a> {
    pub(super) fn entry(text: &'a str, hit: TermMatch, label: Label<'a>) -> Span<'a> {
        Span {
            kind: label.kind,
            entry: Some(Cow::Borrowed(label.id)),
            name: Some(Cow::Borrowed(label.name)),
            how: Some(hit.how),
            nested: hit.nested,
            ..Span::bare(text, hit.start, hit.end)
        }
    }

    pub(super) fn date(text: &'a str, date: DateMatch) -> Span<'a> {
        Span {
            kind: SpanKind::Date,
            value: Some(date.value),
            first_day: Some(date.first_day),
            last_day: Some(date.last_day),
            qualifier: date.qualifier.map(str::to_string),
            old_style: date.old_style,
            ..Span::bare(text, date.start, date.end)
        }
    }

    /// The same span, owning its strings.
    pub fn into_owned(self) -> Span<'static> {
        let owned = |s: Cow<'_, str>| Cow::Owned(s.into_owned());
        Span {
            text: owned(self.text),
            entry: self.entry.map(owned),
            name: self.name.map(owned),
            ..self
        }
    }

    /// A span of `text[start..end]` with every optional field unset, as a
    /// base to fill in.
    pub(crate) fn bare(text: &'a str, start: usize, end: usize) -> Span<'a> {
        Span {
            start,
            end,
            char_start: 0,
            char_end: 0,
            text: Cow::Borrowed(&text[start..end]),
            kind: SpanKind::Term,
            entry: None,
            name: None,
            how: None,
            nested: false,
            value: None,
            first_day: None,
            last_day: None,
            qualifier: None,
            old_style: false,
            sentence: 0,
        }
    }
}
#[cfg(test)]
mod tests {
    use super::*;

    /// serde (JSON, TOML) and clap spell every kind as [`Kind::as_str`]
    /// and [`SpanKind::as_str`] do, and the two conversions between the
    /// kinds are each other's inverse.
    #[test]
    fn kind_names_have_one_spelling() {
        for kind in SpanKind::ALL {
            let quoted = format!("\"{}\"", kind.as_str());
            assert_eq!(serde_json::to_string(&kind).unwrap(), quoted);
            assert_eq!(serde_json::from_str::<SpanKind>(&quoted).unwrap(), kind);
        }
        for kind in Kind::ALL {
            let quoted = format!("\"{}\"", kind.as_str());
            assert_eq!(kind.as_str(), SpanKind::from(kind).as_str());
            assert_eq!(SpanKind::from(kind).entry_kind(), Some(kind));
            assert_eq!(serde_json::to_string(&kind).unwrap(), quoted);
            assert_eq!(serde_json::from_str::<Kind>(&quoted).unwrap(), kind);
            #[cfg(feature = "cli")]
            {
                use clap::ValueEnum;
                let value = kind.to_possible_value().unwrap();
                assert_eq!(value.get_name(), kind.as_str());
            }
        }
        let entry_kinds = SpanKind::ALL.into_iter().filter_map(SpanKind::entry_kind);
        assert!(entry_kinds.eq(Kind::ALL));
        assert_eq!(SpanKind::Date.entry_kind(), None);
    }
}
