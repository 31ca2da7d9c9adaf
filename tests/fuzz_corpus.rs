//! Replays the fuzz corpus: every file of `tests/data/fuzz/<target>/` (the
//! seeds of each fuzz target, and every input a fuzzer ever crashed on)
//! through that target's check, the same code `cargo fuzz` runs (see
//! `fuzz/README.md`).

#[path = "../fuzz/checks.rs"]
mod checks;

use crate::util::repo;

#[test]
fn fuzz_corpus_replays_clean() {
    for (target, check) in checks::TARGETS {
        let dir = repo().join("tests/data/fuzz").join(target);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|err| panic!("{}: {err}", dir.display()))
            .map(|entry| entry.unwrap().path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "no corpus for {target}");
        for file in files {
            let data = std::fs::read(&file).unwrap();
            let outcome = std::panic::catch_unwind(|| check(&data));
            assert!(outcome.is_ok(), "{target}: {} fails", file.display());
        }
    }
}
