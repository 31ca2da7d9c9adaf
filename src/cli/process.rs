//! The document loop every document-reading command shares: read, decode,
//! annotate and render on the worker pool, then hand each result to the
//! command in input order, reporting unreadable inputs and warnings on the
//! way.

use std::io;

use glossator::annotate::Annotation;
use glossator::input::{Document, Input, InputError};
use glossator::pipeline::for_each_ordered;

use crate::config::Run;
use crate::report::Reporter;

/// One annotated document, made on a worker thread.
pub struct Processed<R> {
    pub doc: Document,
    /// What the command's `render` made of the document's annotation, also
    /// on the worker.
    pub rendered: R,
}

type Outcome<R> = Result<(Processed<R>, Option<InputError>), InputError>;

/// Annotates every input of `run` and applies `render` to each, in
/// parallel; then calls `sink` for each document in input order. Output
/// that depends on one document only (JSON, a handout) belongs in
/// `render`, so it is made on all cores. The annotation borrows from the
/// document: `render` returns it, as [`Annotation::into_owned`], only if
/// `sink` needs it, and otherwise it is freed on the worker that made it.
/// The first error from `sink` stops the run and is returned.
pub fn process<R: Send>(
    run: &Run,
    render: impl for<'d> Fn(&'d Document, Annotation<'d>) -> R + Sync,
    reporter: &mut Reporter,
    mut sink: impl FnMut(Processed<R>, &mut Reporter) -> io::Result<()>,
) -> io::Result<()> {
    let progress = reporter.progress(run.inputs.len());
    let work = |input: &Input| -> Outcome<R> {
        let (doc, warning) = input.read()?;
        let annotation = run.annotator.annotate(&doc);
        let rendered = render(&doc, annotation);
        let processed = Processed { doc, rendered };
        Ok((processed, warning))
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
