//! Flashcard fields written in HTML, as Anki stores and exports them
//! (`<b>kulak</b>`, `workers &amp; peasants<br>`), turned into the plain
//! text a lexicon entry holds.
//!
//! Tags are dropped; those that break a line or a block (`<br>`, `<div>`,
//! `<p>`, `<li>` …) become a space, inline ones (`<b>`, `<span>`) nothing,
//! so `Sta<b>lin</b>` stays one word. What `<style>` and `<script>` hold is
//! dropped with them, and comments too. Character references are resolved
//! with HTML's names (`&nbsp;`, `&ndash;`), and runs of white space
//! (no-break spaces included) become one space. A `<` that does not start
//! a tag (`a < b`) is text, as browsers read it.

use quick_xml::escape::resolve_html5_entity;

use crate::text::resolve_references;

/// The text of an HTML field, trimmed, white space collapsed.
pub(super) fn to_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        if let Some(tag) = tag(rest) {
            if tag.breaks {
                text.push(' ');
            }
            rest = &rest[tag.len..];
        } else {
            text.push('<');
            rest = &rest[1..];
        }
    }
    text.push_str(rest);
    collapse_white_space(&resolve_references(&text, resolve_html5_entity))
}

/// Whether a field looks like HTML: it has a tag (`<b>`, `</div>`,
/// `<br/>`) or a named or numeric character reference. Anki decides the
/// same way when a file does not say (`#html:`).
pub(super) fn looks_like_html(field: &str) -> bool {
    let has_tag = field
        .match_indices('<')
        .any(|(at, _)| tag(&field[at..]).is_some());
    let has_reference = field.match_indices('&').any(|(at, _)| {
        let after = &field[at + 1..];
        let name_end = after
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(after.len());
        name_end > 0 && after[name_end..].starts_with(';')
    });
    has_tag || has_reference
}

/// A tag at the start of some text: how many bytes it (and, for `style`
/// and `script`, what it holds) takes, and whether it breaks a line.
struct Tag {
    len: usize,
    breaks: bool,
}

/// The tag `text` starts with, if `text` starts with `<` and then a
/// letter, `/` and a letter, or `!` (a comment or doctype), and has a `>`
/// to end it.
fn tag(text: &str) -> Option<Tag> {
    let inner = text.strip_prefix('<')?;
    if let Some(comment) = inner.strip_prefix("!--") {
        let end = comment.find("-->")?;
        return Some(Tag {
            len: 4 + end + 3,
            breaks: false,
        });
    }
    let (closing, name_at) = match inner.strip_prefix('/') {
        Some(_) => (true, 1),
        None => (false, 0),
    };
    let first = inner[name_at..].chars().next()?;
    if !(first.is_ascii_alphabetic() || (!closing && first == '!')) {
        return None;
    }
    let end = inner.find('>')? + 2;
    let name: String = inner[name_at..]
        .chars()
        .take_while(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect();
    let mut len = end;
    if !closing && matches!(name.as_str(), "style" | "script") {
        // What they hold is not text: skip to their end tag (or the end).
        let close = format!("</{name}");
        let body = &text[end..];
        len += body
            .to_ascii_lowercase()
            .find(&close)
            .map_or(body.len(), |at| {
                at + body[at..].find('>').map_or(body.len() - at, |gt| gt + 1)
            });
    }
    let breaks = matches!(
        name.as_str(),
        "br" | "div"
            | "p"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "hr"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "dd"
            | "dt"
    );
    Some(Tag { len, breaks })
}

/// `text` trimmed, each run of white space (no-break spaces too) one space.
pub(super) fn collapse_white_space(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split(char::is_whitespace).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_go_and_references_are_resolved() {
        let cases = [
            ("<b>kulak</b>", "kulak"),
            ("Sta<b>lin</b>", "Stalin"),
            (
                "workers &amp; peasants<br>the NEP",
                "workers & peasants the NEP",
            ),
            ("families,<div>1930–1933.</div>", "families, 1930–1933."),
            ("(1878&nbsp;&ndash;&nbsp;1953)", "(1878 – 1953)"),
            (
                "<div><span style=\"color: red\">Gosplan</span></div>",
                "Gosplan",
            ),
            ("a < b and c<d", "a < b and c<d"),
            ("x <!-- note --> y", "x y"),
            ("<style>.c { color: red }</style>Kirov", "Kirov"),
            ("<SCRIPT>alert(1)</Script>Kirov<br/>", "Kirov"),
            ("unclosed <b", "unclosed <b"),
            ("<script>never closed", ""),
            ("&bogus; &#65; & &", "&bogus; A & &"),
            ("  \t spaced\n\nout  ", "spaced out"),
        ];
        for (html, text) in cases {
            assert_eq!(to_text(html), text, "{html:?}");
        }
    }

    #[test]
    fn html_is_recognised_by_its_tags_and_references() {
        for html in [
            "<b>x</b>",
            "a<br/>b",
            "</div>",
            "&amp;",
            "&#8211;",
            "<!-- c -->",
        ] {
            assert!(looks_like_html(html), "{html:?}");
        }
        for text in ["a < b", "x & y", "<3", "1 <2", "Q&A"] {
            assert!(!looks_like_html(text), "{text:?}");
        }
    }
}
