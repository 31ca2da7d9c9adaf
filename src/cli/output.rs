//! Writing output files: atomically, and never over an input.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use glossator::input::{Input, Source};
use glossator::render::write_atomic;

use crate::report::Reporter;

/// Writes output files, refusing paths that are inputs of the run.
pub struct Output {
    inputs: HashSet<PathBuf>,
}

impl Output {
    pub fn new(inputs: &[Input]) -> Output {
        let inputs = inputs
            .iter()
            .filter_map(|input| match &input.source {
                Source::File(path) => Some(canonical(path)),
                Source::Stdin => None,
            })
            .collect();
        Output { inputs }
    }

    /// Writes `bytes` to `path` atomically; an input path is reported as a
    /// failure and left alone.
    pub fn write(&self, path: &Path, bytes: &[u8], reporter: &mut Reporter) -> std::io::Result<()> {
        if self.inputs.contains(&canonical(path)) {
            reporter.fail(&format!(
                "{}: is an input; not overwriting it",
                path.display()
            ));
            return Ok(());
        }
        write_atomic(path, bytes)
            .map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
    }

    /// Writes one document's output file; a failure (a name the file
    /// system refuses, say) fails that document, and the run goes on.
    pub fn write_document(&self, path: &Path, bytes: &[u8], reporter: &mut Reporter) {
        if let Err(err) = self.write(path, bytes, reporter) {
            reporter.fail(&err);
        }
    }

    /// Writes `bytes` to `out` (atomically) or, without one, to stdout.
    pub fn emit(
        &self,
        bytes: &[u8],
        out: Option<&Path>,
        reporter: &mut Reporter,
    ) -> std::io::Result<()> {
        use std::io::Write;
        match out {
            Some(path) => self.write(path, bytes, reporter),
            None => {
                let mut stdout = std::io::stdout().lock();
                stdout.write_all(bytes)?;
                stdout.flush()
            }
        }
    }
}

fn canonical(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf())
}
