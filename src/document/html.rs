//! The HTML reader (`.html`, `.htm`): the file decoded as text
//! (`text::decode`), parsed by html5ever as a browser would (implied end
//! tags, misnested markup; through scraper's tree), and its visible text
//! extracted with the shared builder.
//!
//! `h1`-`h6` are headings, `li` list items (ordered in an `ol`, nested
//! lists give the depth), `td` and `th` table cells (a cell's paragraphs
//! are one block), `pre` code, `blockquote` a quote level; text in any
//! other block element (`p`, `div`, `section`, …) is a paragraph. White
//! space is collapsed as a browser shows it, except in `pre`. `script`,
//! `style`, `template`, `noscript`, embedded SVG and MathML, form
//! controls, and elements marked `hidden` are skipped; of the `head` only
//! the `title` is read, and it is the document's title, else the first
//! heading. `strong`/`b`, `em`/`i`/`cite`, `s`/`del` and links are marks;
//! inline `code` is a mark and, like `pre`, never annotated.

use std::ops::Range;

use ego_tree::iter::Edge;
use scraper::{Html, Node};

use super::builder::TextBuilder;
use super::{BlockKind, Extracted, Layout, MarkKind};
use crate::text::decode;

/// Reads an HTML file.
pub(super) fn read(bytes: Vec<u8>) -> Result<Extracted, String> {
    let decoded = decode(bytes).map_err(|err| err.to_string())?;
    let html = Html::parse_document(&decoded.text);
    let mut reader = Reader::default();
    let mut skip: Option<ego_tree::NodeId> = None;
    for edge in html.tree.root().traverse() {
        match edge {
            Edge::Open(node) if skip.is_none() => match node.value() {
                Node::Element(element) => {
                    let name = element.name();
                    if SKIPPED.contains(&name) || element.attr("hidden").is_some() {
                        skip = Some(node.id());
                    } else {
                        reader.open(name, element.attr("href"));
                    }
                }
                Node::Text(text) => reader.text(&text.text),
                _ => {}
            },
            Edge::Close(node) => match node.value() {
                Node::Element(_) if skip == Some(node.id()) => skip = None,
                Node::Element(element) if skip.is_none() => reader.close(element.name()),
                _ => {}
            },
            Edge::Open(_) => {}
        }
    }
    let mut out = reader.out;
    out.end();
    let title = reader
        .title
        .map(|t| collapse(&t))
        .filter(|t| !t.is_empty())
        .or(out.first_heading.take());
    let hidden = code_ranges(&out);
    let layout = Layout::new(&out.text, out.blocks, hidden, out.marks);
    Ok(Extracted {
        text: out.text,
        title,
        layout,
        warning: decoded.warning,
    })
}

/// Elements whose content is not shown as text.
const SKIPPED: &[&str] = &[
    "script", "style", "template", "noscript", "svg", "math", "iframe", "object", "canvas",
    "select", "datalist", "textarea", "button",
];

/// Elements that end the text before them and start a new block.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "nav",
    "aside",
    "address",
    "figure",
    "figcaption",
    "details",
    "summary",
    "dl",
    "dt",
    "dd",
    "form",
    "fieldset",
    "legend",
    "caption",
    "center",
    "hgroup",
    "hr",
    "body",
];

/// What white space is waiting to be written before the next text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
enum Pending {
    #[default]
    Nothing,
    Space,
    Newline,
}

/// A table being read: its number, the row (none yet) and the next
/// column, and whether a cell of it is open.
struct Table {
    number: u32,
    row: Option<u32>,
    column: u32,
    in_cell: bool,
}

#[derive(Default)]
struct Reader {
    out: TextBuilder,
    /// The kinds of the blocks open (headings, items, cells, code), the
    /// innermost last; text outside all of them is a paragraph.
    kinds: Vec<BlockKind>,
    /// The lists open: ordered or not.
    lists: Vec<bool>,
    tables: Vec<Table>,
    table_count: u32,
    /// Block elements so far, counted from 1.
    para: u32,
    /// Inside `pre`: white space kept.
    pre: u32,
    /// Inside `head` (whose text is not shown), and inside `title`.
    head: u32,
    in_title: bool,
    title: Option<String>,
    /// The marks open, by element: whether each opened one.
    marks: Vec<bool>,
    space: Pending,
    /// Has the open block any text yet?
    has_text: bool,
    /// A reusable buffer for collapsed text.
    scratch: String,
}

impl Reader {
    fn open(&mut self, name: &str, href: Option<&str>) {
        match name {
            "head" => self.head += 1,
            "title" => self.in_title = self.title.is_none(),
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                let level = name.as_bytes()[1] - b'0';
                self.open_block(Some(BlockKind::Heading { level }));
            }
            "li" => {
                let kind = BlockKind::Item {
                    ordered: self.lists.last().copied().unwrap_or(false),
                    depth: u8::try_from(self.lists.len().max(1)).unwrap_or(u8::MAX),
                };
                self.open_block(Some(kind));
            }
            "ul" | "ol" | "menu" => {
                self.boundary();
                self.lists.push(name == "ol");
            }
            "pre" | "listing" | "xmp" => {
                self.open_block(Some(BlockKind::Code));
                self.pre += 1;
            }
            "blockquote" => {
                self.boundary();
                self.out.quote = self.out.quote.saturating_add(1);
            }
            "table" => {
                self.out.end();
                self.tables.push(Table {
                    number: self.table_count,
                    row: None,
                    column: 0,
                    in_cell: false,
                });
                self.table_count += 1;
            }
            "tr" => {
                self.out.end();
                if let Some(table) = self.tables.last_mut() {
                    table.row = Some(table.row.map_or(0, |r| r + 1));
                    table.column = 0;
                }
            }
            "td" | "th" => {
                self.out.end();
                let Some(table) = self.tables.last_mut() else {
                    return self.kinds.push(BlockKind::Paragraph);
                };
                let row = *table.row.get_or_insert(0);
                table.in_cell = true;
                self.kinds.push(BlockKind::Cell {
                    table: table.number,
                    row,
                    column: table.column,
                    header: name == "th",
                });
                self.para += 1;
            }
            "br" => {
                if self.has_text {
                    self.space = Pending::Newline;
                }
            }
            _ if BLOCKS.contains(&name) => self.boundary(),
            _ => {
                if let Some(kind) = mark(name, href, self.pre > 0) {
                    self.out.open_mark(kind);
                    self.marks.push(true);
                } else if is_mark_element(name) {
                    self.marks.push(false);
                }
            }
        }
    }

    fn close(&mut self, name: &str) {
        match name {
            "head" => self.head = self.head.saturating_sub(1),
            "title" => self.in_title = false,
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "li" => self.close_block(),
            "ul" | "ol" | "menu" => {
                self.boundary();
                self.lists.pop();
            }
            "pre" | "listing" | "xmp" => {
                self.pre = self.pre.saturating_sub(1);
                self.close_block();
            }
            "blockquote" => {
                self.boundary();
                self.out.quote = self.out.quote.saturating_sub(1);
            }
            "table" => {
                self.out.end();
                self.tables.pop();
            }
            "tr" => self.out.end(),
            "td" | "th" => {
                self.out.end();
                self.kinds.pop();
                if let Some(table) = self.tables.last_mut() {
                    table.in_cell = false;
                    table.column += 1;
                }
            }
            _ if BLOCKS.contains(&name) => self.boundary(),
            _ if is_mark_element(name) => self.close_mark(),
            _ => {}
        }
    }

    /// Ends the mark of the element that ends, if it made one.
    fn close_mark(&mut self) {
        if self.marks.pop() == Some(true) {
            self.out.close_mark();
        }
    }

    /// Is the text read now inside a table cell?
    fn in_cell(&self) -> bool {
        self.tables.last().is_some_and(|t| t.in_cell)
    }

    /// A block element starts or ends here: the text before it ends its
    /// block, or, inside a cell (one block), its line.
    fn boundary(&mut self) {
        self.para += 1;
        if self.in_cell() {
            if self.has_text {
                self.space = Pending::Newline;
            }
        } else {
            self.out.end();
            self.has_text = false;
            self.space = Pending::Nothing;
        }
    }

    /// Opens a block element whose text is of `kind` (inside a cell, its
    /// text is the cell's).
    fn open_block(&mut self, kind: Option<BlockKind>) {
        self.boundary();
        if let Some(kind) = kind.filter(|_| !self.in_cell()) {
            self.kinds.push(kind);
        } else {
            self.kinds.push(self.kind());
        }
    }

    fn close_block(&mut self) {
        self.boundary();
        self.kinds.pop();
    }

    /// The kind of a block of the text read now.
    fn kind(&self) -> BlockKind {
        self.kinds.last().copied().unwrap_or(BlockKind::Paragraph)
    }

    fn text(&mut self, text: &str) {
        if self.in_title {
            self.title.get_or_insert_with(String::new).push_str(text);
            return;
        }
        if self.head > 0 {
            return;
        }
        if self.pre > 0 {
            if !text.is_empty() {
                self.write(text);
            }
            return;
        }
        let mut scratch = std::mem::take(&mut self.scratch);
        scratch.clear();
        collapse_into(text, &mut scratch);
        if text.starts_with(is_html_space) && self.has_text {
            self.space = self.space.max(Pending::Space);
        }
        if !scratch.is_empty() {
            self.write(&scratch);
            if text.ends_with(is_html_space) {
                self.space = Pending::Space;
            }
        }
        self.scratch = scratch;
    }

    /// Writes text, starting a block if none is open, after the white
    /// space waiting.
    fn write(&mut self, text: &str) {
        if !self.out.is_open() {
            let kind = self.kind();
            self.out.start(kind, self.para.max(1));
            self.has_text = false;
            self.space = Pending::Nothing;
        }
        match std::mem::take(&mut self.space) {
            Pending::Space if self.has_text => self.out.push_space(" "),
            Pending::Newline if self.has_text => self.out.push_space("\n"),
            _ => {}
        }
        self.out.push(text, self.para.max(1));
        self.has_text = true;
    }
}

/// The inline mark an element makes, if any (no code mark inside `pre`,
/// which is code already; a link only with an address).
fn mark(name: &str, href: Option<&str>, in_pre: bool) -> Option<MarkKind> {
    Some(match name {
        "strong" | "b" => MarkKind::Strong,
        "em" | "i" | "cite" => MarkKind::Emphasis,
        "s" | "strike" | "del" => MarkKind::Strikethrough,
        "code" | "kbd" | "samp" | "tt" if !in_pre => MarkKind::Code,
        "a" => MarkKind::Link(href?.trim().to_string()),
        _ => return None,
    })
}

/// Elements that may make a mark (see [`mark`]).
fn is_mark_element(name: &str) -> bool {
    mark(name, Some(""), false).is_some()
}

/// HTML's white space: space, tab, line feed, form feed, carriage return.
fn is_html_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\n' | '\x0c' | '\r')
}

/// `text`'s words, one space apart, added to `out`.
fn collapse_into(text: &str, out: &mut String) {
    for word in text.split(is_html_space).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
}

fn collapse(text: &str) -> String {
    let mut out = String::new();
    collapse_into(text, &mut out);
    out
}

/// The code of the text, never annotated: `pre` blocks and inline code,
/// in order and merged.
fn code_ranges(out: &TextBuilder) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = out
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Code)
        .map(super::layout::Block::range)
        .chain(
            out.marks
                .iter()
                .filter(|m| m.kind == MarkKind::Code)
                .map(|m| m.range.clone()),
        )
        .collect();
    ranges.sort_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for range in ranges {
        match merged.last_mut() {
            Some(last) if range.start <= last.end => last.end = last.end.max(range.end),
            _ => merged.push(range),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, SourcePlace};

    fn read_str(html: &str) -> Extracted {
        read(html.as_bytes().to_vec()).unwrap()
    }

    fn kinds(extracted: &Extracted) -> Vec<(&str, BlockKind)> {
        extracted
            .layout
            .blocks()
            .iter()
            .map(|b: &Block| (&extracted.text[b.range()], b.kind))
            .collect()
    }

    #[test]
    fn blocks_come_from_the_elements() {
        let doc = read_str(
            "<!doctype html><html><head><title> Week 3:\n Stalin </title>\
             <style>p { color: red }</style><script>var Lenin = 1924;</script></head>\
             <body><h1>The Great Turn</h1>\n<p>In 1929   <b>Stalin</b>\n announced\
             <p>the <a href='https://example.org/1929.html'>great turn</a>.\
             <ul><li>Kulaks<ol><li>Deported</ol><li>Famine</ul>\
             <blockquote><p>Life has become better</p></blockquote>\
             <pre>  1932  famine\n  1933</pre><div hidden>Trotsky</div>",
        );
        assert_eq!(doc.title.as_deref(), Some("Week 3: Stalin"));
        assert_eq!(
            doc.text,
            "The Great Turn\n\nIn 1929 Stalin announced\n\nthe great turn.\n\nKulaks\n\n\
             Deported\n\nFamine\n\nLife has become better\n\n  1932  famine\n  1933"
        );
        let item = |ordered, depth| BlockKind::Item { ordered, depth };
        assert_eq!(
            kinds(&doc),
            [
                ("The Great Turn", BlockKind::Heading { level: 1 }),
                ("In 1929 Stalin announced", BlockKind::Paragraph),
                ("the great turn.", BlockKind::Paragraph),
                ("Kulaks", item(false, 1)),
                ("Deported", item(true, 2)),
                ("Famine", item(false, 1)),
                ("Life has become better", BlockKind::Paragraph),
                ("1932  famine\n  1933", BlockKind::Code),
            ]
        );
        assert_eq!(doc.layout.blocks()[6].quote, 1);
        let marks: Vec<(&str, &MarkKind)> = doc
            .layout
            .marks()
            .iter()
            .map(|m| (&doc.text[m.range.clone()], &m.kind))
            .collect();
        assert_eq!(
            marks,
            [
                ("Stalin", &MarkKind::Strong),
                (
                    "great turn",
                    &MarkKind::Link("https://example.org/1929.html".into())
                )
            ]
        );
        let code = doc.text.find("1932").unwrap();
        assert_eq!(
            doc.layout.hidden(),
            std::slice::from_ref(&(code..doc.text.len()))
        );
        assert!(doc
            .layout
            .blocks()
            .iter()
            .all(|b| matches!(b.source, SourcePlace::Para(_))));
    }

    #[test]
    fn a_table_row_is_a_line_of_cells() {
        let doc = read_str(
            "<h2>Key dates</h2><table><caption>Terror</caption><tr><th>Date<th>Event\
             <tr><td>1934<td><p>Murder of</p><p>Kirov</p>\
             <tr><td>1936</td><td>Show trials <code>zinoviev()</code></td></table>after",
        );
        assert_eq!(
            doc.text,
            "Key dates\n\nTerror\n\nDate\tEvent\n1934\tMurder of\nKirov\n1936\tShow trials zinoviev()\n\nafter"
        );
        let cell = |row, column, header| BlockKind::Cell {
            table: 0,
            row,
            column,
            header,
        };
        assert_eq!(
            kinds(&doc)[2..7],
            [
                ("Date", cell(0, 0, true)),
                ("Event", cell(0, 1, true)),
                ("1934", cell(1, 0, false)),
                ("Murder of\nKirov", cell(1, 1, false)),
                ("1936", cell(2, 0, false)),
            ]
        );
        let code = doc.text.find("zinoviev").unwrap();
        assert_eq!(
            doc.layout.hidden(),
            std::slice::from_ref(&(code..code + "zinoviev()".len()))
        );
        // No title element: the first heading.
        assert_eq!(doc.title.as_deref(), Some("Key dates"));
    }

    #[test]
    fn spaces_between_inline_elements_are_kept_once() {
        let doc = read_str("<p>Sta<b>lin</b> <i> and</i>\n<b>Bukharin</b><br>1928</p>");
        assert_eq!(doc.text, "Stalin and Bukharin\n1928");
        let marks: Vec<&str> = doc
            .layout
            .marks()
            .iter()
            .map(|m| &doc.text[m.range.clone()])
            .collect();
        assert_eq!(marks, ["lin", "and", "Bukharin"]);
    }

    #[test]
    fn any_bytes_are_read() {
        for html in [
            "",
            "<",
            "<table><td><table><td>x</table>y",
            "</p></li></td></table>",
            "<h1><h2>a</h1>b</h2>",
            "<b><p>a</b>b</p>",
            "\u{1}<p>\u{feff}",
        ] {
            let doc = read_str(html);
            assert!(doc.layout.fits(&doc.text), "{html:?}");
        }
    }
}
