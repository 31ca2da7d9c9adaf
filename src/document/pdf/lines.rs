//! The lines of each page: pdf-extract draws every character of a page
//! into an [`OutputDev`] of our own ([`Lines`]), which puts the
//! characters of one baseline in a [`Line`], its columns apart, and stops
//! at the reading limits.
//!
//! `running.rs` and `blocks.rs` then make these lines the document's
//! text and blocks.

use std::time::{Duration, Instant};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use super::streams::check_streams;
use super::{Line, CELL_GAP_EM, MAX_CHARS, MAX_PAGES, MAX_SECONDS};

/// The lines of each page of the PDF in `bytes`.
pub(super) fn pages(bytes: &[u8]) -> Result<Vec<Vec<Line>>, String> {
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
