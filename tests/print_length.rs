//! Print length (issue 18 item 5), measured on paper as a browser prints
//! it: headless Chromium's `--print-to-pdf`, counted with poppler's
//! `pdfinfo` and read with `pdftotext`, on Letter (Chromium's default) and
//! on A4. A one-page source prints in at most two pages of handout, whose
//! "Terms in this handout" heading never ends a page; the compact glossary
//! holds about 40 terms a page; a worksheet gives each exercise and the
//! answer key a page of its own (issue 18 item 2: one page each).
//!
//! Skipped, with a loud message, where Chromium or poppler-utils is
//! missing (`.ci/run` installs both).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::html_browser::{browser, headless, on_path};
use crate::util::{glossator, repo};

/// The papers: a name, and the `@page` size that selects it (none:
/// Chromium's default, Letter).
const PAPERS: [(&str, Option<&str>); 2] = [("Letter", None), ("A4", Some("A4"))];

/// The one-page source: notes of about 380 words.
const ONE_PAGE: &str = "tests/data/print/one-page-notes.txt";

struct Tools {
    browser: PathBuf,
    pdfinfo: PathBuf,
    pdftotext: PathBuf,
}

/// The browser and poppler's tools, or `None` after saying what is
/// missing.
fn tools(what: &str) -> Option<Tools> {
    let found = (browser(), on_path(&["pdfinfo"]), on_path(&["pdftotext"]));
    if let (Some(browser), Some(pdfinfo), Some(pdftotext)) = found {
        Some(Tools {
            browser,
            pdfinfo,
            pdftotext,
        })
    } else {
        eprintln!(
            "SKIPPED: {what} was not printed: needs chromium (or chromium-browser, \
             google-chrome) and poppler-utils (pdfinfo, pdftotext) on PATH"
        );
        None
    }
}

impl Tools {
    /// `page` printed on `paper` into `dir`: the PDF.
    fn print(&self, page: &Path, paper: Option<&str>, dir: &Path) -> PathBuf {
        let name = page.file_stem().unwrap().to_string_lossy().to_string();
        let page = match paper {
            None => page.to_path_buf(),
            Some(size) => {
                let html = std::fs::read_to_string(page).unwrap();
                let sized = format!("<style>@page {{ size: {size}; }}</style></head>");
                let copy = dir.join(format!("{name}-{size}.html"));
                std::fs::write(&copy, html.replacen("</head>", &sized, 1)).unwrap();
                copy
            }
        };
        let pdf = dir.join(format!("{name}-{}.pdf", paper.unwrap_or("default")));
        let args = [
            format!("--print-to-pdf={}", pdf.display()),
            "--no-pdf-header-footer".to_string(),
        ];
        headless(&self.browser, &args, &page, Stdio::null());
        assert!(pdf.is_file(), "{} printed no PDF", page.display());
        pdf
    }

    /// The number of pages of `pdf`.
    fn pages(&self, pdf: &Path) -> usize {
        let out = Command::new(&self.pdfinfo).arg(pdf).output().unwrap();
        let info = String::from_utf8_lossy(&out.stdout);
        let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
        line["Pages:".len()..].trim().parse().unwrap()
    }

    /// The text of page `n` (from 1) of `pdf`.
    fn text(&self, pdf: &Path, n: usize) -> String {
        let n = n.to_string();
        let out = Command::new(&self.pdftotext)
            .args(["-layout", "-f", &n, "-l", &n])
            .arg(pdf)
            .arg("-")
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).to_string()
    }
}

/// `build` of `input` into `dir`.
fn build(input: &Path, dir: &Path) {
    glossator()
        .arg("build")
        .arg(input)
        .arg("--out")
        .arg(dir)
        .assert()
        .success();
}

#[test]
fn a_one_page_source_prints_in_two_pages_with_its_terms_heading_kept_with_them() {
    let Some(tools) = tools("the one-page handout") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let source = repo().join(ONE_PAGE);
    // The source itself, as a word processor sets it (11 pt, 20 mm
    // margins), is one page.
    let text = std::fs::read_to_string(&source).unwrap();
    let plain = dir.path().join("source.html");
    std::fs::write(
        &plain,
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><style>@page {{ margin: 20mm; }} \
             body {{ margin: 0; font: 11pt/1.3 Georgia, serif; }} pre {{ font: inherit; \
             white-space: pre-wrap; margin: 0; }}</style></head><body><pre>{}</pre></body></html>",
            text.replace('&', "&amp;").replace('<', "&lt;")
        ),
    )
    .unwrap();
    let site = dir.path().join("site");
    build(&source, &site);
    let handout = site.join("handouts/one-page-notes.html");
    for (paper, size) in PAPERS {
        let pdf = tools.print(&plain, size, dir.path());
        assert_eq!(tools.pages(&pdf), 1, "the source is one page on {paper}");
        let pdf = tools.print(&handout, size, dir.path());
        let pages = tools.pages(&pdf);
        assert!(pages <= 2, "{pages} pages of handout on {paper}");
        // The heading is followed by a term on its page.
        let (n, page) = (1..=pages)
            .map(|n| (n, tools.text(&pdf, n)))
            .find(|(_, text)| text.contains("Terms in this handout"))
            .unwrap_or_else(|| panic!("no terms heading on {paper}"));
        let after = page.split_once("Terms in this handout").unwrap().1;
        assert!(
            after.split_whitespace().count() >= 3,
            "the heading ends page {n} on {paper}:\n{page}"
        );
    }
}

#[test]
fn the_compact_glossary_prints_about_forty_terms_a_page() {
    let Some(tools) = tools("the compact glossary") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    build(&repo().join("corpus"), &site);
    let page = site.join("glossary-compact.html");
    let terms = std::fs::read_to_string(&page)
        .unwrap()
        .matches("<tr>")
        .count();
    assert!(terms > 200, "{terms} terms");
    for (paper, size) in PAPERS {
        let pages = tools.pages(&tools.print(&page, size, dir.path()));
        // About 40 a page (at least 35, fonts differ), the rest on one more.
        assert!(
            pages * 35 <= terms + 35,
            "{terms} terms on {pages} pages of {paper}: {} a page",
            terms / pages
        );
    }
}

#[test]
fn a_worksheet_prints_one_page_per_exercise_and_one_for_the_key() {
    let Some(tools) = tools("the worksheet") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let sheets = dir.path().join("sheets");
    glossator()
        .arg("worksheet")
        .arg(repo().join(ONE_PAGE))
        .arg("--out")
        .arg(&sheets)
        .assert()
        .success();
    let page = sheets.join("worksheet.html");
    let headings = [
        "Fill the gaps",
        "Match each term to its definition",
        "Put these events in order",
        "Answer key",
    ];
    for (paper, size) in PAPERS {
        let pdf = tools.print(&page, size, dir.path());
        assert_eq!(tools.pages(&pdf), headings.len(), "pages on {paper}");
        for (n, heading) in (1..).zip(headings) {
            let text = tools.text(&pdf, n);
            assert!(text.contains(heading), "page {n} on {paper}:\n{text}");
        }
    }
}
