//! A small layer over quick-xml for the word processor readers: each
//! event reduced to what they look at (a tag's name and attributes, or
//! text with its references resolved), and subtrees skipped whole.

use quick_xml::escape::resolve_xml_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

use crate::text::{resolve_reference, resolve_references};

/// One XML event, as the readers see it.
pub(super) enum Item<'x> {
    /// An opening tag (`empty`: `<x/>`, with no end to come).
    Open { tag: BytesStart<'x>, empty: bool },
    /// A closing tag, by its qualified name.
    Close(String),
    /// Character data, references resolved.
    Text(String),
}

/// The events of `xml`, in order; a malformed document ends with an error
/// naming `part`.
pub(super) struct Items<'x> {
    reader: Reader<&'x [u8]>,
    part: &'x str,
}

impl<'x> Items<'x> {
    pub(super) fn new(xml: &'x str, part: &'x str) -> Items<'x> {
        Items {
            reader: Reader::from_str(xml),
            part,
        }
    }

    /// The next event, or `None` at the end.
    pub(super) fn next_item(&mut self) -> Result<Option<Item<'x>>, String> {
        loop {
            let event = self
                .reader
                .read_event()
                .map_err(|err| format!("{}: malformed XML: {err}", self.part))?;
            return Ok(Some(match event {
                Event::Start(tag) => Item::Open { tag, empty: false },
                Event::Empty(tag) => Item::Open { tag, empty: true },
                Event::End(tag) => Item::Close(tag.name().into_inner().to_string()),
                Event::Text(text) => Item::Text(unescape(&text)),
                Event::CData(text) => Item::Text(text.to_string()),
                Event::GeneralRef(name) => Item::Text(reference(&name)),
                Event::Eof => return Ok(None),
                _ => continue,
            }));
        }
    }

    /// Skips to the end of the element just opened (not an empty one).
    pub(super) fn skip(&mut self) -> Result<(), String> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.next_item()? {
                Some(Item::Open { empty: false, .. }) => depth += 1,
                Some(Item::Close(_)) => depth -= 1,
                Some(_) => {}
                None => return Ok(()),
            }
        }
        Ok(())
    }
}

/// The qualified name of `tag` (`w:p`).
pub(super) fn tag_name<'a>(tag: &'a BytesStart) -> &'a str {
    tag.name().into_inner()
}

/// The value of attribute `name` (qualified) of `tag`, unescaped.
pub(super) fn attribute(tag: &BytesStart, name: &str) -> Option<String> {
    tag.attributes()
        .flatten()
        .find(|a| a.key.into_inner() == name)
        .map(|a| unescape(&a.value))
}

/// `text` with XML references resolved (unknown ones kept as written).
fn unescape(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    resolve_references(text, resolve_xml_entity)
}

/// The text of the reference `&name;` (kept as written if unknown).
fn reference(name: &str) -> String {
    resolve_reference(name, resolve_xml_entity).unwrap_or_else(|| format!("&{name};"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_are_resolved() {
        assert_eq!(
            unescape("a &amp; b &#8217;s &#x41; &bogus; & c"),
            "a & b ’s A &bogus; & c"
        );
    }
}
