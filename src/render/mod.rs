//! Output formats (JSON, Markdown, TSV, HTML), and writing output files
//! safely.
//!
//! Every renderer turns an in-memory result into bytes; nothing here decides
//! *what* is reported. Files are written with [`write_atomic`], so a reader
//! never sees half a file and an interrupted run leaves the old one intact.

pub mod html;
pub mod json;
pub mod markdown;
mod text;
pub mod tsv;

use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` through a temporary file in the same folder and
/// a rename, so the file is replaced whole or not at all.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let mut file = tempfile::Builder::new()
        .prefix(".glossator-")
        .tempfile_in(dir)?;
    file.write_all(bytes)?;
    file.as_file().sync_all()?;
    file.persist(path).map_err(|e| e.error)?;
    Ok(())
}
