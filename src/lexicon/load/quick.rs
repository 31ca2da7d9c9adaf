//! The TOML that lexicon files are written in, read without a general
//! TOML parser: `[[entry]]` and `[[extend]]` headers, and under them one
//! `key = value` a line, where the value is a string, `true` or `false`,
//! or an array of strings on the one line; blank lines and comments.
//!
//! The `toml` crate's parse of a 10,000-entry lexicon (1 MB) was 182M
//! instructions, 6% of annotating a 20 MB dense corpus with it: it builds
//! a table of every value with its place before serde sees any of them.
//! This reader makes each table's values, borrowed from the text where a
//! string has no escape, and hands them to the same derived `Deserialize`
//! of [`Entry`] and [`Extension`] (so defaults, kinds and unknown keys are
//! decided where they always were), at about a tenth of the cost.
//!
//! It reads only what it is sure of: anything else (another kind of
//! value, a quoted or dotted key, a multi-line string or array, a key set
//! twice, a control character, an escape TOML 1.0 does not have, a field
//! serde refuses) makes it give up, and the file is parsed by `toml`,
//! which gives the result or the error it always gave. A property test
//! holds the two to the same result wherever this one gives one.

use std::borrow::Cow;

use serde::de::value::{Error, MapDeserializer, SeqDeserializer};
use serde::de::{Deserialize, Deserializer, IntoDeserializer, Visitor};

use super::Parsed;
use crate::lexicon::{Entry, Extension};

/// The `[[entry]]` and `[[extend]]` tables of `text`, each with the line
/// its header is on, if every line is of the kinds this reader knows and
/// every table deserializes; `None` if not.
pub(super) fn parse(text: &str) -> Option<Parsed> {
    let mut parsed = Parsed::default();
    // The table being read: its header and line; its fields, in a list
    // that every table reuses.
    let mut table: Option<(Header, usize)> = None;
    let mut fields: Vec<(&str, Value)> = Vec::new();
    for (index, line) in (1..).zip(lines(text)) {
        let content = trim_start(line);
        if is_blank(content) {
            continue;
        }
        let header = match trim_end(content) {
            "[[entry]]" => Some(Header::Entry),
            "[[extend]]" => Some(Header::Extend),
            _ => None,
        };
        if let Some(header) = header {
            if let Some(done) = table.replace((header, index)) {
                add(done, &mut fields, &mut parsed)?;
            }
            continue;
        }
        let (key, value) = key_value(content)?;
        if table.is_none() || fields.iter().any(|(k, _)| *k == key) {
            return None;
        }
        fields.push((key, value));
    }
    if let Some(done) = table {
        add(done, &mut fields, &mut parsed)?;
    }
    Some(parsed)
}

/// The lines of `text`, without their line breaks (`\n` or `\r\n`).
fn lines(text: &str) -> impl Iterator<Item = &str> {
    let mut start = 0;
    let ends = memchr::memchr_iter(b'\n', text.as_bytes()).chain([text.len()]);
    ends.map(move |end| {
        let line = &text[start..end];
        start = end + 1;
        line.strip_suffix('\r').unwrap_or(line)
    })
}

fn trim_start(text: &str) -> &str {
    let blank = text
        .bytes()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count();
    &text[blank..]
}

fn trim_end(text: &str) -> &str {
    let blank = text
        .bytes()
        .rev()
        .take_while(|&b| b == b' ' || b == b'\t')
        .count();
    &text[..text.len() - blank]
}

/// Which array of tables a header starts an element of.
#[derive(Clone, Copy)]
enum Header {
    Entry,
    Extend,
}

/// Deserializes the `fields` of a table of `header` that starts on
/// `line` into `parsed`'s entries or extensions, and empties them; `None`
/// if serde refuses them.
fn add(
    (header, line): (Header, usize),
    fields: &mut Vec<(&str, Value)>,
    parsed: &mut Parsed,
) -> Option<()> {
    let fields = MapDeserializer::<_, Error>::new(fields.drain(..));
    match header {
        Header::Entry => parsed
            .entries
            .push((Entry::deserialize(fields).ok()?, line)),
        Header::Extend => parsed
            .extensions
            .push((Extension::deserialize(fields).ok()?, line)),
    }
    Some(())
}

/// A value this reader knows.
#[derive(Debug, PartialEq)]
enum Value<'t> {
    Str(Cow<'t, str>),
    Bool(bool),
    Strings(Vec<Cow<'t, str>>),
}

/// Is the rest of a line (white space trimmed from its start) empty or a
/// comment? A comment with a control character other than a tab is
/// left to `toml`.
fn is_blank(rest: &str) -> bool {
    match rest.strip_prefix('#') {
        Some(comment) => !has_control(comment),
        None => trim_end(rest).is_empty(),
    }
}

/// Does `text` hold a character that TOML allows in no string or
/// comment ([`is_control`])? Every byte is looked at, without a branch.
fn has_control(text: &str) -> bool {
    text.bytes().fold(false, |seen, b| seen | is_control(b))
}

/// Is `b` a control character other than a tab?
fn is_control(b: u8) -> bool {
    (b < b' ' && b != b'\t') || b == 0x7f
}

/// `key = value` and nothing after it but white space or a comment.
fn key_value(line: &str) -> Option<(&str, Value<'_>)> {
    let key_len = line
        .bytes()
        .take_while(|&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        .count();
    let (key, rest) = line.split_at(key_len);
    let rest = trim_start(trim_start(rest).strip_prefix('=')?);
    let (value, rest) = match rest.as_bytes().first()? {
        b'[' => strings(&rest[1..])?,
        b't' => (Value::Bool(true), rest.strip_prefix("true")?),
        b'f' => (Value::Bool(false), rest.strip_prefix("false")?),
        _ => {
            let (string, rest) = string(rest)?;
            (Value::Str(string), rest)
        }
    };
    let rest = trim_start(rest);
    (!key.is_empty() && is_blank(rest)).then_some((key, value))
}

/// An array of strings on one line, from after its `[`, and what follows
/// its `]`.
fn strings(mut rest: &str) -> Option<(Value<'_>, &str)> {
    let mut items = Vec::new();
    loop {
        rest = trim_start(rest);
        if let Some(after) = rest.strip_prefix(']') {
            return Some((Value::Strings(items), after));
        }
        let (item, after) = string(rest)?;
        items.push(item);
        rest = trim_start(after);
        match rest.as_bytes().first()? {
            b',' => rest = &rest[1..],
            b']' => return Some((Value::Strings(items), &rest[1..])),
            _ => return None,
        }
    }
}

/// A basic (`"…"`) or literal (`'…'`) string at the start of `rest`, and
/// what follows it.
fn string(rest: &str) -> Option<(Cow<'_, str>, &str)> {
    match rest.as_bytes().first()? {
        b'"' => basic(&rest[1..]),
        b'\'' => {
            let end = memchr::memchr(b'\'', &rest.as_bytes()[1..])? + 1;
            let text = &rest[1..end];
            (!has_control(text)).then_some((Cow::Borrowed(text), &rest[end + 1..]))
        }
        _ => None,
    }
}

/// A basic string from after its opening quote: borrowed when it has no
/// escape.
fn basic(rest: &str) -> Option<(Cow<'_, str>, &str)> {
    let end = memchr::memchr2(b'"', b'\\', rest.as_bytes())?;
    if rest.as_bytes()[end] == b'"' {
        let text = &rest[..end];
        return (!has_control(text)).then_some((Cow::Borrowed(text), &rest[end + 1..]));
    }
    let mut text = String::new();
    let mut chars = rest.char_indices();
    while let Some((at, c)) = chars.next() {
        let escaped = match c {
            '"' => return Some((Cow::Owned(text), &rest[at + 1..])),
            '\\' => match chars.next()?.1 {
                'b' => '\u{8}',
                't' => '\t',
                'n' => '\n',
                'f' => '\u{c}',
                'r' => '\r',
                '"' => '"',
                '\\' => '\\',
                'u' => hex_char(&mut chars, 4)?,
                'U' => hex_char(&mut chars, 8)?,
                _ => return None,
            },
            c if u8::try_from(c).is_ok_and(is_control) => return None,
            c => c,
        };
        text.push(escaped);
    }
    None
}

/// The character of the next `digits` hexadecimal digits.
fn hex_char(chars: &mut std::str::CharIndices, digits: usize) -> Option<char> {
    let mut code = 0;
    for _ in 0..digits {
        code = code * 16 + chars.next()?.1.to_digit(16)?;
    }
    char::from_u32(code)
}

/// A value handed to the derived `Deserialize`s as `toml` hands its own:
/// a string, a bool or a sequence of strings; a string is also an enum's
/// unit variant ([`crate::lexicon::Kind`]) and a value an `Option`'s
/// `Some`.
impl<'de> Deserializer<'de> for Value<'_> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match self {
            Value::Str(text) => visitor.visit_string(text.into_owned()),
            Value::Bool(on) => visitor.visit_bool(on),
            Value::Strings(items) => {
                visitor.visit_seq(SeqDeserializer::new(items.into_iter().map(Cow::into_owned)))
            }
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_some(self)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self {
            Value::Str(text) => visitor.visit_enum(text.as_ref().into_deserializer()),
            other => other.deserialize_any(visitor),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf unit unit_struct newtype_struct seq tuple
        tuple_struct map struct identifier ignored_any
    }
}

impl<'t> IntoDeserializer<'_, Error> for Value<'t> {
    type Deserializer = Value<'t>;

    fn into_deserializer(self) -> Value<'t> {
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `toml`'s parse of the whole of `text`.
    fn parse_toml_whole(text: &str) -> Result<Parsed, Vec<crate::lexicon::LexiconError>> {
        super::super::parse_toml_in_pieces("q.toml", text, usize::MAX)
    }

    #[test]
    fn reads_the_usual_lexicon_lines() {
        let text = "# a lexicon\r\n\r\n[[entry]]\r\nid = \"nep\"   # the id\r\nname='New Economic Policy'\r\nkind = \"term\"\r\n\
                    aliases = [ \"NEP\", 'N.E.P.' , ]\r\ndefinition = \"Lenin\\u2019s \\\"retreat\\\"\\tof 1921.\"\r\nplural = false\r\n\
                    [[extend]]\r\nid = \"nep\"\r\nsee_also = []\r\n";
        let parsed = parse(text).expect("read");
        assert_eq!(parsed, parse_toml_whole(text).unwrap());
        let (entry, line) = &parsed.entries[0];
        assert_eq!(*line, 3);
        assert_eq!(entry.aliases, ["NEP", "N.E.P."]);
        assert_eq!(entry.definition, "Lenin\u{2019}s \"retreat\"\tof 1921.");
        assert!(!entry.plural);
        assert_eq!(parsed.extensions[0].1, 10);
    }

    /// What this reader does not know, or TOML forbids, is left to
    /// `toml` (which reads the valid ones, and reports the rest).
    #[test]
    fn gives_up_on_anything_else() {
        let entry = |line: &str| {
            format!("[[entry]]\nid = \"a\"\nname = \"A\"\nkind = \"term\"\ndefinition = \"D.\"\n{line}\n")
        };
        let valid = [
            "aliases = [\n  \"B\",\n]",
            "\"plural\" = false",
            "sort_as = \"\"\"B\"\"\"",
            "sort_as = '''B'''",
            "plural = false\n[[entry]]\nid = \"b\"\nname = \"B\"\nkind = \"term\"\ndefinition = \"\"\"D\"\"\"",
        ];
        for line in valid {
            let text = entry(line);
            assert_eq!(parse(&text), None, "{line}");
            assert!(parse_toml_whole(&text).is_ok(), "{line}");
        }
        let invalid = [
            "plural = false\nplural = true",
            "colour = \"red\"",
            "plural = \"yes\"",
            "aliases = \"B\"",
            "sort_as = \"a\u{1}b\"",
            "sort_as = \"a\\qb\"",
            "sort_as = \"\\uD800\"",
            "sort_as = \"B\" \"C\"",
            "sort_as = \"a\\\nb\"",
            "sort_as = \"B",
            "plural = trueish",
            "# a comment with a \u{7f}",
            "[entry]",
        ];
        for line in invalid {
            let text = entry(line);
            assert_eq!(parse(&text), None, "{line}");
            assert!(parse_toml_whole(&text).is_err(), "{line}");
        }
        assert_eq!(parse("id = \"top\"\n"), None);
        assert_eq!(
            parse(&entry("kind2 = \"person\"").replace("term", "thing")),
            None
        );
    }

    #[test]
    fn reads_the_builtin_lexicon_as_toml_does() {
        for (name, text) in crate::lexicon::BUILTIN {
            let quick = parse(text).unwrap_or_else(|| panic!("{name} read"));
            assert_eq!(Some(quick), parse_toml_whole(text).ok(), "{name}");
        }
    }

    proptest::proptest! {
        /// Wherever this reader gives a result, it is `toml`'s.
        #[test]
        fn agrees_with_toml(
            tables in proptest::collection::vec(
                (
                    proptest::bool::ANY,
                    proptest::collection::vec(
                        (
                            proptest::sample::select(vec![
                                "id", "name", "kind", "definition", "aliases", "plural",
                                "sort_as", "see_also", "surname_alone", "colour",
                            ]),
                            "( |\t)*=( |\t)*",
                            proptest::prop_oneof![
                                "\"[a-zé\"'\\\\# \t\u{1}]{0,6}\"",
                                "'[a-zé\"\\\\# \t]{0,6}'",
                                "\"(\\\\[bnt\"\\\\u]|[a-z]){0,4}\"",
                                "\"\\\\u00e9\"|\"\\\\U0001F600\"",
                                "true|false|yes",
                                "\\[( ?\"[a-z]{0,3}\" ?,?){0,3}\\]",
                                "\"(person|place|term|thing)\"",
                            ],
                            "( |\t)*(# [a-z\"]*)?",
                        ),
                        0..7,
                    ),
                ),
                0..4,
            ),
            preamble in "(# [a-z]*\n|\n| *\n)?",
        ) {
            let mut text = preamble;
            for (entry, fields) in &tables {
                text.push_str(if *entry { "[[entry]]\n" } else { "[[extend]]\n" });
                for (key, eq, value, after) in fields {
                    text.extend([*key, eq, value, after, "\n"]);
                }
            }
            if let Some(quick) = parse(&text) {
                proptest::prop_assert_eq!(Ok(quick), parse_toml_whole(&text).map_err(|_| ()));
            }
        }
    }
}
