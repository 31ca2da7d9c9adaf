//! The document loop every document-reading command shares: read, decode
//! and annotate on the worker pool, then hand each result to the command in
//! input order, reporting unreadable inputs and warnings on the way.

use std::io;

use glossator::annotate::Annotation;
use glossator::input::{Document, Input, InputError};
use glossator::pipeline::for_each_ordered;
use glossator::render::json::json_line;

use crate::config::Run;
use crate::report::Reporter;

/// One annotated document, made on a worker thread.
pub struct Processed {
    pub doc: Document,
    pub annotation: Annotation,
    /// The annotation as a JSON line, when the command asked for it (it is
    /// serialized on the worker, in parallel).
    pub json: Option<Vec<u8>>,
}

type Outcome = Result<(Processed, Option<InputError>), InputError>;

/// Annotates every input of `run`; calls `sink` for each document in input
/// order. The first error from `sink` stops the run and is returned.
pub fn process(
    run: &Run,
    want_json: bool,
    reporter: &mut Reporter,
    mut sink: impl FnMut(Processed, &mut Reporter) -> io::Result<()>,
) -> io::Result<()> {
    let progress = reporter.progress(run.inputs.len());
    let work = |input: &Input| -> Outcome {
        let (doc, warning) = input.read()?;
        let annotation = run.annotator.annotate(&doc);
        let json = want_json.then(|| json_line(&annotation));
        Ok((
            Processed {
                doc,
                annotation,
                json,
            },
            warning,
        ))
    };
    let mut result = Ok(());
    for_each_ordered(&run.inputs, run.jobs, work, |outcome| {
        progress.inc(1);
        if result.is_err() {
            return;
        }
        match outcome {
            Err(err) => reporter.fail(&err),
            Ok((processed, warning)) => {
                if let Some(warning) = warning {
                    reporter.warn(&warning);
                }
                result = sink(processed, reporter);
            }
        }
    });
    progress.finish_and_clear();
    result
}
