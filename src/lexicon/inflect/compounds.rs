//! Compounds (part of matching rule 10): two words written closed up,
//! hyphenated or spaced (`sharecropping`, `share cropping`,
//! `share-cropping`). [`super::variants`] adds a form's compounds to its
//! other variants, before their other number.
//!
//! A hyphen and a space are one already (matching rule 3), so a rule only
//! closes two words up or opens one word into two. It needs evidence that
//! the pair is a compound of the language rather than two words side by
//! side: a prefix ([`PREFIXES`]), or English words ([`is_english_word`]):
//! the whole, or both halves. Names with a word the list lacks (`Hampton
//! Court`) are not closed: people do not write them so, and a lexicon of
//! ten thousand such names would double its patterns.
//!
//! Why two English halves may close into no word (`sansculottes`): a
//! compound variant is matched as a whole, and a string that is no word
//! turns up in a text only where it means the compound, so the closed form
//! costs nothing in precision. Opening is the risky way, since its halves
//! are words a text may set side by side: a word opens only into two
//! English words of 4 letters or more (`carpool` is no `car pool`,
//! `democracy` no `demo cracy`), and a prefix opens an English word only
//! when it is one of [`CLEAR_PREFIXES`] (`democracy` is no `de mocracy`).

use super::Kind;
use crate::text::is_english_word;

/// Prefixes after which a word may be written closed, with a hyphen or
/// with a space (`antisemitism`, `anti-Semitism`).
pub const PREFIXES: [&str; 10] = [
    "anti", "counter", "de", "neo", "non", "post", "pre", "pro", "semi", "ultra",
];

/// The prefixes that open even a word that is an English word whole
/// (`antisemitism`); the others only open words the list lacks
/// (`dekulakisation`, not `democracy`).
const CLEAR_PREFIXES: [&str; 6] = ["anti", "counter", "neo", "non", "semi", "ultra"];

/// The fewest letters of each half of a compound that no prefix starts.
const HALF: usize = 4;

/// The form's compounds written another way: two words closed up
/// (`anti-Semitism`, `share cropping`, `sans-culottes`, `Prayer Book`)
/// where [`closes`] says so; a term of one word opened ([`opened`]).
///
/// ```text
/// "sans-culottes" (term)        → "sansculottes"
/// "Prayer Book Rebellion"       → "PrayerBook Rebellion"
/// "hillfort" (term)             → "hill fort"
/// ```
pub(super) fn compounds(form: &str, kind: Kind) -> Vec<String> {
    // Words and the separator after each (`-`, ` ` or none at the end).
    let pieces: Vec<(&str, &str)> = pieces(form);
    let mut out = Vec::new();
    for at in 1..pieces.len() {
        if closes(pieces[at - 1].0, pieces[at].0) {
            let mut text = String::new();
            for (i, (word, separator)) in pieces.iter().enumerate() {
                text.push_str(word);
                if i + 1 != at {
                    text.push_str(separator);
                }
            }
            out.push(text);
        }
    }
    if kind == Kind::Term && pieces.len() == 1 {
        out.extend(opened(form));
    }
    out
}

/// May the words `first` and `second` be written closed up? When the
/// first is a prefix, when the two make an English word (`share
/// cropping`), or when they are [`are_halves`] (`sans culottes`, `Prayer
/// Book`).
fn closes(first: &str, second: &str) -> bool {
    // The prefixes are ASCII: no other letter lower-cases to theirs.
    PREFIXES.iter().any(|p| p.eq_ignore_ascii_case(first))
        || is_english_word(&[first, second].concat())
        || are_halves(first, second)
}

/// Are `first` and `second` the halves of a compound: English words of
/// [`HALF`] letters or more each?
fn are_halves(first: &str, second: &str) -> bool {
    let half = |word: &str| word.chars().count() >= HALF && is_english_word(word);
    half(first) && half(second)
}

/// The words of `form` (split at spaces and hyphens), each with the
/// separator after it.
fn pieces(form: &str) -> Vec<(&str, &str)> {
    let mut pieces = Vec::new();
    let mut rest = form;
    while let Some(at) = rest.find([' ', '-']) {
        pieces.push((&rest[..at], &rest[at..=at]));
        rest = &rest[at + 1..];
    }
    pieces.push((rest, ""));
    pieces
}

/// A closed word opened into two (`hillfort` → `hill fort`, `antisemitism`
/// → `anti semitism`): at every place
/// where the halves are [`are_halves`], or the first is a prefix and the
/// rest 5 letters or more, when the whole is no English word or the
/// prefix is one of [`CLEAR_PREFIXES`].
fn opened(word: &str) -> Vec<String> {
    if !word.is_ascii() || !word.chars().all(|c| c.is_ascii_alphabetic()) {
        return Vec::new();
    }
    let lower = word.to_ascii_lowercase();
    let word_itself = is_english_word(&lower);
    (1..word.len())
        .filter(|&at| {
            let (first, rest) = (&lower[..at], &lower[at..]);
            let prefix = PREFIXES.contains(&first) && rest.len() >= 5;
            are_halves(first, rest) || (prefix && (!word_itself || CLEAR_PREFIXES.contains(&first)))
        })
        .map(|at| format!("{} {}", &word[..at], &word[at..]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::super::tests::has;
    use super::*;

    #[test]
    fn compounds_close_and_open() {
        assert!(has("anti-Semitism", Kind::Term, "antiSemitism"));
        assert!(has("antisemitism", Kind::Term, "anti semitism"));
        assert!(has("hillfort", Kind::Term, "hill fort"));
        assert!(has("sharecropping", Kind::Term, "share cropping"));
        assert!(has("share cropping", Kind::Term, "sharecropping"));
        assert!(has("dekulakisation", Kind::Term, "de kulakisation"));
        assert!(has(
            "Non-Aggression Pact",
            Kind::Event,
            "NonAggression Pact"
        ));
        // Only a term of one word opens; a prefix only where it is clear.
        assert!(opened("democracy").is_empty());
        assert!(!has("Friendship Treaty", Kind::Event, "Friend ship Treaty"));
        // Halves under 4 letters are no compound.
        assert_eq!(opened("carpool"), Vec::<String>::new());
        assert!(!has("All-Union Congress", Kind::Event, "AllUnion Congress"));
    }

    #[test]
    fn two_english_words_close_up() {
        // Two English words close up into no English word.
        assert!(has("sans-culottes", Kind::Term, "sansculottes"));
        assert!(has(
            "Prayer Book Rebellion",
            Kind::Event,
            "PrayerBook Rebellion"
        ));
        assert!(has("free labor", Kind::Term, "freelabor"));
        // A half the list lacks keeps the words apart, both ways.
        assert!(!has("Hampton Court", Kind::Place, "HamptonCourt"));
        assert!(!has("Pailmai Gruvyngren", Kind::Term, "PailmaiGruvyngren"));
        assert!(opened("carpetbagger").is_empty());
        // Figures are no half.
        assert!(!has("1905 Revolution", Kind::Event, "1905Revolution"));
    }
}
