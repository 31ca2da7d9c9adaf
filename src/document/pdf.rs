//! The PDF reader (`.pdf`): the characters of each page and where they are
//! drawn, from pdf-extract (over lopdf), made into lines, paragraphs and
//! pages.
//!
//! * Characters drawn on one baseline are a line; a gap of more than 0.15
//!   em between them is a space, of more than [`CELL_GAP_EM`] em a column
//!   gap. Consecutive lines with column gaps are a table, a line a row.
//! * Lines further apart than [`PARAGRAPH_GAP`] times the page's usual
//!   line pitch, or in another font size, start a new paragraph. A
//!   paragraph in a font [`HEADING_RATIO`] times the body's size or more is
//!   a heading (level 1 from 1.4 times). Every block has its page
//!   ([`SourcePlace::Page`]); a page break ends a block, even mid-sentence.
//! * A word hyphenated at a line end is joined (`Bukha-` `rin` is
//!   `Bukharin`) when the next line starts in lower case; before a capital
//!   or a digit the hyphen is kept (`Five-` `Year` is `Five-Year`).
//! * Running headers and footers are dropped: the top or bottom line of a
//!   page when the same line (digits aside) is there on at least half the
//!   pages (the line next to it too, when not in the body's size), and a
//!   lone page number (`7`, `- 7 -`, `Page 7 of 9`) there on
//!   any page.
//! * A PDF with pages but no text (a scan) reads as empty, with the warning
//!   `no text: scanned?`. An encrypted PDF (one needing a password to
//!   open), a corrupt or truncated one is an error for that file.
//!
//! pdf-extract panics on some malformed files: a panic while reading is
//! caught and is an error for that file (its message is not printed). The
//! limits against hostile files: at most [`MAX_PAGES`] pages, at most
//! [`MAX_CHARS`] characters, and reading stops after [`MAX_SECONDS`]
//! seconds of drawing text; the file itself is at most the input limit
//! (`input::MAX_INPUT_BYTES`). lopdf inflates a stream with no limit of
//! its own, so before any text is drawn every Flate-compressed stream
//! but an image's (page content, forms, fonts: what pdf-extract reads) is
//! measured against the file's inflate [`Budget`], the limits the zip
//! container has too: a compression bomb is refused before it is
//! inflated in memory. Streams packed inside object streams are inflated
//! by lopdf as it parses the file, before that check.

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;
use std::time::{Duration, Instant};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::builder::TextBuilder;
use super::inflate::{inflated_size, Budget};
use super::{BlockKind, Extracted, Layout, SourcePlace};

/// The most pages read from one file.
pub(super) const MAX_PAGES: usize = 5000;

/// The most characters read from one file.
pub(super) const MAX_CHARS: usize = 32 << 20;

/// The longest a file's text is drawn for, in seconds.
pub(super) const MAX_SECONDS: u64 = 60;

/// A gap between characters of a line wider than this many em is a gap
/// between columns (a table's cells).
const CELL_GAP_EM: f64 = 2.0;

/// Lines further apart than this times the usual pitch are paragraphs.
const PARAGRAPH_GAP: f64 = 1.3;

/// A paragraph whose font is this many times the body's is a heading.
const HEADING_RATIO: f64 = 1.15;

/// Reads a `.pdf` file.
pub(super) fn read(bytes: Vec<u8>) -> Result<Extracted, String> {
    let pages = quietly(|| pages(&bytes)).unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(format!(
            "not a PDF, or corrupt or truncated (the PDF reader failed: {why})"
        ))
    })?;
    let page_count = pages.len();
    let mut out = TextBuilder::default();
    write(&mut out, drop_running_lines(pages));
    out.end();
    let warning = out.blocks.is_empty().then(|| {
        let pages = if page_count == 1 { "page" } else { "pages" };
        format!("no text: scanned? ({page_count} {pages} without text; glossator does no OCR)")
    });
    let title = out.first_heading.take();
    let layout = Layout::new(&out.text, out.blocks, Vec::new(), out.marks);
    Ok(Extracted {
        text: out.text,
        title,
        layout,
        warning,
    })
}

thread_local! {
    /// Is this thread reading a PDF, so that a panic is not printed?
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

/// Runs `f`, catching a panic; the panic's message is not printed.
fn quietly<T>(f: impl FnOnce() -> T) -> std::thread::Result<T> {
    static HOOK: Once = Once::new();
    HOOK.call_once(|| {
        let previous = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
    QUIET.with(|quiet| quiet.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|quiet| quiet.set(false));
    result
}

/// The lines of each page of the PDF in `bytes`.
fn pages(bytes: &[u8]) -> Result<Vec<Vec<Line>>, String> {
    let mut doc = pdf_extract::Document::load_mem(bytes)
        .map_err(|err| format!("not a PDF, or corrupt or truncated: {err}"))?;
    if doc.is_encrypted() && doc.decrypt("").is_err() {
        return Err("encrypted (it needs a password to open); save a copy without one".into());
    }
    check_streams(&doc)?;
    let numbers: Vec<u32> = doc.get_pages().into_keys().collect();
    if numbers.len() > MAX_PAGES {
        return Err(format!(
            "{} pages: more than {MAX_PAGES}, the most glossator reads; split it first",
            numbers.len()
        ));
    }
    let mut lines = Lines {
        started: Some(Instant::now()),
        ..Lines::default()
    };
    for number in numbers {
        if let Err(err) = pdf_extract::output_doc_page(&doc, &mut lines, number) {
            return Err(lines
                .stopped
                .take()
                .unwrap_or_else(|| format!("page {number}: corrupt or unreadable: {err}")));
        }
    }
    Ok(lines.pages)
}

/// Measures what each Flate-compressed stream of `doc` but an image's
/// inflates to against one [`Budget`]: an error names the first stream
/// over a limit.
fn check_streams(doc: &pdf_extract::Document) -> Result<(), String> {
    let mut budget = Budget::default();
    for (&(number, generation), object) in &doc.objects {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        let image = stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Image");
        if image || !is_flate(stream) {
            continue;
        }
        let decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice());
        // A corrupt stream is pdf-extract's to report when it reads it.
        let Ok(size) = inflated_size(decoder, budget.probe_limit()) else {
            continue;
        };
        let name = format!("stream {number} {generation}");
        budget.admit(&name, size, stream.content.len() as u64)?;
    }
    Ok(())
}

/// Is `stream` compressed with Flate first (its only or first filter)?
fn is_flate(stream: &pdf_extract::Stream) -> bool {
    let first = match stream.dict.get(b"Filter") {
        Ok(pdf_extract::Object::Array(filters)) => filters.first(),
        Ok(filter) => Some(filter),
        Err(_) => None,
    };
    first.and_then(|f| f.as_name().ok()) == Some(b"FlateDecode")
}

/// A line of text on a page.
#[derive(Clone, Debug, Default)]
struct Line {
    /// The baseline, up from the bottom of the page.
    y: f64,
    /// The largest font size in the line.
    size: f64,
    /// Where the last character drawn ends.
    end: f64,
    /// The text of each column of the line (one unless it is a table row).
    cells: Vec<String>,
    /// Is a space due before the next character?
    space: bool,
}

impl Line {
    /// The line's text, its columns a tab apart.
    fn text(&self) -> String {
        self.cells.join("\t")
    }
}

/// An [`OutputDev`] that collects the lines of each page.
#[derive(Default)]
struct Lines {
    pages: Vec<Vec<Line>>,
    chars: usize,
    started: Option<Instant>,
    /// Why reading stopped early (a limit), if it did.
    stopped: Option<String>,
}

impl Lines {
    /// Stops reading, for `why`.
    fn stop(&mut self, why: String) -> Result<(), OutputError> {
        self.stopped = Some(why);
        Err(OutputError::FormatError(std::fmt::Error))
    }
}

impl OutputDev for Lines {
    fn begin_page(
        &mut self,
        _page: u32,
        _media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.pages.push(Vec::new());
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        char: &str,
    ) -> Result<(), OutputError> {
        self.chars += 1;
        if self.chars > MAX_CHARS {
            return self.stop(format!(
                "more than {MAX_CHARS} characters, the most glossator reads from a PDF"
            ));
        }
        if self.chars.is_multiple_of(4096)
            && self
                .started
                .is_some_and(|t| t.elapsed() > Duration::from_secs(MAX_SECONDS))
        {
            return self.stop(format!(
                "its text took more than {MAX_SECONDS} seconds to read; refused"
            ));
        }
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = Some(font_size * scale)
            .filter(|s| s.is_finite() && *s > 0.0)
            .unwrap_or(1.0);
        let (x, y) = (trm.m31, trm.m32);
        if !x.is_finite() || !y.is_finite() {
            return Ok(());
        }
        let Some(page) = self.pages.last_mut() else {
            return Ok(());
        };
        let same_line = page
            .last()
            .is_some_and(|line| (line.y - y).abs() <= 0.5 * size.max(line.size));
        if !same_line {
            page.push(Line {
                y,
                end: x,
                ..Line::default()
            });
        }
        let line = page.last_mut().expect("a line is open");
        let end = x + width * size;
        if char.trim().is_empty() {
            line.space = !line.cells.is_empty();
            line.end = end.max(line.end);
            return Ok(());
        }
        let gap = x - line.end;
        match line.cells.last_mut() {
            Some(_) if gap > CELL_GAP_EM * size => line.cells.push(String::new()),
            Some(cell) if line.space || gap > 0.15 * size => cell.push(' '),
            Some(_) => {}
            None => line.cells.push(String::new()),
        }
        line.cells
            .last_mut()
            .expect("a cell is open")
            .push_str(char);
        line.space = false;
        line.size = line.size.max(size);
        line.end = end;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// The lines of `pages` without their running headers and footers and lone
/// page numbers (see the module's doc).
fn drop_running_lines(mut pages: Vec<Vec<Line>>) -> Vec<Vec<Line>> {
    for page in &mut pages {
        page.retain(|line| !line.cells.is_empty());
    }
    let most = pages.len().div_ceil(2).max(2);
    let body = body_size(&pages);
    // Two rounds: a header of two lines loses one line a round. In the
    // second, a repeated line must be in another size than the body's, so
    // that pages starting alike (a form, a repeated heading's first line
    // under the header) keep their first line.
    for round in 0..2 {
        for top in [true, false] {
            let edge = |page: &Vec<Line>| -> Option<usize> {
                let by_y = |a: &&Line, b: &&Line| a.y.total_cmp(&b.y);
                let line = if top {
                    page.iter().max_by(by_y)
                } else {
                    page.iter().min_by(by_y)
                }?;
                page.iter().position(|l| std::ptr::eq(l, line))
            };
            let lines: Vec<Option<(String, f64)>> = pages
                .iter()
                .map(|page| edge(page).map(|i| (page[i].text(), page[i].size)))
                .collect();
            let keys: Vec<Option<String>> = lines
                .iter()
                .map(|line| line.as_ref().map(|(text, _)| shape(text)))
                .collect();
            for ((page, key), line) in pages.iter_mut().zip(&keys).zip(&lines) {
                let (Some(key), Some((line, size))) = (key, line) else {
                    continue;
                };
                let running = round == 0 || !(0.9..=1.1).contains(&(size / body));
                let repeated = keys.iter().filter(|k| k.as_ref() == Some(key)).count();
                if (running && repeated >= most) || is_page_number(line) {
                    let i = edge(page).expect("the page has lines");
                    page.remove(i);
                }
            }
        }
    }
    pages
}

/// A line's text with every run of digits as `#` and runs of white space
/// as one space, lower case: the same on every page for a running header
/// or footer with a page number in it.
fn shape(text: &str) -> String {
    let mut out = String::new();
    for c in text.trim().chars() {
        let c = if c.is_ascii_digit() {
            '#'
        } else if c.is_whitespace() {
            ' '
        } else {
            c
        };
        if !(matches!(c, '#' | ' ') && out.ends_with(c)) {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Is a line a page number alone: `7`, `- 7 -`, `Page 7`, `7 of 9`,
/// `Page 7 of 9`, `7 / 9`, `p. 7`? A number of four digits is a year, not
/// a page.
fn is_page_number(line: &str) -> bool {
    let words: Vec<String> = line
        .split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/' | '|'))
        .filter(|w| !w.is_empty())
        .map(|w| {
            if w.len() <= 3 && w.bytes().all(|b| b.is_ascii_digit()) {
                "#".to_string()
            } else {
                w.to_lowercase()
            }
        })
        .collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    matches!(
        words.as_slice(),
        ["#"]
            | ["page" | "p." | "p" | "pg.", "#"]
            | ["#", "of" | "#", "#"]
            | ["page", "#", "of", "#"]
            | ["#", "#"]
    )
}

/// Writes the lines of `pages` into `out` as blocks: paragraphs, headings
/// and tables, each on its page.
fn write(out: &mut TextBuilder, pages: Vec<Vec<Line>>) {
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
fn body_size(pages: &[Vec<Line>]) -> f64 {
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

    /// A PDF document of one Flate stream of `inflated` bytes, with
    /// `subtype` if given.
    fn doc_with_stream(inflated: &[u8], subtype: Option<&str>) -> pdf_extract::Document {
        use std::io::Write;

        use pdf_extract::{Dictionary, Object};

        let mut packed = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        packed.write_all(inflated).unwrap();
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        if let Some(subtype) = subtype {
            dict.set("Subtype", Object::Name(subtype.as_bytes().to_vec()));
        }
        let stream = pdf_extract::Stream::new(dict, packed.finish().unwrap());
        let mut doc = pdf_extract::Document::with_version("1.5");
        doc.add_object(stream);
        doc
    }

    #[test]
    fn a_compression_bomb_stream_is_refused_before_it_is_read() {
        let zeros = vec![0u8; 3 << 20];
        let err = check_streams(&doc_with_stream(&zeros, None)).unwrap_err();
        assert!(
            err.starts_with("stream 1 0 inflates to 3145728 bytes from")
                && err.contains("refused as a compression bomb"),
            "{err}"
        );
        // An image is not read for text: left alone.
        assert_eq!(
            check_streams(&doc_with_stream(&zeros, Some("Image"))),
            Ok(())
        );
        // Page content of the usual ratio passes.
        let content: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("BT ({i}) Tj ET\n").into_bytes())
            .collect();
        assert_eq!(check_streams(&doc_with_stream(&content, None)), Ok(()));
    }

    fn line(y: f64, size: f64, text: &str) -> Line {
        Line {
            y,
            size,
            cells: text.split('\t').map(String::from).collect(),
            ..Line::default()
        }
    }

    fn text_of(pages: Vec<Vec<Line>>) -> (String, Vec<crate::document::Block>) {
        let mut out = TextBuilder::default();
        write(&mut out, drop_running_lines(pages));
        out.end();
        (out.text, out.blocks)
    }

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
    fn running_headers_and_page_numbers_go_and_pages_are_blocks() {
        let page = |n: u32, body: &str| {
            vec![
                line(800.0, 8.0, &format!("Soviet history, unit {n}")),
                line(700.0, 11.0, body),
                line(40.0, 8.0, &format!("- {n} -")),
            ]
        };
        let (text, blocks) = text_of(vec![
            page(1, "Lenin died in 1924."),
            page(2, "Stalin won."),
            page(3, "Kirov was shot."),
        ]);
        assert_eq!(
            text,
            "Lenin died in 1924.\n\nStalin won.\n\nKirov was shot."
        );
        let places: Vec<_> = blocks.iter().map(|b| b.source).collect();
        assert_eq!(
            places,
            [1, 2, 3].map(SourcePlace::Page),
            "a block per page, with its page"
        );
    }

    #[test]
    fn pages_that_start_alike_keep_their_first_line_under_the_header() {
        let page = |answer: &str| {
            vec![
                line(800.0, 8.0, "Soviet history"),
                line(700.0, 11.0, "Name:"),
                line(686.0, 11.0, answer),
            ]
        };
        let (lenin, stalin) = ("Lenin died in January 1924.", "Stalin won the succession.");
        let (text, _) = text_of(vec![page(lenin), page(stalin)]);
        assert_eq!(text, format!("Name: {lenin}\n\nName: {stalin}"));
    }

    #[test]
    fn a_line_on_one_page_only_is_kept() {
        let (text, _) = text_of(vec![
            vec![
                line(800.0, 11.0, "Introduction"),
                line(700.0, 11.0, "Lenin."),
            ],
            vec![
                line(800.0, 11.0, "The purges"),
                line(700.0, 11.0, "Stalin."),
            ],
        ]);
        assert_eq!(text, "Introduction Lenin.\n\nThe purges Stalin.");
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

    #[test]
    fn page_numbers_are_recognised() {
        for number in ["7", "- 7 -", "Page 7", "7 of 9", "Page 7 of 9", "7 / 9"] {
            assert!(is_page_number(number), "{number}");
        }
        for line in ["1929", "Chapter 7", "7 November 1917"] {
            assert!(!is_page_number(line), "{line}");
        }
    }

    #[test]
    fn garbage_and_truncated_files_are_errors_not_panics() {
        for bytes in [&b"%PDF-1.4\n1 0 obj << /Type /Catalog"[..], b"", b"%PDF-"] {
            assert!(read(bytes.to_vec()).is_err());
        }
    }
}
