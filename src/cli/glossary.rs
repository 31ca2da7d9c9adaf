//! `glossator glossary`, and rendering glossaries for `build` and `merge`.

use glossator::glossary::GlossaryBuilder;
use glossator::harvest::Card;
use glossator::render::anki::{self, AnkiOptions, Sentences};
use glossator::render::{html, json::json_line, markdown, tsv};

use crate::args::{chosen_format, GlossaryArgs, GlossaryFormat};
use crate::config::Run;
use crate::output::Output;
use crate::process::process;
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
    let mut builder = GlossaryBuilder::new(run.annotator.lexicon(), args.max_occurrences);
    let parts = builder.parts();
    process(
        run,
        |doc| parts.part(doc, &run.annotator.annotate(doc)),
        reporter,
        |p, _| {
            builder.append(p.prepared);
            Ok(())
        },
    )?;
    let mut glossary = builder.finish();
    glossary.add_notes(&run.harvested, !args.harvest.harvest_only);
    glossary.retain_min_count(args.shape.min_count);
    let sentences = Sentences::of(&glossary);
    let bytes = render(&sentences, &run.cards, format, &args.shape.anki.options());
    Ok(output.emit(&bytes, args.shape.out.as_deref(), reporter)?)
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
