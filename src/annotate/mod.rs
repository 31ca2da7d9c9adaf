//! One document in, one [`Annotation`] out.
//!
//! The [`Annotator`] owns the lexicon, the compiled [`Matcher`] and the
//! [`DateTagger`]; it is built once and shared by every worker thread.
//! Annotating a document is a pure function of (lexicon, document):
//! normalize and match entries, tag dates, segment sentences, and assign
//! each span its sentence and code point offsets.
//!
//! One concept per file:
//!
//! * `mod.rs`: the [`Annotator`] and the steps of [`Annotator::annotate`];
//! * `annotation.rs`: [`Annotation`] and [`DocInfo`], the schema and the
//!   order rules an annotation read back is checked against;
//! * `span.rs`: [`Span`] and [`SpanKind`];
//! * `labels.rs`: every entry's id, name and kind, packed for the spans to
//!   borrow;
//! * `nest.rs`: nested hits kept and dropped with their outer ones,
//!   misspellings merged with the exact matches, dates kept inside or
//!   outside entries;
//! * `fit.rs`: sentences joined so that each span lies inside one, and the
//!   code point offsets.

mod annotation;
mod fit;
mod labels;
mod nest;
mod span;

use std::borrow::Cow;
use std::ops::Range;

use crate::dates::{DateMatch, DateTagger};
use crate::document::{Block, Document};
use crate::lexicon::Lexicon;
pub use crate::matcher::How;
use crate::matcher::{Matcher, TermMatch};
use crate::misspell::Misspellings;
use crate::text::{link_regions, overlaps_any, sentences_in_blocks, Normalized};
pub use annotation::{Annotation, DocInfo, ANNOTATION_SCHEMA};
use fit::{assign_char_offsets, fit_sentences};
use labels::Labels;
use labels::SpanLabels;
use nest::{merge_sorted, nest_dates, overlaps_hits, retain_hits, top_level};
pub use span::{Span, SpanKind};

/// Annotates documents with one lexicon. Immutable, `Send + Sync`.
#[derive(Clone, Debug)]
pub struct Annotator {
    lexicon: Lexicon,
    labels: Labels,
    matcher: Matcher,
    misspellings: Misspellings,
    dates: Option<DateTagger>,
}

impl Annotator {
    /// Compiles the lexicon's matcher and its misspellings' index, side by
    /// side on the current thread pool; dates are tagged too.
    pub fn new(lexicon: Lexicon) -> Annotator {
        let (matcher, misspellings) =
            rayon::join(|| Matcher::new(&lexicon), || Misspellings::new(&lexicon));
        Annotator {
            labels: Labels::new(&lexicon),
            lexicon,
            matcher,
            misspellings,
            dates: Some(DateTagger::new()),
        }
    }

    /// Turns date tagging on or off.
    #[must_use]
    pub fn with_dates(mut self, on: bool) -> Annotator {
        self.dates = on.then(DateTagger::new);
        self
    }

    /// The lexicon this annotator tags.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// Annotates one document.
    ///
    /// The annotation borrows from both the annotator and the document:
    /// each span's text, entry id and name are borrowed rather than copied
    /// (copying them cost a tenth of annotating a document full of
    /// terms). [`Annotation::into_owned`] makes one that outlives both.
    pub fn annotate<'a>(&'a self, doc: &'a Document) -> Annotation<'a> {
        let text = doc.text.as_str();
        let layout = doc.fitting_layout();
        // Markup reads as spaces, and hard block boundaries as a mark no
        // match crosses; plain text is read as it is.
        let masked = layout.masked(text);
        let normalized = Normalized::new(&masked);
        // Nothing inside a web address or file name is a mention
        // (`text::link_regions`).
        let links = link_regions(&masked);
        let kept = |range: Range<usize>| {
            !layout.crosses_hard_boundary(range.clone()) && !overlaps_any(&links, range)
        };
        // Persons and places in events and terms are found nested in them
        // (matching rule 6).
        let mut hits: Vec<TermMatch> = self.matcher.find_nesting(&normalized).collect();
        retain_hits(&mut hits, kept);
        // Derived names resolved by the document's mentions (matching rule 9).
        let entries = self.matcher.resolve(&masked, hits);
        // Places inside longer names or doubtful as words (matching rule 11).
        let entries = self.matcher.keep_places_in_context(&masked, entries);
        // Forms that also name what the lexicon does not define, where the
        // document does not confirm their entry (matching rule 12).
        let mut entries = self.matcher.keep_forms_in_context(&masked, entries);
        // Misspellings only in the words the exact matches left unexplained
        // (or a person's first name or surname a longer misspelt name
        // holds), resolved like the names they misspell.
        let mut misspelt = self
            .misspellings
            .find(&self.lexicon, &masked, &top_level(&entries));
        misspelt.retain(|m| kept(m.hit.start..m.hit.end));
        if !misspelt.is_empty() {
            let misspelt = self.matcher.resolve_misspelt(&masked, &entries, misspelt);
            entries.retain(|e| !overlaps_hits(&misspelt, e));
            entries = merge_sorted(entries, misspelt);
        }
        let dates = match &self.dates {
            Some(tagger) => {
                let mut dates = tagger.find_in_sections(&masked, &layout.headings());
                dates.retain(|d| kept(d.start..d.end));
                nest_dates(&entries, dates)
            }
            None => Vec::new(),
        };
        let (mut spans, labels) = self.merge(text, entries, dates);
        let blocks = layout.blocks().iter().map(Block::range);
        let sentence_ranges = fit_sentences(sentences_in_blocks(&masked, blocks), &mut spans);
        let chars = assign_char_offsets(text, &mut spans);
        Annotation {
            schema: ANNOTATION_SCHEMA.to_string(),
            doc: DocInfo {
                id: doc.id.clone(),
                path: doc.path.clone(),
                bytes: text.len(),
                chars,
                format: doc.format,
                title: doc.title.clone(),
            },
            sentences: sentence_ranges.iter().map(|r| [r.start, r.end]).collect(),
            spans,
            blocks: match layout {
                Cow::Borrowed(layout) => Cow::Borrowed(layout.blocks()),
                Cow::Owned(layout) => Cow::Owned(layout.blocks().to_vec()),
            },
            labels,
        }
    }

    /// The spans of the `entries` and `dates` found in `text` (each sorted
    /// by start), in one list sorted by start, longer first, an entry
    /// before a date over the same text. Merged rather than sorted after:
    /// a sort moved each span (nearly 200 bytes) several times, and the
    /// list grew by copying as it was collected. With them, each span's
    /// entry, for the JSON writer ([`SpanLabels`]).
    fn merge<'a>(
        &'a self,
        text: &'a str,
        entries: Vec<TermMatch>,
        dates: Vec<DateMatch>,
    ) -> (Vec<Span<'a>>, SpanLabels<'a>) {
        let key = |start: usize, end: usize| (start, std::cmp::Reverse(end));
        self.labels.warm(entries.iter().map(|entry| entry.entry));
        let len = entries.len() + dates.len();
        let (mut spans, mut labels) = (Vec::with_capacity(len), SpanLabels::new(&self.labels, len));
        let mut dates = dates.into_iter().peekable();
        for entry in entries {
            let before = |d: &DateMatch| key(d.start, d.end) < key(entry.start, entry.end);
            while let Some(date) = dates.next_if(before) {
                spans.push(Span::date(text, date));
                labels.push(None);
            }
            labels.push(Some(entry.entry));
            spans.push(Span::entry(text, entry, self.labels.get(entry.entry)));
        }
        for date in dates {
            spans.push(Span::date(text, date));
            labels.push(None);
        }
        (spans, labels)
    }
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    /// Recorded with each span, or looked up when it was not (a copy
    /// that owns its strings), an entry span's position is the lexicon's
    /// position of its id.
    #[test]
    fn entry_positions_are_the_lexicons() {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let lexicon = annotator.lexicon();
        let text = "Lenin, Stalin and Trotsky in 1924: the NEP, the Cheka, Kronstadt.";
        let doc = Document::new("d".into(), "d.txt".into(), text.into());
        let annotation = annotator.annotate(&doc);
        let owned = annotation.clone().into_owned();
        assert!(owned.labels.entry(0).is_none(), "a copy records no entries");
        let mut entries = 0;
        for (index, span) in annotation.spans().iter().enumerate() {
            let position = span.entry.as_deref().and_then(|id| lexicon.position(id));
            assert_eq!(
                annotation.entry_position(index, lexicon),
                position,
                "{span:?}"
            );
            assert_eq!(owned.entry_position(index, lexicon), position, "{span:?}");
            entries += usize::from(position.is_some());
        }
        assert!(entries >= 6, "{entries} entry spans");
    }

    #[test]
    fn spans_are_sorted_by_start_longer_first_entries_before_dates() {
        let mut builder = Lexicon::builder();
        builder.add_toml(
            "s.toml",
            "[[entry]]\nid = \"rev-1905\"\nname = \"1905 Revolution\"\nkind = \"event\"\ndefinition = \"D.\"\n\
             [[entry]]\nid = \"y1917\"\nname = \"1917\"\nkind = \"event\"\ndefinition = \"D.\"\n",
        );
        let annotator = Annotator::new(builder.build().unwrap());
        let doc = Document::new(
            "d".into(),
            "d.txt".into(),
            "In 1924, after 1917 and the 1905 Revolution.".into(),
        );
        let annotation = annotator.annotate(&doc);
        let got: Vec<(&str, SpanKind)> = annotation
            .spans
            .iter()
            .map(|s| (s.text.as_ref(), s.kind))
            .collect();
        assert_eq!(
            got,
            [
                ("1924", SpanKind::Date),
                ("1917", SpanKind::Event),
                ("1917", SpanKind::Date),
                ("1905 Revolution", SpanKind::Event),
                ("1905", SpanKind::Date),
            ]
        );
    }

    /// A multiword form does not run across the column gap of a key-dates
    /// table ("1927 war scare" is an alias; the row is `1927`, then
    /// `War Scare`), nor across the cells of a Markdown table.
    #[test]
    fn no_span_crosses_a_table_cell() {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let texts = [
            ("1917                October Revolution\n1927                War Scare; the NEP ends\n", Format::Text),
            ("1917\tOctober Revolution\n1927\tWar Scare\n", Format::Text),
            ("| Year | Event |\n|---|---|\n| 1927 | War Scare |\n", Format::Markdown),
        ];
        for (text, format) in texts {
            let doc = Document::of_text("d".into(), "d".into(), text.into(), format);
            let annotation = annotator.annotate(&doc);
            let got: Vec<&str> = annotation.spans.iter().map(|s| s.text.as_ref()).collect();
            assert!(
                got.contains(&"War Scare") && got.contains(&"1927"),
                "{text:?}: {got:?}"
            );
            for span in &annotation.spans {
                assert!(
                    !span.text.contains("1927 ") && !span.text.contains('\t'),
                    "{text:?}: {span:?}"
                );
            }
        }
    }
}
