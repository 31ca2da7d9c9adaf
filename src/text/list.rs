//! What a list item line is: the one rule that sentence segmentation
//! (a list item starts a sentence) and the HTML handouts (a list item is
//! an `<li>`) both use.
//!
//! A line is a list item when, after its leading white space, it starts
//! with
//!
//! * a bullet: `•`, `◦`, `▪`, `○` or `·`, with or without a space after;
//! * `-`, `*` or `–` followed by a space or a tab (so `-5 degrees` and
//!   `**Bold**` are not items);
//! * a number of one to three digits followed by `)` or `.` and then a
//!   space or a tab, or the end of the line (`1)`, `12. `; not `1924. `,
//!   which is a year, nor `0.5`).
//!
//! Markdown headings (`#`) and quotes (`>`), and the rows of key-dates
//! tables, are not list items; sentence segmentation has rules of its own
//! for them (see `segment::blocks`).

/// The bullets that mark a list item on their own.
const BULLETS: [char; 5] = ['•', '◦', '▪', '○', '·'];

/// The markers that mark a list item when a space or tab follows.
const DASHES: [char; 3] = ['-', '*', '–'];

/// Does `line` (a line without its line break) start a list item (see the
/// module documentation)?
pub(crate) fn is_list_item(line: &str) -> bool {
    let line = line.trim_start();
    let Some(first) = line.chars().next() else {
        return false;
    };
    let spaced = |rest: &str| rest.is_empty() || rest.starts_with([' ', '\t']);
    if BULLETS.contains(&first) {
        return true;
    }
    if DASHES.contains(&first) {
        let rest = &line[first.len_utf8()..];
        return !rest.is_empty() && spaced(rest);
    }
    let digits = line.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && line[digits..].strip_prefix([')', '.']).is_some_and(spaced)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The rule's cases: each line, and whether it is a list item.
    const CASES: &[(&str, bool)] = &[
        ("• bullet", true),
        ("•bullet", true),
        ("  ◦ indented", true),
        ("▪ square", true),
        ("○ circle", true),
        ("· middle dot", true),
        ("- dash", true),
        ("-\ttab", true),
        ("* star", true),
        ("– en dash", true),
        ("1) one", true),
        ("1)", true),
        ("12. twelve", true),
        ("123.\tthree digits", true),
        ("-5 degrees", false),
        ("-", false),
        ("**Bold**", false),
        ("*emphasis* and more", false),
        ("—em dash", false),
        ("# Heading", false),
        ("> quoted", false),
        ("1924. A year", false),
        ("1924\tDeath of Lenin", false),
        ("1924 – Death of Lenin", false),
        ("0.5 metres", false),
        ("1)x", false),
        ("12.5%", false),
        ("", false),
        ("   ", false),
        ("Plain text", false),
    ];

    #[test]
    fn list_items_follow_the_table() {
        for &(line, item) in CASES {
            assert_eq!(is_list_item(line), item, "{line:?}");
        }
    }
}
