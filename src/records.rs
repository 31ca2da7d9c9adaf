//! JSON Lines records: documents given as `{"id": ..., "text": ...}`, one
//! per line, in files or on standard input (`--input-format jsonl`).
//!
//! This is the form stream processors hand to a program (Spark's
//! `RDD.pipe`, Hadoop streaming, `xargs`): an unbounded stream of small
//! documents. [`lines`] reads it lazily, one line at a time, so memory
//! holds the lines in flight, never the stream; each [`RecordLine`] is
//! then [parsed](RecordLine::parse) into a [`Document`], on a worker.
//!
//! A record is one JSON object with a string `text` and an `id` that is a
//! string or a number (written in the output as its decimal text), and
//! optionally a `format`, `"text"` (the default) or `"markdown"`; other
//! fields are ignored. The id is the caller's key and is kept as given:
//! unlike file ids it is not made file-name safe or unique. Lines that
//! hold only white space are skipped; a byte-order mark before the first
//! line is ignored. Every other line that is not such a record is an
//! error naming `FILE:LINE`, and the lines after it are still read. The
//! document's path is `FILE:LINE` too (`-:LINE` on standard input).

use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::PathBuf;
use std::sync::Arc;

use serde::Deserialize;

use crate::document::Format;
use crate::input::{Document, Input, InputError, Source, MAX_INPUT_BYTES};

/// The longest record line read, in bytes, the most glossator reads of
/// one document: a longer one is skipped (and reported) without being held
/// in memory.
const MAX_LINE_BYTES: usize = MAX_INPUT_BYTES;

/// One line of a JSON Lines input, read but not yet parsed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RecordLine {
    /// The input's path as shown in messages (`-` for standard input).
    pub path: Arc<str>,
    /// The line number, from 1.
    pub line: usize,
    /// The line's bytes, without its line break.
    pub bytes: Vec<u8>,
}

/// The fields of a record that glossator reads.
#[derive(Deserialize)]
#[serde(expecting = "an object with an id and a text")]
struct Record {
    id: serde_json::Value,
    text: String,
    /// `"text"` (the default) or `"markdown"`.
    #[serde(default)]
    format: Format,
}

impl RecordLine {
    /// `FILE:LINE`, for the document's path and for messages.
    pub fn location(&self) -> String {
        format!("{}:{}", self.path, self.line)
    }

    /// Parses the line into a document.
    ///
    /// ```
    /// use glossator::records::RecordLine;
    ///
    /// let line = |bytes: &[u8]| RecordLine { path: "notes.jsonl".into(), line: 3, bytes: bytes.to_vec() };
    /// let doc = line(br#"{"id": 7, "text": "NEP, 1921", "week": 2}"#).parse().unwrap();
    /// assert_eq!((doc.id.as_str(), doc.path.as_str(), doc.text.as_str()), ("7", "notes.jsonl:3", "NEP, 1921"));
    /// let err = line(br#"{"id": "a"}"#).parse().unwrap_err();
    /// assert_eq!(err.to_string(), "notes.jsonl:3: not a record: missing field `text` (column 11)");
    /// ```
    pub fn parse(self) -> Result<Document, InputError> {
        let fail = |message: String| InputError {
            path: self.location(),
            message,
        };
        // serde would also take an array of two as a record.
        if self.bytes.trim_ascii_start().first() != Some(&b'{') {
            return Err(fail(
                r#"not a record: not a JSON object {"id": …, "text": …}"#.into(),
            ));
        }
        let record: Record = serde_json::from_slice(&self.bytes)
            .map_err(|err| fail(format!("not a record: {}", json_message(&err))))?;
        let id = match record.id {
            serde_json::Value::String(id) => id,
            serde_json::Value::Number(id) => id.to_string(),
            other => {
                return Err(fail(format!(
                    "the id must be a string or a number, not {}",
                    json_type(&other)
                )))
            }
        };
        if !record.format.is_text() {
            let format = record.format.name();
            return Err(fail(format!(
                "format {format:?} is not text; a record's format is \"text\" or \"markdown\""
            )));
        }
        Ok(Document::of_text(
            id,
            self.location(),
            record.text,
            record.format,
        ))
    }
}

/// `serde_json`'s message without its position (a record is one line, so
/// only the column says something).
fn json_message(err: &serde_json::Error) -> String {
    let message = err.to_string();
    let message = match message.rsplit_once(" at line ") {
        Some((message, _)) => message.to_string(),
        None => message,
    };
    format!("{message} (column {})", err.column())
}

fn json_type(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// The inputs that `paths` name: files, and `-` for standard input.
/// Folders and missing paths are returned as errors; the rest still count.
pub fn collect(paths: &[PathBuf]) -> (Vec<Input>, Vec<InputError>) {
    let mut inputs = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        let source = if path.as_os_str() == "-" {
            Source::Stdin
        } else if path.is_dir() {
            errors.push(InputError {
                path: path.display().to_string(),
                message: "a folder; JSON Lines records are read from files or -".to_string(),
            });
            continue;
        } else if path.exists() {
            Source::File(path.clone())
        } else {
            errors.push(InputError {
                path: path.display().to_string(),
                message: "no such file or folder".to_string(),
            });
            continue;
        };
        let input = Input {
            source,
            id: String::new(),
        };
        inputs.push(input);
    }
    (inputs, errors)
}

/// Every record line of `inputs`, in order, read as the iterator is
/// advanced. An input that cannot be opened or read on yields one error
/// and the next input follows.
pub fn lines(inputs: &[Input]) -> impl Iterator<Item = Result<RecordLine, InputError>> + '_ {
    inputs.iter().flat_map(|input| {
        let path: Arc<str> = input.display_path().into();
        let opened = open(&input.source).map_err(|err| InputError {
            path: path.to_string(),
            message: err.to_string(),
        });
        let (reader, error) = match opened {
            Ok(reader) => (Some(reader), None),
            Err(error) => (None, Some(Err(error))),
        };
        let lines = reader
            .into_iter()
            .flat_map(move |reader| Lines::new(reader, path.clone()));
        error.into_iter().chain(lines)
    })
}

fn open(source: &Source) -> io::Result<Box<dyn BufRead>> {
    Ok(match source {
        Source::File(path) => Box::new(BufReader::with_capacity(1 << 16, File::open(path)?)),
        Source::Stdin => Box::new(io::stdin().lock()),
    })
}

/// The record lines of one input.
struct Lines<R> {
    reader: R,
    path: Arc<str>,
    /// The number of the last line read.
    line: usize,
    limit: usize,
    /// Set after a read error: the input yields nothing more.
    done: bool,
}

impl<R: BufRead> Lines<R> {
    fn new(reader: R, path: Arc<str>) -> Lines<R> {
        Lines {
            reader,
            path,
            line: 0,
            limit: MAX_LINE_BYTES,
            done: false,
        }
    }

    fn fail(&self, message: String) -> InputError {
        InputError {
            path: format!("{}:{}", self.path, self.line),
            message,
        }
    }
}

impl<R: BufRead> Iterator for Lines<R> {
    type Item = Result<RecordLine, InputError>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            let mut bytes = Vec::new();
            let read = read_line(&mut self.reader, &mut bytes, self.limit);
            self.line += 1;
            match read {
                Err(err) => {
                    self.done = true;
                    return Some(Err(self.fail(err.to_string())));
                }
                Ok(Line::End) => self.done = true,
                Ok(Line::TooLong) => {
                    let message = format!("a record line over {} bytes; skipped", self.limit);
                    return Some(Err(self.fail(message)));
                }
                Ok(Line::Read) => {
                    let bytes = match (self.line, bytes.strip_prefix(b"\xEF\xBB\xBF")) {
                        (1, Some(rest)) => rest.to_vec(),
                        _ => bytes,
                    };
                    if bytes.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let path = self.path.clone();
                    let line = self.line;
                    return Some(Ok(RecordLine { path, line, bytes }));
                }
            }
        }
        None
    }
}

/// What [`read_line`] found.
#[derive(Debug, PartialEq, Eq)]
enum Line {
    /// A line, in the buffer.
    Read,
    /// A line over the limit, read past and dropped.
    TooLong,
    /// The end of the input.
    End,
}

/// Reads one line into `bytes`, without its `\n`, keeping at most `limit`
/// bytes: a longer line is consumed to its end but not kept.
fn read_line(reader: &mut impl BufRead, bytes: &mut Vec<u8>, limit: usize) -> io::Result<Line> {
    let mut seen_any = false;
    let mut too_long = false;
    loop {
        let chunk = match reader.fill_buf() {
            Ok(chunk) => chunk,
            Err(err) if err.kind() == io::ErrorKind::Interrupted => continue,
            Err(err) => return Err(err),
        };
        if chunk.is_empty() {
            break;
        }
        seen_any = true;
        let (part, used, ends) = match memchr::memchr(b'\n', chunk) {
            Some(at) => (&chunk[..at], at + 1, true),
            None => (chunk, chunk.len(), false),
        };
        if !too_long && bytes.len() + part.len() <= limit {
            bytes.extend_from_slice(part);
        } else {
            too_long = true;
            bytes.clear();
        }
        reader.consume(used);
        if ends {
            break;
        }
    }
    Ok(match (seen_any, too_long) {
        (false, _) => Line::End,
        (true, true) => Line::TooLong,
        (true, false) => Line::Read,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(input: &[u8], limit: usize) -> Vec<Result<(usize, String), String>> {
        let mut lines = Lines::new(input, "in.jsonl".into());
        lines.limit = limit;
        lines
            .map(|line| {
                line.map(|l| (l.line, String::from_utf8_lossy(&l.bytes).into_owned()))
                    .map_err(|e| e.to_string())
            })
            .collect()
    }

    #[test]
    fn lines_are_numbered_and_blank_ones_skipped() {
        let got = read_all(b"\xEF\xBB\xBF{\"a\"}\r\n\n  \n{\"b\"}", 100);
        assert_eq!(
            got,
            [
                Ok((1, "{\"a\"}\r".to_string())),
                Ok((4, "{\"b\"}".to_string()))
            ]
        );
    }

    #[test]
    fn a_long_line_is_reported_and_the_next_one_read() {
        let input = format!("{}\n{{}}\n", "x".repeat(50));
        let got = read_all(input.as_bytes(), 10);
        assert_eq!(
            got,
            [
                Err("in.jsonl:1: a record line over 10 bytes; skipped".to_string()),
                Ok((2, "{}".to_string()))
            ]
        );
    }

    #[test]
    fn bad_records_name_their_problem() {
        let parse = |bytes: &str| {
            let line = RecordLine {
                path: "in.jsonl".into(),
                line: 2,
                bytes: bytes.as_bytes().to_vec(),
            };
            line.parse().map(|d| d.id).map_err(|e| e.to_string())
        };
        assert_eq!(parse(r#"{"id":"n-1","text":""}"#), Ok("n-1".to_string()));
        assert_eq!(parse(r#"{"id":1.5e3,"text":""}"#), Ok("1500.0".to_string()));
        assert_eq!(
            parse(r#"{"id":null,"text":"x"}"#),
            Err("in.jsonl:2: the id must be a string or a number, not null".to_string())
        );
        assert_eq!(
            parse(r#"{"id":1,"text":"x""#),
            Err("in.jsonl:2: not a record: EOF while parsing an object (column 18)".to_string())
        );
        let not_an_object = r#"in.jsonl:2: not a record: not a JSON object {"id": …, "text": …}"#;
        assert_eq!(parse(r#"["n-1", "text"]"#), Err(not_an_object.to_string()));
        assert_eq!(parse("garbage"), Err(not_an_object.to_string()));
        assert_eq!(
            parse(r#"{"id":1,"text":2}"#),
            Err(
                "in.jsonl:2: not a record: invalid type: integer `2`, expected a string (column 16)"
                    .to_string()
            )
        );
    }
}
