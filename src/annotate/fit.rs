//! Where each span sits: the sentence that holds it (the segmenter's
//! sentences, joined where a span crosses them) and its code point offsets.
//!
//! The annotator (`annotate/mod.rs`) runs these last, on spans sorted by
//! start; they keep the rule that every span lies inside exactly one
//! sentence (see [`Annotation`](super::Annotation)).

use std::ops::Range;

use super::span::Span;
use crate::text::CharCursor;

/// The `sentences` (in order and disjoint), with those that a span crosses
/// joined, so that every span lies inside exactly one; sets each span's
/// `sentence` to the index of that one. `spans` are sorted by start.
///
/// One sweep over both lists. A span that starts outside every sentence
/// (the segmenter trims only white space, so none does today) gets a
/// sentence of its own, joined with any sentence it reaches into.
pub(super) fn fit_sentences(sentences: Vec<Range<usize>>, spans: &mut [Span]) -> Vec<Range<usize>> {
    let mut fitted: Vec<Range<usize>> = Vec::with_capacity(sentences.len());
    let mut sentences = sentences.into_iter().peekable();
    for span in spans {
        while let Some(sentence) = sentences.next_if(|s| s.start <= span.start) {
            push_joined(&mut fitted, sentence);
        }
        match fitted.last_mut() {
            Some(last) if span.start < last.end => last.end = last.end.max(span.end),
            _ => fitted.push(span.start..span.end),
        }
        // Sentences that the span reaches into join its own.
        while let Some(sentence) = sentences.next_if(|s| s.start < span.end) {
            push_joined(&mut fitted, sentence);
        }
        span.sentence = fitted.len() - 1;
    }
    for sentence in sentences {
        push_joined(&mut fitted, sentence);
    }
    fitted
}

/// Appends `sentence` to `fitted`, or joins it to the last one if that
/// one, stretched over a span, reaches past its start.
fn push_joined(fitted: &mut Vec<Range<usize>>, sentence: Range<usize>) {
    match fitted.last_mut() {
        Some(last) if sentence.start < last.end => last.end = last.end.max(sentence.end),
        _ => fitted.push(sentence),
    }
}

/// Fills `char_start`/`char_end` in one pass through the text (`spans` are
/// sorted by start); returns the text's length in code points, counted on
/// the way.
pub(super) fn assign_char_offsets(text: &str, spans: &mut [Span]) -> usize {
    let mut cursor = CharCursor::new(text);
    for span in spans {
        span.char_start = cursor.advance_to(span.start);
        span.char_end = span.char_start + cursor.chars_ahead(span.start..span.end);
    }
    cursor.advance_to(text.len())
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::annotate::Annotator;
    use crate::document::Document;
    use crate::lexicon::Lexicon;

    /// The sentences of `text` after fitting them to spans at `ranges`, as
    /// text, and each span's sentence.
    fn fitted(
        text: &str,
        sentences: &[Range<usize>],
        ranges: &[Range<usize>],
    ) -> (Vec<String>, Vec<usize>) {
        let mut spans: Vec<Span> = ranges
            .iter()
            .map(|r| Span::bare(text, r.start, r.end))
            .collect();
        let fitted = fit_sentences(sentences.to_vec(), &mut spans);
        let texts = fitted.into_iter().map(|r| text[r].to_string()).collect();
        (texts, spans.iter().map(|s| s.sentence).collect())
    }

    #[test]
    fn sentences_that_a_span_crosses_are_joined() {
        let text = "Lenin died. The Five-Year\nPlan began. Then. More";
        let sentences = [0..11, 12..25, 26..37, 38..43, 44..48];
        let (got, of) = fitted(text, &sentences, &[0..5, 16..30, 44..48]);
        assert_eq!(
            got,
            ["Lenin died.", "The Five-Year\nPlan began.", "Then.", "More"]
        );
        assert_eq!(of, [0, 1, 3]);
        // One span over three sentences, a date nested in it, and a span
        // outside every sentence.
        let text = "a. b. c. d";
        let (got, of) = fitted(text, &[0..2, 3..5, 6..8], &[0..7, 3..4, 9..10]);
        assert_eq!(got, ["a. b. c.", "d"]);
        assert_eq!(of, [0, 0, 1]);
    }

    #[test]
    fn spans_lie_inside_their_sentence_on_the_reproducers() {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        for text in [
            "Lenin died.\nThe Five-Year\nPlan began.\n",
            "Red\nTerror",
            "Lenin died [Jan. 1924].\n",
            "- [E. H. Carr, The Russian Revolution](https://example.org)\n",
        ] {
            let doc = Document::new("d".into(), "d.txt".into(), text.into());
            let annotation = annotator.annotate(&doc);
            assert!(!annotation.spans.is_empty(), "{text:?}");
            for span in &annotation.spans {
                let [start, end] = annotation.sentences[span.sentence];
                assert!(
                    start <= span.start && span.end <= end,
                    "{text:?}: {span:?} in {start}..{end}"
                );
            }
        }
    }
}
