//! The plain-text reader: the decoded file is the text, and its blocks are
//! guessed from the lines (`text::segment`'s block finder: blank lines,
//! short lines taken for headings, list lines, bullets run on inside a
//! line). A guess can be wrong (`Red` ⏎ `Terror` is no heading), so these
//! boundaries are soft: a term may run over them. Emphasis markers
//! around words (`_Pravda_`, `**the Right**`: `text/emphasis.rs`,
//! matching rule 8) are hidden, and the words they wrap are marked as in
//! Markdown; nothing else is hidden.
//!
//! Key-dates tables are the exception. Two or more lines in a row that
//! each start with a short first column (at most [`MAX_FIRST_CELL`]
//! bytes) followed by a column gap, a tab or two or more spaces, are a
//! table, and each column of each line a cell (with a space gap the first
//! column must hold a digit: `1927       War Scare`). An indented line
//! right after a row goes on with its last cell. Cells meet at hard
//! boundaries: no term runs from `1927` into `War Scare`.

use std::ops::Range;

use super::{Block, BlockKind, Boundary, Extracted, Layout, Mark, MarkKind, SourcePlace};
use crate::text::{decode, emphasised, plain_blocks, trim, PlainKind};

/// The longest first column of a key-dates table row, in bytes.
const MAX_FIRST_CELL: usize = 40;

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
    let tables = tables(text);
    let found = plain_blocks(text);
    let last = found.len().saturating_sub(1);
    let mut blocks: Vec<Block> = Vec::with_capacity(found.len());
    for (i, block) in found.into_iter().enumerate() {
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
        let block = Block {
            start: block.range.start,
            end: block.range.end,
            kind,
            quote: 0,
            source: SourcePlace::Line(block.line),
            boundary: Boundary::Soft,
        };
        if tables.is_empty() {
            blocks.push(block);
        } else {
            outside_tables(text, &block, &tables, &mut blocks);
        }
    }
    if !tables.is_empty() {
        add_cells(text, &tables, &mut blocks);
    }
    let title = blocks
        .first()
        .filter(|b| b.kind == BlockKind::Heading { level: 1 })
        .map(|b| text[b.range()].to_string());
    let (hidden, marks) = emphasis_markup(text);
    (Layout::new(text, blocks, hidden, marks), title)
}

/// The emphasis markers of plain `text`, hidden, and the marks of the
/// stretches they wrap.
fn emphasis_markup(text: &str) -> (Vec<Range<usize>>, Vec<Mark>) {
    let found = emphasised(text);
    let mut hidden: Vec<Range<usize>> = found
        .iter()
        .flat_map(|e| [e.open.clone(), e.close.clone()])
        .collect();
    hidden.sort_by_key(|r| r.start);
    let mut marks: Vec<Mark> = found
        .into_iter()
        .map(|e| Mark {
            kind: if e.is_strong() {
                MarkKind::Strong
            } else {
                MarkKind::Emphasis
            },
            range: e.open.start..e.close.end,
        })
        .collect();
    marks.sort_by_key(|m| m.range.start);
    (hidden, marks)
}

/// A key-dates table: the byte range of its lines, and its rows' cells.
#[derive(Debug)]
struct Table {
    range: Range<usize>,
    rows: Vec<Vec<Range<usize>>>,
}

/// The key-dates tables of `text` (see the module documentation).
///
/// Only the lines with a column gap are looked at, found by a search for
/// tabs and double spaces, which prose has few of: the rest of the text
/// costs one fast search.
fn tables(text: &str) -> Vec<Table> {
    let bytes = text.as_bytes();
    let tabs = memchr::memchr_iter(b'\t', bytes);
    let spaces = memchr::memmem::find_iter(bytes, b"  ");
    let mut gaps: Vec<usize> = tabs.chain(spaces).collect();
    if gaps.is_empty() {
        return Vec::new();
    }
    gaps.sort_unstable();
    let mut rows: Vec<(Range<usize>, Vec<Range<usize>>)> = Vec::new();
    for gap in gaps {
        let start = memchr::memrchr(b'\n', &bytes[..gap]).map_or(0, |i| i + 1);
        if rows.last().is_some_and(|(line, _)| line.start == start) {
            continue;
        }
        let end = memchr::memchr(b'\n', &bytes[gap..]).map_or(bytes.len(), |i| gap + i);
        if let Some(cells) = row_cells(text, start..end) {
            rows.push((start..end, cells));
        }
    }
    let mut tables: Vec<Table> = Vec::new();
    let mut open: Option<Table> = None;
    for (line, cells) in rows {
        if let Some(table) = &mut open {
            let between = &text[table.range.end..line.start];
            if continues(between) {
                // Indented lines between the rows go on with the last cell.
                let reach = table.range.end + between.trim_end().len();
                if let Some(cell) = table.rows.last_mut().and_then(|r| r.last_mut()) {
                    cell.end = cell.end.max(reach);
                }
                table.range.end = line.end;
                table.rows.push(cells);
                continue;
            }
        }
        if let Some(table) = open.take() {
            tables.extend(finished(text, table));
        }
        open = Some(Table {
            range: line,
            rows: vec![cells],
        });
    }
    tables.extend(open.and_then(|table| finished(text, table)));
    tables
}

/// `table`, with the indented lines after its last row, if it has two
/// rows or more.
fn finished(text: &str, mut table: Table) -> Option<Table> {
    let mut lines = text[table.range.end..].split_inclusive('\n');
    // The last row's own line break, then the lines after it.
    let mut at = table.range.end + lines.next().map_or(0, str::len);
    let mut reach = table.range.end;
    for line in lines {
        if !is_continuation(line) {
            break;
        }
        at += line.len();
        reach = at;
    }
    if reach > table.range.end {
        let end = trim(text, table.range.end..reach).end;
        if let Some(cell) = table.rows.last_mut().and_then(|r| r.last_mut()) {
            cell.end = end;
        }
        table.range.end = end;
    }
    (table.rows.len() >= 2).then_some(table)
}

/// Is `between`, the text from the end of one row to the start of the
/// next, only the line break and indented lines?
fn continues(between: &str) -> bool {
    let Some(lines) = between.strip_prefix('\n').or(between.strip_prefix("\r\n")) else {
        return false;
    };
    lines.split_inclusive('\n').all(is_continuation)
}

/// An indented line that is not blank.
fn is_continuation(line: &str) -> bool {
    line.starts_with([' ', '\t']) && !line.trim().is_empty()
}

/// The cells of `line`, if it is a row of a key-dates table.
fn row_cells(text: &str, line: Range<usize>) -> Option<Vec<Range<usize>>> {
    let bytes = &text.as_bytes()[line.clone()];
    if bytes.first().is_none_or(u8::is_ascii_whitespace) {
        return None;
    }
    let mut cells = Vec::new();
    let mut start = 0;
    let mut at = 0;
    let mut first_gap_has_tab = false;
    while at < bytes.len() {
        let gap_len = bytes[at..]
            .iter()
            .take_while(|&&b| b == b' ' || b == b'\t')
            .count();
        let is_gap = gap_len >= 2 || bytes[at] == b'\t';
        if is_gap && at > start {
            if cells.is_empty() {
                first_gap_has_tab = bytes[at..at + gap_len].contains(&b'\t');
            }
            cells.push(line.start + start..line.start + at);
            start = at + gap_len;
        }
        at += gap_len.max(1);
    }
    let last = trim(text, line.start + start..line.end);
    if !last.is_empty() {
        cells.push(last);
    }
    let first = cells.first()?.clone();
    let first_ok = first.len() <= MAX_FIRST_CELL
        && (first_gap_has_tab || text[first].bytes().any(|b| b.is_ascii_digit()));
    (cells.len() >= 2 && first_ok).then_some(cells)
}

/// Adds to `blocks` the parts of `block` outside the `tables`, trimmed.
fn outside_tables(text: &str, block: &Block, tables: &[Table], blocks: &mut Vec<Block>) {
    let mut start = block.start;
    let first = tables.partition_point(|t| t.range.end <= block.start);
    for table in tables[first..]
        .iter()
        .take_while(|t| t.range.start < block.end)
    {
        push_piece(text, block, start..table.range.start, blocks);
        start = start.max(table.range.end);
    }
    push_piece(text, block, start..block.end, blocks);
}

/// Adds the part `range` of `block`, trimmed, if it is not empty.
fn push_piece(text: &str, block: &Block, range: Range<usize>, blocks: &mut Vec<Block>) {
    if range.start >= range.end {
        return;
    }
    let range = trim(text, range);
    if range.is_empty() {
        return;
    }
    let SourcePlace::Line(line) = block.source else {
        return;
    };
    let line = line + count_lines(&text[block.start..range.start]);
    blocks.push(Block {
        start: range.start,
        end: range.end,
        source: SourcePlace::Line(line),
        ..block.clone()
    });
}

fn count_lines(text: &str) -> u32 {
    u32::try_from(memchr::memchr_iter(b'\n', text.as_bytes()).count()).unwrap_or(u32::MAX)
}

/// Adds the cells of the `tables` to `blocks` (which are sorted and lie
/// outside them), keeping them sorted; a table starts hard, and so does
/// the block after it.
fn add_cells(text: &str, tables: &[Table], blocks: &mut Vec<Block>) {
    let mut cells = Vec::new();
    for (number, table) in tables.iter().enumerate() {
        let mut line = 1 + count_lines(&text[..table.range.start]);
        let mut counted = table.range.start;
        for (row, columns) in table.rows.iter().enumerate() {
            if let Some(first) = columns.first() {
                line += count_lines(&text[counted..first.start]);
                counted = first.start;
            }
            for (column, cell) in columns.iter().enumerate() {
                cells.push(Block {
                    start: cell.start,
                    end: cell.end,
                    kind: BlockKind::Cell {
                        table: u32::try_from(number).unwrap_or(u32::MAX),
                        row: u32::try_from(row).unwrap_or(u32::MAX),
                        column: u32::try_from(column).unwrap_or(u32::MAX),
                        header: false,
                    },
                    quote: 0,
                    source: SourcePlace::Line(line),
                    boundary: Boundary::Hard,
                });
            }
        }
    }
    blocks.extend(cells);
    blocks.sort_by_key(|b| b.start);
    for i in 1..blocks.len() {
        if matches!(blocks[i - 1].kind, BlockKind::Cell { .. }) {
            blocks[i].boundary = Boundary::Hard;
        }
    }
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
    fn emphasis_markers_are_hidden_and_marked() {
        let text = "a former _Menshevik_ read **Pravda**; snake_case";
        let (found, _) = layout(text);
        assert_eq!(
            found.masked(text),
            "a former  Menshevik  read   Pravda  ; snake_case"
        );
        let marks: Vec<(&str, &MarkKind)> = found
            .marks()
            .iter()
            .map(|m| (&text[m.range.clone()], &m.kind))
            .collect();
        assert_eq!(
            marks,
            [
                ("_Menshevik_", &MarkKind::Emphasis),
                ("**Pravda**", &MarkKind::Strong)
            ]
        );
    }

    #[test]
    fn key_dates_columns_are_table_cells() {
        let text = "Key dates\n\n1917      February Revolution\n\
                    1927      War Scare; the Fifteenth\n          Party Congress\n\
                    1924\tLenin dies\n\nThen prose.  Two spaces.\n";
        let (found, _) = layout(text);
        let got: Vec<(&str, BlockKind, Boundary, SourcePlace)> = found
            .blocks()
            .iter()
            .map(|b| (&text[b.range()], b.kind, b.boundary, b.source))
            .collect();
        let cell = |row, column| BlockKind::Cell {
            table: 0,
            row,
            column,
            header: false,
        };
        let hard = Boundary::Hard;
        assert_eq!(
            got,
            [
                (
                    "Key dates",
                    BlockKind::Heading { level: 1 },
                    Boundary::Soft,
                    SourcePlace::Line(1)
                ),
                ("1917", cell(0, 0), hard, SourcePlace::Line(3)),
                (
                    "February Revolution",
                    cell(0, 1),
                    hard,
                    SourcePlace::Line(3)
                ),
                ("1927", cell(1, 0), hard, SourcePlace::Line(4)),
                (
                    "War Scare; the Fifteenth\n          Party Congress",
                    cell(1, 1),
                    hard,
                    SourcePlace::Line(4)
                ),
                ("1924", cell(2, 0), hard, SourcePlace::Line(6)),
                ("Lenin dies", cell(2, 1), hard, SourcePlace::Line(6)),
                (
                    "Then prose.  Two spaces.",
                    BlockKind::Paragraph,
                    hard,
                    SourcePlace::Line(8)
                ),
            ]
        );
    }

    #[test]
    fn one_row_or_prose_with_gaps_is_no_table() {
        for text in [
            "1917      February Revolution\n\nThen more.",
            "He left.  Then she came.\nIt rained.  All day.",
            "  indented  text\n  more  text",
        ] {
            let (found, _) = layout(text);
            assert!(
                found
                    .blocks()
                    .iter()
                    .all(|b| !matches!(b.kind, BlockKind::Cell { .. })),
                "{text:?}"
            );
        }
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
