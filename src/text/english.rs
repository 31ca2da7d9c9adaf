//! Ordinary English words: the one home of "is this a dictionary word?".
//!
//! The rules that guess at what people write lean on it: a misspelling
//! is never a dictionary word (`Angels` is not a misspelt `Engels`), a
//! surname that is also a common word (`Grant`, `More`) needs its capital
//! letter, and a lower-case acronym (`nkvd`) counts only where it is no
//! word (`nep` is none; `gulag` is one).
//!
//! The list is SCOWL's (Spell Checker Oriented Word Lists, Kevin
//! Atkinson), sizes 10 to 60 of its common, American, British and
//! first-variant spellings: about 80,000 words, both `colour` and `color`,
//! `organise` and `organize`, with their inflections, and no proper names
//! or capitalised words (`Lenin`, `German`), no abbreviations and no
//! possessives. Size 60 is the largest that SCOWL's author is confident
//! holds no misspellings. `data/words/` holds the list (one lower-cased
//! word a line), its licence and the script that makes it again from
//! Debian's `scowl` package; `build.rs` compiles it into an `fst` set
//! that is embedded in the binary and read in place.

use std::sync::LazyLock;

use fst::Set;

/// The compiled set, checked once (a header read, not a copy).
static WORDS: LazyLock<Set<&'static [u8]>> = LazyLock::new(|| {
    let bytes: &'static [u8] = include_bytes!(concat!(env!("OUT_DIR"), "/english.fst"));
    // build.rs wrote these bytes with fst's own builder.
    Set::new(bytes).expect("build.rs compiles data/words/english.txt into a valid fst set")
});

/// The longest word that is looked up without allocating (longer ones are
/// lower-cased into a `String`; the list's longest word has 24 letters).
const SHORT_WORD: usize = 32;

/// Is `word` an ordinary English word, in any case?
///
/// `word` is one word, as the matcher splits text: letters (an accented
/// one too: `café`), no apostrophe or hyphen, so `Stalin's` is asked as
/// `Stalin`. Names and other capitalised words are not ordinary words,
/// whatever their case.
///
/// ```
/// use glossator::text::is_english_word;
///
/// assert!(is_english_word("angels") && is_english_word("Grant") && is_english_word("colour"));
/// assert!(is_english_word("organize") && is_english_word("organise") && is_english_word("Café"));
/// assert!(!is_english_word("Engels") && !is_english_word("nkvd") && !is_english_word("German"));
/// ```
pub fn is_english_word(word: &str) -> bool {
    let words = &*WORDS;
    if !word
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        return words.contains(word);
    }
    if word.is_ascii() && word.len() <= SHORT_WORD {
        let mut lower = [0; SHORT_WORD];
        let lower = &mut lower[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return words.contains(lower);
    }
    words.contains(word.to_lowercase())
}

/// `n` and the noun that counts it, singular for one: what every count
/// shown to people (summaries, page headers, messages) is written with.
///
/// ```
/// use glossator::text::counted;
/// assert_eq!(counted(1, "document", "documents"), "1 document");
/// assert_eq!(counted(0, "document", "documents"), "0 documents");
/// ```
pub fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// `n` as an ordinal in figures: the one home of the English suffix rule
/// (dates in words and regnal numbers use it).
///
/// ```
/// use glossator::text::ordinal;
/// assert_eq!(ordinal(1), "1st");
/// assert_eq!(ordinal(22), "22nd");
/// assert_eq!(ordinal(13), "13th");
/// ```
pub fn ordinal(n: i32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_the_generated_one() {
        use fst::Streamer;
        let words = &*WORDS;
        assert!((70_000..90_000).contains(&words.len()), "{}", words.len());
        let mut longest = 0;
        let mut stream = words.stream();
        while let Some(word) = stream.next() {
            let word = std::str::from_utf8(word).expect("UTF-8 words");
            assert_eq!(word, word.to_lowercase(), "lower-cased");
            assert!(!word.contains('\''), "{word}: no possessives");
            longest = longest.max(word.len());
        }
        assert!(longest <= SHORT_WORD, "{longest}");
    }

    #[test]
    fn common_words_in_both_spellings_and_any_case() {
        for word in [
            "the",
            "angels",
            "grant",
            "More",
            "SERVICE",
            "conquest",
            "lee",
            "colour",
            "color",
            "organisation",
            "organization",
            "theatre",
            "theater",
            "gulag",
            "soviet",
            "tsar",
            "bolshevik",
            "commissar",
            "abbé",
            "Château",
            "purges",
        ] {
            assert!(is_english_word(word), "{word}");
        }
    }

    #[test]
    fn names_acronyms_and_misspellings_are_no_words() {
        for word in [
            "Stalin",
            "lenin",
            "Trotsky",
            "Bukharin",
            "Kirov",
            "Engels",
            "German",
            "Russian",
            "nep",
            "ogpu",
            "nkvd",
            "ussr",
            "Trotksy",
            "Stallin",
            "Lennin",
            "Kamenov",
            "Zinoview",
            "",
            "stalin's",
            "five-year",
            "angels\u{301}",
        ] {
            assert!(!is_english_word(word), "{word}");
        }
    }
}
