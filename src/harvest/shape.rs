//! What a term and what a definition look like: the tests every pattern
//! puts its two halves through, so that prose is not taken for a
//! definition (the rule 5: a wrong definition is worse than none).
//!
//! A **term** is a name or a short noun phrase: at most six words, a
//! letter first, no sentence punctuation or parenthesis (`Stalin's
//! Victory (1924–1928)` is a section's title), no pronoun, preposition or
//! conjunction first, no auxiliary verb (`was`, `had` …) and no past
//! tense after a name (`Bukharin wanted …`); five words or more only if
//! every word but the small ones is capitalised; not a label of a
//! textbook's layout (`Key question`, `Unit 3`, `Profile`). A leading
//! lower-case article goes (`the Politburo` → `Politburo`).
//!
//! A **definition** has two words of letters or more, starts with no
//! digit (`21 January 1924` is a date, not a definition), asks no
//! question, opens no list (a colon last), starts with no label (`Stage
//! One of …`), and does not open like a sentence of prose: no pronoun,
//! preposition or conjunction first, and (strictly) no verb among its
//! first words before a relative word (`The NEP was introduced in 1921`
//! is a sentence; `Those Bolsheviks who … had advised` and `NEP was a
//! policy …` are definitions). Strictly it is at most two sentences and
//! [`STRICT_WORDS`] words; in a key-term box, where the layout says it is
//! a definition, three sentences, [`BOXED_WORDS`] words and any verb.

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};

use crate::dates::is_month_or_season;

/// How sure the layout is that the text is a definition.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Trust {
    /// Nothing but the pattern says so: every test.
    Strict,
    /// A key-term box or a term/definition table says so.
    Boxed,
}

/// The most bytes of a term (60 characters of at most 4 bytes).
pub(super) const MAX_TERM_BYTES: usize = 240;

/// The most words of a definition found by its pattern alone.
pub(super) const STRICT_WORDS: usize = 50;
/// The most words of a definition in a key-term box or table.
pub(super) const BOXED_WORDS: usize = 80;

/// Words no term and no definition starts with: pronouns, prepositions,
/// conjunctions and sentence adverbs.
const OPENERS: &str = "he she it they we i you his her its their our my your him them this these \
     there here in on at for by during after before since from with under over into \
     when while although though because if as despite however but and or so then yet also \
     thus therefore hence once until unless whereas what who why how where which whose \
     not no nor both either neither each every all some many most few another such";

/// Auxiliary and modal verbs (and their negatives): a term holding one is
/// a clause.
const AUXILIARIES: &str = "is was are were be been being am has had have having do does did \
     will would shall should can could may might must isn't wasn't aren't weren't hasn't \
     hadn't haven't don't doesn't didn't won't wouldn't can't couldn't shouldn't";

/// Common verbs in the past tense that do not end in `-ed`.
const PAST_VERBS: &str = "became began made took gave led won lost left fell rose saw felt \
     thought told said sent set met ran kept held brought fought got went came wrote chose \
     knew grew drew spoke stood sought struck built paid sold shot split put meant began \
     let hid bore broke drove ate forgot forgave froze hung lay rode rang sang sank slept \
     spent stole swore taught threw understood woke wore fled";

/// Words that start a relative clause or a qualifying phrase: a verb after
/// one belongs to it, not to a sentence.
const RELATIVES: &str = "who which that whose whom where whereby responsible";

/// Determiners: a word after one is no verb (`a planned economy`).
const DETERMINERS: &str = "a an the one any each every some this that these those his her \
     its their our my your no someone something anyone";

/// Small words a name may hold in lower case (`Council of People's
/// Commissars`, `Socialism in One Country`).
const SMALL: &str = "of the and for in on to de von van la le du da der y a an at by";

/// The first words of a textbook's layout labels (and a student's:
/// `Essay plan`, `Homework`).
const LABELS: &str = "essay homework revision exam key unit chapter section step stage part page profile summary source \
     question questions answer answers task activity exercise note notes example examples \
     figure table lesson week topic contents index introduction conclusion glossary \
     vocabulary definitions keywords term terms fact facts date dates";

/// Is `word` (any case) in the space-separated `list`? Each list is made
/// a set once per thread (keyed by where the list is), so a lookup costs a
/// hash, not a walk through the list.
pub(super) fn listed(word: &str, list: &'static str) -> bool {
    thread_local! {
        static SETS: RefCell<HashMap<(usize, usize), HashSet<&'static str>>> =
            RefCell::new(HashMap::new());
    }
    let lower: Cow<str> = if word.chars().any(char::is_uppercase) {
        Cow::Owned(word.to_lowercase())
    } else {
        Cow::Borrowed(word)
    };
    SETS.with(|sets| {
        let mut sets = sets.borrow_mut();
        sets.entry((list.as_ptr() as usize, list.len()))
            .or_insert_with(|| list.split_whitespace().collect())
            .contains(lower.as_ref())
    })
}

/// A word without the punctuation around it.
fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .trim_matches(['\'', '’'])
}

/// Is the line a layout label: `Key terms`, `Key question:`, `Unit 3`,
/// `Source A`, `Profile`?
pub(super) fn is_label(text: &str) -> bool {
    let text = text.trim().trim_end_matches([':', '.']).trim();
    let mut words = text.split_whitespace();
    let Some(first) = words.next() else {
        return false;
    };
    if !listed(bare(first), LABELS) || words.nth(2).is_some() {
        return false;
    }
    let words: Vec<&str> = text.split_whitespace().collect();
    // `Key terms`, `Summary diagram`, `Unit 3`, `Source A`, `Step two`.
    let key_nouns = "term terms question questions date dates word words point points figure \
         figures people person concept concepts fact facts vocabulary issue issues idea ideas";
    words.len() == 1
        || (first.eq_ignore_ascii_case("key") && listed(bare(words[1]), key_nouns))
        || listed(bare(first), "summary essay homework revision exam")
        || words[1..].iter().all(|w| {
            let w = bare(w);
            w.chars().count() == 1 || w.chars().all(|c| c.is_ascii_digit()) || is_number_word(w)
        })
}

fn is_number_word(word: &str) -> bool {
    listed(
        word,
        "one two three four five six seven eight nine ten i ii iii iv v vi vii viii ix x",
    )
}

/// Is the line the label of a key-term box: `Key terms`, `Key words`,
/// `Glossary`, `Vocabulary`, `Definitions` (a colon after allowed)?
pub(super) fn is_box_label(text: &str) -> bool {
    let text = text.trim().trim_end_matches(':').trim();
    // No label is longer than `key vocabulary`, and no letter's lower
    // case has less than a third of its bytes: a longer line is none.
    if text.len() > 3 * "key vocabulary".len() {
        return false;
    }
    let text = text.to_lowercase().replace(['-', '_'], " ");
    matches!(
        text.as_str(),
        "key term"
            | "key terms"
            | "key word"
            | "key words"
            | "keywords"
            | "key vocabulary"
            | "key concepts"
            | "glossary"
            | "vocabulary"
            | "definitions"
    )
}

/// The term `text` names, if it looks like one (see the module
/// documentation), without a leading lower-case article and the
/// punctuation around it.
pub(super) fn term(text: &str) -> Option<String> {
    if text.len() > MAX_TERM_BYTES + 8 {
        return None;
    }
    let text = text
        .trim()
        .trim_end_matches([':', '.', ',', ';'])
        .trim()
        .trim_matches(['"', '“', '”', '\'', '‘', '’'])
        .trim();
    let text = ["the ", "a ", "an ", "The "]
        .iter()
        .find_map(|article| {
            text.strip_prefix(article)
                // `The Hague` keeps its article; `The purges` does not.
                .filter(|rest| !article.starts_with('T') || rest.starts_with(char::is_lowercase))
        })
        .unwrap_or(text)
        .trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    if words.is_empty() || words.len() > 6 || !(2..=60).contains(&text.chars().count()) {
        return None;
    }
    if !text.starts_with(char::is_alphabetic) || is_label(text) {
        return None;
    }
    if text.contains(['?', '!', ';', ':', '=', '→', '"', '“', '”', '(', ')'])
        || words[..words.len() - 1]
            .iter()
            .any(|w| w.ends_with('.') && bare(w).chars().count() > 2)
    {
        return None;
    }
    if listed(bare(words[0]), OPENERS) {
        return None;
    }
    let lower = |w: &str| w.starts_with(char::is_lowercase);
    for (i, word) in words.iter().enumerate() {
        let b = bare(word);
        if listed(b, AUXILIARIES) && lower(word) {
            return None;
        }
        // `Bukharin wanted …`, `the king fled`: a verb after a noun.
        let after_name = i > 0 && words[i - 1].starts_with(char::is_uppercase);
        let after_determiner = i > 0 && listed(bare(words[i - 1]), DETERMINERS);
        if i > 0
            && lower(b)
            && !after_determiner
            && (listed(b, PAST_VERBS) || (after_name && is_past(b)))
        {
            return None;
        }
    }
    // `the Marshall Plan's aims`: a relation, not a term (`Lenin's
    // Testament` is one).
    if let Some(at) = words
        .iter()
        .position(|w| w.ends_with("'s") || w.ends_with("’s"))
    {
        if at + 1 < words.len() && words[at + 1..].iter().all(|w| lower(w)) {
            return None;
        }
    }
    // `Exploited divisions in the party`: a verb first.
    if words.len() >= 3 && is_past(&bare(words[0]).to_lowercase()) {
        return None;
    }
    // Long terms are names.
    if words.len() >= 5 && words.iter().any(|w| lower(w) && !listed(bare(w), SMALL)) {
        return None;
    }
    Some(text.to_string())
}

/// Does `word` (lower case) look like a past tense (`wanted`, `joined`)?
fn is_past(word: &str) -> bool {
    word.len() > 4 && word.ends_with("ed") && !word.ends_with("eed")
}

/// The definition `text` gives of `term`, if it looks like one (see the
/// module documentation), trimmed.
pub(super) fn definition(text: &str, term: &str, trust: Trust) -> Option<String> {
    let text = text
        .trim()
        .trim_start_matches(['-', '–', '—', ':', '=', ',', '.', ';'])
        .trim();
    let words: Vec<&str> = text.split_whitespace().collect();
    let alphabetic = words
        .iter()
        .filter(|w| bare(w).chars().any(char::is_alphabetic))
        .count();
    if alphabetic < 2 || text.starts_with(|c: char| c.is_ascii_digit()) || text.contains('?') {
        return None;
    }
    // `Stage One of …`, `Quick summary:` (a list follows), a date.
    let opening = words[..2].join(" ");
    if is_date(&words) || is_label(&opening) || is_box_label(text) || text.ends_with(':') {
        return None;
    }
    let (max_words, max_sentences) = match trust {
        Trust::Strict => (STRICT_WORDS, 2),
        Trust::Boxed => (BOXED_WORDS, 3),
    };
    if words.len() > max_words || sentences(text) > max_sentences {
        return None;
    }
    if listed(bare(words[0]), OPENERS) {
        return None;
    }
    if trust == Trust::Strict && opens_a_clause(&words, term) {
        return None;
    }
    Some(text.to_string())
}

/// Does a month and a year, or a season and a year, open the text (`May
/// 1924`, `Winter 1926-27`)?
fn is_date(words: &[&str]) -> bool {
    words.len() <= 3
        && is_month_or_season(bare(words[0]))
        && words
            .get(1)
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}

/// How many sentences: full stops, question and exclamation marks
/// followed by white space or the end, after a word of three letters or
/// more (so that `St.` and `J. V.` end none).
fn sentences(text: &str) -> usize {
    let words: Vec<&str> = text.split_whitespace().collect();
    let ends = words
        .iter()
        .filter(|w| {
            let w = w.trim_end_matches(['"', '\'', '’', '”', ')']);
            w.ends_with(['.', '!', '?'])
                && w.trim_end_matches(['.', '!', '?'])
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .count()
                    > 2
        })
        .count();
    ends.max(1)
}

/// Does the text open like a sentence: a verb among its first five words,
/// before any relative word, that is no `is a` defining the term? An
/// auxiliary is a verb; a past tense (`joined`, `fled`) is one unless a
/// determiner comes before it (`a planned economy`) or `by` after it (`a
/// club led by Robespierre`), and it may not come first (`executed in
/// 1794` is an event, not a definition).
fn opens_a_clause(words: &[&str], term: &str) -> bool {
    let lowered: Vec<String> = words
        .iter()
        .take(6)
        .map(|w| bare(w).to_lowercase())
        .collect();
    let term_words = term.split_whitespace().count();
    for i in 0..lowered.len().min(5) {
        let word = lowered[i].as_str();
        if listed(word, RELATIVES) {
            return false;
        }
        let after_determiner = i > 0 && listed(&lowered[i - 1], DETERMINERS);
        let before_by = lowered.get(i + 1).is_some_and(|next| next == "by");
        let past = is_past(word) || listed(word, PAST_VERBS);
        if past && i == 0 && !before_by {
            return true;
        }
        let verb = listed(word, AUXILIARIES) || (past && !after_determiner && !before_by);
        if verb {
            // `NEP was a policy …`, `It is the …`: the term defined.
            let copula = listed(word, "is was are were means meant");
            let defining = lowered
                .get(i + 1)
                .is_some_and(|next| listed(next, DETERMINERS) && next != "no");
            return !(copula && defining && i <= term_words + 1);
        }
        if words[i].ends_with([',', ';']) {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn terms_are_names_and_short_noun_phrases() {
        for (text, want) in [
            ("Kulak", "Kulak"),
            ("the Politburo", "Politburo"),
            (
                "Council of People's Commissars",
                "Council of People's Commissars",
            ),
            ("Socialism in One Country", "Socialism in One Country"),
            ("show trials", "show trials"),
            ("The purges", "purges"),
            ("The Hague", "The Hague"),
            ("Gosplan:", "Gosplan"),
            ("planned economy", "planned economy"),
        ] {
            assert_eq!(term(text).as_deref(), Some(want), "{text}");
        }
    }

    #[test]
    fn clauses_labels_and_long_phrases_are_no_terms() {
        for text in [
            "Bukharin wanted to keep the NEP",
            "He became General Secretary",
            "His main criticism read",
            "Stalin was",
            "Key question",
            "Unit 1",
            "Source A",
            "Profile",
            "1 of 27",
            "The main features of the NEP",
            "Exploited divisions in the party",
            "By 1935, 22% of the party",
            "In the Bolshevik government that took over",
            "Why?",
        ] {
            assert_eq!(term(text), None, "{text}");
        }
    }

    #[test]
    fn definitions_open_like_noun_phrases() {
        for text in [
            "A rich peasant.",
            "the state planning agency",
            "Those Bolsheviks who, in 1917, had advised against a rising.",
            "NEP was a policy of limited private trade.",
            "A planned economy run from Moscow.",
            "Minister responsible for the national minorities.",
            "Putting better pay before the revolution.",
        ] {
            assert!(definition(text, "NEP", Trust::Strict).is_some(), "{text}");
        }
    }

    #[test]
    fn prose_dates_and_questions_are_no_definitions() {
        for text in [
            "The NEP was introduced in 1921.",
            "Stalin had also gained from the changes.",
            "He then became Commissar for War.",
            "21 January 1924",
            "May 1924",
            "left",
            "What was the NEP?",
            "In this post he was in charge of officials.",
            "Kamenev and Zinoviev joined Stalin in a bloc.",
            "Lenin introduced it in 1921.",
            "It was not popular.",
        ] {
            assert_eq!(definition(text, "NEP", Trust::Strict), None, "{text}");
        }
    }

    #[test]
    fn a_box_allows_a_sentence_but_not_a_pronoun_or_an_essay() {
        let sentence = "Trotsky was not pressing for full democracy. He wanted debate.";
        assert!(definition(sentence, "Party democracy", Trust::Boxed).is_some());
        assert!(definition(sentence, "Party democracy", Trust::Strict).is_none());
        assert!(definition("His main criticism read: 'no'.", "x", Trust::Boxed).is_none());
        let essay = "One. Two. Three. Four sentences here.";
        assert!(definition(essay, "x", Trust::Boxed).is_none());
    }

    #[test]
    fn labels_are_told() {
        for text in [
            "Key terms",
            "Key question",
            "Unit 3:",
            "Summary diagram",
            "Step two",
        ] {
            assert!(is_label(text), "{text}");
        }
        for text in ["Kulak", "Key West Agreement", "Notes on the NEP era today"] {
            assert!(!is_label(text), "{text}");
        }
        assert!(is_box_label("Key terms:") && is_box_label("GLOSSARY"));
        assert!(!is_box_label("Key question"));
    }
}
