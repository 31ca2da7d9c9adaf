//! The Markdown reader: CommonMark with GitHub's tables and strikethrough,
//! and footnotes, parsed by pulldown-cmark with source offsets.
//!
//! The text is the decoded file itself, so spans index the file's bytes.
//! What is prose is what the parser reports as text (and the line breaks
//! inside a paragraph); every other byte is *hidden*: emphasis markers,
//! `#`, `>`, list markers, table pipes and delimiter rows, link
//! addresses and titles, images, raw HTML, front matter, footnote
//! references, and code (inline and in blocks), which is shown but never
//! annotated. Markdown has no invalid input: every file is read.
//!
//! Each paragraph, heading, list item, table cell and code block is a
//! block, and every boundary is hard: no term or sentence runs from one
//! into the next. A paragraph inside a list item is an item block (an
//! item of several paragraphs gives several item blocks). The title is
//! the front matter's `title:`, or else the first heading's text.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use super::{Block, BlockKind, Boundary, Extracted, Layout, Mark, MarkKind, SourcePlace};
use crate::text::{decode, trim};

/// Reads a Markdown file (decoded as plain text is).
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

/// The layout of Markdown `text`, and its title.
pub(super) fn layout(text: &str) -> (Layout, Option<String>) {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut reader = Reader::new(text);
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        reader.event(event, range);
    }
    reader.finish()
}

/// What encloses the parser's position.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Container {
    Quote,
    List {
        ordered: bool,
    },
    Item,
    Paragraph,
    Heading(u8),
    Table,
    Cell {
        header: bool,
    },
    Code,
    /// An image, raw HTML or front matter: nothing inside is prose.
    Hidden,
}

/// The layout being made, one parser event at a time.
struct Reader<'t> {
    text: &'t str,
    blocks: Vec<Block>,
    /// The prose: ranges in order, disjoint; all the rest is hidden.
    visible: Vec<Range<usize>>,
    marks: Vec<Mark>,
    stack: Vec<Container>,
    /// The block being read: its kind and range so far.
    leaf: Option<(BlockKind, Range<usize>)>,
    /// Tables so far, and the row and column of the cell being read.
    tables: u32,
    row: u32,
    column: u32,
    /// Are the cells being read the table's head (`TableHead` holds its
    /// cells directly, the body's are in `TableRow`s)?
    in_head: bool,
    /// Line counting: the line of byte `counted`.
    counted: usize,
    line: u32,
    /// The front matter's title, and the first heading's text.
    front_title: Option<String>,
    heading_title: Option<String>,
    /// Is the text being read the first heading's?
    in_first_heading: bool,
}

impl<'t> Reader<'t> {
    fn new(text: &'t str) -> Reader<'t> {
        Reader {
            text,
            blocks: Vec::new(),
            visible: Vec::new(),
            marks: Vec::new(),
            stack: Vec::new(),
            leaf: None,
            tables: 0,
            row: 0,
            column: 0,
            in_head: false,
            counted: 0,
            line: 1,
            front_title: None,
            heading_title: None,
            in_first_heading: false,
        }
    }

    fn event(&mut self, event: Event, range: Range<usize>) {
        match event {
            Event::Start(tag) => self.start(tag, range),
            Event::End(tag) => self.end(tag),
            Event::Text(text) => self.text(&text, range),
            // Inside code, an image, raw HTML or front matter, nothing is prose.
            _ if self.hides() => {}
            Event::SoftBreak => {
                self.extend(range.clone());
                self.visible.push(range);
            }
            Event::Code(_) => {
                self.extend(range.clone());
                // The mark holds the code without its backticks.
                let code = self.text[range.clone()].trim_matches('`');
                let start = range.start + self.text[range.clone()].find(code).unwrap_or(0);
                self.marks.push(Mark {
                    range: start..start + code.len(),
                    kind: MarkKind::Code,
                });
            }
            Event::HardBreak => {
                self.extend(range.clone());
                // The line break shows; the spaces or `\` before it do not.
                if self.text[range.clone()].ends_with('\n') {
                    self.visible.push(range.end - 1..range.end);
                }
            }
            // Raw HTML, rules, footnote references, task boxes, math: markup.
            _ => {}
        }
    }

    /// Is the parser inside code, an image, raw HTML or front matter?
    fn hides(&self) -> bool {
        self.stack
            .iter()
            .any(|c| matches!(c, Container::Code | Container::Hidden))
    }

    fn text(&mut self, text: &str, range: Range<usize>) {
        if self.stack.contains(&Container::Hidden) {
            if self.front_title.is_none() && self.blocks.is_empty() && self.leaf.is_none() {
                self.front_title = front_matter_title(text);
            }
            return;
        }
        self.extend(range.clone());
        if self.stack.contains(&Container::Code) {
            return;
        }
        if self.in_first_heading {
            self.heading_title
                .get_or_insert_with(String::new)
                .push_str(text);
        }
        self.visible.push(range);
    }

    fn start(&mut self, tag: Tag, range: Range<usize>) {
        let container = match tag {
            Tag::Emphasis => return self.mark(range, MarkKind::Emphasis),
            Tag::Strong => return self.mark(range, MarkKind::Strong),
            Tag::Strikethrough => return self.mark(range, MarkKind::Strikethrough),
            Tag::Link { dest_url, .. } => {
                return self.mark(range, MarkKind::Link(dest_url.to_string()))
            }
            Tag::Superscript | Tag::Subscript => return,
            Tag::Paragraph => Container::Paragraph,
            Tag::Heading { level, .. } => {
                self.in_first_heading = self.heading_title.is_none();
                Container::Heading(level as u8)
            }
            Tag::BlockQuote(_) => Container::Quote,
            Tag::CodeBlock(_) => Container::Code,
            Tag::List(first) => Container::List {
                ordered: first.is_some(),
            },
            Tag::Item => Container::Item,
            Tag::Table(_) => {
                self.row = 0;
                Container::Table
            }
            Tag::TableHead | Tag::TableRow => {
                self.column = 0;
                self.in_head = matches!(tag, Tag::TableHead);
                return self.flush();
            }
            Tag::TableCell => Container::Cell {
                header: self.in_head,
            },
            // An image is inline: it does not end the block it is in.
            Tag::Image { .. } => return self.stack.push(Container::Hidden),
            Tag::HtmlBlock | Tag::MetadataBlock(_) => Container::Hidden,
            // Footnote definitions and the rest hold paragraphs of their own.
            _ => return self.flush(),
        };
        self.flush();
        self.stack.push(container);
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Link
            | TagEnd::Superscript
            | TagEnd::Subscript => return,
            TagEnd::Image => {
                self.stack.pop();
                return;
            }
            TagEnd::TableHead | TagEnd::TableRow => {
                self.flush();
                self.row += 1;
                self.in_head = false;
                return;
            }
            TagEnd::Table => {
                self.flush();
                self.tables += 1;
            }
            TagEnd::TableCell => {
                self.flush();
                self.column += 1;
            }
            TagEnd::Heading(_) => {
                self.flush();
                self.in_first_heading = false;
            }
            TagEnd::Paragraph
            | TagEnd::BlockQuote(_)
            | TagEnd::CodeBlock
            | TagEnd::List(_)
            | TagEnd::Item
            | TagEnd::HtmlBlock
            | TagEnd::MetadataBlock(_) => self.flush(),
            _ => return self.flush(),
        }
        self.stack.pop();
    }

    /// A mark over `range`; the block it is in holds its markup too.
    fn mark(&mut self, range: Range<usize>, kind: MarkKind) {
        if !self.hides() {
            self.extend(range.clone());
            self.marks.push(Mark { range, kind });
        }
    }

    /// Adds `range` to the block being read, opening one if none is.
    fn extend(&mut self, range: Range<usize>) {
        match &mut self.leaf {
            Some((_, leaf)) => leaf.end = leaf.end.max(range.end),
            None => self.leaf = Some((self.leaf_kind(), range)),
        }
    }

    /// The kind of a block opened here, from what encloses it.
    fn leaf_kind(&self) -> BlockKind {
        for (i, container) in self.stack.iter().enumerate().rev() {
            match *container {
                Container::Code => return BlockKind::Code,
                Container::Heading(level) => return BlockKind::Heading { level },
                Container::Cell { header } => {
                    return BlockKind::Cell {
                        table: self.tables,
                        row: self.row,
                        column: self.column,
                        header,
                    }
                }
                Container::Item => {
                    let lists = || {
                        self.stack[..i].iter().filter_map(|c| match c {
                            Container::List { ordered } => Some(*ordered),
                            _ => None,
                        })
                    };
                    return BlockKind::Item {
                        ordered: lists().next_back().unwrap_or(false),
                        depth: u8::try_from(lists().count()).unwrap_or(u8::MAX),
                    };
                }
                Container::Quote => break,
                _ => {}
            }
        }
        BlockKind::Paragraph
    }

    /// Ends the block being read, if one is.
    fn flush(&mut self) {
        let Some((kind, range)) = self.leaf.take() else {
            return;
        };
        let range = trim(self.text, range);
        if range.is_empty() {
            return;
        }
        let quote = self
            .stack
            .iter()
            .filter(|c| **c == Container::Quote)
            .count();
        let line = self.line_of(range.start);
        self.blocks.push(Block {
            start: range.start,
            end: range.end,
            kind,
            quote: u8::try_from(quote).unwrap_or(u8::MAX),
            source: SourcePlace::Line(line),
            boundary: Boundary::Hard,
        });
    }

    /// The line of byte `at`, which is not before the last one asked for.
    fn line_of(&mut self, at: usize) -> u32 {
        let at = at.max(self.counted);
        let breaks = memchr::memchr_iter(b'\n', &self.text.as_bytes()[self.counted..at]).count();
        self.line = self
            .line
            .saturating_add(u32::try_from(breaks).unwrap_or(u32::MAX));
        self.counted = at;
        self.line
    }

    fn finish(mut self) -> (Layout, Option<String>) {
        self.flush();
        let hidden = complement(&mut self.visible, self.text.len());
        self.marks.sort_by_key(|m| m.range.start);
        let title = self
            .front_title
            .or(self.heading_title)
            .map(|t| t.trim().to_string())
            .filter(|t| !t.is_empty());
        let layout = Layout::new(self.text, self.blocks, hidden, self.marks);
        (layout, title)
    }
}

/// The byte ranges of `0..len` outside the `ranges` (sorted first).
fn complement(ranges: &mut [Range<usize>], len: usize) -> Vec<Range<usize>> {
    ranges.sort_by_key(|r| r.start);
    let mut hidden = Vec::with_capacity(ranges.len() + 1);
    let mut at = 0;
    for range in ranges.iter() {
        if range.start > at {
            hidden.push(at..range.start);
        }
        at = at.max(range.end);
    }
    if at < len {
        hidden.push(at..len);
    }
    hidden
}

/// The `title:` of YAML front matter, without quotes.
fn front_matter_title(yaml: &str) -> Option<String> {
    yaml.lines().find_map(|line| {
        let value = line.strip_prefix("title:")?.trim();
        let value = value
            .strip_prefix('"')
            .and_then(|v| v.strip_suffix('"'))
            .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
            .unwrap_or(value);
        Some(value.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOTES: &str = "---\ntitle: \"The Power Struggle\"\n---\n\
        # Topic 2\n\n\
        **Stalin** and _Trotsky_ argued[^1].\n\
        See [Stalin's life](https://example.org/stalin/1929-purges.html \"1929\").\n\n\
        > \"Socialism in one country\"\n> was his line.\n\n\
        | Date | Event |\n|------|-------|\n| 1927 | War Scare |\n\n\
        - one ![map](img/ukraine-1932.png)\n  - two\n1. first\n\n\
        ```\nLenin 1924\n```\n\n\
        <div>Kirov 1934</div>\n\n\
        [^1]: In ~~1926~~ 1927.\n";

    fn blocks(text: &str) -> Vec<(&str, BlockKind, u8, u32)> {
        let (layout, _) = layout(text);
        layout
            .blocks()
            .iter()
            .map(|b| {
                let SourcePlace::Line(line) = b.source else {
                    panic!("{b:?}")
                };
                assert_eq!(b.boundary, Boundary::Hard);
                (&text[b.range()], b.kind, b.quote, line)
            })
            .collect()
    }

    #[test]
    fn blocks_are_the_structure() {
        let cell = |row, column, header| BlockKind::Cell {
            table: 0,
            row,
            column,
            header,
        };
        let item = |ordered, depth| BlockKind::Item { ordered, depth };
        assert_eq!(
            blocks(NOTES),
            [
                ("Topic 2", BlockKind::Heading { level: 1 }, 0, 4),
                (
                    "**Stalin** and _Trotsky_ argued[^1].\nSee [Stalin's life](https://example.org/stalin/1929-purges.html \"1929\").",
                    BlockKind::Paragraph,
                    0,
                    6
                ),
                (
                    "\"Socialism in one country\"\n> was his line.",
                    BlockKind::Paragraph,
                    1,
                    9
                ),
                ("Date", cell(0, 0, true), 0, 12),
                ("Event", cell(0, 1, true), 0, 12),
                ("1927", cell(1, 0, false), 0, 14),
                ("War Scare", cell(1, 1, false), 0, 14),
                ("one", item(false, 1), 0, 16),
                ("two", item(false, 2), 0, 17),
                ("first", item(true, 1), 0, 18),
                ("Lenin 1924", BlockKind::Code, 0, 21),
                ("In ~~1926~~ 1927.", BlockKind::Paragraph, 0, 26),
            ]
        );
    }

    #[test]
    fn markup_is_hidden_and_prose_is_not() {
        let (layout, title) = layout(NOTES);
        assert_eq!(title.as_deref(), Some("The Power Struggle"));
        let masked = layout.masked(NOTES);
        assert_eq!(masked.len(), NOTES.len());
        for gone in [
            "#", "**", "_", "[^1]", "https", "1929", "|", "---", ">", "img", "map", "Lenin",
            "Kirov", "title", "~~",
        ] {
            assert!(!masked.contains(gone), "{gone:?} in {masked:?}");
        }
        for kept in [
            "Topic 2",
            "Stalin",
            "Trotsky",
            "argued",
            "Stalin's life",
            "country\"\n",
            "was his line.",
            "1927",
            "War Scare",
            "one",
            "two",
            "first",
            "1926",
        ] {
            assert!(masked.contains(kept), "{kept:?} not in {masked:?}");
        }
        // Cells, headings and paragraphs meet at a hard boundary.
        let after = &masked[masked.find("1927").unwrap() + 4..];
        assert!(after.trim_start().starts_with('\u{1e}'), "{masked:?}");
    }

    #[test]
    fn marks_cover_emphasis_links_and_code() {
        let text = "**Stalin** _and_ ~~Trotsky~~ [NEP](https://e.org/nep) `code`";
        let (layout, title) = layout(text);
        assert_eq!(title, None);
        let got: Vec<(&str, MarkKind)> = layout
            .marks()
            .iter()
            .map(|m| (&text[m.range.clone()], m.kind.clone()))
            .collect();
        assert_eq!(
            got,
            [
                ("**Stalin**", MarkKind::Strong),
                ("_and_", MarkKind::Emphasis),
                ("~~Trotsky~~", MarkKind::Strikethrough),
                (
                    "[NEP](https://e.org/nep)",
                    MarkKind::Link("https://e.org/nep".into())
                ),
                ("code", MarkKind::Code),
            ]
        );
        assert!(!layout.masked(text).contains("code"));
    }

    #[test]
    fn the_first_heading_is_the_title() {
        let (_, title) = layout("Intro\n\n## The *NEP* years\n\n# Later\n");
        assert_eq!(title.as_deref(), Some("The NEP years"));
    }

    #[test]
    fn any_text_is_read() {
        for text in [
            "",
            "\n",
            "*",
            "|",
            "> ",
            "[",
            "```",
            "<",
            "- ",
            "1.",
            "# ",
            "\u{0}",
            "| a |\n|-|\n",
        ] {
            let (layout, _) = layout(text);
            assert!(layout.fits(text), "{text:?}");
        }
    }
}
