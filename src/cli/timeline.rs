//! `glossator timeline`, and rendering timelines for `build` and `merge`.

use std::io::{self, Write};

use glossator::render::{html, markdown};
use glossator::timeline::{SortedTimeline, TimelineBuilder};

use crate::args::{chosen_format, TimelineArgs, TimelineFormat};
use crate::config::Run;
use crate::output::Output;
use crate::process::process;
use crate::report::Reporter;

/// Bytes of events a run holds in memory (as estimated) before it sorts
/// them on disk, in temporary files merged when the timeline is written.
const SPILL_BUDGET: usize = 16 << 20;

/// The memory budget of the timeline's sorts: [`SPILL_BUDGET`], or the
/// number of bytes in `GLOSSATOR_SPILL_BYTES`, an internal setting that
/// lets tests spill small runs (the output is the same whatever it is).
pub fn spill_budget() -> usize {
    std::env::var("GLOSSATOR_SPILL_BYTES")
        .ok()
        .and_then(|bytes| bytes.parse().ok())
        .unwrap_or(SPILL_BUDGET)
}

/// Builds the timeline of every input and writes it as the flags ask.
pub fn run(run: &Run, args: &TimelineArgs, reporter: &mut Reporter) -> anyhow::Result<()> {
    let mut output = Output::new(&run.inputs);
    if let Some(out) = &args.out {
        output.check(out)?;
    }
    let format = chosen_format(args.format, args.out.as_deref(), TimelineFormat::Json)?;
    let mut builder = TimelineBuilder::with_budget(spill_budget());
    process(
        run,
        |doc| TimelineBuilder::of_document(doc, &run.annotator.annotate(doc)),
        reporter,
        |p, _| {
            builder.append(p.prepared);
            Ok(())
        },
    )?;
    let timeline = builder.sorted()?;
    output.emit_with(args.out.as_deref(), reporter, |out| {
        render(&timeline, format, run.jobs, out)
    })?;
    // The run's last use of its events' strings, and the process ends
    // here: they are left to the exit, not freed one by one (a tenth of
    // what the calling thread did).
    std::mem::forget(timeline);
    Ok(())
}

/// Writes the timeline in one format, its JSON on `jobs` threads (0 =
/// one per core).
pub fn render(
    timeline: &SortedTimeline,
    format: TimelineFormat,
    jobs: usize,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        TimelineFormat::Json => timeline.write_json(jobs, out),
        TimelineFormat::Md => markdown::write_timeline(&timeline.rows()?, out),
        TimelineFormat::Html => html::write_timeline(&timeline.rows()?, out),
    }
}
