//! Which documents a command line names, and reading them.
//!
//! Each PATH is a file, a folder (walked recursively for `.txt` and `.md`
//! files, in sorted order), or `-` for standard input. Every document gets
//! an id that is unique within the run and safe as a file name: the path
//! relative to the folder it was found in, without extension, with other
//! characters than `A-Za-z0-9._-` turned into `-` (`corpus/week 1/notes.txt`
//! → `week-1-notes`); a repeated id gets `-2`, `-3`, ... in input order.

use std::collections::HashMap;
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::text::decode;

/// The largest document glossator annotates, in UTF-8 bytes: offsets are
/// kept as `u32` on the hot path.
pub const MAX_DOCUMENT_BYTES: usize = u32::MAX as usize - 1;

/// Where a document's bytes come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    File(PathBuf),
    Stdin,
}

/// One document to process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    pub source: Source,
    /// Unique, file-name-safe id.
    pub id: String,
}

/// A decoded document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    pub id: String,
    /// The path as given or found (`-` for standard input).
    pub path: String,
    pub text: String,
}

/// A problem with one input; the run goes on without it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for InputError {}

impl Input {
    /// The path to show in output and messages.
    pub fn display_path(&self) -> String {
        match &self.source {
            Source::File(path) => path.display().to_string(),
            Source::Stdin => "-".to_string(),
        }
    }

    /// Reads and decodes the document. A decoding guess (Windows-1252) is
    /// returned as a warning beside the document.
    pub fn read(&self) -> Result<(Document, Option<InputError>), InputError> {
        let path = self.display_path();
        let fail = |message: String| InputError {
            path: path.clone(),
            message,
        };
        let bytes = match &self.source {
            Source::File(file) => std::fs::read(file).map_err(|e| fail(e.to_string()))?,
            Source::Stdin => {
                let mut bytes = Vec::new();
                std::io::stdin()
                    .read_to_end(&mut bytes)
                    .map_err(|e| fail(e.to_string()))?;
                bytes
            }
        };
        let decoded = decode(bytes).map_err(|e| fail(e.to_string()))?;
        if decoded.text.len() > MAX_DOCUMENT_BYTES {
            let message = format!("over {MAX_DOCUMENT_BYTES} bytes as UTF-8; split it first");
            return Err(fail(message));
        }
        let warning = decoded.warning.map(fail);
        let doc = Document {
            id: self.id.clone(),
            path: path.clone(),
            text: decoded.text,
        };
        Ok((doc, warning))
    }
}

/// Expands the PATH arguments into documents, in order. Paths that do not
/// exist or cannot be walked are returned as errors; the rest still count.
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let mut found: Vec<(Source, String)> = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            found.push((Source::Stdin, "stdin".to_string()));
        } else if path.is_dir() {
            walk(path, &mut found, &mut errors);
        } else if path.exists() {
            found.push((
                Source::File(path.clone()),
                id_of(path.file_name().map(Path::new)),
            ));
        } else {
            errors.push(InputError {
                path: path.display().to_string(),
                message: "no such file or folder".to_string(),
            });
        }
    }
    (dedupe_ids(found), errors)
}

fn walk(root: &Path, found: &mut Vec<(Source, String)>, errors: &mut Vec<InputError>) {
    for item in walkdir::WalkDir::new(root).sort_by_file_name() {
        match item {
            Ok(item) if item.file_type().is_file() && is_text_file(item.path()) => {
                let id = id_of(item.path().strip_prefix(root).ok());
                found.push((Source::File(item.path().to_path_buf()), id));
            }
            Ok(_) => {}
            Err(err) => errors.push(InputError {
                path: err.path().unwrap_or(root).display().to_string(),
                message: err.to_string(),
            }),
        }
    }
}

fn is_text_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("txt" | "md")
    )
}

/// `week 1/notes.txt` → `week-1-notes`.
fn id_of(relative: Option<&Path>) -> String {
    let Some(relative) = relative else {
        return "document".to_string();
    };
    let stem = relative.with_extension("");
    let raw = stem.to_string_lossy();
    let safe: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    let safe = safe.trim_matches(|c| c == '-' || c == '.');
    if safe.is_empty() {
        "document".to_string()
    } else {
        safe.to_string()
    }
}

fn dedupe_ids(found: Vec<(Source, String)>) -> Vec<Input> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    found
        .into_iter()
        .map(|(source, id)| {
            let count = seen.entry(id.clone()).or_insert(0);
            *count += 1;
            let id = if *count == 1 {
                id
            } else {
                format!("{id}-{count}")
            };
            Input { source, id }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_safe_file_names() {
        assert_eq!(id_of(Some(Path::new("week 1/notes.txt"))), "week-1-notes");
        assert_eq!(id_of(Some(Path::new("Сталин.md"))), "document");
        assert_eq!(id_of(Some(Path::new("a.b.txt"))), "a.b");
    }

    #[test]
    fn repeated_ids_get_numbered() {
        let found = vec![
            (Source::Stdin, "a".to_string()),
            (Source::Stdin, "a".to_string()),
            (Source::Stdin, "b".to_string()),
        ];
        let ids: Vec<_> = dedupe_ids(found).into_iter().map(|i| i.id).collect();
        assert_eq!(ids, ["a", "a-2", "b"]);
    }
}
