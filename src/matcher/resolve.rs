//! Resolving derived person names in one document (matching rule 9 of
//! `docs/DESIGN.md`): which entry a surname or first name names depends on
//! who the document has mentioned before it, and a title before a
//! person's name joins its span.
//!
//! The hits are read in order, keeping each entry's last *full* mention
//! (a listed form, a derived form of class `Full`: `Henry VIII`, `Ulysses
//! Grant`, or a surname after an office: `President Lincoln`) and every
//! entry mentioned at all. A derived hit
//!
//! * that only one entry derives and that is no first name (`Lincoln`,
//!   `Ulysses Grant`) is that entry's (`match: variant`), except that a
//!   surname alone counts only after a full mention or an office before
//!   it, unless the entry says `surname_alone` (a flashcard's does: cards
//!   list full names only), and even then a surname that is an English word
//!   (`Grant`, `More`) at a sentence's start needs a full mention before it;
//! * that several entries derive as a surname or full form (`Davis`) is,
//!   of those of them mentioned in full before it, the one mentioned most
//!   recently by any name (a first name after the other's full name
//!   decides it; `match: reference`), or none;
//! * that is a first name the lexicon's definitions call its one bearer
//!   by (`Napoleon`: `lexicon::FirstNamesInUse`) is that entry's once the
//!   document has mentioned it by any name, or after an office (`match:
//!   variant`), else no hit;
//! * that is a first name after a title written before first names
//!   (`Prince Arthur`, `Lady Jane`, `Queen Mary`: [`FIRST_NAME_TITLES`])
//!   is the one entry of that first name whose name, aliases or definition
//!   hold the title (`match: variant`), else of those that do, the one
//!   named in full most recently or else the lexicon's own bearer of the
//!   first name (`shared.rs`; `match: reference`), else no hit; when none
//!   holds it, it names someone else (`King Arthur`): no hit;
//! * that is a first name (`Henry`) is, of the entries with that first
//!   name named in full before it, one known by it (that derives no
//!   surname: `Edward VI`, not `Edward Seymour`) before the others, and
//!   of those the one mentioned most recently by any name (`match:
//!   reference`); otherwise it is no hit.
//!
//! A capitalised title or office right before a person's span (`President
//! Lincoln`, `Comrade Stalin`: [`TITLES`]) joins the span, unless the span
//! is nested in another (matching rule 6): it stays inside that one.
//! A nested derived name is resolved by the same rules, but the longer
//! name around it is its outer span's, so `part_of_another_name` is not
//! asked. A misspelt surname or known first name (matching rule 7)
//! counts where the name would: [`Matcher::resolve_misspelt`].

use std::sync::OnceLock;

use fnv::FnvHashSet;

use super::{How, Matcher, TermMatch};
use crate::dates::is_month;
use crate::lexicon::names::{NameClass, COURTESY_TITLES, FIRST_NAME_TITLES, TITLES};
use crate::lexicon::Kind;
use crate::misspell::Misspelt;
use crate::text::{is_capitalised_word, is_english_word, is_word_char, normalize_form};

impl Matcher {
    /// The `hits` of [`Matcher::find`] or [`Matcher::find_nesting`] in
    /// `text` with the derived names resolved (or dropped) and titles
    /// joined to person spans that are not nested.
    pub fn resolve(&self, text: &str, hits: Vec<TermMatch>) -> Vec<TermMatch> {
        if self.derived.is_empty() {
            return hits;
        }
        let mut mentions = Mentions::new(self.kinds.len());
        let mut out: Vec<TermMatch> = Vec::with_capacity(hits.len());
        // The end of the last hit that is not nested: a title joins a span
        // only after it.
        let mut after = 0;
        for (order, mut hit) in hits.into_iter().enumerate() {
            // A term's variants (matching rule 10) need no resolving.
            if hit.how == How::Variant && self.kinds[hit.entry] == Kind::Person {
                let Some(resolved) = self.resolve_one(text, &hit, &mentions) else {
                    continue;
                };
                (hit.entry, hit.how) = resolved;
            }
            mentions.record(hit.entry, order, self.in_full(text, &hit));
            if !hit.nested {
                if self.kinds[hit.entry] == Kind::Person {
                    hit.start = person_start(text, hit.start, hit.how == How::Listed, after);
                }
                after = hit.end;
            }
            out.push(hit);
        }
        out
    }

    /// Does the resolved `hit` name its entry in full: a listed form (or
    /// its misspelling), a derived full form, or a derived name after an
    /// office (`President Lincoln` names the person as surely as the full
    /// name)?
    fn in_full(&self, text: &str, hit: &TermMatch) -> bool {
        match hit.how {
            How::Variant | How::Reference => {
                let key = normalize_form(&text[hit.start..hit.end], true);
                self.derived
                    .get(&key)
                    .is_some_and(|claims| claims.contains(&(hit.entry, NameClass::Full)))
                    || office_before(text, hit.start).is_some()
            }
            How::Listed | How::Misspelling => true,
        }
    }

    /// The `misspelt` hits (matching rule 7, in text order) that count
    /// in `text` beside the resolved `hits` of [`Matcher::resolve`]. A
    /// misspelt surname counts where the surname would (matching rule 9):
    /// after a full mention of its entry before it (the misspelt full
    /// names before it included), after an office, or when the entry says
    /// `surname_alone`; a misspelt known first name (`Napolean`) after
    /// any mention of its entry or an office. A misspelt name several people share (`Seymore`)
    /// is, of those of them named in full before it, the one mentioned
    /// most recently, or none. A capitalised title right before a
    /// misspelt person's name joins its span, as before any person span.
    pub(crate) fn resolve_misspelt(
        &self,
        text: &str,
        hits: &[TermMatch],
        misspelt: Vec<Misspelt>,
    ) -> Vec<TermMatch> {
        let mut out: Vec<TermMatch> = Vec::with_capacity(misspelt.len());
        for Misspelt {
            mut hit,
            class,
            shared_with,
        } in misspelt
        {
            let before = hits.partition_point(|h| h.start < hit.start);
            // Named in full before the hit (a misspelling in full included).
            let named_in_full = |entry: usize| {
                hits[..before]
                    .iter()
                    .any(|h| h.entry == entry && self.in_full(text, h))
                    || out.iter().any(|m| m.entry == entry)
            };
            if !shared_with.is_empty() {
                let sharers = || std::iter::once(hit.entry).chain(shared_with.iter().copied());
                let latest = hits[..before]
                    .iter()
                    .chain(&out)
                    .filter(|h| sharers().any(|e| e == h.entry) && named_in_full(h.entry))
                    .max_by_key(|h| h.start);
                let Some(latest) = latest else {
                    continue;
                };
                hit.entry = latest.entry;
            }
            let introduced = |entry: usize| {
                self.surname_alone[entry]
                    || office_before(text, hit.start).is_some()
                    || named_in_full(entry)
            };
            if class == Some(NameClass::Surname) && !introduced(hit.entry) {
                continue;
            }
            let mentioned = |entry: usize| {
                hits[..before].iter().chain(&out).any(|h| h.entry == entry)
                    || office_before(text, hit.start).is_some()
            };
            if class == Some(NameClass::KnownFirstName) && !mentioned(hit.entry) {
                continue;
            }
            if self.kinds[hit.entry] == Kind::Person {
                // After the hit before it, nested ones inside that.
                let after = hits[..before]
                    .iter()
                    .chain(&out)
                    .filter(|h| !h.nested)
                    .map(|h| h.end)
                    .max()
                    .unwrap_or(0);
                hit.start = person_start(text, hit.start, class.is_none(), after);
            }
            out.push(hit);
        }
        out
    }

    /// The entry a derived hit names, and how, or `None`.
    fn resolve_one(
        &self,
        text: &str,
        hit: &TermMatch,
        mentions: &Mentions,
    ) -> Option<(usize, How)> {
        let written = &text[hit.start..hit.end];
        // The longer name a nested hit is part of is its outer hit's.
        if !hit.nested && part_of_another_name(text, hit.start, hit.end) {
            return None;
        }
        let key = normalize_form(written, true);
        let candidates = self.derived.get(&key)?;
        let names: Vec<usize> = candidates
            .iter()
            .filter(|(_, class)| *class != NameClass::FirstName)
            .map(|&(e, _)| e)
            .collect();
        let office = office_before(text, hit.start).filter(|_| !office_is_named(text, hit.start));
        // May this name stand for `entry` with nothing else to go on?
        let counts_for = |entry: usize| {
            if candidates.contains(&(entry, NameClass::KnownFirstName)) {
                return mentions.last(entry).is_some() || office.is_some();
            }
            let surname = candidates.contains(&(entry, NameClass::Surname));
            let introduced = mentions.last_full(entry).is_some() || office.is_some();
            let common = written.split_whitespace().any(is_english_word);
            let alone =
                self.surname_alone[entry] && !(common && may_be_the_word(text, hit.start, hit.end));
            !surname || introduced || alone
        };
        match names.as_slice() {
            [entry] if counts_for(*entry) => return Some((*entry, How::Variant)),
            [_, _, ..] => {
                // The office's holder, then of those named in full the one
                // mentioned most recently (by any name), then the
                // lexicon's own bearer of the name.
                let holder = office.and_then(|title| self.shared.holder(title, &names));
                let latest = mentions.latest(names.iter().copied());
                let bearer = self.shared.bearer(&key).filter(|&e| counts_for(e));
                if let Some(entry) = holder.or(latest).or(bearer) {
                    return Some((entry, How::Reference));
                }
            }
            _ => {}
        }
        // A first name after a title: the one of that first name who holds
        // it (`Prince Arthur`, `Lady Jane`), else, of those who do, the one
        // named in full most recently, else the lexicon's own bearer.
        let first_names = candidates
            .iter()
            .filter(|(_, class)| *class == NameClass::FirstName)
            .map(|&(e, _)| e);
        if let Some(title) = office.filter(|t| FIRST_NAME_TITLES.contains(t)) {
            let holders: Vec<usize> = first_names
                .filter(|&e| self.shared.holds(e, title))
                .collect();
            match holders.as_slice() {
                // Someone else of that name: `King Arthur`, the legend.
                [] => return None,
                [entry] => return Some((*entry, How::Variant)),
                _ => {
                    let latest = holders
                        .iter()
                        .filter_map(|&e| Some((mentions.last_full(e)?, e)))
                        .max();
                    let bearer = self
                        .shared
                        .first_name_bearer(&key)
                        .filter(|e| holders.contains(e));
                    return latest
                        .map(|(_, e)| e)
                        .or(bearer)
                        .map(|e| (e, How::Reference));
                }
            }
        }
        // A first name: as a shared surname, of the entries of that first
        // name named in full so far, the one mentioned most recently, but
        // those known by it first (who go by no surname: `Edward VI`, not
        // `Edward Seymour`, who is `Seymour` after his full name).
        let first_names: Vec<usize> = first_names.collect();
        let known_by_it = first_names
            .iter()
            .copied()
            .filter(|&e| !self.has_surname[e]);
        mentions
            .latest(known_by_it)
            .or_else(|| mentions.latest(first_names.into_iter()))
            .map(|entry| (entry, How::Reference))
    }
}

/// What a document's hits so far have said of each entry, by entry
/// number: the order of its last mention, and of its last mention in
/// full. Tables as long as the lexicon (zeroed memory, eight bytes an
/// entry), not hash maps: every hit writes them, and hashing was two
/// thirds of resolving on dense notes.
struct Mentions {
    /// The order of each entry's last mention, plus one; 0 for none.
    last: Vec<u32>,
    /// The same, of mentions in full.
    last_full: Vec<u32>,
}

impl Mentions {
    /// No entry mentioned yet, of a lexicon of `entries`.
    fn new(entries: usize) -> Mentions {
        Mentions {
            last: vec![0; entries],
            last_full: vec![0; entries],
        }
    }

    /// The hit numbered `order` mentions `entry`, in full or not.
    fn record(&mut self, entry: usize, order: usize, in_full: bool) {
        // A document's hits number far fewer than 2^32.
        let order = order as u32 + 1;
        self.last[entry] = order;
        if in_full {
            self.last_full[entry] = order;
        }
    }

    /// The order of `entry`'s last mention, if it has had one.
    fn last(&self, entry: usize) -> Option<u32> {
        self.last[entry].checked_sub(1)
    }

    /// The order of `entry`'s last full mention, if it has had one.
    fn last_full(&self, entry: usize) -> Option<u32> {
        self.last_full[entry].checked_sub(1)
    }

    /// Of `entries`, those named in full so far, the one mentioned most
    /// recently by any name: whom a shared name stands for (`Davis`, or
    /// `Henry` after `Henry VII` and `Henry VIII`).
    fn latest(&self, entries: impl Iterator<Item = usize>) -> Option<usize> {
        entries
            .filter(|&e| self.last_full(e).is_some())
            .filter_map(|e| Some((self.last(e)?, e)))
            .max()
            .map(|(_, e)| e)
    }
}

/// Where a person's span that begins at `start` begins once the words
/// written before it that name the same person join it, none before
/// `after`: the forenames before a `listed` name ([`forenames_before`]),
/// then a title (`Emperor Gaius Julius Caesar`).
fn person_start(text: &str, start: usize, listed: bool, after: usize) -> usize {
    let start = if listed {
        forenames_before(text, start, after)
    } else {
        start
    };
    title_before(text, start)
        .filter(|&s| s >= after)
        .unwrap_or(start)
}

/// How many forenames [`forenames_before`] joins at most.
const MAX_FORENAMES: usize = 2;

/// The words after which a name word is a place, not a forename (`In
/// Petrograd Lenin spoke`, `at Yalta Stalin`).
const PLACE_PREPOSITIONS: [&str; 3] = ["in", "at", "near"];

/// Where the forenames written before a listed person's name at `start`
/// begin (`Gnaeus Julius` before `Agricola`, `Gaius` before `Julius
/// Caesar`): the name words ([`is_name_word`]) right before it, each
/// alone with one space after it, none before `after`, up to
/// [`MAX_FORENAMES`] of them. None joins after `in`, `at` or `near` (the
/// word is a place: [`PLACE_PREPOSITIONS`]), if the name goes on before
/// them, or takes in a word English writes capitalised (`American John
/// Scott`, `Jacobin`, `Vladimir Ilyich Lenin`: [`is_capitalised_word`]) or in
/// capitals (`USSR`): such a word is as often an adjective or another
/// name as part of this one, and half a name is worse than none.
///
/// A lexicon lists a person by the names notes use; written out in full
/// the name is still theirs. A *derived* surname after a name word is
/// someone else's (`Andrew Jackson`: [`part_of_another_name`]), since the
/// lexicon did not list that name; a listed one is the lexicon's own.
fn forenames_before(text: &str, start: usize, after: usize) -> usize {
    let mut begin = start;
    let mut joined = 0;
    loop {
        let Some(before) = text[..begin].strip_suffix(' ') else {
            return begin;
        };
        let word_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !c.is_alphabetic())
            .map_or(0, |(i, c)| i + c.len_utf8());
        let word = &before[word_start..];
        if word_start < after || !is_name_word(word) {
            let a_place = PLACE_PREPOSITIONS
                .iter()
                .any(|p| word.eq_ignore_ascii_case(p));
            return if a_place { start } else { begin };
        }
        let alone = !before[..word_start]
            .chars()
            .next_back()
            .is_some_and(|c| is_word_char(c) || matches!(c, '-' | '\'' | '’' | '.'));
        let mixed_case = word.chars().skip(1).any(char::is_lowercase);
        if joined == MAX_FORENAMES || !alone || !mixed_case || is_capitalised_word(word) {
            return start;
        }
        begin = word_start;
        joined += 1;
    }
}

/// Can `word` only be a name: is it capitalised, no English word, no
/// title and no month (`Gaius`, `Tsaritsyn`; not `Later`, `Emperor`,
/// `Jan`)?
pub(super) fn is_name_word(word: &str) -> bool {
    word.starts_with(char::is_uppercase)
        && !is_english_word(word)
        && !TITLES.contains(&word)
        && !is_month(word)
}

/// Where a capitalised title written right before `start` begins (`King`
/// in `King Henry`, `Mr.` in `Mr. Chamberlain`), if there is one.
fn title_before(text: &str, start: usize) -> Option<usize> {
    let before = &text[..start];
    let trimmed = before.trim_end_matches([' ', '\u{a0}']);
    if trimmed.len() == before.len() || before.len() - trimmed.len() > 2 {
        return None;
    }
    let trimmed = trimmed.strip_suffix('.').unwrap_or(trimmed);
    // A title ends with a capitalised word standing alone: the last word
    // of `trimmed` must start with a capital, which most words before a
    // name do not (each title's test is a string comparison).
    let last_word = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !is_word_char(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    if !trimmed
        .as_bytes()
        .get(last_word)
        .is_some_and(u8::is_ascii_uppercase)
    {
        return None;
    }
    // Nor is it, mostly, a title's last word: one look-up, where each
    // title's test is a comparison (a name before a name is common).
    if !title_last_words().contains(&trimmed[last_word..]) {
        return None;
    }
    TITLES
        .iter()
        .filter(|title| trimmed.ends_with(*title))
        .map(|title| trimmed.len() - title.len())
        .filter(|&at| !trimmed[..at].chars().next_back().is_some_and(is_word_char))
        .min()
}

/// The last word of every title (`Minister` of `Prime Minister`).
fn title_last_words() -> &'static FnvHashSet<&'static str> {
    static WORDS: OnceLock<FnvHashSet<&'static str>> = OnceLock::new();
    WORDS.get_or_init(|| {
        TITLES
            .iter()
            .filter_map(|title| title.rsplit(' ').next())
            .collect()
    })
}

/// The office (`President`, `General`: a title, not a courtesy title
/// like `Mr`) written right before `start`, as [`TITLES`] spells it.
fn office_before(text: &str, start: usize) -> Option<&'static str> {
    let at = title_before(text, start)?;
    let written = text[at..start].trim_end_matches([' ', '\u{a0}', '.']);
    let title = TITLES.iter().find(|t| **t == written)?;
    (!COURTESY_TITLES.contains(title)).then_some(*title)
}

/// Is the office before the name at `start` itself the thing named:
/// "the Lord Chamberlain", "the General Secretary"? An office written
/// as a person's title stands without an article ("President Davis").
fn office_is_named(text: &str, start: usize) -> bool {
    let Some(at) = title_before(text, start) else {
        return false;
    };
    let before = text[..at].trim_end();
    let article = before
        .rsplit(|c: char| !is_word_char(c))
        .next()
        .is_some_and(|w| w.eq_ignore_ascii_case("the"));
    article && before.len() < at
}

/// Is the derived name at `start..end` part of a longer name: is it
/// followed by a capitalised word (`Lincoln Memorial`, `Martin Luther
/// King`), or preceded by one that is neither a title nor an English word
/// (`Andrew Jackson`, `Oliver Cromwell`)?
fn part_of_another_name(text: &str, start: usize, end: usize) -> bool {
    let capitalised = |word: &str| word.starts_with(char::is_uppercase);
    let after = text[end..].strip_prefix(' ').unwrap_or("");
    let next: &str = after.split(|c: char| !is_word_char(c)).next().unwrap_or("");
    if capitalised(next) {
        return true;
    }
    let before = text[..start].strip_suffix(' ').unwrap_or("");
    let previous = before
        .rsplit(|c: char| !is_word_char(c))
        .next()
        .unwrap_or("");
    is_name_word(previous) && title_before(text, start).is_none()
}

/// May the capitalised English word at `start..end` be that word rather
/// than a name: does it begin a sentence (where every word is
/// capitalised) with no possessive `’s` after it? A common noun seldom
/// starts a sentence in the possessive: `Grant’s army`, `Turkey’s
/// border` are names, `Grant money`, `Turkey and stuffing` may not be.
pub(super) fn may_be_the_word(text: &str, start: usize, end: usize) -> bool {
    at_sentence_start(text, start) && !possessive_at(text, end)
}

/// Does a possessive `’s` or `'s` begin at `at`, no word character after?
fn possessive_at(text: &str, at: usize) -> bool {
    ["’s", "'s"].iter().any(|s| {
        text[at..]
            .strip_prefix(s)
            .is_some_and(|rest| !rest.chars().next().is_some_and(is_word_char))
    })
}

/// Does `start` begin a sentence: is the text before it, white space,
/// quotes, brackets and bullets aside, empty or ended by `.`, `!`, `?`,
/// `:` or a line break?
fn at_sentence_start(text: &str, start: usize) -> bool {
    for c in text[..start].chars().rev() {
        match c {
            '\n' | '.' | '!' | '?' | ':' => return true,
            c if c.is_whitespace() => {}
            '"' | '\'' | '“' | '‘' | '(' | '[' | '-' | '–' | '•' | '*' => {}
            _ => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `title_before` skips every title's test unless the last word
    /// before the name starts with an ASCII capital: so must every
    /// title's last word.
    #[test]
    fn every_title_ends_with_an_ascii_capitalised_word() {
        for title in TITLES {
            let last = title.rsplit(' ').next().unwrap();
            assert!(
                last.starts_with(|c: char| c.is_ascii_uppercase())
                    && last.chars().all(|c| c.is_ascii() && is_word_char(c)),
                "{title}"
            );
        }
    }

    #[test]
    fn titles_join_a_name() {
        fn title(text: &str) -> Option<&str> {
            let start = text.rfind('X').unwrap();
            title_before(text, start).map(|at| &text[at..start])
        }
        assert_eq!(title("said President X"), Some("President "));
        assert_eq!(title("Mr. X"), Some("Mr. "));
        assert_eq!(title("the Prime Minister X"), Some("Prime Minister "));
        assert_eq!(title("Vice President X"), Some("Vice President "));
        assert_eq!(title("the king X"), None);
        assert_eq!(title("UnKing X"), None);
        assert_eq!(title("King\n\nX"), None);
        assert_eq!(office_before("General X", 8), Some("General"));
        assert_eq!(
            office_before("the Prime Minister X", 19),
            Some("Prime Minister")
        );
        assert!(office_before("Mr. X", 4).is_none() && office_before("Mrs X", 4).is_none());
        assert!(office_is_named("The Lord X", 9));
        assert!(!office_is_named("said Lord X", 10));
        assert!(!office_is_named("Lord X", 5));
    }

    /// Forenames join a listed name (the `X`), unless a word that may be an
    /// adjective, a place or another name is among them or before them.
    #[test]
    fn forenames_join_a_listed_name() {
        fn joined(text: &str) -> &str {
            let start = text.rfind('X').unwrap();
            &text[forenames_before(text, start, 0)..start]
        }
        assert_eq!(joined("Gaius X"), "Gaius ");
        assert_eq!(joined("led by Gnaeus Julius X"), "Gnaeus Julius ");
        assert_eq!(joined("Later Gaius X"), "Gaius ");
        assert_eq!(joined("(Publius Aelius X)"), "Publius Aelius ");
        assert_eq!(joined("the Emperor X"), "", "a title joins in title_before");
        assert_eq!(joined("Marcus Ulpius Nerva X"), "", "a longer name");
        assert_eq!(joined("American X"), "", "a nationality");
        assert_eq!(joined("Vladimir Ilyich X"), "", "a known forename before");
        assert_eq!(joined("In Petrograd X"), "", "a place");
        assert_eq!(joined("USSR X"), "", "capitals");
        assert_eq!(joined("Jean-Gaius X"), "", "part of a word");
        assert_eq!(joined("Gaius  X"), "", "one space only");
        assert_eq!(joined("Gaius\nX"), "");
        let text = "Lenin Gaius X";
        assert_eq!(forenames_before(text, 12, 5), 6, "the hit before ends it");
    }

    #[test]
    fn other_peoples_names() {
        let other = |text: &str| {
            let start = text.find("Jackson").unwrap();
            part_of_another_name(text, start, start + 7)
        };
        assert!(other("Andrew Jackson won"));
        assert!(other("the Jackson Memorial"));
        assert!(!other("When Jackson fell"));
        assert!(!other("General Jackson fell"));
        assert!(!other("Grant, Jackson and Lee"));
    }

    /// A shared surname is the one of those named in full mentioned last
    /// by any name; a mention of someone not named in full does not count.
    #[test]
    fn a_shared_surname_is_the_last_mentioned_of_those_named_in_full() {
        let mut builder = crate::lexicon::Lexicon::builder();
        builder.add_toml(
            "x.toml",
            r#"
                [[entry]]
                id = "jefferson"
                name = "Jefferson Davis"
                kind = "person"
                definition = "President of the Confederacy."

                [[entry]]
                id = "varina"
                name = "Varina Davis"
                kind = "person"
                definition = "First Lady of the Confederacy."
                "#,
        );
        let matcher = Matcher::new(&builder.build().unwrap());
        let ids = ["jefferson", "varina"];
        // The entry of the last hit, resolved.
        let last = |text: &str| {
            let hits = matcher.find(&crate::text::Normalized::new(text)).collect();
            let last = *matcher.resolve(text, hits).last().unwrap();
            (text[last.start..last.end].to_string(), ids[last.entry])
        };
        let text = "Jefferson Davis fled; Varina Davis stayed. Jefferson hid; Davis was caught.";
        assert_eq!(last(text), ("Davis".to_string(), "jefferson"));
        let text = "Varina Davis stayed. Jefferson hid; Davis was caught.";
        assert_eq!(last(text), ("Davis".to_string(), "varina"));
    }

    #[test]
    fn a_possessive_makes_a_sentence_start_a_name() {
        assert!(may_be_the_word("Grant money", 0, 5));
        assert!(!may_be_the_word("Grant’s army", 0, 5));
        assert!(!may_be_the_word("Extra: Grant's army", 7, 12));
        assert!(may_be_the_word("Grant'sy", 0, 5));
        assert!(!may_be_the_word("won. Then Grant money", 10, 15));
    }

    #[test]
    fn sentence_starts() {
        assert!(at_sentence_start("X", 0));
        assert!(at_sentence_start("Done. X", 6));
        assert!(at_sentence_start("notes\n- X", 8));
        assert!(!at_sentence_start("a X", 2));
        assert!(!at_sentence_start("said “X", 8));
    }
}
