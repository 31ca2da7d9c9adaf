//! The builder of an extracted text and its layout, shared by the readers
//! whose text is not the file itself (Word, OpenDocument, HTML).
//!
//! The text is written one block at a time, with a blank line between
//! blocks and a tab between the cells of a table row (a row per line), so
//! that it reads well on its own (`glossator text`). Every block boundary
//! is hard. An inline mark starts at the first text written after it
//! opens, so markup met before a block's text (a link around a paragraph)
//! never takes in the gap before it, and a mark still open when a block
//! ends is cut there and goes on in the next block.

use std::ops::Range;

use super::{Block, BlockKind, Boundary, Mark, MarkKind, SourcePlace};

/// The extracted text and its layout, made one block at a time.
#[derive(Default)]
pub(super) struct TextBuilder {
    pub(super) text: String,
    pub(super) blocks: Vec<Block>,
    pub(super) marks: Vec<Mark>,
    /// The block being written: its kind, start, source place and quote
    /// depth.
    open: Option<(BlockKind, usize, SourcePlace, u8)>,
    /// Marks open now: where each started (`None`: no text yet), and what
    /// it is.
    open_marks: Vec<(Option<usize>, MarkKind)>,
    /// The first heading's text, for a title.
    pub(super) first_heading: Option<String>,
    /// How many block quotes the blocks started from now on are in.
    pub(super) quote: u8,
}

impl TextBuilder {
    /// Starts a block of `kind` from source paragraph `para` (ending the
    /// one before it, if open).
    pub(super) fn start(&mut self, kind: BlockKind, para: u32) {
        self.start_at(kind, SourcePlace::Para(para));
    }

    /// Starts a block of `kind` that is at `source` in the file.
    pub(super) fn start_at(&mut self, kind: BlockKind, source: SourcePlace) {
        self.end();
        if !self.text.is_empty() {
            let last = self.blocks.last().map(|b| b.kind);
            let gap = match (last, kind) {
                (
                    Some(BlockKind::Cell { table, row, .. }),
                    BlockKind::Cell {
                        table: t, row: r, ..
                    },
                ) if (table, row) == (t, r) => "\t",
                (Some(BlockKind::Cell { table, .. }), BlockKind::Cell { table: t, .. })
                    if table == t =>
                {
                    "\n"
                }
                _ => "\n\n",
            };
            self.text.push_str(gap);
        }
        self.open = Some((kind, self.text.len(), source, self.quote));
    }

    /// Is a block open?
    pub(super) fn is_open(&self) -> bool {
        self.open.is_some()
    }

    /// Adds text to the open block (opening a paragraph if none is).
    pub(super) fn push(&mut self, text: &str, para: u32) {
        if self.open.is_none() {
            self.start(BlockKind::Paragraph, para);
        }
        if text.is_empty() {
            return;
        }
        for (start, _) in &mut self.open_marks {
            start.get_or_insert(self.text.len());
        }
        self.text.push_str(text);
    }

    /// Adds white space between words of the open block: it starts no
    /// mark opened before it (`Stalin <b>and</b>` marks `and` alone).
    pub(super) fn push_space(&mut self, space: &str) {
        self.text.push_str(space);
    }

    /// Opens an inline mark; it starts at the next text.
    pub(super) fn open_mark(&mut self, kind: MarkKind) {
        self.open_marks.push((None, kind));
    }

    /// Ends the innermost open mark.
    pub(super) fn close_mark(&mut self) {
        if let Some((start, kind)) = self.open_marks.pop() {
            self.add_mark(start, kind);
        }
    }

    fn add_mark(&mut self, start: Option<usize>, kind: MarkKind) {
        let end = self.text.trim_end().len();
        if let Some(start) = start.filter(|&start| start < end) {
            self.marks.push(Mark {
                range: start..end,
                kind,
            });
        }
    }

    /// Ends the open block; an empty one leaves no block (its gap stays).
    /// Marks still open are cut at its end and go on at the next text.
    pub(super) fn end(&mut self) {
        let Some((kind, start, source, quote)) = self.open.take() else {
            return;
        };
        for i in 0..self.open_marks.len() {
            if let Some(start) = self.open_marks[i].0.take() {
                self.add_mark(Some(start), self.open_marks[i].1.clone());
            }
        }
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
            quote,
            source,
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_are_a_blank_line_apart_and_cells_a_tab_or_a_line() {
        let mut out = TextBuilder::default();
        out.push("Causes", 1);
        let cell = |row, column| BlockKind::Cell {
            table: 0,
            row,
            column,
            header: false,
        };
        for (row, column, text) in [(0, 0, "1929"), (0, 1, "Kulaks"), (1, 0, "1934")] {
            out.start(cell(row, column), 2);
            out.push(text, 2);
        }
        out.start_at(BlockKind::Paragraph, SourcePlace::Page(2));
        out.push(" Kirov ", 3);
        out.end();
        assert_eq!(out.text, "Causes\n\n1929\tKulaks\n1934\n\n Kirov ");
        let ranges: Vec<_> = out
            .blocks
            .iter()
            .map(super::super::layout::Block::range)
            .collect();
        assert_eq!(ranges, [0..6, 8..12, 13..19, 20..24, 27..32]);
        assert_eq!(out.blocks[4].source, SourcePlace::Page(2));
    }

    #[test]
    fn marks_start_at_their_text_and_are_cut_at_a_block_end() {
        let mut out = TextBuilder::default();
        out.push("First", 1);
        out.end();
        out.open_mark(MarkKind::Strong);
        out.start(BlockKind::Paragraph, 2);
        out.push("Lenin ", 2);
        out.start(BlockKind::Paragraph, 3);
        out.push("Trotsky", 3);
        out.close_mark();
        out.open_mark(MarkKind::Emphasis);
        out.close_mark();
        out.end();
        assert_eq!(out.text, "First\n\nLenin \n\nTrotsky");
        let ranges: Vec<_> = out.marks.iter().map(|m| m.range.clone()).collect();
        assert_eq!(ranges, [7..12, 15..22]);
    }
}
