//! Links in running text: web addresses, e-mail addresses and file names.
//! Their words and digits are not mentions: `Leon_Trotsky_1924.jpg` names
//! no person and no year, and `https://example.org/1929-purges.html` no
//! event. The annotator drops every span, entry or date, that overlaps a
//! region [`link_regions`] finds; this is the one place that says what a
//! link is.
//!
//! A link is a *token* (a run of characters other than white space,
//! brackets and quotes, without the punctuation that ends a sentence or a
//! clause after it) that
//!
//! * has a scheme (`https://`, `ftp://`, any letters then `://`), or starts
//!   with `www.`;
//! * is an e-mail address: text, `@`, then a domain (`name.tld`);
//! * starts with a domain and a path: `example.org/rome/wall`, where the
//!   domain's last label is two to six lower-case letters;
//! * is a bare domain with a common top-level domain: `example.com`;
//! * ends with a known file extension after a dot: `img/ukraine-1932.png`,
//!   `notes.docx` (the extension in any case).
//!
//! `1917/18`, `Oct/Nov`, `e.g.`, `p.1924`, `St.Petersburg` and `U.S.` are
//! not links.

use std::ops::Range;

/// The byte ranges of the links in `text`, sorted and disjoint.
///
/// ```
/// use glossator::text::link_regions;
///
/// let text = "See img/ukraine-1932.png and https://example.org/1929-purges.html, in 1932.";
/// let found: Vec<&str> = link_regions(text).into_iter().map(|r| &text[r]).collect();
/// assert_eq!(found, ["img/ukraine-1932.png", "https://example.org/1929-purges.html"]);
/// ```
pub fn link_regions(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut regions: Vec<Range<usize>> = Vec::new();
    let mut at = 0;
    // Every link holds a `/`, an `@` or a `.`; only tokens around one are
    // looked at. (`memchr3` looks for them many bytes at a time: the
    // periods of prose make this a scan of the whole text.)
    while let Some(trigger) = memchr::memchr3(b'/', b'@', b'.', &bytes[at..]).map(|i| at + i) {
        // Every trigger of a token gives the same token: look at it once.
        let (token, token_end) = token_around(text, trigger);
        if is_link(&text[token.clone()]) {
            regions.push(token);
        }
        at = token_end;
    }
    regions
}

/// Does `range` overlap one of the sorted, disjoint `regions`?
pub fn overlaps_any(regions: &[Range<usize>], range: Range<usize>) -> bool {
    let after = regions.partition_point(|r| r.end <= range.start);
    regions.get(after).is_some_and(|r| r.start < range.end)
}

/// Characters that end a token: white space, brackets, quotes, and the
/// angle brackets around `<https://…>`.
fn ends_token(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '(' | ')'
                | '['
                | ']'
                | '{'
                | '}'
                | '<'
                | '>'
                | '"'
                | '\u{1e}'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
        )
}

/// The token holding the byte at `at` (an ASCII byte), without the
/// punctuation that ends a sentence or clause after it, and where the
/// token ends with that punctuation (past `at`).
fn token_around(text: &str, at: usize) -> (Range<usize>, usize) {
    let start = text[..at]
        .char_indices()
        .rev()
        .find(|&(_, c)| ends_token(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = text[at..]
        .char_indices()
        .find(|&(_, c)| ends_token(c))
        .map_or(text.len(), |(i, _)| at + i);
    let trimmed = text[start..end].trim_end_matches(['.', ',', ';', ':', '!', '?', '\'']);
    (start..start + trimmed.len(), end.max(at + 1))
}

/// Is the token `token` a link (see the module documentation)?
///
/// Every kind of link holds a `/`, an `@` or a `.`, which the token may
/// have lost with the punctuation after it: the word before a sentence's
/// period, nearly every token looked at, is passed over at once.
fn is_link(token: &str) -> bool {
    if memchr::memchr3(b'/', b'@', b'.', token.as_bytes()).is_none() {
        return false;
    }
    has_scheme(token)
        || starts_with_ignore_case(token, "www.")
        || is_email(token)
        || has_file_extension(token)
        || match token.split_once('/') {
            Some((host, _)) => is_domain(host),
            None => is_domain(token) && has_common_tld(token),
        }
}

fn starts_with_ignore_case(text: &str, prefix: &str) -> bool {
    text.get(..prefix.len())
        .is_some_and(|start| start.eq_ignore_ascii_case(prefix))
}

/// Letters, then `://`.
fn has_scheme(token: &str) -> bool {
    token.split_once("://").is_some_and(|(scheme, _)| {
        !scheme.is_empty() && scheme.bytes().all(|b| b.is_ascii_alphabetic())
    })
}

/// `local@domain`.
fn is_email(token: &str) -> bool {
    token
        .split_once('@')
        .is_some_and(|(local, domain)| !local.is_empty() && is_domain(domain))
}

/// Labels of ASCII letters, digits and hyphens joined by dots, at least
/// two, the last two to six lower-case letters: `example.org`,
/// `mail.history.ac.uk`.
fn is_domain(host: &str) -> bool {
    let Some((labels, tld)) = host.rsplit_once('.') else {
        return false;
    };
    let tld_ok = (2..=6).contains(&tld.len()) && tld.bytes().all(|b| b.is_ascii_lowercase());
    let label_ok = |label: &str| {
        !label.is_empty()
            && label
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-')
    };
    tld_ok && labels.split('.').all(label_ok)
}

/// Top-level domains common enough that a bare `name.tld` is taken for a
/// web address.
fn has_common_tld(host: &str) -> bool {
    const COMMON: [&str; 12] = [
        "com", "org", "net", "edu", "gov", "uk", "io", "info", "co", "ac", "ru", "de",
    ];
    host.rsplit_once('.')
        .is_some_and(|(_, tld)| COMMON.contains(&tld))
}

/// A name, a dot and a known extension: `Leon_Trotsky_1924.jpg`.
fn has_file_extension(token: &str) -> bool {
    const EXTENSIONS: [&str; 36] = [
        "jpg", "jpeg", "png", "gif", "bmp", "tif", "tiff", "svg", "webp", "heic", "pdf", "doc",
        "docx", "odt", "rtf", "txt", "md", "html", "htm", "xml", "json", "csv", "tsv", "xls",
        "xlsx", "ods", "ppt", "pptx", "odp", "epub", "mp3", "mp4", "wav", "mov", "avi", "zip",
    ];
    let Some((name, extension)) = token.rsplit_once('.') else {
        return false;
    };
    let name_ok = name
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '-');
    name_ok
        && EXTENSIONS
            .iter()
            .any(|known| known.eq_ignore_ascii_case(extension))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn links(text: &str) -> Vec<&str> {
        link_regions(text).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn finds_addresses_and_file_names() {
        let cases: [(&str, &[&str]); 12] = [
            ("see Leon_Trotsky_1924.jpg.", &["Leon_Trotsky_1924.jpg"]),
            ("(img/ukraine-1932.png)", &["img/ukraine-1932.png"]),
            (
                "at https://example.org/history/stalin/1929-purges.html, then",
                &["https://example.org/history/stalin/1929-purges.html"],
            ),
            (
                "the map on www.example.org/rome/antonine_wall_142.jpg.",
                &["www.example.org/rome/antonine_wall_142.jpg"],
            ),
            ("mail j.smith@school.ac.uk today", &["j.smith@school.ac.uk"]),
            ("example.edu/lenin-1924 and", &["example.edu/lenin-1924"]),
            ("visit example.com.", &["example.com"]),
            ("“notes 1924.DOCX”", &["1924.DOCX"]),
            ("<ftp://host/x>", &["ftp://host/x"]),
            ("a\u{1e}b.pdf", &["b.pdf"]),
            ("Москва/1937.txt", &["Москва/1937.txt"]),
            ("two: a.png b.png", &["a.png", "b.png"]),
        ];
        for (text, expected) in cases {
            assert_eq!(links(text), expected, "{text}");
        }
    }

    #[test]
    fn prose_punctuation_is_not_a_link() {
        for text in [
            "the harvest of 1917/18.",
            "25 Oct/7 Nov 1917",
            "e.g. the U.S. in 1924.",
            "see p.1924 and i.e. this",
            "St.Petersburg/Leningrad",
            "22/12/1922 and 22.12.1922",
            "and/or",
            "Jan./Feb. 1924",
            "him.Then",
            "@ 5 roubles",
            "..",
            "/",
            "a. b",
        ] {
            assert_eq!(links(text), Vec::<&str>::new(), "{text}");
        }
    }

    #[test]
    fn overlap_is_any_shared_byte() {
        let regions = [2..5, 9..12];
        assert!(overlaps_any(&regions, 4..6));
        assert!(overlaps_any(&regions, 0..3));
        assert!(overlaps_any(&regions, 10..11));
        assert!(!overlaps_any(&regions, 5..9));
        assert!(!overlaps_any(&regions, 0..2));
        assert!(!overlaps_any(&regions, 12..20));
        assert!(!overlaps_any(&[], 0..20));
    }
}
