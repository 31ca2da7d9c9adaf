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
//! Debian's `scowl` package; `build.rs` embeds it in the binary with a
//! hash table over it (open addressing, FNV-1a: `english/hash.rs`), read
//! in place. A look-up hashes the word and compares it with the one or
//! two words its slots hold: the misspelling rule asks of every
//! capitalised word it may take, and an `fst` set, which the list was
//! before, took over a thousand instructions a word.

use std::sync::OnceLock;

mod hash;

/// The word list, lower-cased, each word followed by `\n`.
static WORDS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/english.words"));

/// The hash table over [`WORDS`]: little-endian `u32` slots, a power of
/// two of them, each 0 (empty) or one plus the offset of a word in
/// [`WORDS`], found by linear probing from the word's [`hash::hash`].
static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/english.table"));

/// Is the lower-cased `word` in the list?
fn listed(word: &[u8]) -> bool {
    let mask = TABLE.len() / 4 - 1;
    let mut slot = hash::hash(word) as usize & mask;
    loop {
        let bytes = TABLE[slot * 4..slot * 4 + 4]
            .try_into()
            .expect("four bytes");
        let Some(start) = (u32::from_le_bytes(bytes) as usize).checked_sub(1) else {
            return false;
        };
        let end = start + word.len();
        if WORDS.get(start..end) == Some(word) && WORDS.get(end) == Some(&b'\n') {
            return true;
        }
        slot = (slot + 1) & mask;
    }
}

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
    if !word
        .bytes()
        .any(|b| b.is_ascii_uppercase() || !b.is_ascii())
    {
        return listed(word.as_bytes());
    }
    if word.is_ascii() && word.len() <= SHORT_WORD {
        let mut lower = [0; SHORT_WORD];
        let lower = &mut lower[..word.len()];
        lower.copy_from_slice(word.as_bytes());
        lower.make_ascii_lowercase();
        return listed(lower);
    }
    listed(word.to_lowercase().as_bytes())
}

/// The words English writes capitalised (SCOWL's `upper` lists of the same
/// spellings and sizes: nationalities, languages, creeds, places and
/// well-known names), one a line as written, sorted by bytes.
static CAPITALISED: &str = include_str!("../../data/words/capitalised.txt");

/// Is `word` one that English writes capitalised, as written: a
/// nationality, a language, a creed, a place or a well-known name?
///
/// A rule that takes an unknown capitalised word for part of a name asks
/// it: `American` or `Jacobin` before a name is as often an adjective,
/// and `John` another person's forename, as part of that name.
///
/// ```
/// use glossator::text::is_capitalised_word;
///
/// assert!(is_capitalised_word("American") && is_capitalised_word("Jacobin"));
/// assert!(!is_capitalised_word("Gaius") && !is_capitalised_word("american"));
/// ```
pub fn is_capitalised_word(word: &str) -> bool {
    static SORTED: OnceLock<Vec<&str>> = OnceLock::new();
    SORTED
        .get_or_init(|| CAPITALISED.lines().collect())
        .binary_search(&word)
        .is_ok()
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

    /// The capitalised words are in byte order (a binary search needs it)
    /// and each is found.
    #[test]
    fn the_capitalised_list_is_sorted_and_found() {
        let words: Vec<&str> = CAPITALISED.lines().collect();
        assert!((5_000..8_000).contains(&words.len()), "{}", words.len());
        assert!(words.windows(2).all(|w| w[0] < w[1]), "sorted, no repeats");
        assert!(words.iter().all(|w| is_capitalised_word(w)));
        assert!(words.iter().all(|w| w.starts_with(char::is_uppercase)));
    }

    /// Every word of the generated list, and only those: each is found,
    /// and so is nothing a letter longer or shorter.
    #[test]
    fn the_list_is_the_generated_one() {
        let words: Vec<&str> = std::str::from_utf8(WORDS)
            .expect("UTF-8 words")
            .lines()
            .collect();
        assert!((70_000..90_000).contains(&words.len()), "{}", words.len());
        let mut longest = 0;
        for word in &words {
            assert_eq!(*word, word.to_lowercase(), "lower-cased");
            assert!(!word.contains('\''), "{word}: no possessives");
            assert!(is_english_word(word), "{word}");
            longest = longest.max(word.len());
        }
        assert!(longest <= SHORT_WORD, "{longest}");
        let sorted: std::collections::BTreeSet<&str> = words.iter().copied().collect();
        for word in words.iter().step_by(97) {
            let longer = format!("{word}q");
            assert_eq!(listed(longer.as_bytes()), sorted.contains(longer.as_str()));
            let shorter = &word[..word.char_indices().last().map_or(0, |(i, _)| i)];
            assert_eq!(listed(shorter.as_bytes()), sorted.contains(shorter));
        }
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
