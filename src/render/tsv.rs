//! Tab-separated flashcards: `term<TAB>definition`, one line per entry,
//! ready for Anki's and Quizlet's import. Fields never contain tabs, line
//! breaks or HTML tags.
//!
//! The file is also opened in spreadsheets, which run a cell that starts
//! with `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(...)` in a
//! definition would be a live link; this is "CSV injection"). Such a field
//! gets a `'` in front, as OWASP advises: a spreadsheet then shows it as
//! text, and a flashcard shows the `'`. A field never starts with a tab or
//! a carriage return, the other two characters OWASP names: white space at
//! either end is trimmed.

use std::sync::LazyLock;

use regex::Regex;

use crate::glossary::Glossary;
use crate::harvest::Card;

static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^<>]*>").expect("valid regex"));

/// One `name<TAB>definition` line per glossary entry: the notes'
/// definitions first (`--harvest`), then the lexicon's, joined by ` — `.
pub fn glossary(glossary: &Glossary) -> String {
    glossary
        .entries()
        .iter()
        .map(|e| format!("{}\t{}\n", field(&e.name), field(&e.all_definitions())))
        .collect()
}

/// One `question<TAB>answer` line per Q&A card of the notes, as written
/// (the answer's lines joined, see [`Card::answer`]).
pub fn cards(cards: &[Card]) -> String {
    cards
        .iter()
        .map(|c| format!("{}\t{}\n", field(&c.front), field(&c.answer())))
        .collect()
}

/// Characters that make a spreadsheet cell a formula.
const FORMULA_STARTS: [char; 4] = ['=', '+', '-', '@'];

/// Removes HTML tags and control characters, collapses white space, and
/// puts a `'` before a field a spreadsheet would run as a formula.
pub(crate) fn field(text: &str) -> String {
    let untagged = TAG.replace_all(text, " ");
    let cleaned: String = untagged
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    let field = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
    if field.starts_with(FORMULA_STARTS) {
        format!("'{field}")
    } else {
        field
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_single_line_text() {
        assert_eq!(field("A <b>bold</b>\tidea\r\nhere"), "A bold idea here");
        assert_eq!(field("<script>x</script>"), "x");
    }

    #[test]
    fn formulas_are_neutralised() {
        for (text, want) in [
            (
                "=HYPERLINK(\"http://x\",\"y\")",
                "'=HYPERLINK(\"http://x\",\"y\")",
            ),
            ("+1", "'+1"),
            ("-5 degrees", "'-5 degrees"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1+1", "'=1+1"),
            ("\r\n-x", "'-x"),
            ("<b></b>=1", "'=1"),
            ("a=1", "a=1"),
            ("'quoted'", "'quoted'"),
        ] {
            assert_eq!(field(text), want, "{text:?}");
        }
    }
}
