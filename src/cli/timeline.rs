//! `glossator timeline`, and rendering timelines for `build` and `merge`.

use glossator::render::{html, json::json_line, markdown};
use glossator::timeline::{Timeline, TimelineBuilder};

use crate::args::{chosen_format, TimelineArgs, TimelineFormat};
use crate::config::Run;
use crate::output::Output;
use crate::process::process;
use crate::report::Reporter;

/// Builds the timeline of every input and writes it as the flags ask.
pub fn run(run: &Run, args: &TimelineArgs, reporter: &mut Reporter) -> anyhow::Result<()> {
    let mut output = Output::new(&run.inputs);
    if let Some(out) = &args.out {
        output.check(out)?;
    }
    let format = chosen_format(args.format, args.out.as_deref(), TimelineFormat::Json)?;
    let mut builder = TimelineBuilder::new();
    process(
        run,
        |doc| TimelineBuilder::of_document(doc, &run.annotator.annotate(doc)),
        reporter,
        |p, _| {
            builder.append(p.prepared);
            Ok(())
        },
    )?;
    let bytes = render(&builder.finish(), format);
    Ok(output.emit(&bytes, args.out.as_deref(), reporter)?)
}

/// The timeline in one format.
pub fn render(timeline: &Timeline, format: TimelineFormat) -> Vec<u8> {
    match format {
        TimelineFormat::Json => json_line(timeline),
        TimelineFormat::Md => markdown::timeline(timeline).into_bytes(),
        TimelineFormat::Html => html::timeline(timeline).into_bytes(),
    }
}
