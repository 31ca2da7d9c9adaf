//! Where output goes: never over an input, and into folders glossator owns.
//!
//! Every file is written with [`Files`] (atomically; devices and FIFOs
//! written through; links followed; synced together at the end, or a
//! thousand at a time: see [`Output::finish`]). On top of that this module keeps two
//! rules of the command line:
//!
//! * an output is never one of the run's inputs, compared as files (device
//!   and inode), not as names, so `merge g1.json g2.json --out ./g1.json`
//!   and a hard link are caught too;
//! * a folder of outputs (`build --out`, `annotate --out`) is claimed with an
//!   [`OutputFolder`]: it must be new, empty or one glossator wrote before,
//!   it is marked with [`OUTPUT_MARKER`] so that folder walks never read it
//!   as notes, and the marker is locked while the run writes, so two runs
//!   cannot mix their files in one folder.

use std::collections::HashSet;
use std::fs::{File, TryLockError};
use std::io::{self, Write};
use std::path::Path;

use anyhow::bail;
use glossator::input::{Input, Source, OUTPUT_MARKER};
use glossator::render::Files;

use crate::report::Reporter;

/// What the marker file says to someone who finds it.
const MARKER_TEXT: &str = "This folder holds output written by glossator. glossator does not \
read documents from a folder holding this file, and locks it while it writes here.\n";

/// Writes output files, refusing the run's inputs, and counts them.
pub struct Output {
    inputs: HashSet<FileId>,
    files: Files,
    written: usize,
    failed: usize,
}

impl Output {
    /// An output that will not write over the files of `inputs`.
    pub fn new(inputs: &[Input]) -> Output {
        Output::of_paths(inputs.iter().filter_map(|input| match &input.source {
            Source::File(path) => Some(path.as_path()),
            Source::Stdin => None,
        }))
    }

    /// An output that will not write over the files at `paths`.
    pub fn of_paths<'a>(paths: impl IntoIterator<Item = &'a Path>) -> Output {
        Output {
            inputs: paths.into_iter().filter_map(file_id).collect(),
            files: Files::default(),
            written: 0,
            failed: 0,
        }
    }

    /// An output for writing some of the run's files on another thread:
    /// it refuses the same inputs, and [`Output::join`] takes its files
    /// back, to be committed with the others.
    pub fn fork(&self) -> Output {
        Output {
            inputs: self.inputs.clone(),
            files: Files::default(),
            written: 0,
            failed: 0,
        }
    }

    /// Takes back what a [`Output::fork`] wrote: its files, committed at
    /// this output's next commit, and its counts.
    pub fn join(&mut self, fork: Output) {
        self.written += fork.written;
        self.failed += fork.failed;
        self.files.absorb(fork.files);
    }

    /// An error if `path` is one of the inputs: for `--out FILE`, checked
    /// before any work.
    pub fn check(&self, path: &Path) -> anyhow::Result<()> {
        if self.is_input(path) {
            bail!("{}: is an input; not overwriting it", path.display());
        }
        Ok(())
    }

    fn is_input(&self, path: &Path) -> bool {
        file_id(path).is_some_and(|id| self.inputs.contains(&id))
    }

    /// Writes the file at `path` with what `write` writes; an input is
    /// reported as a failure and left alone.
    pub fn write_with(
        &mut self,
        path: &Path,
        reporter: &mut Reporter,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        if self.is_input(path) {
            self.failed += 1;
            reporter.fail(&format!(
                "{}: is an input; not overwriting it",
                path.display()
            ));
            return Ok(());
        }
        match self.files.write(path, write) {
            Ok(()) => {
                self.written += 1;
                Ok(())
            }
            Err(err) => {
                self.failed += 1;
                Err(io::Error::new(
                    err.kind(),
                    format!("{}: {err}", path.display()),
                ))
            }
        }
    }

    /// Writes `bytes` to `path`, as [`Output::write_with`].
    pub fn write(&mut self, path: &Path, bytes: &[u8], reporter: &mut Reporter) -> io::Result<()> {
        self.write_with(path, reporter, |out| out.write_all(bytes))
    }

    /// Writes one document's output file, as [`Output::write_with`]; a
    /// failure (a name the file system refuses, say) fails that document,
    /// and the run goes on.
    pub fn write_document(
        &mut self,
        path: &Path,
        reporter: &mut Reporter,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) {
        if let Err(err) = self.write_with(path, reporter, write) {
            reporter.fail(&err);
        }
    }

    /// Writes `bytes` to `out` (and commits it) or, without one, to stdout.
    pub fn emit(
        &mut self,
        bytes: &[u8],
        out: Option<&Path>,
        reporter: &mut Reporter,
    ) -> io::Result<()> {
        self.emit_with(out, reporter, |to| to.write_all(bytes))
    }

    /// Writes what `write` writes to `out` (and commits it) or, without
    /// one, to stdout.
    pub fn emit_with(
        &mut self,
        out: Option<&Path>,
        reporter: &mut Reporter,
        write: impl FnOnce(&mut dyn Write) -> io::Result<()>,
    ) -> io::Result<()> {
        if let Some(path) = out {
            self.write_with(path, reporter, write)?;
            self.finish(reporter);
            Ok(())
        } else {
            let mut stdout = io::BufWriter::new(io::stdout().lock());
            write(&mut stdout)?;
            stdout.flush()
        }
    }

    /// Commits the files written (synced to disk, then renamed into
    /// place) and reports any that could not be: call it before counting
    /// them, and at the end of the run (a dropped `Output` commits its
    /// files too, but reports nothing).
    pub fn finish(&mut self, reporter: &mut Reporter) {
        for failed in self.files.finish() {
            self.written -= failed.files.min(self.written);
            self.failed += failed.files;
            reporter.fail(&failed.error);
        }
    }

    /// How many files were written.
    pub fn written(&self) -> usize {
        self.written
    }

    /// How many files could not be written, or were refused.
    pub fn failed(&self) -> usize {
        self.failed
    }
}

/// A folder of outputs this run holds: marked as glossator's, and locked
/// until dropped.
pub struct OutputFolder {
    _lock: File,
}

impl OutputFolder {
    /// Creates `dir` if missing and claims it: refused if it holds files
    /// glossator did not write (notes, say, or a site of something else),
    /// or if another glossator run is writing into it now.
    pub fn claim(dir: &Path) -> anyhow::Result<OutputFolder> {
        std::fs::create_dir_all(dir)
            .map_err(|err| anyhow::anyhow!("{}: cannot create the folder: {err}", dir.display()))?;
        let marker = dir.join(OUTPUT_MARKER);
        if !marker.exists() && std::fs::read_dir(dir)?.next().is_some() {
            bail!(
                "{}: holds files glossator did not write; write into a new or empty folder \
                 (or one glossator wrote before)",
                dir.display()
            );
        }
        let mut lock = File::options()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&marker)?;
        match lock.try_lock() {
            Ok(()) => {}
            Err(TryLockError::WouldBlock) => bail!(
                "{}: another glossator run is writing into this folder; wait for it to finish",
                dir.display()
            ),
            Err(TryLockError::Error(err)) => return Err(err.into()),
        }
        lock.set_len(0)?;
        lock.write_all(MARKER_TEXT.as_bytes())?;
        Ok(OutputFolder { _lock: lock })
    }
}

/// What makes two paths the same file.
#[cfg(unix)]
type FileId = (u64, u64);

#[cfg(not(unix))]
type FileId = std::path::PathBuf;

/// The identity of the regular file at `path` (links followed), or `None`
/// for anything else: devices and pipes may be both read and written.
#[cfg(unix)]
fn file_id(path: &Path) -> Option<FileId> {
    use std::os::unix::fs::MetadataExt;
    let metadata = std::fs::metadata(path).ok()?;
    metadata.is_file().then(|| (metadata.dev(), metadata.ino()))
}

#[cfg(not(unix))]
fn file_id(path: &Path) -> Option<FileId> {
    let metadata = std::fs::metadata(path).ok()?;
    metadata
        .is_file()
        .then(|| std::fs::canonicalize(path).ok())
        .flatten()
}
