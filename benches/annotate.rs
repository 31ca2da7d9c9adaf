//! Annotate throughput on the concatenated seed documents (or the shipped
//! corpus where ../shared/seeds is absent), with the built-in lexicon.
//!
//! Run: `cargo bench --bench annotate`; criterion reports MB/s.

use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use glossator::annotate::Annotator;
use glossator::input::Document;
use glossator::lexicon::Lexicon;
use glossator::render::json::json_line;

/// All `.txt`/`.md` files of a folder, concatenated in name order.
fn concatenated(dir: &Path) -> String {
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .map(|entries| entries.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.sort();
    paths
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn bench_text() -> (String, &'static str) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let seeds = concatenated(&root.join("../shared/seeds"));
    if seeds.is_empty() {
        (concatenated(&root.join("corpus")), "corpus")
    } else {
        (seeds, "seeds")
    }
}

fn annotate(c: &mut Criterion) {
    let (text, name) = bench_text();
    let doc = Document {
        id: name.into(),
        path: name.into(),
        text,
    };
    let annotator = Annotator::new(Lexicon::builtin().expect("built-in lexicon is valid"));
    let mut group = c.benchmark_group("annotate");
    group.throughput(Throughput::Bytes(doc.text.len() as u64));
    group.bench_function(format!("{name}/json"), |b| {
        b.iter(|| json_line(&annotator.annotate(&doc)))
    });
    group.finish();
}

criterion_group!(benches, annotate);
criterion_main!(benches);
