//! JSON and JSON Lines output.
//!
//! The schemas themselves are specified on the types that are serialized:
//! [`crate::annotate::Annotation`] (`glossator.annotation/1`). Output is
//! compact, one object per line, keys in a fixed order, so equal inputs give
//! byte-identical output.

use serde::Serialize;

/// One value as a single line of JSON, newline included.
pub fn json_line(value: &impl Serialize) -> Vec<u8> {
    let mut out = serde_json::to_vec(value).expect("output types serialize to JSON");
    out.push(b'\n');
    out
}
