//! `glossator lexicon harvest`: the definitions of the notes the paths
//! name, as a lexicon file to review (see `glossator::harvest`).

use glossator::document::Document;
use glossator::harvest::{entries, harvest, to_toml, to_tsv, Harvest};
use glossator::input::{self, Input, InputError};
use glossator::lexicon::Lexicon;
use rayon::prelude::*;

use crate::args::{HarvestArgs, HarvestFormat};
use crate::output::Output;
use crate::report::Reporter;

/// Reads every document, harvests it, and writes the entries; a document
/// that cannot be read is reported and the others are still harvested.
pub fn run(lexicon: &Lexicon, args: &HarvestArgs, reporter: &mut Reporter) -> anyhow::Result<()> {
    let collected = input::collect(&args.paths);
    if !collected.skipped.is_empty() {
        reporter.warn(&collected.skipped);
    }
    for error in &collected.errors {
        reporter.fail(error);
    }
    let mut found: Vec<(Document, Harvest)> = Vec::new();
    for read in read_and_harvest(&collected.inputs) {
        match read {
            Ok((doc, warning, harvest)) => {
                if let Some(warning) = warning {
                    reporter.warn(&warning);
                }
                found.push((doc, harvest));
            }
            Err(err) => reporter.fail(&err),
        }
    }
    let harvested = entries(
        found.iter().map(|(d, h)| (d, h.definitions.as_slice())),
        lexicon,
    );
    let text = match args.format {
        HarvestFormat::Toml => to_toml(&harvested, found.len()),
        HarvestFormat::Tsv => to_tsv(&harvested),
    };
    crate::report::message(&format_args!(
        "{} term(s) harvested from {} document(s)",
        harvested.len(),
        found.len()
    ));
    Output::new(&collected.inputs).emit(text.as_bytes(), args.out.as_deref(), reporter)?;
    Ok(())
}

/// A document read and harvested, with a warning about its file.
pub type ReadHarvest = Result<(Document, Option<InputError>, Harvest), InputError>;

/// Reads and harvests every input, on the current thread pool, in input
/// order.
pub fn read_and_harvest(inputs: &[Input]) -> Vec<ReadHarvest> {
    inputs
        .par_iter()
        .map(|input| {
            let (doc, warning) = input.read()?;
            let found = harvest(&doc);
            Ok((doc, warning, found))
        })
        .collect()
}
