//! Documents as people have them: plain text, Markdown, Word,
//! OpenDocument, HTML and PDF files, each read into one [`Document`], its text
//! and the [`Layout`] of that text.
//!
//! Every format has a reader, one module each, behind one interface (a
//! [`Reader`]: bytes in, [`Extracted`] text and layout out); the list of
//! formats, their names, file extensions and readers is [`Format`], the
//! one place a new format is added.
//!
//! A document's `text` is what every offset of its annotation indexes. For
//! plain text and Markdown it is the decoded file itself, so a span's
//! offsets are the file's own (for UTF-8 without a byte-order mark); the
//! layout says which of its bytes are markup (Markdown's `**`, `#`, link
//! addresses), never annotated. For Word, OpenDocument, HTML and PDF files
//! it is the text extracted from them, a blank line between blocks
//! (`glossator text` prints it).

mod builder;
mod docx;
mod html;
mod inflate;
mod layout;
mod markdown;
mod odt;
mod office;
mod pdf;
mod text;
mod xml;

use std::borrow::Cow;
use std::path::Path;

use serde::{Deserialize, Serialize};

pub use layout::{Block, BlockKind, Boundary, Layout, Mark, MarkKind, SourcePlace, BOUNDARY_MARK};

/// A document: its id, where it came from, its text and the layout of
/// that text.
///
/// `text` and the layout belong together: a document made with
/// [`Document::new`] or read by [`Document::read`] has a layout that fits
/// its text. If `text` is replaced afterwards, the annotator notices that
/// the layout no longer fits and reads the text as plain text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Document {
    /// Unique, file-name-safe id.
    pub id: String,
    /// The path as given or found (`-` for standard input).
    pub path: String,
    /// The text every offset indexes.
    pub text: String,
    /// The format it was read as.
    pub format: Format,
    /// The document's title, where it says (a Markdown front matter
    /// `title:` or, failing that, its first heading).
    pub title: Option<String>,
    layout: Layout,
}

impl Document {
    /// A plain-text document.
    ///
    /// ```
    /// use glossator::document::{BlockKind, Document, Format};
    ///
    /// let doc = Document::new("notes".into(), "notes.txt".into(), "Causes\n\n• Famine".into());
    /// assert_eq!(doc.format, Format::Text);
    /// let kinds: Vec<BlockKind> = doc.layout().blocks().iter().map(|b| b.kind).collect();
    /// assert_eq!(kinds, [BlockKind::Heading { level: 1 }, BlockKind::Item { ordered: false, depth: 1 }]);
    /// ```
    pub fn new(id: String, path: String, text: String) -> Document {
        Document::of_text(id, path, text, Format::Text)
    }

    /// A document of `format` whose text is already decoded: plain text or
    /// Markdown (any other format is read as plain text: it has no text
    /// form to give).
    pub fn of_text(id: String, path: String, text: String, format: Format) -> Document {
        let (layout, title) = match format {
            Format::Markdown => markdown::layout(&text),
            _ => text::layout(&text),
        };
        Document {
            id,
            path,
            text,
            format,
            title,
            layout,
        }
    }

    /// Reads a document of `format` from the bytes of its file. A warning
    /// about the file (a guessed encoding) comes back beside it.
    pub fn read(
        id: String,
        path: String,
        bytes: Vec<u8>,
        format: Format,
    ) -> Result<(Document, Option<String>), String> {
        let extracted = (format.reader())(bytes)?;
        let doc = Document {
            id,
            path,
            text: extracted.text,
            format,
            title: extracted.title,
            layout: extracted.layout,
        };
        Ok((doc, extracted.warning))
    }

    /// The layout of [`Document::text`].
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The layout to read [`Document::text`] by: the document's own if it
    /// fits the text ([`Layout::fits`]), otherwise, when `text` was
    /// replaced after reading, the layout of the same text read as plain
    /// text. The annotator and every renderer that walks blocks use this,
    /// so they agree on the blocks.
    ///
    /// ```
    /// use glossator::document::Document;
    ///
    /// let mut doc = Document::new("a".into(), "a.txt".into(), "Causes\n\n• Famine".into());
    /// doc.text = "Lenin".into();
    /// assert_eq!(doc.fitting_layout().blocks().len(), 1);
    /// ```
    pub fn fitting_layout(&self) -> Cow<'_, Layout> {
        if self.layout.fits(&self.text) {
            Cow::Borrowed(&self.layout)
        } else {
            Cow::Owned(text::layout(&self.text).0)
        }
    }
}

/// What a reader makes of one file.
#[derive(Clone, Debug)]
pub struct Extracted {
    /// The text to annotate.
    pub text: String,
    /// The title, if the file says.
    pub title: Option<String>,
    /// The layout of `text`.
    pub layout: Layout,
    /// Something the user should know about the file (a guessed encoding).
    pub warning: Option<String>,
}

/// A format's reader: the bytes of a file in, its text and layout out, or
/// why it cannot be read (a message naming no file: the caller adds it).
pub type Reader = fn(Vec<u8>) -> Result<Extracted, String>;

/// The formats glossator reads. Serialized as its [`Format::name`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (`.txt`, and anything not known as another format).
    #[default]
    Text,
    /// CommonMark with GitHub's tables and strikethrough (`.md`,
    /// `.markdown`).
    Markdown,
    /// Word (`.docx`, Office Open XML).
    Docx,
    /// OpenDocument text (`.odt`).
    Odt,
    /// HTML (`.html`, `.htm`).
    Html,
    /// PDF (`.pdf`): the text layer, a block's source place its page.
    Pdf,
}

impl Format {
    /// Every format, in the order their extensions are listed.
    pub const ALL: [Format; 6] = [
        Format::Text,
        Format::Markdown,
        Format::Docx,
        Format::Odt,
        Format::Html,
        Format::Pdf,
    ];

    /// The format's name in annotations (`doc.format`) and messages.
    pub fn name(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Markdown => "markdown",
            Format::Docx => "docx",
            Format::Odt => "odt",
            Format::Html => "html",
            Format::Pdf => "pdf",
        }
    }

    /// The file extensions of the format, lower case, without the dot. A
    /// folder walk reads the files with these extensions, in any case.
    pub fn extensions(self) -> &'static [&'static str] {
        match self {
            Format::Text => &["txt"],
            Format::Markdown => &["md", "markdown"],
            Format::Docx => &["docx"],
            Format::Odt => &["odt"],
            Format::Html => &["html", "htm"],
            Format::Pdf => &["pdf"],
        }
    }

    /// The format's reader.
    fn reader(self) -> Reader {
        match self {
            Format::Text => text::read,
            Format::Markdown => markdown::read,
            Format::Docx => docx::read,
            Format::Odt => odt::read,
            Format::Html => html::read,
            Format::Pdf => pdf::read,
        }
    }

    /// Are files of the format binary (a container its reader checks),
    /// so that NUL bytes in them do not mean a file that is no document?
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Docx | Format::Odt | Format::Pdf)
    }

    /// Is the format text, so that a document of it can be given as a
    /// string (a JSON Lines record)?
    pub fn is_text(self) -> bool {
        matches!(self, Format::Text | Format::Markdown)
    }

    /// The format `bytes` are by their content, where that says: a zip
    /// holding `word/document.xml` (Word) or an OpenDocument text's
    /// `mimetype`; a PDF (`%PDF-` first); an HTML document (`<!DOCTYPE
    /// html`, `<html`, `<head` or `<body` first, in any case, after white
    /// space). Plain text and Markdown are told by the file's extension.
    ///
    /// ```
    /// use glossator::document::Format;
    ///
    /// assert_eq!(Format::sniff(b"Stalin and the NEP"), None);
    /// assert_eq!(Format::sniff(b"\n<!doctype HTML><p>NEP"), Some(Format::Html));
    /// assert_eq!(Format::sniff(b"%PDF-1.7\n%\xE2\xE3"), Some(Format::Pdf));
    /// ```
    pub fn sniff(bytes: &[u8]) -> Option<Format> {
        if is_html(bytes) {
            return Some(Format::Html);
        }
        if bytes.starts_with(b"%PDF-") {
            return Some(Format::Pdf);
        }
        if !bytes.starts_with(b"PK\x03\x04") {
            return None;
        }
        // The first entry of an OpenDocument file is its `mimetype`,
        // stored: its name and content are in the first bytes.
        let head = &bytes[..bytes.len().min(200)];
        if memchr::memmem::find(head, b"mimetypeapplication/vnd.oasis.opendocument.text").is_some()
        {
            return Some(Format::Odt);
        }
        if memchr::memmem::find(bytes, b"word/document.xml").is_some() {
            return Some(Format::Docx);
        }
        None
    }

    /// The format whose extension `path` has, in any case.
    ///
    /// ```
    /// use glossator::document::Format;
    ///
    /// assert_eq!(Format::of_path("Week 1/NOTES.MD".as_ref()), Some(Format::Markdown));
    /// assert_eq!(Format::of_path("notes.rtf".as_ref()), None);
    /// ```
    pub fn of_path(path: &Path) -> Option<Format> {
        Format::of_extension(path.extension()?.to_str()?)
    }

    /// The format whose extension (without the dot) `ext` is, in any case.
    pub fn of_extension(ext: &str) -> Option<Format> {
        let ext = ext.to_ascii_lowercase();
        Format::ALL
            .into_iter()
            .find(|format| format.extensions().contains(&ext.as_str()))
    }
}

/// Does `bytes` start like an HTML document: after a byte-order mark and
/// white space, `<!DOCTYPE html`, `<html`, `<head` or `<body` (in any case,
/// followed by `>` or white space)?
fn is_html(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = bytes
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(bytes.len());
    let head = &bytes[start..bytes.len().min(start + 16)];
    [&b"<!doctype html"[..], b"<html", b"<head", b"<body"]
        .iter()
        .any(|tag| {
            head.len() > tag.len()
                && head[..tag.len()].eq_ignore_ascii_case(tag)
                && matches!(
                    head[tag.len()],
                    b'>' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
                )
        })
}
