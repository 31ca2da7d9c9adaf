//! Embeds the built-in lexicon (every `.toml` and `.tsv` file in `lexicon/`)
//! and the English word list (`data/words/english.txt`, with a hash table
//! over it) into the binary, so `glossator` works with no files beside it.

use std::fmt::Write as _;
use std::{env, fs, path::Path};

/// The word table's hash, the one `src/text/english.rs` searches with.
#[path = "src/text/english/hash.rs"]
mod english_hash;

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

/// `data/words/english.txt` (one lower-cased word a line, sorted by
/// bytes) as the word list and the hash table over it that
/// `src/text/english.rs` reads in place (the layout is
/// `src/text/english/hash.rs`'s): nothing is built when glossator runs.
fn compile_english_words(manifest: &Path, out: &Path) {
    let path = manifest.join("data/words/english.txt");
    println!("cargo:rerun-if-changed={}", path.display());
    let text = fs::read_to_string(&path).expect("data/words/english.txt");
    let words: Vec<&str> = text.lines().collect();
    // A power of two, at least three times the words: most searches are
    // of words not in the list, and end at the first or second slot.
    let mut table = vec![0_u32; (words.len() * 3).next_power_of_two()];
    let mask = table.len() - 1;
    let mut list: Vec<u8> = Vec::with_capacity(text.len());
    for (line, &word) in words.iter().enumerate() {
        assert!(
            !word.is_empty() && (line == 0 || word > words[line - 1]),
            "data/words/english.txt:{}: {word:?}: empty, repeated or out of order (regenerate it with data/words/generate.sh)",
            line + 1
        );
        let mut slot = english_hash::hash(word.as_bytes()) as usize & mask;
        while table[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        table[slot] = u32::try_from(list.len() + 1).expect("a word list under 4 GiB");
        list.extend_from_slice(word.as_bytes());
        list.push(b'\n');
    }
    let table: Vec<u8> = table.iter().flat_map(|slot| slot.to_le_bytes()).collect();
    fs::write(out.join("english.words"), list).expect("write english.words");
    fs::write(out.join("english.table"), table).expect("write english.table");
}
