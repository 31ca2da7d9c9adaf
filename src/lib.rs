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
//! * [`input`]: which files a command line names, and their document ids.
//! * [`render`]: the output formats.
//!
//! The data flow and the contracts (CLI, JSON schemas, matching rules) are
//! described in the repository's `docs/DESIGN.md`.

pub mod annotate;
pub mod coverage;
pub mod dates;
pub mod glossary;
pub mod input;
pub mod lexicon;
pub mod matcher;
pub mod pipeline;
pub mod render;
pub mod text;
pub mod timeline;
