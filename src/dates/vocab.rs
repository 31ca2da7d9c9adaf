//! The words the date grammar knows: month, season, qualifier and ordinal
//! words and connectors (classified by [`classify`]), plus the word lists that
//! veto a bare number as a year: units and counted nouns after it, reference
//! words ("page", "p.") before it. All matching is ASCII case-insensitive.

/// The qualifier of an expression such as "early 1930s" or "late 1917".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Qualifier {
    Early,
    Mid,
    Late,
}

impl Qualifier {
    /// The qualifier as reported in [`super::DateMatch::qualifier`].
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            Qualifier::Early => "early",
            Qualifier::Mid => "mid",
            Qualifier::Late => "late",
        }
    }
}

/// A word with a role in the grammar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Word {
    /// A month name (1-12); `abbreviated` ones may be followed by a dot.
    Month {
        month: u8,
        abbreviated: bool,
    },
    /// A season, as its EDTF code: 21 spring, 22 summer, 23 autumn, 24 winter.
    Season(u8),
    Qualifier(Qualifier),
    /// An ordinal word naming a century ("nineteenth" = 19).
    Ordinal(u8),
    /// A word making the date after it approximate: "circa", "about",
    /// "around", "c.", "ca.".
    Approx,
    /// "twenty", the first half of "twenty-first".
    Twenty,
    Between,
    From,
    And,
    /// "to", "until", "till".
    To,
}

/// The month names, January first.
pub(crate) const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Longest word any list holds, in bytes.
const MAX_WORD: usize = 12;

/// `word` lowercased into `buf`, or `None` if it is longer than any known word.
fn lower<'b>(word: &str, buf: &'b mut [u8; MAX_WORD]) -> Option<&'b [u8]> {
    let bytes = word.as_bytes();
    let slot = buf.get_mut(..bytes.len())?;
    for (to, from) in slot.iter_mut().zip(bytes) {
        *to = from.to_ascii_lowercase();
    }
    Some(slot)
}

/// The grammatical role of `word`, if any. (Inlined: the grammar asks at
/// every word it looks at.)
#[inline]
pub(crate) fn classify(word: &str) -> Option<Word> {
    let mut buf = [0; MAX_WORD];
    let lowered = lower(word, &mut buf)?;
    month(lowered).or_else(|| other_word(lowered))
}

/// Is `word` a month's name or its abbreviation (`June`, `Sept`), in any
/// case? Other rules ask it too: a month after a place name does not make
/// it a longer name (matching rule 11).
pub(crate) fn is_month(word: &str) -> bool {
    matches!(classify(word), Some(Word::Month { .. }))
}

/// Is `word` a month's abbreviation (`Sept`, `dec`), in any case? A full
/// stop after one ends no sentence (`text::sentences`).
pub(crate) fn is_month_abbreviation(word: &str) -> bool {
    matches!(
        classify(word),
        Some(Word::Month {
            abbreviated: true,
            ..
        })
    )
}

/// Is `word` a month's full name or a season (`May`, `winter`, `fall`), in
/// any case? Such a word and a year open a dated line (`harvest`).
pub(crate) fn is_month_or_season(word: &str) -> bool {
    matches!(
        classify(word),
        Some(
            Word::Month {
                abbreviated: false,
                ..
            } | Word::Season(_)
        )
    )
}

fn month(word: &[u8]) -> Option<Word> {
    let (month, abbreviated) = match word {
        b"january" => (1, false),
        b"jan" => (1, true),
        b"february" => (2, false),
        b"feb" => (2, true),
        b"march" => (3, false),
        b"mar" => (3, true),
        b"april" => (4, false),
        b"apr" => (4, true),
        b"may" => (5, false),
        b"june" => (6, false),
        b"jun" => (6, true),
        b"july" => (7, false),
        b"jul" => (7, true),
        b"august" => (8, false),
        b"aug" => (8, true),
        b"september" => (9, false),
        b"sep" | b"sept" => (9, true),
        b"october" => (10, false),
        b"oct" => (10, true),
        b"november" => (11, false),
        b"nov" => (11, true),
        b"december" => (12, false),
        b"dec" => (12, true),
        _ => return None,
    };
    Some(Word::Month { month, abbreviated })
}

fn other_word(word: &[u8]) -> Option<Word> {
    Some(match word {
        b"spring" => Word::Season(21),
        b"summer" => Word::Season(22),
        b"autumn" | b"fall" => Word::Season(23),
        b"winter" => Word::Season(24),
        b"early" => Word::Qualifier(Qualifier::Early),
        b"mid" => Word::Qualifier(Qualifier::Mid),
        b"late" => Word::Qualifier(Qualifier::Late),
        b"between" => Word::Between,
        b"from" => Word::From,
        b"and" => Word::And,
        b"to" | b"until" | b"till" => Word::To,
        b"twenty" => Word::Twenty,
        b"circa" | b"about" | b"around" | b"c" | b"ca" => Word::Approx,
        _ => Word::Ordinal(ordinal(word)?),
    })
}

/// Ordinal words for the centuries from the first to the twentieth
/// ("twenty-first" is "twenty", a dash and "first").
fn ordinal(word: &[u8]) -> Option<u8> {
    // A match, not a search of a list: it compiles to a switch on the
    // length, and most words the grammar looks at are no ordinal.
    Some(match word {
        b"first" => 1,
        b"second" => 2,
        b"third" => 3,
        b"fourth" => 4,
        b"fifth" => 5,
        b"sixth" => 6,
        b"seventh" => 7,
        b"eighth" => 8,
        b"ninth" => 9,
        b"tenth" => 10,
        b"eleventh" => 11,
        b"twelfth" => 12,
        b"thirteenth" => 13,
        b"fourteenth" => 14,
        b"fifteenth" => 15,
        b"sixteenth" => 16,
        b"seventeenth" => 17,
        b"eighteenth" => 18,
        b"nineteenth" => 19,
        b"twentieth" => 20,
        _ => return None,
    })
}

/// An era: before Christ (BC, BCE) or anno Domini (AD, CE).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Era {
    Bc,
    Ad,
}

impl Era {
    /// The astronomical year of year `n` of this era: 44 BC is -43 (1 BC is
    /// year 0), AD 43 is 43.
    pub(crate) fn year(self, n: i32) -> i32 {
        match self {
            Era::Bc => 1 - n,
            Era::Ad => n,
        }
    }
}

/// The era that the letters of an era mark name, dots left out, and whether
/// the mark may stand before the year ("AD 43", "CE 43"; never "BC 44"):
/// BC and BCE in any case, AD and CE in capitals (lower-case "ad" is a word).
pub(crate) fn era(letters: &[u8]) -> Option<(Era, bool)> {
    let mut buf = [0; MAX_WORD];
    let lowered = lower(std::str::from_utf8(letters).ok()?, &mut buf)?;
    match lowered {
        b"bc" | b"bce" => Some((Era::Bc, false)),
        b"ad" | b"ce" if letters.iter().all(u8::is_ascii_uppercase) => Some((Era::Ad, true)),
        _ => None,
    }
}

/// Can an era mark start with `byte`? The first letters [`era`] accepts,
/// for a look that skips every other word at once (a test checks the two
/// agree).
pub(crate) fn may_start_era(byte: u8) -> bool {
    matches!(byte, b'A' | b'B' | b'C' | b'b')
}

/// Words that open a question: a year followed by "?" in a sentence
/// starting with one ("Did Lenin die in 1924?") is asked about, not
/// uncertain ("his Jonah 1531?").
pub(crate) fn is_question_word(word: &str) -> bool {
    let mut buf = [0; MAX_WORD];
    lower(word, &mut buf).is_some_and(|w| {
        matches!(
            w,
            b"what"
                | b"when"
                | b"why"
                | b"how"
                | b"who"
                | b"whom"
                | b"whose"
                | b"which"
                | b"where"
                | b"did"
                | b"does"
                | b"do"
                | b"was"
                | b"were"
                | b"is"
                | b"are"
                | b"could"
                | b"can"
                | b"would"
                | b"should"
                | b"will"
                | b"has"
                | b"have"
                | b"had"
        )
    })
}

/// Words that may follow a year under 1000 written without an era ("in 410
/// the legions left"): any other lower-case word makes the number a
/// quantity ("in 410 soldiers"). See the small-year rule of the grammar.
pub(crate) fn may_follow_small_year(word: &str) -> bool {
    let mut buf = [0; MAX_WORD];
    lower(word, &mut buf).is_some_and(|w| {
        matches!(
            w,
            b"the"
                | b"a"
                | b"an"
                | b"and"
                | b"or"
                | b"but"
                | b"when"
                | b"as"
                | b"to"
                | b"in"
                | b"on"
                | b"at"
                | b"by"
                | b"of"
                | b"for"
                | b"with"
                | b"he"
                | b"she"
                | b"it"
                | b"they"
                | b"his"
                | b"her"
                | b"its"
                | b"their"
                | b"was"
                | b"were"
                | b"had"
                | b"onwards"
                | b"until"
                | b"after"
                | b"before"
        )
    })
}

/// Units of measure and number words: "1924 tonnes", "1930 per cent",
/// "1924 million" are quantities, never years.
pub(crate) fn is_unit(word: &str) -> bool {
    let mut buf = [0; MAX_WORD];
    lower(word, &mut buf).is_some_and(|w| {
        matches!(
            w,
            b"tonnes"
                | b"tonne"
                | b"tons"
                | b"ton"
                | b"kg"
                | b"kgs"
                | b"kilograms"
                | b"kilogram"
                | b"kilos"
                | b"grams"
                | b"km"
                | b"kms"
                | b"kilometres"
                | b"kilometers"
                | b"kilometre"
                | b"kilometer"
                | b"miles"
                | b"mile"
                | b"metres"
                | b"meters"
                | b"metre"
                | b"meter"
                | b"feet"
                | b"ft"
                | b"yards"
                | b"hectares"
                | b"hectare"
                | b"ha"
                | b"acres"
                | b"acre"
                | b"poods"
                | b"puds"
                | b"versts"
                | b"desyatins"
                | b"roubles"
                | b"rubles"
                | b"rouble"
                | b"ruble"
                | b"kopecks"
                | b"dollars"
                | b"marks"
                | b"francs"
                | b"million"
                | b"millions"
                | b"billion"
                | b"billions"
                | b"thousand"
                | b"thousands"
                | b"hundred"
                | b"hundreds"
                | b"per"
                | b"percent"
                | b"copies"
                | b"pages"
                | b"words"
                | b"calories"
                | b"litres"
                | b"liters"
                | b"gallons"
                | b"barrels"
                | b"kwh"
                | b"horsepower"
                | b"hp"
        )
    })
}

/// Measures a number is joined to by a hyphen in an adjective of size ("a
/// 2000-mile railway", "a 1500-man army"): the units and these nouns, all
/// in the singular.
pub(crate) fn is_measure(word: &str) -> bool {
    let mut buf = [0; MAX_WORD];
    is_unit(word)
        || lower(word, &mut buf).is_some_and(|w| {
            matches!(
                w,
                b"man"
                    | b"strong"
                    | b"page"
                    | b"word"
                    | b"seat"
                    | b"gun"
                    | b"member"
                    | b"year"
                    | b"day"
                    | b"hour"
                    | b"week"
                    | b"foot"
                    | b"pound"
                    | b"yard"
                    | b"acre"
                    | b"square"
                    | b"cubic"
            )
        })
}

/// Counted nouns: "1924 workers" is a head count, but "In 1924 workers
/// struck" is a year, so these veto a year only when no temporal preposition
/// ([`is_temporal`]) precedes it.
pub(crate) fn is_counted(word: &str) -> bool {
    let mut buf = [0; MAX_WORD];
    lower(word, &mut buf).is_some_and(|w| {
        matches!(
            w,
            b"men"
                | b"women"
                | b"people"
                | b"persons"
                | b"workers"
                | b"peasants"
                | b"soldiers"
                | b"troops"
                | b"officers"
                | b"members"
                | b"delegates"
                | b"deputies"
                | b"deaths"
                | b"dead"
                | b"casualties"
                | b"victims"
                | b"prisoners"
                | b"arrests"
                | b"executions"
                | b"kulaks"
                | b"households"
                | b"families"
                | b"children"
                | b"villages"
                | b"farms"
                | b"factories"
                | b"tractors"
                | b"tanks"
                | b"aircraft"
                | b"planes"
                | b"guns"
                | b"rifles"
                | b"votes"
                | b"strikers"
                | b"students"
                | b"priests"
                | b"churches"
                | b"cases"
                | b"communists"
                | b"bolsheviks"
                | b"head"
                | b"cattle"
                | b"horses"
        )
    })
}

/// Prepositions that make the number after them a point in time.
/// (Approximation words do not: "around 2000 soldiers" is a head count.)
pub(crate) fn is_temporal(word: &str) -> bool {
    let mut buf = [0; MAX_WORD];
    lower(word, &mut buf).is_some_and(|w| {
        matches!(
            w,
            b"in"
                | b"by"
                | b"since"
                | b"until"
                | b"till"
                | b"during"
                | b"after"
                | b"before"
                | b"from"
        )
    })
}

/// Reference words: the number after "page", "p.", "No.", "vol." ... is a
/// reference, not a year.
pub(crate) fn is_reference(word: &str) -> bool {
    let mut buf = [0; MAX_WORD];
    lower(word, &mut buf).is_some_and(|w| {
        matches!(
            w,
            b"page"
                | b"pages"
                | b"p"
                | b"pp"
                | b"no"
                | b"nos"
                | b"number"
                | b"vol"
                | b"vols"
                | b"volume"
                | b"fig"
                | b"figure"
                | b"table"
                | b"chapter"
                | b"ch"
                | b"chap"
                | b"art"
                | b"article"
                | b"section"
                | b"sec"
                | b"para"
                | b"paragraph"
                | b"line"
                | b"lines"
                | b"item"
                | b"footnote"
                | b"ref"
                | b"plate"
                | b"map"
                | b"diagram"
                | b"source"
                | b"room"
                | b"flat"
                | b"tel"
                | b"phone"
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_ignoring_case() {
        assert_eq!(
            classify("JANUARY"),
            Some(Word::Month {
                month: 1,
                abbreviated: false
            })
        );
        assert_eq!(
            classify("Sept"),
            Some(Word::Month {
                month: 9,
                abbreviated: true
            })
        );
        assert_eq!(classify("Fall"), Some(Word::Season(23)));
        assert_eq!(classify("nineteenth"), Some(Word::Ordinal(19)));
        assert_eq!(classify("Fourth"), Some(Word::Ordinal(4)));
        assert_eq!(classify("circa"), Some(Word::Approx));
        assert_eq!(era(b"BCE"), Some((Era::Bc, false)));
        // Every mark starts with a letter may_start_era admits.
        let letters: Vec<u8> = (b'A'..=b'Z').chain(b'a'..=b'z').collect();
        for a in &letters {
            for b in &letters {
                for c in letters.iter().map(Some).chain([None]) {
                    let mark: Vec<u8> = [Some(a), Some(b), c]
                        .into_iter()
                        .flatten()
                        .copied()
                        .collect();
                    if era(&mark).is_some() {
                        assert!(may_start_era(*a), "{:?}", String::from_utf8_lossy(&mark));
                    }
                }
            }
        }
        assert_eq!(era(b"bc"), Some((Era::Bc, false)));
        assert_eq!(era(b"AD"), Some((Era::Ad, true)));
        assert_eq!(era(b"ad"), None);
        assert_eq!(era(b"CEX"), None);
        assert_eq!(
            (Era::Bc.year(44), Era::Bc.year(1), Era::Ad.year(43)),
            (-43, 0, 43)
        );
        assert!(is_question_word("Did") && !is_question_word("his"));
        assert!(may_follow_small_year("the") && !may_follow_small_year("soldiers"));
        assert_eq!(classify("Lenin"), None);
        assert_eq!(classify("counterrevolutionaries"), None);
    }

    #[test]
    fn word_lists_match_whole_words_only() {
        assert!(is_unit("Tonnes") && !is_unit("tonnesx"));
        assert!(is_counted("workers") && !is_counted("Lenin"));
        assert!(is_measure("mile") && is_measure("Man") && !is_measure("era"));
        assert!(is_temporal("In") && !is_temporal("of"));
        assert!(is_reference("p") && is_reference("PAGE") && !is_reference("pa"));
    }
}
