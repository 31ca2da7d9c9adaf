//! glossator: tag the key terms, people, places and dates of history texts
//! from a glossary, and link every term back to the passages it occurs in.
//!
//! # Overview
//!
//! * [`lexicon`]: the glossary entries to look for, loaded and validated.
//! * [`text`]: decoding input bytes, normalization with an alignment map,
//!   sentence segmentation.
//! * [`matcher`]: the automaton and the boundary, case and longest-match
//!   rules.
//! * [`dates`]: the date tagger and EDTF normalization.
//! * [`glossary`], [`timeline`]: the consolidated glossary and the
//!   timeline, reductions that merge across shards.
//! * [`annotate`]: one document in, one [`annotate::Annotation`] out; the
//!   ordered parallel driver over many documents lives in [`pipeline`].
//! * [`coverage`]: likely terms a lexicon misses.
//! * [`harvest`]: definitions and Q&A flashcards from a teacher's own
//!   notes (key-term boxes, `Term – definition` lines, questions).
//! * [`document`]: a document's text and layout (blocks, markup, marks),
//!   one reader per format (plain text, Markdown);
//! * [`input`]: which files a command line names, and their document ids;
//!   [`records`]: documents given as JSON Lines records instead.
//! * [`render`]: the output formats.
//! * [`slug`]: the one rule that makes ids of names (lexicon entries from
//!   cards, documents from their paths).
//!
//! The data flow: lexicon → [`matcher::Matcher`] (built once, shared by all
//! threads); each input → a [`document::Document`] (decoded, its layout read) → [`annotate::Annotator`]
//! (normalize and match, tag dates, segment sentences) → annotation JSON,
//! and into the [`glossary::Glossary`] and [`timeline::Timeline`]
//! reductions. The CLI, the JSON schemas and the matching and date rules
//! are described in the repository's README; each schema is specified on
//! the type that is serialized; `docs/DESIGN.md` gives every rule's home in
//! the code and its tests.
//!
//! ```
//! use glossator::annotate::Annotator;
//! use glossator::input::Document;
//! use glossator::lexicon::Lexicon;
//!
//! let annotator = Annotator::new(Lexicon::builtin().unwrap());
//! let doc = Document::new(
//!     "notes".into(),
//!     "notes.txt".into(),
//!     "Stalin’s Five-Year Plan began in 1928.".into(),
//! );
//! let annotation = annotator.annotate(&doc);
//! let tags: Vec<(&str, &str)> = annotation
//!     .spans()
//!     .iter()
//!     .map(|s| (s.text.as_ref(), s.entry.as_deref().or(s.value.as_deref()).unwrap()))
//!     .collect();
//! assert_eq!(tags, [("Stalin", "stalin"), ("Five-Year Plan", "five-year-plan"), ("1928", "1928")]);
//! ```

#![deny(missing_docs)]

pub mod annotate;
pub mod coverage;
pub mod dates;
pub mod document;
pub mod glossary;
pub mod harvest;
pub mod input;
pub mod lexicon;
pub mod matcher;
mod misspell;
pub mod pipeline;
pub mod records;
pub mod render;
mod shard;
pub mod slug;
mod spill;
pub mod text;
pub mod timeline;
