//! Helpers shared by the integration tests.

use std::path::PathBuf;

use assert_cmd::Command;
use glossator::annotate::Annotation;

/// The built `glossator` binary, run from the repository root.
pub fn glossator() -> Command {
    let mut cmd = Command::cargo_bin("glossator").unwrap();
    cmd.current_dir(repo());
    cmd
}

/// The repository root.
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/seeds`, or `None` (with a loud message) where it is absent.
pub fn seeds() -> Option<PathBuf> {
    let dir = repo().join("../shared/seeds");
    if dir.is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "SKIPPED: {} is absent; seed tests need ../shared beside the repo",
            dir.display()
        );
        None
    }
}

/// Parses JSON Lines of annotations, rejecting unknown fields.
pub fn annotations(stdout: &[u8]) -> Vec<Annotation> {
    let text = std::str::from_utf8(stdout).expect("UTF-8 output");
    text.lines()
        .map(|line| serde_json::from_str(line).expect("an annotation"))
        .collect()
}

/// Checks the offset invariant of every span against the source text.
pub fn assert_offsets_exact(text: &str, annotation: &Annotation) {
    for span in &annotation.spans {
        assert_eq!(
            &text[span.start..span.end],
            span.text,
            "byte offsets of {span:?}"
        );
        let by_chars: String = text
            .chars()
            .skip(span.char_start)
            .take(span.char_end - span.char_start)
            .collect();
        assert_eq!(by_chars, span.text, "code point offsets of {span:?}");
        let sentence = annotation.sentences[span.sentence];
        assert!(
            sentence[0] <= span.start && span.start < sentence[1].max(sentence[0] + 1),
            "sentence of {span:?}"
        );
    }
}

/// Writes `files` (name, bytes) into a fresh temp folder.
pub fn temp_with(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        let path = dir.path().join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, bytes).unwrap();
    }
    dir
}

/// A lexicon file of the test data folder.
pub fn test_lexicon(name: &str) -> PathBuf {
    repo().join("tests/data").join(name)
}

/// Compares `got` with the golden file `name`, or rewrites it when blessing.
pub fn golden(name: &str, got: &[u8]) {
    let path = repo().join("tests/golden").join(name);
    if std::env::var_os("GLOSSATOR_BLESS").is_some() {
        std::fs::write(&path, got).unwrap();
        return;
    }
    let want =
        std::fs::read(&path).unwrap_or_else(|_| panic!("{} missing: bless it", path.display()));
    if want != got {
        panic!(
            "{name} differs from its golden file\n~~~ want ~~~\n{}\n~~~ got ~~~\n{}\n~~~",
            String::from_utf8_lossy(&want),
            String::from_utf8_lossy(got)
        );
    }
}

