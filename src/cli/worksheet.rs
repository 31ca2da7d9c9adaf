//! `glossator worksheet`: a printable worksheet of the inputs, into a
//! folder.

use glossator::glossary::Glossary;
use glossator::render::anki::Sentences;
use glossator::render::html;
use glossator::timeline::TimelineBuilder;

use crate::args::WorksheetArgs;
use crate::config::Run;
use crate::output::{Output, OutputFolder};
use crate::process::process;
use crate::report::Reporter;

/// Passages an entry keeps for the gap-fill's sentences, as `glossary`'s
/// default.
const MAX_OCCURRENCES: usize = 20;

/// Builds the glossary and timeline of every input and writes
/// `DIR/worksheet.html`.
pub fn run(run: &Run, args: &WorksheetArgs, reporter: &mut Reporter) -> anyhow::Result<()> {
    let _folder = OutputFolder::claim(&args.out)?;
    let mut output = Output::new(&run.inputs);
    let mut glossary = Glossary::new(MAX_OCCURRENCES);
    let mut timeline = TimelineBuilder::with_budget(crate::timeline::spill_budget());
    let lexicon = run.annotator.lexicon();
    process(
        run,
        |doc| run.annotator.annotate(doc).into_owned(),
        reporter,
        |p, _| {
            glossary.add(&p.doc, &p.prepared, lexicon);
            timeline.add(&p.doc, &p.prepared);
            Ok(())
        },
    )?;
    glossary.add_notes(&run.harvested, !args.harvest.harvest_only);
    let timeline = timeline.sorted()?;
    let page = html::worksheet(
        &Sentences::of(&glossary),
        &timeline.rows()?,
        &args.worksheet.options(),
    )?;
    output.write(&args.out.join("worksheet.html"), page.as_bytes(), reporter)?;
    output.finish(reporter);
    Ok(())
}
