//! What the Word (`.docx`) and OpenDocument (`.odt`) readers share: the
//! zip container, read with limits, and the builder of the extracted text.
//!
//! A zip bomb is refused: a part is read only if its declared size is at
//! most [`MAX_PART_BYTES`] and at most [`MAX_RATIO`] times its compressed
//! size (when over 1 MiB), and reading stops at that size whatever the
//! header says; all parts read from one file come to at most
//! [`MAX_INFLATED_BYTES`].
//!
//! The extracted text has a blank line between blocks, and a tab between
//! the cells of a table row (a row per line), so that it reads well on
//! its own (`glossator text`). Every block boundary is hard.

use std::io::{Cursor, Read};
use std::ops::Range;

use super::{Block, BlockKind, Boundary, Mark, MarkKind, SourcePlace};

/// The most bytes one part of the container may inflate to.
pub(super) const MAX_PART_BYTES: u64 = 64 << 20;

/// The most bytes all parts read from one container may inflate to.
pub(super) const MAX_INFLATED_BYTES: u64 = 256 << 20;

/// The highest inflated-to-compressed ratio of a part over 1 MiB. Real
/// XML compresses about 10:1; a bomb, thousands to one.
pub(super) const MAX_RATIO: u64 = 100;

/// An open container and what has been inflated from it so far.
pub(super) struct Container {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    inflated: u64,
}

impl Container {
    /// Opens the zip container in `bytes`; `what` names the format in
    /// messages (`a Word document`).
    pub(super) fn open(bytes: Vec<u8>, what: &str) -> Result<Container, String> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(format!(
                "encrypted (password-protected), or an old binary file, not {what}; \
                 save it without a password in the current format"
            ));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|err| format!("not {what}, or corrupt or truncated: {err}"))?;
        Ok(Container { zip, inflated: 0 })
    }

    /// The part named `name` as text, if there is one.
    pub(super) fn part(&mut self, name: &str) -> Result<Option<String>, String> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let mut file = self
            .zip
            .by_index(index)
            .map_err(|err| format!("{name}: corrupt or encrypted: {err}"))?;
        let (size, packed) = (file.size(), file.compressed_size().max(1));
        let left = MAX_INFLATED_BYTES.saturating_sub(self.inflated);
        if size > MAX_PART_BYTES || size > left || (size > 1 << 20 && size / packed > MAX_RATIO) {
            return Err(format!(
                "{name} inflates to {size} bytes from {packed}: refused as a zip bomb \
                 (the limits are {} MiB a part, {} MiB in all, {MAX_RATIO}:1)",
                MAX_PART_BYTES >> 20,
                MAX_INFLATED_BYTES >> 20
            ));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        let limit = size.min(left) + 1;
        (&mut file)
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|err| format!("{name}: corrupt or truncated: {err}"))?;
        if bytes.len() as u64 > size {
            return Err(format!("{name}: inflates to more than it says; refused"));
        }
        self.inflated += bytes.len() as u64;
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| format!("{name}: not UTF-8 XML"))
    }
}

/// The extracted text and its layout, made one block at a time.
#[derive(Default)]
pub(super) struct TextBuilder {
    pub(super) text: String,
    pub(super) blocks: Vec<Block>,
    pub(super) marks: Vec<Mark>,
    /// The block being written: its kind, start and source paragraph.
    open: Option<(BlockKind, usize, u32)>,
    /// Marks open now: where each started, and what it is.
    open_marks: Vec<(usize, MarkKind)>,
    /// The first heading's text, for a title.
    pub(super) first_heading: Option<String>,
}

impl TextBuilder {
    /// Starts a block of `kind` from source paragraph `para` (ending the
    /// one before it, if open).
    pub(super) fn start(&mut self, kind: BlockKind, para: u32) {
        self.end();
        if !self.text.is_empty() {
            let same_row = |a: &BlockKind, b: &BlockKind| matches!((a, b), (BlockKind::Cell { table: t, row: r, .. }, BlockKind::Cell { table: u, row: s, .. }) if (t, r) == (u, s));
            let last = self.blocks.last().map(|b| b.kind);
            let gap = match last {
                Some(last) if same_row(&last, &kind) => "\t",
                Some(BlockKind::Cell { table, .. }) if matches!(kind, BlockKind::Cell { table: t, .. } if t == table) => {
                    "\n"
                }
                _ => "\n\n",
            };
            self.text.push_str(gap);
        }
        self.open = Some((kind, self.text.len(), para));
    }

    /// Adds text to the open block (opening a paragraph if none is).
    pub(super) fn push(&mut self, text: &str, para: u32) {
        if self.open.is_none() {
            self.start(BlockKind::Paragraph, para);
        }
        self.text.push_str(text);
    }

    /// Starts an inline mark here.
    pub(super) fn open_mark(&mut self, kind: MarkKind) {
        self.open_marks.push((self.text.len(), kind));
    }

    /// Ends the innermost open mark.
    pub(super) fn close_mark(&mut self) {
        if let Some((start, kind)) = self.open_marks.pop() {
            if start < self.text.len() {
                self.marks.push(Mark {
                    range: start..self.text.len(),
                    kind,
                });
            }
        }
    }

    /// Ends the open block; an empty one leaves no block (its gap stays).
    pub(super) fn end(&mut self) {
        let Some((kind, start, para)) = self.open.take() else {
            return;
        };
        let range = trimmed(&self.text, start..self.text.len());
        if range.is_empty() {
            return;
        }
        if matches!(kind, BlockKind::Heading { .. }) && self.first_heading.is_none() {
            self.first_heading = Some(self.text[range.clone()].to_string());
        }
        self.blocks.push(Block {
            start: range.start,
            end: range.end,
            kind,
            quote: 0,
            source: SourcePlace::Para(para),
            boundary: Boundary::Hard,
        });
    }
}

/// `range` of `text` without white space at its ends.
fn trimmed(text: &str, range: Range<usize>) -> Range<usize> {
    let piece = &text[range.clone()];
    let start = range.start + (piece.len() - piece.trim_start().len());
    let end = range.end - (piece.len() - piece.trim_end().len());
    start..end.max(start)
}
