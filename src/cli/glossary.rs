//! `glossator glossary`, and rendering glossaries for `build` and `merge`.

use glossator::glossary::{GlossaryBuilder, GlossaryPart};
use glossator::harvest::Card;
use glossator::pipeline::thread_pool;
use glossator::render::anki::{self, AnkiOptions, Sentences};
use glossator::render::{html, json::json_line, markdown, tsv};

use crate::args::{chosen_format, GlossaryArgs, GlossaryFormat};
use crate::config::Run;
use crate::output::Output;
use crate::process::fold;
use crate::report::Reporter;

/// Builds the glossary of every input and writes it as the flags ask.
pub fn run(run: &Run, args: &GlossaryArgs, reporter: &mut Reporter) -> anyhow::Result<()> {
    let mut output = Output::new(&run.inputs);
    if let Some(out) = &args.shape.out {
        output.check(out)?;
    }
    let format = chosen_format(
        args.shape.format,
        args.shape.out.as_deref(),
        GlossaryFormat::Json,
    )?;
    let mut builder = GlossaryBuilder::new(&run.annotator, args.max_occurrences);
    let parts = builder.parts();
    // Each worker folds a run of documents into a part; the calling thread
    // adds up the parts.
    fold(
        run,
        GlossaryPart::default,
        |part, index, doc| parts.add(part, index, doc, &run.annotator.annotate(doc)),
        reporter,
        |part, _| builder.append(part),
    )?;
    // The occurrences are made and the entries sorted on the pool.
    let mut glossary = thread_pool(run.jobs)?.install(|| builder.finish());
    glossary.add_notes(&run.harvested, !args.harvest.harvest_only);
    glossary.retain_min_count(args.shape.min_count);
    let out = args.shape.out.as_deref();
    if format == GlossaryFormat::Json {
        // Serialized on the workers, written as it is made.
        output.emit_with(out, reporter, |to| glossary.write_json(run.jobs, to))?;
    } else {
        let sentences = Sentences::of(&glossary);
        let bytes = render(&sentences, &run.cards, format, &args.shape.anki.options());
        output.emit(&bytes, out, reporter)?;
    }
    // The glossary is the run's last use of its hundreds of thousands of
    // strings, and the process ends here: freeing them one by one took a
    // tenth of the run on dense notes, so the memory is left to the exit.
    std::mem::forget(glossary);
    Ok(())
}

/// The glossary of `sentences` in one format; the flashcards (TSV) and the
/// Anki deck add the notes' Q&A `cards` after the entries; `anki` shapes
/// the deck.
pub fn render(
    sentences: &Sentences,
    cards: &[Card],
    format: GlossaryFormat,
    anki: &AnkiOptions,
) -> Vec<u8> {
    let glossary = sentences.glossary();
    match format {
        GlossaryFormat::Json => json_line(glossary),
        GlossaryFormat::Md => markdown::glossary(glossary).into_bytes(),
        GlossaryFormat::Tsv => (tsv::glossary(glossary) + &tsv::cards(cards)).into_bytes(),
        GlossaryFormat::Html => html::glossary(glossary).into_bytes(),
        GlossaryFormat::Compact => html::compact_glossary(glossary).into_bytes(),
        GlossaryFormat::Anki => anki::deck(sentences, cards, anki).into_bytes(),
    }
}
