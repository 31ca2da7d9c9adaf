//! Tab-separated flashcards: `term<TAB>definition`, one line per entry,
//! ready for Anki's and Quizlet's import. Fields never contain tabs, line
//! breaks or HTML tags.

use std::sync::LazyLock;

use regex::Regex;

use crate::glossary::Glossary;

static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^<>]*>").expect("valid regex"));

/// One `name<TAB>definition` line per glossary entry.
pub fn glossary(glossary: &Glossary) -> String {
    glossary
        .entries
        .iter()
        .map(|e| format!("{}\t{}\n", field(&e.name), field(&e.definition)))
        .collect()
}

/// Removes HTML tags and control characters and collapses white space.
fn field(text: &str) -> String {
    let untagged = TAG.replace_all(text, " ");
    let cleaned: String = untagged
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_single_line_text() {
        assert_eq!(field("A <b>bold</b>\tidea\r\nhere"), "A bold idea here");
        assert_eq!(field("<script>x</script>"), "x");
    }
}
