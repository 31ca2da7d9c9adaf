//! Escaping text for the markup formats glossator writes: HTML (the
//! handouts and pages, and the `<a id>` anchors of the Markdown outputs)
//! and XML (TEI).
//!
//! One rule serves both, so a character that is safe in one page is safe
//! in every other: the five characters that can end text or an attribute
//! value (`& < > " '`) become character references, and the characters
//! XML 1.0 does not allow (C0 controls other than tab, line feed and
//! carriage return, and U+FFFE, U+FFFF) become U+FFFD. The result is safe
//! as element content and inside an attribute value quoted either way:
//! `<b class='x'>Lenin & "Koba"` becomes
//! `&lt;b class=&#39;x&#39;&gt;Lenin &amp; &quot;Koba&quot;`.

/// Appends `text` to `out`, escaped by the rule of this module.
pub(crate) fn escape_markup_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c < ' ' || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
}

/// `text` escaped by the rule of this module.
pub(crate) fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_markup_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ascii_character_is_itself_or_its_reference() {
        for byte in 0u8..0x80 {
            let c = char::from(byte);
            let expected = match c {
                '&' => "&amp;".to_string(),
                '<' => "&lt;".to_string(),
                '>' => "&gt;".to_string(),
                '"' => "&quot;".to_string(),
                '\'' => "&#39;".to_string(),
                '\t' | '\n' | '\r' => c.to_string(),
                c if c.is_ascii_control() && c != '\u{7f}' => "\u{fffd}".to_string(),
                c => c.to_string(),
            };
            assert_eq!(escape_markup(&c.to_string()), expected, "{byte:#x}");
        }
    }

    #[test]
    fn markup_becomes_text() {
        assert_eq!(
            escape_markup("<b class='x'>Lenin & \"Koba\"</b>"),
            "&lt;b class=&#39;x&#39;&gt;Lenin &amp; &quot;Koba&quot;&lt;/b&gt;"
        );
    }

    #[test]
    fn non_characters_are_replaced_and_the_rest_kept() {
        assert_eq!(
            escape_markup("\u{fffe}Ленин\u{ffff}’"),
            "\u{fffd}Ленин\u{fffd}’"
        );
    }
}
