//! `glossator annotate`: JSON Lines on stdout, or one file per document.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use glossator::input::{Input, InputError, Source};
use glossator::pipeline::for_each_ordered;
use glossator::render::{json::json_line, write_atomic};

use crate::config::Run;
use crate::report::Reporter;

/// One document rendered on a worker thread.
struct Rendered {
    id: String,
    json: Vec<u8>,
    warning: Option<InputError>,
}

/// Annotates every input; writes to `out` or to stdout.
pub fn run(run: &Run, out: Option<&Path>, reporter: &mut Reporter) -> std::io::Result<()> {
    if let Some(dir) = out {
        std::fs::create_dir_all(dir)?;
    }
    let protected = input_paths(&run.inputs);
    let progress = reporter.progress(run.inputs.len());
    let stdout = std::io::stdout();
    let mut stdout = std::io::BufWriter::new(stdout.lock());
    let mut io_result = Ok(());
    let work = |input: &Input| -> Result<Rendered, InputError> {
        let (doc, warning) = input.read()?;
        let json = json_line(&run.annotator.annotate(&doc));
        Ok(Rendered {
            id: doc.id,
            json,
            warning,
        })
    };
    for_each_ordered(&run.inputs, run.jobs, work, |outcome| {
        progress.inc(1);
        if io_result.is_err() {
            return;
        }
        match outcome {
            Err(err) => reporter.fail(&err),
            Ok(rendered) => {
                if let Some(warning) = &rendered.warning {
                    reporter.warn(warning);
                }
                io_result = match out {
                    None => stdout.write_all(&rendered.json),
                    Some(dir) => write_document(dir, &rendered, &protected, reporter),
                };
            }
        }
    });
    progress.finish_and_clear();
    io_result?;
    stdout.flush()
}

/// Writes one document's JSON to `DIR/<id>.json`, refusing to replace an
/// input file.
fn write_document(
    dir: &Path,
    rendered: &Rendered,
    protected: &HashSet<PathBuf>,
    reporter: &mut Reporter,
) -> std::io::Result<()> {
    let path = dir.join(format!("{}.json", rendered.id));
    if protected.contains(&canonical(&path)) {
        reporter.fail(&format!(
            "{}: is an input; not overwriting it",
            path.display()
        ));
        return Ok(());
    }
    write_atomic(&path, &rendered.json)
}

fn input_paths(inputs: &[Input]) -> HashSet<PathBuf> {
    inputs
        .iter()
        .filter_map(|input| match &input.source {
            Source::File(path) => Some(canonical(path)),
            Source::Stdin => None,
        })
        .collect()
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
