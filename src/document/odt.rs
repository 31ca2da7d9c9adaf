//! The OpenDocument text reader (`.odt`): `content.xml` read with
//! quick-xml, out of the zip container (`office`).
//!
//! `text:h` is a heading (its `text:outline-level`), `text:p` a paragraph,
//! a paragraph inside `text:list-item` an item (nested lists give the
//! depth), inside `table:table-cell` a cell (a cell's paragraphs are one
//! block). Spans (`text:span`) are joined, so a word split over them is
//! one word again; `text:s` is spaces, `text:tab` a tab, `text:line-break`
//! a line break; links (`text:a`) are marks. Tracked changes: the deleted
//! text, kept apart in `text:tracked-changes`, is dropped; the inserted
//! text is in place and read. Footnotes and endnotes (`text:note`) follow
//! the body as paragraphs; comments are skipped. The title is the
//! document's (`meta.xml`), else the first heading.

use super::builder::TextBuilder;
use super::docx::element_text;
use super::office::Container;
use super::xml::{attribute, tag_name, Item, Items};
use super::{BlockKind, Extracted, Layout, MarkKind};

/// Reads a `.odt` file.
pub(super) fn read(bytes: Vec<u8>) -> Result<Extracted, String> {
    let mut zip = Container::open(bytes, "an OpenDocument text (.odt)")?;
    let Some(content) = zip.part("content.xml")? else {
        return Err("not an OpenDocument text (.odt): it has no content.xml".into());
    };
    let mut out = TextBuilder::default();
    let mut notes = Vec::new();
    read_body(&content, &mut out, &mut notes)?;
    let mut para = out.blocks.last().map_or(0, |_| u32::MAX / 2);
    for note in notes {
        para = para.saturating_add(1);
        out.start(BlockKind::Paragraph, para);
        out.push(&note, para);
    }
    out.end();
    let title = match zip.part("meta.xml")? {
        Some(meta) => element_text(&meta, "dc:title")?,
        None => None,
    }
    .or(out.first_heading.take());
    let layout = Layout::new(&out.text, out.blocks, Vec::new(), out.marks);
    Ok(Extracted {
        text: out.text,
        title,
        layout,
        warning: None,
    })
}

/// Reads `content.xml` into `out`, and the text of its notes into `notes`.
fn read_body(xml: &str, out: &mut TextBuilder, notes: &mut Vec<String>) -> Result<(), String> {
    let mut items = Items::new(xml, "content.xml");
    let mut para = 0u32;
    let mut lists = 0u8;
    let mut in_item = false;
    let mut tables: Vec<(u32, u32, u32, bool)> = Vec::new();
    let mut table_count = 0u32;
    // The note being read, if any: its text.
    let mut note: Option<String> = None;
    let mut note_depth = 0usize;
    let mut depth = 0usize;
    // How many paragraphs (`text:p`, `text:h`) enclose the text read now.
    let mut in_para = 0usize;
    while let Some(item) = items.next_item()? {
        match item {
            Item::Open { tag, empty } => {
                let name = tag_name(&tag);
                if !empty {
                    depth += 1;
                }
                match name {
                    "text:tracked-changes" | "office:annotation" | "text:note-citation"
                        if !empty =>
                    {
                        items.skip()?;
                        depth -= 1;
                    }
                    "text:note" if note.is_none() && !empty => {
                        note = Some(String::new());
                        note_depth = depth;
                    }
                    _ if note.is_some() => {
                        let text = note.as_mut().expect("a note is open");
                        match name {
                            "text:p" if !text.is_empty() => text.push(' '),
                            "text:s" => text.push(' '),
                            "text:tab" => text.push('\t'),
                            _ => {}
                        }
                    }
                    "text:h" | "text:p" => {
                        para += 1;
                        if !empty {
                            in_para += 1;
                        }
                        let kind = match tables.last() {
                            Some(&(table, row, column, _)) => BlockKind::Cell {
                                table,
                                row,
                                column,
                                header: false,
                            },
                            None if name == "text:h" => BlockKind::Heading {
                                level: attribute(&tag, "text:outline-level")
                                    .and_then(|l| l.parse::<u8>().ok())
                                    .unwrap_or(1)
                                    .clamp(1, 6),
                            },
                            None if in_item => BlockKind::Item {
                                ordered: false,
                                depth: lists.max(1),
                            },
                            None => BlockKind::Paragraph,
                        };
                        match tables.last_mut() {
                            Some(cell) if cell.3 => out.push("\n", para),
                            Some(cell) => {
                                out.start(kind, para);
                                cell.3 = true;
                            }
                            None => out.start(kind, para),
                        }
                    }
                    "text:list" => lists = lists.saturating_add(1),
                    "text:list-item" => in_item = true,
                    "table:table" => {
                        out.end();
                        tables.push((table_count, 0, 0, false));
                        table_count += 1;
                    }
                    "table:table-cell" | "table:covered-table-cell" => {
                        if let Some(cell) = tables.last_mut() {
                            cell.3 = false;
                        }
                        if empty {
                            if let Some(cell) = tables.last_mut() {
                                cell.2 += 1;
                            }
                        }
                    }
                    "text:a" => {
                        let href = attribute(&tag, "xlink:href").unwrap_or_default();
                        out.open_mark(MarkKind::Link(href));
                        if empty {
                            out.close_mark();
                        }
                    }
                    "text:s" => {
                        let count = attribute(&tag, "text:c")
                            .and_then(|c| c.parse::<usize>().ok())
                            .unwrap_or(1)
                            .min(1000);
                        out.push(&" ".repeat(count), para);
                    }
                    "text:tab" => out.push("\t", para),
                    "text:line-break" => out.push("\n", para),
                    _ => {}
                }
            }
            Item::Close(name) => {
                if note.is_some() && depth == note_depth && name.as_str() == "text:note" {
                    notes.extend(note.take().map(|n| n.trim().to_string()));
                } else if note.is_none() {
                    match name.as_str() {
                        "text:h" | "text:p" => {
                            in_para = in_para.saturating_sub(1);
                            if tables.is_empty() {
                                out.end();
                            }
                        }
                        "text:list" => lists = lists.saturating_sub(1),
                        "text:list-item" => in_item = lists > 1,
                        "text:a" => out.close_mark(),
                        "table:table-cell" | "table:covered-table-cell" => {
                            out.end();
                            if let Some(cell) = tables.last_mut() {
                                cell.2 += 1;
                            }
                        }
                        "table:table-row" => {
                            if let Some(cell) = tables.last_mut() {
                                (cell.1, cell.2) = (cell.1 + 1, 0);
                            }
                        }
                        "table:table" => {
                            out.end();
                            tables.pop();
                        }
                        _ => {}
                    }
                }
                depth = depth.saturating_sub(1);
            }
            Item::Text(text) => match note.as_mut() {
                Some(note) => note.push_str(&text),
                None if in_para > 0 => out.push(&text, para),
                None => {}
            },
        }
    }
    Ok(())
}
