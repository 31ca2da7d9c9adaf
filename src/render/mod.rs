//! Output formats (JSON, Markdown, TSV, HTML, an Anki deck; the exchange formats W3C Web
//! Annotation, spaCy, brat and TEI), and writing output files safely.
//!
//! Every renderer turns an in-memory result into bytes; nothing here decides
//! *what* is reported. Files are written with [`write_file`], or many
//! together with [`Files`], so a reader never sees half a file and an
//! interrupted run leaves the old one intact.

pub mod anki;
pub mod brat;
mod escape;
mod file;
pub mod html;
pub mod json;
pub mod markdown;
mod quotes;
pub mod spacy;
pub mod tei;
mod text;
pub mod tsv;
pub mod web_annotation;

pub(crate) use escape::{escape_markup, escape_markup_into};
pub use file::{remove_temporary_files, write_file, Failed, Files};
pub use quotes::Quotes;
