//! Reading lexicon sources: TOML files, `term<TAB>definition` files, folders.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{cards, kinds, Entry, Extension, LexiconError};
use crate::input::{read_file, MAX_INPUT_BYTES};
use crate::slug::slug;
use crate::text::{decode_strict, DecodeError};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    entry: Vec<Spanned<Entry>>,
    #[serde(default)]
    extend: Vec<Spanned<Extension>>,
}

/// What a TOML file holds: its `[[entry]]` and its `[[extend]]` tables,
/// each with the line it starts on.
#[derive(Debug, Default, PartialEq)]
pub(super) struct Parsed {
    pub(super) entries: Vec<(Entry, usize)>,
    pub(super) extensions: Vec<(Extension, usize)>,
}

impl Parsed {
    fn append(mut self, more: Parsed) -> Parsed {
        self.entries.extend(more.entries);
        self.extensions.extend(more.extensions);
        self
    }
}

/// The formats of lexicon sources, told apart by file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Format {
    /// The TOML format: `.toml`.
    Toml,
    /// A flashcard export (see [`super::cards`]): `.tsv` and `.csv`, and
    /// `.txt` (Anki's name for its exports) when the file is named itself
    /// (`in_folders` is false: a folder's `.txt` files are not read).
    Cards { in_folders: bool },
}

impl Format {
    /// The format `name`'s extension (in any case) says, if any.
    pub(super) fn of(name: &str) -> Option<Format> {
        let extension = Path::new(name).extension()?.to_str()?.to_ascii_lowercase();
        match extension.as_str() {
            "toml" => Some(Format::Toml),
            "tsv" | "csv" => Some(Format::Cards { in_folders: true }),
            "txt" => Some(Format::Cards { in_folders: false }),
            _ => None,
        }
    }
}

/// Reads a lexicon file, or every `.toml`, `.tsv` and `.csv` file under a
/// folder, as `(name, text)` pairs in sorted order.
pub(super) fn read_path(path: &Path) -> Result<Vec<(String, String)>, LexiconError> {
    let name = path.display().to_string();
    if !path.is_dir() {
        return Ok(vec![(name, read_text(path)?)]);
    }
    let mut files = Vec::new();
    for item in walkdir::WalkDir::new(path).sort_by_file_name() {
        let item = item.map_err(|err| LexiconError::new(&name, None, err.to_string()))?;
        let in_folder = matches!(
            Format::of(&item.path().display().to_string()),
            Some(Format::Toml | Format::Cards { in_folders: true })
        );
        if item.file_type().is_file() && in_folder {
            let text = read_text(item.path())?;
            files.push((item.path().display().to_string(), text));
        }
    }
    if files.is_empty() {
        return Err(LexiconError::new(
            &name,
            None,
            "folder holds no .toml, .tsv or .csv lexicon files",
        ));
    }
    Ok(files)
}

/// Reads a lexicon file, bounded as documents are (a device or an endless
/// stream is refused, not read until memory runs out). It must be Unicode
/// (UTF-8, or UTF-16 or UTF-32 with a byte-order mark, as Windows tools
/// save "Unicode text"): a lexicon's bytes are never guessed, and bytes
/// that are not UTF-8 are an error at their line.
fn read_text(path: &Path) -> Result<String, LexiconError> {
    let name = path.display().to_string();
    let bytes = read_file(path, MAX_INPUT_BYTES)
        .map_err(|err| LexiconError::new(&name, None, err.to_string()))?;
    decode_strict(bytes).map_err(|err| {
        let line = match err {
            DecodeError::NotUtf8 { line, .. } => Some(line),
            _ => None,
        };
        LexiconError::new(&name, line, err.to_string())
    })
}

/// Parses the TOML format: arrays of `[[entry]]` and `[[extend]]` tables.
/// Returns each with the line its table starts on.
///
/// A large file is cut before `[[entry]]` lines into pieces that are
/// parsed in parallel (on the current rayon pool), as the TOML parse was
/// half of the startup with a 10k-entry lexicon. A cut inside a multi-line
/// string would leave that string unterminated in its piece, which is an
/// error, so when every piece parses the cuts were all between tables and
/// the result is the whole file's. When a piece fails, the whole file is
/// parsed again in one piece, for the error the file really has.
pub(super) fn parse_toml(name: &str, text: &str) -> Result<Parsed, Vec<LexiconError>> {
    parse_toml_in_pieces(name, text, PIECE_BYTES)
}

/// [`parse_toml`], cutting pieces of about `size` bytes.
fn parse_toml_in_pieces(name: &str, text: &str, size: usize) -> Result<Parsed, Vec<LexiconError>> {
    use rayon::prelude::*;
    let lines = LineIndex::new(text);
    let pieces = pieces(text, size);
    if pieces.len() > 1 {
        let parsed: Result<Vec<_>, _> = pieces
            .par_iter()
            .map(|piece| parse_piece(text, piece.clone(), &lines))
            .collect();
        if let Ok(parsed) = parsed {
            return Ok(parsed.into_iter().fold(Parsed::default(), Parsed::append));
        }
    }
    parse_piece(text, 0..text.len(), &lines).map_err(|err| {
        let line = err.span().map(|span| lines.line_of(span.start));
        vec![LexiconError::new(name, line, err.message().trim_end())]
    })
}

/// The size above which [`parse_toml`] cuts a file into pieces of about
/// this many bytes (a 10k-entry lexicon of short definitions is 1 MB).
const PIECE_BYTES: usize = 128 * 1024;

/// Byte ranges of `text` of about `size` bytes or more, each but the first
/// starting at a line that is exactly `[[entry]]`.
fn pieces(text: &str, size: usize) -> Vec<std::ops::Range<usize>> {
    let mut pieces = Vec::new();
    let mut start = 0;
    while text.len() - start > size {
        // Searched as bytes: `start + size` may fall inside a character.
        let rest = &text.as_bytes()[start + size..];
        let Some(cut) = memchr::memmem::find(rest, b"\n[[entry]]\n") else {
            break;
        };
        let end = start + size + cut + 1;
        pieces.push(start..end);
        start = end;
    }
    pieces.push(start..text.len());
    pieces
}

/// Parses `text[piece]`, with each entry's line in the whole `text`.
fn parse_piece(
    text: &str,
    piece: std::ops::Range<usize>,
    lines: &LineIndex,
) -> Result<Parsed, toml::de::Error> {
    let file: TomlFile = toml::from_str(&text[piece.clone()])?;
    Ok(Parsed {
        entries: with_lines(file.entry, piece.start, lines),
        extensions: with_lines(file.extend, piece.start, lines),
    })
}

/// Each table with the line of the whole text it starts on, where the
/// piece parsed starts at byte `offset`.
fn with_lines<T>(tables: Vec<Spanned<T>>, offset: usize, lines: &LineIndex) -> Vec<(T, usize)> {
    tables
        .into_iter()
        .map(|spanned| {
            let line = lines.line_of(offset + spanned.span().start);
            (spanned.into_inner(), line)
        })
        .collect()
}

/// Parses a flashcard export (see [`super::cards`]) into entries, each
/// with the line its card starts on. A card's kind is what its kind column
/// or tags say, else what [`super::kinds`] infers from it.
pub(super) fn parse_cards(
    name: &str,
    text: &str,
) -> Result<Vec<(Entry, usize)>, Vec<LexiconError>> {
    let cards = cards::parse(name, text)?;
    Ok(cards
        .into_iter()
        .map(|card| {
            let kind = card
                .kind
                .unwrap_or_else(|| kinds::infer(&card.term, &card.definition));
            let entry = Entry {
                id: slug(&card.term),
                name: card.term,
                kind,
                aliases: Vec::new(),
                exact_case: Vec::new(),
                definition: card.definition,
                see_also: Vec::new(),
                plural: true,
                ambiguous: Vec::new(),
                sort_as: None,
                // A card lists the full name only; texts say the surname.
                surname_alone: true,
                needs_context: Vec::new(),
            };
            (entry, card.line)
        })
        .collect())
}

/// The byte offsets of a text's line breaks, so that finding the line of
/// each of many entries is a binary search, not a count from the start
/// (which made loading a 10k-entry file take seconds).
struct LineIndex(Vec<usize>);

impl LineIndex {
    fn new(text: &str) -> LineIndex {
        LineIndex(text.match_indices('\n').map(|(at, _)| at).collect())
    }

    /// The 1-based line holding byte `offset`.
    fn line_of(&self, offset: usize) -> usize {
        self.0.partition_point(|&newline| newline < offset) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lexicon::Kind;

    fn entry(i: usize, definition: &str) -> String {
        format!("[[entry]]\nid = \"e{i}\"\nname = \"E{i}\"\nkind = \"term\"\ndefinition = {definition}\n")
    }

    #[test]
    fn pieces_parse_like_the_whole_file() {
        let text: String = (0..50).map(|i| entry(i, "\"D.\"")).collect();
        assert!(pieces(&text, 100).len() > 10);
        let whole = parse_toml_in_pieces("x.toml", &text, usize::MAX).unwrap();
        let in_pieces = parse_toml_in_pieces("x.toml", &text, 100).unwrap();
        assert_eq!(in_pieces, whole);
        assert_eq!(
            in_pieces.entries[49].1,
            49 * 5 + 1,
            "line of the last entry"
        );
    }

    #[test]
    fn pieces_are_cut_between_characters_whatever_the_size() {
        let text: String = (0..30)
            .map(|i| entry(i, "\"États généraux — ça ira.\""))
            .collect();
        for size in 1..120 {
            let cuts = pieces(&text, size);
            assert!(cuts.iter().all(|piece| text.is_char_boundary(piece.start)));
            assert_eq!(cuts.last().unwrap().end, text.len());
        }
        let whole = parse_toml_in_pieces("x.toml", &text, usize::MAX).unwrap();
        assert_eq!(parse_toml_in_pieces("x.toml", &text, 37).unwrap(), whole);
    }

    #[test]
    fn a_cut_inside_a_multi_line_string_falls_back_to_the_whole_file() {
        let tricky = "\"\"\"Not a table:\n[[entry]]\nstill the definition.\"\"\"";
        let text: String = (0..20)
            .map(|i| entry(i, if i == 3 { tricky } else { "'D.'" }))
            .collect();
        let cuts = pieces(&text, 40);
        assert!(cuts
            .iter()
            .any(|piece| text[piece.clone()].starts_with("[[entry]]\nstill")));
        let parsed = parse_toml_in_pieces("x.toml", &text, 40).unwrap();
        assert_eq!(parsed.entries.len(), 20);
        assert!(parsed.entries[3].0.definition.contains("[[entry]]"));
        let bad = text.replace(
            "kind = \"term\"\ndefinition = 'D.'\n[[entry]]\nid = \"e9\"",
            "kind = \"thing\"\ndefinition = 'D.'\n[[entry]]\nid = \"e9\"",
        );
        let errors = parse_toml_in_pieces("x.toml", &bad, 40).unwrap_err();
        assert_eq!(errors.len(), 1);
        // Entry 8's `kind`: five lines an entry, two more in entry 3.
        assert_eq!(errors[0].line, Some(8 * 5 + 2 + 4), "{}", errors[0]);
    }

    #[test]
    fn extend_tables_know_their_line_in_pieces_too() {
        let mut text: String = (0..20).map(|i| entry(i, "\"D.\"")).collect();
        text.push_str("[[extend]]\nid = \"e3\"\naliases = [\"E three\"]\n");
        text.push_str(&entry(20, "\"D.\""));
        let whole = parse_toml_in_pieces("x.toml", &text, usize::MAX).unwrap();
        assert_eq!(parse_toml_in_pieces("x.toml", &text, 40).unwrap(), whole);
        assert_eq!(whole.entries.len(), 21);
        assert_eq!(whole.extensions.len(), 1);
        assert_eq!(whole.extensions[0].1, 20 * 5 + 1);
        assert_eq!(whole.extensions[0].0.aliases, ["E three"]);
    }

    #[test]
    fn toml_errors_carry_the_line() {
        let text = "[[entry]]\nid = \"a\"\nname = \"A\"\nkind = \"thing\"\ndefinition = \"x\"\n";
        let errors = parse_toml("x.toml", text).unwrap_err();
        assert_eq!(errors[0].line, Some(4), "{}", errors[0]);
        assert!(
            errors[0].message.contains("unknown variant"),
            "{}",
            errors[0]
        );
    }

    #[test]
    fn toml_entries_know_their_line() {
        let text = "# header\n\n[[entry]]\nid = \"a\"\nname = \"A\"\nkind = \"term\"\ndefinition = \"x\"\n";
        let entries = parse_toml("x.toml", text).unwrap().entries;
        assert_eq!(entries[0].1, 3);
        // A lexicon lists the short names it means (matching rule 9).
        assert!(!entries[0].0.surname_alone);
    }

    #[test]
    fn cards_become_entries_with_their_kind_and_line() {
        let text = "#separator:tab\n#html:false\nkulak\tA richer peasant\ttag1\n\nСталин\tStalin (1878–1953)\n";
        let entries = parse_cards("cards.tsv", text).unwrap();
        let names: Vec<_> = entries
            .iter()
            .map(|(e, line)| (e.id.as_str(), e.name.as_str(), e.kind, *line))
            .collect();
        assert_eq!(
            names,
            [
                ("kulak", "kulak", Kind::Term, 3),
                ("stalin", "Сталин", Kind::Person, 5)
            ]
        );
        // A card has the full name only; texts say the surname alone.
        assert!(entries.iter().all(|(e, _)| e.surname_alone));
    }

    #[test]
    fn formats_are_told_by_extension() {
        assert_eq!(Format::of("a/b.TOML"), Some(Format::Toml));
        assert_eq!(
            Format::of("Deck.txt"),
            Some(Format::Cards { in_folders: false })
        );
        assert_eq!(
            Format::of("x.Csv"),
            Some(Format::Cards { in_folders: true })
        );
        assert_eq!(Format::of("lexicon"), None);
    }
}
