//! What a timeline shows ([`Timeline::rows`]): the mentions of one event
//! merged into a [`Row`], and the ranges that span their document set
//! apart.
//!
//! Derived from the sorted events of a [`Timeline`] (`mod.rs`) when it is
//! rendered; nothing here is stored in the JSON.

use std::collections::{HashMap, HashSet};

use super::{Event, Timeline};
use crate::dates::Day;
use crate::lexicon::Kind;

/// A range wider than this many years is the span of its document.
const SPAN_YEARS: i64 = 50;

/// A narrower range in a title spans its document when it holds more than
/// half of the document's other dates, and there are at least this many.
const SPAN_MIN_OTHERS: usize = 2;

/// One event as a reader sees it: the mentions of one date value whose
/// passages name the same events, from one document or several.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row<'a> {
    /// The mentions, in timeline order; the first gives the row its place.
    pub mentions: Vec<&'a Event>,
    /// The ids the row is known by: the event entries its passages name,
    /// or, when they name no event, every entry they name. Empty for a
    /// span.
    pub named: Vec<&'a str>,
}

impl<'a> Row<'a> {
    /// The first mention.
    pub fn first(&self) -> &'a Event {
        self.mentions[0]
    }

    /// The entries the passages name besides [`Row::named`], each once,
    /// in order of first appearance.
    pub fn others(&self) -> Vec<&'a str> {
        let mut seen: HashSet<&str> = self.named.iter().copied().collect();
        self.mentions
            .iter()
            .flat_map(|event| &event.entries)
            .map(String::as_str)
            .filter(|id| seen.insert(id))
            .collect()
    }
}

/// What a timeline shows: the documents' spans apart, then the events.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rows<'a> {
    /// Ranges that span their document (see [`Timeline::rows`]), one row
    /// per date value.
    pub spans: Vec<Row<'a>>,
    /// Every other mention, one row per event.
    pub events: Vec<Row<'a>>,
}

impl Timeline {
    /// The timeline as read: one row per event, and the documents' spans
    /// apart, both in date order (a row's place is its first mention's).
    ///
    /// A mention is the *span* of its document when it is wider than 50
    /// years (a profile's "(1879–1940)", "the nineteenth century"), or when
    /// it is a range over more than one calendar year, written in the
    /// document's title (a level-1 heading), that holds (first and last day
    /// inside it) more than half of the document's other date mentions, of
    /// which there are at least two: "Key dates: Russia 1917–1941", not a
    /// section's "The Civil War, 1918–20" or the title of a document about
    /// something else. Spans of one value make one row, whatever their
    /// documents.
    ///
    /// The other mentions of one date value (and qualifier and calendar) merge into one
    /// row when their passages name the same event entries, or, where a
    /// passage names no event, the same entries: "Kronstadt Rising (March
    /// 1921)" in one document and "March 1921 – Kronstadt Rising crushed"
    /// in another, or a date written twice in one sentence.
    pub fn rows(&self) -> Rows<'_> {
        type Key<'k> = (bool, &'k str, Option<&'k str>, bool, Vec<&'k str>);
        let spans = self.span_flags();
        let mut rows = Rows::default();
        let mut found: HashMap<Key, usize> = HashMap::new();
        for (event, span) in self.events.iter().zip(spans) {
            let named = if span { Vec::new() } else { self.named(event) };
            let list = if span {
                &mut rows.spans
            } else {
                &mut rows.events
            };
            let key = (
                span,
                event.value.as_str(),
                event.qualifier.as_deref(),
                event.old_style,
                named,
            );
            if let Some(&at) = found.get(&key) {
                list[at].mentions.push(event);
            } else {
                list.push(Row {
                    mentions: vec![event],
                    named: key.4.clone(),
                });
                found.insert(key, list.len() - 1);
            }
        }
        rows
    }

    /// The event entries `event`'s passage names, or all its entries if it
    /// names no event.
    fn named<'t>(&'t self, event: &'t Event) -> Vec<&'t str> {
        let all = event.entries.iter().map(String::as_str);
        let events: Vec<&str> = all
            .clone()
            .filter(|id| self.entry(id).is_some_and(|e| e.kind == Kind::Event))
            .collect();
        if events.is_empty() {
            all.collect()
        } else {
            events
        }
    }

    /// Whether each event is the span of its document (see
    /// [`Timeline::rows`]).
    fn span_flags(&self) -> Vec<bool> {
        let mut by_doc: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, event) in self.events.iter().enumerate() {
            by_doc.entry(event.doc.as_str()).or_default().push(i);
        }
        let mut flags = vec![false; self.events.len()];
        for indices in by_doc.values() {
            // In timeline order, so sorted by first day.
            let doc: Vec<&Event> = indices.iter().map(|&i| &self.events[i]).collect();
            let mut known: HashMap<(Day, Day, Option<u8>), bool> = HashMap::new();
            for (&i, event) in indices.iter().zip(&doc) {
                flags[i] = *known
                    .entry((event.start, event.end, event.heading))
                    .or_insert_with(|| spans_document(event, &doc));
            }
        }
        flags
    }
}

/// Whether `range` is the span of the document whose mentions, sorted by
/// first day, are `doc` (it among them).
fn spans_document(range: &Event, doc: &[&Event]) -> bool {
    let years = i64::from(range.end.year) - i64::from(range.start.year);
    if years > SPAN_YEARS {
        return true;
    }
    if years == 0 || range.heading != Some(1) {
        return false;
    }
    let others = doc.len() - 1;
    let from = doc.partition_point(|e| e.start < range.start);
    let to = doc.partition_point(|e| e.start <= range.end);
    // Less itself, which is inside.
    let inside = doc[from..to].iter().filter(|e| e.end <= range.end).count() - 1;
    others >= SPAN_MIN_OTHERS && 2 * inside > others
}

#[cfg(test)]
mod row_rules {
    use super::*;
    use crate::annotate::Annotator;
    use crate::document::Format;
    use crate::input::Document;
    use crate::lexicon::Lexicon;
    use crate::timeline::TimelineBuilder;

    /// The timeline of Markdown documents `docs` (id, text), in order.
    fn timeline(docs: &[(&str, &str)]) -> Timeline {
        let annotator = Annotator::new(Lexicon::builtin().unwrap());
        let mut builder = TimelineBuilder::new();
        for (id, text) in docs {
            let doc = Document::of_text(
                id.to_string(),
                format!("{id}.md"),
                text.to_string(),
                Format::Markdown,
            );
            builder.add(&doc, &annotator.annotate(&doc));
        }
        builder.finish()
    }

    /// A row as shown: the date as first written, the named ids, and the
    /// (doc, date as written) of each mention.
    type Shown = (String, Vec<String>, Vec<(String, String)>);

    fn shown(rows: &[Row]) -> Vec<Shown> {
        rows.iter()
            .map(|row| {
                (
                    row.first().text.clone(),
                    row.named
                        .iter()
                        .map(std::string::ToString::to_string)
                        .collect(),
                    row.mentions
                        .iter()
                        .map(|e| (e.doc.clone(), e.text.clone()))
                        .collect(),
                )
            })
            .collect()
    }

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(std::string::ToString::to_string).collect()
    }

    #[test]
    fn mentions_of_one_event_merge_across_documents_and_within_a_sentence() {
        let timeline = timeline(&[
            (
                "a",
                "The Kronstadt Rising (March 1921) was crushed by Trotsky.",
            ),
            (
                "b",
                "In Mar 1921 the Kronstadt Rising ended. The Tenth Party Congress met in March \
                 1921.\n\nLenin died in 1924, and 1924 saw the Lenin enrolment.",
            ),
        ]);
        assert_eq!(timeline.events().len(), 5);
        let rows = timeline.rows();
        assert!(rows.spans.is_empty());
        let pair = |doc: &str, text: &str| (doc.to_string(), text.to_string());
        assert_eq!(
            shown(&rows.events),
            [
                (
                    "March 1921".to_string(),
                    strings(&["kronstadt-rising"]),
                    vec![pair("a", "March 1921"), pair("b", "Mar 1921")]
                ),
                (
                    "March 1921".to_string(),
                    strings(&["tenth-party-congress"]),
                    vec![pair("b", "March 1921")]
                ),
                // No event named: the same entries.
                (
                    "1924".to_string(),
                    strings(&["lenin", "lenin-enrolment"]),
                    vec![pair("b", "1924"), pair("b", "1924")]
                ),
            ]
        );
        // The entries besides the events, each once.
        assert_eq!(rows.events[0].others(), ["trotsky"]);
        assert_eq!(
            timeline.entry("kronstadt-rising").unwrap().kind,
            Kind::Event
        );
    }

    #[test]
    fn a_title_range_holding_most_dates_or_a_range_over_fifty_years_is_a_span() {
        let body = "Lenin died in 1924. Stalin defeated the Right in 1929.";
        let spans = |text: &str| -> Vec<String> {
            let timeline = timeline(&[("d", text)]);
            let rows = timeline.rows();
            let mentions = rows.spans.iter().flat_map(|row| &row.mentions);
            mentions.map(|e| e.text.clone()).collect()
        };
        assert_eq!(
            spans(&format!("# Russia 1917–1941\n\n{body}")),
            ["1917–1941"]
        );
        // Written in the body, or in a section's heading: an event.
        assert!(spans(&format!("Russia 1917–1941. {body}")).is_empty());
        assert!(spans(&format!("## Russia 1917–1941\n\n{body}")).is_empty());
        // A title that holds too few of the other dates, or one year.
        assert!(spans(&format!("# The NEP, 1921–25\n\n{body}")).is_empty());
        assert!(spans("# Russia 1917–1941\n\nLenin died in 1924.").is_empty());
        assert!(spans(&format!("# Russia in 1924\n\n{body}")).is_empty());
        // Over fifty years, anywhere.
        assert_eq!(
            spans(&format!("Trotsky (1879–1940). {body}")),
            ["1879–1940"]
        );
        // One row per value, whatever the documents.
        let both = timeline(&[
            ("a", &format!("# Russia 1917–1941\n\n{body}")),
            ("b", &format!("# USSR, 1917–41\n\n{body}")),
        ]);
        let rows = both.rows();
        assert_eq!(rows.spans.len(), 1);
        assert_eq!(rows.spans[0].mentions.len(), 2);
        assert_eq!(rows.events.len(), 2);
    }

    #[test]
    fn entry_names_survive_json_and_merge_and_older_files_read() {
        let one = timeline(&[("a", "The Kronstadt Rising (March 1921) was crushed.")]);
        let two = timeline(&[("b", "Lenin died in 1924.")]);
        let json = serde_json::to_string(&one).unwrap();
        assert!(
            json.contains(
                r#""entries":[{"id":"kronstadt-rising","name":"Kronstadt Rising","kind":"event"}]"#
            ),
            "{json}"
        );
        let back: Timeline = serde_json::from_str(&json).unwrap();
        assert_eq!(back, one);
        let merged = one.clone().merge(two.clone()).unwrap();
        let ids: Vec<&str> = merged.entries().iter().map(|e| e.id.as_str()).collect();
        assert_eq!(ids, ["kronstadt-rising", "lenin"]);
        // A file from before entry names and headings: rows by all entries.
        let mut old: serde_json::Value = serde_json::to_value(&two).unwrap();
        old.as_object_mut().unwrap().remove("entries");
        let old: Timeline = serde_json::from_value(old).unwrap();
        assert!(old.entries().is_empty());
        assert_eq!(old.rows().events[0].named, ["lenin"]);
        // The same id named otherwise: partials of another lexicon.
        let mut other: serde_json::Value = serde_json::to_value(&two).unwrap();
        other["entries"][0]["name"] = "V. I. Lenin".into();
        other["documents"][0]["sha256"] = "0".repeat(64).into();
        let other: Timeline = serde_json::from_value(other).unwrap();
        assert!(two.merge(other).is_err());
    }
}
