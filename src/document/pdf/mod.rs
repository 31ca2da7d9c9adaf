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
//!   ([`SourcePlace::Page`](super::SourcePlace::Page)); a page break
//!   ends a block, even mid-sentence.
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
//! measured against the file's inflate
//! [`Budget`](super::inflate::Budget), the limits the zip container has
//! too: a compression bomb is refused before it is inflated in memory
//! (`streams.rs`). Streams packed inside object streams are inflated
//! by lopdf as it parses the file, before that check.
//!
//! One concept per file: `mod.rs` reads a file (panics caught, limits)
//! and holds the [`Line`] the others share; `streams.rs` measures the
//! compressed streams before anything is inflated; `lines.rs` collects
//! the characters pdf-extract draws into lines; `running.rs` drops the
//! running headers, footers and page numbers; `blocks.rs` makes the
//! lines blocks.

mod blocks;
mod lines;
mod running;
mod streams;

use std::cell::Cell;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Once;

use super::builder::TextBuilder;
use super::{Extracted, Layout};
use blocks::write;
use lines::pages;
use running::drop_running_lines;

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
// Every format's reader takes the bytes (`Format::reader`); this one only reads them.
#[allow(clippy::needless_pass_by_value)]
pub(super) fn read(bytes: Vec<u8>) -> Result<Extracted, String> {
    let pages = quietly(|| pages(&bytes)).unwrap_or_else(|panic| {
        let why = panic
            .downcast_ref::<&str>()
            .map(std::string::ToString::to_string)
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

#[cfg(test)]
mod tests {
    use super::*;

    pub(super) fn line(y: f64, size: f64, text: &str) -> Line {
        Line {
            y,
            size,
            cells: text.split('\t').map(String::from).collect(),
            ..Line::default()
        }
    }

    pub(super) fn text_of(pages: Vec<Vec<Line>>) -> (String, Vec<crate::document::Block>) {
        let mut out = TextBuilder::default();
        write(&mut out, drop_running_lines(pages));
        out.end();
        (out.text, out.blocks)
    }

    #[test]
    fn garbage_and_truncated_files_are_errors_not_panics() {
        for bytes in [&b"%PDF-1.4\n1 0 obj << /Type /Catalog"[..], b"", b"%PDF-"] {
            assert!(read(bytes.to_vec()).is_err());
        }
    }
}
