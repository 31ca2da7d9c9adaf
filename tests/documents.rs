//! Documents in their formats: what text and spans each reader gives, and
//! that markup changes nothing but where the spans are.

use std::sync::LazyLock;

use glossator::annotate::{Annotation, Annotator};
use glossator::document::{BlockKind, Document, Format, SourcePlace};
use glossator::lexicon::Lexicon;
use proptest::prelude::*;

use crate::util::{glossator, repo};

static ANNOTATOR: LazyLock<Annotator> =
    LazyLock::new(|| Annotator::new(Lexicon::builtin().expect("the built-in lexicon loads")));

/// What a document was tagged with, without where: each span's text and
/// its entry or date value, in order.
fn tags(annotation: &Annotation) -> Vec<(String, String)> {
    annotation
        .spans()
        .iter()
        .map(|s| {
            let what = s.entry.as_deref().or(s.value.as_deref()).unwrap_or("");
            (s.text.to_string(), what.to_string())
        })
        .collect()
}

/// Words and phrases to write notes with: entries, dates, glue words.
const WORDS: &[&str] = &[
    "Stalin",
    "Lenin",
    "Trotsky",
    "the",
    "Five-Year Plan",
    "NEP",
    "in",
    "1924",
    "January 1928",
    "kulaks",
    "and",
    "collectivisation",
    "Bukharin",
    "Kirov",
    "1934",
    "Moscow",
    "was",
    "then",
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    /// The same notes as plain text and as Markdown (with emphasis, a
    /// heading and a list marker added) give the same entries and dates.
    #[test]
    fn markdown_and_plain_text_tag_the_same(
        paragraphs in prop::collection::vec(
            prop::collection::vec((0..WORDS.len(), 0..4_u8), 1..10), 1..6)
    ) {
        let mut plain = Vec::new();
        let mut markdown = Vec::new();
        for (i, words) in paragraphs.iter().enumerate() {
            let text: Vec<&str> = words.iter().map(|&(w, _)| WORDS[w]).collect();
            let marked: Vec<String> = words
                .iter()
                .map(|&(w, mark)| match mark {
                    1 => format!("**{}**", WORDS[w]),
                    2 => format!("_{}_", WORDS[w]),
                    _ => WORDS[w].to_string(),
                })
                .collect();
            // A paragraph ends in a word, not `1924.`, which Markdown
            // reads as a numbered list item.
            plain.push(format!("{} then.", text.join(" ")));
            let prefix = match i % 3 {
                0 => "# ",
                1 => "- ",
                _ => "",
            };
            markdown.push(format!("{prefix}{} then.", marked.join(" ")));
        }
        let plain = Document::new("p".into(), "p.txt".into(), plain.join("\n\n"));
        let markdown = Document::of_text("m".into(), "m.md".into(), markdown.join("\n\n"), Format::Markdown);
        prop_assert_eq!(tags(&ANNOTATOR.annotate(&plain)), tags(&ANNOTATOR.annotate(&markdown)));
    }
}

/// The Markdown fixture: link targets, image paths, code and markup are
/// not tagged; link text is; spans index the file's bytes.
#[test]
fn markdown_fixture_spans_are_the_prose() {
    let path = repo().join("tests/data/formats/notes.md");
    let out = glossator().arg("annotate").arg(&path).assert().success();
    let annotation: Annotation =
        serde_json::from_slice(&out.get_output().stdout).expect("one annotation");
    let bytes = std::fs::read_to_string(&path).unwrap();
    assert_eq!(annotation.doc().format, Format::Markdown);
    assert_eq!(
        annotation.doc().title.as_deref(),
        Some("Stalin's Revolution from Above")
    );
    for span in annotation.spans() {
        assert_eq!(&bytes[span.start..span.end], span.text, "{span:?}");
        // Emphasis may end inside a span (`**grain procurement crisis** of
        // 1927–28`), but a span never starts or ends in markup.
        for markup in ["*", "_", "#", "|", "[", "]", "`"] {
            assert!(
                !span.text.starts_with(markup) && !span.text.ends_with(markup),
                "{markup:?} at an end of {span:?}"
            );
        }
        for markup in ["http", "img/", "`", "|", "\n>"] {
            assert!(!span.text.contains(markup), "{markup:?} in {span:?}");
        }
    }
    let tagged = tags(&annotation);
    let has = |text: &str| tagged.iter().any(|(t, _)| t == text);
    assert!(
        has("Bukharin") && has("Murder of Kirov") && has("Trotsky"),
        "{tagged:?}"
    );
    // 1929 is in the link's title and address, and in inline code: not tagged
    // there; it is tagged in the table and the footnote.
    let dates_1929 = tagged.iter().filter(|(t, _)| t == "1929").count();
    assert_eq!(dates_1929, 2, "{tagged:?}");
    assert!(annotation.blocks().iter().any(|b| b.quote == 1));
}

/// `glossator text` prints what the offsets index: the file itself for
/// Markdown.
#[test]
fn text_prints_what_offsets_index() {
    let path = repo().join("tests/data/formats/notes.md");
    let out = glossator().arg("text").arg(&path).assert().success();
    assert_eq!(out.get_output().stdout, std::fs::read(&path).unwrap());
    let out = glossator()
        .arg("text")
        .arg(&path)
        .arg(&path)
        .assert()
        .success();
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout.matches("==> ").count(), 2);
    glossator()
        .args(["text", "no-such-file.md"])
        .assert()
        .code(1);
}

/// The text `glossator text` prints for a fixture of `tests/data/formats/`.
fn extracted(name: &str) -> String {
    let path = repo().join("tests/data/formats").join(name);
    let out = glossator().arg("text").arg(&path).assert().success();
    String::from_utf8(out.get_output().stdout.clone()).unwrap()
}

/// The annotation of a fixture.
fn annotated(name: &str) -> Annotation<'static> {
    let path = repo().join("tests/data/formats").join(name);
    let out = glossator().arg("annotate").arg(&path).assert().success();
    let annotation: Annotation = serde_json::from_slice(&out.get_output().stdout).unwrap();
    annotation.into_owned()
}

/// Word and OpenDocument: runs split inside a name are joined, tracked
/// changes read as accepted, field codes and markup left out, blocks a
/// blank line apart, a table's cells a tab apart, the footnote at the end.
#[test]
fn word_and_opendocument_text_is_what_a_reader_sees() {
    let body = "Stalin and the Countryside\n\nThe end of the NEP\n\n\
                In 1928 Stalin broke with Bukharin over the grain procurement crisis.\n\n";
    let table = "Date\tEvent\n1929\tCollectivisation forced through\n1934\tMurder of Kirov\n\n\
                 Gosplan set the targets\n\nMagnitogorsk grew from nothing\n\n\
                 Trotsky was exiled in 1929.";
    assert_eq!(
        extracted("notes.docx"),
        format!("{body}Read the kulak decree and note the field code here.\n\n{table}")
    );
    assert_eq!(
        extracted("notes.odt"),
        format!("{body}Read the kulak decree  here.\n\n{table}")
    );
    for (name, format) in [("notes.docx", Format::Docx), ("notes.odt", Format::Odt)] {
        let annotation = annotated(name);
        let text = extracted(name);
        assert_eq!(annotation.doc().format, format);
        assert_eq!(
            annotation.doc().title.as_deref(),
            Some("Stalin and the Countryside")
        );
        for span in annotation.spans() {
            assert_eq!(&text[span.start..span.end], span.text, "{name}: {span:?}");
        }
        let tagged = tags(&annotation);
        let has = |text: &str| tagged.iter().any(|(t, _)| t == text);
        for wanted in [
            "Stalin",
            "Bukharin",
            "1929",
            "Murder of Kirov",
            "Gosplan",
            "Trotsky",
        ] {
            assert!(has(wanted), "{name}: no {wanted} in {tagged:?}");
        }
        assert!(
            !text.contains("Rykov") && !text.contains("HYPERLINK"),
            "{name}"
        );
        let cells = annotation
            .blocks()
            .iter()
            .filter(|b| matches!(b.kind, glossator::document::BlockKind::Cell { .. }));
        assert_eq!(cells.count(), 6, "{name}");
        assert!(annotation
            .blocks()
            .iter()
            .all(|b| matches!(b.source, glossator::document::SourcePlace::Para(_))));
    }
}

/// A zip bomb and a truncated file are refused with a message naming the
/// file; the other inputs are still annotated, and the run exits 1.
#[test]
fn bad_word_files_fail_alone() {
    let dir = repo().join("tests/data/formats");
    let out = glossator()
        .arg("annotate")
        .arg(dir.join("bomb.docx"))
        .arg(dir.join("truncated.docx"))
        .arg(dir.join("notes.md"))
        .assert()
        .code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(
        stderr.contains("bomb.docx: word/document.xml inflates to"),
        "{stderr}"
    );
    assert!(stderr.contains("compression bomb"), "{stderr}");
    assert!(
        stderr.contains("truncated.docx: not a Word document (.docx), or corrupt or truncated"),
        "{stderr}"
    );
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(stdout.lines().count(), 1, "notes.md is annotated");
}

/// HTML: the visible text, a block per element; script, style and the
/// head (but its title) left out; a table row a line of cells; inline code
/// never tagged.
#[test]
fn html_text_is_what_a_browser_shows() {
    let text = extracted("notes.html");
    assert_eq!(
        text,
        "Home\n\nStalin and the Countryside\n\nThe end of the NEP\n\n\
         In 1928 Stalin broke with Bukharin over the grain procurement crisis.1 \
         The campaign of forced collec\u{ad}tivisation began in 1929.\n\n\
         Read the kulak decree and the Stalin_1929 file.\n\n\
         Date\tEvent\n1929\tCollectivisation forced through\n1934\tMurder of Kirov\n\n\
         Gosplan set the targets\n\nMagnitogorsk grew from nothing\n\n\
         We are fifty or a hundred years behind the advanced countries.\n\n\
         Trotsky was exiled in 1929."
    );
    let annotation = annotated("notes.html");
    assert_eq!(annotation.doc().format, Format::Html);
    assert_eq!(
        annotation.doc().title.as_deref(),
        Some("Stalin and the Countryside | History 11")
    );
    for span in annotation.spans() {
        assert_eq!(&text[span.start..span.end], span.text, "{span:?}");
        assert!(
            !span.text.contains("Stalin_1929"),
            "code is tagged: {span:?}"
        );
    }
    let tagged = tags(&annotation);
    let has = |text: &str| tagged.iter().any(|(t, _)| t == text);
    for wanted in [
        "Stalin",
        "Bukharin",
        "Murder of Kirov",
        "Gosplan",
        "Trotsky",
    ] {
        assert!(has(wanted), "no {wanted} in {tagged:?}");
    }
    assert!(
        tagged
            .iter()
            .any(|(t, e)| t.ends_with("collec\u{ad}tivisation") && e == "collectivisation"),
        "a soft hyphen splits no word: {tagged:?}"
    );
    let kinds: Vec<_> = annotation.blocks().iter().map(|b| b.kind).collect();
    assert_eq!(kinds[2], BlockKind::Heading { level: 2 });
    assert!(kinds.contains(&BlockKind::Cell {
        table: 0,
        row: 0,
        column: 1,
        header: true
    }));
    assert!(kinds.contains(&BlockKind::Item {
        ordered: false,
        depth: 2
    }));
    assert!(annotation.blocks().iter().any(|b| b.quote == 1));
}

/// A file is read by what it is, whatever its name says: HTML named
/// `.txt`, Word named `.md`, PDF named `.txt`.
#[test]
fn files_are_read_by_their_content() {
    let dir = tempfile::tempdir().unwrap();
    let formats = repo().join("tests/data/formats");
    for (fixture, name, format) in [
        ("notes.html", "page.txt", Format::Html),
        ("notes.docx", "notes.md", Format::Docx),
        ("notes.pdf", "handout.txt", Format::Pdf),
    ] {
        let path = dir.path().join(name);
        std::fs::copy(formats.join(fixture), &path).unwrap();
        let out = glossator().arg("annotate").arg(&path).assert().success();
        let annotation: Annotation = serde_json::from_slice(&out.get_output().stdout).unwrap();
        assert_eq!(annotation.doc().format, format, "{name}");
    }
}

/// PDF: a block per paragraph on its page, a page break a hard boundary,
/// a word hyphenated at a line end joined (a compound's hyphen kept), the
/// running header and the page numbers gone, a table a line per row.
#[test]
fn pdf_text_is_the_pages_without_their_running_lines() {
    let text = extracted("notes.pdf");
    assert_eq!(
        text,
        "Stalin and the Countryside\n\n\
         In 1928 Stalin broke with Bukharin over the grain procurement crisis, \
         and the campaign against the kulaks began.\n\n\
         The First Five-Year Plan set targets for coal and steel that Gosplan raised again \
         and again. Work\n\n\
         on Magnitogorsk began in 1929.\n\n\
         Key dates\n\n\
         1929\tCollectivisation forced through\n1934\tMurder of Kirov\n\n\
         Trotsky was exiled in 1929."
    );
    let annotation = annotated("notes.pdf");
    assert_eq!(annotation.doc().format, Format::Pdf);
    assert_eq!(
        annotation.doc().title.as_deref(),
        Some("Stalin and the Countryside")
    );
    for span in annotation.spans() {
        assert_eq!(&text[span.start..span.end], span.text, "{span:?}");
    }
    let tagged = tags(&annotation);
    let has = |text: &str, entry: &str| tagged.iter().any(|(t, e)| t == text && e == entry);
    assert!(has("Bukharin", "bukharin"), "{tagged:?}");
    assert!(
        has("First Five-Year Plan", "first-five-year-plan"),
        "{tagged:?}"
    );
    assert!(has("Murder of Kirov", "kirov-murder"), "{tagged:?}");
    let pages: Vec<SourcePlace> = annotation.blocks().iter().map(|b| b.source).collect();
    let first_on_page_2 = pages
        .iter()
        .position(|&p| p == SourcePlace::Page(2))
        .expect("blocks on page 2");
    assert!(pages[..first_on_page_2]
        .iter()
        .all(|&p| p == SourcePlace::Page(1)));
    assert!(pages[first_on_page_2..]
        .iter()
        .all(|&p| p == SourcePlace::Page(2)));
    let block = &annotation.blocks()[first_on_page_2];
    assert_eq!(
        &text[block.range()],
        "on Magnitogorsk began in 1929.",
        "the page break ends the paragraph"
    );
    let starts: Vec<usize> = annotation.sentences().iter().map(|s| s[0]).collect();
    assert!(
        starts.contains(&block.start),
        "a sentence starts at the page"
    );
    let kinds: Vec<BlockKind> = annotation.blocks().iter().map(|b| b.kind).collect();
    assert_eq!(kinds[0], BlockKind::Heading { level: 1 });
    assert!(kinds.contains(&BlockKind::Cell {
        table: 0,
        row: 1,
        column: 1,
        header: false
    }));
}

/// An encrypted, a truncated and a malformed PDF (one pdf-extract panics
/// on) are errors naming the file, a PDF without text a warning; the other
/// inputs are still annotated, and the run exits 1.
#[test]
fn bad_pdfs_fail_alone() {
    let dir = repo().join("tests/data/formats");
    let out = glossator()
        .arg("annotate")
        .args(
            [
                "encrypted.pdf",
                "truncated.pdf",
                "no-media-box.pdf",
                "scanned.pdf",
                "notes.md",
            ]
            .map(|name| dir.join(name)),
        )
        .assert()
        .code(1);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    for wanted in [
        "encrypted.pdf: encrypted (it needs a password to open)",
        "truncated.pdf: not a PDF, or corrupt or truncated",
        "no-media-box.pdf: not a PDF, or corrupt or truncated",
        "scanned.pdf: no text: scanned?",
    ] {
        assert!(stderr.contains(wanted), "no {wanted:?} in {stderr}");
    }
    assert!(!stderr.contains("panicked"), "{stderr}");
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let formats: Vec<Format> = stdout
        .lines()
        .map(|line| {
            let annotation: Annotation = serde_json::from_str(line).unwrap();
            annotation.doc().format
        })
        .collect();
    assert_eq!(
        formats,
        [Format::Pdf, Format::Markdown],
        "scanned.pdf and notes.md"
    );
}
