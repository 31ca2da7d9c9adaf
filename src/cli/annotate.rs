//! `glossator annotate`: a stream on stdout, or files per document, in
//! any of the annotation formats (`formats.rs`).

use std::path::Path;

use glossator::input::Document;
use glossator::render::json::write_annotation;

use crate::args::AnnotationFormat;
use crate::config::Run;
use crate::formats::{render, Dest, Parts, Writer};
use crate::output::{Output, OutputFolder};
use crate::process::{is_large, process};
use crate::report::Reporter;

/// A document's output, as a worker leaves it for the sink.
enum Rendered {
    /// Made on the worker.
    Parts(Parts),
    /// Not made: a large document, which the sink annotates and renders
    /// (JSON as it goes).
    Large,
}

/// Annotates every input; writes files into `out`, or a stream on stdout.
pub fn run(
    run: &Run,
    format: AnnotationFormat,
    out: Option<&Path>,
    reporter: &mut Reporter,
) -> anyhow::Result<()> {
    let _folder = match out {
        Some(dir) => {
            run.require_file_ids("annotate --out")?;
            Some(OutputFolder::claim(dir)?)
        }
        None => None,
    };
    let mut writer = Writer::new(format, out, Output::new(&run.inputs), reporter)?;
    let dest = writer.dest();
    let prepare = |doc: &Document| {
        if is_large(doc) {
            Rendered::Large
        } else {
            Rendered::Parts(render(format, doc, &run.annotator.annotate(doc), dest))
        }
    };
    process(run, prepare, reporter, |processed, reporter| {
        let doc = &processed.doc;
        match processed.prepared {
            Rendered::Parts(parts) => writer.write(&doc.id, &parts, reporter),
            Rendered::Large => {
                let annotation = run.annotator.annotate(doc);
                match (format, dest) {
                    (AnnotationFormat::Json, Dest::Stream) => {
                        writer.stream(|out| write_annotation(&annotation, out))
                    }
                    (AnnotationFormat::Json, Dest::Folder) => {
                        writer.write_file_with(&doc.id, "json", reporter, |out| {
                            write_annotation(&annotation, out)
                        });
                        Ok(())
                    }
                    _ => writer.write(&doc.id, &render(format, doc, &annotation, dest), reporter),
                }
            }
        }
    })?;
    Ok(writer.finish(reporter)?)
}
