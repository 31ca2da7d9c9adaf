//! `glossator build`: the main job. One pass over the inputs writes every
//! output into one folder, then prints what it wrote.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use glossator::annotate::{Annotator, SpanKind};
use glossator::glossary::{DocRef, Glossary, GlossaryBuilder, GlossaryPart, GlossaryParts};
use glossator::input::Document;
use glossator::lexicon::Kind;
use glossator::pipeline::thread_pool;
use glossator::render::anki::Sentences;
use glossator::render::json::write_annotation;
use glossator::render::{html, markdown, Quotes};
use glossator::timeline::{TimelineBuilder, TimelineRows};

use crate::args::{BuildArgs, GlossaryFormat};
use crate::config::Run;
use crate::output::{Output, OutputFolder};
use crate::process::fold;
use crate::report::Reporter;

/// What a worker makes of a run of consecutive documents for `build`
/// (see [`fold`]): their share of the tally, glossary and timeline, and
/// their annotation and handout files, written but not yet in place.
struct Part {
    found: InDocuments,
    /// The run's files, committed with the build's in input order.
    output: Output,
    /// Why a file of the run could not be written, printed in input order.
    reporter: Reporter,
}

impl Part {
    /// Annotates `doc`, the run's document at `index` of the input, adds
    /// it to the run's share of the tally, glossary and timeline, and
    /// writes its annotation and handout. A large document's annotation
    /// (five times its size) is written as it is made, never held whole.
    fn add(&mut self, index: usize, doc: &Document, build: &DocumentsOf) {
        let annotation = build.run.annotator.annotate(doc);
        self.found.tally.add(annotation.spans());
        // The glossary and the timeline both list the document, by the
        // hash of its text: made once.
        let doc_ref = DocRef::of(doc);
        let glossary = &mut self.found.glossary;
        build
            .glossary
            .add_as(glossary, index, doc_ref.clone(), doc, &annotation);
        self.found.timeline.add_as(doc_ref, doc, &annotation);
        let (output, reporter) = (&mut self.output, &mut self.reporter);
        let json_path = build.annotations.join(format!("{}.json", doc.id));
        output.write_document(&json_path, reporter, |out| {
            write_annotation(&annotation, out)
        });
        let handout = build.handouts.page(doc, &annotation);
        let handout_path = build.handout_dir.join(format!("{}.html", doc.id));
        output.write_document(&handout_path, reporter, |out| {
            out.write_all(handout.as_bytes())
        });
    }
}

/// What the workers share to make a [`Part`].
struct DocumentsOf<'r> {
    run: &'r Run,
    glossary: GlossaryParts<'r>,
    handouts: html::Handouts<'r>,
    annotations: PathBuf,
    handout_dir: PathBuf,
}

/// What a run of documents holds for the tally, glossary and timeline,
/// made on its worker.
#[derive(Default)]
struct InDocuments {
    tally: Tally,
    glossary: GlossaryPart,
    timeline: TimelineBuilder,
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

    /// Adds what the next run of documents holds.
    fn append(&mut self, later: InDocuments) {
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
    let mut found = Found::new(&run.annotator, args.max_occurrences);
    // Everything that depends on one document (its annotation and handout
    // files, its share of the tally, glossary and timeline) is made on the
    // workers, a run of documents at a time; the calling thread adds up
    // the runs, commits their files and prints their messages, in input
    // order.
    let documents = DocumentsOf {
        run,
        glossary: found.glossary.parts(),
        handouts: html::Handouts::new(run.annotator.lexicon()),
        annotations,
        handout_dir: handouts,
    };
    let (files, quiet) = (output.fork(), args.run.quiet);
    let new_part = || Part {
        found: InDocuments::default(),
        output: files.fork(),
        reporter: Reporter::new(quiet).fork(),
    };
    fold(
        run,
        new_part,
        |part, index, doc| part.add(index, doc, &documents),
        reporter,
        |part, reporter| {
            found.append(part.found);
            output.join(part.output);
            reporter.join(part.reporter);
        },
    )?;
    let Found {
        tally,
        glossary,
        timeline,
    } = found;
    let threads = thread_pool(run.jobs)?;
    let (mut glossary, timeline) =
        threads.install(|| rayon::join(|| glossary.finish(), || timeline.sorted()));
    let timeline = timeline?;
    glossary.add_notes(&run.harvested, !args.harvest.harvest_only);
    glossary.retain_min_count(args.min_count);
    let (anki, worksheet) = (args.anki.options(), args.worksheet.options());
    // The deck and the worksheet rank the same sentences, the HTML and
    // Markdown glossaries quote the same passages, and three pages show
    // the timeline's rows: each is made once, for the pages that need it
    // ([`Shared`]), while the pages that need none are written.
    let sentences = Sentences::of(&glossary);
    let shared = || {
        // The rows are read on one thread (back from disk past the
        // budget): started first, while the other threads rank and quote.
        let (rows, ((), quotes)) = rayon::join(
            || timeline.rows(),
            || rayon::join(|| sentences.rank(), || Quotes::of(&glossary)),
        );
        Ok(Shared {
            quotes,
            rows: rows?,
        })
    };
    // In this order of first failure.
    let pages: Vec<Page> = vec![
        Page::Now(Box::new(|o, r| {
            write(o, r, out, "glossary.json", |to| glossary.write_json(1, to))
        })),
        Page::After(Box::new(|shared, o, r| {
            write(o, r, out, "glossary.md", |to| {
                markdown::write_glossary(&shared.quotes, to)
            })
        })),
        Page::After(Box::new(|_, o, r| {
            let tsv = crate::glossary::render(&sentences, &run.cards, GlossaryFormat::Tsv, &anki);
            o.write(&out.join("glossary.tsv"), &tsv, r)
        })),
        Page::After(Box::new(|shared, o, r| {
            write(o, r, out, "glossary.html", |to| {
                html::write_glossary(&shared.quotes, to)
            })
        })),
        Page::Now(Box::new(|o, r| {
            let compact = html::compact_glossary(&glossary);
            o.write(&out.join("glossary-compact.html"), compact.as_bytes(), r)
        })),
        Page::After(Box::new(|_, o, r| {
            let deck = crate::glossary::render(&sentences, &run.cards, GlossaryFormat::Anki, &anki);
            o.write(&out.join("anki.txt"), &deck, r)
        })),
        Page::Now(Box::new(|o, r| {
            write(o, r, out, "timeline.json", |to| timeline.write_json(1, to))
        })),
        Page::After(Box::new(|shared, o, r| {
            write(o, r, out, "timeline.md", |to| {
                markdown::write_timeline(&shared.rows, to)
            })
        })),
        Page::After(Box::new(|shared, o, r| {
            write(o, r, out, "timeline.html", |to| {
                html::write_timeline(&shared.rows, to)
            })
        })),
        Page::After(Box::new(|shared, o, r| {
            let page = html::worksheet(&sentences, &shared.rows, &worksheet)?;
            o.write(&out.join("worksheet.html"), page.as_bytes(), r)
        })),
    ];
    threads.install(|| write_at_once(&mut output, reporter, pages, shared))?;
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

/// What several pages of the build show, made once, after the last
/// document.
struct Shared<'g> {
    /// The passages the HTML and Markdown glossaries quote.
    quotes: Quotes<'g>,
    /// The timeline's rows.
    rows: TimelineRows<'g>,
}

/// Writes one page of the build, to its output and reporter: at once, or
/// from what it shares with other pages, once that is made.
enum Page<'a> {
    Now(Box<Writes<'a>>),
    After(Box<WritesFrom<'a>>),
}

/// What writes a page that needs nothing more.
type Writes<'a> = dyn FnOnce(&mut Output, &mut Reporter) -> io::Result<()> + Send + 'a;

/// What writes a page from what it shares with others.
type WritesFrom<'a> =
    dyn FnOnce(&Shared<'a>, &mut Output, &mut Reporter) -> io::Result<()> + Send + 'a;

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

/// Writes `pages` on the current rayon pool, each to a fork of `output`
/// and `reporter`: those that need nothing more at once, the first taken
/// first, while this thread makes what the others share (`shared`, on
/// the pool too), and those once it is made. No thread waits for `shared`
/// with work to do: the barrier between what the pages share and the
/// pages left a thread idle while the other made the last of it.
///
/// The forks are joined in the order of `pages`, so that messages come in
/// that order and the error returned (a page that could not be made or
/// written) is that of the first page that failed, whichever failed first
/// in time; if `shared` could not be made, its error, and the pages that
/// needed it are not written.
fn write_at_once<'a>(
    output: &mut Output,
    reporter: &mut Reporter,
    pages: Vec<Page<'a>>,
    shared: impl FnOnce() -> io::Result<Shared<'a>> + Send,
) -> io::Result<()> {
    let mut forks: Vec<(Output, Reporter, io::Result<()>)> = pages
        .iter()
        .map(|_| (output.fork(), reporter.fork(), Ok(())))
        .collect();
    // Made inside the scope, borrowed by the pages it spawns after.
    let made = OnceLock::new();
    let mut first = Ok(());
    rayon::scope_fifo(|scope| {
        let mut after = Vec::new();
        for (page, (output, reporter, written)) in pages.into_iter().zip(&mut forks) {
            match page {
                Page::Now(page) => scope.spawn_fifo(move |_| *written = page(output, reporter)),
                Page::After(page) => after.push((page, output, reporter, written)),
            }
        }
        match shared() {
            Ok(shared) => {
                let shared = made.get_or_init(|| shared);
                for (page, output, reporter, written) in after {
                    scope.spawn_fifo(move |_| *written = page(shared, output, reporter));
                }
            }
            Err(err) => first = Err(err),
        }
    });
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
    /// Counts one more document, with `spans`.
    fn add(&mut self, spans: &[glossator::annotate::Span]) {
        self.documents += 1;
        for span in spans {
            match span.kind {
                SpanKind::Date => self.dates += 1,
                SpanKind::Person => self.people += 1,
                _ => self.terms += 1,
            }
        }
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
