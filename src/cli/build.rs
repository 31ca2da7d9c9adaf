//! `glossator build`: the main job. One pass over the inputs writes every
//! output into one folder, then prints what it wrote.

use std::path::Path;

use glossator::annotate::{Annotation, SpanKind};
use glossator::glossary::Glossary;
use glossator::input::Document;
use glossator::lexicon::Kind;
use glossator::render::{html, json::annotation_line};
use glossator::timeline::TimelineBuilder;

use crate::args::{BuildArgs, GlossaryFormat, TimelineFormat};
use crate::config::Run;
use crate::output::{Output, OutputFolder};
use crate::process::process;
use crate::report::Reporter;

/// What a build found, for the summary line.
#[derive(Default)]
struct Tally {
    documents: usize,
    terms: usize,
    people: usize,
    dates: usize,
}

/// Writes `DIR/annotations/*.json`, `DIR/handouts/*.html`,
/// `DIR/glossary.{html,json,md,tsv}`, `DIR/timeline.{html,json,md}` and
/// `DIR/index.html`.
pub fn run(run: &Run, args: &BuildArgs, reporter: &mut Reporter) -> anyhow::Result<()> {
    run.require_file_ids("build")?;
    let out = args.out.as_path();
    let _folder = OutputFolder::claim(out)?;
    let annotations = out.join("annotations");
    let handouts = out.join("handouts");
    std::fs::create_dir_all(&annotations)?;
    std::fs::create_dir_all(&handouts)?;
    let mut output = Output::new(&run.inputs);
    let mut glossary = Glossary::new(args.max_occurrences);
    let mut builder = TimelineBuilder::new();
    let mut tally = Tally::default();
    let lexicon = run.annotator.lexicon();
    // The annotation JSON and the handout depend on one document only:
    // made on the workers.
    let prepare = |doc: &Document, annotation: Annotation| {
        let json = annotation_line(&annotation);
        let handout = html::handout(doc, &annotation, lexicon);
        (json, handout, annotation.into_owned())
    };
    process(run, prepare, reporter, |p, reporter| {
        let (json, handout, annotation) = p.prepared;
        tally.count(annotation.spans());
        glossary.add(&p.doc, &annotation, lexicon);
        builder.add(&p.doc, &annotation);
        let id = &p.doc.id;
        output.write_document(&annotations.join(format!("{id}.json")), &json, reporter);
        output.write_document(
            &handouts.join(format!("{id}.html")),
            handout.as_bytes(),
            reporter,
        );
        Ok(())
    })?;
    let timeline = builder.finish();
    glossary.retain_min_count(args.min_count);
    for (format, ext) in [
        (GlossaryFormat::Json, "json"),
        (GlossaryFormat::Md, "md"),
        (GlossaryFormat::Tsv, "tsv"),
        (GlossaryFormat::Html, "html"),
    ] {
        let bytes = crate::glossary::render(&glossary, format);
        output.write(&out.join(format!("glossary.{ext}")), &bytes, reporter)?;
    }
    for (format, ext) in [
        (TimelineFormat::Json, "json"),
        (TimelineFormat::Md, "md"),
        (TimelineFormat::Html, "html"),
    ] {
        let bytes = crate::timeline::render(&timeline, format);
        output.write(&out.join(format!("timeline.{ext}")), &bytes, reporter)?;
    }
    let index = html::index(&glossary, &timeline);
    output.write(&out.join("index.html"), index.as_bytes(), reporter)?;
    if !args.run.quiet {
        crate::report::message(&tally.summary(&glossary, out, &output));
    }
    Ok(())
}

impl Tally {
    fn count(&mut self, spans: &[glossator::annotate::Span]) {
        self.documents += 1;
        for span in spans {
            match span.kind {
                SpanKind::Date => self.dates += 1,
                SpanKind::Person => self.people += 1,
                _ => self.terms += 1,
            }
        }
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
                 glossary.{{html,json,md,tsv}}, timeline.{{html,json,md}}",
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
