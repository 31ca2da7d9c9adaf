//! Messages to the user and the exit code they add up to.
//!
//! Per-input problems are printed as `glossator: PATH: reason` and the run
//! goes on; the [`Reporter`] remembers that something failed so the run
//! exits 1. Control characters in paths are escaped before they reach the
//! terminal.

use std::cell::RefCell;
use std::fmt::Display;
use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use indicatif::{ProgressBar, ProgressStyle};

/// Inputs at or above this count get a progress bar (on a terminal).
const PROGRESS_MIN_INPUTS: usize = 20;

/// The documented exit codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Everything was processed.
    Ok = 0,
    /// Some inputs failed; the others were processed and written.
    Partial = 1,
    /// Usage, lexicon or output error; nothing was written, or an output
    /// could not be.
    Usage = 2,
    /// A bug: a worker panicked. 101 is what Rust exits with on a panic.
    Internal = 101,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        ExitCode::from(exit as u8)
    }
}

/// Prints messages and tracks whether any input failed.
#[derive(Debug)]
pub struct Reporter {
    quiet: bool,
    failed: bool,
    /// The messages of a [`Reporter::fork`], held for [`Reporter::join`]
    /// to print.
    held: Option<RefCell<Vec<String>>>,
}

impl Reporter {
    pub fn new(quiet: bool) -> Reporter {
        Reporter {
            quiet,
            failed: false,
            held: None,
        }
    }

    /// A reporter for work on another thread: it holds its messages until
    /// [`Reporter::join`], so that work done at once reports in a fixed
    /// order.
    pub fn fork(&self) -> Reporter {
        Reporter {
            held: Some(RefCell::default()),
            ..Reporter::new(self.quiet)
        }
    }

    /// Prints what `fork` held, and takes on its failure.
    pub fn join(&mut self, fork: Reporter) {
        self.failed |= fork.failed;
        for held in fork.held.into_iter().flat_map(RefCell::into_inner) {
            self.say(&held);
        }
    }

    /// Prints `what`, or holds it.
    fn say(&self, what: &dyn Display) {
        match &self.held {
            Some(held) => held.borrow_mut().push(what.to_string()),
            None => message(what),
        }
    }

    /// An input that could not be processed.
    pub fn fail(&mut self, what: &dyn Display) {
        self.failed = true;
        self.say(what);
    }

    /// Something the user should know that did not stop the input.
    pub fn warn(&self, what: &dyn Display) {
        if !self.quiet {
            self.say(&format_args!("warning: {what}"));
        }
    }

    /// A progress bar over `len` inputs, hidden unless stderr is a terminal,
    /// the run is long enough and not quiet.
    pub fn progress(&self, len: usize) -> ProgressBar {
        if self.quiet || len < PROGRESS_MIN_INPUTS || !std::io::stderr().is_terminal() {
            return ProgressBar::hidden();
        }
        let bar = ProgressBar::new(len as u64);
        let style = ProgressStyle::with_template("{bar:40} {pos}/{len} documents, {eta} left")
            .expect("a valid progress template");
        bar.set_style(style);
        bar
    }

    /// The exit code for the run so far.
    pub fn exit(&self) -> Exit {
        if self.failed {
            Exit::Partial
        } else {
            Exit::Ok
        }
    }
}

/// Prints `glossator: WHAT` on stderr, control characters escaped. A
/// stderr that cannot be written to (closed, full) is not an error of the
/// run: the message is dropped, where `eprintln!` would panic.
pub fn message(what: &dyn Display) {
    let _ = writeln!(
        std::io::stderr().lock(),
        "glossator: {}",
        escape(&what.to_string())
    );
}

/// Escapes control characters (a file name may contain any of them).
fn escape(message: &str) -> String {
    message
        .chars()
        .flat_map(|c| {
            if c.is_control() {
                c.escape_default().collect::<Vec<_>>()
            } else {
                vec![c]
            }
        })
        .collect()
}
