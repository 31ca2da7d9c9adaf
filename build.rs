//! Embeds the built-in lexicon (every `.toml` and `.tsv` file in `lexicon/`)
//! and the English word list (`data/words/english.txt`, compiled into an
//! `fst` set) into the binary, so `glossator` works with no files beside it.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

fn main() {
    // Read at run time: `env!` would bake in the path the build script was
    // compiled at, and a target folder copied to another checkout would then
    // embed that checkout's files.
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let out = env::var("OUT_DIR").expect("cargo sets OUT_DIR");
    embed_lexicon(Path::new(&manifest), Path::new(&out));
    compile_english_words(Path::new(&manifest), Path::new(&out));
}

fn embed_lexicon(manifest: &Path, out: &Path) {
    let dir = manifest.join("lexicon");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut files: Vec<_> = fs::read_dir(&dir)
        .expect("lexicon/ folder")
        .map(|entry| entry.expect("lexicon/ entry").path())
        .filter(|path| {
            matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("toml" | "tsv")
            )
        })
        .collect();
    files.sort();
    let mut code = String::from("pub(crate) const BUILTIN: &[(&str, &str)] = &[\n");
    for path in files {
        println!("cargo:rerun-if-changed={}", path.display());
        let name = path.file_name().unwrap().to_string_lossy();
        let _ = writeln!(
            code,
            "    (\"lexicon/{name}\", include_str!({:?})),",
            path.display().to_string()
        );
    }
    code += "];\n";
    fs::write(out.join("builtin_lexicon.rs"), code).expect("write builtin_lexicon.rs");
}

/// `data/words/english.txt` (one word a line, sorted by bytes) as the bytes
/// of an `fst::Set`, which `src/text/english.rs` reads in place: nothing is
/// built when glossator runs.
fn compile_english_words(manifest: &Path, out: &Path) {
    let path = manifest.join("data/words/english.txt");
    println!("cargo:rerun-if-changed={}", path.display());
    let words = fs::read_to_string(&path).expect("data/words/english.txt");
    let mut set = fst::SetBuilder::memory();
    for (line, word) in words.lines().enumerate() {
        if let Err(err) = set.insert(word) {
            panic!(
                "data/words/english.txt:{}: {word:?}: {err} (regenerate it with data/words/generate.sh)",
                line + 1
            );
        }
    }
    let bytes = set.into_inner().expect("fst set in memory");
    fs::write(out.join("english.fst"), bytes).expect("write english.fst");
}
