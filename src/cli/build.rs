//! `glossator build`: the main job. One pass over the inputs writes every
//! output into one folder, then prints what it wrote.

use std::cell::LazyCell;
use std::path::Path;

use glossator::annotate::{Annotation, SpanKind};
use glossator::glossary::{Glossary, GlossaryBuilder, GlossaryPart, GlossaryParts};
use glossator::input::Document;
use glossator::lexicon::{Kind, Lexicon};
use glossator::render::anki::Sentences;
use glossator::render::json::{annotation_line, write_annotation};
use glossator::render::{html, markdown, Quotes};
use glossator::timeline::TimelineBuilder;

use crate::args::{BuildArgs, GlossaryFormat};
use crate::config::Run;
use crate::output::{Output, OutputFolder};
use crate::process::{is_large, process};
use crate::report::Reporter;

/// What a worker makes of one document for `build`.
enum Built {
    /// The annotation's JSON line, the handout, and the document's share of
    /// the tally, glossary and timeline.
    Small {
        json: Vec<u8>,
        handout: String,
        found: Box<InDocument>,
    },
    /// Nothing: a large document, which the sink annotates itself, writing
    /// its JSON as it goes.
    Large,
}

/// What one document holds for the tally, glossary and timeline, made on
/// its worker.
struct InDocument {
    tally: Tally,
    glossary: GlossaryPart,
    timeline: TimelineBuilder,
}

impl InDocument {
    fn of(doc: &Document, annotation: &Annotation, glossary: &GlossaryParts) -> Self {
        InDocument {
            tally: Tally::of(annotation.spans()),
            glossary: glossary.part(doc, annotation),
            timeline: TimelineBuilder::of_document(doc, annotation),
        }
    }
}

/// What the documents so far add up to, folded in input order by the sink.
struct Found<'l> {
    tally: Tally,
    glossary: GlossaryBuilder<'l>,
    timeline: TimelineBuilder,
}

impl<'l> Found<'l> {
    /// Nothing found yet.
    fn new(lexicon: &'l Lexicon, max_occurrences: usize) -> Found<'l> {
        Found {
            tally: Tally::default(),
            glossary: GlossaryBuilder::new(lexicon, max_occurrences),
            timeline: TimelineBuilder::with_budget(crate::timeline::spill_budget()),
        }
    }

    /// Adds what the next document holds.
    fn append(&mut self, later: InDocument) {
        self.tally.append(&later.tally);
        self.glossary.append(later.glossary);
        self.timeline.append(later.timeline);
    }
}

/// What a build found, for the summary line.
#[derive(Default)]
struct Tally {
    documents: usize,
    terms: usize,
    people: usize,
    dates: usize,
}

/// Writes `DIR/annotations/*.json`, `DIR/handouts/*.html`,
/// `DIR/glossary.{html,json,md,tsv}`, `DIR/glossary-compact.html`, `DIR/anki.txt`, `DIR/timeline.{html,json,md}`,
/// `DIR/worksheet.html` and `DIR/index.html`.
pub fn run(run: &Run, args: &BuildArgs, reporter: &mut Reporter) -> anyhow::Result<()> {
    run.require_file_ids("build")?;
    let out = args.out.as_path();
    let _folder = OutputFolder::claim(out)?;
    let annotations = out.join("annotations");
    let handouts = out.join("handouts");
    std::fs::create_dir_all(&annotations)?;
    std::fs::create_dir_all(&handouts)?;
    let mut output = Output::new(&run.inputs);
    let lexicon = run.annotator.lexicon();
    let mut found = Found::new(lexicon, args.max_occurrences);
    let parts = found.glossary.parts();
    // The annotation JSON, the handout and the document's share of the
    // glossary and timeline depend on one document only: made on the
    // workers, except for a large document.
    let prepare = |doc: &Document| {
        if is_large(doc) {
            return Built::Large;
        }
        let annotation = run.annotator.annotate(doc);
        Built::Small {
            json: annotation_line(&annotation),
            handout: html::handout(doc, &annotation, lexicon),
            found: Box::new(InDocument::of(doc, &annotation, &parts)),
        }
    };
    process(run, prepare, reporter, |p, reporter| {
        let doc = &p.doc;
        let (json_path, handout_path) = (
            annotations.join(format!("{}.json", doc.id)),
            handouts.join(format!("{}.html", doc.id)),
        );
        let handout = match p.prepared {
            Built::Small {
                json,
                handout,
                found: of_doc,
            } => {
                found.append(*of_doc);
                output.write_document(&json_path, reporter, |out| out.write_all(&json));
                handout
            }
            Built::Large => {
                let annotation = run.annotator.annotate(doc);
                found.append(InDocument::of(doc, &annotation, &parts));
                output.write_document(&json_path, reporter, |out| {
                    write_annotation(&annotation, out)
                });
                html::handout(doc, &annotation, lexicon)
            }
        };
        output.write_document(&handout_path, reporter, |out| {
            out.write_all(handout.as_bytes())
        });
        Ok(())
    })?;
    let Found {
        tally,
        glossary,
        timeline,
    } = found;
    let (mut glossary, timeline) = (glossary.finish(), timeline.sorted()?);
    glossary.add_notes(&run.harvested, !args.harvest.harvest_only);
    glossary.retain_min_count(args.min_count);
    let anki = args.anki.options();
    // The deck and the worksheet rank the same sentences: once.
    let sentences = Sentences::of(&glossary);
    // The HTML and the Markdown glossary quote the same passages: once,
    // after the JSON is written and dropped.
    let quotes = LazyCell::new(|| Quotes::of(&glossary));
    for (format, file) in [
        (GlossaryFormat::Json, "glossary.json"),
        (GlossaryFormat::Md, "glossary.md"),
        (GlossaryFormat::Tsv, "glossary.tsv"),
        (GlossaryFormat::Html, "glossary.html"),
        (GlossaryFormat::Compact, "glossary-compact.html"),
        (GlossaryFormat::Anki, "anki.txt"),
    ] {
        let bytes = match format {
            GlossaryFormat::Md => markdown::quoted_glossary(&quotes).into_bytes(),
            GlossaryFormat::Html => {
                // The largest page: written as it is made.
                output.write_with(&out.join(file), reporter, |to| {
                    html::write_glossary(&quotes, to)
                })?;
                continue;
            }
            _ => crate::glossary::render(&sentences, &run.cards, format, &anki),
        };
        output.write(&out.join(file), &bytes, reporter)?;
    }
    drop(quotes);
    // The timeline's events and rows are read as they are written, from
    // disk past the budget: the rows are made once, for three pages.
    output.write_with(&out.join("timeline.json"), reporter, |to| {
        timeline.write_json(to)
    })?;
    let rows = timeline.rows()?;
    output.write_with(&out.join("timeline.md"), reporter, |to| {
        markdown::write_timeline(&rows, to)
    })?;
    output.write_with(&out.join("timeline.html"), reporter, |to| {
        html::write_timeline(&rows, to)
    })?;
    let worksheet = html::worksheet(&sentences, &rows, &args.worksheet.options())?;
    output.write(&out.join("worksheet.html"), worksheet.as_bytes(), reporter)?;
    let index = html::index(&glossary, timeline.len());
    output.write(&out.join("index.html"), index.as_bytes(), reporter)?;
    output.finish(reporter);
    if !args.run.quiet {
        crate::report::message(&tally.summary(&glossary, out, &output));
    }
    Ok(())
}

impl Tally {
    /// The tally of one document's spans.
    fn of(spans: &[glossator::annotate::Span]) -> Tally {
        let mut tally = Tally {
            documents: 1,
            ..Tally::default()
        };
        for span in spans {
            match span.kind {
                SpanKind::Date => tally.dates += 1,
                SpanKind::Person => tally.people += 1,
                _ => tally.terms += 1,
            }
        }
        tally
    }

    fn append(&mut self, later: &Tally) {
        self.documents += later.documents;
        self.terms += later.terms;
        self.people += later.people;
        self.dates += later.dates;
    }

    /// What the build found and, only as far as it happened, what it
    /// wrote.
    fn summary(&self, glossary: &Glossary, out: &Path, output: &Output) -> String {
        let people = glossary
            .entries()
            .iter()
            .filter(|e| e.kind == Kind::Person)
            .count();
        let wrote = match output.failed() {
            0 => format!(
                "wrote {} files into {}: index.html, handouts/, annotations/, \
                 glossary.{{html,json,md,tsv}}, glossary-compact.html, anki.txt, timeline.{{html,json,md}}, \
                 worksheet.html",
                output.written(),
                out.display()
            ),
            failed => format!(
                "wrote {} files into {}; {failed} could not be written (named above)",
                output.written(),
                out.display()
            ),
        };
        format!(
            "{} documents: {} term, place and organisation tags, {} mentions of people, \
             {} dates; glossary of {} entries ({} people); {wrote}",
            self.documents,
            self.terms,
            self.people,
            self.dates,
            glossary.entries().len(),
            people,
        )
    }
}
