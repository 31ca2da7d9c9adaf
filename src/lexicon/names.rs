//! The forms people write for a person that the lexicon does not list
//! (matching rule 9 of `docs/DESIGN.md`): from "Ulysses S. Grant" the
//! surname "Grant", "Ulysses Grant", "U. S. Grant"; from "King Henry VIII
//! of England" the regnal name "Henry VIII" and its number as people also
//! write it ("Henry 8", "Henry 8th", "Henry the Eighth"); the first name
//! "Ulysses" or
//! "Henry", which counts only where the document's earlier mentions say
//! who it is (`matcher/resolve.rs`). Only person entries have these: a
//! party's or a term's words are never a name.
//!
//! A name is read as: a title or office first (`King`, `Pope`, `Lady`:
//! [`TITLES`]) is dropped; a comma (`Arthur, Prince of Wales`) or a lower-
//! case `of` or `the` (`Catherine of Aragon`, `Constantine the Great`) ends
//! the personal name, and one word left before an epithet (`the Great`, not
//! an ordinal: `Henry the Eighth`) is the name the ruler goes by alone,
//! derived as a surname is (`Constantine`); a last word in Roman numerals is a regnal number;
//! `Jr.` and `Sr.` are dropped. A first name that is an English word is
//! derived only after the title the listed name starts with, when that is
//! one written before first names ([`FIRST_NAME_TITLES`]): `Pope Clement`
//! from `Pope Clement VII`, never `Clement` alone. Of the words left, the first is the first
//! name, the last the surname (with a particle before it, `von
//! Ribbentrop`, both with and without it), and those between are middle
//! names or initials.

use crate::lexicon::inflect::unqualified;
use crate::lexicon::FirstNamesInUse;
use crate::text::{is_english_word, ordinal};

/// What a derived form is, which decides how the document's mentions
/// resolve it (see `matcher/resolve.rs`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum NameClass {
    /// A form that names the person in full: the regnal name (`Henry
    /// VIII`), the name without its middle names (`Ulysses Grant`) or with
    /// initials (`U. S. Grant`, `Robert E Lee`).
    Full,
    /// The surname alone (`Grant`).
    Surname,
    /// The first name alone (`Ulysses`, `Henry`).
    FirstName,
    /// A first name the lexicon's definitions call one person by alone
    /// (`Napoleon`: `lexicon::FirstNamesInUse`), which names them once the
    /// document has mentioned them by any name.
    KnownFirstName,
}

/// One form derived from a person's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DerivedName {
    /// The form, as people write it.
    pub text: String,
    /// What the form is, which decides how it resolves.
    pub class: NameClass,
}

/// The titles and offices written before a name. A capitalised title
/// before a person's name is part of its span (`President Lincoln`); one
/// at the start of a lexicon name is dropped to find the name.
pub const TITLES: &[&str] = &[
    "Admiral",
    "Archbishop",
    "Archduke",
    "Baron",
    "Bishop",
    "Capt",
    "Captain",
    "Cardinal",
    "Chairman",
    "Chancellor",
    "Col",
    "Colonel",
    "Commissar",
    "Comrade",
    "Count",
    "Countess",
    "Czar",
    "Dame",
    "Dr",
    "Duchess",
    "Duke",
    "Earl",
    "Emperor",
    "Empress",
    "Field Marshal",
    "Gen",
    "General",
    "Governor",
    "Kaiser",
    "King",
    "Lady",
    "Lieutenant",
    "Lord",
    "Lord Protector",
    "Major",
    "Marshal",
    "Miss",
    "Mr",
    "Mrs",
    "Ms",
    "Pope",
    "Premier",
    "President",
    "Prime Minister",
    "Prince",
    "Princess",
    "Queen",
    "Senator",
    "Sir",
    "Tsar",
    "Tsarina",
    "Vice President",
];

/// The titles of peers, who are called by their territory alone when
/// their name is title and territory (`Wellington` for `Duke of
/// Wellington`, `Essex` for `Earl of Essex`).
pub const PEERAGES: &[&str] = &["Baron", "Count", "Countess", "Duchess", "Duke", "Earl"];

/// The titles any person may have (`Mr Shaw`, `Mrs Jones`): before a
/// surname they say nothing about which person it is, where an office
/// (`President Lincoln`) does.
pub const COURTESY_TITLES: &[&str] = &["Dr", "Miss", "Mr", "Mrs", "Ms"];

/// The titles written before a first name (`King Henry`, `Pope Clement`,
/// `Lady Jane`, `Sir Thomas`): a sovereign's, a prince's, a pope's, a
/// knight's or a lady's. An office (`President`, `General`) goes before a
/// surname, and a courtesy title (`Mr`) says nothing.
pub const FIRST_NAME_TITLES: &[&str] = &[
    "Archduke", "Czar", "Dame", "Emperor", "Empress", "Kaiser", "King", "Lady", "Pope", "Prince",
    "Princess", "Queen", "Sir", "Tsar", "Tsarina",
];

/// Particles that belong to a surname (`von Ribbentrop`, `de Gaulle`).
const PARTICLES: &[&str] = &[
    "da", "de", "del", "della", "di", "du", "la", "le", "van", "von",
];

/// The forms derived from one of a person's listed forms, each once, the
/// form itself not among them; a first name the lexicon calls its bearer
/// by (`in_use`: `Lexicon::first_names_in_use`) is a known one.
///
/// ```
/// use glossator::lexicon::names::{derived_names, NameClass};
/// use glossator::lexicon::FirstNamesInUse;
///
/// let none = FirstNamesInUse::default();
/// let forms: Vec<(String, NameClass)> = derived_names("Ulysses S. Grant", &none)
///     .into_iter()
///     .map(|d| (d.text, d.class))
///     .collect();
/// assert!(forms.contains(&("Grant".into(), NameClass::Surname)));
/// assert!(forms.contains(&("Ulysses Grant".into(), NameClass::Full)));
/// assert!(forms.contains(&("U. S. Grant".into(), NameClass::Full)));
/// assert!(forms.contains(&("Ulysses".into(), NameClass::FirstName)));
/// ```
// The one `expect` below holds by construction (a comma was just found).
#[allow(clippy::missing_panics_doc)]
pub fn derived_names(form: &str, in_use: &FirstNamesInUse) -> Vec<DerivedName> {
    let mut out: Vec<DerivedName> = Vec::new();
    // `John Smith (explorer)`: the name is `John Smith`, in full.
    let form = match unqualified(form) {
        Some(bare) => {
            out.push(DerivedName {
                text: bare.to_string(),
                class: NameClass::Full,
            });
            bare
        }
        None => form,
    };
    let mut add = |text: String, class: NameClass| {
        if text != form && !text.is_empty() && !out.iter().any(|d| d.text == text) {
            out.push(DerivedName { text, class });
        }
    };
    let mut words: Vec<&str> = form.split_whitespace().collect();
    // A title first: `King Henry VIII`, `Pope Clement VII`, `Field Marshal X`.
    // Only titles whose first word is the name's are split into words:
    // this runs for every person's form at start-up.
    let first = words.first().copied().unwrap_or_default();
    let title = TITLES
        .iter()
        .filter(|t| {
            t.strip_prefix(first)
                .is_some_and(|rest| rest.is_empty() || rest.starts_with(' '))
        })
        .filter(|t| words.len() > t.split(' ').count())
        .filter(|t| t.split(' ').zip(&words).all(|(a, b)| a == *b))
        .max_by_key(|t| t.len());
    if let Some(title) = title {
        words.drain(..title.split(' ').count());
    }
    // A peer named by title and territory (`Duke of Wellington`) is
    // called by the territory alone, as a surname (`Wellington`).
    if let Some(["of", territory @ ..]) = title
        .filter(|t| PEERAGES.contains(t))
        .map(|_| words.as_slice())
    {
        if !territory.is_empty() && territory.iter().all(|w| is_name_word(w)) {
            add(territory.join(" "), NameClass::Surname);
        }
        return out;
    }
    // The personal name ends at a comma, `of` or `the`; `the` and a
    // capitalised word that is no ordinal is an epithet (`the Great`).
    let mut cut = false;
    let mut epithet = false;
    if let Some(end) = words.iter().position(|w| matches!(*w, "of" | "the")) {
        epithet = words[end] == "the"
            && words
                .get(end + 1)
                .is_some_and(|w| w.starts_with(char::is_uppercase) && !ORDINALS.contains(w));
        words.truncate(end);
        cut = true;
    }
    if let Some(end) = words.iter().position(|w| w.ends_with(',')) {
        words.truncate(end + 1);
        let last = words.last_mut().expect("a word ends with a comma");
        *last = last.trim_end_matches(',');
        cut = true;
    }
    while words
        .last()
        .is_some_and(|w| matches!(*w, "Jr." | "Jr" | "Sr." | "Sr"))
    {
        words.pop();
    }
    if words.is_empty() || !words.iter().all(|w| is_name_word(w)) {
        return out;
    }
    let first = words[0];
    // A first name that is an English word (`Clement`) is no name alone,
    // but it is after the title the listed name gives it (`Pope Clement`).
    // Other first names after a title are resolved per document
    // (`Lady Jane`, `King Henry`: `matcher/resolve.rs`).
    if let Some(title) = title.filter(|t| FIRST_NAME_TITLES.contains(t)) {
        if first.chars().count() >= 3 && !is_initial(first) && is_english_word(first) {
            add(format!("{title} {first}"), NameClass::Full);
        }
    }
    let regnal = words.len() >= 2 && is_roman(words[words.len() - 1]);
    if regnal {
        // `Henry VIII`, `Philip II`, and its number in figures or words.
        add(words.join(" "), NameClass::Full);
        let name = words[..words.len() - 1].join(" ");
        for number in regnal_numbers(words[words.len() - 1]) {
            add(format!("{name} {number}"), NameClass::Full);
        }
        if words.len() == 2 {
            add_first_name(first, in_use, &mut add);
        }
        return out;
    }
    if words.len() < 2 {
        match (cut, epithet) {
            // `Constantine` the Great, `Alfred` the Great: the one name a
            // ruler with an epithet goes by, called alone as a surname is.
            (true, true) => add(first.to_string(), NameClass::Surname),
            // `Catherine` of Aragon, `Arthur`, Prince of Wales: a first name.
            (true, false) => add_first_name(first, in_use, &mut add),
            (false, _) => add(words.join(" "), NameClass::Full),
        }
        return out;
    }
    let last = words.len() - 1;
    let surname_start = match last >= 2 && PARTICLES.contains(&words[last - 1]) {
        true => last - 1,
        false => last,
    };
    let surname = &words[surname_start..];
    let given = &words[..surname_start];
    // The full name as listed, without a title or a territory.
    add(words.join(" "), NameClass::Full);
    if !is_initial(words[last]) {
        add(surname.join(" "), NameClass::Surname);
        if surname.len() > 1 {
            add(words[last].to_string(), NameClass::Surname);
        }
    }
    if !is_initial(first) {
        // Middle names and initials dropped: `Ulysses Grant`.
        if given.len() > 1 {
            let surname = surname.join(" ");
            add(format!("{first} {surname}"), NameClass::Full);
            // Middle names as initials: `William T. Sherman`.
            let middle: Vec<String> = given[1..]
                .iter()
                .filter_map(|w| w.chars().next())
                .map(|c| format!("{c}."))
                .collect();
            add(
                format!("{first} {} {surname}", middle.join(" ")),
                NameClass::Full,
            );
        }
        add_first_name(first, in_use, &mut add);
    }
    // Initials without their full stops (`Robert E Lee`, `J E B Stuart`),
    // run together (`J.E.B. Stuart`), and for the given names
    // (`U. S. Grant`, `U.S. Grant`).
    let surname = surname.join(" ");
    let undotted: Vec<&str> = given.iter().map(|w| w.trim_end_matches('.')).collect();
    if given.iter().any(|w| is_initial(w)) {
        add(format!("{} {surname}", undotted.join(" ")), NameClass::Full);
    }
    let initials: Vec<String> = undotted
        .iter()
        .filter_map(|w| w.chars().next())
        .map(|c| format!("{c}."))
        .collect();
    if given.len() > 1 || is_initial(first) {
        add(format!("{} {surname}", initials.join(" ")), NameClass::Full);
        add(format!("{} {surname}", initials.concat()), NameClass::Full);
    }
    out
}

/// Adds `first` as a first-name form, unless it is too short to be one
/// or is an English word (`Stonewall` Jackson, `Grace`): a first name is a
/// weak clue already, and a word is a weaker one. One the lexicon's
/// definitions call its bearer by (`Napoleon`: `in_use`) is a
/// [`NameClass::KnownFirstName`], English word or not.
fn add_first_name(first: &str, in_use: &FirstNamesInUse, add: &mut impl FnMut(String, NameClass)) {
    if first.chars().count() < 3 || is_initial(first) {
        return;
    }
    if in_use.contains(first) {
        add(first.to_string(), NameClass::KnownFirstName);
    } else if !is_english_word(first) {
        add(first.to_string(), NameClass::FirstName);
    }
}

/// A word of a personal name: capitalised (`Grant`, `McClellan`), an
/// initial (`S.`), a Roman numeral, or a particle (`von`).
fn is_name_word(word: &str) -> bool {
    PARTICLES.contains(&word)
        || word.chars().next().is_some_and(char::is_uppercase)
            && word
                .chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
}

/// `S.`, `E`, `J.E.B.`: capitals each followed by a full stop, or one
/// capital alone.
fn is_initial(word: &str) -> bool {
    let letters = word.trim_end_matches('.');
    letters.chars().count() == 1 && letters.chars().all(char::is_uppercase)
        || word.len() >= 4
            && word
                .split_terminator('.')
                .all(|part| part.chars().count() == 1 && part.chars().all(char::is_uppercase))
}

/// The ordinals in words, `First` to `Twentieth`: after `the`, a regnal
/// number (`Henry the Eighth`), not an epithet (`the Great`).
const ORDINALS: [&str; 20] = [
    "First",
    "Second",
    "Third",
    "Fourth",
    "Fifth",
    "Sixth",
    "Seventh",
    "Eighth",
    "Ninth",
    "Tenth",
    "Eleventh",
    "Twelfth",
    "Thirteenth",
    "Fourteenth",
    "Fifteenth",
    "Sixteenth",
    "Seventeenth",
    "Eighteenth",
    "Nineteenth",
    "Twentieth",
];

/// The other ways people write the regnal number `roman` (`VIII`): `8`,
/// `8th`, `the 8th`, `the Eighth` (up to the twentieth in words); none
/// for a run of numeral letters that is no canonical Roman number.
fn regnal_numbers(roman: &str) -> Vec<String> {
    let Some(n) = roman_value(roman) else {
        return Vec::new();
    };
    let nth = ordinal(n as i32);
    let mut numbers = vec![n.to_string(), format!("the {nth}"), nth];
    if let Some(word) = ORDINALS.get(n as usize - 1) {
        numbers.push(format!("the {word}"));
    }
    numbers
}

/// The value of a canonical Roman number up to 89 (`XIV` is 14; `IIII`
/// and `IL` are none): read digit by digit, then written back and
/// compared, so only the one canonical spelling of a number counts.
fn roman_value(roman: &str) -> Option<u32> {
    const NUMERALS: [(&str, u32); 7] = [
        ("L", 50),
        ("XL", 40),
        ("X", 10),
        ("IX", 9),
        ("V", 5),
        ("IV", 4),
        ("I", 1),
    ];
    let digit = |c: char| {
        NUMERALS
            .iter()
            .find(|(s, _)| s.len() == 1 && s.starts_with(c))
    };
    let values: Vec<u32> = roman
        .chars()
        .map(|c| digit(c).map(|&(_, v)| v))
        .collect::<Option<_>>()?;
    let value: u32 = values
        .iter()
        .enumerate()
        .map(|(i, &v)| match values.get(i + 1) {
            Some(&next) if next > v => 0u32.wrapping_sub(v),
            _ => v,
        })
        .fold(0u32, u32::wrapping_add);
    let mut written = String::new();
    let mut rest = value;
    for (numeral, v) in NUMERALS {
        while rest >= v {
            written.push_str(numeral);
            rest -= v;
        }
    }
    (value > 0 && written == roman).then_some(value)
}

/// A regnal number: `I`, `II`, `VIII`, `XIV`.
fn is_roman(word: &str) -> bool {
    !word.is_empty() && word.len() <= 6 && word.chars().all(|c| "IVXL".contains(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn forms(name: &str) -> Vec<(String, NameClass)> {
        derived_names(name, &FirstNamesInUse::default())
            .into_iter()
            .map(|d| (d.text, d.class))
            .collect()
    }

    fn has(name: &str, text: &str, class: NameClass) -> bool {
        forms(name).contains(&(text.to_string(), class))
    }

    #[test]
    fn names_case_by_case() {
        use NameClass::*;
        for (name, text, class) in [
            ("Abraham Lincoln", "Lincoln", Surname),
            ("Abraham Lincoln", "Abraham", FirstName),
            ("Mary Todd Lincoln", "Mary Lincoln", Full),
            ("Robert E. Lee", "Robert E Lee", Full),
            ("Robert E. Lee", "Robert Lee", Full),
            ("Robert E. Lee", "Lee", Surname),
            ("J. E. B. Stuart", "Stuart", Surname),
            ("J. E. B. Stuart", "J.E.B. Stuart", Full),
            ("J. E. B. Stuart", "J E B Stuart", Full),
            ("Ulysses S. Grant", "U.S. Grant", Full),
            ("King Henry VIII of England", "Henry VIII", Full),
            ("King Henry VIII of England", "Henry", FirstName),
            ("Pope Clement VII", "Clement VII", Full),
            ("Philip II of Spain", "Philip II", Full),
            ("Catherine of Aragon", "Catherine", FirstName),
            ("Arthur, Prince of Wales", "Arthur", FirstName),
            ("Duke of Wellington", "Wellington", Surname),
            ("Earl of Essex", "Essex", Surname),
            ("William Tecumseh Sherman", "William T. Sherman", Full),
            ("Lady Jane Grey", "Jane Grey", Full),
            ("Lady Jane Grey", "Grey", Surname),
            ("Joachim von Ribbentrop", "von Ribbentrop", Surname),
            ("Joachim von Ribbentrop", "Ribbentrop", Surname),
            ("King Henry VIII of England", "Henry 8", Full),
            ("Henry VIII", "Henry 8th", Full),
            ("Henry VIII", "Henry the Eighth", Full),
            ("Edward VI", "Edward the 6th", Full),
            ("Elizabeth I", "Elizabeth 1st", Full),
            ("Pope Clement VII", "Clement 7", Full),
            ("Louis XIV", "Louis the Fourteenth", Full),
            ("Pope Clement VII", "Pope Clement", Full),
            ("Lady Jane Grey", "Jane", FirstName),
        ] {
            assert!(has(name, text, class), "{name}: {:?}", forms(name));
        }
        // Not names, or nothing to derive.
        assert!(forms("Stalin").is_empty());
        assert!(forms("Elizabeth I").contains(&("Elizabeth".into(), FirstName)));
        // Only canonical Roman numbers have figures.
        for (roman, value) in [
            ("I", 1),
            ("IV", 4),
            ("IX", 9),
            ("XIV", 14),
            ("XL", 40),
            ("LXXXIX", 89),
        ] {
            assert_eq!(roman_value(roman), Some(value), "{roman}");
        }
        for roman in ["IIII", "IL", "VX", "IIX", "VV", ""] {
            assert_eq!(roman_value(roman), None, "{roman}");
        }
        // A ruler with an epithet is called by the name alone, as by a
        // surname; an ordinal after `the` is no epithet.
        assert_eq!(
            forms("Constantine the Great"),
            [("Constantine".into(), Surname)]
        );
        assert_eq!(forms("Henry the Eighth"), [("Henry".into(), FirstName)]);
        assert_eq!(
            forms("Catherine of Aragon"),
            [("Catherine".into(), FirstName)]
        );
        assert!(forms("the Right").is_empty());
        assert!(!has("Julius Caesar", "Julius Caesar", Full));
        // A first name that is an English word is no clue on its own.
        assert!(has("Stonewall Jackson", "Jackson", Surname));
        assert!(!has("Stonewall Jackson", "Stonewall", FirstName));
        // An English first name is one after its title (`Pope Clement`),
        // but not alone; an office or courtesy title is not written before
        // a first name.
        assert!(!has("Pope Clement VII", "Clement", FirstName));
        assert!(!has("Lady Jane Grey", "Lady Jane", Full));
        assert!(!has("President Abraham Lincoln", "President Abraham", Full));
        assert!(!has("Mr John Smith", "Mr John", Full));
    }
}
