//! From lines to blocks: paragraphs by the page's usual line pitch and
//! font size, headings by size against the body's, table rows by column
//! gaps, words hyphenated at a line end joined, every block on its page.
//!
//! Gets the lines `lines.rs` collected, less those `running.rs` dropped,
//! and writes them into the document's [`TextBuilder`].

use super::{Line, HEADING_RATIO, PARAGRAPH_GAP};
use crate::document::builder::TextBuilder;
use crate::document::{BlockKind, SourcePlace};

/// Writes the lines of `pages` into `out` as blocks: paragraphs, headings
/// and tables, each on its page.
pub(super) fn write(out: &mut TextBuilder, pages: Vec<Vec<Line>>) {
    let body = body_size(&pages);
    let mut tables = 0u32;
    for (number, page) in (1u32..).zip(pages) {
        let place = SourcePlace::Page(number);
        let pitch = usual_pitch(&page);
        let mut before: Option<&Line> = None;
        let mut row = 0u32;
        for line in &page {
            let is_row = line.cells.len() > 1;
            let new_block = match before {
                None => true,
                Some(last) => {
                    let dy = last.y - line.y;
                    let ratio = line.size / last.size;
                    is_row
                        || last.cells.len() > 1
                        || dy <= 0.0
                        || dy > pitch * PARAGRAPH_GAP
                        || !(1.0 / 1.1..=1.1).contains(&ratio)
                }
            };
            if is_row {
                let table_goes_on = before.is_some_and(|last| {
                    last.cells.len() > 1 && last.y - line.y <= pitch * PARAGRAPH_GAP
                });
                if table_goes_on {
                    row += 1;
                } else {
                    out.end();
                    tables += 1;
                    row = 0;
                }
                for (column, cell) in (0u32..).zip(&line.cells) {
                    let kind = BlockKind::Cell {
                        table: tables - 1,
                        row,
                        column,
                        header: false,
                    };
                    out.start_at(kind, place);
                    out.push(cell.trim(), number);
                }
            } else if new_block {
                let kind = heading_level(line.size, body)
                    .map_or(BlockKind::Paragraph, |level| BlockKind::Heading { level });
                out.start_at(kind, place);
                out.push(line.cells[0].trim(), number);
            } else {
                join_line(out, line.cells[0].trim(), number);
            }
            before = Some(line);
        }
        out.end();
    }
}

/// Adds the next line of a paragraph: a word hyphenated at the line end is
/// joined (see the module's doc), else a space comes between the lines.
fn join_line(out: &mut TextBuilder, line: &str, para: u32) {
    let next = line.chars().next();
    let mut end = out.text.chars().rev();
    let (last, before) = (end.next(), end.next());
    match (before, last, next) {
        (_, Some('\u{ad}'), _) => {
            out.text.pop();
        }
        (Some(b), Some('-'), Some(n)) if b.is_alphabetic() && n.is_lowercase() => {
            out.text.pop();
        }
        (Some(b), Some('-'), Some(n)) if b.is_alphabetic() && n.is_alphanumeric() => {}
        _ => out.push_space(" "),
    }
    out.push(line, para);
}

/// The font size most characters are in (to half a point).
pub(super) fn body_size(pages: &[Vec<Line>]) -> f64 {
    let mut counts: Vec<(i64, usize)> = Vec::new();
    for line in pages.iter().flatten() {
        let key = (line.size * 2.0).round() as i64;
        let chars: usize = line.cells.iter().map(|c| c.chars().count()).sum();
        match counts.iter_mut().find(|(k, _)| *k == key) {
            Some((_, n)) => *n += chars,
            None => counts.push((key, chars)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(key, n)| (n, -key))
        .map_or(0.0, |(key, _)| key as f64 / 2.0)
}

/// The heading level of a line in a font of `size` when the body's is
/// `body`, if it is a heading.
fn heading_level(size: f64, body: f64) -> Option<u8> {
    match size / body {
        r if r >= 1.4 => Some(1),
        r if r >= HEADING_RATIO => Some(2),
        _ => None,
    }
}

/// The distance from one baseline to the next most lines of a page have
/// (the median of the steps down), or, on a page of one line, its size
/// and a fifth.
fn usual_pitch(page: &[Line]) -> f64 {
    let mut steps: Vec<f64> = page
        .windows(2)
        .map(|w| w[0].y - w[1].y)
        .filter(|&dy| dy > 0.0)
        .collect();
    if steps.is_empty() {
        return page.first().map_or(1.0, |line| line.size * 1.2);
    }
    steps.sort_by(f64::total_cmp);
    steps[steps.len() / 2]
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::pdf::tests::{line, text_of};

    #[test]
    fn hyphens_at_line_ends_join_words_and_keep_compounds() {
        let page = vec![
            line(700.0, 11.0, "In 1928 Stalin broke with Bukha-"),
            line(686.0, 11.0, "rin; the First Five-"),
            line(672.0, 11.0, "Year Plan and a dash -"),
            line(658.0, 11.0, "then more."),
        ];
        let (text, blocks) = text_of(vec![page]);
        assert_eq!(
            text,
            "In 1928 Stalin broke with Bukharin; the First Five-Year Plan and a dash - then more."
        );
        assert_eq!(blocks.len(), 1);
    }

    #[test]
    fn gaps_sizes_and_columns_make_blocks() {
        let (text, blocks) = text_of(vec![vec![
            line(800.0, 18.0, "Collectivisation"),
            line(760.0, 11.0, "The kulaks"),
            line(746.0, 11.0, "resisted."),
            line(700.0, 11.0, "1929\tCollectivisation"),
            line(686.0, 11.0, "1934\tKirov"),
        ]]);
        assert_eq!(
            text,
            "Collectivisation\n\nThe kulaks resisted.\n\n1929\tCollectivisation\n1934\tKirov"
        );
        assert_eq!(blocks[0].kind, BlockKind::Heading { level: 1 });
        assert_eq!(blocks[1].kind, BlockKind::Paragraph);
        assert!(matches!(
            blocks[5].kind,
            BlockKind::Cell {
                row: 1,
                column: 1,
                ..
            }
        ));
    }
}
