//! Character references, `&name;`, `&#8217;` and `&#x41;`, as XML (the
//! word processor readers) and HTML (flashcard fields) write them: the one
//! decoder, with the names each format knows passed in.

/// `text` with its references resolved: numeric ones always, named ones
/// by `named` (which gets the name without `&` and `;`). A reference that
/// is not a character, an unknown name and a lone `&` are kept as written.
pub(crate) fn resolve_references(text: &str, named: fn(&str) -> Option<&'static str>) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let resolved = after
            .find(';')
            .filter(|&end| end <= LONGEST_NAME)
            .and_then(|end| Some((resolve_reference(&after[..end], named)?, end)));
        if let Some((text, end)) = resolved {
            out.push_str(&text);
            rest = &after[end + 1..];
        } else {
            out.push('&');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// The longest reference between `&` and `;` looked at (HTML's longest
/// name, `CounterClockwiseContourIntegral`, has 31 letters).
const LONGEST_NAME: usize = 32;

/// The text of the reference `&name;` (`name` given without `&` and `;`),
/// if it is one: numeric, or a name `named` knows.
pub(crate) fn resolve_reference(
    name: &str,
    named: fn(&str) -> Option<&'static str>,
) -> Option<String> {
    let code = match name.strip_prefix('#') {
        Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok(),
        Some(decimal) => decimal.parse().ok(),
        None => return named(name).map(str::to_string),
    };
    code.and_then(char::from_u32).map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;
    use quick_xml::escape::{resolve_html5_entity, resolve_xml_entity};

    #[test]
    fn references_are_resolved_and_the_rest_kept() {
        let text = "a &amp; b &#8217;s &#x41; &bogus; & c &#xD800; &#99999999999;";
        assert_eq!(
            resolve_references(text, resolve_xml_entity),
            "a & b ’s A &bogus; & c &#xD800; &#99999999999;"
        );
        assert_eq!(
            resolve_references("1878&nbsp;&ndash;&nbsp;1953 &nbsp", resolve_html5_entity),
            "1878\u{A0}–\u{A0}1953 &nbsp"
        );
        assert_eq!(resolve_references("&nbsp;", resolve_xml_entity), "&nbsp;");
    }
}
