//! Deterministic generator of benchmark lexicons and corpora.
//!
//! Shared by the criterion benches and `examples/gen_corpus.rs` (which
//! writes the same data to disk for `benches/compare/run.sh`), so every
//! benchmark and every peer tool sees exactly the same bytes. No `rand`:
//! a SplitMix64 generator with fixed seeds makes the output a pure function
//! of the arguments.
//!
//! * [`lexicon`] makes `n` entries with unique names of 1-4 invented words
//!   (`Voranek Delustiv`), proper names capitalised, terms mostly lower
//!   case, a few all-capitals acronym aliases. `lexicon(n)` is a prefix of
//!   `lexicon(m)` for `n < m`, so a corpus made with the 10k lexicon is
//!   also a fair input for the 100k one.
//! * [`document`] makes one history-notes-like text of about `bytes` bytes:
//!   prose wrapped at 72 columns, headings, bullet lists, years and ranges
//!   (`1924–9`), curly apostrophes and a few accented letters, with a
//!   lexicon mention every twenty-odd words ([`Density::Sparse`]) or every
//!   five to eight words, as in real revision notes ([`Density::Dense`]):
//!   skewed towards the first entries, in varied case, sometimes plural,
//!   possessive, hyphenated or broken across a line.

use std::collections::HashSet;
use std::fmt::Write as _;

use glossator::text::normalize_form;

/// SplitMix64: tiny, fast, good enough for test data.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n`.
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// In `lo..=hi`.
    fn between(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }

    fn percent(&mut self, p: u64) -> bool {
        self.next() % 100 < p
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        items[self.below(items.len())]
    }
}

/// One generated lexicon entry.
pub struct GenEntry {
    /// `g1`, `g2`, ...
    pub id: String,
    pub name: String,
    /// `person`, `place`, `org`, `event` or `term`.
    pub kind: &'static str,
    /// Empty, or one all-capitals acronym.
    pub aliases: Vec<String>,
}

const LEXICON_SEED: u64 = 0x676c_6f73_7361_746f;
const KINDS: &[&str] = &[
    "term", "term", "term", "term", "person", "person", "place", "place", "event", "org",
];
const ONSETS: &[&str] = &[
    "b", "br", "ch", "d", "dr", "f", "g", "gr", "k", "kr", "l", "m", "n", "p", "pr", "r", "s",
    "sh", "st", "t", "tr", "v", "z", "zh",
];
const VOWELS: &[&str] = &["a", "e", "i", "o", "u", "ai", "ia", "ou", "y"];
const CODAS: &[&str] = &["", "", "", "", "", "n", "r", "s", "k", "v", "l", "m", "sk"];
const FILLER: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "was",
    "that",
    "by",
    "for",
    "as",
    "with",
    "on",
    "were",
    "his",
    "which",
    "this",
    "from",
    "it",
    "had",
    "party",
    "state",
    "not",
    "at",
    "be",
    "their",
    "they",
    "but",
    "power",
    "new",
    "an",
    "policy",
    "government",
    "after",
    "peasants",
    "workers",
    "when",
    "led",
    "more",
    "its",
    "war",
    "who",
    "control",
    "been",
    "economic",
    "industry",
    "leader",
    "many",
    "would",
    "into",
    "over",
    "years",
    "first",
    "land",
    "grain",
    "also",
    "than",
    "support",
    "revolution",
    "political",
    "because",
    "between",
    "during",
    "against",
    "however",
    "most",
    "about",
    "people",
    "there",
    "factories",
    "social",
    "army",
    "under",
    "historians",
    "argue",
    "while",
    "these",
    "some",
    "famine",
    "collective",
    "committee",
];

/// `n` entries with unique names, as the matcher compares them (case,
/// accents and the rest of matching rule 3 ignored: `Maisé` is `Maise`).
pub fn lexicon(n: usize) -> Vec<GenEntry> {
    let mut rng = Rng::new(LEXICON_SEED);
    let mut seen = HashSet::new();
    let mut entries = Vec::with_capacity(n);
    while entries.len() < n {
        let kind = rng.pick(KINDS);
        let name = entry_name(&mut rng, kind);
        if !seen.insert(normalize_form(&name, true)) {
            continue;
        }
        let mut aliases = Vec::new();
        if rng.percent(3) {
            let acronym = acronym(&mut rng);
            if seen.insert(normalize_form(&acronym, true)) {
                aliases.push(acronym);
            }
        }
        entries.push(GenEntry {
            id: format!("g{}", entries.len() + 1),
            name,
            kind,
            aliases,
        });
    }
    entries
}

/// 1-4 words; proper names capitalised, terms mostly lower case.
fn entry_name(rng: &mut Rng, kind: &str) -> String {
    let words = rng.pick(&[1, 1, 1, 2, 2, 2, 2, 3, 3, 4]);
    let capitals = kind != "term" || rng.percent(20);
    let mut name = String::new();
    for i in 0..words {
        if i > 0 {
            name.push(' ');
        }
        let word = invented_word(rng);
        if capitals {
            name.push_str(&capitalise(&word));
        } else {
            name.push_str(&word);
        }
    }
    name
}

/// Mostly two syllables, some three; about one word in fifty has an `é`.
fn invented_word(rng: &mut Rng) -> String {
    let mut word = String::new();
    for _ in 0..rng.pick(&[2, 2, 2, 3]) {
        word.push_str(rng.pick(ONSETS));
        let vowel = rng.pick(VOWELS);
        word.push_str(if rng.percent(1) { "é" } else { vowel });
        word.push_str(rng.pick(CODAS));
    }
    word
}

fn acronym(rng: &mut Rng) -> String {
    (0..rng.between(3, 5))
        .map(|_| (b'A' + rng.below(26) as u8) as char)
        .collect()
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// How often a generated text mentions the lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Density {
    /// About one mention in twenty-odd words, like a textbook chapter.
    Sparse,
    /// One mention every five to eight words, like revision notes (the
    /// seeds carry a tag every 46 bytes).
    Dense,
}

impl Density {
    /// The percentage of word slots that get a mention.
    fn mention_percent(self) -> usize {
        match self {
            Density::Sparse => 4,
            Density::Dense => 18,
        }
    }
}

/// `lexicon` in glossator's lexicon format, each entry defined as
/// "Generated.".
// The criterion benches build their lexicon in memory.
#[allow(dead_code)]
pub fn lexicon_toml(lexicon: &[GenEntry]) -> String {
    let mut toml = String::new();
    for entry in lexicon {
        let aliases: Vec<String> = entry.aliases.iter().map(|a| format!("{a:?}")).collect();
        writeln!(
            toml,
            "[[entry]]\nid = \"{}\"\nname = {:?}\nkind = \"{}\"\naliases = [{}]\n\
             definition = \"Generated.\"\n",
            entry.id,
            entry.name,
            entry.kind,
            aliases.join(", ")
        )
        .expect("writing to a String");
    }
    toml
}

/// Document `index` of a corpus mentioning `lexicon` with `density`: at
/// least `bytes` bytes, ending at the end of a paragraph.
pub fn document(lexicon: &[GenEntry], index: u64, bytes: usize, density: Density) -> String {
    let mut writer = Writer {
        rng: Rng::new(index.wrapping_mul(0x2545_F491_4F6C_DD1D) ^ LEXICON_SEED),
        lexicon,
        mention_percent: density.mention_percent(),
        text: String::with_capacity(bytes + 4096),
        column: 0,
    };
    while writer.text.len() < bytes {
        writer.block();
    }
    writer.text
}

/// The size of document `index` for a corpus of documents between `min`
/// and `max` bytes.
pub fn document_size(index: u64, min: usize, max: usize) -> usize {
    Rng::new(index ^ 0x5151_5151).between(min, max)
}

/// Writes one document, keeping track of the column for line wrapping.
struct Writer<'a> {
    rng: Rng,
    lexicon: &'a [GenEntry],
    mention_percent: usize,
    text: String,
    column: usize,
}

impl Writer<'_> {
    /// A heading, a bullet list or a paragraph, then a blank line.
    fn block(&mut self) {
        match self.rng.below(10) {
            0 => {
                let words = self.rng.between(2, 6);
                self.sentence(words, false);
            }
            1 | 2 => {
                for _ in 0..self.rng.between(2, 6) {
                    self.word("•");
                    let (words, full_stop) = (self.rng.between(4, 14), self.rng.percent(50));
                    self.sentence(words, full_stop);
                    self.newline();
                }
            }
            _ => {
                for _ in 0..self.rng.between(2, 7) {
                    let words = self.rng.between(6, 28);
                    self.sentence(words, true);
                }
            }
        }
        self.newline();
        self.newline();
    }

    fn sentence(&mut self, words: usize, full_stop: bool) {
        let start = self.text.len();
        for _ in 0..words {
            let slot = self.rng.below(100);
            match slot.checked_sub(self.mention_percent) {
                None => self.mention(),
                Some(0) => self.year(),
                Some(1..=10) => {
                    let word = invented_word(&mut self.rng);
                    self.word(&word);
                }
                _ => {
                    let word = self.rng.pick(FILLER);
                    self.word(word);
                }
            }
            if self.rng.percent(6) {
                self.text.push(',');
            }
        }
        self.capitalise_from(start);
        if full_stop {
            self.text.push(if self.rng.percent(5) { '?' } else { '.' });
        }
    }

    /// An entry's name or alias, skewed towards the first entries, in the
    /// varied shapes real notes use.
    fn mention(&mut self) {
        let skewed = self.rng.below(self.lexicon.len());
        let entry = &self.lexicon[self.rng.below(skewed + 1)];
        let form = match entry.aliases.first() {
            Some(alias) if self.rng.percent(40) => alias.clone(),
            _ => self.vary_case(&entry.name),
        };
        let words: Vec<&str> = form.split(' ').collect();
        let mut pending = String::new();
        for (i, word) in words.iter().enumerate() {
            pending.push_str(word);
            let last = i + 1 == words.len();
            if !last && self.rng.percent(5) {
                pending.push('-');
                continue;
            }
            if last && entry.kind == "term" && self.rng.percent(20) {
                pending.push('s');
            } else if last && entry.kind == "person" && self.rng.percent(15) {
                pending.push_str(if self.rng.percent(50) { "’s" } else { "'s" });
            }
            self.word(&pending);
            pending.clear();
        }
    }

    fn vary_case(&mut self, name: &str) -> String {
        match self.rng.below(20) {
            0 => name.to_uppercase(),
            1 | 2 => name.to_lowercase(),
            _ => name.to_string(),
        }
    }

    fn year(&mut self) {
        let year = self.rng.between(1900, 1945);
        let text = match self.rng.below(4) {
            0 => format!("{year}–{}", self.rng.between(1, 9)),
            1 => format!("({year})"),
            _ => year.to_string(),
        };
        self.word(&text);
    }

    /// Appends a word after a space, or after a line break past column 72.
    fn word(&mut self, word: &str) {
        if self.column > 0 {
            if self.column + 1 + word.len() > 72 {
                self.newline();
            } else {
                self.text.push(' ');
                self.column += 1;
            }
        }
        self.text.push_str(word);
        self.column += word.len();
    }

    fn newline(&mut self) {
        self.text.push('\n');
        self.column = 0;
    }

    fn capitalise_from(&mut self, start: usize) {
        let rest = &self.text[start..];
        let Some((at, c)) = rest.char_indices().find(|(_, c)| c.is_alphabetic()) else {
            return;
        };
        if c.is_ascii_lowercase() {
            let at = start + at;
            self.text
                .replace_range(at..=at, &c.to_ascii_uppercase().to_string());
        }
    }
}
