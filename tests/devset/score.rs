//! Scoring glossator's tags against the gold spans of one text: which
//! gold mentions were found, which tags are false hits and why, and the
//! precision, recall and F1 counts per kind, per class and for dates.

use std::collections::BTreeMap;

use super::gold::{GoldSpan, GoldText, Label};

/// A tag glossator made, reduced to what scoring compares.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tag {
    pub start: usize,
    pub end: usize,
    /// `person` … `term`, or `date`.
    pub kind: String,
    pub what: Tagged,
}

/// An entry tag's key (see [`Keys`]) or a date tag's value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Tagged {
    Entry { key: String },
    Date { value: String },
}

/// How entry tags are compared with gold ids, and which kind each gold id
/// has (the kind a predicted entry is counted under).
pub struct Keys {
    /// Gold id → kind, for every entry the set's gold mentions.
    pub kinds: BTreeMap<String, String>,
}

impl Keys {
    /// Whether a tag with `key` is the entry `gold_id` names: equal ids, or
    /// for `new:X`, a key that holds X's words in a row or is held in them
    /// (`new:chiang-kai-shek` matches an entry `chiang`).
    pub fn same_entry(gold_id: &str, key: &str) -> bool {
        match gold_id.strip_prefix("new:") {
            None => gold_id == key,
            Some(new) => {
                let (a, b) = (format!("-{new}-"), format!("-{key}-"));
                a.contains(&b) || b.contains(&a)
            }
        }
    }

    /// The kind a tag is counted under: its entry's gold kind where the
    /// gold knows the entry (TSV cards have no kinds), else its own.
    fn kind_of<'a>(&'a self, tag: &'a Tag) -> &'a str {
        match &tag.what {
            Tagged::Entry { key } => self.kinds.get(key).map_or(&tag.kind, |k| k),
            Tagged::Date { .. } => &tag.kind,
        }
    }
}

/// Gold, found and correct counts of one group of spans.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub gold: usize,
    pub found: usize,
    pub correct: usize,
}

impl Counts {
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.found)
    }

    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }

    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }

    fn add(&mut self, other: Counts) {
        self.gold += other.gold;
        self.found += other.found;
        self.correct += other.correct;
    }
}

/// An empty group scores 1: nothing to find, nothing wrongly found.
fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        1.0
    } else {
        a as f64 / b as f64
    }
}

/// A gold mention glossator missed, or a tag that is not in the gold.
#[derive(Clone, Debug)]
pub struct Error {
    pub start: usize,
    pub end: usize,
    pub what: String,
    pub why: String,
}

/// The scores of a text or a set.
#[derive(Clone, Debug, Default)]
pub struct Score {
    /// Group (`person` … `term`, `entries`, `entries-span`,
    /// `entries-known`, `date`,
    /// `date-span`, `all`) → counts.
    pub groups: BTreeMap<String, Counts>,
    /// Class → (found, gold) over gold mentions with that class.
    pub classes: BTreeMap<String, (usize, usize)>,
    /// Trap class (or `trap`) → (hit, total).
    pub traps: BTreeMap<String, (usize, usize)>,
    /// Correct entry tags whose own kind equals the gold kind, and all
    /// correct entry tags.
    pub kind_agreement: (usize, usize),
    pub misses: Vec<Error>,
    pub false_hits: Vec<Error>,
}

impl Score {
    /// Adds another text's score (errors are per text and not kept).
    pub fn add(&mut self, other: &Score) {
        for (group, counts) in &other.groups {
            self.groups.entry(group.clone()).or_default().add(*counts);
        }
        let pairs = [
            (&mut self.classes, &other.classes),
            (&mut self.traps, &other.traps),
        ];
        for (mine, theirs) in pairs {
            for (name, (a, b)) in theirs {
                let slot = mine.entry(name.clone()).or_default();
                slot.0 += a;
                slot.1 += b;
            }
        }
        self.kind_agreement.0 += other.kind_agreement.0;
        self.kind_agreement.1 += other.kind_agreement.1;
    }

    /// The counts of `group` (zero where nothing was seen).
    pub fn group(&self, group: &str) -> Counts {
        self.groups.get(group).copied().unwrap_or_default()
    }

    fn count(&mut self, group: &str, gold: usize, found: usize, correct: usize) {
        self.groups
            .entry(group.to_owned())
            .or_default()
            .add(Counts {
                gold,
                found,
                correct,
            });
    }
}

/// Scores `tags` on `gold`.
pub fn score(gold: &GoldText, tags: &[Tag], keys: &Keys) -> Score {
    let mut score = Score::default();
    let matched = |span: &GoldSpan| tags.iter().find(|tag| is_match(span, tag));
    for span in &gold.spans {
        let group = match &span.label {
            Label::Trap => continue,
            Label::Entry { kind, .. } => kind.as_str(),
            Label::Date { .. } => "date",
        };
        let found = matched(span).is_some();
        score.count(group, 1, 0, usize::from(found));
        for class in &span.classes {
            let slot = score.classes.entry(class.clone()).or_default();
            slot.0 += usize::from(found);
            slot.1 += 1;
        }
        if !found {
            score.misses.push(miss(gold, span, tags));
        }
    }
    for tag in tags {
        let group = keys.kind_of(tag);
        score.count(group, 0, 1, 0);
        match gold.spans.iter().find(|span| is_match(span, tag)) {
            Some(GoldSpan {
                label: Label::Entry { kind, .. },
                ..
            }) => {
                score.kind_agreement.0 += usize::from(*kind == tag.kind);
                score.kind_agreement.1 += 1;
            }
            Some(_) => {}
            None => score.false_hits.push(false_hit(gold, tag)),
        }
    }
    let entry_kinds: Vec<String> = score
        .groups
        .keys()
        .filter(|g| *g != "date")
        .cloned()
        .collect();
    let sum = |score: &Score, groups: &[String]| {
        let mut total = Counts::default();
        for group in groups {
            total.add(score.group(group));
        }
        total
    };
    let entries = sum(&score, &entry_kinds);
    score.groups.insert("entries".into(), entries);
    let mut all = entries;
    all.add(score.group("date"));
    score.groups.insert("all".into(), all);
    let entries_span = span_only(gold, tags, false);
    let date_span = span_only(gold, tags, true);
    score.groups.insert("entries-span".into(), entries_span);
    score.groups.insert("date-span".into(), date_span);
    score
        .groups
        .insert("entries-known".into(), known_only(gold, tags));
    count_traps(&mut score, gold, tags);
    score
}

/// Whether `tag` is what `span` says: same bytes, and the same entry or
/// date value.
fn is_match(span: &GoldSpan, tag: &Tag) -> bool {
    if (span.start, span.end) != (tag.start, tag.end) {
        return false;
    }
    match (&span.label, &tag.what) {
        (Label::Entry { kind, id }, Tagged::Entry { key }) => {
            Keys::same_entry(id, key) && (!id.starts_with("new:") || *kind == tag.kind)
        }
        (Label::Date { value }, Tagged::Date { value: got }) => value == got,
        _ => false,
    }
}

/// Entry counts as if the gold mentions of entries the lexicon does not
/// have yet (`new:`) and the tags that match them were not there: how well
/// the entries that exist are found.
fn known_only(gold: &GoldText, tags: &[Tag]) -> Counts {
    let is_new =
        |span: &GoldSpan| matches!(&span.label, Label::Entry { id, .. } if id.starts_with("new:"));
    let known = || {
        let entries = gold
            .spans
            .iter()
            .filter(|s| matches!(s.label, Label::Entry { .. }));
        entries.filter(move |s| !is_new(s))
    };
    let entry_tags = tags
        .iter()
        .filter(|t| matches!(t.what, Tagged::Entry { .. }));
    let not_new: Vec<&Tag> = entry_tags
        .filter(|t| !gold.spans.iter().any(|s| is_new(s) && is_match(s, t)))
        .collect();
    Counts {
        gold: known().count(),
        found: not_new.len(),
        correct: known()
            .filter(|s| not_new.iter().any(|t| is_match(s, t)))
            .count(),
    }
}

/// Counts of entry (or date) tags whose bytes equal a gold entry (or date)
/// span's, whatever entry or value each names.
fn span_only(gold: &GoldText, tags: &[Tag], dates: bool) -> Counts {
    let is_date = |label: &Label| matches!(label, Label::Date { .. });
    let gold_spans: Vec<(usize, usize)> = gold
        .spans
        .iter()
        .filter(|s| !matches!(s.label, Label::Trap) && is_date(&s.label) == dates)
        .map(|s| (s.start, s.end))
        .collect();
    let tag_spans: Vec<(usize, usize)> = tags
        .iter()
        .filter(|t| matches!(t.what, Tagged::Date { .. }) == dates)
        .map(|t| (t.start, t.end))
        .collect();
    Counts {
        gold: gold_spans.len(),
        found: tag_spans.len(),
        correct: tag_spans.iter().filter(|s| gold_spans.contains(s)).count(),
    }
}

fn count_traps(score: &mut Score, gold: &GoldText, tags: &[Tag]) {
    for span in gold.spans.iter().filter(|s| s.label == Label::Trap) {
        let hit = tags
            .iter()
            .any(|t| t.start < span.end && span.start < t.end);
        let names = if span.classes.is_empty() {
            vec!["trap".to_owned()]
        } else {
            span.classes.clone()
        };
        for name in names {
            let slot = score.traps.entry(name).or_default();
            slot.0 += usize::from(hit);
            slot.1 += 1;
        }
    }
}

fn describe_label(label: &Label) -> String {
    match label {
        Label::Entry { kind, id } => format!("{kind}:{id}"),
        Label::Date { value } => format!("date:{value}"),
        Label::Trap => "trap".into(),
    }
}

fn describe_tag(tag: &Tag) -> String {
    match &tag.what {
        Tagged::Entry { key } => format!("{}:{key}", tag.kind),
        Tagged::Date { value } => format!("date:{value}"),
    }
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

fn miss(gold: &GoldText, span: &GoldSpan, tags: &[Tag]) -> Error {
    let near: Vec<String> = tags
        .iter()
        .filter(|t| overlaps((t.start, t.end), (span.start, span.end)))
        .map(|t| format!("{:?} as {}", &gold.text[t.start..t.end], describe_tag(t)))
        .collect();
    let mut why = if near.is_empty() {
        "not tagged".to_owned()
    } else {
        format!("tagged {}", near.join(", "))
    };
    if !span.classes.is_empty() {
        why = format!("[{}] {why}", span.classes.join(","));
    }
    Error {
        start: span.start,
        end: span.end,
        what: describe_label(&span.label),
        why,
    }
}

fn false_hit(gold: &GoldText, tag: &Tag) -> Error {
    let near: Vec<String> = gold
        .spans
        .iter()
        .filter(|s| overlaps((s.start, s.end), (tag.start, tag.end)))
        .map(|s| {
            let classes = if s.classes.is_empty() {
                String::new()
            } else {
                format!(" [{}]", s.classes.join(","))
            };
            let label = describe_label(&s.label);
            format!("{:?} is {label}{classes}", &gold.text[s.start..s.end])
        })
        .collect();
    Error {
        start: tag.start,
        end: tag.end,
        what: describe_tag(tag),
        why: if near.is_empty() {
            "no gold here".into()
        } else {
            format!("gold: {}", near.join(", "))
        },
    }
}

#[cfg(test)]
mod tests {
    use super::super::gold::parse;
    use super::*;

    fn entry(start: usize, end: usize, kind: &str, key: &str) -> Tag {
        Tag {
            start,
            end,
            kind: kind.into(),
            what: Tagged::Entry { key: key.into() },
        }
    }

    fn date(start: usize, end: usize, value: &str) -> Tag {
        Tag {
            start,
            end,
            kind: "date".into(),
            what: Tagged::Date {
                value: value.into(),
            },
        }
    }

    #[test]
    fn counts_need_span_and_entry_or_value() {
        let gold = parse(
            "{Lincoln|person:abraham-lincoln|surname} won in {1864|date:1864}; \
             {a grant|trap|common-word} of {Mao|person:new:mao-zedong}.",
        )
        .unwrap();
        let keys = Keys {
            kinds: [("abraham-lincoln".into(), "person".into())].into(),
        };
        let tags = [
            entry(0, 7, "term", "abraham-lincoln"),
            date(15, 19, "1864"),
            entry(23, 28, "term", "ulysses-s-grant"),
            entry(32, 35, "person", "mao"),
        ];
        let score = score(&gold, &tags, &keys);
        assert_eq!(
            score.group("person"),
            Counts {
                gold: 2,
                found: 2,
                correct: 2
            }
        );
        assert_eq!(
            score.group("term"),
            Counts {
                gold: 0,
                found: 1,
                correct: 0
            }
        );
        assert_eq!(
            score.group("date"),
            Counts {
                gold: 1,
                found: 1,
                correct: 1
            }
        );
        assert_eq!(
            score.group("entries"),
            Counts {
                gold: 2,
                found: 3,
                correct: 2
            }
        );
        assert_eq!(
            score.group("all"),
            Counts {
                gold: 3,
                found: 4,
                correct: 3
            }
        );
        assert_eq!(score.traps["common-word"], (1, 1));
        assert_eq!(score.classes["surname"], (1, 1));
        assert_eq!(score.kind_agreement, (1, 2));
        assert!(score.misses.is_empty());
        assert!(
            score.false_hits[0].why.contains("trap"),
            "{:?}",
            score.false_hits
        );

        let wrong = [
            date(15, 19, "1865"),
            entry(0, 9, "person", "abraham-lincoln"),
        ];
        let score = super::score(&gold, &wrong, &keys);
        assert_eq!(score.group("all").correct, 0);
        assert_eq!(
            score.group("date-span"),
            Counts {
                gold: 1,
                found: 1,
                correct: 1
            }
        );
        assert_eq!(score.misses.len(), 3);
    }

    #[test]
    fn new_ids_match_entries_that_hold_their_words() {
        assert!(Keys::same_entry("new:chiang-kai-shek", "chiang"));
        assert!(Keys::same_entry("new:pilsudski", "jozef-pilsudski"));
        assert!(!Keys::same_entry(
            "new:neville-chamberlain",
            "austen-chamberlain"
        ));
        assert!(!Keys::same_entry("new:mao", "maori"));
        assert!(!Keys::same_entry("stalin", "stalinism"));
    }

    #[test]
    fn counts_are_safe_when_empty() {
        let none = Counts::default();
        assert_eq!(
            (none.precision(), none.recall(), none.f1()),
            (1.0, 1.0, 1.0)
        );
        let zero = Counts {
            gold: 2,
            found: 1,
            correct: 0,
        };
        assert!(zero.f1().abs() < f64::EPSILON);
    }
}
