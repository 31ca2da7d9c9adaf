//! From flags to what the library needs: a loaded lexicon, an annotator,
//! the list of inputs.

use glossator::annotate::Annotator;
use glossator::input::{self, Input};
use glossator::lexicon::{Lexicon, LexiconErrors};

use crate::args::{LexiconArgs, RunArgs};
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
    pub jobs: usize,
}

impl Run {
    /// Loads the lexicon and expands the paths; missing paths are reported
    /// (and make the run exit 1) but do not stop it.
    pub fn new(args: &RunArgs, reporter: &mut Reporter) -> Result<Run, LexiconErrors> {
        // A large lexicon file is parsed, and the matcher built, on as many
        // threads as documents will be (see
        // `glossator::lexicon::LexiconBuilder::add_path`).
        let threads = rayon::ThreadPoolBuilder::new()
            .num_threads(args.jobs)
            .build()
            .expect("a thread pool can be built");
        let lexicon = threads.install(|| load_lexicon(&args.lexicon))?;
        let annotator = threads.install(|| Annotator::new(lexicon).with_dates(!args.no_dates));
        let (inputs, errors) = input::collect(&args.paths);
        for error in &errors {
            reporter.fail(error);
        }
        Ok(Run {
            annotator,
            inputs,
            jobs: args.jobs,
        })
    }
}
