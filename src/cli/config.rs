//! From flags to what the library needs: a loaded lexicon, an annotator,
//! the list of inputs.

use anyhow::Context;
use glossator::annotate::Annotator;
use glossator::document::{Document, SourcePlace};
use glossator::harvest::{entries, Card, Harvest, Harvested, Sourced};
use glossator::input::{self, Input, Source};
use glossator::lexicon::{Lexicon, LexiconErrors, Origin};
use glossator::pipeline;
use glossator::records;

use crate::args::{InputFormat, LexiconArgs, RunArgs};
use crate::harvest::read_and_harvest;
use crate::report::Reporter;

/// Builds the lexicon the flags ask for.
pub fn load_lexicon(args: &LexiconArgs) -> Result<Lexicon, LexiconErrors> {
    let mut builder = Lexicon::builder();
    if !args.no_default_lexicon {
        builder.add_builtin();
    }
    for path in &args.lexicon_paths {
        builder.add_path(path);
    }
    builder.build()
}

/// Everything a document-reading command needs.
pub struct Run {
    pub annotator: Annotator,
    pub inputs: Vec<Input>,
    /// With `--harvest`: the terms the documents define (the new ones are
    /// in the annotator's lexicon), and their Q&A cards, in input order.
    pub harvested: Vec<Harvested>,
    pub cards: Vec<Card>,
    /// Whether the inputs hold one document each or JSON Lines records.
    pub format: InputFormat,
    pub jobs: usize,
}

impl Run {
    /// Loads the lexicon and expands the paths; missing paths are reported
    /// (and make the run exit 1) but do not stop it. With `harvest`, the
    /// documents are read first for the definitions they give, and the
    /// terms new to the lexicon added to it. The outer error is a thread
    /// pool that could not be made, the inner one the lexicon's.
    pub fn new(
        args: &RunArgs,
        harvest: bool,
        reporter: &mut Reporter,
    ) -> anyhow::Result<Result<Run, LexiconErrors>> {
        let jobs = bounded_jobs(args.jobs, reporter);
        // A large lexicon file is parsed, and the matcher built, on as many
        // threads as documents will be (see
        // `glossator::lexicon::LexiconBuilder::add_path`).
        let threads = pipeline::thread_pool(jobs)
            .with_context(|| format!("could not start {jobs} worker threads"))?;
        let lexicon = match threads.install(|| load_lexicon(&args.lexicon)) {
            Ok(lexicon) => lexicon,
            Err(errors) => return Ok(Err(errors)),
        };
        let (inputs, errors) = match args.input_format {
            InputFormat::Text => {
                let collected = input::collect(&args.paths);
                if !collected.skipped.is_empty() {
                    reporter.warn(&collected.skipped);
                }
                (collected.inputs, collected.errors)
            }
            InputFormat::Jsonl => records::collect(&args.paths),
        };
        for error in &errors {
            reporter.fail(error);
        }
        let (mut harvested, mut cards) = (Vec::new(), Vec::new());
        let lexicon = if harvest && args.input_format == InputFormat::Text {
            // Unreadable documents are reported when they are read again;
            // standard input can be read once only, by the run.
            let files: Vec<Input> = inputs
                .iter()
                .filter(|i| matches!(i.source, Source::File(_)))
                .cloned()
                .collect();
            if files.len() < inputs.len() {
                reporter.warn(&"--harvest reads files: standard input is not harvested");
            }
            let found: Vec<(Document, Harvest)> = threads
                .install(|| read_and_harvest(&files))
                .into_iter()
                .filter_map(|read| read.ok().map(|(doc, _, found)| (doc, found)))
                .collect();
            harvested = entries(
                found.iter().map(|(d, h)| (d, h.definitions.as_slice())),
                &lexicon,
            );
            cards = found.into_iter().flat_map(|(_, h)| h.cards).collect();
            let new = harvested
                .iter()
                .filter(|h| h.matches.is_none())
                .map(|h| (h.entry.clone(), origin(&h.definitions[0])));
            match lexicon.extended(new) {
                Ok(lexicon) => lexicon,
                Err(errors) => return Ok(Err(errors)),
            }
        } else {
            if harvest {
                reporter.warn(&"--harvest reads files, not JSON Lines records: nothing harvested");
            }
            lexicon
        };
        let annotator = threads.install(|| Annotator::new(lexicon).with_dates(!args.no_dates));
        Ok(Ok(Run {
            annotator,
            inputs,
            harvested,
            cards,
            format: args.input_format,
            jobs,
        }))
    }

    /// Refuses JSON Lines records for a command that names a file after
    /// each document: a record's id is the caller's key, not a safe file
    /// name.
    pub fn require_file_ids(&self, command: &str) -> std::io::Result<()> {
        match self.format {
            InputFormat::Text => Ok(()),
            InputFormat::Jsonl => Err(std::io::Error::new(
                std::io::ErrorKind::InvalidInput,
                format!("{command} writes a file per document and does not take --input-format jsonl; use annotate without --out, glossary or timeline"),
            )),
        }
    }
}

/// Where a harvested entry comes from, for the lexicon's messages.
fn origin(found: &Sourced) -> Origin {
    let line = match found.place {
        SourcePlace::Line(n) | SourcePlace::Para(n) | SourcePlace::Page(n) => n,
    };
    Origin {
        file: found.path.clone(),
        line: usize::try_from(line).unwrap_or(0),
    }
}

/// `--jobs` as given (0 = one per core), lowered with a warning to
/// [`pipeline::max_jobs`] (four per core) if above it.
fn bounded_jobs(requested: usize, reporter: &Reporter) -> usize {
    let max = pipeline::max_jobs();
    if requested <= max {
        return requested;
    }
    reporter.warn(&format!(
        "--jobs {requested} is more than {} per core; using {max} threads",
        max / pipeline::cores()
    ));
    max
}
