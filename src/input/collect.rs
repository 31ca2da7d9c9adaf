//! From PATH arguments to the list of documents: walking folders, and
//! saying what was left out.
//!
//! A folder is walked recursively in sorted order for files whose
//! extension, in any case, is one of a [`Format`]'s. Everything
//! else is counted in [`Skipped`], so a run can say what it left out
//! instead of leaving it out silently: files of other formats, special
//! files (pipes, sockets, devices: reading one could wait forever),
//! symbolic links (not followed, as ripgrep does not), and folders
//! glossator wrote itself (marked with [`OUTPUT_MARKER`]), so that
//! `build notes --out notes/site` never reads its own glossary as notes.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use super::{id_of, unique_ids, Input, InputError, Source};
use crate::document::Format;
use crate::text::counted;

/// The file glossator puts in every folder it writes a set of outputs into
/// (`build --out`, `annotate --out`). A folder walk does not read a folder
/// that holds one.
pub const OUTPUT_MARKER: &str = ".glossator-output";

/// What the PATH arguments came to.
#[derive(Debug, Default)]
pub struct Collected {
    /// The documents, in order, with unique ids.
    pub inputs: Vec<Input>,
    /// Paths that do not exist, could not be walked, or are folders with
    /// no documents in them.
    pub errors: Vec<InputError>,
    /// What the folder walks left out.
    pub skipped: Skipped,
}

/// What folder walks left out, and why.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Skipped {
    /// Files of other formats, by lower-case extension (`""`: none).
    pub formats: BTreeMap<String, usize>,
    /// Pipes, sockets and devices.
    pub special: usize,
    /// Symbolic links.
    pub links: usize,
    /// Folders that glossator wrote.
    pub output_folders: Vec<PathBuf>,
}

impl Skipped {
    /// Whether nothing was left out.
    pub fn is_empty(&self) -> bool {
        *self == Skipped::default()
    }

    fn files(&self) -> usize {
        self.formats.values().sum::<usize>() + self.special + self.links
    }
}

/// `skipped 3 files: 2 .docx, 1 .png (documents are .txt, .md or
/// .markdown files); 1 glossator output folder: notes/site`.
impl fmt::Display for Skipped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut parts = Vec::new();
        let files = self.files();
        if files > 0 {
            let mut kinds: Vec<String> = self
                .formats
                .iter()
                .map(|(ext, &n)| match ext.as_str() {
                    "" => format!("{n} without extension"),
                    ext => format!("{n} .{ext}"),
                })
                .collect();
            if self.special > 0 {
                kinds.push(counted(
                    self.special,
                    "pipe, socket or device",
                    "pipes, sockets or devices",
                ));
            }
            if self.links > 0 {
                kinds.push(format!(
                    "{} (not followed: name the file to read it)",
                    counted(self.links, "symbolic link", "symbolic links")
                ));
            }
            parts.push(format!(
                "{}: {} ({})",
                counted(files, "file", "files"),
                kinds.join(", "),
                what_is_read()
            ));
        }
        if !self.output_folders.is_empty() {
            let folders: Vec<String> = self
                .output_folders
                .iter()
                .map(|p| p.display().to_string())
                .collect();
            parts.push(format!(
                "{}: {}",
                counted(
                    folders.len(),
                    "glossator output folder",
                    "glossator output folders"
                ),
                folders.join(", ")
            ));
        }
        write!(f, "skipped {}", parts.join("; "))
    }
}

/// `documents are .txt, .md or .markdown files`.
fn what_is_read() -> String {
    let known: Vec<String> = Format::ALL
        .iter()
        .flat_map(|format| format.extensions())
        .map(|e| format!(".{e}"))
        .collect();
    match known.split_last() {
        Some((last, [])) => format!("documents are {last} files"),
        Some((last, rest)) => format!("documents are {} or {last} files", rest.join(", ")),
        None => "no documents are read from folders".to_string(),
    }
}

/// Expands the PATH arguments into documents, in order. Paths that do not
/// exist or cannot be walked, and folders with no documents, are returned
/// as errors; the rest still count.
pub fn collect(paths: &[PathBuf]) -> Collected {
    let mut found: Vec<(Source, String)> = Vec::new();
    let mut collected = Collected::default();
    for path in paths {
        if path.as_os_str() == "-" {
            found.push((Source::Stdin, "stdin".to_string()));
        } else if path.is_dir() {
            let before = found.len();
            walk(path, &mut found, &mut collected);
            if found.len() == before {
                collected.errors.push(InputError {
                    path: path.display().to_string(),
                    message: no_documents(path),
                });
            }
        } else if path.exists() {
            found.push((
                Source::File(path.clone()),
                id_of(path.file_name().map(Path::new)),
            ));
        } else {
            collected.errors.push(InputError {
                path: path.display().to_string(),
                message: "no such file or folder".to_string(),
            });
        }
    }
    let (sources, ids): (Vec<Source>, Vec<String>) = found.into_iter().unzip();
    collected.inputs = sources
        .into_iter()
        .zip(unique_ids(ids))
        .map(|(source, id)| Input { source, id })
        .collect();
    collected
}

/// Why a folder gave no documents.
fn no_documents(folder: &Path) -> String {
    if folder.join(OUTPUT_MARKER).exists() {
        "a folder glossator wrote its output into; not read as input".to_string()
    } else {
        format!("no documents in this folder ({})", what_is_read())
    }
}

fn walk(root: &Path, found: &mut Vec<(Source, String)>, collected: &mut Collected) {
    let mut items = walkdir::WalkDir::new(root).sort_by_file_name().into_iter();
    while let Some(item) = items.next() {
        let item = match item {
            Ok(item) => item,
            Err(err) => {
                collected.errors.push(InputError {
                    path: err.path().unwrap_or(root).display().to_string(),
                    message: err.to_string(),
                });
                continue;
            }
        };
        let (path, kind) = (item.path(), item.file_type());
        let skipped = &mut collected.skipped;
        if kind.is_dir() {
            if path.join(OUTPUT_MARKER).exists() {
                // A marked PATH itself is an error of its own (see
                // `no_documents`), not a skip.
                if item.depth() > 0 {
                    skipped.output_folders.push(path.to_path_buf());
                }
                items.skip_current_dir();
            }
        } else if kind.is_symlink() {
            skipped.links += 1;
        } else if !kind.is_file() {
            skipped.special += 1;
        } else {
            let ext = path
                .extension()
                .map(|e| e.to_string_lossy().to_lowercase())
                .unwrap_or_default();
            if Format::of_extension(&ext).is_some() {
                let id = id_of(path.strip_prefix(root).ok());
                found.push((Source::File(path.to_path_buf()), id));
            } else {
                *skipped.formats.entry(ext).or_default() += 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skipped_files_are_counted_by_reason() {
        let skipped = Skipped {
            formats: [("rtf".to_string(), 2), (String::new(), 1)].into(),
            special: 1,
            links: 0,
            output_folders: vec![PathBuf::from("notes/site")],
        };
        assert_eq!(
            skipped.to_string(),
            "skipped 4 files: 1 without extension, 2 .rtf, 1 pipe, socket or device \
             (documents are .txt, .md, .markdown, .docx, .odt, .html, .htm or .pdf files); 1 glossator output folder: notes/site"
        );
    }
}
