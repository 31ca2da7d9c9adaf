//! The Word reader (`.docx`, Office Open XML): `word/document.xml` read
//! with quick-xml, out of the zip container (`office`).
//!
//! Each paragraph is a block: a heading when its style is `Title` or
//! `HeadingN`, a list item when it is numbered (`w:numPr`; its level is the
//! depth), a cell inside a table (a cell's paragraphs are one block). The
//! runs of a paragraph are joined, so a word split over runs (`Sta` in one,
//! `lin` in the next: spell checking and tracked edits do that) is one
//! word again. Of tracked changes the accepted text is read: insertions
//! (`w:ins`) are kept, deletions (`w:del`) dropped. Bold, italics,
//! strikethrough and hyperlinks are marks. Field codes, and the fallback
//! copies of drawings, are skipped. Footnotes (`word/footnotes.xml`)
//! follow the body as paragraphs. The title is the document's
//! (`docProps/core.xml`), else the first heading.

use std::collections::HashMap;

use super::builder::TextBuilder;
use super::office::Container;
use super::xml::{attribute, tag_name, Item, Items};
use super::{BlockKind, Extracted, Layout, MarkKind};

/// Reads a `.docx` file.
pub(super) fn read(bytes: Vec<u8>) -> Result<Extracted, String> {
    let mut zip = Container::open(bytes, "a Word document (.docx)")?;
    let Some(body) = zip.part("word/document.xml")? else {
        return Err("not a Word document (.docx): it has no word/document.xml".into());
    };
    let links = match zip.part("word/_rels/document.xml.rels")? {
        Some(rels) => relationships(&rels)?,
        None => HashMap::new(),
    };
    let mut doc = Reader {
        out: TextBuilder::default(),
        links,
        para: 0,
        tables: Vec::new(),
        table_count: 0,
        pending: None,
        cell_open: false,
        run_marks: Vec::new(),
        opened_marks: 0,
        in_text: false,
    };
    doc.read(&body, "word/document.xml")?;
    if let Some(notes) = zip.part("word/footnotes.xml")? {
        doc.read(&notes, "word/footnotes.xml")?;
    }
    doc.out.end();
    let title = match zip.part("docProps/core.xml")? {
        Some(core) => element_text(&core, "dc:title")?,
        None => None,
    }
    .or(doc.out.first_heading.take());
    let out = doc.out;
    let layout = Layout::new(&out.text, out.blocks, Vec::new(), out.marks);
    Ok(Extracted {
        text: out.text,
        title,
        layout,
        warning: None,
    })
}

/// The text of the first `name` element of `xml`, trimmed, if not empty.
pub(super) fn element_text(xml: &str, name: &str) -> Result<Option<String>, String> {
    let mut items = Items::new(xml, "metadata");
    let mut inside = false;
    let mut text = String::new();
    while let Some(item) = items.next_item()? {
        match item {
            Item::Open { tag, empty: false } if tag_name(&tag) == name => inside = true,
            Item::Close(tag) if inside && tag == name => break,
            Item::Text(t) if inside => text.push_str(&t),
            _ => {}
        }
    }
    let text = text.trim();
    Ok((!text.is_empty()).then(|| text.to_string()))
}

/// The targets of the relationships of `word/document.xml`, by id.
fn relationships(xml: &str) -> Result<HashMap<String, String>, String> {
    let mut items = Items::new(xml, "word/_rels/document.xml.rels");
    let mut links = HashMap::new();
    while let Some(item) = items.next_item()? {
        if let Item::Open { tag, .. } = item {
            if tag_name(&tag) == "Relationship" {
                if let (Some(id), Some(target)) = (attribute(&tag, "Id"), attribute(&tag, "Target"))
                {
                    links.insert(id, target);
                }
            }
        }
    }
    Ok(links)
}

/// The state of reading one part.
struct Reader {
    out: TextBuilder,
    links: HashMap<String, String>,
    /// Paragraphs so far, counted from 1.
    para: u32,
    /// The tables open (innermost last): number, row, column.
    tables: Vec<(u32, u32, u32)>,
    table_count: u32,
    /// The kind of the paragraph being read, until its first text.
    pending: Option<BlockKind>,
    /// Has the open cell a block already?
    cell_open: bool,
    /// The marks of the run being read, and how many are open.
    run_marks: Vec<MarkKind>,
    opened_marks: usize,
    /// Inside a `w:t`, where the text is?
    in_text: bool,
}

impl Reader {
    fn read(&mut self, xml: &str, part: &str) -> Result<(), String> {
        let mut items = Items::new(xml, part);
        while let Some(item) = items.next_item()? {
            match item {
                Item::Open { tag, empty } => {
                    let name = tag_name(&tag);
                    match name {
                        // Deleted text, field codes, drawing fallbacks,
                        // the separators of footnotes: not text.
                        "w:del" | "w:instrText" | "mc:Fallback" | "w:delText" if !empty => {
                            items.skip()?;
                        }
                        "w:footnote" if !empty && is_separator(&tag) => items.skip()?,
                        "w:p" => {
                            self.para += 1;
                            self.pending = Some(self.cell_kind().unwrap_or(BlockKind::Paragraph));
                            if self.cell_kind().is_none() {
                                self.out.end();
                            }
                        }
                        "w:pStyle" => {
                            let style = attribute(&tag, "w:val").unwrap_or_default();
                            if let Some(level) = heading_level(&style) {
                                if self.cell_kind().is_none() {
                                    self.pending = Some(BlockKind::Heading { level });
                                }
                            }
                        }
                        "w:ilvl" if self.cell_kind().is_none() => {
                            let level: u8 = attribute(&tag, "w:val")
                                .and_then(|v| v.parse().ok())
                                .unwrap_or(0);
                            self.pending = Some(BlockKind::Item {
                                ordered: false,
                                depth: level.saturating_add(1),
                            });
                        }
                        "w:tbl" => {
                            self.out.end();
                            self.tables.push((self.table_count, 0, 0));
                            self.table_count += 1;
                        }
                        "w:tc" => self.cell_open = false,
                        "w:r" => {
                            self.run_marks.clear();
                            self.opened_marks = 0;
                        }
                        "w:b" | "w:i" | "w:strike" | "w:dstrike" => {
                            let off =
                                attribute(&tag, "w:val").is_some_and(|v| v == "0" || v == "false");
                            if !off {
                                self.run_marks.push(match name {
                                    "w:b" => MarkKind::Strong,
                                    "w:i" => MarkKind::Emphasis,
                                    _ => MarkKind::Strikethrough,
                                });
                            }
                        }
                        "w:hyperlink" => {
                            let href = attribute(&tag, "r:id")
                                .and_then(|id| self.links.get(&id).cloned())
                                .or_else(|| attribute(&tag, "w:anchor").map(|a| format!("#{a}")))
                                .unwrap_or_default();
                            self.text("");
                            self.out.open_mark(MarkKind::Link(href));
                            if empty {
                                self.out.close_mark();
                            }
                        }
                        "w:t" => self.in_text = !empty,
                        "w:tab" => self.text("\t"),
                        "w:br" | "w:cr" => self.text("\n"),
                        "w:noBreakHyphen" => self.text("-"),
                        _ => {}
                    }
                }
                Item::Close(name) => match name.as_str() {
                    "w:t" => self.in_text = false,
                    "w:r" => {
                        for _ in 0..self.opened_marks {
                            self.out.close_mark();
                        }
                        self.opened_marks = 0;
                    }
                    "w:hyperlink" => self.out.close_mark(),
                    "w:tc" => {
                        self.out.end();
                        if let Some(table) = self.tables.last_mut() {
                            table.2 += 1;
                        }
                    }
                    "w:tr" => {
                        if let Some(table) = self.tables.last_mut() {
                            (table.1, table.2) = (table.1 + 1, 0);
                        }
                    }
                    "w:tbl" => {
                        self.out.end();
                        self.tables.pop();
                    }
                    _ => {}
                },
                Item::Text(text) if self.in_text => self.text(&text),
                Item::Text(_) => {}
            }
        }
        Ok(())
    }

    /// The kind of a block in the cell being read, if in a table.
    fn cell_kind(&self) -> Option<BlockKind> {
        self.tables
            .last()
            .map(|&(table, row, column)| BlockKind::Cell {
                table,
                row,
                column,
                header: false,
            })
    }

    /// Adds text to the paragraph being read, starting its block (or,
    /// inside a cell that has one, a new line of it) at its first text,
    /// and the run's marks at the run's first text.
    fn text(&mut self, text: &str) {
        if let Some(kind) = self.pending.take() {
            if matches!(kind, BlockKind::Cell { .. }) && self.cell_open {
                self.out.push("\n", self.para);
            } else {
                self.out.start(kind, self.para);
                self.cell_open = matches!(kind, BlockKind::Cell { .. });
            }
        }
        if text.is_empty() {
            return;
        }
        while self.opened_marks < self.run_marks.len() {
            self.out
                .open_mark(self.run_marks[self.opened_marks].clone());
            self.opened_marks += 1;
        }
        self.out.push(text, self.para);
    }
}

/// Is this `w:footnote` one of the separators Word keeps among the notes
/// (ids -1 and 0)?
fn is_separator(tag: &quick_xml::events::BytesStart) -> bool {
    let id = attribute(tag, "w:id").unwrap_or_default();
    id.starts_with('-') || id == "0"
}

/// The level of a heading style: `Title` 1, `Heading2` (or `heading 2`) 2.
fn heading_level(style: &str) -> Option<u8> {
    let lower = style.to_ascii_lowercase();
    if lower == "title" {
        return Some(1);
    }
    let level: u8 = lower.strip_prefix("heading")?.trim().parse().ok()?;
    Some(level.clamp(1, 6))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_styles_have_levels() {
        assert_eq!(heading_level("Title"), Some(1));
        assert_eq!(heading_level("Heading2"), Some(2));
        assert_eq!(heading_level("heading 3"), Some(3));
        assert_eq!(heading_level("Normal"), None);
        assert_eq!(heading_level("HeadingX"), None);
    }
}
