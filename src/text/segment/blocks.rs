//! Blocks: the stretches of text that no sentence crosses, cut at blank
//! lines, after headings and list lines, and before a `•` inside a line.
//! What a list item is, is `text::list`'s rule, shared with the handouts.

use std::ops::Range;

use super::{ends_with_long_ascii_word, is_one_of, keys, longest, trim, trim_str};
use crate::text::is_list_item;

/// A block of plain text, as [`blocks`] finds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct PlainBlock {
    /// The block's bytes, trimmed of white space; never empty.
    pub(crate) range: Range<usize>,
    /// The line it starts on, from 1.
    pub(crate) line: u32,
    /// What it looks like.
    pub(crate) kind: PlainKind,
}

/// What a [`PlainBlock`] looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PlainKind {
    /// A line on its own, after a blank line or at the start, that
    /// [`is_heading`] takes for a heading.
    Heading,
    /// A list line and its continuation lines.
    Item,
    /// Anything else.
    Paragraph,
}

/// Cuts the text into blocks that no sentence crosses, trimmed, in order.
///
/// One pass over the lines; each line is read once, as the next line, and
/// kept for its turn as the line.
pub(crate) fn blocks(text: &str) -> Vec<PlainBlock> {
    let mut cutter = Cutter {
        text,
        blocks: Vec::new(),
        start: 0,
        first: None,
    };
    let mut line = Line::at(text, 0);
    let (mut number, mut after_blank) = (1, true);
    while line.start < text.len() {
        let next = Line::at(text, line.end);
        let blank = line.trimmed.is_empty();
        if !blank && cutter.first.is_none() {
            cutter.first = Some((number, line.is_list));
        }
        if line.may_have_bullet {
            cut_at_bullets(&mut cutter, line.start..line.end, number);
        }
        if blank {
            cutter.cut(line.end, false);
        } else if ends_block(&line, &next) {
            let alone = after_blank && cutter.first.is_some_and(|(first, _)| first == number);
            let heading = alone && !line.is_list && is_heading(line.trimmed, next.trimmed);
            cutter.cut(line.end, heading);
        }
        (number, after_blank) = (number.saturating_add(1), blank);
        line = next;
    }
    cutter.cut(text.len(), false);
    cutter.blocks
}

/// The blocks found so far and the one being read.
struct Cutter<'a> {
    text: &'a str,
    blocks: Vec<PlainBlock>,
    /// Where the open block starts.
    start: usize,
    /// The line number of the open block's first non-blank line, and
    /// whether that is a list line.
    first: Option<(u32, bool)>,
}

impl Cutter<'_> {
    /// Ends the open block at `at` (a heading, if `heading`) and opens the
    /// next one there.
    fn cut(&mut self, at: usize, heading: bool) {
        let range = trim(self.text, self.start..at);
        if !range.is_empty() {
            let (line, list) = self.first.unwrap_or((1, false));
            let kind = match (list, heading) {
                (true, _) => PlainKind::Item,
                (false, true) => PlainKind::Heading,
                (false, false) => PlainKind::Paragraph,
            };
            self.blocks.push(PlainBlock { range, line, kind });
        }
        self.start = at;
        self.first = None;
    }
}

/// A line as [`blocks`] looks at it.
struct Line<'a> {
    /// Where the line starts.
    start: usize,
    /// Just past the line's `\n`, or the end of the text.
    end: usize,
    /// The line without its line break.
    raw: &'a str,
    /// The line trimmed.
    trimmed: &'a str,
    /// Is it a list line ([`is_list_line`])?
    is_list: bool,
    /// Has it the byte a `•` starts with (so may it have one)?
    may_have_bullet: bool,
}

impl<'a> Line<'a> {
    /// The line of `text` starting at `start`.
    fn at(text: &'a str, start: usize) -> Line<'a> {
        let bytes = text.as_bytes();
        // One search finds the line's end and the rare bytes without which
        // the tab and bullet tests can be skipped.
        let (mut has_tab, mut may_have_bullet) = (false, false);
        let mut from = start;
        let end = loop {
            let Some(at) = memchr::memchr3(b'\n', b'\t', BULLET_START, &bytes[from..]) else {
                break bytes.len();
            };
            let at = from + at;
            match bytes[at] {
                b'\n' => break at + 1,
                b'\t' => has_tab = true,
                _ => may_have_bullet = true,
            }
            from = at + 1;
        };
        let raw = without_line_break(&text[start..end]);
        let trimmed = trim_str(raw);
        Line {
            start,
            end,
            raw,
            trimmed,
            is_list: is_list_line(trimmed, has_tab && trimmed.contains('\t')),
            may_have_bullet,
        }
    }
}

/// The first byte of a `•`.
const BULLET_START: u8 = "•".as_bytes()[0];

/// Cuts the open block before every `•` in `line` (line `number`) that
/// has more than white space before it in the block; the `•` starts an
/// item.
fn cut_at_bullets(cutter: &mut Cutter, line: Range<usize>, number: u32) {
    for (i, _) in cutter.text[line.clone()].match_indices('•') {
        let at = line.start + i;
        if !trim_str(&cutter.text[cutter.start..at]).is_empty() {
            cutter.cut(at, false);
            cutter.first = Some((number, true));
        }
    }
}

/// A line without its `\n` or `\r\n`, as [`str::lines`] gives it.
fn without_line_break(line: &str) -> &str {
    match line.strip_suffix('\n') {
        Some(line) => line.strip_suffix('\r').unwrap_or(line),
        None => line,
    }
}

/// Does `line` end its block, followed by `next`? A list line goes on only
/// into an indented or lower-case continuation line.
fn ends_block(line: &Line, next: &Line) -> bool {
    let continues =
        || next.raw.starts_with([' ', '\t']) || next.raw.starts_with(char::is_lowercase);
    next.is_list || (line.is_list && !continues()) || is_heading(line.trimmed, next.trimmed)
}

/// Is the trimmed `line` a list line, one that no sentence goes on past
/// or comes into? A list item ([`is_list_item`], the rule the handouts
/// use too), a Markdown heading (`#`), quote (`>`) or rule (`---`), or a
/// table row: a line with a tab in it (`has_tab`), or a year, a dash and
/// what happened then (`1924 – Death of Lenin`).
fn is_list_line(line: &str, has_tab: bool) -> bool {
    is_list_item(line)
        || line.starts_with(['#', '>'])
        || has_tab
        || is_rule_line(line)
        || is_year_row(line)
}

/// A Markdown rule or heading underline: three or more `-`, `*`, `_` or
/// `=` and nothing else but spaces.
fn is_rule_line(line: &str) -> bool {
    let mark = |b: u8| matches!(b, b'-' | b'*' | b'_' | b'=');
    // Asked of every line: the test that fails at a line's first word
    // goes first.
    line.bytes().all(|b| mark(b) || b == b' ') && line.bytes().filter(|&b| mark(b)).count() >= 3
}

/// A year, then a dash: a row of a key-dates list.
fn is_year_row(line: &str) -> bool {
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    digits == 4 && line[digits..].trim_start().starts_with(['–', '-', '—'])
}

/// A short line without closing punctuation, not continued in lower case.
/// (Cheapest tests first: this runs on every line.)
fn is_heading(line: &str, next: &str) -> bool {
    const CONNECTIVES: &[u64] = &keys([
        "a", "an", "and", "at", "by", "for", "in", "of", "on", "or", "the", "to", "with",
    ]);
    const LONGEST_CONNECTIVE: usize = longest(CONNECTIVES);
    !line.ends_with(['.', ',', ';', ':', '!', '?', '…', '-', '–'])
        && !next.starts_with(|c: char| c.is_lowercase())
        && (line.len() <= 60 || line.chars().count() <= 60)
        && (ends_with_long_ascii_word(line, LONGEST_CONNECTIVE, |b| b == b' ')
            || !is_one_of(line.rsplit(' ').next().unwrap_or(""), CONNECTIVES))
}
