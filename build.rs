//! Embeds the built-in lexicon (every `.toml` and `.tsv` file in `lexicon/`)
//! into the binary, so `glossator` works with no files beside it.

use std::{env, fs, path::Path};

fn main() {
    // Read at run time: `env!` would bake in the path the build script was
    // compiled at, and a target folder copied to another checkout would then
    // embed that checkout's lexicon.
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    let dir = Path::new(&manifest).join("lexicon");
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
        code += &format!(
            "    (\"lexicon/{name}\", include_str!({:?})),\n",
            path.display().to_string()
        );
    }
    code += "];\n";
    let out = Path::new(&env::var("OUT_DIR").unwrap()).join("builtin_lexicon.rs");
    fs::write(out, code).expect("write builtin_lexicon.rs");
}
