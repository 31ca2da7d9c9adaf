//! `glossator annotate`: JSON Lines on stdout, or one file per document.

use std::io::Write;
use std::path::Path;

use glossator::render::json::annotation_line;

use crate::config::Run;
use crate::output::{Output, OutputFolder};
use crate::process::process;
use crate::report::Reporter;

/// Annotates every input; writes `out/<doc-id>.json` or JSON Lines on
/// stdout.
pub fn run(run: &Run, out: Option<&Path>, reporter: &mut Reporter) -> anyhow::Result<()> {
    let _folder = match out {
        Some(dir) => {
            run.require_file_ids("annotate --out")?;
            Some(OutputFolder::claim(dir)?)
        }
        None => None,
    };
    let mut output = Output::new(&run.inputs);
    let mut stdout = std::io::BufWriter::new(std::io::stdout().lock());
    process(
        run,
        |_, annotation| annotation_line(&annotation),
        reporter,
        |processed, reporter| {
            let json = processed.prepared;
            match out {
                None => stdout.write_all(&json),
                Some(dir) => {
                    let path = dir.join(format!("{}.json", processed.doc.id));
                    output.write_document(&path, &json, reporter);
                    Ok(())
                }
            }
        },
    )?;
    Ok(stdout.flush()?)
}
