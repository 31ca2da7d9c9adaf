//! [`Html`]: the tiny escaping writer every HTML page is written with.
//!
//! Markup can only be written from `&'static str` (string literals in this
//! crate), while everything that comes from a document, a lexicon or a
//! file name goes through [`Html::text`] or an attribute value and is
//! escaped. So no document or lexicon text can ever become markup: the
//! type system keeps the two apart.
//!
//! Ids, classes and links that the pages share are written by one
//! function each, to a [`Pieces`]: trusted pieces (`&'static str`),
//! numbers and text. Written to an [`Html`], they go straight into its
//! markup, a tag's attribute values too, with only the text escaped: a
//! dense handout has a tag every few words, and making each value a string
//! and escaping it whole was a quarter of the handout's instructions.

use std::fmt::{Display, Write as _};
use std::io;

use crate::render::escape_markup_into;

/// An HTML document being written.
#[derive(Default)]
pub struct Html {
    out: String,
}

/// What an id, a class or a link is written to, piece by piece: an
/// [`Html`] (inside an attribute value it has opened with
/// [`Html::raw`]), where text is escaped, or a `String`, which is text
/// itself, escaped when it is written to a page. Pieces hold no `"`, so
/// they cannot end an attribute value.
pub trait Pieces {
    /// A piece of markup of this crate's own, as is.
    fn push_static(&mut self, piece: &'static str);
    /// A number, in decimal.
    fn push_number(&mut self, n: usize);
    /// Text from a document, a lexicon or a file name.
    fn push_text(&mut self, text: &str);
}

impl Pieces for Html {
    fn push_static(&mut self, piece: &'static str) {
        self.raw(piece);
    }

    fn push_number(&mut self, n: usize) {
        self.out.push_str(itoa::Buffer::new().format(n));
    }

    fn push_text(&mut self, text: &str) {
        self.text(text);
    }
}

impl Pieces for String {
    fn push_static(&mut self, piece: &'static str) {
        self.push_str(piece);
    }

    fn push_number(&mut self, n: usize) {
        self.push_str(itoa::Buffer::new().format(n));
    }

    fn push_text(&mut self, text: &str) {
        self.push_str(text);
    }
}

impl Html {
    pub fn new() -> Html {
        Html::default()
    }

    /// Trusted markup, written as is.
    pub fn raw(&mut self, markup: &'static str) -> &mut Html {
        self.out.push_str(markup);
        self
    }

    /// Text, escaped.
    pub fn text(&mut self, text: &str) -> &mut Html {
        escape_markup_into(&mut self.out, text);
        self
    }

    /// A number or other displayable value, escaped.
    pub fn show(&mut self, value: impl Display) -> &mut Html {
        self.text(&value.to_string())
    }

    /// `<tag a="v" ...>` with every value escaped.
    pub fn open(&mut self, tag: &'static str, attrs: &[(&'static str, &str)]) -> &mut Html {
        self.out.push('<');
        self.out.push_str(tag);
        for (name, value) in attrs {
            self.out.push(' ');
            self.out.push_str(name);
            self.out.push_str("=\"");
            escape_markup_into(&mut self.out, value);
            self.out.push('"');
        }
        self.out.push('>');
        self
    }

    /// `</tag>`.
    pub fn close(&mut self, tag: &'static str) -> &mut Html {
        self.out.push_str("</");
        self.out.push_str(tag);
        self.out.push('>');
        self
    }

    /// `<tag ...>text</tag>`.
    pub fn element(
        &mut self,
        tag: &'static str,
        attrs: &[(&'static str, &str)],
        text: &str,
    ) -> &mut Html {
        self.open(tag, attrs).text(text).close(tag)
    }

    /// `"text"`: a CSS string, for a rule inside a `<style>` element. Every
    /// character that could end the string or the element, or break the
    /// rule (`"`, `\\`, `<`, `>`, control characters), is a hex
    /// escape, so no lexicon text can become a rule or markup.
    pub fn css_string(&mut self, text: &str) -> &mut Html {
        self.out.push('"');
        // The runs between characters to escape are copied whole.
        let mut kept = 0;
        for (at, c) in text.char_indices() {
            if c.is_control() || matches!(c, '"' | '\\' | '<' | '>') {
                self.out.push_str(&text[kept..at]);
                // The space ends the escape; CSS reads it as part of it.
                write!(self.out, "\\{:x} ", u32::from(c)).expect("writing to a String");
                kept = at + c.len_utf8();
            }
        }
        self.out.push_str(&text[kept..]);
        self.out.push('"');
        self
    }

    /// Another writer's markup, written as is: it was escaped as it was
    /// written (a part of a page made beside it, as a worksheet's answers).
    pub fn append(&mut self, other: &Html) -> &mut Html {
        self.out.push_str(&other.out);
        self
    }

    /// Writes what was written so far to `out`, and empties the writer.
    pub fn write_to(&mut self, out: &mut dyn io::Write) -> io::Result<()> {
        out.write_all(self.out.as_bytes())?;
        self.out.clear();
        Ok(())
    }

    /// The finished document.
    pub fn finish(self) -> String {
        self.out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let mut html = Html::new();
        html.open("a", &[("href", "x\" onclick='y'")])
            .text("<script>&</script>")
            .close("a");
        assert_eq!(
            html.finish(),
            "<a href=\"x&quot; onclick=&#39;y&#39;\">&lt;script&gt;&amp;&lt;/script&gt;</a>"
        );
    }

    /// Pieces written to a page are the pieces written to a string, then
    /// written to the page as an attribute value.
    #[test]
    fn pieces_are_escaped_as_their_string_is() {
        fn write(out: &mut impl Pieces) {
            out.push_static("s-");
            out.push_number(1924);
            out.push_text(" <\"Koba\"> & \u{fffe}");
        }
        let (mut direct, mut string) = (Html::new(), String::new());
        direct.raw("<a id=\"");
        write(&mut direct);
        direct.raw("\">");
        write(&mut string);
        let mut opened = Html::new();
        opened.open("a", &[("id", &string)]);
        assert_eq!(direct.finish(), opened.finish());
    }

    #[test]
    fn css_strings_cannot_end_the_string_or_the_style() {
        let mut html = Html::new();
        html.css_string("a \"b\" \\ c</style>\n'é");
        assert_eq!(
            html.finish(),
            "\"a \\22 b\\22  \\5c  c\\3c /style\\3e \\a 'é\""
        );
    }
}
