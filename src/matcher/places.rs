//! Place names in context (matching rule 11 of `docs/DESIGN.md`): a
//! place's form written inside a longer name, or one that is also an
//! ordinary word and stands where case cannot tell, is no mention of the
//! place.
//!
//! Case keeps most ordinary words out (`china`, `turkey`: the exact-case
//! forms of rule 1), but three uses look like the place to the matcher:
//!
//! * **"New" before it** makes another place: New Mexico, New England,
//!   New South Wales, New Britain are not Mexico, England, Wales, Britain.
//! * **A capitalised word after it that is no English word** makes a
//!   longer name: Georgia O'Keeffe, Chile Pepé. An English word or a month
//!   after it keeps the place (`Germany Invades Poland` in a heading,
//!   `Calais Jan 1558`; `Mexico City` is an entry of its own anyway), and
//!   so does a word that begins another hit (`Germany Poland` in a list
//!   without commas).
//! * **An ordinary word at a sentence start** ("Turkey and stuffing",
//!   "China cups"): a place form that is an English word in lower case,
//!   written where every sentence capitalises its first word and with no
//!   possessive after it (`Turkey’s border` is the place), counts only
//!   when the document names some other place that is not such a case.
//!   A history text names its places; a menu does not.
//!
//! Nested places (matching rule 6) are their outer span's words and are
//! left alone.

use super::resolve::{is_name_word, may_be_the_word};
use super::{Matcher, TermMatch};
use crate::lexicon::Kind;
use crate::text::{is_english_word, is_word_char};

/// Where a place hit stands, as this rule reads it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// Not a place, nested, or a place no context doubts.
    Sure,
    /// Part of another place's or a person's name: never a mention.
    OtherName,
    /// An ordinary word at a sentence start: a mention only if the
    /// document names another place.
    Doubtful,
}

impl Matcher {
    /// `hits` (resolved, in order) without the place hits that their
    /// context says are not the place.
    ///
    /// ```
    /// use glossator::{lexicon::Lexicon, matcher::Matcher, text::Normalized};
    ///
    /// let mut builder = Lexicon::builder();
    /// builder.add_toml("x.toml", r#"
    /// [[entry]]
    /// id = "mexico"
    /// name = "Mexico"
    /// kind = "place"
    /// definition = "A republic of North America."
    /// "#);
    /// let matcher = Matcher::new(&builder.build().unwrap());
    /// let text = "From New Mexico he went on to Mexico.";
    /// let hits = matcher.find(&Normalized::new(text)).collect();
    /// let kept = matcher.keep_places_in_context(text, matcher.resolve(text, hits));
    /// assert_eq!(kept.iter().map(|h| h.start).collect::<Vec<_>>(), [30]);
    /// ```
    pub fn keep_places_in_context(&self, text: &str, mut hits: Vec<TermMatch>) -> Vec<TermMatch> {
        let standing: Vec<Standing> = (0..hits.len())
            .map(|i| self.standing(text, &hits, i))
            .collect();
        let places_named = hits
            .iter()
            .zip(&standing)
            .any(|(hit, s)| *s == Standing::Sure && self.kinds[hit.entry] == Kind::Place);
        let mut index = 0;
        hits.retain(|_| {
            let keep = match standing[index] {
                Standing::Sure => true,
                Standing::OtherName => false,
                Standing::Doubtful => places_named,
            };
            index += 1;
            keep
        });
        hits
    }

    /// How the context of `hits[i]` stands on it.
    fn standing(&self, text: &str, hits: &[TermMatch], i: usize) -> Standing {
        let hit = &hits[i];
        if hit.nested || self.kinds[hit.entry] != Kind::Place {
            return Standing::Sure;
        }
        let next_hit = hits[i + 1..].iter().find(|h| !h.nested).map(|h| h.start);
        if after_new(text, hit.start) || name_continues(text, hit.end, next_hit) {
            return Standing::OtherName;
        }
        // The word list last: few places stand where a word may, and each
        // look-up in it is a cache miss or two (90,000 look-ups on 20 MB of
        // dense notes, 3% of annotate's perf samples, for 418 words).
        if may_be_the_word(text, hit.start, hit.end) && is_english_word(&text[hit.start..hit.end]) {
            return Standing::Doubtful;
        }
        Standing::Sure
    }
}

/// Is the word before `start` "New", with one space between?
fn after_new(text: &str, start: usize) -> bool {
    text[..start]
        .strip_suffix(' ')
        .and_then(|before| before.strip_suffix("New"))
        .is_some_and(|before| !before.chars().next_back().is_some_and(is_word_char))
}

/// Does a capitalised word that is no English word follow `end` after one
/// space, other than one that begins the next hit (at `next_hit`)?
fn name_continues(text: &str, end: usize, next_hit: Option<usize>) -> bool {
    let Some(after) = text[end..].strip_prefix(' ') else {
        return false;
    };
    if next_hit == Some(end + 1) {
        return false;
    }
    let in_name = |c: char| is_word_char(c) || c == '\'' || c == '’';
    let word = after.split(|c: char| !in_name(c)).next().unwrap_or("");
    is_name_word(word)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_makes_another_place() {
        assert!(after_new("New Mexico", 4));
        assert!(after_new("in New Mexico", 7));
        assert!(!after_new("Renew Mexico", 6));
        assert!(!after_new("new Mexico", 4));
        assert!(!after_new("New\nMexico", 4));
    }

    #[test]
    fn a_name_goes_on_after_a_place() {
        let continues = |text: &str, next_hit| name_continues(text, 7, next_hit);
        assert!(continues("Georgia O'Keeffe painted", None));
        assert!(continues("Georgia O’Keeffe painted", None));
        assert!(!continues("Georgia Invades", None));
        assert!(!continues("Georgia Jan 1921", None));
        assert!(!continues("Georgia and", None));
        assert!(!continues("Georgia, Armenia", None));
        assert!(!continues("Georgia Armenia", Some(8)));
        assert!(!continues("Georgia\nArmenia", None));
    }
}
