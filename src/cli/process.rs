//! The document loop every document-reading command shares: read, decode,
//! annotate and do the command's per-document work on the worker pool,
//! then hand each result to the command in input order, reporting
//! unreadable inputs and warnings on the way. With `--input-format jsonl` the documents are the record lines of
//! the inputs, read as a stream on the calling thread and parsed on the
//! workers.

use std::fmt;
use std::io;
use std::panic::{self, AssertUnwindSafe};

use glossator::input::{Document, Input, InputError};
use glossator::pipeline::{cores, for_each_ordered, panic_message, Stopped};
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

/// The documents of `run` to read, and how many there are (0 if that is
/// not known before the end).
fn jobs(run: &Run) -> (Box<dyn Iterator<Item = Job<'_>> + '_>, usize) {
    match run.format {
        InputFormat::Text => (Box::new(run.inputs.iter().map(Job::File)), run.inputs.len()),
        // How many records there are is not known until the end.
        InputFormat::Jsonl => (Box::new(records::lines(&run.inputs).map(Job::Record)), 0),
    }
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
    let (jobs, count) = jobs(run);
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
        Err(Stopped::Panicked { item, message }) => Err(InternalError {
            path: input_name(run, item),
            message,
        }
        .into()),
        Err(err @ Stopped::ThreadPool(_)) => Err(anyhow::anyhow!("{err}")),
    }
}

/// The name of the input at `index` in a message: its path, or its record
/// number for JSON Lines.
fn input_name(run: &Run, index: usize) -> String {
    match run.format {
        InputFormat::Text => run.inputs[index].display_path(),
        InputFormat::Jsonl => format!("record {}", index + 1),
    }
}

/// The most documents a worker folds into one part in [`fold`].
const FOLD_DOCUMENTS: usize = 64;

/// How many documents the next run of [`fold`] takes, `taken` having been
/// taken and `left` left (0 if not known), with `threads` workers: the
/// most on one thread. With more, the runs grow from one document to
/// twice a thread's share of those taken so far (doubling, on two
/// threads), then shrink to a thread's share of what is left. Short runs
/// at the start: until the first documents are added up, no worker knows
/// how many occurrences of an entry are listed, and each part quotes
/// every occurrence it finds, up to the most listed, which a long part
/// would do for every entry. Short runs at the end: the threads finish together
/// (guided scheduling). Few runs in all: the calling thread adds up each
/// part an entry at a time, and a part of a few dense documents names
/// most of a large lexicon, so its cost is in the parts, not the
/// documents: 30 runs of 237 dense documents on two threads, with runs
/// half as long, gave the calling thread about 13% of the run's perf
/// samples, the 16 it adds up now about 11%.
fn run_length(taken: usize, left: usize, threads: usize) -> usize {
    if threads <= 1 {
        return FOLD_DOCUMENTS;
    }
    let growing = 2 * taken / threads;
    let shrinking = if left == 0 {
        usize::MAX
    } else {
        left / threads
    };
    growing.min(shrinking).clamp(1, FOLD_DOCUMENTS)
}

/// What a worker made of a run of consecutive inputs for [`fold`].
struct Folded<P> {
    part: P,
    /// Each input's outcome, in order: its decoding warning, or why it
    /// could not be read.
    inputs: Vec<Result<Option<InputError>, InputError>>,
    /// The input whose document `add` panicked on (a bug), and the panic's
    /// message: the run stops there.
    panicked: Option<(usize, String)>,
}

/// Reads every input of `run` and folds the documents into parts on the
/// workers: each worker takes a run of consecutive inputs (see
/// [`run_length`]), makes a part with `new` and adds
/// each document to it with `add` (which annotates it), given the input's
/// index. `sink` gets the parts on the calling thread, in input order,
/// with the reporter (after the run's warnings and unreadable inputs). For
/// a reduction whose parts merge associatively (the glossary), this adds
/// up a few parts on the calling thread rather than one per document.
/// Unreadable inputs, warnings and panics are reported as [`process`]
/// reports them, in input order.
pub fn fold<P: Send>(
    run: &Run,
    new: impl Fn() -> P + Sync,
    add: impl Fn(&mut P, usize, &Document) + Sync,
    reporter: &mut Reporter,
    mut sink: impl FnMut(P, &mut Reporter),
) -> anyhow::Result<()> {
    let (jobs, count) = jobs(run);
    let threads = if run.jobs == 0 { cores() } else { run.jobs };
    let mut jobs = jobs.enumerate().peekable();
    let mut taken = 0;
    let runs = std::iter::from_fn(|| {
        jobs.peek()?;
        let length = run_length(taken, count.saturating_sub(taken), threads);
        taken += length;
        Some(jobs.by_ref().take(length).collect::<Vec<_>>())
    });
    let progress = reporter.progress(count);
    let work = |inputs: Vec<(usize, Job)>| {
        let mut folded = Folded {
            part: new(),
            inputs: Vec::with_capacity(inputs.len()),
            panicked: None,
        };
        for (index, job) in inputs {
            let read = job.read().map(|(doc, warning)| {
                panic::catch_unwind(AssertUnwindSafe(|| add(&mut folded.part, index, &doc)))
                    .map(|()| warning)
            });
            match read {
                Ok(Err(payload)) => {
                    folded.panicked = Some((index, panic_message(payload.as_ref())));
                    break;
                }
                Ok(Ok(warning)) => folded.inputs.push(Ok(warning)),
                Err(err) => folded.inputs.push(Err(err)),
            }
        }
        folded
    };
    let outcome = for_each_ordered(runs, run.jobs, work, |folded| {
        for input in folded.inputs {
            progress.inc(1);
            match input {
                Err(err) => reporter.fail(&err),
                Ok(Some(warning)) => reporter.warn(&warning),
                Ok(None) => {}
            }
        }
        if let Some((index, message)) = folded.panicked {
            let path = input_name(run, index);
            return Err(anyhow::Error::new(InternalError { path, message }));
        }
        sink(folded.part, reporter);
        Ok(())
    });
    progress.finish_and_clear();
    match outcome {
        Ok(()) => Ok(()),
        Err(Stopped::Sink(err)) => Err(err),
        Err(err) => Err(anyhow::anyhow!("{err}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The lengths of the runs [`fold`] cuts `count` documents into.
    fn runs(count: usize, threads: usize) -> Vec<usize> {
        let mut lengths = Vec::new();
        let mut taken = 0;
        while taken < count {
            let length = run_length(taken, count - taken, threads).min(count - taken);
            lengths.push(length);
            taken += length;
        }
        lengths
    }

    #[test]
    fn one_thread_folds_the_longest_runs() {
        assert_eq!(runs(150, 1), [64, 64, 22]);
    }

    #[test]
    fn with_more_threads_runs_grow_then_shrink() {
        for (count, threads) in [(237, 2), (1000, 2), (40, 4), (3, 2)] {
            let lengths = runs(count, threads);
            let longest = lengths
                .iter()
                .position(|&l| l == *lengths.iter().max().unwrap());
            let longest = longest.unwrap();
            assert_eq!(lengths[0], 1, "{lengths:?}");
            assert!(lengths[..=longest].is_sorted(), "{lengths:?}");
            assert!(
                lengths[longest..].is_sorted_by(|a, b| a >= b),
                "{lengths:?}"
            );
            assert!(lengths.iter().all(|&l| l <= FOLD_DOCUMENTS), "{lengths:?}");
            // Many runs, so that the threads share the work, but far
            // fewer than the documents.
            assert!(lengths.len() >= (4 * threads).min(count), "{lengths:?}");
            assert!(count < 100 || lengths.len() < count / 4, "{lengths:?}");
        }
    }

    /// The dense benchmark's 237 documents on two threads are added up as
    /// 16 parts, not 30.
    #[test]
    fn two_threads_fold_few_runs() {
        assert_eq!(
            runs(237, 2),
            [1, 1, 2, 4, 8, 16, 32, 64, 54, 27, 14, 7, 3, 2, 1, 1]
        );
    }
}
