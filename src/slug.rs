//! The one rule that turns a name into an id: lexicon entries made from a
//! card's term (`Lenin's Testament` → `lenin-s-testament`) and documents
//! named by their path (`week 1/notes.txt` → `week-1-notes`) both get
//! theirs here.
//!
//! An id is safe in a file name, a URL fragment and an HTML `id` on every
//! system, so it holds only ASCII: letters are transliterated first
//! (`Сталин` → `stalin`, `Piłsudski` → `pilsudski`, `北京` → `bei-jing`),
//! by the `deunicode` crate's tables, then lower-cased, and every run of
//! anything else becomes one `-`. Ids are lower case because the file
//! systems of macOS and Windows do not tell `Notes` from `notes`.

/// The id made from `name`: `[a-z0-9]+` words joined by single hyphens, or
/// an empty string if `name` has no letter or digit that transliterates.
///
/// ```
/// use glossator::slug::slug;
///
/// assert_eq!(slug("Lenin's  Testament"), "lenin-s-testament");
/// assert_eq!(slug("Сталин"), "stalin");
/// assert_eq!(slug("week 1/Notes"), "week-1-notes");
/// assert_eq!(slug("?!"), "");
/// ```
pub fn slug(name: &str) -> String {
    let ascii = deunicode::deunicode_with_tofu(name, "-");
    let words = ascii
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|word| !word.is_empty());
    let mut slug = String::with_capacity(ascii.len());
    for word in words {
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.extend(word.chars().map(|c| c.to_ascii_lowercase()));
    }
    slug
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_and_joins_words() {
        assert_eq!(slug("Józef Piłsudski"), "jozef-pilsudski");
        assert_eq!(slug("Ежовщина"), "ezhovshchina");
        assert_eq!(slug("Act of Supremacy (1534)"), "act-of-supremacy-1534");
        assert_eq!(slug("  --Five–Year   Plan--  "), "five-year-plan");
        assert_eq!(slug("a.b_c"), "a-b-c");
        assert_eq!(slug(""), "");
    }

    proptest::proptest! {
        /// Whatever the name, the id is empty or `[a-z0-9]+(-[a-z0-9]+)*`.
        #[test]
        fn ids_are_lower_case_ascii_words(name in "\\PC{0,20}") {
            let id = slug(&name);
            proptest::prop_assert!(
                id.is_empty() || id.split('-').all(|word| !word.is_empty()
                    && word.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
                "{name:?} -> {id:?}"
            );
        }
    }
}
