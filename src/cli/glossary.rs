//! `glossator glossary` and the glossary half of `glossator merge`.

use std::path::Path;

use glossator::glossary::Glossary;
use glossator::render::{json::json_line, markdown, tsv};

use crate::args::{GlossaryFormat, GlossaryShape};
use crate::config::Run;
use crate::output::Output;
use crate::process::process;
use crate::report::Reporter;

/// Builds the glossary of every input and writes it as `shape` asks.
pub fn run(
    run: &Run,
    shape: &GlossaryShape,
    max_occurrences: usize,
    reporter: &mut Reporter,
) -> std::io::Result<()> {
    let glossary = collect(run, max_occurrences, reporter)?;
    write(glossary, shape, &Output::new(&run.inputs), reporter)
}

/// The glossary of every input of `run`.
pub fn collect(
    run: &Run,
    max_occurrences: usize,
    reporter: &mut Reporter,
) -> std::io::Result<Glossary> {
    let mut glossary = Glossary::new(max_occurrences);
    let lexicon = run.annotator.lexicon();
    process(run, false, reporter, |p, _| {
        glossary.add(&p.doc, &p.annotation, lexicon);
        Ok(())
    })?;
    Ok(glossary)
}

/// Applies `--min-count` and writes the glossary to `--out` or stdout.
pub fn write(
    mut glossary: Glossary,
    shape: &GlossaryShape,
    output: &Output,
    reporter: &mut Reporter,
) -> std::io::Result<()> {
    glossary.retain_min_count(shape.min_count);
    let bytes = render(&glossary, shape.format);
    emit(&bytes, shape.out.as_deref(), output, reporter)
}

/// The glossary in one format.
pub fn render(glossary: &Glossary, format: GlossaryFormat) -> Vec<u8> {
    match format {
        GlossaryFormat::Json => json_line(glossary),
        GlossaryFormat::Md => markdown::glossary(glossary).into_bytes(),
        GlossaryFormat::Tsv => tsv::glossary(glossary).into_bytes(),
    }
}

/// Writes `bytes` to `out` (atomically) or to stdout.
pub fn emit(
    bytes: &[u8],
    out: Option<&Path>,
    output: &Output,
    reporter: &mut Reporter,
) -> std::io::Result<()> {
    use std::io::Write;
    match out {
        Some(path) => output.write(path, bytes, reporter),
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(bytes)?;
            stdout.flush()
        }
    }
}
