//! Shortened names (part of matching rule 10): the shorter ways people
//! write the name of an event, place or term: the place an event or
//! building is named after (`Bosworth`, `Hampton Court`, `First Bull Run`),
//! a numbered name (`Six Articles`), the name without a `the` inside it,
//! and the usual abbreviations (`St`, `Ft.`, `Mt`). [`super::variants`]
//! adds them to a form's other variants.

use super::{head_at, plurals, singulars};
use crate::dates::is_month;
use crate::lexicon::names::TITLES;
use crate::lexicon::Kind;
use crate::text::is_english_word;

/// The nouns of an event named after where it happened (`Battle of
/// Bosworth`), which people leave out (`at Bosworth`).
const EVENT_HEADS: [&str; 5] = ["Battle", "Siege", "Treaty", "Peace", "Edict"];

/// The nouns of a place named after its site (`Hampton Court Palace`),
/// which people leave out (`Hampton Court`).
const PLACE_HEADS: [&str; 5] = ["Abbey", "Castle", "Cathedral", "Court House", "Palace"];

/// The ordinals that tell apart events of one name (`First Battle of Bull
/// Run`), which people keep when they leave out the head (`First Bull Run`).
const ORDINALS: [&str; 5] = ["First", "Second", "Third", "Fourth", "Fifth"];

/// The number words that start a numbered name (`Six Articles`).
const NUMBER_WORDS: [&str; 12] = [
    "Two",
    "Three",
    "Four",
    "Five",
    "Six",
    "Seven",
    "Eight",
    "Nine",
    "Ten",
    "Eleven",
    "Twelve",
    "Forty-Two",
];

/// Words written short, each with its short forms (`St Helena`, `Ft.
/// Sumter`, `Mt. Vernon`), and the short forms written out.
const ABBREVIATIONS: [(&str, &[&str]); 3] = [
    ("Saint", &["St", "St."]),
    ("Fort", &["Ft", "Ft."]),
    ("Mount", &["Mt", "Mt."]),
];

/// The shorter ways people write the name of an event, place or term (see
/// [`named_after_place`], [`without_inner_the`], [`abbreviated`]), and
/// the abbreviations of each.
pub(super) fn shortened(form: &str, kind: Kind) -> Vec<String> {
    let mut out: Vec<String> = named_after_place(form, kind).into_iter().collect();
    out.extend(numbered(form, kind));
    out.extend(without_inner_the(form));
    let abbreviated: Vec<String> = std::iter::once(form)
        .chain(out.iter().map(String::as_str))
        .flat_map(abbreviated)
        .collect();
    out.extend(abbreviated);
    out
}

/// The short name of an event or place (or a term that is one by its
/// head noun) named after a place
/// (`Bosworth` from `Battle of Bosworth`, `Battle of the Somme`;
/// `Hampton Court` from `Hampton Court Palace`), when that name is
/// capitalised words of which one at least is no English word (a name,
/// not `Union` or `Supremacy`); with an ordinal before the head, the
/// ordinal and the name, which the ordinal makes a name even of English
/// words (`First Bull Run` from `First Battle of Bull Run`); none
/// otherwise.
fn named_after_place(form: &str, kind: Kind) -> Option<String> {
    let (ordinal, form) = ORDINALS
        .iter()
        .find_map(|o| Some((Some(*o), form.strip_prefix(o)?.strip_prefix(' ')?)))
        .unwrap_or((None, form));
    // A flashcard's event is a term (card kinds are person, place or
    // term): the head noun says what it is.
    let event = matches!(kind, Kind::Event | Kind::Term).then(|| {
        EVENT_HEADS.iter().find_map(|head| {
            let rest = form.strip_prefix(head)?.strip_prefix(" of ")?;
            Some(rest.strip_prefix("the ").unwrap_or(rest))
        })
    });
    let place = matches!(kind, Kind::Place | Kind::Term).then(|| {
        PLACE_HEADS
            .iter()
            .find_map(|head| form.strip_suffix(head)?.strip_suffix(' '))
    });
    let rest = event.flatten().or(place.flatten())?;
    let words: Vec<&str> = rest.split(' ').collect();
    let capitalised = words.iter().all(|w| {
        w.starts_with(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || c == '-')
    });
    let named = words.iter().any(|w| !is_english_word(w)) && rest.chars().count() >= 4;
    match ordinal {
        Some(ordinal) if capitalised => Some(format!("{ordinal} {rest}")),
        None if capitalised && named => Some(rest.to_string()),
        _ => None,
    }
}

/// The words a name is called by after `the` (matching rule 13: the
/// matcher takes them only there, capitalised, and not before `of` or
/// another capitalised word). Of a name of an organisation, event, term or
/// place of two words or more, not starting with `the`:
///
/// * its head noun, the word before the first `of`, `for`, `in`, `on` or
///   `to` (`Committee` from `Committee of Public Safety`, `Tower` from
///   `Tower of London`), else, but not for a place, the last word
///   (`Convention` from `National Convention`, `Klan` from `Ku Klux
///   Klan`);
/// * for `H of [the] Y` with Y one English word in the singular, Y
///   (`Terror` from `Reign of Terror`; not `Soviets` from `Congress of
///   Soviets`): a common noun the name has made its own.
///
/// Each must be a capitalised word of letters, 4 or more, and no title
/// (`General`), month (`March` in `Women's March on Versailles`), ordinal
/// or number word: those are called so on their own.
///
/// ```
/// use glossator::lexicon::{inflect::heads, Kind};
///
/// assert_eq!(heads("Reign of Terror", Kind::Event), ["Reign", "Terror"]);
/// assert_eq!(heads("National Convention", Kind::Org), ["Convention"]);
/// assert_eq!(heads("Tower of London", Kind::Place), ["Tower"]);
/// assert!(heads("Mississippi River", Kind::Place).is_empty());
/// assert_eq!(heads("Congress of Soviets", Kind::Org), ["Congress"]);
/// assert!(heads("Attorney General", Kind::Term).is_empty());
/// assert!(heads("Abraham Lincoln", Kind::Person).is_empty());
/// ```
pub fn heads(form: &str, kind: Kind) -> Vec<String> {
    let words: Vec<&str> = form.split(' ').collect();
    if kind == Kind::Person || words.len() < 2 || words[0].eq_ignore_ascii_case("the") {
        return Vec::new();
    }
    let head = match head_at(&words) {
        Some(at) => Some(words[at]),
        None => (kind != Kind::Place).then(|| words[words.len() - 1]),
    };
    let object = form.split_once(" of ").and_then(|(_, rest)| {
        let rest = rest.strip_prefix("the ").unwrap_or(rest);
        let plural = singulars(rest).iter().any(|s| is_english_word(s));
        (!rest.contains(' ') && is_english_word(rest) && !plural).then_some(rest)
    });
    let called_so = |word: &&str| {
        word.starts_with(char::is_uppercase)
            && word.chars().count() >= 4
            && word.chars().all(char::is_alphabetic)
            && !TITLES.contains(word)
            && !is_month(word)
            && !ORDINALS.contains(word)
            && !NUMBER_WORDS.contains(word)
    };
    head.into_iter()
        .chain(object)
        .filter(called_so)
        .map(str::to_string)
        .collect()
}

/// The nouns of a body named after what its members are called (`Jacobin
/// Club`, `Republican Party`), whose members are its name's first word in
/// the plural (`Jacobins`, `Republicans`).
const MEMBERS_BODIES: [&str; 5] = ["Club", "League", "Movement", "Party", "Society"];

/// What the members of an organisation (or a term) named `X Club`, `X Party`, `X
/// League`, `X Society` or `X Movement` are called (matching rule 14): X
/// in the plural (`Jacobins` from `Jacobin Club`, `Whigs` from `Whig
/// Party`), when X is one capitalised word of letters, three or more, not
/// ending in `s` (`Spartacus League`), and no title; the matcher takes them only capitalised (`Teas` is a name,
/// `teas` a drink).
///
/// ```
/// use glossator::lexicon::{inflect::members, Kind};
///
/// assert_eq!(members("Jacobin Club", Kind::Org), ["Jacobins"]);
/// assert_eq!(members("Republican Party", Kind::Org), ["Republicans"]);
/// assert!(members("Communist Party of the Soviet Union", Kind::Org).is_empty());
/// assert!(members("People's Party", Kind::Org).is_empty());
/// assert!(members("Jacobin Club", Kind::Place).is_empty());
/// ```
pub fn members(form: &str, kind: Kind) -> Vec<String> {
    let Some((first, body)) = form.split_once(' ') else {
        return Vec::new();
    };
    let named = first.starts_with(char::is_uppercase)
        && first.chars().count() >= 3
        && first.chars().all(char::is_alphabetic)
        && !first.ends_with('s')
        && !TITLES.contains(&first);
    // A flashcard's organisation is a term (card kinds are person, place
    // or term): the body's noun says what it is.
    let body_kind = matches!(kind, Kind::Org | Kind::Term);
    match body_kind && named && MEMBERS_BODIES.contains(&body) {
        true => plurals(first),
        false => Vec::new(),
    }
}

/// A name without the bracketed qualifier a glossary adds to tell it
/// from another or to date it (`Mercury` from `Mercury (planet)`,
/// `Darkness at Noon` from `Darkness at Noon (1940)`), which texts leave
/// out: the form before a last ` (…)` that ends it, if that is not empty
/// and holds no bracket. The matcher takes the name without its qualifier
/// in place of the name (matching rule 10).
///
/// ```
/// use glossator::lexicon::inflect::unqualified;
///
/// assert_eq!(unqualified("Mercury (planet)"), Some("Mercury"));
/// assert_eq!(unqualified("Chinese Revolution (1925-27)"), Some("Chinese Revolution"));
/// assert_eq!(unqualified("Mercury"), None);
/// assert_eq!(unqualified("(planet)"), None);
/// assert_eq!(unqualified("Henry (VIII) (king)"), None);
/// ```
pub fn unqualified(form: &str) -> Option<&str> {
    let (bare, qualifier) = form.strip_suffix(')')?.rsplit_once(" (")?;
    let bare = bare.trim_end();
    let plain = |text: &str| !text.contains(['(', ')']);
    (!bare.is_empty() && plain(bare) && plain(qualifier)).then_some(bare)
}

/// The numbered name of an event or term named `X of [the] N Y`, where N
/// is a number in words or figures and Y capitalised words (`Six
/// Articles` from `Act of the Six Articles`, `18 Brumaire` from `Coup of
/// 18 Brumaire`): a number makes a name even of English words.
fn numbered(form: &str, kind: Kind) -> Option<String> {
    if !matches!(kind, Kind::Event | Kind::Term) {
        return None;
    }
    let (head, rest) = form.split_once(" of ")?;
    let rest = rest.strip_prefix("the ").unwrap_or(rest);
    let mut words = rest.split(' ');
    let number = words.next()?;
    let counted = NUMBER_WORDS.contains(&number) || number.bytes().all(|b| b.is_ascii_digit());
    let named = words.all(|w| w.starts_with(char::is_uppercase) && w.len() >= 3);
    let simple_head = head.starts_with(char::is_uppercase) && !head.contains(' ');
    (counted && named && simple_head && rest.contains(' ')).then(|| rest.to_string())
}

/// The form without a `the` after an `of` inside it (`Field of Cloth of
/// Gold` from `Field of the Cloth of Gold`), if it has one.
fn without_inner_the(form: &str) -> Option<String> {
    form.contains(" of the ")
        .then(|| form.replace(" of the ", " of "))
}

/// The form with each word of [`ABBREVIATIONS`] written short, or written
/// out where the form has it short: `St Helena` and `St. Helena` from
/// `Saint Helena`, `Fort Sumter` and `Ft Sumter` from `Ft. Sumter`.
fn abbreviated(form: &str) -> Vec<String> {
    let words: Vec<&str> = form.split(' ').collect();
    let mut out: Vec<String> = Vec::new();
    for (at, word) in words.iter().enumerate() {
        let Some((long, shorts)) = ABBREVIATIONS
            .iter()
            .find(|(long, shorts)| long == word || shorts.contains(word))
        else {
            continue;
        };
        let others = std::iter::once(*long).chain(shorts.iter().copied());
        for other in others.filter(|other| other != word) {
            let mut words = words.clone();
            words[at] = other;
            out.push(words.join(" "));
        }
    }
    out
}
