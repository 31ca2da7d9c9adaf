//! The kind of a flashcard's entry. A teacher's export has no kinds, but
//! its definitions say what each card is, in the way glossaries write
//! them: a person's card gives life dates or starts with an office or a
//! relation ("Union general (1822–1885)", "Wife of …", "was the 16th
//! president"); a place's starts with what kind of place it is ("A steel
//! city in the southern Urals"). The rules, in order:
//!
//! 1. A kind column or a tag naming a kind says it (see [`super::cards`]).
//! 2. Only a card whose term starts with a capital letter names one
//!    person or place; `client king`, `hillfort` are terms.
//! 3. The definition's *head nouns* decide: the last word of each part
//!    (split at `and`, `or`, `&`) of its opening phrase, which ends at the
//!    first `,` `;` `:` `(` `.`, relative word (`who`, `which` …) or
//!    preposition (`of`, `in` …), and starts after a `was`/`is` before
//!    those ("Lincoln was the 16th president" → `president`). A head noun that
//!    is an office, a role or a relation ([`PERSON_NOUNS`]) makes a person;
//!    one that is a kind of place ([`PLACE_NOUNS`]), a place.
//! 4. Otherwise life dates make a person: a parenthesis with a span of
//!    years, or a year after `b.`, `d.` or `fl.` ("(1809–1865)", "(c. AD
//!    56 – c. 120)", "(d. AD 60)"), unless a head noun is one of an event
//!    or period ([`NOT_PERSON_NOUNS`]: "War between the states (1861–1865)").
//! 5. Anything else is a term.

use super::Kind;

/// The kind rules 2-5 give a card (rule 1 is the caller's).
pub(super) fn infer(term: &str, definition: &str) -> Kind {
    if !term.chars().next().is_some_and(char::is_uppercase) {
        return Kind::Term;
    }
    let heads = head_nouns(definition);
    let any_in = |list: &str| heads.iter().any(|head| is_in(head, list));
    if any_in(PERSON_NOUNS) {
        Kind::Person
    } else if any_in(PLACE_NOUNS) {
        Kind::Place
    } else if has_life_dates(definition) && !any_in(NOT_PERSON_NOUNS) {
        Kind::Person
    } else {
        Kind::Term
    }
}

/// Words that name a person by office, occupation or relation.
const PERSON_NOUNS: &str =
    "abbot abolitionist activist admiral ambassador apostle archbishop architect aristocrat \
     artist author bishop boss brother captain cardinal chairman chancellor chief chieftain \
     colonel commander commissar composer consul cousin daughter diplomat dictator duchess \
     duke earl economist emperor empress explorer father founder general governor heir \
     historian husband inventor journalist judge khan king lawyer leader lord marshal \
     minister missionary monk mother nephew niece novelist officer painter philosopher \
     playwright poet politician pope premier president priest prince princess prophet \
     prosecutor queen rebel reformer regent revolutionary ruler saint scientist scholar \
     secretary senator sister soldier son speaker spy statesman stateswoman sultan theologian \
     theorist tsar tsarina tyrant widow wife writer";

/// Words that name a kind of place.
const PLACE_NOUNS: &str =
    "bay camp canal capital castle city coast colony continent country county desert district \
     fort fortress forest harbour harbor hill island lake mountain palace peninsula port \
     province region river sea settlement strait town valley village wall";

/// Words that name an event, a period or a thing, whose years in
/// parentheses are not life dates.
const NOT_PERSON_NOUNS: &str =
    "act age battle campaign conflict crisis dynasty era famine law movement period plan \
     policy rebellion reign revolt revolution rising siege treaty uprising war";

/// Whether `word` (lower case) or its singular is in `list` (words
/// separated by white space).
fn is_in(word: &str, list: &str) -> bool {
    let singular = word.strip_suffix('s').filter(|s| !s.is_empty());
    list.split_whitespace()
        .any(|listed| listed == word || Some(listed) == singular)
}

/// The head nouns of a definition's opening phrase (rule 3), lower case.
fn head_nouns(definition: &str) -> Vec<String> {
    let end = definition
        .find([',', ';', ':', '(', '.', '—', '–'])
        .unwrap_or(definition.len());
    let words: Vec<String> = definition[..end]
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let stop = |words: &[String]| {
        let ends = words.iter().position(|w| is_in(w, ENDS_PHRASE));
        ends.unwrap_or(words.len())
    };
    let start = words[..stop(&words)]
        .iter()
        .position(|w| matches!(w.as_str(), "was" | "is" | "were" | "are"))
        .map_or(0, |at| at + 1);
    let phrase = &words[start..];
    let stop = stop(phrase);
    phrase[..stop]
        .split(|w| matches!(w.as_str(), "and" | "or" | "&" | ""))
        .filter_map(|part| part.last().cloned())
        .collect()
}

/// Words that end a definition's opening phrase: relative words and
/// prepositions.
const ENDS_PHRASE: &str =
    "who whose whom which that where when of in on at from for with by to between during \
     against under near across over after before about around into under beside until";

/// Whether a definition gives life dates (rule 4).
fn has_life_dates(definition: &str) -> bool {
    definition
        .split('(')
        .skip(1)
        .filter_map(|after| after.split_once(')').map(|(inside, _)| inside))
        .any(is_life_dates)
}

/// Whether the text inside a parenthesis is life dates: a span of years,
/// or one year after `b.`, `d.` or `fl.` (each year perhaps with `c.`,
/// `AD`, `BC`, `CE`, `BCE`).
fn is_life_dates(inside: &str) -> bool {
    let mut words = inside
        .split(|c: char| c.is_whitespace() || matches!(c, '–' | '—' | '-'))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_end_matches(','));
    let mut years = 0;
    let mut marked = false;
    for word in words.by_ref() {
        match word.to_ascii_lowercase().as_str() {
            "b." | "d." | "fl." | "born" | "died" => marked = true,
            "c." | "ca." | "circa" | "ad" | "bc" | "ce" | "bce" => {}
            year if (1..=4).contains(&year.len()) && year.bytes().all(|b| b.is_ascii_digit()) => {
                years += 1;
            }
            _ => return false,
        }
    }
    years == 2 || (years == 1 && marked)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Cards as teachers write them, and the kind each names: `kind | term
    /// | definition`, `#` comments.
    const CASES: &str = "
# Life dates, in the forms glossaries give them.
person | Abraham Lincoln | 16th president of the United States (1809–1865).
person | Frederick Douglass | Abolitionist, writer and speaker (c. 1818–1895).
person | Julius Caesar | Roman general and politician (100–44 BC).
person | Claudius | Roman emperor (10 BC – AD 54).
person | Tacitus | Roman historian (c. AD 56 – c. 120).
person | Prasutagus | Ruled the Iceni (d. AD 60).
person | Сталин | Stalin in Russian (1878 - 1953).
person | Agricola | Gnaeus Julius Agricola (AD 40–93), governor of Britain.
# An office, role or relation, without dates.
person | Cartimandua | Queen of the Brigantes, loyal to Rome.
person | Thomas Boleyn | Father of Anne Boleyn, a diplomat.
person | Sergei Kirov | Leningrad party boss whose murder began the purges.
person | Trotsky | He was the founder of the Red Army.
person | Bukharin | Theorist whose book was a best seller (1888–1938).
person | Stonewall Jackson | Confederate general; Lee's best corps commander.
person | Aulus Plautius | Roman senator and general who led the invasion.
# A kind of place.
place | Magnitogorsk | A steel city in the southern Urals, built from 1929.
place | Lake Baikal | A lake in southern Siberia, the deepest in the world.
place | Gettysburg | Town in southern Pennsylvania where a battle was fought.
place | Tower of London | Royal fortress and prison beside the Thames.
place | Shenandoah Valley | Fertile valley in western Virginia.
place | Hadrian's Wall | Stone wall from the Tyne to the Solway, begun in AD 122.
place | Mississippi River | The great river of the Mississippi basin.
# Terms: years that are not a life, people in general, lower case.
term | American Civil War | War between the states (1861–1865).
term | Reformation Parliament | The Parliament of 1529–1536.
term | Uncle Tom's Cabin | A novel by Harriet Beecher Stowe (1852).
term | client king | A local ruler who kept his throne by serving Rome.
term | abolitionist | Someone who campaigned for the end of slavery.
term | hillfort | Iron Age settlement on a hilltop.
term | Lord Protector | Title of a regent who governed for a young king.
term | General strike | A general strike across the whole country.
term | Five-Year Plan | A plan for 1928–1932 set by Gosplan.
term | Gosplan | State planning committee (from 1921).
term | NEP | The policy (1921–1928) that allowed small private trade.
term | Kulak | A better-off peasant (as the party used the word).
term | Pravda | The party's daily paper, founded 1912.
";

    #[test]
    fn cards_get_the_kind_their_definition_says() {
        let cases = CASES
            .lines()
            .filter(|l| !l.is_empty() && !l.starts_with('#'));
        for case in cases {
            let [kind, term, definition] = case.splitn(3, " | ").collect::<Vec<_>>()[..] else {
                panic!("not `kind | term | definition`: {case}");
            };
            let kind = Kind::named(kind).unwrap_or_else(|| panic!("kind {kind}"));
            assert_eq!(infer(term, definition), kind, "{case}");
        }
    }

    #[test]
    fn life_dates_need_a_span_or_a_mark() {
        for dates in [
            "1809–1865",
            "c. 1501–1536",
            "b. 1900",
            "fl. AD 40–51",
            "d. 1924",
            "10 BC – AD 54",
        ] {
            assert!(is_life_dates(dates), "{dates}");
        }
        for not in ["1852", "from 1921", "1928–1932 plan", "Russian", "12345–1"] {
            assert!(!is_life_dates(not), "{not}");
        }
    }
}
