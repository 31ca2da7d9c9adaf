//! The `glossator` binary: parse flags, call the library, map the outcome
//! to an exit code. Everything that is not about the command line lives in
//! the library.

mod annotate;
mod args;
mod build;
mod config;
mod export;
mod formats;
mod glossary;
mod harvest;
mod lexicon;
mod merge;
mod output;
mod process;
mod report;
mod signals;
mod text;
mod timeline;
mod worksheet;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use args::{Cli, Command, LexiconCommand};
use process::InternalError;
use report::{Exit, Reporter};

fn main() -> ExitCode {
    let cli = Cli::parse();
    signals::clean_up_on_termination();
    match run(cli) {
        Ok(exit) => exit.into(),
        // The reader of the output has gone (`| head`): nothing to say.
        Err(err) if is_broken_pipe(&err) => Exit::Ok.into(),
        Err(err) => {
            report::message(&format_args!("{err:#}"));
            if err.downcast_ref::<InternalError>().is_some() {
                Exit::Internal.into()
            } else {
                Exit::Usage.into()
            }
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Exit> {
    match cli.command {
        Command::Annotate(args) => with_run(&args.run, false, |run, reporter| {
            annotate::run(run, args.format, args.out.as_deref(), reporter)
        }),
        Command::Glossary(args) => with_run(&args.run, args.harvest.harvest, |run, reporter| {
            glossary::run(run, &args, reporter)
        }),
        Command::Timeline(args) => with_run(&args.run, false, |run, reporter| {
            timeline::run(run, &args, reporter)
        }),
        Command::Build(args) => with_run(&args.run, args.harvest.harvest, |run, reporter| {
            build::run(run, &args, reporter)
        }),
        Command::Worksheet(args) => with_run(&args.run, args.harvest.harvest, |run, reporter| {
            worksheet::run(run, &args, reporter)
        }),
        Command::Text(args) => {
            let mut reporter = Reporter::new(false);
            text::run(&args, &mut reporter)?;
            Ok(reporter.exit())
        }
        Command::Export(args) => {
            let mut reporter = Reporter::new(args.quiet);
            export::run(&args, &mut reporter)?;
            Ok(reporter.exit())
        }
        Command::Merge(args) => {
            let mut reporter = Reporter::new(false);
            merge::run(&args, &mut reporter)?;
            Ok(reporter.exit())
        }
        Command::Lexicon(LexiconCommand::Coverage(args)) => {
            with_run(&args, false, lexicon::coverage)
        }
        Command::Lexicon(LexiconCommand::Check(args)) => {
            let Some(lexicon) = lexicon_or_exit(config::load_lexicon(&args)) else {
                return Ok(Exit::Usage);
            };
            writeln!(
                std::io::stdout().lock(),
                "ok: {}",
                lexicon::summary(&lexicon)
            )?;
            Ok(Exit::Ok)
        }
        Command::Lexicon(LexiconCommand::Export(args)) => {
            let Some(lexicon) = lexicon_or_exit(config::load_lexicon(&args.lexicon)) else {
                return Ok(Exit::Usage);
            };
            let mut reporter = Reporter::new(false);
            lexicon::export(&lexicon, &args, &mut reporter)?;
            Ok(reporter.exit())
        }
        Command::Lexicon(LexiconCommand::Harvest(args)) => {
            let Some(lexicon) = lexicon_or_exit(config::load_lexicon(&args.lexicon)) else {
                return Ok(Exit::Usage);
            };
            let mut reporter = Reporter::new(false);
            harvest::run(&lexicon, &args, &mut reporter)?;
            Ok(reporter.exit())
        }
        Command::Lexicon(LexiconCommand::List(args)) => {
            let Some(lexicon) = lexicon_or_exit(config::load_lexicon(&args.lexicon)) else {
                return Ok(Exit::Usage);
            };
            lexicon::list(&lexicon, args.kind, &mut std::io::stdout().lock())?;
            Ok(Exit::Ok)
        }
    }
}

/// Loads the lexicon and inputs for a document command (with the
/// documents' own definitions if `harvest`), runs `command`, and turns the
/// outcome into an exit code.
fn with_run(
    args: &args::RunArgs,
    harvest: bool,
    command: impl FnOnce(&config::Run, &mut Reporter) -> anyhow::Result<()>,
) -> anyhow::Result<Exit> {
    let mut reporter = Reporter::new(args.quiet);
    let Some(run) = lexicon_or_exit(config::Run::new(args, harvest, &mut reporter)?) else {
        return Ok(Exit::Usage);
    };
    if run.inputs.is_empty() {
        // Every PATH failed (and was named): an empty site or glossary
        // would only hide that.
        reporter.fail(&"no documents to read; nothing was written");
        return Ok(reporter.exit());
    }
    command(&run, &mut reporter)?;
    // The lexicon, matcher and misspelling index are some hundred thousand
    // allocations that the process's exit frees at once: freeing them one
    // by one first cost about 20M instructions with 10,000 entries.
    std::mem::forget(run);
    Ok(reporter.exit())
}

/// Prints every lexicon error; `None` means exit 2.
fn lexicon_or_exit<T>(result: Result<T, glossator::lexicon::LexiconErrors>) -> Option<T> {
    match result {
        Ok(value) => Some(value),
        Err(errors) => {
            for error in &errors.0 {
                report::message(error);
            }
            report::message(&format_args!(
                "{} lexicon error(s); nothing was processed",
                errors.0.len()
            ));
            None
        }
    }
}

/// Whether `err` is, or was caused by, a write to a closed pipe.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
