//! The layout of a document's text: its blocks (headings, paragraphs, list
//! items, table cells, code), the stretches that are markup rather than
//! prose (`hidden`), and the inline marks (bold, italics, links) of its
//! handout.
//!
//! Every range is a byte range of the document's `text`, on character
//! boundaries. Blocks are leaf blocks, in order and disjoint; a gap between
//! two blocks holds white space or markup. The annotator reads the text
//! through [`Layout::masked`], where hidden bytes are spaces and a
//! [`Boundary::Hard`] gap holds a separator that no lexicon form and no
//! date crosses; readers promise a hard boundary at least one gap byte
//! that is white space or hidden, and the annotator drops any span that
//! crosses one all the same.

use std::borrow::Cow;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// The byte that stands in the masked view for the gap at a hard block
/// boundary: the ASCII record separator. The normalizer keeps it as it is,
/// it is no word character, and no lexicon form or date contains it, so no
/// match runs over it.
pub const BOUNDARY_MARK: u8 = 0x1E;

/// One leaf block of a document.
///
/// Serialized in an annotation's `blocks` as
/// `{"start":0,"end":9,"kind":"heading","level":1,"line":1}`: the byte
/// range, the kind and its fields, `quote` (the depth of block quotes it
/// sits in, when not 0) and where it is in the source (`line`, `para` or
/// `page`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Block {
    /// Where the block starts in the text (its first visible byte).
    pub start: usize,
    /// Where it ends (just past its last visible byte).
    pub end: usize,
    /// What the block is.
    #[serde(flatten)]
    pub kind: BlockKind,
    /// How many block quotes it is inside.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub quote: u8,
    /// Where the block is in the source file.
    #[serde(flatten)]
    pub source: SourcePlace,
    /// Does a span or sentence go on into this block from the one before
    /// ([`Boundary::Soft`]: the guessed blocks of plain text) or never
    /// ([`Boundary::Hard`])? Not serialized; read back as soft.
    #[serde(skip)]
    pub boundary: Boundary,
}

// serde's `skip_serializing_if` passes a reference.
#[allow(clippy::trivially_copy_pass_by_ref)]
fn is_zero(n: &u8) -> bool {
    *n == 0
}

impl Block {
    /// The block's byte range.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }
}

/// What a [`Block`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum BlockKind {
    /// A heading, level 1 to 6.
    Heading {
        /// 1 for a title, 2 for a section, and so on.
        level: u8,
    },
    /// A paragraph.
    Paragraph,
    /// A list item (or one paragraph of it).
    Item {
        /// Numbered (`1.`) rather than bulleted?
        ordered: bool,
        /// 1 for an item of a top-level list, 2 inside an item, ...
        depth: u8,
    },
    /// A table cell.
    Cell {
        /// Which table of the document, from 0.
        table: u32,
        /// Which row of the table, from 0.
        row: u32,
        /// Which column of the row, from 0.
        column: u32,
        /// A header cell?
        header: bool,
    },
    /// Code, shown as written and never annotated.
    Code,
}

/// Where a [`Block`] starts in its source file: a line for text and
/// Markdown, a paragraph (counted from 1) for word processor files and
/// HTML, a page for PDF.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourcePlace {
    /// A line, from 1.
    Line(u32),
    /// A paragraph, from 1.
    Para(u32),
    /// A page, from 1.
    Page(u32),
}

/// How a [`Block`] meets the one before it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Boundary {
    /// A guess (a short line taken for a heading, a blank line inside a
    /// wrapped name): spans may cross it, and the sentences they cross are
    /// joined.
    #[default]
    Soft,
    /// Real structure: no span and no sentence crosses it.
    Hard,
}

/// An inline mark of the handout: `range` is shown as `kind`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mark {
    /// The marked bytes, markup included (`**NEP**`).
    pub range: Range<usize>,
    /// How they are shown.
    pub kind: MarkKind,
}

/// How a [`Mark`] is shown.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MarkKind {
    /// Bold.
    Strong,
    /// Italics.
    Emphasis,
    /// Struck through.
    Strikethrough,
    /// Code (never annotated).
    Code,
    /// A link to this address.
    Link(String),
}

/// The blocks, hidden ranges and marks of one document's text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Layout {
    blocks: Vec<Block>,
    hidden: Vec<Range<usize>>,
    marks: Vec<Mark>,
    /// Does the masked view differ from the text (anything hidden, or a
    /// hard boundary)?
    masks: bool,
}

impl Layout {
    /// A layout of `text`. Ranges that do not fit the text (past its end,
    /// inside a character, out of order or overlapping the one before) are
    /// dropped, so every layout a reader makes is one the annotator can
    /// trust.
    pub fn new(
        text: &str,
        blocks: Vec<Block>,
        hidden: Vec<Range<usize>>,
        marks: Vec<Mark>,
    ) -> Layout {
        let fits = |r: &Range<usize>| {
            r.start <= r.end && text.is_char_boundary(r.start) && text.is_char_boundary(r.end)
        };
        let mut last_end = 0;
        let blocks: Vec<Block> = blocks
            .into_iter()
            .filter(|b| {
                let ok = b.start < b.end && b.start >= last_end && fits(&b.range());
                if ok {
                    last_end = b.end;
                }
                ok
            })
            .collect();
        let mut last_end = 0;
        let hidden: Vec<Range<usize>> = hidden
            .into_iter()
            .filter(|r| {
                let ok = r.start < r.end && r.start >= last_end && fits(r);
                if ok {
                    last_end = r.end;
                }
                ok
            })
            .collect();
        let marks = marks.into_iter().filter(|m| fits(&m.range)).collect();
        let masks = !hidden.is_empty() || blocks.iter().any(|b| b.boundary == Boundary::Hard);
        Layout {
            blocks,
            hidden,
            marks,
            masks,
        }
    }

    /// The leaf blocks, in order and disjoint.
    pub fn blocks(&self) -> &[Block] {
        &self.blocks
    }

    /// The byte ranges of the heading blocks, in order.
    pub fn headings(&self) -> Vec<Range<usize>> {
        let heading = |b: &&Block| matches!(b.kind, BlockKind::Heading { .. });
        self.blocks
            .iter()
            .filter(heading)
            .map(Block::range)
            .collect()
    }

    /// The markup: byte ranges never annotated, in order and disjoint.
    pub fn hidden(&self) -> &[Range<usize>] {
        &self.hidden
    }

    /// The inline marks, in the order of their starts.
    pub fn marks(&self) -> &[Mark] {
        &self.marks
    }

    /// Does this layout fit `text`: does every range end within it? (A
    /// [`Layout`] is checked against the text it was made for; this
    /// catches a document whose text was replaced after.)
    pub fn fits(&self, text: &str) -> bool {
        let end =
            |r: Option<usize>| r.is_none_or(|end| end <= text.len() && text.is_char_boundary(end));
        end(self.blocks.last().map(|b| b.end))
            && end(self.hidden.last().map(|r| r.end))
            && self.marks.iter().all(|m| end(Some(m.range.end)))
    }

    /// The text as the annotator reads it: hidden bytes turned into
    /// spaces, and at each hard boundary the first white space or hidden
    /// byte of the gap turned into [`BOUNDARY_MARK`]. The same length as
    /// `text`, so every offset holds; borrowed when nothing changes (plain
    /// text).
    pub fn masked<'t>(&self, text: &'t str) -> Cow<'t, str> {
        if !self.masks {
            return Cow::Borrowed(text);
        }
        let mut bytes = text.as_bytes().to_vec();
        for range in &self.hidden {
            bytes[range.clone()].fill(b' ');
        }
        for pair in self.blocks.windows(2) {
            if pair[1].boundary == Boundary::Hard {
                let gap = &mut bytes[pair[0].end..pair[1].start];
                if let Some(b) = gap.iter_mut().find(|b| b.is_ascii_whitespace()) {
                    *b = BOUNDARY_MARK;
                }
            }
        }
        // Whole characters were replaced by ASCII bytes, and ASCII white
        // space by an ASCII byte: still UTF-8.
        Cow::Owned(String::from_utf8(bytes).unwrap_or_else(|_| text.to_string()))
    }

    /// Does `range` cross a hard block boundary: does it reach from one
    /// block, or the gap before it, into a block that starts hard?
    pub fn crosses_hard_boundary(&self, range: Range<usize>) -> bool {
        if !self.masks {
            return false;
        }
        // The blocks that start inside the range, after its first byte.
        let first = self.blocks.partition_point(|b| b.start <= range.start);
        self.blocks[first..]
            .iter()
            .take_while(|b| b.start < range.end)
            .any(|b| b.boundary == Boundary::Hard)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn block(range: Range<usize>, boundary: Boundary) -> Block {
        Block {
            start: range.start,
            end: range.end,
            kind: BlockKind::Paragraph,
            quote: 0,
            source: SourcePlace::Line(1),
            boundary,
        }
    }

    #[test]
    fn the_masked_view_hides_markup_and_marks_hard_boundaries() {
        let text = "# War Scare\n\n**1927** War";
        let layout = Layout::new(
            text,
            vec![block(2..11, Boundary::Hard), block(15..25, Boundary::Hard)],
            vec![0..2, 11..15, 19..21],
            vec![],
        );
        let masked = layout.masked(text);
        assert_eq!(masked, "  War Scare\u{1e}   1927   War");
        assert!(layout.crosses_hard_boundary(6..17));
        assert!(!layout.crosses_hard_boundary(2..11));
        assert!(!layout.crosses_hard_boundary(15..25));
    }

    #[test]
    fn plain_text_is_borrowed_and_soft_boundaries_are_crossed() {
        let text = "Red\nTerror";
        let layout = Layout::new(
            text,
            vec![block(0..3, Boundary::Soft), block(4..10, Boundary::Soft)],
            vec![],
            vec![],
        );
        assert!(matches!(layout.masked(text), Cow::Borrowed(_)));
        assert!(!layout.crosses_hard_boundary(0..10));
    }

    #[test]
    fn ranges_that_do_not_fit_are_dropped() {
        let text = "é ab";
        let layout = Layout::new(
            text,
            vec![
                block(1..3, Boundary::Hard),
                block(3..5, Boundary::Hard),
                block(4..9, Boundary::Hard),
            ],
            vec![3..4, 0..1, 4..5],
            vec![],
        );
        assert_eq!(layout.blocks().len(), 1);
        assert_eq!(layout.hidden(), [3..4, 4..5]);
        assert!(layout.fits(text) && !layout.fits("é"));
    }

    #[test]
    fn blocks_serialize_flat() {
        let b = Block {
            kind: BlockKind::Cell {
                table: 0,
                row: 1,
                column: 2,
                header: false,
            },
            quote: 1,
            ..block(3..9, Boundary::Hard)
        };
        let json = serde_json::to_string(&b).unwrap();
        assert_eq!(
            json,
            r#"{"start":3,"end":9,"kind":"cell","table":0,"row":1,"column":2,"header":false,"quote":1,"line":1}"#
        );
        let back: Block = serde_json::from_str(&json).unwrap();
        assert_eq!(
            back,
            Block {
                boundary: Boundary::Soft,
                ..b
            }
        );
    }
}
