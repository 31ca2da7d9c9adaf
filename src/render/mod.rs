//! Output formats (JSON, Markdown, TSV, HTML), and writing output files
//! safely.
//!
//! Every renderer turns an in-memory result into bytes; nothing here decides
//! *what* is reported. Files are written with [`write_file`], so a reader
//! never sees half a file and an interrupted run leaves the old one intact.

mod file;
pub mod html;
pub mod json;
pub mod markdown;
mod text;
pub mod tsv;

pub use file::{remove_temporary_files, write_file};
