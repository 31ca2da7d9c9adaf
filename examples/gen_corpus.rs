//! Writes a generated lexicon and corpus to disk, for
//! `benches/compare/run.sh` and for profiling.
//!
//! `cargo run --release --example gen_corpus -- OUT SIZE_MB ENTRIES [DENSITY]`
//! writes (DENSITY `sparse`, the default, or `dense`: see
//! [`gen::Density`])
//!
//! * `OUT/lexicon.toml`: `ENTRIES` generated entries (glossator's format);
//! * `OUT/terms.txt`: their surface forms, one a line (for the peer tools
//!   and `raw_scan`);
//! * `OUT/corpus/NNNNNN.txt`: documents of 16-160 KB, `SIZE_MB` MB in all.
//!
//! The data come from `benches/common/gen.rs`, the generator the criterion
//! benches use, and are the same on every run and machine.

#[path = "../benches/common/gen.rs"]
mod gen;

use std::path::{Path, PathBuf};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let usage = || -> ! {
        eprintln!("usage: gen_corpus OUT SIZE_MB ENTRIES [sparse|dense]");
        std::process::exit(2);
    };
    let (out, size_mb, entries, density) = match args.as_slice() {
        [out, size_mb, entries] => (out, size_mb, entries, "sparse"),
        [out, size_mb, entries, density] => (out, size_mb, entries, density.as_str()),
        _ => usage(),
    };
    let density = match density {
        "sparse" => gen::Density::Sparse,
        "dense" => gen::Density::Dense,
        _ => usage(),
    };
    let out = PathBuf::from(out);
    let size: usize = size_mb.parse::<usize>().expect("SIZE_MB is a number") << 20;
    let lexicon = gen::lexicon(entries.parse().expect("ENTRIES is a number"));
    std::fs::create_dir_all(out.join("corpus"))?;
    std::fs::write(out.join("lexicon.toml"), gen::lexicon_toml(&lexicon))?;
    std::fs::write(out.join("terms.txt"), terms(&lexicon))?;
    let (docs, bytes) = write_corpus(&out.join("corpus"), &lexicon, size, density)?;
    eprintln!("{}: {docs} documents, {bytes} bytes", out.display());
    Ok(())
}

fn terms(lexicon: &[gen::GenEntry]) -> String {
    let forms = lexicon
        .iter()
        .flat_map(|e| std::iter::once(&e.name).chain(&e.aliases));
    forms.map(|form| format!("{form}\n")).collect()
}

/// Writes documents until `size` bytes; returns (documents, bytes).
fn write_corpus(
    dir: &Path,
    lexicon: &[gen::GenEntry],
    size: usize,
    density: gen::Density,
) -> std::io::Result<(u64, usize)> {
    let (mut index, mut bytes) = (0, 0);
    while bytes < size {
        let target = gen::document_size(index, 16 << 10, 160 << 10).min(size - bytes);
        let text = gen::document(lexicon, index, target, density);
        std::fs::write(dir.join(format!("{index:06}.txt")), &text)?;
        bytes += text.len();
        index += 1;
    }
    Ok((index, bytes))
}
