//! The speed limit for `glossator annotate`: one Aho-Corasick scan of the
//! same lexicon over the same files, and nothing else.
//!
//! `cargo run --release --example raw_scan -- TERMS CORPUS_DIR` reads the
//! surface forms in `TERMS` (one a line), builds a leftmost-longest
//! automaton of their ASCII-lower-cased forms, then for every `.txt` file
//! under `CORPUS_DIR` (sorted) reads it, lower-cases it (ASCII) and counts
//! the matches with an ASCII word boundary on both sides. No Unicode
//! folding, no alignment map, no sentences, no output: whatever glossator
//! spends beyond this is the cost of its rules and its JSON.

use aho_corasick::{AhoCorasick, MatchKind};

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [terms, corpus] = args.as_slice() else {
        eprintln!("usage: raw_scan TERMS CORPUS_DIR");
        std::process::exit(2);
    };
    let patterns: Vec<String> = std::fs::read_to_string(terms)?
        .lines()
        .map(str::to_ascii_lowercase)
        .collect();
    let automaton = AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostLongest)
        .build(&patterns)
        .expect("patterns fit the automaton");
    let (mut bytes, mut matches) = (0, 0);
    let mut lower = Vec::new();
    for file in walkdir::WalkDir::new(corpus).sort_by_file_name() {
        let file = file?;
        if file.file_type().is_file() {
            lower = std::fs::read(file.path())?;
            lower.make_ascii_lowercase();
            bytes += lower.len();
            matches += count_whole_words(&automaton, &lower);
        }
    }
    drop(lower);
    println!("{bytes} bytes, {matches} matches ({:?})", automaton.kind());
    Ok(())
}

fn count_whole_words(automaton: &AhoCorasick, hay: &[u8]) -> usize {
    let is_word = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    automaton
        .find_iter(hay)
        .filter(|m| {
            let before = m.start().checked_sub(1).and_then(|i| hay.get(i));
            !is_word(before) && !is_word(hay.get(m.end()))
        })
        .count()
}
