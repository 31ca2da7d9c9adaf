//! Fields of an annotation's spans written whole: a span's `kind` and
//! `match` ([`Fixed`], made at compile time) and an entry's kind, id and
//! name ([`label_fields`], made once per lexicon entry by the annotator),
//! for the annotation writer (`mod.rs`), whose every span has them.

use std::ops::Range;

use super::string::needs_escape;
use crate::annotate::{How, SpanKind};

/// Appends the JSON fields of an entry span's kind, id and name,
/// `,"kind":"…","entry":"…","name":"…"`, as [`write_span`](super::write_span) writes them,
/// to `out`, if neither string needs an escape; returns where in what it
/// appended the id and the name are (inside their quotes). The
/// annotator's labels of its entries are made of these.
pub(crate) fn label_fields(
    out: &mut String,
    kind: SpanKind,
    id: &str,
    name: &str,
) -> Option<(Range<usize>, Range<usize>)> {
    if needs_escape(id) || needs_escape(name) {
        return None;
    }
    let start = out.len();
    let kind = &KIND_FIELDS[kind as usize];
    out.push_str(std::str::from_utf8(&kind.bytes[..kind.len]).expect("ASCII"));
    let mut quoted = |key: &str, value: &str| {
        out.push_str(key);
        out.push('"');
        let at = out.len() - start;
        out.push_str(value);
        out.push('"');
        at..at + value.len()
    };
    Some((quoted(",\"entry\":", id), quoted(",\"name\":", name)))
}

/// A field whose value is one of a few names (a span's `kind` or
/// `match`), key and quoted value together, made at compile time in a
/// buffer of fixed size ([`Fixed::of`]).
///
/// [`write_fixed`] copies the whole buffer and cuts the copy to the
/// field's length: a copy of fixed size is done inline, where the key,
/// the quotes and the name written one by one took a call to copy the
/// name and a check of the buffer's room for each part, twice the
/// instructions.
pub(super) struct Fixed {
    bytes: [u8; FIXED_BYTES],
    len: usize,
}

/// The size of a [`Fixed`] field's buffer.
const FIXED_BYTES: usize = 32;

impl Fixed {
    /// `key` (with its leading comma, quotes and colon) and `name` quoted;
    /// fails to compile if that is longer than the buffer.
    const fn of(key: &[u8], name: &str) -> Fixed {
        let mut bytes = [0; FIXED_BYTES];
        let mut len = 0;
        let parts: [&[u8]; 4] = [key, b"\"", name.as_bytes(), b"\""];
        let mut part = 0;
        while part < parts.len() {
            let mut i = 0;
            while i < parts[part].len() {
                bytes[len] = parts[part][i];
                len += 1;
                i += 1;
            }
            part += 1;
        }
        Fixed { bytes, len }
    }
}

/// Each span kind's `,"kind":"…"`, by the kind's discriminant.
pub(super) static KIND_FIELDS: [Fixed; SpanKind::ALL.len()] = {
    let mut fields = [const { Fixed::of(b"", "") }; SpanKind::ALL.len()];
    let mut i = 0;
    while i < SpanKind::ALL.len() {
        let kind = SpanKind::ALL[i];
        fields[kind as usize] = Fixed::of(b",\"kind\":", kind.as_str());
        i += 1;
    }
    fields
};

/// Each [`How`]'s `,"match":"…"`, by its discriminant.
pub(super) static HOW_FIELDS: [Fixed; How::ALL.len()] = {
    let mut fields = [const { Fixed::of(b"", "") }; How::ALL.len()];
    let mut i = 0;
    while i < How::ALL.len() {
        let how = How::ALL[i];
        fields[how as usize] = Fixed::of(b",\"match\":", how.as_str());
        i += 1;
    }
    fields
};

pub(super) fn write_fixed(out: &mut Vec<u8>, field: &Fixed) {
    let at = out.len();
    out.extend_from_slice(&field.bytes);
    out.truncate(at + field.len);
}
