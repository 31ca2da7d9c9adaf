//! Small text helpers shared by the human-readable renderers.
//!
//! They take offsets as they come, from an annotation or a partial that a
//! user may have edited by hand, and never panic on them: a range outside
//! its sentence, reversed, or inside a character is clamped to the
//! sentence and to character boundaries.

use std::ops::Range;

/// Collapses every run of white space (line breaks included) to one space.
pub(crate) fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A short quote of the sentence `context` around `span`, at most about
/// `width` characters, with `…` where cut. `span` is a byte range of the
/// document and `context` starts at its byte `context_start`. The three
/// parts are returned separately so a renderer can mark the middle.
///
/// Every span lies inside its sentence (see
/// [`crate::annotate::Annotation`]); one that does not is cut to it.
pub(crate) fn quote_around(
    context: &str,
    context_start: usize,
    span: Range<usize>,
    width: usize,
) -> (String, String, String) {
    let at = within(context, context_start, span);
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

/// The document's byte range `span`, relative to `context` (which starts at
/// byte `context_start`), cut to `context` and to its character boundaries.
fn within(context: &str, context_start: usize, span: Range<usize>) -> Range<usize> {
    let relative = |offset: usize| {
        let mut at = offset.saturating_sub(context_start).min(context.len());
        while !context.is_char_boundary(at) {
            at -= 1;
        }
        at
    };
    let start = relative(span.start);
    start..relative(span.end).max(start)
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
    use proptest::prelude::*;

    fn quote(context: &str, start: usize, span: Range<usize>) -> [String; 3] {
        let (before, mid, after) = quote_around(context, start, span, 30);
        [before, mid, after]
    }

    #[test]
    fn quotes_are_cut_around_the_span() {
        let context =
            "In 1921 Lenin\nintroduced the NEP to end the crisis of War Communism quickly.";
        let at = 100 + context.find("NEP").unwrap();
        assert_eq!(
            quote(context, 100, at..at + 3),
            ["…the ", "NEP", " to end the…"]
        );
        assert_eq!(quote("the NEP", 0, 4..7), ["the ", "NEP", ""]);
    }

    #[test]
    fn ranges_outside_the_sentence_are_cut_to_it() {
        assert_eq!(quote("Red", 0, 0..10), ["", "Red", ""]);
        assert_eq!(quote("Terror", 4, 0..10), ["", "Terror", ""]);
        let reversed = Range { start: 13, end: 1 };
        assert_eq!(quote("ab", 10, reversed), ["ab", "", ""]);
        // Inside the two bytes of `é`.
        assert_eq!(quote("é b", 0, 1..4), ["", "é b", ""]);
        assert_eq!(quote("", usize::MAX, 0..usize::MAX), ["", "", ""]);
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        #[test]
        fn any_range_quotes_without_panic(
            context in "[a ,.é\n😀–]{0,40}",
            start in prop_oneof![0..50_usize, Just(usize::MAX)],
            from in prop_oneof![0..100_usize, Just(usize::MAX)],
            to in prop_oneof![0..100_usize, Just(usize::MAX)],
            width in 0..60_usize,
        ) {
            let (before, mid, after) = quote_around(&context, start, from..to, width);
            let quoted = format!("{before}{mid}{after}");
            prop_assert!(quoted.chars().count() <= one_line(&context).chars().count() + 4);
        }
    }
}
