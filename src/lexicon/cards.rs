//! Flashcard exports as lexicon sources: the text files Anki and Quizlet
//! export and spreadsheets save, one card a record, read as Anki reads
//! them (its manual's "Importing text files", and its own importer).
//!
//! * Header lines at the top, `#key:value` (after an optional old-style
//!   `tags:` line): `#separator:` (`Tab`, `Comma`, `Semicolon`, `Space`,
//!   `Pipe`, `Colon` or the character itself), `#html:true|false`,
//!   `#columns:` (the columns' names), and `#guid column:N`,
//!   `#notetype column:N`, `#deck column:N`, `#tags column:N` (1-based),
//!   whose columns hold no card text. Other `#` lines are comments.
//! * Fields are separated by the separator (a tab unless the file says
//!   otherwise; a comma in a `.csv` file), records by line breaks. A field
//!   that starts with `"` is quoted, CSV style: it may hold separators and
//!   line breaks, and `""` in it is one `"`. A quote that is never closed
//!   is kept as text.
//! * The card's term is the first column that holds card text, its
//!   definition the next, unless names say otherwise: `#columns:`, or a
//!   first row that only names columns (`Term<TAB>Definition`,
//!   `Front<TAB>Back`), which is not a card.
//! * A column named `kind` (or `type`, `category`) holds the card's kind,
//!   and a tag named after a kind (`person`, `place`, or `kind::person`)
//!   gives it: the tags of `#tags:`, of the old `tags:` line and of the
//!   `#tags column:` (or a column named `tags`). Without either, the kind
//!   is inferred from the card (see [`super::kinds`]).
//! * With `#html:true`, or with no `#html:` line when some field has a tag
//!   or a character reference (Anki's own guess), fields are HTML and
//!   become plain text (see [`super::html`]); either way white space is
//!   collapsed.
//!
//! Errors name the file and the line the card starts on.

use super::{html, Kind, LexiconError};

/// One card of an export: what a lexicon entry is made from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Card {
    pub term: String,
    pub definition: String,
    /// The kind the card's kind column or tags give, if any.
    pub kind: Option<Kind>,
    /// The 1-based line the card's record starts on.
    pub line: usize,
}

/// Reads the cards of an export. `name` is used in errors, and its
/// extension chooses the separator when the file does not (`.csv`: a
/// comma, else a tab).
pub(super) fn parse(name: &str, text: &str) -> Result<Vec<Card>, Vec<LexiconError>> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let default_separator = match name.to_ascii_lowercase().ends_with(".csv") {
        true => ',',
        false => '\t',
    };
    let (header, body_at, body_line) = Header::read(text, default_separator);
    let mut records = records(&text[body_at..], body_line, header.separator);
    let names = match &header.columns {
        Some(line) => Some(split_line(line, header.separator)),
        None => records
            .first()
            .filter(|first| names_columns(&first.fields))
            .map(|first| first.fields.clone()),
    };
    if header.columns.is_none() && names.is_some() {
        records.remove(0);
    }
    let columns = Columns::new(&header, names.as_deref());
    let is_html = header.html.unwrap_or_else(|| {
        records.iter().any(|record| {
            [columns.term, columns.definition]
                .iter()
                .filter_map(|&at| record.fields.get(at))
                .any(|field| html::looks_like_html(field))
        })
    });
    let clean = |field: &str| match is_html {
        true => html::to_text(field),
        false => html::collapse_white_space(field),
    };
    let mut cards = Vec::new();
    let mut errors = Vec::new();
    for record in records {
        let error = |message: String| LexiconError::new(name, Some(record.line), message);
        let (Some(term), Some(definition)) = (
            record.fields.get(columns.term),
            record.fields.get(columns.definition),
        ) else {
            errors.push(error(columns.expected(header.separator)));
            continue;
        };
        let kind = match columns.kind.and_then(|at| record.fields.get(at)) {
            Some(value) if !value.trim().is_empty() => {
                if let Some(kind) = Kind::named(value.trim()) {
                    Some(kind)
                } else {
                    errors.push(error(format!(
                        "unknown kind `{}` (expected person, place, org, event or term)",
                        value.trim()
                    )));
                    continue;
                }
            }
            _ => {
                let card_tags = tags_of(columns.tags.and_then(|at| record.fields.get(at)));
                kind_of_tags(card_tags.chain(header.tags.iter().map(String::as_str)))
            }
        };
        let term = clean(term);
        if term.is_empty() {
            errors.push(error(format!(
                "the card's term (column {}) is empty",
                columns.term + 1
            )));
            continue;
        }
        cards.push(Card {
            term,
            definition: clean(definition),
            kind,
            line: record.line,
        });
    }
    if errors.is_empty() {
        Ok(cards)
    } else {
        Err(errors)
    }
}

/// What the header lines of an export say.
#[derive(Debug)]
struct Header {
    separator: char,
    /// `#html:`, if given.
    html: Option<bool>,
    /// The `#columns:` line, split once the separator is known.
    columns: Option<String>,
    /// 0-based columns that hold no card text (GUID, note type, deck, tags).
    meta: Vec<usize>,
    /// The 0-based `#tags column:`.
    tags_column: Option<usize>,
    /// Tags of every card (`#tags:`, or an old-style `tags:` first line).
    tags: Vec<String>,
}

impl Header {
    /// Reads the header lines at the top of `text`; returns them with the
    /// byte offset and 1-based line number where the records start.
    fn read(text: &str, default_separator: char) -> (Header, usize, usize) {
        let mut header = Header {
            separator: default_separator,
            html: None,
            columns: None,
            meta: Vec::new(),
            tags_column: None,
            tags: Vec::new(),
        };
        let (mut at, mut line) = (0, 1);
        for (i, raw) in text.split_inclusive('\n').enumerate() {
            let content = raw.trim_end_matches(['\n', '\r']);
            if let Some(tags) = content.strip_prefix("tags:").filter(|_| i == 0) {
                header.tags = tags.split_whitespace().map(str::to_string).collect();
            } else if let Some(meta) = content.strip_prefix('#') {
                if let Some((key, value)) = meta.split_once(':') {
                    header.set(key, value);
                }
            } else {
                break;
            }
            at += raw.len();
            line += 1;
        }
        (header, at, line)
    }

    /// Takes one `#key:value` line; unknown keys and values are ignored,
    /// as Anki ignores them.
    fn set(&mut self, key: &str, value: &str) {
        let column = || {
            value
                .trim()
                .parse::<usize>()
                .ok()
                .and_then(|n| n.checked_sub(1))
        };
        match key.trim().to_ascii_lowercase().as_str() {
            "separator" => {
                if let Some(separator) = separator(value) {
                    self.separator = separator;
                }
            }
            "html" => match value.trim().to_ascii_lowercase().as_str() {
                "true" => self.html = Some(true),
                "false" => self.html = Some(false),
                _ => {}
            },
            "columns" => self.columns = Some(value.to_string()),
            "tags" => self.tags = value.split_whitespace().map(str::to_string).collect(),
            "guid column" | "notetype column" | "deck column" => self.meta.extend(column()),
            "tags column" => {
                self.meta.extend(column());
                self.tags_column = column();
            }
            _ => {}
        }
    }
}

/// The separator a `#separator:` value names.
fn separator(value: &str) -> Option<char> {
    let named = match value.trim().to_ascii_lowercase().as_str() {
        "tab" => Some('\t'),
        "comma" => Some(','),
        "semicolon" => Some(';'),
        "space" => Some(' '),
        "pipe" => Some('|'),
        "colon" => Some(':'),
        _ => None,
    };
    let mut chars = value.chars();
    let literal = match (chars.next(), chars.next()) {
        (Some(c), None) if c != '"' && c != '\n' => Some(c),
        _ => None,
    };
    named.or(literal)
}

/// Which columns hold a card's term, definition, kind and tags.
#[derive(Debug)]
struct Columns {
    term: usize,
    definition: usize,
    kind: Option<usize>,
    tags: Option<usize>,
    /// Whether they are the first two (for the error message).
    plain: bool,
}

impl Columns {
    /// By name where the columns are named, else the first two columns that
    /// are not header columns, skipping named columns of another role.
    fn new(header: &Header, names: Option<&[String]>) -> Columns {
        let role = |at: usize| names.and_then(|names| names.get(at)).map(|n| role(n));
        let named = |wanted: Role| {
            (0..names.map_or(0, <[String]>::len))
                .find(|&at| role(at) == Some(wanted) && !header.meta.contains(&at))
        };
        let mut free = (0..).filter(|at| {
            !header.meta.contains(at) && matches!(role(*at), None | Some(Role::Unknown))
        });
        let term = named(Role::Term).or_else(|| free.next()).unwrap_or(0);
        let definition = named(Role::Definition)
            .or_else(|| free.find(|&at| at != term))
            .unwrap_or(term + 1);
        Columns {
            term,
            definition,
            kind: named(Role::Kind),
            tags: header.tags_column.or_else(|| named(Role::Tags)),
            plain: term == 0 && definition == 1,
        }
    }

    /// The error for a record without the term or definition column.
    fn expected(&self, separator: char) -> String {
        if self.plain {
            let separator = match separator {
                '\t' => "<TAB>".to_string(),
                c => c.to_string(),
            };
            format!("expected term{separator}definition")
        } else {
            format!(
                "expected a term in column {} and a definition in column {}",
                self.term + 1,
                self.definition + 1
            )
        }
    }
}

/// What a named column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Role {
    Term,
    Definition,
    Kind,
    Tags,
    /// A GUID, a note type or a deck: not card text.
    Meta,
    Unknown,
}

/// The role of a column by its name, as spreadsheets, Quizlet and Anki's
/// note types name them.
fn role(name: &str) -> Role {
    match name.trim().to_lowercase().as_str() {
        "term" | "front" | "word" | "question" | "name" | "concept" => Role::Term,
        "definition" | "back" | "meaning" | "answer" | "description" => Role::Definition,
        "kind" | "type" | "category" => Role::Kind,
        "tags" => Role::Tags,
        "guid" | "notetype" | "note type" | "deck" => Role::Meta,
        _ => Role::Unknown,
    }
}

/// The tags of a tags field (separated by spaces, as Anki writes them).
fn tags_of(field: Option<&String>) -> impl Iterator<Item = &str> {
    field.into_iter().flat_map(|field| field.split_whitespace())
}

/// The kind the first tag named after a kind gives (`person`, or the last
/// part of a hierarchical tag, `kind::person`).
fn kind_of_tags<'t>(mut tags: impl Iterator<Item = &'t str>) -> Option<Kind> {
    tags.find_map(|tag| Kind::named(tag.rsplit("::").next().unwrap_or(tag)))
}

/// Whether a record only names columns: each field a known column name,
/// one of them the term's and one the definition's.
fn names_columns(fields: &[String]) -> bool {
    let roles: Vec<Role> = fields.iter().map(|f| role(f)).collect();
    !roles.contains(&Role::Unknown)
        && roles.contains(&Role::Term)
        && roles.contains(&Role::Definition)
}

/// One record of an export: its fields and the line it starts on.
#[derive(Debug)]
struct Record {
    line: usize,
    fields: Vec<String>,
}

/// The records of `body`, whose first line is line `line`: blank lines,
/// records of empty fields and lines starting with `#` are skipped.
fn records(body: &str, mut line: usize, separator: char) -> Vec<Record> {
    let mut records = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        let first_line_end = rest.find('\n').map_or(rest.len(), |at| at + 1);
        let first_line = rest[..first_line_end].trim_end_matches(['\n', '\r']);
        if first_line.starts_with('#') || first_line.trim().is_empty() {
            rest = &rest[first_line_end..];
            line += 1;
            continue;
        }
        let start_line = line;
        let mut fields = Vec::new();
        loop {
            let (field, used) = field(rest, separator);
            line += rest[..used].matches('\n').count();
            fields.push(field);
            rest = &rest[used..];
            match rest.chars().next() {
                Some(c) if c == separator => rest = &rest[c.len_utf8()..],
                Some(_) => {
                    // The line break.
                    rest = &rest[1..];
                    line += 1;
                    break;
                }
                None => break,
            }
        }
        if fields.iter().any(|field| !field.trim().is_empty()) {
            records.push(Record {
                line: start_line,
                fields,
            });
        }
    }
    records
}

/// The fields of a single line (a `#columns:` value).
fn split_line(line: &str, separator: char) -> Vec<String> {
    records(line, 1, separator)
        .into_iter()
        .next()
        .map_or_else(Vec::new, |record| record.fields)
}

/// The field at the start of `text`, and how many bytes it takes (up to
/// the separator or line break after it, or the end).
fn field(text: &str, separator: char) -> (String, usize) {
    let ends_field = |c: char| c == separator || c == '\n';
    if let Some(quoted) = text.strip_prefix('"') {
        if let Some((mut value, used)) = unquote(quoted) {
            let after = &quoted[used..];
            let tail = after.find(ends_field).unwrap_or(after.len());
            value.push_str(after[..tail].trim_end_matches('\r'));
            return (value, 1 + used + tail);
        }
    }
    let end = text.find(ends_field).unwrap_or(text.len());
    (text[..end].trim_end_matches('\r').to_string(), end)
}

/// The text of a quoted field (after its opening `"`) and the bytes up to
/// and including its closing `"`, or `None` if it is never closed.
fn unquote(quoted: &str) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut rest = quoted;
    loop {
        let at = rest.find('"')?;
        value.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('"') {
            value.push('"');
            rest = after;
        } else {
            let used = quoted.len() - rest.len();
            return Some((value.replace("\r\n", "\n"), used));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cards(name: &str, text: &str) -> Vec<(String, String, usize)> {
        parse(name, text)
            .unwrap_or_else(|errors| panic!("{errors:?}"))
            .into_iter()
            .map(|card| (card.term, card.definition, card.line))
            .collect()
    }

    fn card(term: &str, definition: &str, line: usize) -> (String, String, usize) {
        (term.to_string(), definition.to_string(), line)
    }

    #[test]
    fn quoted_fields_hold_separators_quotes_and_line_breaks() {
        let text = "\"Gosplan\"\t\"Planning; wrote \"\"control figures\"\"\tyearly\"\n\
                    Smychka\t\"The alliance\r\nof workers\"\n\
                    \"Dizzy\" article\tStalin, 1930\n\
                    Kirov\tmurdered \"1934\"\n";
        assert_eq!(
            cards("c.tsv", text),
            [
                card("Gosplan", "Planning; wrote \"control figures\" yearly", 1),
                card("Smychka", "The alliance of workers", 2),
                card("Dizzy article", "Stalin, 1930", 4),
                card("Kirov", "murdered \"1934\"", 5),
            ]
        );
    }

    #[test]
    fn a_quote_never_closed_is_text() {
        assert_eq!(
            cards("c.tsv", "\"Kulak\tA peasant\nNEP\tA policy\n"),
            [card("\"Kulak", "A peasant", 1), card("NEP", "A policy", 2)]
        );
    }

    #[test]
    fn headers_choose_separator_html_and_columns() {
        let text = "#separator:Semicolon\n#html:true\n#guid column:1\n#deck column:2\n\
                    abc;Deck;<b>kulak</b>;\"A &amp; B\"\n# a comment\n\nx;D;Sta<i>lin</i>;Leader\n";
        assert_eq!(
            cards("c.txt", text),
            [card("kulak", "A & B", 5), card("Stalin", "Leader", 8)]
        );
        let literal = "#separator:|\n#html:false\nkulak|<b>A</b> peasant\n";
        assert_eq!(
            cards("c.txt", literal),
            [card("kulak", "<b>A</b> peasant", 3)]
        );
    }

    #[test]
    fn html_is_guessed_without_a_header() {
        assert_eq!(
            cards("c.tsv", "kulak\tA&nbsp;peasant\nNEP\ta < b\n"),
            [card("kulak", "A peasant", 1), card("NEP", "a < b", 2)]
        );
        assert_eq!(
            cards("c.tsv", "NEP\ta < b, and c > d\n"),
            [card("NEP", "a < b, and c > d", 1)]
        );
    }

    #[test]
    fn a_row_of_column_names_is_not_a_card() {
        assert_eq!(
            cards("c.tsv", "\u{FEFF}Term\tDefinition\r\nkulak\tpeasant\r\n"),
            [card("kulak", "peasant", 2)]
        );
        assert_eq!(
            cards("c.csv", "Back,Front\npeasant,kulak\n"),
            [card("kulak", "peasant", 2)]
        );
        assert_eq!(
            cards("c.tsv", "Term\tA card about the word\n"),
            [card("Term", "A card about the word", 1)]
        );
        let named =
            "#separator:tab\n#columns:Tags\tBack\tFront\n#tags column:1\nx\tpeasant\tkulak\n";
        assert_eq!(cards("c.txt", named), [card("kulak", "peasant", 4)]);
    }

    #[test]
    fn a_kind_column_or_a_kind_tag_gives_the_kind() {
        let kinds = |name: &str, text: &str| -> Vec<(String, Option<Kind>)> {
            let cards = parse(name, text).unwrap_or_else(|errors| panic!("{errors:?}"));
            cards
                .into_iter()
                .map(|card| (card.term, card.kind))
                .collect()
        };
        let column = "Term\tKind\tDefinition\nKirov\tPerson\tBoss\nBaikal\t\tA lake\n";
        assert_eq!(
            kinds("c.tsv", column),
            [
                ("Kirov".to_string(), Some(Kind::Person)),
                ("Baikal".to_string(), None)
            ]
        );
        let tags = "#separator:tab\n#tags column:3\nKirov\tBoss\thistory kind::person\n\
                    Baikal\tA lake\tPLACE\nNEP\tA policy\t\n";
        assert_eq!(
            kinds("c.txt", tags),
            [
                ("Kirov".to_string(), Some(Kind::Person)),
                ("Baikal".to_string(), Some(Kind::Place)),
                ("NEP".to_string(), None)
            ]
        );
        let global = "tags:ussr org\nGosplan\tPlanners\tx\n";
        assert_eq!(
            kinds("c.tsv", global),
            [("Gosplan".to_string(), Some(Kind::Org))]
        );
        let errors = parse("c.tsv", "Term\tDefinition\tKind\nKirov\tBoss\tleader\n").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "c.tsv:2: unknown kind `leader` (expected person, place, org, event or term)"
        );
    }

    #[test]
    fn errors_name_the_line_the_card_starts_on() {
        let errors = parse("c.tsv", "kulak\tok\n\"two\nlines\"\nonly\n\t\n").unwrap_err();
        let messages: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            messages,
            [
                "c.tsv:2: expected term<TAB>definition",
                "c.tsv:4: expected term<TAB>definition",
            ]
        );
        let errors = parse("c.txt", "#guid column:1\ng\t\tdefinition\n").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "c.txt:2: the card's term (column 2) is empty"
        );
        let errors = parse("c.txt", "#guid column:1\ng\tkulak\n").unwrap_err();
        assert_eq!(
            errors[0].to_string(),
            "c.txt:2: expected a term in column 2 and a definition in column 3"
        );
    }
}
