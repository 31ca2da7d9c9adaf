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

use crate::glossary::{Glossary, GlossaryEntry};
use crate::harvest::Card;
use crate::lexicon::Kind;
use crate::render::escape::escape_markup;
use crate::render::text::{one_line, plain, plain_pieces};

mod sentences;

pub use sentences::{Sentences, LONGEST_SENTENCE};

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
