//! The formats annotations are written in, for `annotate --format` and
//! `export --format`: which renderer makes each, and how its output is laid
//! out on standard output and in an `--out` folder.

use std::io::{self, BufWriter, Stdout, Write};
use std::path::Path;

use anyhow::bail;
use glossator::annotate::Annotation;
use glossator::input::Document;
use glossator::render::{brat, json, spacy, tei, web_annotation};

use crate::args::AnnotationFormat;
use crate::output::Output;
use crate::report::Reporter;

/// Where a document's output goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Dest {
    /// Standard output, a stream of documents.
    Stream,
    /// Files of their own in the `--out` folder.
    Folder,
}

/// One document's output: for each file, its extension and bytes (one
/// part, without a file, on standard output).
pub type Parts = Vec<(&'static str, Vec<u8>)>;

/// What `annotation` (of `doc`) becomes in `format`.
///
/// * `json`: the `glossator.annotation/1` line; `DIR/<id>.json`.
/// * `web-annotation`: one Web Annotation per line; `DIR/<id>.jsonld`, a
///   JSON-LD array of them.
/// * `spacy`: the training example's line; `DIR/<id>.json`.
/// * `brat`: `DIR/<id>.txt`, the text, and `DIR/<id>.ann`, the standoff
///   (only in a folder).
/// * `tei`: a `<TEI>` element, in the stream's `<teiCorpus>`;
///   `DIR/<id>.xml`, a TEI file.
pub fn render(
    format: AnnotationFormat,
    doc: &Document,
    annotation: &Annotation,
    dest: Dest,
) -> Parts {
    let text = doc.text.as_str();
    match format {
        AnnotationFormat::Json => vec![("json", json::annotation_line(annotation))],
        AnnotationFormat::WebAnnotation => {
            let lines = web_annotation::annotations(text, annotation);
            match dest {
                Dest::Stream => vec![("", lines)],
                Dest::Folder => vec![("jsonld", json_array(&lines))],
            }
        }
        AnnotationFormat::Spacy => vec![("json", spacy::training_example(text, annotation))],
        AnnotationFormat::Brat => vec![
            ("txt", text.as_bytes().to_vec()),
            ("ann", brat::standoff(text, annotation).into_bytes()),
        ],
        AnnotationFormat::Tei => match dest {
            Dest::Stream => vec![("", tei::tei(doc, annotation).into_bytes())],
            Dest::Folder => vec![("xml", tei::file(doc, annotation).into_bytes())],
        },
    }
}

/// JSON Lines as one JSON array, a value to a line.
fn json_array(lines: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(lines.len() + 4);
    out.push(b'[');
    for (i, line) in lines.split_inclusive(|&b| b == b'\n').enumerate() {
        out.extend_from_slice(if i == 0 { b"\n" } else { b",\n" });
        out.extend_from_slice(line.strip_suffix(b"\n").unwrap_or(line));
    }
    out.extend_from_slice(b"\n]\n");
    out
}

/// Writes documents' outputs, in order, to standard output or the files of
/// an `--out` folder, with what a format has around them: brat's
/// `annotation.conf` in the folder, TEI's `<teiCorpus>` on standard output.
pub struct Writer<'a> {
    format: AnnotationFormat,
    folder: Option<&'a Path>,
    output: Output,
    stdout: BufWriter<Stdout>,
}

impl<'a> Writer<'a> {
    /// A writer of `format` into `folder` (claimed by the caller) or to
    /// standard output; refuses a format that needs a folder without one.
    /// It never writes over a file of `output`'s inputs.
    pub fn new(
        format: AnnotationFormat,
        folder: Option<&'a Path>,
        output: Output,
        reporter: &mut Reporter,
    ) -> anyhow::Result<Writer<'a>> {
        let mut writer = Writer {
            format,
            folder,
            output,
            stdout: BufWriter::new(io::stdout()),
        };
        match (format, folder) {
            (AnnotationFormat::Brat, None) => {
                bail!("--format brat writes a .txt and an .ann file per document; give --out DIR")
            }
            (AnnotationFormat::Brat, Some(dir)) => {
                let conf = brat::annotation_conf();
                writer
                    .output
                    .write(&dir.join("annotation.conf"), conf.as_bytes(), reporter)?;
            }
            (AnnotationFormat::Tei, None) => {
                writer.stdout.write_all(tei::corpus_start().as_bytes())?;
            }
            _ => {}
        }
        Ok(writer)
    }

    /// Where this writer's output goes.
    pub fn dest(&self) -> Dest {
        match self.folder {
            Some(_) => Dest::Folder,
            None => Dest::Stream,
        }
    }

    /// Writes one document's `parts` (made by [`render`] for
    /// [`Writer::dest`]) under its `id`. A file that cannot be written
    /// fails that document; an error on standard output stops the run.
    pub fn write(&mut self, id: &str, parts: &Parts, reporter: &mut Reporter) -> io::Result<()> {
        match self.folder {
            None => {
                for (_, bytes) in parts {
                    self.stdout.write_all(bytes)?;
                }
                Ok(())
            }
            Some(dir) => {
                for (extension, bytes) in parts {
                    let path = dir.join(format!("{id}.{extension}"));
                    self.output
                        .write_document(&path, reporter, |out| out.write_all(bytes));
                }
                Ok(())
            }
        }
    }

    /// Writes to standard output with `write`, for a document whose output
    /// is written as it is made.
    pub fn stream(
        &mut self,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        write(&mut self.stdout)
    }

    /// Writes one file of a document with `write`, as [`Writer::write`].
    pub fn write_file_with(
        &mut self,
        id: &str,
        extension: &str,
        reporter: &mut Reporter,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) {
        if let Some(dir) = self.folder {
            let path = dir.join(format!("{id}.{extension}"));
            self.output.write_document(&path, reporter, write);
        }
    }

    /// Ends what the format has around the documents, flushes standard
    /// output and commits the files written.
    pub fn finish(mut self, reporter: &mut Reporter) -> io::Result<()> {
        self.output.finish(reporter);
        if self.format == AnnotationFormat::Tei && self.folder.is_none() {
            self.stdout.write_all(tei::CORPUS_END.as_bytes())?;
        }
        self.stdout.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn json_lines_become_an_array() {
        assert_eq!(json_array(b"{}\n[1]\n"), b"[\n{},\n[1]\n]\n");
        assert_eq!(json_array(b""), b"[\n]\n");
    }
}
