//! Quotes: the passage of a sentence around a span, cut to about a line,
//! that the glossary and timeline pages show for each occurrence; and
//! [`Quotes`], a build's quotes and spellings made once for its two
//! glossaries. Text is made plain and one-line by [`super::text`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::ops::Range;
use std::slice;

use rayon::prelude::*;

use super::text::{spellings, with_plain_pieces};
use crate::glossary::{Glossary, GlossaryEntry, Occurrence};

/// The last `n` characters of `text`.
fn last_chars(text: &str, n: usize) -> &str {
    match n.checked_sub(1) {
        None => "",
        Some(skip) => text
            .char_indices()
            .nth_back(skip)
            .map_or(text, |(at, _)| &text[at..]),
    }
}

/// The first `n` characters of `text`.
fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices()
        .nth(n)
        .map_or(text, |(at, _)| &text[..at])
}

/// Characters in a passage quoted on the glossary and timeline pages.
const QUOTE_WIDTH: usize = 110;

/// A passage quoted around a span on the glossary and timeline pages, at
/// most about [`QUOTE_WIDTH`] characters: the text before the span, the
/// span and the text after it, in one string.
#[derive(Clone)]
pub(crate) struct Quote {
    text: String,
    /// Where the middle part starts and ends in `text`.
    mid: [usize; 2],
}

impl Quote {
    /// The passage of the sentence `context` (starting at byte
    /// `context_start` of the document) around its byte range `span`.
    pub(crate) fn of(context: &str, context_start: usize, span: Range<usize>) -> Quote {
        Quote::around(context, context_start, span, QUOTE_WIDTH)
    }

    /// A short quote of the sentence `context` around `span`, as plain
    /// text (see [`super::text::plain`]), at most about `width`
    /// characters, with `…` where cut. `span` is a byte range of the
    /// document and `context` starts at its byte `context_start`.
    ///
    /// Every span lies inside its sentence (see
    /// [`crate::annotate::Annotation`]); one that does not is cut to it.
    ///
    /// The sentence is made plain in the thread's buffer
    /// ([`with_plain_pieces`]) and only what is kept of it copied, into a
    /// string of its size: the build holds 160,000 quotes.
    fn around(context: &str, context_start: usize, span: Range<usize>, width: usize) -> Quote {
        let at = within(context, context_start, span);
        with_plain_pieces(context, slice::from_ref(&at), |pieces| {
            // `within` gives a range of the context: three pieces.
            let plain = pieces.text();
            let start = pieces.get(0).len();
            let end = start + pieces.get(1).len();
            let side = width.saturating_sub(end - start) / 2;
            let (before, after) = (&plain[..start], &plain[end..]);
            // Where what is kept of the text before starts, if cut: the whole
            // words after the cut's first white space (the partial word at
            // the cut dropped).
            let from = (before.chars().count() > side).then(|| {
                let cut = before.len() - last_chars(before, side).len();
                match before[cut..].find(char::is_whitespace) {
                    Some(space) => before.len() - before[cut + space..].trim_start().len(),
                    None => before.len(),
                }
            });
            // Where what is kept of the text after ends, if cut.
            let to = (after.chars().count() > side).then(|| {
                let cut = first_chars(after, side).len();
                let kept = after[..cut].rfind(char::is_whitespace).unwrap_or(0);
                end + after[..kept].trim_end().len()
            });
            let kept = &plain[from.unwrap_or(0)..to.unwrap_or(plain.len())];
            let cuts = usize::from(from.is_some()) + usize::from(to.is_some());
            let mut text = String::with_capacity(kept.len() + cuts * '…'.len_utf8());
            if from.is_some() {
                text.push('…');
            }
            let mid_start = text.len() + start - from.unwrap_or(0);
            text.push_str(kept);
            if to.is_some() {
                text.push('…');
            }
            Quote {
                text,
                mid: [mid_start, mid_start + end - start],
            }
        })
    }

    /// The passage of an occurrence of a glossary.
    fn of_occurrence(occurrence: &Occurrence) -> Quote {
        Quote::of(
            &occurrence.context,
            occurrence.sentence[0],
            occurrence.start..occurrence.end,
        )
    }

    /// The text before the span, the span, the text after it.
    pub(crate) fn parts(&self) -> (&str, &str, &str) {
        let [start, end] = self.mid;
        (
            &self.text[..start],
            &self.text[start..end],
            &self.text[end..],
        )
    }
}

/// A glossary and the quotes of the occurrences it lists, and the
/// spellings of its entries, for its pages: made once for the HTML and the
/// Markdown glossary of a build ([`Quotes::of`]), or as each entry is
/// written ([`Quotes::as_written`]), which holds none.
pub struct Quotes<'g> {
    glossary: &'g Glossary,
    /// Each entry's place in the glossary and the index in `made` of its
    /// first quote, by the entry's id.
    first: HashMap<&'g str, (usize, usize)>,
    /// The quotes of every entry's occurrences, in order.
    made: Vec<Quote>,
    /// Each entry's [`spellings`], in glossary order.
    spelled: Vec<Vec<String>>,
}

impl<'g> Quotes<'g> {
    /// Every quote and spelling of `glossary`, made now, on the current
    /// rayon pool.
    pub fn of(glossary: &'g Glossary) -> Quotes<'g> {
        let entries = glossary.entries();
        let mut first = HashMap::with_capacity(entries.len());
        let mut quotes = 0;
        for (n, entry) in entries.iter().enumerate() {
            first.insert(entry.id.as_str(), (n, quotes));
            quotes += entry.occurrences.len();
        }
        let made = entries
            .par_iter()
            .flat_map_iter(|entry| entry.occurrences.iter().map(Quote::of_occurrence))
            .collect();
        let spelled = entries.par_iter().map(spellings).collect();
        Quotes {
            glossary,
            first,
            made,
            spelled,
        }
    }

    /// No quote made yet: each is made when its entry is written.
    pub fn as_written(glossary: &'g Glossary) -> Quotes<'g> {
        Quotes {
            glossary,
            first: HashMap::new(),
            made: Vec::new(),
            spelled: Vec::new(),
        }
    }

    /// The glossary.
    pub fn glossary(&self) -> &'g Glossary {
        self.glossary
    }

    /// The quotes of `entry`'s occurrences, in order: made before, or now.
    pub(crate) fn of_entry(&self, entry: &GlossaryEntry) -> Cow<'_, [Quote]> {
        let made = self
            .first
            .get(entry.id.as_str())
            .and_then(|&(_, first)| self.made.get(first..first + entry.occurrences.len()));
        match made {
            Some(quotes) => Cow::Borrowed(quotes),
            None => Cow::Owned(entry.occurrences.iter().map(Quote::of_occurrence).collect()),
        }
    }

    /// The [`spellings`] of `entry`: made before, or now.
    pub(crate) fn spellings_of(&self, entry: &GlossaryEntry) -> Cow<'_, [String]> {
        let made = self
            .first
            .get(entry.id.as_str())
            .and_then(|&(n, _)| self.spelled.get(n));
        match made {
            Some(spelled) => Cow::Borrowed(spelled),
            None => Cow::Owned(spellings(entry)),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::text::one_line;
    use proptest::prelude::*;

    fn quote(context: &str, start: usize, span: Range<usize>) -> [String; 3] {
        let quote = Quote::around(context, start, span, 30);
        let (before, mid, after) = quote.parts();
        [before, mid, after].map(str::to_owned)
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

    /// A build's quotes hold each entry's spellings, made once for the two
    /// glossaries that show them, as they would be made when written.
    #[test]
    fn quotes_made_once_hold_the_spellings_made_as_written() {
        use crate::annotate::Annotator;
        use crate::input::Document;
        use crate::lexicon::Lexicon;
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let mut glossary = Glossary::new(3);
        let doc = Document::new(
            "d".into(),
            "d.txt".into(),
            "Lenin and LENIN met Stalin. Then **Stalin** won.".into(),
        );
        glossary.add(&doc, &annotator.annotate(&doc), annotator.lexicon());
        let (made, as_written) = (Quotes::of(&glossary), Quotes::as_written(&glossary));
        assert!(glossary.entries().len() >= 2);
        for entry in glossary.entries() {
            assert!(matches!(made.spellings_of(entry), Cow::Borrowed(_)));
            assert_eq!(made.spellings_of(entry), as_written.spellings_of(entry));
            assert_eq!(*made.spellings_of(entry), spellings(entry));
        }
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
        #[test]
        fn any_range_quotes_without_panic(
            context in "[a ,.é\n😀–]{0,40}",
            start in prop_oneof![0..50_usize, Just(usize::MAX)],
            from in prop_oneof![0..100_usize, Just(usize::MAX)],
            to in prop_oneof![0..100_usize, Just(usize::MAX)],
            width in 0..60_usize,
        ) {
            let quote = Quote::around(&context, start, from..to, width);
            let (before, mid, after) = quote.parts();
            let quoted = format!("{before}{mid}{after}");
            prop_assert!(quoted.chars().count() <= one_line(&context).chars().count() + 4);
        }
    }
}
