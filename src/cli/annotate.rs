//! `glossator annotate`: JSON Lines on stdout, or one file per document.

use std::io::Write;
use std::path::Path;

use glossator::input::Document;
use glossator::render::json::{annotation_line, write_annotation};

use crate::config::Run;
use crate::output::{Output, OutputFolder};
use crate::process::{is_large, process};
use crate::report::Reporter;

/// A document's JSON line, as a worker leaves it for the sink.
enum Json {
    /// The line, made on the worker.
    Line(Vec<u8>),
    /// Not made: a large document, which the sink annotates and writes as
    /// it goes.
    Large,
}

/// Annotates every input; writes `out/<doc-id>.json` or JSON Lines on
/// stdout.
pub fn run(run: &Run, out: Option<&Path>, reporter: &mut Reporter) -> anyhow::Result<()> {
    let _folder = match out {
        Some(dir) => {
            run.require_file_ids("annotate --out")?;
            Some(OutputFolder::claim(dir)?)
        }
        None => None,
    };
    let mut output = Output::new(&run.inputs);
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    let prepare = |doc: &Document| {
        if is_large(doc) {
            Json::Large
        } else {
            Json::Line(annotation_line(&run.annotator.annotate(doc)))
        }
    };
    process(run, prepare, reporter, |processed, reporter| {
        let write = |out: &mut dyn Write| match &processed.prepared {
            Json::Line(line) => out.write_all(line),
            Json::Large => write_annotation(&run.annotator.annotate(&processed.doc), out),
        };
        match out {
            None => write(&mut stdout),
            Some(dir) => {
                let path = dir.join(format!("{}.json", processed.doc.id));
                output.write_document(&path, reporter, write);
                Ok(())
            }
        }
    })?;
    Ok(stdout.flush()?)
}
