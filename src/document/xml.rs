//! A small layer over quick-xml for the word processor readers: each
//! event reduced to what they look at (a tag's name and attributes, or
//! text with its references resolved), and subtrees skipped whole.

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;

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
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        match after.find(';') {
            Some(end) if end <= 10 => {
                out.push_str(&reference(&after[..end]));
                rest = &after[end + 1..];
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of the reference `&name;`.
fn reference(name: &str) -> String {
    let code = match name.strip_prefix('#') {
        Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok(),
        Some(decimal) => decimal.parse().ok(),
        None => None,
    };
    if let Some(c) = code.and_then(char::from_u32) {
        return c.to_string();
    }
    match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        _ => return format!("&{name};"),
    }
    .to_string()
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
