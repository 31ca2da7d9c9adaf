//! `glossator text`: the text of each document as glossator annotates it,
//! so that anyone can check an annotation's offsets against it.

use std::io::Write;

use glossator::input;

use crate::args::TextArgs;
use crate::report::Reporter;

/// Prints the text of every document the paths name, in order; a document
/// that cannot be read is reported and the others are still printed.
pub fn run(args: &TextArgs, reporter: &mut Reporter) -> anyhow::Result<()> {
    let collected = input::collect(&args.paths);
    if !collected.skipped.is_empty() {
        reporter.warn(&collected.skipped);
    }
    for error in &collected.errors {
        reporter.fail(error);
    }
    let several = collected.inputs.len() > 1;
    let mut out = std::io::stdout().lock();
    for (i, input) in collected.inputs.iter().enumerate() {
        match input.read() {
            Ok((doc, warning)) => {
                if let Some(warning) = warning {
                    reporter.warn(&warning);
                }
                if several {
                    let gap = if i > 0 { "\n" } else { "" };
                    writeln!(out, "{gap}==> {} <==", doc.path)?;
                }
                out.write_all(doc.text.as_bytes())?;
            }
            Err(err) => reporter.fail(&err),
        }
    }
    out.flush()?;
    Ok(())
}
