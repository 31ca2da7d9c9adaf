//! Leaving no temporary files behind when the run is interrupted.
//!
//! Output files are written to a temporary file and renamed into place
//! (`glossator::render::write_file`). Ctrl-C (SIGINT), SIGTERM or SIGHUP
//! would end the process without the destructors that remove a temporary
//! file, so a thread waits for them, removes the temporary files being
//! written, and then ends the process as the signal would have (exit status
//! 128 + the signal's number, as shells report).
//!
//! The thread uses the `signal-hook` crate, which does the part that must
//! run inside the signal handler (a write to a pipe) and hands the signal
//! to ordinary code; the `ctrlc` crate would do the same for Ctrl-C but
//! not tell the signals apart, so the process could not end by the one it
//! got.

/// Starts the thread that cleans up on SIGINT, SIGTERM and SIGHUP. If the
/// handlers cannot be installed, the run goes on without them.
#[cfg(unix)]
pub fn clean_up_on_termination() {
    use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGTERM};
    let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
        return;
    };
    std::thread::spawn(move || {
        if let Some(signal) = signals.forever().next() {
            glossator::render::remove_temporary_files();
            let _ = signal_hook::low_level::emulate_default_handler(signal);
            std::process::exit(128 + signal);
        }
    });
}

/// Elsewhere, no handler: an interrupted run may leave a `.glossator-*`
/// temporary file beside its output.
#[cfg(not(unix))]
pub fn clean_up_on_termination() {}
