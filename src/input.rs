//! Which documents a command line names, and reading them.
//!
//! Each PATH is a file, a folder (walked recursively, in sorted order, for
//! files with the extension of a [`Format`] in any case: see [`collect`]), or `-` for
//! standard input. Every document gets an id that is unique within the run
//! and safe as a file name: the path relative to the folder it was found
//! in, without extension, made an id by the project's one slug rule,
//! [`crate::slug::slug`] (`corpus/week 1/Notes.txt` → `week-1-notes`,
//! `Сталин.md` → `stalin`), then made unique and short enough by
//! [`unique_ids`].

mod collect;
mod ids;

pub use collect::{collect, Collected, Skipped, OUTPUT_MARKER};
pub use ids::{unique_ids, MAX_ID_BYTES};

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use crate::document::Document;
use crate::document::Format;
use crate::slug::slug;
use crate::text::{decode, DecodeError};

/// The largest document glossator annotates, in UTF-8 bytes: offsets are
/// kept as `u32` on the hot path.
pub const MAX_DOCUMENT_BYTES: usize = u32::MAX as usize - 1;

/// The most bytes glossator reads from one input (a document or a lexicon
/// file): 1 GiB. Far more than any notes, it stops a device, a pipe or an
/// endless stream (`/dev/urandom`, `yes`) from filling memory, and even
/// decoded (Windows-1252 at most triples the size) it stays under
/// [`MAX_DOCUMENT_BYTES`].
pub const MAX_INPUT_BYTES: usize = 1 << 30;

/// How much of an input is read first and checked for binary content, as
/// ripgrep does, before the rest is read.
const FIRST_CHUNK_BYTES: usize = 64 * 1024;

/// Where a document's bytes come from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file, by its path.
    File(PathBuf),
    /// Standard input (`-`).
    Stdin,
}

/// One document to process.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Input {
    /// Where the document's bytes come from.
    pub source: Source,
    /// Unique, file-name-safe id.
    pub id: String,
}

/// A problem with one input; the run goes on without it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InputError {
    /// The path as the user gave it (or `-`).
    pub path: String,
    /// What went wrong, for the user.
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

    /// The format the document is read as: by its file's extension;
    /// plain text for standard input and unknown extensions.
    ///
    /// [`Input::read`] reads a file by its content first
    /// ([`Format::sniff`]: a Word or OpenDocument file under any name).
    pub fn format(&self) -> Format {
        match &self.source {
            Source::File(path) => Format::of_path(path).unwrap_or(Format::Text),
            Source::Stdin => Format::Text,
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
            Source::File(file) => read_file(file, MAX_INPUT_BYTES),
            Source::Stdin => read_bounded(std::io::stdin().lock(), 0, MAX_INPUT_BYTES),
        }
        .map_err(|e| fail(e.to_string()))?;
        let format = Format::sniff(&bytes).unwrap_or_else(|| self.format());
        let (doc, warning) =
            Document::read(self.id.clone(), path.clone(), bytes, format).map_err(fail)?;
        if doc.text.len() > MAX_DOCUMENT_BYTES {
            let message = format!("over {MAX_DOCUMENT_BYTES} bytes as UTF-8; split it first");
            return Err(fail(message));
        }
        Ok((doc, warning.map(fail)))
    }
}

/// Why an input's bytes could not be read.
#[derive(Debug)]
pub enum ReadError {
    /// The operating system's error.
    Io(std::io::Error),
    /// The first bytes show a binary file.
    Binary(DecodeError),
    /// More bytes than the limit it was read with.
    TooLarge {
        /// The limit, in bytes.
        limit: usize,
    },
}

impl fmt::Display for ReadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ReadError::Io(err) => err.fmt(f),
            ReadError::Binary(err) => err.fmt(f),
            ReadError::TooLarge { limit } => write!(
                f,
                "larger than {}, the most glossator reads from one input; split it first",
                size_name(*limit)
            ),
        }
    }
}

impl std::error::Error for ReadError {}

/// `1 GiB`, `64 KiB` or `1000 bytes`.
fn size_name(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 30 && b % (1 << 30) == 0 => format!("{} GiB", b >> 30),
        b if b >= 1 << 20 && b % (1 << 20) == 0 => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b % (1 << 10) == 0 => format!("{} KiB", b >> 10),
        b => format!("{b} bytes"),
    }
}

impl From<std::io::Error> for ReadError {
    fn from(err: std::io::Error) -> ReadError {
        ReadError::Io(err)
    }
}

/// Reads the file at `path`, if it holds at most `limit` bytes and does not
/// start like a binary file. Regular files over the limit are refused
/// before reading; devices, pipes and sockets are read until the limit.
///
/// ```
/// use glossator::input::{read_file, ReadError};
///
/// # #[cfg(unix)] {
/// let zeros = read_file("/dev/zero".as_ref(), 1 << 20);
/// assert!(matches!(zeros, Err(ReadError::Binary(_))));
/// # }
/// ```
pub fn read_file(path: &Path, limit: usize) -> Result<Vec<u8>, ReadError> {
    let file = std::fs::File::open(path)?;
    let metadata = file.metadata()?;
    let expected = if metadata.is_file() {
        usize::try_from(metadata.len()).unwrap_or(usize::MAX)
    } else {
        0
    };
    if expected > limit {
        return Err(ReadError::TooLarge { limit });
    }
    read_bounded(file, expected, limit)
}

/// Reads `reader` to its end, if that comes within `limit` bytes, checking
/// the first chunk for binary content before reading on. `expected` is the
/// size to reserve room for (0 when unknown).
///
/// ```
/// use glossator::input::{read_bounded, ReadError};
///
/// let endless = std::io::repeat(b'a');
/// assert!(matches!(read_bounded(endless, 0, 1000), Err(ReadError::TooLarge { .. })));
/// assert_eq!(read_bounded(&b"NEP"[..], 3, 1000).unwrap(), b"NEP");
/// ```
pub fn read_bounded(
    reader: impl Read,
    expected: usize,
    limit: usize,
) -> Result<Vec<u8>, ReadError> {
    let mut bytes = Vec::with_capacity(expected.min(limit));
    // One byte over the limit tells a stream that is too long from one
    // that is exactly the limit.
    let mut reader = reader.take(limit as u64 + 1);
    (&mut reader)
        .take(FIRST_CHUNK_BYTES as u64)
        .read_to_end(&mut bytes)?;
    // The decoder owns the rule for what is binary (NUL bytes, except in
    // UTF-16); asking it about a first chunk with a NUL in it stops a
    // stream of zeros after 64 KiB. A zip (a truncated one too), or a file
    // whose content shows another format that is not text, is binary and
    // read on: its reader checks it.
    let container =
        bytes.starts_with(b"PK\x03\x04") || Format::sniff(&bytes).is_some_and(Format::is_binary);
    if memchr::memchr(0, &bytes).is_some() && !container {
        if let Err(err @ DecodeError::Binary { .. }) = decode(bytes.clone()) {
            return Err(ReadError::Binary(err));
        }
    }
    reader.read_to_end(&mut bytes)?;
    if bytes.len() > limit {
        return Err(ReadError::TooLarge { limit });
    }
    Ok(bytes)
}

/// `week 1/notes.txt` → `week-1-notes`: the path without its extension,
/// made an id by [`crate::slug::slug`] (`document` if nothing is left).
fn id_of(relative: Option<&Path>) -> String {
    let id = relative.map_or_else(String::new, |relative| {
        slug(&relative.with_extension("").to_string_lossy())
    });
    if id.is_empty() {
        "document".to_string()
    } else {
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_endless_stream_stops_at_the_limit() {
        let err = read_bounded(std::io::repeat(b'a'), 0, 100_000).unwrap_err();
        assert_eq!(
            err.to_string(),
            "larger than 100000 bytes, the most glossator reads from one input; split it first"
        );
        let exact = read_bounded(&vec![b'a'; 100_000][..], 0, 100_000).unwrap();
        assert_eq!(exact.len(), 100_000);
    }

    #[test]
    fn binary_streams_stop_at_the_first_chunk() {
        // Reading more than the first chunk of this stream would fail the test.
        let zeros = std::io::repeat(0).take(FIRST_CHUNK_BYTES as u64);
        let endless = zeros.chain(FailingReader);
        assert!(matches!(
            read_bounded(endless, 0, MAX_INPUT_BYTES),
            Err(ReadError::Binary(DecodeError::Binary { offset: 0 }))
        ));
        // UTF-16 has NUL bytes in it and is not binary.
        let utf16: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain(b"N\0E\0P\0".iter().copied())
            .collect();
        assert_eq!(read_bounded(&utf16[..], 0, 100).unwrap(), utf16);
    }

    /// A reader that fails if read.
    struct FailingReader;

    impl Read for FailingReader {
        fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
            Err(std::io::Error::other("read past the first chunk"))
        }
    }

    #[test]
    fn sizes_are_named_in_binary_units() {
        assert_eq!(size_name(MAX_INPUT_BYTES), "1 GiB");
        assert_eq!(size_name(FIRST_CHUNK_BYTES), "64 KiB");
        assert_eq!(size_name(1000), "1000 bytes");
    }

    #[test]
    fn ids_are_safe_file_names() {
        assert_eq!(id_of(Some(Path::new("week 1/notes.txt"))), "week-1-notes");
        assert_eq!(id_of(Some(Path::new("Сталин.md"))), "stalin");
        assert_eq!(id_of(Some(Path::new("A.b.txt"))), "a-b");
        assert_eq!(id_of(Some(Path::new("?.txt"))), "document");
    }
}
