//! Running headers and footers: the top or bottom line of a page that
//! repeats (digits aside) on half the pages, and lone page numbers, are
//! dropped before the lines become blocks (see the rules in `mod.rs`).

use super::blocks::body_size;
use super::Line;

/// The lines of `pages` without their running headers and footers and lone
/// page numbers (see the module's doc).
pub(super) fn drop_running_lines(mut pages: Vec<Vec<Line>>) -> Vec<Vec<Line>> {
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
            | ["page" | "p." | "p" | "pg." | "#", "#"]
            | ["#", "of" | "#", "#"]
            | ["page", "#", "of", "#"]
    )
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::pdf::tests::{line, text_of};
    use crate::document::SourcePlace;

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
    fn page_numbers_are_recognised() {
        for number in ["7", "- 7 -", "Page 7", "7 of 9", "Page 7 of 9", "7 / 9"] {
            assert!(is_page_number(number), "{number}");
        }
        for line in ["1929", "Chapter 7", "7 November 1917"] {
            assert!(!is_page_number(line), "{line}");
        }
    }
}
