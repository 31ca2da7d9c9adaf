//! A printable worksheet made from a set of notes: exercises teachers
//! otherwise make by hand, each on a page of its own, then the answer key
//! on a page of its own.
//!
//! * **Gap-fill**: sentences of the notes with a key term blanked, and a
//!   word bank of the blanked words in alphabetical order. The sentences
//!   are the Anki deck's Cloze sentences ([`Sentences`]: one per
//!   entry, the best first), drawn from the best `2 × items`.
//! * **Matching**: terms, numbered, in the glossary's order (people by
//!   surname), and their definitions, lettered, shuffled. The terms are drawn from the
//!   `2 × items` entries that occur most; a definition is the entry's first
//!   (the notes' own first, with `--harvest`), its first sentence, the term
//!   masked as in the deck ([`masked`]); one that says too little once
//!   masked (fewer than four words) is not used.
//! * **Date ordering**: events of the timeline, shuffled, to number in the
//!   order they happened. An event is a timeline row ([`crate::timeline::SortedTimeline::rows`])
//!   that names one `event` entry whose name holds no digit (a "1905
//!   Revolution" gives its answer away); each event once (its best
//!   row, the one that most passages date, then the shortest: a date and
//!   an event in one long sentence may not belong together), drawn from
//!   the `2 × items` best (and then the next best), no two whose days
//!   overlap.
//!
//! The rows are read once, as they stream from the timeline's sort: only
//! each event entry's best row is kept.
//!
//! Drawing and shuffling use a small seeded generator (SplitMix64), so a
//! worksheet is the same for the same notes, options and `seed`.

use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::io;
use std::ops::Range;

use crate::dates::in_words;
use crate::glossary::{Glossary, GlossaryEntry};
use crate::lexicon::Kind;
use crate::render::anki::{masked, name_forms, Sentences};
use crate::render::html::page::{page, Depth};
use crate::render::html::writer::Html;
use crate::render::text::{one_line, one_line_keep_edges, plain, plain_pieces};
use crate::timeline::{Event, TimelineRows};

/// What a worksheet can ask.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
pub enum Exercise {
    /// Sentences with key terms blanked, and a word bank.
    GapFill,
    /// Terms to match to their definitions.
    Matching,
    /// Events to put in order.
    Dates,
}

impl Exercise {
    /// Every exercise, in the order a worksheet has them.
    pub const ALL: [Exercise; 3] = [Exercise::GapFill, Exercise::Matching, Exercise::Dates];
}

/// How a worksheet is made.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorksheetOptions {
    /// Which exercises, in [`Exercise::ALL`]'s order whatever the order
    /// given.
    pub exercises: Vec<Exercise>,
    /// Items per exercise, at most.
    pub items: usize,
    /// Picks the items and their order.
    pub seed: u64,
}

impl Default for WorksheetOptions {
    fn default() -> Self {
        WorksheetOptions {
            exercises: Exercise::ALL.to_vec(),
            items: 10,
            seed: 1,
        }
    }
}

/// A masked definition shorter than this many words says too little.
const FEWEST_DEFINITION_WORDS: usize = 4;

/// What a blank shows.
const BLANK: &str = "____________";

/// The worksheet page of the glossary of `sentences` and of `timeline`.
/// Fails if the timeline's rows cannot be read back from disk.
pub fn worksheet(
    sentences: &Sentences,
    timeline: &TimelineRows,
    options: &WorksheetOptions,
) -> io::Result<String> {
    let glossary = sentences.glossary();
    let events = if options.exercises.contains(&Exercise::Dates) {
        best_rows(timeline)?
    } else {
        Vec::new()
    };
    let mut rng = Rng(options.seed);
    let mut answers = Html::new();
    let body = |h: &mut Html| {
        h.raw("<h1>Worksheet</h1>\n<p class=\"meta\">From ")
            .show(glossary.documents().len())
            .raw(" documents (seed ")
            .show(options.seed)
            .raw(
                ").</p>\n<p class=\"name-line\">Name: ______________________ \
                 Date: ____________</p>\n",
            );
        let mut number = 0;
        for exercise in Exercise::ALL {
            if !options.exercises.contains(&exercise) {
                continue;
            }
            number += 1;
            let class = if number == 1 {
                "exercise"
            } else {
                "exercise sheet"
            };
            h.open("section", &[("class", class)]);
            answers.open("section", &[("class", "key-part")]);
            match exercise {
                Exercise::GapFill => gap_fill(h, &mut answers, sentences, options.items, &mut rng),
                Exercise::Matching => matching(h, &mut answers, glossary, options.items, &mut rng),
                Exercise::Dates => dates(h, &mut answers, &events, options.items, &mut rng),
            }
            h.raw("</section>\n");
            answers.raw("</section>\n");
        }
        h.raw("<section class=\"answers sheet\">\n<h2>Answer key</h2>\n")
            .append(&answers)
            .raw("</section>\n");
    };
    Ok(page("Worksheet", Depth::Top, body))
}

/// The gap-fill exercise and its answers.
fn gap_fill(h: &mut Html, key: &mut Html, sentences: &Sentences, items: usize, rng: &mut Rng) {
    h.raw("<h2>Fill the gaps</h2>\n");
    key.raw("<h3>Fill the gaps</h3>\n<ol>\n");
    let mut pool = sentences.best(items.saturating_mul(2));
    let picked = rng.draw(&mut pool, items);
    if picked.is_empty() {
        h.raw("<p class=\"meta\">These notes have no sentences to make gaps in.</p>\n");
        key.raw("</ol>\n");
        return;
    }
    let mut sentences = Vec::new();
    let mut bank = Vec::new();
    for sentence in &picked {
        let ranges: Vec<Range<usize>> = sentence.marks.iter().map(|(r, _)| r.clone()).collect();
        let pieces = plain_pieces(&sentence.occurrence.context, &ranges);
        let mut answer = None;
        let shown: Vec<(bool, String)> = pieces
            .iter()
            .enumerate()
            .map(|(i, piece)| {
                let blank = i % 2 == 1 && sentence.marks[i / 2].1 == 1;
                if blank {
                    answer.get_or_insert_with(|| one_line(piece));
                }
                (blank, piece.to_owned())
            })
            .collect();
        let answer = answer.unwrap_or_default();
        bank.push(answer.clone());
        sentences.push((shown, answer));
    }
    bank.sort_by_key(|word| (word.to_lowercase(), word.clone()));
    h.raw("<p>Use a word from the box for each gap.</p>\n<p class=\"bank\">");
    for (i, word) in bank.iter().enumerate() {
        h.raw(if i == 0 { "" } else { " · " }).text(word);
    }
    h.raw("</p>\n<ol class=\"gaps\">\n");
    for (shown, answer) in sentences {
        h.raw("<li>");
        for (blank, piece) in shown {
            match blank {
                true => h.element("span", &[("class", "blank")], BLANK),
                false => h.text(&one_line_keep_edges(&piece)),
            };
        }
        h.raw("</li>\n");
        key.raw("<li>").text(&answer).raw("</li>\n");
    }
    h.raw("</ol>\n");
    key.raw("</ol>\n");
}

/// The matching exercise and its answers.
fn matching(h: &mut Html, key: &mut Html, glossary: &Glossary, items: usize, rng: &mut Rng) {
    h.raw("<h2>Match each term to its definition</h2>\n");
    key.raw("<h3>Match each term to its definition</h3>\n<p>");
    let mut seen = HashSet::new();
    let mut pool: Vec<(&GlossaryEntry, String)> = glossary
        .entries()
        .iter()
        .filter_map(|entry| Some((entry, short_definition(entry)?)))
        .filter(|(_, definition)| seen.insert(definition.clone()))
        .collect();
    // Stable: entries that occur as often keep glossary order.
    pool.sort_by_key(|(entry, _)| Reverse(entry.count));
    pool.truncate(items.saturating_mul(2));
    let mut picked = rng.draw(&mut pool, items);
    if picked.is_empty() {
        h.raw("<p class=\"meta\">These notes name no terms with definitions.</p>\n");
        key.raw("</p>\n");
        return;
    }
    picked.sort_by_key(|(entry, _)| entry.sort_key());
    let mut order: Vec<usize> = (0..picked.len()).collect();
    rng.shuffle(&mut order);
    h.raw("<p>Write the letter of its definition beside each term.</p>\n<table class=\"match\">\n");
    for (row, &definition) in order.iter().enumerate() {
        h.raw("<tr><td class=\"answer-box\"></td><th>")
            .show(row + 1)
            .raw(". ")
            .text(&one_line(&picked[row].0.name))
            .raw("</th><td>")
            .text(&letter(row))
            .raw(". ")
            .text(&picked[definition].1)
            .raw("</td></tr>\n");
    }
    h.raw("</table>\n");
    for term in 0..picked.len() {
        let at = order.iter().position(|&d| d == term).unwrap_or(term);
        key.raw(if term == 0 { "" } else { " · " })
            .show(term + 1)
            .raw("&nbsp;")
            .text(&letter(at));
    }
    key.raw("</p>\n");
}

/// An entry's first definition as plain text, its first sentence, the term
/// masked; none if that leaves too few words.
fn short_definition(entry: &GlossaryEntry) -> Option<String> {
    let first = entry
        .notes
        .first()
        .map_or(entry.definition.as_str(), |n| n.definition.as_str());
    let text = one_line(&plain(first));
    let sentence = match text.find(". ") {
        Some(end) => &text[..=end],
        None => text.as_str(),
    };
    let masked = masked(sentence.trim(), &name_forms(entry));
    let words = masked
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count();
    (words >= FEWEST_DEFINITION_WORDS).then_some(masked)
}

/// `A` for 0, `B` for 1, …, `Z`, then `AA`, `AB`, ….
fn letter(n: usize) -> String {
    let mut out = String::new();
    let mut n = n + 1;
    while n > 0 {
        n -= 1;
        out.insert(0, char::from(b'A' + (n % 26) as u8));
        n /= 26;
    }
    out
}

/// An event of the date-ordering exercise: the first mention of its
/// best row, and the event's name.
struct Dated {
    event: Event,
    name: String,
}

/// The events the date-ordering exercise draws from, the best first: for
/// each event entry that is a row's one name (and holds no digit), its
/// best row: the one whose date more passages give, then the one with the
/// shorter passage (a date and an event in one long sentence may not
/// belong together), then the earlier.
fn best_rows(timeline: &TimelineRows) -> io::Result<Vec<Dated>> {
    // Better first: more mentions, a shorter context, an earlier row.
    type Rank = (Reverse<usize>, usize, usize);
    let mut best: HashMap<String, (Rank, Dated)> = HashMap::new();
    let mut at = 0;
    timeline.each(|row| {
        at += 1;
        let [id] = row.named.as_slice() else {
            return Ok(());
        };
        let Some(entry) = timeline.entry(id) else {
            return Ok(());
        };
        if row.span || entry.kind != Kind::Event || entry.name.chars().any(|c| c.is_ascii_digit()) {
            return Ok(());
        }
        let rank = (Reverse(row.mentions.len()), row.first().context.len(), at);
        if best.get(id).is_none_or(|(known, _)| rank < *known) {
            let dated = Dated {
                event: row.first().clone(),
                name: entry.name.clone(),
            };
            best.insert(id.clone(), (rank, dated));
        }
        Ok(())
    })?;
    let mut pool: Vec<(Rank, Dated)> = best.into_values().collect();
    pool.sort_by_key(|(rank, _)| *rank);
    Ok(pool.into_iter().map(|(_, dated)| dated).collect())
}

/// The date-ordering exercise and its answers, from `events` (see
/// [`best_rows`]).
fn dates(h: &mut Html, key: &mut Html, events: &[Dated], items: usize, rng: &mut Rng) {
    h.raw("<h2>Put these events in order</h2>\n");
    key.raw("<h3>Put these events in order</h3>\n<ol>\n");
    let mut pool: Vec<(&Event, &str)> =
        events.iter().map(|d| (&d.event, d.name.as_str())).collect();
    let head = pool.len().min(items.saturating_mul(2));
    rng.shuffle(&mut pool[..head]);
    // No two whose days overlap: their order would be open to argument.
    let mut picked: Vec<(&Event, &str)> = Vec::new();
    for (event, name) in pool {
        let apart =
            |(other, _): &(&Event, &str)| event.end < other.start || other.end < event.start;
        if picked.len() < items && picked.iter().all(apart) {
            picked.push((event, name));
        }
    }
    if picked.len() < 2 {
        h.raw("<p class=\"meta\">These notes date too few events to order.</p>\n");
        key.raw("</ol>\n");
        return;
    }
    picked.sort_by_key(|(event, _)| (event.start, event.end));
    let mut shown: Vec<usize> = (0..picked.len()).collect();
    rng.shuffle(&mut shown);
    if shown.windows(2).all(|w| w[0] < w[1]) {
        // Already in order: no exercise.
        shown.rotate_left(1);
    }
    h.raw("<p>Number the events from 1 (the earliest) to ")
        .show(picked.len())
        .raw(".</p>\n<table class=\"match\">\n");
    for &i in &shown {
        h.raw("<tr><td class=\"answer-box\"></td><td>")
            .text(&one_line(picked[i].1))
            .raw("</td></tr>\n");
    }
    h.raw("</table>\n");
    for (event, name) in &picked {
        key.raw("<li>")
            .text(&one_line(name))
            .raw(" (")
            .text(&in_words(
                &event.value,
                event.qualifier.as_deref(),
                event.old_style,
            ))
            .raw(")</li>\n");
    }
    key.raw("</ol>\n");
}

/// SplitMix64: a small, fast generator whose output depends only on its
/// seed, the same on every platform.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number below `n` (which is not 0).
    fn below(&mut self, n: usize) -> usize {
        // The bias of the modulo is below 2^-40 for the sizes used here.
        (self.next() % n as u64) as usize
    }

    /// Shuffles `items` (Fisher-Yates).
    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }

    /// `n` items of `pool` drawn at random, in the order drawn (all of
    /// them, shuffled, if it has no more than `n`).
    fn draw<T>(&mut self, pool: &mut Vec<T>, n: usize) -> Vec<T> {
        self.shuffle(pool);
        pool.drain(..n.min(pool.len())).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_go_on_past_z() {
        let got: Vec<String> = [0, 1, 25, 26, 27, 701, 702].map(letter).into();
        assert_eq!(got, ["A", "B", "Z", "AA", "AB", "ZZ", "AAA"]);
    }

    #[test]
    fn the_generator_depends_on_its_seed_only() {
        // SplitMix64's published first output for seed 0.
        assert_eq!(Rng(0).next(), 0xE220_A839_7B1D_CDAF);
        let shuffled = |seed| {
            let mut items: Vec<u32> = (0..20).collect();
            Rng(seed).shuffle(&mut items);
            items
        };
        assert_eq!(shuffled(7), shuffled(7));
        assert_ne!(shuffled(7), shuffled(8));
        let mut sorted = shuffled(7);
        sorted.sort_unstable();
        assert_eq!(sorted, (0..20).collect::<Vec<_>>());
    }

    #[test]
    fn draw_takes_what_there_is() {
        let mut pool = vec![1, 2, 3];
        let mut got = Rng(3).draw(&mut pool, 10);
        got.sort_unstable();
        assert_eq!(got, [1, 2, 3]);
        let mut pool: Vec<u32> = (0..10).collect();
        assert_eq!(Rng(3).draw(&mut pool, 4).len(), 4);
    }
}
