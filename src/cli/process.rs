//! The document loop every document-reading command shares: read, decode,
//! annotate and do the command's per-document work on the worker pool,
//! then hand each result to the command in input order, reporting
//! unreadable inputs and warnings on the way. With `--input-format jsonl` the documents are the record lines of
//! the inputs, read as a stream on the calling thread and parsed on the
//! workers.

use std::fmt;
use std::io;

use glossator::input::{Document, Input, InputError};
use glossator::pipeline::{for_each_ordered, Stopped};
use glossator::records::{self, RecordLine};

use crate::args::InputFormat;
use crate::config::Run;
use crate::report::Reporter;

/// One annotated document, made on a worker thread.
pub struct Processed<R> {
    pub doc: Document,
    /// What the command's `prepare` made of the document and its
    /// annotation, also on the worker: rendered output (JSON, a handout),
    /// the owned annotation a reduction adds up, or coverage's uncovered
    /// phrases.
    pub prepared: R,
}

type Outcome<R> = Result<(Processed<R>, Option<InputError>), InputError>;

/// Where one document comes from.
enum Job<'a> {
    /// A whole input.
    File(&'a Input),
    /// A line of JSON Lines input (or why the input could not be read).
    Record(Result<RecordLine, InputError>),
}

impl Job<'_> {
    /// Reads the document, with a warning about its decoding if any.
    fn read(self) -> Result<(Document, Option<InputError>), InputError> {
        match self {
            Job::File(input) => input.read(),
            Job::Record(line) => Ok((line?.parse()?, None)),
        }
    }
}

/// A worker panicked on one document: a bug in glossator, not a problem
/// of the input. The run stops and exits 101, as Rust does for a panic.
#[derive(Debug)]
pub struct InternalError {
    /// The input the worker was on (a record number for JSON Lines).
    pub path: String,
    /// The panic's message.
    pub message: String,
}

impl fmt::Display for InternalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: internal error ({}); this is a bug in glossator, please report it",
            self.path, self.message
        )
    }
}

impl std::error::Error for InternalError {}

/// Documents over this many bytes are annotated by the sink, on the
/// calling thread, one at a time, rather than by a worker: what a command
/// makes of one (its annotation's JSON is four to five times its size) is
/// then written as it is made, never held whole, and no worker holds one
/// while others wait in the window. A whole textbook is under 8 MiB.
pub const LARGE_DOCUMENT_BYTES: usize = 8 << 20;

/// Whether `doc` is left to the sink (see [`LARGE_DOCUMENT_BYTES`]).
pub fn is_large(doc: &Document) -> bool {
    doc.text.len() > LARGE_DOCUMENT_BYTES
}

/// Reads every input of `run` and applies `prepare` to each, in parallel;
/// then calls `sink` for each document in input order. `prepare` annotates
/// the document (`run.annotator.annotate`) and makes from it what `sink`
/// needs: output that depends on one document only (JSON, a handout)
/// belongs there, so it is made on all cores. The annotation borrows from
/// the document: `prepare` returns it, as `Annotation::into_owned`, only
/// if `sink` needs it, and otherwise it is freed on the worker that made
/// it. A large document ([`is_large`]) may be left to `sink` instead.
/// The first error from `sink` stops the run (no input is read after it)
/// and is returned; so is a panic on a worker, as an [`InternalError`].
pub fn process<R: Send>(
    run: &Run,
    prepare: impl Fn(&Document) -> R + Sync,
    reporter: &mut Reporter,
    mut sink: impl FnMut(Processed<R>, &mut Reporter) -> io::Result<()>,
) -> anyhow::Result<()> {
    let (jobs, count): (Box<dyn Iterator<Item = Job>>, usize) = match run.format {
        InputFormat::Text => (Box::new(run.inputs.iter().map(Job::File)), run.inputs.len()),
        // How many records there are is not known until the end.
        InputFormat::Jsonl => (Box::new(records::lines(&run.inputs).map(Job::Record)), 0),
    };
    let progress = reporter.progress(count);
    let work = |job: Job| -> Outcome<R> {
        let (doc, warning) = job.read()?;
        let prepared = prepare(&doc);
        let processed = Processed { doc, prepared };
        Ok((processed, warning))
    };
    let outcome = for_each_ordered(jobs, run.jobs, work, |outcome| {
        progress.inc(1);
        match outcome {
            Err(err) => {
                reporter.fail(&err);
                Ok(())
            }
            Ok((processed, warning)) => {
                if let Some(warning) = warning {
                    reporter.warn(&warning);
                }
                sink(processed, reporter)
            }
        }
    });
    progress.finish_and_clear();
    match outcome {
        Ok(()) => Ok(()),
        Err(Stopped::Sink(err)) => Err(err.into()),
        Err(Stopped::Panicked { item, message }) => {
            let path = match run.format {
                InputFormat::Text => run.inputs[item].display_path(),
                InputFormat::Jsonl => format!("record {}", item + 1),
            };
            Err(InternalError { path, message }.into())
        }
        Err(err @ Stopped::ThreadPool(_)) => Err(anyhow::anyhow!("{err}")),
    }
}
