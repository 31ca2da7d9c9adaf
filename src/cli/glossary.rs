//! `glossator glossary`, and rendering glossaries for `build` and `merge`.

use glossator::glossary::GlossaryBuilder;
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
        || parts.empty(),
        |part, index, doc| parts.add(part, index, doc, &run.annotator.annotate(doc)),
        reporter,
        |part, _| builder.append(part),
    )?;
    // The entries are made and sorted on the pool.
    let pool = thread_pool(run.jobs)?;
    let (mut glossary, quotes) = pool.install(|| builder.finish_quoted());
    glossary.add_notes(&run.harvested, !args.harvest.harvest_only);
    glossary.retain_min_count(args.shape.min_count);
    let out = args.shape.out.as_deref();
    if format == GlossaryFormat::Json {
        // Serialized on the workers from the parts' quotes, written as it
        // is made.
        output.emit_with(out, reporter, |to| {
            quotes.write_json(&glossary, run.jobs, to)
        })?;
    } else {
        pool.install(|| quotes.fill(&mut glossary));
        let sentences = Sentences::of(&glossary);
        let bytes = render(&sentences, &run.cards, format, &args.shape.anki.options());
        output.emit(&bytes, out, reporter)?;
    }
    // The glossary and its quotes are the run's last use of their tens of
    // thousands of strings and buffers, and the process ends here:
    // freeing them one by one took a tenth of the run on dense notes, so
    // the memory is left to the exit.
    std::mem::forget((glossary, quotes));
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
