//! `glossator build`: the main job. One pass over the inputs writes every
//! output into one folder, then prints what it wrote.

use std::io::{self, Write};
use std::path::Path;

use glossator::annotate::{Annotation, Annotator, SpanKind};
use glossator::glossary::{Glossary, GlossaryBuilder, GlossaryPart, GlossaryParts};
use glossator::input::Document;
use glossator::lexicon::Kind;
use glossator::pipeline::thread_pool;
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
    fn new(annotator: &'l Annotator, max_occurrences: usize) -> Found<'l> {
        Found {
            tally: Tally::default(),
            glossary: GlossaryBuilder::new(annotator, max_occurrences),
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
    let mut found = Found::new(&run.annotator, args.max_occurrences);
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
    let threads = thread_pool(run.jobs)?;
    threads.install(|| -> anyhow::Result<()> {
        // The deck and the worksheet rank the same sentences, and the HTML
        // and Markdown glossaries quote the same passages: each made once,
        // on the pool, before the pages; the timeline's rows (read back
        // from disk past the budget) are made once, for three pages.
        let sentences = Sentences::of(&glossary);
        let ((), (quotes, rows)) = rayon::join(
            || sentences.rank(),
            || (Quotes::of(&glossary), timeline.rows()),
        );
        let rows = rows?;
        let worksheet = args.worksheet.options();
        // Each page depends on what is made above only: they are written
        // at once, on the pool, in this order of first failure.
        let pages: Vec<Page> = vec![
            Box::new(|o, r| write(o, r, out, "glossary.json", |to| glossary.write_json(1, to))),
            Box::new(|o, r| {
                let md = markdown::quoted_glossary(&quotes);
                o.write(&out.join("glossary.md"), md.as_bytes(), r)
            }),
            Box::new(|o, r| {
                let tsv =
                    crate::glossary::render(&sentences, &run.cards, GlossaryFormat::Tsv, &anki);
                o.write(&out.join("glossary.tsv"), &tsv, r)
            }),
            // The largest page: written as it is made.
            Box::new(|o, r| {
                write(o, r, out, "glossary.html", |to| {
                    html::write_glossary(&quotes, to)
                })
            }),
            Box::new(|o, r| {
                let compact = html::compact_glossary(&glossary);
                o.write(&out.join("glossary-compact.html"), compact.as_bytes(), r)
            }),
            Box::new(|o, r| {
                let deck =
                    crate::glossary::render(&sentences, &run.cards, GlossaryFormat::Anki, &anki);
                o.write(&out.join("anki.txt"), &deck, r)
            }),
            Box::new(|o, r| write(o, r, out, "timeline.json", |to| timeline.write_json(1, to))),
            Box::new(|o, r| {
                write(o, r, out, "timeline.md", |to| {
                    markdown::write_timeline(&rows, to)
                })
            }),
            Box::new(|o, r| {
                write(o, r, out, "timeline.html", |to| {
                    html::write_timeline(&rows, to)
                })
            }),
            Box::new(|o, r| {
                let page = html::worksheet(&sentences, &rows, &worksheet)?;
                o.write(&out.join("worksheet.html"), page.as_bytes(), r)
            }),
        ];
        write_at_once(&mut output, reporter, pages)?;
        Ok(())
    })?;
    let index = html::index(&glossary, timeline.len());
    output.write(&out.join("index.html"), index.as_bytes(), reporter)?;
    output.finish(reporter);
    if !args.run.quiet {
        crate::report::message(&tally.summary(&glossary, out, &output));
    }
    // The glossary is the run's last use of its hundreds of thousands of
    // strings, and the process ends soon after: freeing them one by one
    // took a twentieth of a build on dense notes, so the memory is left to
    // the exit.
    std::mem::forget(glossary);
    Ok(())
}

/// Writes one page of the build, to its output and reporter.
type Page<'a> = Box<dyn FnOnce(&mut Output, &mut Reporter) -> io::Result<()> + Send + 'a>;

/// Writes the file `name` in `out` with what `page` writes to it.
fn write(
    output: &mut Output,
    reporter: &mut Reporter,
    out: &Path,
    name: &str,
    page: impl FnOnce(&mut dyn Write) -> io::Result<()>,
) -> io::Result<()> {
    output.write_with(&out.join(name), reporter, page)
}

/// Writes `pages` at once on the current rayon pool, each to a fork of
/// `output` and `reporter`, the first taken first. The forks are joined in
/// the order of `pages`, so that messages come in that order and the error
/// returned (a page that could not be made or written) is that of the
/// first page that failed, whichever failed first in time.
fn write_at_once(output: &mut Output, reporter: &mut Reporter, pages: Vec<Page>) -> io::Result<()> {
    let mut forks: Vec<(Output, Reporter, io::Result<()>)> = pages
        .iter()
        .map(|_| (output.fork(), reporter.fork(), Ok(())))
        .collect();
    rayon::scope_fifo(|scope| {
        for (page, (output, reporter, written)) in pages.into_iter().zip(&mut forks) {
            scope.spawn_fifo(move |_| *written = page(output, reporter));
        }
    });
    let mut first = Ok(());
    for (fork, fork_reporter, written) in forks {
        output.join(fork);
        reporter.join(fork_reporter);
        if first.is_ok() {
            first = written;
        }
    }
    first
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
