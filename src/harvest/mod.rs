//! Definitions from a teacher's own notes: key-term boxes, `Term –
//! definition` lines, Q&A flashcards (issue 17). No language model: a
//! document's blocks ([`crate::document::Layout`]) are read as *units*, one
//! a line, and each documented pattern below pairs a term with its
//! definition; a term and a definition must each look like one
//! (`shape`: a name or a short noun phrase; a noun phrase, not a sentence
//! of prose), because a wrong definition in a student's glossary is worse
//! than none.
//!
//! The patterns, in the order they claim units:
//!
//! 1. **Two-column tables** (`blocks`): a table of two columns, a term in
//!    the first, its definition in the second; a header row (`Term |
//!    Meaning`) is skipped and makes the definitions trusted as in a box.
//! 2. **Key-term boxes** (`blocks`): a `Key term(s)` (`Key words`,
//!    `Glossary`, `Vocabulary`, `Definitions`) label, then term and
//!    definition lines, or `Term: definition` lines, until a line that is
//!    neither or the next heading of the label's level. A textbook's margin boxes often come out of a PDF with the
//!    label after them: the pairs right before a label are read too,
//!    strictly.
//! 3. **Q&A** (`qa`): `Q:`/`A:` pairs, and in a document with two
//!    questions or more, a line that is a question followed by its answer
//!    lines, up to the next question (a question after a `Key question`
//!    label is a textbook's, not a card). Every pair is a flashcard; a
//!    question `What was/were/is/are X?`, `Who was/were X?`, `What is
//!    meant by X?`, `What does X mean?`, `What does X stand for?` or
//!    `Define X` also defines X by its answer.
//! 4. **A heading or bold term, then its definition** (`blocks`): a
//!    heading or a line all in bold that is a term, followed by a line
//!    that is a definition (not the first item of a list, nor a line that
//!    is a one-line definition of its own).
//! 5. **One line** (`lines`): `Term – definition` (en or em dash, or a
//!    hyphen with spaces), `Term: definition`, `Term = definition`, the
//!    mind map's `Term → definition` (one arrow: a chain `A → B → C` is
//!    no definition), `**Term** definition` (a bold term, then the
//!    rest), `Term (definition)` and `definition (Term)` as a whole line
//!    (`the Politburo (the party's inner cabinet)`, `New Economic Policy
//!    (NEP)`): the longer side, or the expansion of an acronym, is the
//!    definition.
//!
//! Ordinary prose gives nothing: a paragraph of sentences fails the
//! definition test, a sentence that merely holds a colon fails the term
//! test on its left side, and a bold word inside a sentence starts no
//! line.

mod blocks;
mod entries;
mod lines;
mod qa;
mod shape;
mod units;

use std::ops::Range;

use serde::Serialize;

use crate::document::{Document, SourcePlace};
pub use entries::{entries, to_toml, to_tsv, Harvested, Sourced};
use units::Unit;

/// Which documented pattern found a definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Pattern {
    /// A row of a two-column table.
    Table,
    /// A pair in a key-term box.
    KeyTermBox,
    /// A question and its answer.
    Question,
    /// A heading, then its definition.
    Heading,
    /// A line in bold, or a bold run starting a line, then the definition.
    Bold,
    /// `Term – definition`.
    Dash,
    /// `Term: definition`.
    Colon,
    /// `Term = definition`.
    Equals,
    /// `Term → definition`.
    Arrow,
    /// `Term (definition)`.
    TermFirst,
    /// `definition (Term)`.
    TermInParentheses,
}

impl Pattern {
    /// The pattern's name in comments and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Pattern::Table => "table",
            Pattern::KeyTermBox => "key-term box",
            Pattern::Question => "question",
            Pattern::Heading => "heading",
            Pattern::Bold => "bold term",
            Pattern::Dash => "term – definition",
            Pattern::Colon => "term: definition",
            Pattern::Equals => "term = definition",
            Pattern::Arrow => "term → definition",
            Pattern::TermFirst => "term (definition)",
            Pattern::TermInParentheses => "definition (term)",
        }
    }
}

/// A definition found in a document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Definition {
    /// The term, as the notes write it (a leading `the` left out).
    pub term: String,
    /// Its definition, as the notes write it.
    pub definition: String,
    /// The pattern that found it.
    pub pattern: Pattern,
    /// Where the term is in the source file.
    pub place: SourcePlace,
    /// The passage, term and definition, in the document's text.
    pub range: Range<usize>,
    /// Where the term is written in the passage (its first byte; the
    /// passage's start if it is written otherwise).
    pub at: usize,
}

/// A question and its answer, a flashcard as the notes write it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Card {
    /// The question.
    pub front: String,
    /// The answer, a line each.
    pub back: Vec<String>,
    /// Where the question is in the source file.
    pub place: SourcePlace,
    /// The question and answer in the document's text.
    pub range: Range<usize>,
}

impl Card {
    /// The answer on one line: a line without end punctuation is followed
    /// by `;`.
    pub fn answer(&self) -> String {
        qa::joined(&self.back)
    }
}

/// What one document gives.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Harvest {
    /// The definitions, in the order of the document.
    pub definitions: Vec<Definition>,
    /// The Q&A flashcards, in order.
    pub cards: Vec<Card>,
}

/// What has become of a unit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Use {
    /// Nothing yet.
    Free,
    /// Part of a definition or a question: no other pattern reads it.
    Taken,
    /// A line of an answer: one-line patterns still read it.
    Answer,
}

/// The definitions and flashcards of `doc` (see the module documentation).
///
/// ```
/// use glossator::document::{Document, Format};
/// use glossator::harvest::harvest;
///
/// let notes = "Key terms\n\nKulak\nA rich peasant.\n\nGosplan: the state planning agency\n\n\
///              The NEP was introduced in 1921.\n";
/// let doc = Document::of_text("n".into(), "n.txt".into(), notes.into(), Format::Text);
/// let found: Vec<(String, String)> = harvest(&doc)
///     .definitions
///     .into_iter()
///     .map(|d| (d.term, d.definition))
///     .collect();
/// assert_eq!(found, [
///     ("Kulak".to_string(), "A rich peasant.".to_string()),
///     ("Gosplan".to_string(), "the state planning agency".to_string()),
/// ]);
/// ```
pub fn harvest(doc: &Document) -> Harvest {
    let units = units::units(doc);
    let mut uses = vec![Use::Free; units.len()];
    let mut definitions = Vec::new();
    blocks::tables(&units, &mut uses, &mut definitions);
    blocks::key_term_boxes(&units, &mut uses, &mut definitions);
    let cards = qa::cards(&units, &mut uses, &mut definitions);
    blocks::term_then_definition(&units, &mut uses, &mut definitions);
    lines::one_line(&units, &uses, &mut definitions);
    for d in &mut definitions {
        if let Some(offset) = doc.text[d.range.clone()].find(&d.term) {
            d.at = d.range.start + offset;
        }
    }
    definitions.sort_by_key(|d| d.range.start);
    definitions.dedup_by(|a, b| a.term == b.term && a.definition == b.definition);
    Harvest { definitions, cards }
}

/// A definition of `term` by `definition`, from unit `first` to unit
/// `last`.
fn found(
    units: &[Unit],
    (first, last): (usize, usize),
    term: String,
    definition: String,
    pattern: Pattern,
) -> Definition {
    Definition {
        term,
        definition,
        pattern,
        place: units[first].place,
        range: units[first].range.start..units[last].range.end,
        at: units[first].range.start,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_document_whose_text_was_replaced_is_read_as_plain_text() {
        let mut doc = Document::new(
            "n".into(),
            "n.txt".into(),
            "Key terms\n\nKulak\nA peasant rich enough to hire labour and to own animals.\n".into(),
        );
        doc.text = "Gosplan – the state planning agency".into();
        let found = harvest(&doc).definitions;
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].term, "Gosplan");
    }
}
