//! Property tests: offsets stay exact on random multilingual text, every
//! span lies inside its sentence, the glossary and timeline made from any
//! text quote their passages exactly and render without a panic, and
//! `glossator build` on random documents writes outputs that parse and
//! pages whose every link leads somewhere.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use glossator::annotate::{Annotation, Annotator, Span, SpanKind};
use glossator::glossary::Glossary;
use glossator::input::Document;
use glossator::render::{html, markdown, tsv};
use glossator::timeline::{Timeline, TimelineBuilder};
use proptest::prelude::*;

use crate::matching::{annotate, annotator};
use crate::util::assert_offsets_exact;

static ANNOTATOR: LazyLock<Annotator> = LazyLock::new(|| annotator("rules-lexicon.toml"));

/// Words of `rules-lexicon.toml` and dates, some written across what the
/// segmenter takes for a sentence break: a blank line, list lines, a short
/// line it takes for a heading, an abbreviation's full stop.
const WORDS: &[&str] = &[
    "Stalin",
    "Stalin’s",
    "LENIN",
    "Lenin\nenrolment",
    "Five-Year Plan",
    "five year plans",
    "Five-Year\n\nPlan",
    "• Five-Year\n• Plan",
    "Lenin\nEnrolment\n",
    "NEP",
    "Nep",
    "nep",
    "kolkhozy",
    "Сталин",
    "the Right",
    "Socialism in One\tCountry",
    "1905 Revolution",
    "[Jan. 1924]",
    "Sept. 1939",
];

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 ,.;:'’()\\-–—\n\t]{0,12}",
        2 => "[\\u{0080}-\\u{07FF}\\u{0800}-\\u{FFFF}\\u{10000}-\\u{10FFFF}]{0,4}",
        1 => Just("\u{00A0}".to_string()),
        1 => Just("İ\u{0307}ẞß".to_string()),
        3 => proptest::sample::select(WORDS).prop_map(str::to_string),
    ]
}

fn text() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]
    #[test]
    fn span_offsets_select_their_text(text in text()) {
        let annotation = annotate(&ANNOTATOR, &text);
        assert_offsets_exact(&text, &annotation);
        // Entry spans never overlap, but for the persons and places nested
        // in an event or term span, which lie inside it, name another
        // entry and never overlap each other; a date lies inside an entry
        // span or outside it, nested ones too (matching rule 6 in
        // docs/DESIGN.md).
        let (entries, dates): (Vec<_>, Vec<_>) = annotation.spans().iter().partition(|s| s.entry.is_some());
        let (nested, top): (Vec<&Span>, Vec<&Span>) = entries.iter().copied().partition(|s| s.nested);
        for pair in top.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start, "entry spans overlap: {:?}", pair);
        }
        for pair in nested.windows(2) {
            prop_assert!(pair[0].end <= pair[1].start, "nested spans overlap: {:?}", pair);
        }
        for inner in &nested {
            let outer = entries.iter().take_while(|s| (s.start, std::cmp::Reverse(s.end)) < (inner.start, std::cmp::Reverse(inner.end))).filter(|s| !s.nested).last();
            let fits = outer.is_some_and(|outer| {
                outer.start <= inner.start && inner.end <= outer.end && outer.entry != inner.entry
                    && matches!(outer.kind, SpanKind::Event | SpanKind::Term)
            });
            prop_assert!(fits, "{:?} is not nested in {:?}", inner, outer);
            prop_assert!(matches!(inner.kind, SpanKind::Person | SpanKind::Place), "{:?}", inner);
        }
        for date in dates {
            let crossing = entries.iter().find(|e| {
                let overlaps = e.start < date.end && date.start < e.end;
                overlaps && !(e.start <= date.start && date.end <= e.end)
            });
            prop_assert!(crossing.is_none(), "{:?} crosses {:?}", date, crossing);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, failure_persistence: None, ..ProptestConfig::default() })]
    /// What the renderers rely on: every passage's span is its text inside
    /// its context, at the offsets the context starts at; then every
    /// format renders.
    #[test]
    fn passages_quote_their_spans_and_render(texts in proptest::collection::vec(text(), 1..3)) {
        let lexicon = ANNOTATOR.lexicon();
        let mut glossary = Glossary::new(5);
        let mut timeline = TimelineBuilder::new();
        for (i, text) in texts.iter().enumerate() {
            let doc = Document::new(format!("d{i}"), format!("d{i}.txt"), text.clone());
            let annotation: Annotation = ANNOTATOR.annotate(&doc);
            glossary.add(&doc, &annotation, lexicon);
            timeline.add(&doc, &annotation);
            html::Handouts::new(lexicon).page(&doc, &annotation);
        }
        let timeline = timeline.finish().unwrap();
        let passages = glossary.entries().iter().flat_map(|e| e.occurrences.iter())
            .map(|o| (o.start, o.end, &o.text, o.sentence, &o.context))
            .chain(timeline.events().iter().map(|e| (e.span[0], e.span[1], &e.text, e.sentence, &e.context)));
        for (start, end, text, [s, e], context) in passages {
            prop_assert_eq!(e - s, context.len());
            prop_assert!(s <= start && end <= e, "{}..{} outside {}..{}", start, end, s, e);
            prop_assert_eq!(&context[start - s..end - s], text.as_str());
        }
        markdown::glossary(&glossary);
        markdown::timeline(&timeline);
        html::glossary(&glossary);
        html::timeline(&timeline);
        html::index(&glossary, timeline.events().len());
        tsv::glossary(&glossary);
    }
}

/// `&amp;` and the other references the HTML writer makes, undone.
fn unescape(value: &str) -> String {
    value
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The values of attribute `name` in `html`, unescaped.
fn attributes(html: &str, name: &str) -> Vec<String> {
    let pattern = regex::Regex::new(&format!(r#"\s{name}="([^"]*)""#)).unwrap();
    pattern
        .captures_iter(html)
        .map(|c| unescape(&c[1]))
        .collect()
}

/// Checks that every relative link of every HTML page under `out` leads to
/// a file that exists and, with a `#fragment`, to an element with that id;
/// returns how many links it followed.
fn assert_links_resolve(out: &Path) -> usize {
    let pages = crate::util::html_files(out);
    let ids: HashMap<PathBuf, HashSet<String>> = pages
        .iter()
        .map(|page| {
            let html = std::fs::read_to_string(page).unwrap();
            let page = std::fs::canonicalize(page).unwrap();
            (page, attributes(&html, "id").into_iter().collect())
        })
        .collect();
    let mut followed = 0;
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        for href in attributes(&html, "href") {
            followed += 1;
            let (file, fragment) = href.split_once('#').unwrap_or((&href, ""));
            // `#id` alone is a place on the page itself.
            let target = match file {
                "" => page.clone(),
                file => page.parent().unwrap().join(file),
            };
            let target = std::fs::canonicalize(&target)
                .unwrap_or_else(|_| panic!("{}: link {href:?} leads nowhere", page.display()));
            if !fragment.is_empty() {
                let known = ids
                    .get(&target)
                    .unwrap_or_else(|| panic!("{href:?} is not a page"));
                assert!(
                    known.contains(fragment),
                    "{}: no id for {href:?}",
                    page.display()
                );
            }
        }
    }
    followed
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, failure_persistence: None, ..ProptestConfig::default() })]
    /// Random documents through `glossator build`: every output parses,
    /// annotations are exact, and every link of every page leads somewhere.
    #[test]
    fn build_outputs_parse_and_link(texts in proptest::collection::vec(text(), 1..4)) {
        let files: Vec<(String, Vec<u8>)> = texts
            .iter()
            .enumerate()
            .map(|(i, text)| (format!("notes {i}.{}", ["txt", "md"][i % 2]), text.clone().into_bytes()))
            .collect();
        let named: Vec<(String, &[u8])> = files.iter().map(|(n, t)| (format!("in/{n}"), t.as_slice())).collect();
        let named: Vec<(&str, &[u8])> = named.iter().map(|(n, t)| (n.as_str(), *t)).collect();
        let dir = crate::util::temp_with(&named);
        let input = dir.path().join("in");
        let out = dir.path().join("out");
        crate::util::glossator()
            .args(["build", "--no-default-lexicon", "--lexicon"])
            .arg(crate::util::test_lexicon("rules-lexicon.toml"))
            .arg(&input)
            .arg("--out")
            .arg(&out)
            .assert()
            .success();
        let read = |name: &str| std::fs::read(out.join(name)).unwrap();
        let glossary: Glossary = serde_json::from_slice(&read("glossary.json")).unwrap();
        let timeline: Timeline = serde_json::from_slice(&read("timeline.json")).unwrap();
        prop_assert_eq!(glossary.documents().len(), files.len());
        prop_assert_eq!(timeline.documents().len(), files.len());
        for doc in glossary.documents() {
            let json = read(&format!("annotations/{}.json", doc.id));
            let annotation = crate::util::annotations(&json).pop().unwrap();
            // Offsets are into the decoded text: a leading U+FEFF is a
            // byte-order mark, not text.
            let text = glossator::text::decode(std::fs::read(&doc.path).unwrap()).unwrap().text;
            assert_offsets_exact(&text, &annotation);
        }
        let tsv = String::from_utf8(read("glossary.tsv")).unwrap();
        prop_assert!(tsv.lines().all(|line| line.split('\t').count() == 2), "{}", tsv);
        prop_assert_eq!(tsv.lines().count(), glossary.entries().len());
        let md = String::from_utf8(read("glossary.md")).unwrap();
        let anchors: HashSet<String> = attributes(&md, "id").into_iter().collect();
        let links = regex::Regex::new(r"\]\(#([^)]*)\)").unwrap();
        for link in links.captures_iter(&md) {
            prop_assert!(anchors.contains(&link[1]), "glossary.md: no anchor for #{}", &link[1]);
        }
        // The index links each handout and annotation, and every file.
        prop_assert!(assert_links_resolve(&out) >= 2 * files.len() + 7);
    }
}
