//! An Anki deck: the glossary as a text file Anki imports as notes of two
//! note types, Basic and Cloze, into one deck, with tags.
//!
//! The file starts with Anki's file headers (see Anki's manual, "Importing
//! text files"): tab-separated, HTML fields, and the columns that give each
//! note its GUID, note type, deck and tags. A header names one note type
//! for the whole file (`#notetype:`), so the note type is a column instead
//! (`#notetype column:`), and with it each line picks Basic or Cloze, the
//! two note types of every new collection. The deck is a column too:
//! `#deck:` names only a deck the collection already has, while a deck
//! column creates the deck on import. Every line has six columns:
//!
//! | GUID | note type | deck | Front / Text | Back / Back Extra | tags |
//! |---|---|---|---|---|---|
//! | `glossator-basic-<id>` | `Basic` | the deck | the term | its definition, the term masked | `kind::<kind> doc::<doc>…` |
//! | `glossator-cloze-<id>` | `Cloze` | the deck | a sentence of the notes, clozed | the term and its definition | `kind::<kind> doc::<doc>` |
//! | `glossator-qa-<hash>` | `Basic` | the deck | a question of the notes (`--harvest`) | its answer, as written | `qa` |
//!
//! * GUIDs come from entry ids, so importing a new deck over an old one
//!   updates its notes instead of adding them again.
//! * A Basic note per entry: the answer never contains the term, whose
//!   name, spellings seen and (for a person) surname are masked as `___`,
//!   so the card works reversed as well.
//! * A Cloze note per entry, up to a limit: a sentence where the entry
//!   occurs, with the entry as `{{c1::…}}` and each date in it as
//!   `{{c2::…}}`, `{{c3::…}}`. The best sentences come first and are taken
//!   first: those that hold a date or define the term (`NEP was…`), then
//!   the shorter; a sentence is used once, and not at all one that does not
//!   end as a sentence does (`.`, `?`, `!`: headings and list items do
//!   not), one longer than [`LONGEST_SENTENCE`] characters, or one with
//!   fewer than four words besides
//!   the term and its dates (two for a sentence with a date or a
//!   definition, as `Lenin died on 21 January 1924`). Sentences are plain text (Markdown and HTML markup removed).
//! * A Basic note per Q&A card of the notes (with `--harvest`, see
//!   [`crate::harvest`]), question and answer as written; its GUID is a
//!   hash of the question, so an edited answer updates the note, and a
//!   question asked twice is one note (the first).
//! * Tags: the entry's kind, and the documents of its listed occurrences
//!   (a Cloze note: its sentence's document).
//!
//! Text is escaped for HTML fields (`&`, `<`, `>`, `"`, `'`), braces too, so no
//! text makes a cloze of its own; fields never hold tabs or line breaks.

use std::borrow::Cow;
use std::cmp::Reverse;
use std::collections::{HashMap, HashSet};
use std::fmt::Write;
use std::hash::{Hash, Hasher};
use std::ops::Range;
use std::sync::OnceLock;

use rayon::prelude::*;

use crate::dates::DateTagger;
use crate::glossary::{Glossary, GlossaryEntry, Occurrence};
use crate::harvest::Card;
use crate::lexicon::Kind;
use crate::render::escape::escape_markup;
use crate::render::text::{may_hold_markup, one_line, one_line_chars, plain, plain_pieces};

/// What the deck is called and how many Cloze notes it has.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnkiOptions {
    /// The deck's name; `::` makes a subdeck (`History::Russia`).
    pub deck: String,
    /// Cloze notes at most, the best first.
    pub cloze_limit: usize,
}

impl Default for AnkiOptions {
    fn default() -> Self {
        AnkiOptions {
            deck: "Glossator".to_string(),
            cloze_limit: 100,
        }
    }
}

/// Sentences longer than this (in characters, as plain text) make no
/// Cloze note: a card is read at a glance.
pub const LONGEST_SENTENCE: usize = 200;

/// Words of a sentence besides the term and its dates, at least, for a
/// Cloze note.
const FEWEST_OTHER_WORDS: usize = 4;

/// The same for a sentence with a date or a definition, a fact already
/// (`Lenin died on 21 January 1924`).
const FEWEST_WORDS_OF_A_FACT: usize = 2;

/// What masks the term in an answer.
const MASK: &str = "___";

/// The deck file: the headers, a Basic note per entry in glossary order,
/// then the Cloze notes, the best first, then the notes' Q&A `cards`.
pub fn deck(sentences: &Sentences, cards: &[Card], options: &AnkiOptions) -> String {
    let glossary = sentences.glossary();
    let mut out = String::from(
        "#separator:tab\n#html:true\n#guid column:1\n#notetype column:2\n#deck column:3\n\
         #tags column:6\n#columns:GUID\tNote type\tDeck\tFront / Text\tBack / Back Extra\tTags\n",
    );
    let deck = field(&options.deck);
    let doc_tags = DocTags::of(glossary);
    for entry in glossary.entries() {
        let docs = entry.occurrences.iter().map(|o| o.doc.as_str());
        let back = masked(&plain(&entry.all_definitions()), &name_forms(entry));
        line(
            &mut out,
            [
                &format!("glossator-basic-{}", field(&entry.id)),
                "Basic",
                &deck,
                &escape(&one_line(&entry.name)),
                &escape(&back),
                &doc_tags.tags(entry.kind, docs),
            ],
        );
    }
    for picked in sentences.best(options.cloze_limit) {
        let entry = picked.entry;
        let back = format!(
            "<b>{}</b>: {}",
            escape(&one_line(&entry.name)),
            escape(&plain(&entry.all_definitions()))
        );
        line(
            &mut out,
            [
                &format!("glossator-cloze-{}", field(&entry.id)),
                "Cloze",
                &deck,
                &cloze_text(&picked.occurrence.context, &picked.marks),
                &back,
                &doc_tags.tags(entry.kind, [picked.occurrence.doc.as_str()]),
            ],
        );
    }
    let mut asked = HashSet::new();
    for card in cards {
        let front = one_line(&card.front);
        if !asked.insert(front.clone()) {
            continue;
        }
        let mut hash = fnv::FnvHasher::default();
        front.hash(&mut hash);
        line(
            &mut out,
            [
                &format!("glossator-qa-{:016x}", hash.finish()),
                "Basic",
                &deck,
                &escape(&front),
                &field(&card.answer()),
                "qa",
            ],
        );
    }
    out
}

/// Appends one note's line.
fn line(out: &mut String, fields: [&str; 6]) {
    out.push_str(&fields.join("\t"));
    out.push('\n');
}

/// The tag of each document a glossary's occurrences name (`doc::…`), made
/// once: a deck's notes name their documents tens of thousands of times.
#[derive(Default)]
struct DocTags<'g>(HashMap<&'g str, String>);

impl<'g> DocTags<'g> {
    /// The tags of the documents of `glossary`'s occurrences.
    fn of(glossary: &'g Glossary) -> DocTags<'g> {
        let mut tags = HashMap::new();
        for occurrence in glossary.entries().iter().flat_map(|e| &e.occurrences) {
            let doc = occurrence.doc.as_str();
            tags.entry(doc).or_insert_with(|| doc_tag(doc));
        }
        DocTags(tags)
    }

    /// The tags of a note: its kind and its documents, each once.
    fn tags<'a>(&self, kind: Kind, docs: impl IntoIterator<Item = &'a str>) -> String {
        let kind = format!("kind::{kind}");
        let mut tags = vec![Cow::from(kind.as_str())];
        for doc in docs {
            let tag = match self.0.get(doc) {
                Some(tag) => Cow::from(tag.as_str()),
                None => Cow::from(doc_tag(doc)),
            };
            if !tags.contains(&tag) {
                tags.push(tag);
            }
        }
        tags.join(" ")
    }
}

/// The tag of the document `doc`.
fn doc_tag(doc: &str) -> String {
    format!("doc::{}", tag_text(doc))
}

/// Text as one tag: white space, which separates tags, as `_`; HTML
/// escaped.
fn tag_text(text: &str) -> String {
    let joined: String = text
        .chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    escape(&joined)
}

/// Text as a field of its own (GUID, deck): one line, escaped.
fn field(text: &str) -> String {
    escape(&one_line(text))
}

/// The forms of an entry's name an answer must not show: the name, the
/// spellings found, and a person's surname (the name's last word).
pub(crate) fn name_forms(entry: &GlossaryEntry) -> Vec<String> {
    let mut forms = vec![entry.name.clone()];
    forms.extend(entry.aliases_seen.iter().map(|a| plain(a)));
    if entry.kind == Kind::Person {
        if let Some(surname) = entry.name.split_whitespace().last() {
            forms.push(surname.to_string());
        }
    }
    forms.retain(|f| !f.trim().is_empty());
    forms
}

/// `text` with every whole-word occurrence of `forms` (case ignored) as
/// [`MASK`]; the longest form is masked where two start together.
///
/// Compared character by character rather than with a regex: a deck or
/// worksheet masks one text per entry, and compiling a pattern for each of
/// 10,000 entries was most of `build`'s time on a large lexicon.
pub(crate) fn masked(text: &str, forms: &[String]) -> String {
    let mut forms: Vec<&str> = forms.iter().map(|f| f.trim()).collect();
    forms.retain(|f| !f.is_empty());
    forms.sort_by_key(|f| Reverse(f.len()));
    let mut out = String::with_capacity(text.len());
    let mut kept = 0;
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        let found = is_word_edge(text, at)
            .then(|| {
                forms
                    .iter()
                    .filter_map(|form| prefix_ignoring_case(rest, form))
                    .find(|&len| is_word_edge(text, at + len))
            })
            .flatten();
        if let Some(len) = found {
            out.push_str(&text[kept..at]);
            out.push_str(MASK);
            at += len;
            kept = at;
        } else {
            at += rest.chars().next().map_or(1, char::len_utf8);
        }
    }
    out.push_str(&text[kept..]);
    out
}

/// The length in bytes of the start of `text` that is `form` with case
/// ignored, if it is.
fn prefix_ignoring_case(text: &str, form: &str) -> Option<usize> {
    let mut chars = text.char_indices();
    for wanted in form.chars() {
        let (_, found) = chars.next()?;
        if found != wanted && !found.to_lowercase().eq(wanted.to_lowercase()) {
            return None;
        }
    }
    Some(chars.next().map_or(text.len(), |(end, _)| end))
}

/// Whether byte `at` of `text` is not inside a word.
fn is_word_edge(text: &str, at: usize) -> bool {
    let before = text[..at].chars().next_back();
    let after = text[at..].chars().next();
    !(before.is_some_and(char::is_alphanumeric) && after.is_some_and(char::is_alphanumeric))
}

/// Text for an HTML field: escaped as every page is (`escape_markup`),
/// braces too, so that text never opens or closes a cloze, and on one
/// line.
fn escape(text: &str) -> String {
    let escaped = escape_markup(text);
    if !escaped.contains(['{', '}', '\t', '\n', '\r']) {
        return escaped;
    }
    escaped
        .replace('{', "&#123;")
        .replace('}', "&#125;")
        .replace(['\t', '\n', '\r'], " ")
}

/// A sentence of the notes picked to test an entry: a Cloze note, a
/// worksheet's gap.
pub(crate) struct Picked<'g> {
    /// The entry it tests.
    pub entry: &'g GlossaryEntry,
    /// The occurrence whose sentence it is.
    pub occurrence: &'g Occurrence,
    /// What to hide, relative to the sentence, in order: the entry's spans
    /// (number 1) and the dates beside them (2, 3, …).
    pub marks: Vec<(Range<usize>, usize)>,
}

/// A sentence that could make an entry's Cloze note.
struct Candidate<'g> {
    entry: usize,
    occurrence: &'g Occurrence,
    /// What the cloze hides, relative to the sentence, in order: the
    /// entry's spans (number 1) and the dates beside them (2, 3, …).
    marks: Vec<(Range<usize>, usize)>,
    /// Holds a date, defines the term: 0 to 2.
    quality: u8,
    /// Characters, as plain text.
    length: usize,
}

/// A glossary and the sentences that could test its entries, ranked once,
/// when first asked for (or by [`Sentences::rank`]): the deck's Cloze
/// notes and the worksheet's gaps are drawn from the same ranking (see the
/// module's doc: the Cloze notes).
pub struct Sentences<'g> {
    glossary: &'g Glossary,
    ranked: OnceLock<Vec<Candidate<'g>>>,
}

impl<'g> Sentences<'g> {
    /// The sentences of `glossary`'s listed occurrences, not ranked yet.
    pub fn of(glossary: &'g Glossary) -> Sentences<'g> {
        Sentences {
            glossary,
            ranked: OnceLock::new(),
        }
    }

    /// Ranks the sentences now, if not yet done. Call it before handing
    /// the sentences to tasks that run at once on the rayon pool: the
    /// ranking runs on the pool itself, and a thread waiting in it could
    /// otherwise take up another task that waits for the same ranking.
    pub fn rank(&self) {
        self.ranked();
    }

    /// The glossary.
    pub fn glossary(&self) -> &'g Glossary {
        self.glossary
    }

    /// The best sentences to test the entries on: one for each entry that
    /// has a good sentence, a sentence used once, at most `limit`, the
    /// best first.
    pub(crate) fn best(&self, limit: usize) -> Vec<Picked<'g>> {
        let entries = self.glossary.entries();
        let mut used_sentences = HashSet::new();
        let mut done = vec![false; entries.len()];
        let mut out = Vec::new();
        for candidate in self.ranked() {
            if out.len() == limit {
                break;
            }
            let occurrence = candidate.occurrence;
            let sentence = (occurrence.doc.as_str(), occurrence.sentence);
            if done[candidate.entry] || used_sentences.contains(&sentence) {
                continue;
            }
            done[candidate.entry] = true;
            used_sentences.insert(sentence);
            out.push(Picked {
                entry: &entries[candidate.entry],
                occurrence,
                marks: candidate.marks.clone(),
            });
        }
        out
    }

    /// Every candidate sentence, the best first.
    fn ranked(&self) -> &[Candidate<'g>] {
        self.ranked.get_or_init(|| {
            // Each entry's candidates on its own, on the current rayon
            // pool; collected in glossary order.
            let tagger = DateTagger::new();
            let mut candidates: Vec<Candidate> = self
                .glossary
                .entries()
                .par_iter()
                .enumerate()
                .flat_map_iter(|(n, entry)| candidates(n, entry, &tagger))
                .collect();
            // Stable: equal sentences keep glossary order, then document
            // order.
            candidates.par_sort_by_key(|c| (Reverse(c.quality), c.length));
            candidates
        })
    }
}

/// The sentences of an entry's listed occurrences that could make its
/// Cloze note, each once: those with enough words of their own and not too
/// long.
fn candidates<'g>(n: usize, entry: &'g GlossaryEntry, tagger: &DateTagger) -> Vec<Candidate<'g>> {
    let mut sentences: Vec<(&Occurrence, Vec<Range<usize>>)> = Vec::new();
    for occurrence in &entry.occurrences {
        let Some(span) = relative_span(occurrence) else {
            continue;
        };
        match sentences
            .iter_mut()
            .find(|(o, _)| o.doc == occurrence.doc && o.sentence == occurrence.sentence)
        {
            Some((_, spans)) => spans.push(span),
            None => sentences.push((occurrence, vec![span])),
        }
    }
    sentences
        .into_iter()
        .filter(|(occurrence, _)| !cannot_make_a_note(&occurrence.context))
        .filter_map(|(occurrence, spans)| candidate(n, occurrence, &spans, tagger))
        .collect()
}

/// The sentence of `occurrence`, where entry `n` has `spans`, as a
/// candidate for the entry's Cloze note, if it has enough words of its own
/// and is not too long.
fn candidate<'g>(
    n: usize,
    occurrence: &'g Occurrence,
    spans: &[Range<usize>],
    tagger: &DateTagger,
) -> Option<Candidate<'g>> {
    let context = &occurrence.context;
    let mut marks: Vec<(Range<usize>, usize)> = spans.iter().map(|s| (s.clone(), 1)).collect();
    let dates = tagger
        .find(context)
        .into_iter()
        .map(|m| m.start..m.end)
        .filter(|d| !spans.iter().any(|s| s.start < d.end && d.start < s.end));
    marks.extend(dates.zip(2..));
    marks.sort_by_key(|(range, _)| range.start);
    let ranges: Vec<Range<usize>> = marks.iter().map(|(r, _)| r.clone()).collect();
    let pieces = plain_pieces(context, &ranges);
    let other_words: usize = pieces
        .iter()
        .step_by(2)
        .flat_map(|p| p.split_whitespace())
        .filter(|w| w.chars().filter(|c| c.is_alphabetic()).nth(1).is_some())
        .count();
    let length = pieces.iter().map(|p| p.chars().count()).sum();
    // The words after the entry's first span.
    let first = marks.iter().position(|(_, number)| *number == 1);
    let defines = first.is_some_and(|i| defines(&pieces[2 * i + 2..]));
    let has_date = marks.len() > spans.len();
    let quality = u8::from(has_date) + u8::from(defines);
    let fewest = if quality > 0 {
        FEWEST_WORDS_OF_A_FACT
    } else {
        FEWEST_OTHER_WORDS
    };
    let last = pieces.last().map_or("", String::as_str);
    let fits = other_words >= fewest && length <= LONGEST_SENTENCE && ends_a_sentence(last);
    fits.then_some(Candidate {
        entry: n,
        occurrence,
        marks,
        quality,
        length,
    })
}

/// Whether text ends as a sentence does, not as a heading or a list item:
/// with `.`, `!`, `?` or `…`, perhaps inside quotes or brackets.
fn ends_a_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['”', '"', '’', '\'', ')', ']'])
        .ends_with(['.', '!', '?', '…'])
}

/// Whether the sentence `context` makes no Cloze note whatever is marked
/// in it, as far as can be told without making it plain: a sentence with
/// no markup to strip is as long as its text on one line, or longer once
/// cut at its marks, and ends as its text does (or with a mark, which no
/// sentence does). Most sentences that make no note are ruled out here,
/// before their dates are found and their pieces made.
fn cannot_make_a_note(context: &str) -> bool {
    // A text of no more bytes than that has no more characters; one with
    // more is counted only as far as it must be.
    let too_long = |text: &str| {
        text.len() > LONGEST_SENTENCE && one_line_chars(text, LONGEST_SENTENCE) > LONGEST_SENTENCE
    };
    !may_hold_markup(context) && (!ends_a_sentence(context) || too_long(context))
}

/// An occurrence's span relative to its sentence, if it lies in it.
fn relative_span(occurrence: &Occurrence) -> Option<Range<usize>> {
    let start = occurrence.start.checked_sub(occurrence.sentence[0])?;
    let end = occurrence.end.checked_sub(occurrence.sentence[0])?;
    occurrence.context.get(start..end).map(|_| start..end)
}

/// Whether the words after a term (the pieces of its sentence after it,
/// read as one text) define it: `NEP was …`, `the Nepmen, private
/// traders …`, `kolkhoz (a collective farm)`.
fn defines(after: &[impl AsRef<str>]) -> bool {
    const DEFINING: [&str; 11] = [
        " is ",
        " was ",
        " are ",
        " were ",
        " means ",
        " meant ",
        " refers to ",
        " describes ",
        " described ",
        ", a ",
        " (a",
    ];
    // Lower case only as far as the longest phrase reaches: a character
    // lower-cased is one character or more.
    let longest = DEFINING.iter().map(|d| d.len()).max().unwrap_or(0);
    let after: String = after
        .iter()
        .flat_map(|piece| piece.as_ref().chars())
        .skip_while(|c| matches!(c, '”' | '"' | '’' | '\'' | ')'))
        .take(longest)
        .flat_map(char::to_lowercase)
        .collect();
    DEFINING.iter().any(|d| after.starts_with(d))
}

/// The sentence `context` as a cloze, each of `marks` hidden under its
/// number, as plain escaped text.
fn cloze_text(context: &str, marks: &[(Range<usize>, usize)]) -> String {
    let ranges: Vec<Range<usize>> = marks.iter().map(|(r, _)| r.clone()).collect();
    let pieces = plain_pieces(context, &ranges);
    let mut out = String::new();
    for (i, piece) in pieces.iter().enumerate() {
        if i % 2 == 0 {
            out.push_str(&escape(piece));
        } else {
            let number = marks[i / 2].1;
            // `::` inside a cloze would start its hint.
            let hidden = escape(piece).replace(':', "&#58;");
            let _ = write!(out, "{{{{c{number}::{hidden}}}}}");
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(list: &[&str]) -> Vec<String> {
        list.iter().map(std::string::ToString::to_string).collect()
    }

    #[test]
    fn answers_mask_the_term_as_whole_words() {
        let forms = forms(&["Alexei Rykov", "Rykov"]);
        assert_eq!(
            masked(
                "Alexei Rykov (1881-1938), Rykov's ally; not Rykovism.",
                &forms
            ),
            "___ (1881-1938), ___'s ally; not Rykovism."
        );
        assert_eq!(
            masked("the nep and NEPs", &self::forms(&["NEP"])),
            "the ___ and NEPs"
        );
        assert_eq!(
            masked("Ёлкин and ёлкин", &self::forms(&["ЁЛКИН"])),
            "___ and ___"
        );
        // A longer form that ends inside a word leaves the shorter one.
        assert_eq!(
            masked("Alexei Rykovism", &self::forms(&["Alexei Rykov", "Alexei"])),
            "___ Rykovism"
        );
    }

    proptest::proptest! {
        #[test]
        fn a_sentence_ruled_out_early_makes_no_candidate(
            before in "[a-z é\n.,!?”)]{0,150}",
            after in "[a-z é\n.,!?”)]{0,150}|[a-z ]{0,60} 1924[.?]?",
        ) {
            let context = format!("{before}NEP{after}");
            let entry = entry_in(&context, "NEP");
            let occurrence = &entry.occurrences[0];
            let span = relative_span(occurrence).unwrap();
            if cannot_make_a_note(&context) {
                let made = candidate(0, occurrence, &[span], &DateTagger::new());
                proptest::prop_assert!(made.is_none(), "{context:?}");
            }
        }
    }

    fn entry_in(context: &str, term: &str) -> GlossaryEntry {
        let start = 100 + context.find(term).unwrap();
        GlossaryEntry {
            id: "x".into(),
            name: term.into(),
            kind: Kind::Person,
            definition: "d".into(),
            notes: vec![],
            see_also: vec![],
            sort_as: None,
            aliases_seen: vec![term.into()],
            count: 1,
            doc_count: 1,
            occurrences: vec![Occurrence {
                doc: "notes".into(),
                start,
                end: start + term.len(),
                text: term.into(),
                sentence: [100, 100 + context.len()],
                context: context.into(),
            }],
        }
    }

    #[test]
    fn clozes_hide_the_term_and_each_date() {
        let context = "Then **Trotsky** was expelled from the party in 1927, and exiled in 1929.";
        let entry = entry_in(context, "Trotsky");
        let found = candidates(0, &entry, &DateTagger::new());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].quality, 2, "a date, and a definition");
        assert_eq!(
            cloze_text(context, &found[0].marks),
            "Then {{c1::Trotsky}} was expelled from the party in {{c2::1927}}, \
             and exiled in {{c3::1929}}."
        );
        assert_eq!(
            cloze_text("A {b} c::d & 2 < 3", &[(6..10, 1)]),
            "A &#123;b&#125; {{c1::c&#58;&#58;d}} &amp; 2 &lt; 3"
        );
    }

    #[test]
    fn fragments_make_no_cloze() {
        let tagger = DateTagger::new();
        for context in [
            "Cheka (Dec 1917) – Dzerzhinsky.",
            "Trotsky, Zinoviev and Kamenev.",
            "Stalin’s rise, 1924–9",
            "Stalin’s rise, 1924–9.",
        ] {
            let entry = entry_in(context, context.split([' ', ',']).next().unwrap());
            assert!(candidates(0, &entry, &tagger).is_empty(), "{context}");
        }
    }

    #[test]
    fn defining_words_follow_the_term() {
        assert!(defines(&[" was a collective farm"]));
        assert!(defines(&["” (a farm)"]));
        assert!(defines(&[", a trader"]));
        assert!(!defines(&[" lost in 1927"]));
        assert!(!defines(&[" wasted"]));
        // Read across the pieces (a date cut out of the sentence).
        assert!(defines(&["”", " was", "", " a farm"]));
    }

    #[test]
    fn fields_stay_on_one_line_and_never_open_a_cloze() {
        assert_eq!(
            escape("a\tb\n{{c1::x}} <b> & \""),
            "a b &#123;&#123;c1::x&#125;&#125; &lt;b&gt; &amp; &quot;"
        );
        assert_eq!(
            DocTags::default().tags(Kind::Term, ["a notes", "a notes", "b"]),
            "kind::term doc::a_notes doc::b"
        );
    }
}
