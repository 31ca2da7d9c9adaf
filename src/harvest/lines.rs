//! The one-line patterns: `Term – definition`, `Term: definition`, `Term
//! = definition`, `Term → definition`, `**Term** definition`, `Term
//! (definition)` and `definition (Term)`.

use super::shape::{definition, term, Trust, BOXED_WORDS, MAX_TERM_BYTES};
use super::units::Unit;
use super::{found, Definition, Pattern, Use};

/// Adds the one-line definitions of every unit not taken by another
/// pattern.
pub(super) fn one_line(units: &[Unit], uses: &[Use], out: &mut Vec<Definition>) {
    for (i, unit) in units.iter().enumerate() {
        if uses[i] == Use::Taken {
            continue;
        }
        if let Some((term, def, pattern)) = split(unit, Trust::Strict) {
            out.push(found(units, (i, i), term, def, pattern));
        }
    }
}

/// The separators of `Term SEP definition`, with their patterns. A colon
/// may have a space before it (`Step 1 : …`); the others have spaces on
/// both sides, but for the arrows.
const SEPARATORS: [(&str, Pattern); 9] = [
    (" – ", Pattern::Dash),
    (" — ", Pattern::Dash),
    (" - ", Pattern::Dash),
    (" -- ", Pattern::Dash),
    (": ", Pattern::Colon),
    (" = ", Pattern::Equals),
    ("→", Pattern::Arrow),
    ("->", Pattern::Arrow),
    ("=>", Pattern::Arrow),
];

/// The term, definition and pattern of a unit that is one of this module's
/// patterns.
pub(super) fn split(unit: &Unit, trust: Trust) -> Option<(String, String, Pattern)> {
    let text = unit.text.as_str();
    if let Some(found) = separated(text, trust) {
        return Some(found);
    }
    if let Some(bold) = unit.bold.as_deref().filter(|_| !unit.all_bold()) {
        let rest = text.strip_prefix(bold)?;
        let term = term(bold)?;
        let def = definition(rest, &term, trust)?;
        return Some((term, def, Pattern::Bold));
    }
    parenthesised(text, trust)
}

/// `Term SEP definition`, split at the first separator.
fn separated(text: &str, trust: Trust) -> Option<(String, String, Pattern)> {
    // A term is short: the separator is near the start, if anywhere.
    let mut reach = text.len().min(MAX_TERM_BYTES + 8);
    while !text.is_char_boundary(reach) {
        reach -= 1;
    }
    let (at, sep, pattern) = first_separator(&text[..reach])?;
    let rest = &text[at + sep.len()..];
    // `A → B → C` is a chain of causes, not a definition.
    if pattern == Pattern::Arrow && ["→", "->", "=>"].iter().any(|a| rest.contains(a)) {
        return None;
    }
    let term = term(&text[..at])?;
    let def = definition(rest, &term, trust)?;
    Some((term, def, pattern))
}

/// The first separator in `head` (the longest, if two start at one byte),
/// with where it starts and its pattern: one pass over the bytes, looking
/// closer only at a byte a separator starts with.
fn first_separator(head: &str) -> Option<(usize, &'static str, Pattern)> {
    let bytes = head.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &b)| SEPARATOR_STARTS.contains(&b))
        .find_map(|(at, _)| {
            SEPARATORS
                .iter()
                .filter(|(sep, _)| bytes[at..].starts_with(sep.as_bytes()))
                .max_by_key(|(sep, _)| sep.len())
                .map(|&(sep, pattern)| (at, sep, pattern))
        })
}

/// The first bytes of the [`SEPARATORS`] (`→` starts with 0xE2).
const SEPARATOR_STARTS: [u8; 5] = [b' ', b':', b'-', b'=', 0xE2];

/// `Term (definition)` or `definition (Term)`, the whole line.
fn parenthesised(text: &str, trust: Trust) -> Option<(String, String, Pattern)> {
    // A term and a definition of at most `BOXED_WORDS` words.
    if text.len() > MAX_TERM_BYTES + BOXED_WORDS * 16 {
        return None;
    }
    let text = text.trim_end_matches(['.', ';', ',']);
    let inner_start = text.strip_suffix(')')?.rfind('(')?;
    let outer = text[..inner_start].trim();
    let inner = text[inner_start + 1..text.len() - 1].trim();
    if outer.contains(['(', ')']) || inner.contains(['(', ')']) {
        return None;
    }
    let words = |s: &str| s.split_whitespace().count();
    // `New Economic Policy (NEP)`, `a rich peasant (kulak)`.
    let expands = is_acronym_of(inner, outer)
        || (["a ", "an ", "A ", "An "]
            .iter()
            .any(|a| outer.starts_with(a))
            && words(outer) > words(inner));
    if expands {
        let term = term(inner)?;
        let def = definition(outer, &term, trust)?;
        return Some((term, def, Pattern::TermInParentheses));
    }
    // `the Politburo (the party's inner cabinet)`.
    if words(inner) > words(outer) || inner.starts_with(char::is_lowercase) {
        let term = term(outer)?;
        let def = definition(inner, &term, trust)?;
        return Some((term, def, Pattern::TermFirst));
    }
    None
}

/// Is `short` the initials of `long`'s capitalised words (`NEP`, `New
/// Economic Policy`; `CPSU`, `Communist Party of the Soviet Union`)?
fn is_acronym_of(short: &str, long: &str) -> bool {
    let initials: String = long
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_uppercase())
        .collect();
    short.chars().count() >= 2
        && short
            .chars()
            .all(|c| c.is_uppercase() || c.is_ascii_digit())
        && initials == short
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{BlockKind, SourcePlace};

    fn unit(text: &str, bold: Option<&str>) -> Unit {
        Unit {
            text: text.into(),
            range: 0..text.len(),
            place: SourcePlace::Line(1),
            kind: BlockKind::Paragraph,
            first: true,
            hard: false,
            bold: bold.map(Into::into),
        }
    }

    fn got(text: &str) -> Option<(String, String, Pattern)> {
        split(&unit(text, None), Trust::Strict)
    }

    fn want(term: &str, def: &str, pattern: Pattern) -> Option<(String, String, Pattern)> {
        Some((term.into(), def.into(), pattern))
    }

    #[test]
    fn separators() {
        assert_eq!(
            got("NEP = New Economic Policy"),
            want("NEP", "New Economic Policy", Pattern::Equals)
        );
        assert_eq!(
            got("Kulak – a rich peasant"),
            want("Kulak", "a rich peasant", Pattern::Dash)
        );
        assert_eq!(
            got("Kulak - a rich peasant"),
            want("Kulak", "a rich peasant", Pattern::Dash)
        );
        assert_eq!(
            got("Gosplan: the state planning agency"),
            want("Gosplan", "the state planning agency", Pattern::Colon)
        );
        assert_eq!(
            got("Cheka → the secret police of the Bolsheviks"),
            want(
                "Cheka",
                "the secret police of the Bolsheviks",
                Pattern::Arrow
            )
        );
    }

    #[test]
    fn every_separator_starts_with_a_byte_the_scan_looks_at() {
        for (sep, _) in SEPARATORS {
            assert!(SEPARATOR_STARTS.contains(&sep.as_bytes()[0]), "{sep}");
        }
        assert_eq!(
            first_separator("A -- b - c"),
            Some((1, " -- ", Pattern::Dash))
        );
    }

    #[test]
    fn chains_and_sentences_with_colons_are_not_definitions() {
        assert_eq!(got("Famine → unrest → revolt"), None);
        assert_eq!(got("His main criticism read: 'remove him'"), None);
        assert_eq!(got("Stalin had one aim: power over the party"), None);
        assert_eq!(got("Death of Lenin: 21 January 1924"), None);
        assert_eq!(got("Leon Trotsky - left"), None);
        assert_eq!(got("Unit 1: How did Stalin rule?"), None);
    }

    #[test]
    fn bold_term_then_definition() {
        let u = unit("Kulak a rich peasant", Some("Kulak"));
        assert_eq!(
            split(&u, Trust::Strict),
            want("Kulak", "a rich peasant", Pattern::Bold)
        );
        let u = unit("Stalin was feared by many.", Some("Stalin"));
        assert_eq!(split(&u, Trust::Strict), None);
    }

    #[test]
    fn parentheses() {
        assert_eq!(
            got("the Politburo (the party's inner cabinet)"),
            want("Politburo", "the party's inner cabinet", Pattern::TermFirst)
        );
        assert_eq!(
            got("New Economic Policy (NEP)"),
            want("NEP", "New Economic Policy", Pattern::TermInParentheses)
        );
        assert_eq!(
            got("a rich peasant (kulak)"),
            want("kulak", "a rich peasant", Pattern::TermInParentheses)
        );
        assert_eq!(got("People's Commissar for Nationalities (1917)"), None);
        assert_eq!(got("Stalin's Victory (1924-1928)"), None);
        assert_eq!(got("Chairman of Sovnarkom (Lenin)"), None);
        assert_eq!(got("He was angry (very angry)"), None);
    }
}
