//! Q&A pairs (pattern 3): `Q:`/`A:` lines, and questions on a line of
//! their own followed by answer lines, in a document with two such
//! questions or more. Every pair is a flashcard; a defining question
//! (`What was X?`, `Who were X?`, `Define X`) also gives a definition.

use super::shape::{is_label, term};
use super::units::Unit;
use super::{found, Card, Definition, Pattern, Use};

/// The most words of a question on a line of its own.
const MAX_QUESTION_WORDS: usize = 30;

/// The flashcards of the document; marks the questions taken and the
/// answers as such, and adds the definitions of defining questions.
pub(super) fn cards(units: &[Unit], uses: &mut [Use], out: &mut Vec<Definition>) -> Vec<Card> {
    let marked = |i: usize| marked_question(&units[i].text).is_some();
    let questions: Vec<usize> = (0..units.len())
        .filter(|&i| uses[i] == Use::Free && (marked(i) || is_question_line(units, i)))
        .collect();
    // One question on a line of its own may be a heading; a `Q:` is not.
    if questions.len() < 2 && !questions.iter().any(|&q| marked(q)) {
        return Vec::new();
    }
    let mut cards = Vec::new();
    for (n, &q) in questions.iter().enumerate() {
        let next = questions.get(n + 1).copied().unwrap_or(units.len());
        let front = marked_question(&units[q].text).unwrap_or(&units[q].text);
        let mut back = Vec::new();
        let mut last = q;
        for a in q + 1..next {
            // A heading the format marks (not a guess of plain text) ends
            // the answer, as does a label or a unit another pattern took.
            if uses[a] != Use::Free
                || units[a].is_heading() && units[a].hard
                || is_label(&units[a].text)
            {
                break;
            }
            back.push(marked_answer(&units[a].text).to_string());
            uses[a] = Use::Answer;
            last = a;
        }
        if back.is_empty() {
            continue;
        }
        uses[q] = Use::Taken;
        if let Some(term) = defined(front).and_then(term) {
            out.push(found(
                units,
                (q, last),
                term,
                joined(&back),
                Pattern::Question,
            ));
        }
        cards.push(Card {
            front: front.to_string(),
            back,
            place: units[q].place,
            range: units[q].range.start..units[last].range.end,
        });
    }
    cards
}

/// The question of a `Q:` line (`Q.`, `Question:`).
fn marked_question(text: &str) -> Option<&str> {
    marked(text, &["Q", "Question"])
}

/// An `A:` line's answer, or the line.
fn marked_answer(text: &str) -> &str {
    marked(text, &["A", "Answer"]).unwrap_or(text)
}

/// The rest of `text` after one of the `marks` and `:`, `.` or `)`.
fn marked<'t>(text: &'t str, marks: &[&str]) -> Option<&'t str> {
    marks.iter().find_map(|mark| {
        let rest = text.get(mark.len()..)?;
        if !text[..mark.len()].eq_ignore_ascii_case(mark) {
            return None;
        }
        let rest = rest.trim_start().strip_prefix([':', '.', ')'])?.trim();
        (!rest.is_empty()).then_some(rest)
    })
}

/// Is unit `i` a question on a line of its own (or a short `Define X`
/// line), not a textbook's `Key question` (the unit before is no label)?
fn is_question_line(units: &[Unit], i: usize) -> bool {
    let text = units[i].text.as_str();
    let (asks, define) = (text.ends_with('?'), text.starts_with("Define "));
    if !(asks || define) {
        return false;
    }
    let words = text.split_whitespace().count();
    (asks && words <= MAX_QUESTION_WORDS || define && words <= 8)
        && text.starts_with(char::is_uppercase)
        && !(i > 0 && is_label(&units[i - 1].text))
}

/// The X of a defining question: `What was/were/is/are X?`, `Who
/// was/were/is/are X?`, `What is meant by X?`, `What does X mean?`, `What
/// does X stand for?`, `Define X`.
fn defined(question: &str) -> Option<&str> {
    let q = question.trim().trim_end_matches(['?', '.', '!']).trim();
    let lower = q.to_lowercase();
    for opening in [
        "what is meant by ",
        "what was meant by ",
        "what is ",
        "what was ",
        "what are ",
        "what were ",
        "who is ",
        "who was ",
        "who are ",
        "who were ",
        "define ",
    ] {
        if lower.starts_with(opening) {
            return Some(&q[opening.len()..]);
        }
    }
    let rest = lower.strip_prefix("what does ")?;
    let x = rest
        .strip_suffix(" mean")
        .or_else(|| rest.strip_suffix(" stand for"))?;
    Some(&q["what does ".len().."what does ".len() + x.len()])
}

/// The answer's lines as one definition: a line without end punctuation
/// is followed by `;`.
pub(super) fn joined(lines: &[String]) -> String {
    let mut out = String::new();
    for (i, line) in lines.iter().enumerate() {
        out.push_str(line);
        if i + 1 < lines.len() {
            if !line.ends_with(['.', '!', '?', ';', ':']) {
                out.push(';');
            }
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defining_questions() {
        assert_eq!(defined("Who was Leon Trotsky?"), Some("Leon Trotsky"));
        assert_eq!(
            defined("What were the show trials?"),
            Some("the show trials")
        );
        assert_eq!(defined("What does NEP mean?"), Some("NEP"));
        assert_eq!(defined("What does NATO stand for?"), Some("NATO"));
        assert_eq!(defined("Define kulak."), Some("kulak"));
        assert_eq!(defined("What is meant by purge?"), Some("purge"));
        assert_eq!(defined("When did Lenin die?"), None);
        assert_eq!(defined("What examples could be given?"), None);
    }

    #[test]
    fn marks() {
        assert_eq!(marked_question("Q: Who was Kirov?"), Some("Who was Kirov?"));
        assert_eq!(marked_question("Question. Who?"), Some("Who?"));
        assert_eq!(marked_question("Quota: 5"), None);
        assert_eq!(
            marked_answer("A) Leningrad's party boss"),
            "Leningrad's party boss"
        );
        assert_eq!(marked_answer("Alliance of three"), "Alliance of three");
    }

    #[test]
    fn answers_are_joined() {
        let lines = [
            "Born 1879".to_string(),
            "Died 1940.".into(),
            "Exiled".into(),
        ];
        assert_eq!(joined(&lines), "Born 1879; Died 1940. Exiled");
    }
}
