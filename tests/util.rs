//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

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
pub fn annotations(stdout: &[u8]) -> Vec<Annotation<'static>> {
    let text = std::str::from_utf8(stdout).expect("UTF-8 output");
    text.lines()
        .map(|line| serde_json::from_str(line).expect("an annotation"))
        .collect()
}

/// Checks the offset invariant of every span against the source text.
pub fn assert_offsets_exact(text: &str, annotation: &Annotation) {
    assert_eq!(annotation.doc().bytes, text.len(), "bytes of the document");
    assert_eq!(
        annotation.doc().chars,
        text.chars().count(),
        "chars of the document"
    );
    for span in annotation.spans() {
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
        let [start, end] = annotation.sentences()[span.sentence];
        assert!(
            start <= span.start && span.end <= end,
            "{span:?} lies outside its sentence {start}..{end}"
        );
    }
    assert_sentences_ordered(text, annotation.sentences());
}

/// Sentences are non-empty ranges of `text`, in order, apart, trimmed.
pub fn assert_sentences_ordered(text: &str, sentences: &[[usize; 2]]) {
    for pair in sentences.windows(2) {
        assert!(pair[0][1] <= pair[1][0], "sentences overlap: {pair:?}");
    }
    for &[start, end] in sentences {
        let sentence = text
            .get(start..end)
            .expect("a sentence is a range of the text");
        assert!(
            !sentence.is_empty() && sentence.trim() == sentence,
            "sentence {start}..{end} {sentence:?} is empty or untrimmed"
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
    assert!(
        want == got,
        "{name} differs from its golden file\n~~~ want ~~~\n{}\n~~~ got ~~~\n{}\n~~~",
        String::from_utf8_lossy(&want),
        String::from_utf8_lossy(got)
    );
}

/// The file name the hostile input is built under: markup, quotes and `&`.
pub const HOSTILE_FILE_NAME: &str = "notes <img src=x onerror=alert(1)> & 'q'.txt";

/// `glossator build` of `tests/data/hostile-input.txt` (saved as
/// [`HOSTILE_FILE_NAME`]) with `hostile-lexicon.toml` and
/// `rules-lexicon.toml`: script and markup in the text, the file name and
/// the lexicon's names and definitions.
pub struct HostileBuild {
    /// Holds the input and, in `out/`, the build.
    pub dir: tempfile::TempDir,
    /// The handout page.
    pub handout: PathBuf,
    pub annotation: Annotation<'static>,
}

impl HostileBuild {
    pub fn new() -> HostileBuild {
        let text = std::fs::read(repo().join("tests/data/hostile-input.txt")).unwrap();
        let dir = temp_with(&[(HOSTILE_FILE_NAME, &text)]);
        glossator()
            .args(["build", "--no-default-lexicon", "--lexicon"])
            .arg(test_lexicon("hostile-lexicon.toml"))
            .arg("--lexicon")
            .arg(test_lexicon("rules-lexicon.toml"))
            .arg("--out")
            .arg(dir.path().join("out"))
            .arg(dir.path().join(HOSTILE_FILE_NAME))
            .assert()
            .success();
        let only = |folder: &str| -> PathBuf {
            let mut files: Vec<PathBuf> = std::fs::read_dir(dir.path().join("out").join(folder))
                .unwrap()
                .map(|e| e.unwrap().path())
                .collect();
            assert_eq!(files.len(), 1, "{files:?}");
            files.pop().unwrap()
        };
        let json = std::fs::read(only("annotations")).unwrap();
        HostileBuild {
            handout: only("handouts"),
            annotation: annotations(&json).pop().unwrap(),
            dir,
        }
    }

    /// The build folder.
    pub fn out(&self) -> PathBuf {
        self.dir.path().join("out")
    }
}

/// Every `.html` file under `dir`, sorted.
pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
        .into_iter()
        .map(|e| e.unwrap().into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    files.sort();
    files
}
