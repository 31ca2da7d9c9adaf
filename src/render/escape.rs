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

/// Appends `text` to `out`, escaped by the rule of this module. The runs of
/// bytes that stay as they are are copied whole: most text has none to
/// escape, and a byte of such a run is passed over with one look-up.
pub(crate) fn escape_markup_into(out: &mut String, text: &str) {
    let bytes = text.as_bytes();
    let mut copied = 0;
    let mut at = 0;
    while at < bytes.len() {
        let byte = bytes[at];
        if !MAY_ESCAPE[usize::from(byte)] {
            at += 1;
            continue;
        }
        let with = match byte {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            0..=0x1f => "\u{fffd}",
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            _ if matches!(bytes.get(at + 1..at + 3), Some([0xbf, 0xbe | 0xbf])) => "\u{fffd}",
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&text[copied..at]);
        out.push_str(with);
        at += if byte == 0xef { 3 } else { 1 };
        copied = at;
    }
    out.push_str(&text[copied..]);
}

/// The bytes that may be escaped: `& < > " '`, the C0 controls but tab,
/// line feed and carriage return, and 0xEF, which starts U+FFFE and
/// U+FFFF.
static MAY_ESCAPE: [bool; 256] = {
    let mut may = [false; 256];
    let mut byte = 0;
    while byte < 0x20 {
        may[byte] = !matches!(byte as u8, b'\t' | b'\n' | b'\r');
        byte += 1;
    }
    may[b'&' as usize] = true;
    may[b'<' as usize] = true;
    may[b'>' as usize] = true;
    may[b'"' as usize] = true;
    may[b'\'' as usize] = true;
    may[0xef] = true;
    may
};

/// `text` escaped by the rule of this module.
pub(crate) fn escape_markup(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_markup_into(&mut out, text);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

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

    proptest! {
        #[test]
        fn each_character_is_escaped_alone(
            text in "[a&<>\"'\t\n\r\x00\x1f\x7fé\u{fffd}\u{fffe}\u{ffff}\u{effe}😀]{0,20}",
        ) {
            let one_at_a_time: String =
                text.chars().map(|c| escape_markup(c.encode_utf8(&mut [0; 4]))).collect();
            prop_assert_eq!(escape_markup(&text), one_at_a_time);
        }
    }
}
