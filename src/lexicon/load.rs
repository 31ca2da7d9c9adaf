//! Reading lexicon sources: TOML files, `term<TAB>definition` files, folders.

use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use super::{Entry, Kind, LexiconError};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TomlFile {
    #[serde(default)]
    entry: Vec<Spanned<Entry>>,
}

/// Reads a lexicon file, or every `.toml`/`.tsv` file under a folder, as
/// `(name, text)` pairs in sorted order.
pub(super) fn read_path(path: &Path) -> Result<Vec<(String, String)>, LexiconError> {
    let name = path.display().to_string();
    let io_error = |err: std::io::Error| LexiconError::new(&name, None, err.to_string());
    if !path.is_dir() {
        let text = std::fs::read_to_string(path).map_err(io_error)?;
        return Ok(vec![(name.clone(), text)]);
    }
    let mut files = Vec::new();
    for item in walkdir::WalkDir::new(path).sort_by_file_name() {
        let item = item.map_err(|err| LexiconError::new(&name, None, err.to_string()))?;
        let is_lexicon = matches!(
            item.path().extension().and_then(|e| e.to_str()),
            Some("toml" | "tsv")
        );
        if item.file_type().is_file() && is_lexicon {
            let file = item.path().display().to_string();
            let text = std::fs::read_to_string(item.path())
                .map_err(|err| LexiconError::new(&file, None, err.to_string()))?;
            files.push((file, text));
        }
    }
    if files.is_empty() {
        return Err(LexiconError::new(
            &name,
            None,
            "folder holds no .toml or .tsv lexicon files",
        ));
    }
    Ok(files)
}

/// Parses the TOML format: an array of `[[entry]]` tables. Returns each
/// entry with the line its table starts on.
pub(super) fn parse_toml(name: &str, text: &str) -> Result<Vec<(Entry, usize)>, Vec<LexiconError>> {
    let lines = LineIndex::new(text);
    let file: TomlFile = toml::from_str(text).map_err(|err| {
        let line = err.span().map(|span| lines.line_of(span.start));
        vec![LexiconError::new(name, line, err.message().trim_end())]
    })?;
    Ok(file
        .entry
        .into_iter()
        .map(|spanned| {
            let line = lines.line_of(spanned.span().start);
            (spanned.into_inner(), line)
        })
        .collect())
}

/// Parses `term<TAB>definition` lines, the export format of Anki and
/// Quizlet. Blank lines and `#` header lines (Anki's `#separator:tab`) are
/// skipped; columns after the second (Anki tags) are ignored.
pub(super) fn parse_tsv(name: &str, text: &str) -> Result<Vec<(Entry, usize)>, Vec<LexiconError>> {
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut fields = line.split('\t');
        let term = fields.next().unwrap_or("").trim();
        let Some(definition) = fields.next() else {
            errors.push(LexiconError::new(
                name,
                Some(line_no),
                "expected term<TAB>definition",
            ));
            continue;
        };
        let entry = Entry {
            id: slug(term),
            name: term.to_string(),
            kind: Kind::Term,
            aliases: Vec::new(),
            exact_case: Vec::new(),
            definition: definition.trim().to_string(),
            see_also: Vec::new(),
            plural: true,
            ambiguous: Vec::new(),
        };
        entries.push((entry, line_no));
    }
    if errors.is_empty() {
        Ok(entries)
    } else {
        Err(errors)
    }
}

/// An id made from a term: lower-case ASCII letters and digits joined by
/// single hyphens (`Lenin's Testament` → `lenin-s-testament`).
fn slug(term: &str) -> String {
    let lower = term.to_lowercase();
    let words = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty());
    words.collect::<Vec<_>>().join("-")
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
        let entries = parse_toml("x.toml", text).unwrap();
        assert_eq!(entries[0].1, 3);
    }

    #[test]
    fn tsv_reads_anki_exports() {
        let text =
            "#separator:tab\n#html:false\nkulak\tA richer peasant\ttag1\n\nsmychka\tAlliance\n";
        let entries = parse_tsv("cards.tsv", text).unwrap();
        let names: Vec<_> = entries
            .iter()
            .map(|(e, line)| (e.id.as_str(), *line))
            .collect();
        assert_eq!(names, [("kulak", 3), ("smychka", 5)]);
        let err = parse_tsv("cards.tsv", "kulak only\n").unwrap_err();
        assert_eq!(
            err[0].to_string(),
            "cards.tsv:1: expected term<TAB>definition"
        );
    }

    #[test]
    fn slugs_are_ascii() {
        assert_eq!(slug("Lenin's  Testament"), "lenin-s-testament");
        assert_eq!(slug("Кремль"), "");
    }
}
