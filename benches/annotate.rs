//! Criterion benchmarks: annotate throughput, the cost of each stage, and
//! automaton build time.
//!
//! * `annotate/<corpus>/<lexicon>`: annotate + JSON of the concatenated seed
//!   documents (or the shipped corpus where ../shared/seeds is absent) with
//!   the built-in lexicon, and of a 4 MB generated corpus
//!   (`benches/common/gen.rs`) with the built-in lexicon and 10k and 100k
//!   generated entries, sparse (`generated/`, a mention every twenty-odd
//!   words) and dense (`dense/`, every five to eight words, as in revision
//!   notes). Criterion reports MB/s (10^6 bytes).
//! * `reduce/dense/{annotate,glossary,timeline}`: the glossary and the
//!   timeline of the dense corpus (annotating included) beside annotating
//!   it alone, on one thread.
//! * `stages/<stage>`: normalization, sentence segmentation, matching and
//!   JSON alone, on the generated corpus with the 10k lexicon.
//! * `build/<lexicon>`: `Matcher::new` for the built-in lexicon and 1k,
//!   10k and 100k generated entries.
//! * `formats/`: reading each document format (issue 15) on one generated
//!   document of about 1 MB: `annotate/{text,markdown}` reads the same
//!   bytes as plain text and as Markdown and annotates them (Markdown within
//!   20% of plain text); `read/{docx,odt,html}` extracts the text of that
//!   document written as a Word, OpenDocument and HTML file (20 MB/s or
//!   more); `read/pdf` the PDF fixture. Throughput is the text's bytes.
//! * `harvest/seeds/{annotate,harvest}`: annotating the seed documents and
//!   harvesting their definitions (issue 17: harvest within 15% of
//!   annotate).
//!
//! Run: `cargo bench --bench annotate` (a few minutes; add a filter such as
//! `-- build/` for one group). Sample counts are kept small so the whole
//! run stays short on a two-core machine.

#[path = "common/gen.rs"]
mod gen;

use gen::Density;

use std::path::Path;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, SamplingMode};
use criterion::{measurement::WallTime, Throughput};
use glossator::annotate::Annotator;
use glossator::dates::DateTagger;
use glossator::document::Format;
use glossator::glossary::GlossaryBuilder;
use glossator::input::Document;
use glossator::lexicon::{Entry, Kind, Lexicon, Origin};
use glossator::matcher::Matcher;
use glossator::render::json::annotation_line;
use glossator::text::{sentences, Normalized};
use glossator::timeline::TimelineBuilder;

/// Size of the generated benchmark corpus.
const GENERATED_BYTES: usize = 4 << 20;

/// The annotator configurations benchmarked on the generated corpus, by
/// name. Comparing another configuration is one more line here.
fn annotators() -> Vec<(&'static str, Annotator)> {
    vec![
        ("builtin", Annotator::new(builtin())),
        (
            "builtin-no-dates",
            Annotator::new(builtin()).with_dates(false),
        ),
        ("gen-10k", Annotator::new(generated(10_000))),
        ("gen-100k", Annotator::new(generated(100_000))),
    ]
}

fn builtin() -> Lexicon {
    Lexicon::builtin().expect("built-in lexicon is valid")
}

/// A lexicon of `n` generated entries.
fn generated(n: usize) -> Lexicon {
    let mut builder = Lexicon::builder();
    for (line, entry) in gen::lexicon(n).into_iter().enumerate() {
        let entry = Entry {
            id: entry.id,
            name: entry.name,
            kind: kind(entry.kind),
            aliases: entry.aliases,
            exact_case: Vec::new(),
            definition: "Generated.".into(),
            see_also: Vec::new(),
            plural: true,
            ambiguous: Vec::new(),
            sort_as: None,
            surname_alone: false,
            needs_context: Vec::new(),
        };
        let origin = Origin {
            file: "generated".into(),
            line: line + 1,
        };
        builder.add_entry(entry, origin);
    }
    builder.build().expect("generated lexicon is valid")
}

fn kind(name: &str) -> Kind {
    Kind::ALL
        .into_iter()
        .find(|k| k.as_str() == name)
        .expect("the generator uses known kinds")
}

/// Generated documents mentioning the 10k lexicon with `density`,
/// `GENERATED_BYTES` in all.
fn generated_corpus(density: Density) -> Vec<Document> {
    let lexicon = gen::lexicon(10_000);
    let (mut docs, mut bytes) = (Vec::new(), 0);
    while bytes < GENERATED_BYTES {
        let index = docs.len() as u64;
        let text = gen::document(
            &lexicon,
            index,
            gen::document_size(index, 16 << 10, 160 << 10),
            density,
        );
        bytes += text.len();
        docs.push(Document::new(
            format!("gen-{index}"),
            format!("gen/{index:06}.txt"),
            text,
        ));
    }
    docs
}

/// The texts of a folder's files, in name order.
fn texts(dir: &Path) -> Vec<String> {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect()
}

/// All `.txt`/`.md` files of a folder, concatenated in name order.
fn concatenated(dir: &Path) -> String {
    texts(dir).join("\n\n")
}

/// The seeds a document each, or the shipped corpus's where they are absent.
fn seed_documents() -> Vec<Document> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut found = texts(&root.join("../shared/seeds"));
    if found.is_empty() {
        found = texts(&root.join("corpus"));
    }
    found
        .into_iter()
        .enumerate()
        .map(|(i, text)| Document::new(format!("d{i}"), format!("d{i}"), text))
        .collect()
}

/// The seeds as one document, or the shipped corpus where they are absent.
fn seed_document() -> Document {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = concatenated(&root.join("../shared/seeds"));
    let (text, name) = if seeds.is_empty() {
        (concatenated(&root.join("corpus")), "corpus")
    } else {
        (seeds, "seeds")
    };
    Document::new(name.into(), name.into(), text)
}

fn total_bytes(docs: &[Document]) -> u64 {
    docs.iter().map(|d| d.text.len() as u64).sum()
}

/// A group with few samples, so the whole run takes minutes.
fn quick_group<'c>(c: &'c mut Criterion, name: &str) -> BenchmarkGroup<'c, WallTime> {
    let mut group = c.benchmark_group(name);
    group
        .sample_size(10)
        .sampling_mode(SamplingMode::Flat)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    group
}

fn annotate(c: &mut Criterion) {
    let seeds = [seed_document()];
    let corpus = generated_corpus(Density::Sparse);
    let dense = generated_corpus(Density::Dense);
    let mut group = quick_group(c, "annotate");
    group.throughput(Throughput::BytesDecimal(total_bytes(&seeds)));
    let seed_annotator = Annotator::new(builtin());
    group.bench_function(format!("{}/builtin", seeds[0].id), |b| {
        b.iter(|| annotate_all(&seed_annotator, &seeds));
    });
    let no_dates = Annotator::new(builtin()).with_dates(false);
    group.bench_function(format!("{}/builtin-no-dates", seeds[0].id), |b| {
        b.iter(|| annotate_all(&no_dates, &seeds));
    });
    group.throughput(Throughput::BytesDecimal(total_bytes(&corpus)));
    let annotators = annotators();
    for (name, annotator) in &annotators {
        group.bench_function(format!("generated/{name}"), |b| {
            b.iter(|| annotate_all(annotator, &corpus));
        });
    }
    group.throughput(Throughput::BytesDecimal(total_bytes(&dense)));
    for (name, annotator) in &annotators {
        group.bench_function(format!("dense/{name}"), |b| {
            b.iter(|| annotate_all(annotator, &dense));
        });
    }
    group.finish();
}

/// `reduce/`: the glossary and timeline of the dense corpus against
/// annotating it, one thread (issue 21: glossary within 1.3x of annotate).
fn reduce(c: &mut Criterion) {
    let dense = generated_corpus(Density::Dense);
    let annotator = Annotator::new(generated(10_000));
    let mut group = quick_group(c, "reduce");
    group.throughput(Throughput::BytesDecimal(total_bytes(&dense)));
    group.bench_function("dense/annotate", |b| {
        b.iter(|| annotate_all(&annotator, &dense));
    });
    group.bench_function("dense/glossary", |b| {
        b.iter(|| {
            let mut glossary = GlossaryBuilder::new(&annotator, 5);
            let parts = glossary.parts();
            for doc in &dense {
                glossary.append(parts.part(doc, &annotator.annotate(doc)));
            }
            glossary.finish().entries().len()
        });
    });
    group.bench_function("dense/timeline", |b| {
        b.iter(|| {
            let mut timeline = TimelineBuilder::new();
            for doc in &dense {
                let annotation = annotator.annotate(doc);
                timeline.append(TimelineBuilder::of_document(doc, &annotation));
            }
            timeline
                .finish()
                .expect("a timeline in memory")
                .events()
                .len()
        });
    });
    group.finish();
}

/// Annotates and renders every document, as `glossator annotate` does.
fn annotate_all(annotator: &Annotator, docs: &[Document]) -> usize {
    docs.iter()
        .map(|doc| annotation_line(&annotator.annotate(doc)).len())
        .sum()
}

fn formats(c: &mut Criterion) {
    let text = gen::document(&gen::lexicon(10_000), 0, 1 << 20, Density::Dense);
    let annotator = Annotator::new(generated(10_000));
    let mut group = quick_group(c, "formats");
    group.throughput(Throughput::BytesDecimal(text.len() as u64));
    for format in [Format::Text, Format::Markdown] {
        group.bench_function(format!("annotate/{}", format.name()), |b| {
            b.iter(|| {
                let doc = Document::of_text("g".into(), "g".into(), text.clone(), format);
                annotator.annotate(&doc).spans().len()
            });
        });
    }
    let paragraphs: Vec<&str> = text.split("\n\n").collect();
    for (format, file) in [
        (Format::Docx, docx(&paragraphs)),
        (Format::Odt, odt(&paragraphs)),
        (Format::Html, html(&paragraphs)),
    ] {
        group.bench_function(format!("read/{}", format.name()), |b| {
            b.iter(|| read(file.clone(), format).text.len());
        });
    }
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let pdf = std::fs::read(root.join("tests/data/formats/notes.pdf")).expect("the PDF fixture");
    group.throughput(Throughput::BytesDecimal(
        read(pdf.clone(), Format::Pdf).text.len() as u64,
    ));
    group.bench_function("read/pdf", |b| {
        b.iter(|| read(pdf.clone(), Format::Pdf).text.len());
    });
    group.finish();
}

/// The document in the bytes of a `format` file.
fn read(bytes: Vec<u8>, format: Format) -> Document {
    Document::read("g".into(), "g".into(), bytes, format)
        .expect("a generated file reads")
        .0
}

/// `text` with XML's and HTML's special characters escaped.
fn markup_text(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A Word file of one paragraph per item of `paragraphs`.
fn docx(paragraphs: &[&str]) -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><w:document xmlns:w=\"http://schemas.\
         openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    for paragraph in paragraphs {
        xml += "<w:p><w:r><w:t xml:space=\"preserve\">";
        xml += &markup_text(paragraph);
        xml += "</w:t></w:r></w:p>";
    }
    xml += "</w:body></w:document>";
    zipped("word/document.xml", &xml)
}

/// An OpenDocument text of one paragraph per item of `paragraphs`.
fn odt(paragraphs: &[&str]) -> Vec<u8> {
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?><office:document-content \
         xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
         xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\">\
         <office:body><office:text>",
    );
    for paragraph in paragraphs {
        xml += "<text:p>";
        xml += &markup_text(paragraph);
        xml += "</text:p>";
    }
    xml += "</office:text></office:body></office:document-content>";
    zipped("content.xml", &xml)
}

/// An HTML page of one `p` per item of `paragraphs`.
fn html(paragraphs: &[&str]) -> Vec<u8> {
    let mut page = String::from("<!DOCTYPE html><html><head><title>Notes</title></head><body>");
    for paragraph in paragraphs {
        page += "<p>";
        page += &markup_text(paragraph);
        page += "</p>\n";
    }
    page += "</body></html>";
    page.into_bytes()
}

/// A zip container of the one part `name`, deflated as office suites do.
fn zipped(name: &str, content: &str) -> Vec<u8> {
    use std::io::Write;

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    zip.start_file(name, options).expect("a zip part");
    zip.write_all(content.as_bytes()).expect("a zip part");
    zip.finish().expect("a zip file").into_inner()
}

/// `harvest/`: the definitions and cards of each seed document (issue 17),
/// beside annotating the same documents: the harvest's cost as a share of
/// annotate's.
fn harvest(c: &mut Criterion) {
    let docs = seed_documents();
    let annotator = Annotator::new(builtin());
    let mut group = quick_group(c, "harvest");
    group.throughput(Throughput::BytesDecimal(total_bytes(&docs)));
    group.bench_function("seeds/annotate", |b| {
        b.iter(|| annotate_all(&annotator, &docs));
    });
    group.bench_function("seeds/harvest", |b| {
        b.iter(|| {
            docs.iter()
                .map(|doc| {
                    let found = glossator::harvest::harvest(doc);
                    found.definitions.len() + found.cards.len()
                })
                .sum::<usize>()
        });
    });
    group.finish();
}

fn stages(c: &mut Criterion) {
    let corpus = generated_corpus(Density::Sparse);
    let annotator = Annotator::new(generated(10_000));
    let matcher = Matcher::new(annotator.lexicon());
    let annotations: Vec<_> = corpus.iter().map(|d| annotator.annotate(d)).collect();
    let mut group = quick_group(c, "stages");
    group.throughput(Throughput::BytesDecimal(total_bytes(&corpus)));
    group.bench_function("normalize", |b| {
        b.iter(|| sum(&corpus, |t| Normalized::new(t).as_str().len()));
    });
    group.bench_function("sentences", |b| {
        b.iter(|| sum(&corpus, |t| sentences(t).len()));
    });
    let tagger = DateTagger::new();
    group.bench_function("dates", |b| {
        b.iter(|| sum(&corpus, |t| tagger.find(t).len()));
    });
    group.bench_function("normalize+match", |b| {
        b.iter(|| sum(&corpus, |t| matcher.find(&Normalized::new(t)).count()));
    });
    group.bench_function("json", |b| {
        b.iter(|| {
            annotations
                .iter()
                .map(|a| annotation_line(a).len())
                .sum::<usize>()
        });
    });
    group.finish();
}

fn sum(docs: &[Document], f: impl Fn(&str) -> usize) -> usize {
    docs.iter().map(|d| f(&d.text)).sum()
}

fn build(c: &mut Criterion) {
    let mut group = quick_group(c, "build");
    let lexicons = [
        ("builtin", builtin()),
        ("gen-1k", generated(1_000)),
        ("gen-10k", generated(10_000)),
        ("gen-100k", generated(100_000)),
    ];
    for (name, lexicon) in &lexicons {
        group.bench_function(*name, |b| b.iter(|| Matcher::new(lexicon)));
    }
    group.finish();
}

criterion_group!(benches, annotate, reduce, formats, harvest, stages, build);
criterion_main!(benches);
