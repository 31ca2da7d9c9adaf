//! Small text helpers shared by the human-readable renderers.

/// Collapses every run of white space (line breaks included) to one space.
pub fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A short quote of `context` around the byte range `at` (relative to
/// `context`), at most about `width` characters, with `…` where cut. The
/// three parts are returned separately so a renderer can mark the middle.
pub fn quote_around(
    context: &str,
    at: std::ops::Range<usize>,
    width: usize,
) -> (String, String, String) {
    let before = &context[..at.start];
    let after = &context[at.end..];
    let side = width.saturating_sub(at.len()) / 2;
    let before_chars = before.chars().count();
    let before = if before_chars > side {
        let cut: String = before.chars().skip(before_chars - side).collect();
        // Drop the partial word at the cut.
        let whole_words = cut
            .split_once(char::is_whitespace)
            .map_or("", |(_, rest)| rest);
        format!("…{}", whole_words.trim_start())
    } else {
        before.to_string()
    };
    let after = if after.chars().count() > side {
        let cut: String = after.chars().take(side).collect();
        let whole_words = cut
            .rsplit_once(char::is_whitespace)
            .map_or("", |(kept, _)| kept);
        format!("{}…", whole_words.trim_end())
    } else {
        after.to_string()
    };
    (
        one_line_keep_edges(&before),
        one_line(&context[at]),
        one_line_keep_edges(&after),
    )
}

/// Like [`one_line`] but keeps one space at either end if there was any.
fn one_line_keep_edges(text: &str) -> String {
    let lead = if text.starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail = if text.ends_with(char::is_whitespace) && !text.trim().is_empty() {
        " "
    } else {
        ""
    };
    format!("{lead}{}{trail}", one_line(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_are_cut_around_the_span() {
        let context =
            "In 1921 Lenin\nintroduced the NEP to end the crisis of War Communism quickly.";
        let at = context.find("NEP").unwrap();
        let (before, mid, after) = quote_around(context, at..at + 3, 30);
        assert_eq!(
            (before.as_str(), mid.as_str(), after.as_str()),
            ("…the ", "NEP", " to end the…")
        );
        let (before, _, after) = quote_around("the NEP", 4..7, 30);
        assert_eq!((before.as_str(), after.as_str()), ("the ", ""));
    }
}
