//! `glossator lexicon harvest`: the definitions of the notes the paths
//! name, as a lexicon file to review (see `glossator::harvest`).

use glossator::document::Document;
use glossator::harvest::{entries, harvest, to_toml, to_tsv, Definition};
use glossator::input;
use glossator::lexicon::Lexicon;

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
    let mut found: Vec<(Document, Vec<Definition>)> = Vec::new();
    for input in &collected.inputs {
        match input.read() {
            Ok((doc, warning)) => {
                if let Some(warning) = warning {
                    reporter.warn(&warning);
                }
                let definitions = harvest(&doc).definitions;
                found.push((doc, definitions));
            }
            Err(err) => reporter.fail(&err),
        }
    }
    let harvested = entries(found.iter().map(|(d, f)| (d, f.as_slice())), lexicon);
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
