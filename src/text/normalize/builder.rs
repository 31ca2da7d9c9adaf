//! A [`Normalized`](super::Normalized) text being made: the normalized
//! bytes and the edit points of the alignment map, appended run by run,
//! character by character, or cluster by cluster.
//!
//! [`Normalized::with_case`](super::Normalized::with_case) (`mod.rs`)
//! decides which of these each stretch of the original is, and drives the
//! builder.

use std::ops::Range;

use super::fold::{fold, Fold};
use super::nfc::{composing_end, nfc_inert};
use super::plain::fold_plain_byte;
use super::Edit;

/// A [`Normalized`](super::Normalized) text being made.
///
/// The text is kept as bytes until it is done so that ASCII runs can be
/// copied and mapped in one pass (lower case, white space to `' '`), which
/// `String` allows only through `unsafe`; checking the finished text is
/// UTF-8 costs a fraction of an instruction per byte.
pub(super) struct Builder<'a> {
    pub(super) original: &'a str,
    pub(super) fold_case: bool,
    pub(super) text: Vec<u8>,
    pub(super) edits: Vec<Edit>,
}

impl Builder<'_> {
    pub(super) fn ends_with_space(&self) -> bool {
        self.text.last() == Some(&b' ')
    }

    /// Adds an edit point unless the next normalized byte, mapped one to
    /// one from the last edit point, already comes from `orig`.
    fn continue_from(&mut self, orig: usize) {
        self.continue_at(self.text.len(), orig);
    }

    /// Adds an edit point unless normalized byte `norm`, mapped one to one
    /// from the last edit point, already comes from `orig`.
    fn continue_at(&mut self, norm: usize, orig: usize) {
        let continues = self
            .edits
            .last()
            .is_some_and(|e| (e.orig as usize + (norm - e.norm as usize)) == orig);
        if !continues {
            self.push_edit(norm, orig);
        }
    }

    fn push_edit(&mut self, norm: usize, orig: usize) {
        self.edits.push(Edit {
            norm: norm as u32,
            orig: orig as u32,
        });
    }

    /// Copies plain ASCII (see
    /// [`plain_run_end`](super::plain::plain_run_end)), byte for byte:
    /// white space becomes `' '`, and letters are lower-cased if asked.
    // `#[inline]` on this and `push_fold`: `Normalized::with_case` calls
    // them from another module, and without it a call per run made
    // normalizing 3% slower (callgrind).
    #[inline]
    pub(super) fn push_plain(&mut self, run: Range<usize>) {
        self.continue_from(run.start);
        let bytes = &self.original.as_bytes()[run];
        let case = if self.fold_case { 0x20 } else { 0 };
        self.text
            .extend(bytes.iter().map(|&b| fold_plain_byte(b, case)));
    }

    /// Appends the normalization of the cluster that starts at `at` (a
    /// character and the combining marks after it), and returns where it
    /// ends. `after_plain` says whether the byte before `at` ended a plain
    /// run: a combining mark at `at` takes that byte back as its base.
    #[cold]
    #[inline(never)]
    pub(super) fn push_cluster(&mut self, at: usize, after_plain: bool) -> usize {
        let mut start = at;
        let c = self.original[at..].chars().next().expect("not at the end");
        if after_plain && !nfc_inert(c) {
            self.unpush_plain_byte();
            start -= 1;
        }
        let end = composing_end(self.original, at + c.len_utf8());
        self.push_composed(start..end);
        end
    }

    /// Takes back the last byte [`Builder::push_plain`] copied, to compose
    /// it with the marks after it.
    fn unpush_plain_byte(&mut self) {
        self.text.pop();
        if self
            .edits
            .last()
            .is_some_and(|e| e.norm as usize == self.text.len())
        {
            self.edits.pop();
        }
    }

    /// Appends the normalization of the character `c` at `orig`.
    #[inline]
    pub(super) fn push_fold(&mut self, orig: usize, c: char) {
        let norm = self.text.len();
        self.append_fold(c);
        if self.text.len() > norm {
            self.continue_at(norm, orig);
        }
        // Bytes past the original character's length (`İ` → `i̇`) would
        // run into the next character: pin each to this one.
        for extra in norm + c.len_utf8()..self.text.len() {
            self.push_edit(extra, orig);
        }
    }

    /// Appends the normalization of the cluster `source` of the original:
    /// a character and the combining marks after it, composed (NFC).
    ///
    /// The cluster maps back as a whole: every byte made from it to its
    /// start but the last (unless it is also the first), which maps to its
    /// last character, so that a range ending there covers all its marks.
    fn push_composed(&mut self, source: Range<usize>) {
        use unicode_normalization::UnicodeNormalization;
        let norm = self.text.len();
        let cluster = &self.original[source.clone()];
        for c in cluster.nfc() {
            self.append_fold(c);
        }
        let last = self.text.len().saturating_sub(1);
        if last < norm {
            return;
        }
        self.continue_at(norm, source.start);
        for at in norm + 1..last {
            self.push_edit(at, source.start);
        }
        if last > norm {
            let last_char = cluster.char_indices().next_back().map_or(0, |(at, _)| at);
            self.push_edit(last, source.start + last_char);
        }
    }

    /// Appends what `c` becomes, without edit points.
    #[inline(always)]
    fn append_fold(&mut self, c: char) {
        match fold(c, self.fold_case) {
            Fold::Drop => {}
            Fold::Space if self.ends_with_space() => {}
            Fold::Space => self.text.push(b' '),
            Fold::Char(c) => {
                let mut bytes = [0; 4];
                self.text
                    .extend_from_slice(c.encode_utf8(&mut bytes).as_bytes());
            }
            Fold::Lower(c) => {
                // At most three characters (`İ` → `i̇` is two), made on
                // the stack: this runs for every non-ASCII character.
                let (mut lower, mut len) = ([0; 12], 0);
                for c in c.to_lowercase() {
                    len += c.encode_utf8(&mut lower[len..]).len();
                }
                self.text.extend_from_slice(&lower[..len]);
            }
        }
    }
}
