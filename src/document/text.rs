//! The plain-text reader: the decoded file is the text, and its blocks are
//! guessed from the lines (`text::segment`'s block finder: blank lines,
//! short lines taken for headings, list lines, bullets run on inside a
//! line). A guess can be wrong (`Red` ⏎ `Terror` is no heading), so every
//! boundary is soft: a term may run over it. Nothing is hidden.

use super::{Block, BlockKind, Boundary, Extracted, Layout, SourcePlace};
use crate::text::{decode, plain_blocks, PlainKind};

/// Reads a plain-text file (see [`crate::text::decode`] for encodings).
pub(super) fn read(bytes: Vec<u8>) -> Result<Extracted, String> {
    let decoded = decode(bytes).map_err(|err| err.to_string())?;
    let (layout, title) = layout(&decoded.text);
    Ok(Extracted {
        text: decoded.text,
        title,
        layout,
        warning: decoded.warning,
    })
}

/// The layout of plain `text`, and its title: the first block, if that is
/// a heading (level 1; later headings are level 2). The last block is
/// never a heading.
pub(super) fn layout(text: &str) -> (Layout, Option<String>) {
    let found = plain_blocks(text);
    let last = found.len().saturating_sub(1);
    let blocks: Vec<Block> = found
        .into_iter()
        .enumerate()
        .map(|(i, block)| {
            let kind = match block.kind {
                // A heading heads something: a last line is no heading.
                PlainKind::Heading if i == last => BlockKind::Paragraph,
                PlainKind::Heading => BlockKind::Heading {
                    level: if i == 0 { 1 } else { 2 },
                },
                PlainKind::Item => BlockKind::Item {
                    ordered: text[block.range.clone()].starts_with(|c: char| c.is_ascii_digit()),
                    depth: 1,
                },
                PlainKind::Paragraph => BlockKind::Paragraph,
            };
            Block {
                start: block.range.start,
                end: block.range.end,
                kind,
                quote: 0,
                source: SourcePlace::Line(block.line),
                boundary: Boundary::Soft,
            }
        })
        .collect();
    let title = blocks
        .first()
        .filter(|b| b.kind == BlockKind::Heading { level: 1 })
        .map(|b| text[b.range()].to_string());
    (Layout::new(text, blocks, Vec::new(), Vec::new()), title)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_have_kinds_and_lines() {
        let text = "The Power Struggle\n\nLenin died in 1924.\nTrotsky lost.\n\n\
                    Key points\n\n• Stalin\n- Zinoviev\n2) Kamenev\n  and more\n";
        let (found, title) = layout(text);
        let got: Vec<(&str, BlockKind, SourcePlace)> = found
            .blocks()
            .iter()
            .map(|b| (&text[b.range()], b.kind, b.source))
            .collect();
        let item = |ordered| BlockKind::Item { ordered, depth: 1 };
        assert_eq!(
            got,
            [
                (
                    "The Power Struggle",
                    BlockKind::Heading { level: 1 },
                    SourcePlace::Line(1)
                ),
                (
                    "Lenin died in 1924.\nTrotsky lost.",
                    BlockKind::Paragraph,
                    SourcePlace::Line(3)
                ),
                (
                    "Key points",
                    BlockKind::Heading { level: 2 },
                    SourcePlace::Line(6)
                ),
                ("• Stalin", item(false), SourcePlace::Line(8)),
                ("- Zinoviev", item(false), SourcePlace::Line(9)),
                ("2) Kamenev\n  and more", item(true), SourcePlace::Line(10)),
            ]
        );
        assert_eq!(title.as_deref(), Some("The Power Struggle"));
        assert!(found.hidden().is_empty());
    }

    #[test]
    fn a_short_line_inside_a_paragraph_is_no_heading() {
        // A short first line is taken for a title; a short line inside a
        // paragraph further down is not a heading.
        let (first, title) = layout("Red\nTerror followed.");
        assert_eq!(title.as_deref(), Some("Red"));
        assert!(first.blocks().iter().all(|b| b.boundary == Boundary::Soft));
        let (inside, title) = layout("Notes.\nRed\nTerror followed.");
        assert_eq!(title, None);
        assert!(inside
            .blocks()
            .iter()
            .all(|b| b.kind == BlockKind::Paragraph));
        let (alone, title) = layout("Stalin’s NEP\n");
        assert_eq!(title, None);
        assert_eq!(alone.blocks()[0].kind, BlockKind::Paragraph);
    }
}
