//! HTML output: handouts, the glossary and timeline pages, and an index,
//! for teachers to read on screen and print.
//!
//! Every page is one self-contained file: the stylesheet is inline, there
//! is no script and nothing is fetched (a Content-Security-Policy says so
//! too). Pages are written with the escaping `Html` writer (`writer.rs`),
//! through which all document and lexicon text passes. The pages link to each
//! other within a `glossator build` folder: a handout's entries (in its
//! terms list, which its spans link to) to their glossary entries
//! (`glossary.html#<id>`), its dates to their timeline events, the
//! glossary's and timeline's passages back to the spans
//! (`handouts/<doc>.html#s-<start>`).
//!
//! * [`Handouts`]: one document, highlighted, with tooltips.
//! * [`glossary`], [`timeline`]: the reductions as pages.
//! * [`index`]: the front page of a build, with counts and every file.
//! * [`worksheet`]: exercises made from the notes, to print, with an
//!   answer key.

mod handout;
mod inline;
mod page;
mod pages;
mod style;
mod terms;
mod worksheet;
mod writer;

pub use handout::Handouts;
pub use pages::{compact_glossary, glossary, index, timeline, write_glossary, write_timeline};
pub use worksheet::{worksheet, Exercise, WorksheetOptions};
