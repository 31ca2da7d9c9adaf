//! The lexicon: the glossary entries glossator looks for.
//!
//! An [`Entry`] is one term, person, place, organisation or event with its
//! surface forms (name, aliases, exact-case forms) and definition. A
//! [`Lexicon`] is a validated set of entries, built with a
//! [`LexiconBuilder`] from the built-in files (compiled into the binary from
//! the repository's `lexicon/` folder) and any files or folders the user
//! adds. Two formats are read (see the `load` module): the TOML format of
//! the README's "Lexicon format" (the rules are listed in `docs/DESIGN.md`)
//! and flashcard exports, `term<TAB>definition` records as Anki and Quizlet
//! write them (the `cards` module, with `html` for Anki's HTML fields).
//! An [`Extension`] (`[[extend]]`) adds forms or a definition to an entry
//! of another source, the built-in lexicon's included; a card whose term
//! is a form of a lexicon file's entry becomes one.
//!
//! Validation collects every problem, each naming its file and line:
//! missing fields, unknown kinds, bad or duplicate ids, a surface form
//! claimed by two entries, `see_also` links to unknown ids.
//!
//! ```
//! use glossator::lexicon::{Kind, Lexicon};
//!
//! let mut builder = Lexicon::builder();
//! builder.add_toml("mine.toml", r#"
//! [[entry]]
//! id = "nep"
//! name = "New Economic Policy"
//! kind = "term"
//! aliases = ["NEP"]
//! definition = "Lenin's 1921 return to small private trade."
//! "#);
//! let lexicon = builder.build().unwrap();
//! assert_eq!(lexicon.get("nep").unwrap().kind, Kind::Term);
//! ```

mod called;
mod cards;
mod error;
mod html;
pub mod inflect;
mod kinds;
mod load;
pub mod names;
mod validate;

use std::collections::HashMap;
use std::fmt;
use std::path::Path;

use crate::text::normalize_form;
use serde::{Deserialize, Serialize};

pub use called::FirstNamesInUse;
pub use error::{LexiconError, LexiconErrors};

include!(concat!(env!("OUT_DIR"), "/builtin_lexicon.rs"));

/// What an entry names.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "cli", derive(clap::ValueEnum))]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A person.
    Person,
    /// A place: a country, region, city, site.
    Place,
    /// An organisation: a party, body, movement, institution.
    Org,
    /// An event: a battle, treaty, congress, purge.
    Event,
    /// Any other term: an idea, policy, office, thing.
    Term,
}

impl Kind {
    /// Every kind, in the order listings use.
    pub const ALL: [Kind; 5] = [
        Kind::Person,
        Kind::Org,
        Kind::Place,
        Kind::Event,
        Kind::Term,
    ];

    /// The kind's name as written in the lexicon, the JSON outputs, the
    /// command line and the HTML classes: the one table of kind names
    /// (serde's and clap's derives are tested against it; a span adds
    /// only `date`, see [`crate::annotate::SpanKind::as_str`]).
    pub const fn as_str(self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Place => "place",
            Kind::Org => "org",
            Kind::Event => "event",
            Kind::Term => "term",
        }
    }

    /// The kind a term and its definition suggest, by the rules a
    /// flashcard's kind is inferred with (see `kinds`): `Trotsky`, "A
    /// Marxist revolutionary …" is a person.
    ///
    /// ```
    /// use glossator::lexicon::Kind;
    ///
    /// assert_eq!(Kind::guess("Trotsky", "A Marxist revolutionary"), Kind::Person);
    /// assert_eq!(Kind::guess("kulak", "A rich peasant"), Kind::Term);
    /// ```
    pub fn guess(term: &str, definition: &str) -> Kind {
        kinds::infer(term, definition)
    }

    /// The kind whose name is `name`, in any case (`Person`, `place`).
    pub fn named(name: &str) -> Option<Kind> {
        Kind::ALL
            .into_iter()
            .find(|kind| kind.as_str().eq_ignore_ascii_case(name))
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One glossary entry.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Unique slug, `[a-z0-9-]+`.
    pub id: String,
    /// Canonical display name; always a surface form.
    pub name: String,
    /// What the entry is.
    pub kind: Kind,
    /// More surface forms, matched case-insensitively (acronyms excepted).
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Surface forms matched only with exactly this capitalisation, for
    /// forms that are ordinary English in lower case (`the Right`).
    #[serde(default)]
    pub exact_case: Vec<String>,
    /// What the entry means, in the lexicon's words.
    pub definition: String,
    /// Ids of related entries.
    #[serde(default)]
    pub see_also: Vec<String>,
    /// Whether a `term` also matches its regular plural (default true).
    #[serde(default = "yes")]
    pub plural: bool,
    /// Surface forms this entry knowingly shares with another entry.
    #[serde(default)]
    pub ambiguous: Vec<String>,
    /// What listings sort the entry by (`Stalin, Joseph`); derived from
    /// the name where absent (see [`sort_key`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sort_as: Option<String>,
    /// Whether a person's derived surname alone (`Lincoln` for `Abraham
    /// Lincoln`) counts anywhere in a document, or only after a full
    /// mention of the person there (matching rule 9). A lexicon lists the
    /// short forms it means as aliases (`Stalin`), so the default is
    /// false; a flashcard glossary's cards, canonical forms only, set it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub surname_alone: bool,
    /// Forms (of the name or aliases) that also name something the
    /// lexicon does not define (`Georgia`, the US state): a hit of one
    /// counts only in a document that also mentions the entry by another
    /// form or one of its `see_also` neighbours (matching rule 12).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub needs_context: Vec<String>,
}

/// Forms and words a lexicon adds to an entry defined elsewhere, in the
/// built-in lexicon or another file (`[[extend]]` in the TOML format):
/// a student's spelling of a name, a teacher's own definition. A card of
/// a flashcard export whose term is already a form of a lexicon file's
/// entry becomes one too (see [`LexiconBuilder::build`]).
#[derive(Clone, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Extension {
    /// The id of the entry extended.
    pub id: String,
    /// More surface forms, as an entry's `aliases`.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// More exact-case forms, as an entry's `exact_case`.
    #[serde(default)]
    pub exact_case: Vec<String>,
    /// More forms knowingly shared, as an entry's `ambiguous`.
    #[serde(default)]
    pub ambiguous: Vec<String>,
    /// More links, as an entry's `see_also`.
    #[serde(default)]
    pub see_also: Vec<String>,
    /// More forms that need context, as an entry's `needs_context`.
    #[serde(default)]
    pub needs_context: Vec<String>,
    /// A definition that replaces the entry's.
    #[serde(default)]
    pub definition: Option<String>,
}

impl Extension {
    /// Adds what this extension says to `entry`, each form and link once.
    fn apply_to(self, entry: &mut Entry) {
        fn add(to: &mut Vec<String>, more: Vec<String>) {
            for item in more {
                if !to.contains(&item) {
                    to.push(item);
                }
            }
        }
        add(&mut entry.aliases, self.aliases);
        add(&mut entry.exact_case, self.exact_case);
        add(&mut entry.ambiguous, self.ambiguous);
        add(&mut entry.see_also, self.see_also);
        add(&mut entry.needs_context, self.needs_context);
        if let Some(definition) = self.definition {
            entry.definition = definition;
        }
    }
}

/// The key an entry is sorted by in listings, folded for comparing
/// (accents and case ignored): `sort_as` if given, else for a person of
/// two or more words the last word first (`Joseph Stalin` under
/// `stalin, joseph`), unless the last word is a regnal number (`Nicholas
/// II`), else the name.
pub fn sort_key(name: &str, kind: Kind, sort_as: Option<&str>) -> String {
    let key = match sort_as {
        Some(key) if !key.trim().is_empty() => key.to_string(),
        _ => match name.trim().rsplit_once(char::is_whitespace) {
            Some((rest, last)) if kind == Kind::Person && !is_regnal_number(last) => {
                format!("{last}, {}", rest.trim_end())
            }
            _ => name.to_string(),
        },
    };
    deunicode::deunicode(&key).to_lowercase()
}

/// `II`, `IV`, `XIV`: a roman numeral after a ruler's name.
fn is_regnal_number(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

fn yes() -> bool {
    true
}

/// A surface form of an entry and how its case is matched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SurfaceForm<'a> {
    /// The form as the lexicon writes it.
    pub text: &'a str,
    /// Listed under `exact_case`.
    pub exact_case: bool,
}

impl Entry {
    /// The name, the aliases and the exact-case forms, in that order.
    pub fn surface_forms(&self) -> impl Iterator<Item = SurfaceForm<'_>> {
        let loose = std::iter::once(&self.name).chain(&self.aliases);
        let loose = loose.map(|text| SurfaceForm {
            text,
            exact_case: false,
        });
        let exact = self.exact_case.iter().map(|text| SurfaceForm {
            text,
            exact_case: true,
        });
        loose.chain(exact)
    }
}

/// Where an entry was defined, for error messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Origin {
    /// The lexicon file's path.
    pub file: String,
    /// The 1-based line the entry starts on.
    pub line: usize,
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.file, self.line)
    }
}

/// A validated set of entries. Immutable once built.
#[derive(Clone, Debug)]
pub struct Lexicon {
    entries: Vec<Entry>,
    by_id: HashMap<String, usize>,
    first_names_in_use: FirstNamesInUse,
}

impl Lexicon {
    /// Starts an empty builder.
    pub fn builder() -> LexiconBuilder {
        LexiconBuilder::default()
    }

    /// The built-in lexicon alone.
    pub fn builtin() -> Result<Lexicon, LexiconErrors> {
        let mut builder = Lexicon::builder();
        builder.add_builtin();
        builder.build()
    }

    /// This lexicon and `more` entries, each with where it comes from,
    /// validated together (so a new entry may not take an id or a form of
    /// another).
    pub fn extended(
        &self,
        more: impl IntoIterator<Item = (Entry, Origin)>,
    ) -> Result<Lexicon, LexiconErrors> {
        let mut builder = Lexicon::builder();
        for entry in &self.entries {
            let origin = Origin {
                file: "the lexicon".to_string(),
                line: 0,
            };
            builder.add_entry(entry.clone(), origin);
        }
        for (entry, origin) in more {
            builder.add_entry(entry, origin);
        }
        builder.build()
    }

    /// All entries, in load order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The entry with this id.
    pub fn get(&self, id: &str) -> Option<&Entry> {
        self.by_id.get(id).map(|&i| &self.entries[i])
    }

    /// The first names the entries' definitions call one person each by
    /// (matching rule 9), which name that person anywhere.
    pub fn first_names_in_use(&self) -> &FirstNamesInUse {
        &self.first_names_in_use
    }

    /// Where the entry with this id is in [`Lexicon::entries`].
    pub fn position(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Number of entries.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Collects lexicon sources, then validates them all at once.
#[derive(Debug, Default)]
pub struct LexiconBuilder {
    entries: Vec<Entry>,
    origins: Vec<Origin>,
    /// Whether each entry is a flashcard's card.
    cards: Vec<bool>,
    extensions: Vec<(Extension, Origin)>,
    errors: Vec<LexiconError>,
}

impl LexiconBuilder {
    /// Adds the built-in lexicon.
    pub fn add_builtin(&mut self) -> &mut Self {
        for (name, text) in BUILTIN {
            self.add_toml_or_tsv(name, text);
        }
        self
    }

    /// Adds a lexicon file or every such file in a folder, recursively, in
    /// sorted order. A `.tsv`, `.csv` or (named itself, not in a folder)
    /// `.txt` file is a flashcard export, as [`LexiconBuilder::add_tsv`]
    /// reads it; anything else is TOML.
    ///
    /// A TOML file over 128 KiB is parsed in pieces on the current rayon
    /// thread pool (run this inside `ThreadPool::install` to choose the
    /// threads); the result, errors included, is the same as in one piece.
    pub fn add_path(&mut self, path: &Path) -> &mut Self {
        match load::read_path(path) {
            Ok(files) => {
                for (name, text) in files {
                    self.add_toml_or_tsv(&name, &text);
                }
            }
            Err(err) => self.errors.push(err),
        }
        self
    }

    /// Adds entries from TOML text; `name` is used in error messages. Large
    /// texts are parsed in pieces, as in [`LexiconBuilder::add_path`].
    pub fn add_toml(&mut self, name: &str, text: &str) -> &mut Self {
        self.absorb(name, load::parse_toml(name, text), false);
        self
    }

    /// Adds `term` entries from a flashcard export: `term<TAB>definition`
    /// lines as Anki and Quizlet write them, with Anki's `#` headers,
    /// quoted fields and HTML (see the README's "Flashcard exports"). A
    /// `name` ending in `.csv` means commas unless the file says otherwise.
    pub fn add_tsv(&mut self, name: &str, text: &str) -> &mut Self {
        let parsed = load::parse_cards(name, text).map(|entries| load::Parsed {
            entries,
            extensions: Vec::new(),
        });
        self.absorb(name, parsed, true);
        self
    }

    /// Adds one entry directly, as if read from `origin`.
    pub fn add_entry(&mut self, entry: Entry, origin: Origin) -> &mut Self {
        self.entries.push(entry);
        self.origins.push(origin);
        self.cards.push(false);
        self
    }

    /// Adds forms to an entry added before or after, as if read from
    /// `origin`.
    pub fn add_extension(&mut self, extension: Extension, origin: Origin) -> &mut Self {
        self.extensions.push((extension, origin));
        self
    }

    /// Validates everything added and builds the lexicon, or returns every
    /// problem found.
    ///
    /// First a card whose term is a form of an entry that is no card (a
    /// lexicon file's: `kulak` beside the built-in `kulak`) becomes an
    /// extension of that entry giving it the card's definition, not a
    /// second entry with a duplicate id or form; then each extension is
    /// applied to its entry (an unknown id is an error at the extension's
    /// line); then everything is validated together.
    pub fn build(mut self) -> Result<Lexicon, LexiconErrors> {
        self.cards_join_entries();
        self.apply_extensions();
        let mut errors = self.errors;
        errors.extend(validate::validate(&self.entries, &self.origins));
        if !errors.is_empty() {
            return Err(LexiconErrors(errors));
        }
        let by_id = self
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.id.clone(), i))
            .collect();
        Ok(Lexicon {
            first_names_in_use: FirstNamesInUse::of(&self.entries),
            entries: self.entries,
            by_id,
        })
    }

    fn add_toml_or_tsv(&mut self, name: &str, text: &str) {
        match load::Format::of(name) {
            Some(load::Format::Cards { .. }) => self.add_tsv(name, text),
            Some(load::Format::Toml) | None => self.add_toml(name, text),
        };
    }

    fn absorb(&mut self, name: &str, parsed: Result<load::Parsed, Vec<LexiconError>>, cards: bool) {
        let origin = |line| Origin {
            file: name.to_string(),
            line,
        };
        match parsed {
            Ok(parsed) => {
                for (entry, line) in parsed.entries {
                    self.add_entry(entry, origin(line));
                    *self.cards.last_mut().expect("an entry was added") = cards;
                }
                for (extension, line) in parsed.extensions {
                    self.add_extension(extension, origin(line));
                }
            }
            Err(errors) => self.errors.extend(errors),
        }
    }

    /// Turns each card whose term is a form of an entry that is no card
    /// into an extension of that entry (see [`LexiconBuilder::build`]).
    fn cards_join_entries(&mut self) {
        if !self.cards.contains(&true) {
            return;
        }
        let mut forms: HashMap<String, String> = HashMap::new();
        for (entry, _) in self.entries.iter().zip(&self.cards).filter(|(_, &c)| !c) {
            for form in entry.surface_forms() {
                let key = normalize_form(form.text, true);
                forms.entry(key).or_insert_with(|| entry.id.clone());
            }
        }
        let entries = std::mem::take(&mut self.entries);
        let origins = std::mem::take(&mut self.origins);
        let cards = std::mem::take(&mut self.cards);
        for ((entry, origin), card) in entries.into_iter().zip(origins).zip(cards) {
            let joins = card
                .then(|| forms.get(&normalize_form(&entry.name, true)))
                .flatten();
            if let Some(id) = joins {
                let extension = Extension {
                    id: id.clone(),
                    definition: Some(entry.definition).filter(|d| !d.trim().is_empty()),
                    ..Extension::default()
                };
                self.add_extension(extension, origin);
            } else {
                self.add_entry(entry, origin);
                *self.cards.last_mut().expect("an entry was added") = card;
            }
        }
    }

    /// Applies every extension to its entry, or records an unknown id.
    fn apply_extensions(&mut self) {
        if self.extensions.is_empty() {
            return;
        }
        let mut by_id: HashMap<String, usize> = HashMap::new();
        for (i, entry) in self.entries.iter().enumerate() {
            by_id.entry(entry.id.clone()).or_insert(i);
        }
        for (extension, origin) in std::mem::take(&mut self.extensions) {
            match by_id.get(&extension.id) {
                Some(&i) => extension.apply_to(&mut self.entries[i]),
                None => self.errors.push(LexiconError::new(
                    &origin.file,
                    Some(origin.line),
                    format!(
                        "`[[extend]]` names unknown id `{}`: extend an entry of the \
                         built-in lexicon or of another file",
                        extension.id
                    ),
                )),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Kind;

    #[test]
    fn extensions_and_cards_join_the_entries_of_other_files() {
        let mut builder = super::Lexicon::builder();
        builder.add_toml(
            "base.toml",
            "[[entry]]\nid = \"kulaks\"\nname = \"kulak\"\nkind = \"term\"\n\
             aliases = [\"kulaki\"]\ndefinition = \"Base.\"\n",
        );
        // An extension may come before its entry; a form it repeats is kept once.
        builder.add_toml(
            "ext.toml",
            "[[extend]]\nid = \"kulaks\"\naliases = [\"koolak\", \"kulaki\"]\n",
        );
        builder.add_tsv("cards.tsv", "Kulak\tMine.\nkolkhoz\tA collective farm.\n");
        let lexicon = builder.build().unwrap();
        let kulaks = lexicon.get("kulaks").unwrap();
        assert_eq!(kulaks.aliases, ["kulaki", "koolak"]);
        assert_eq!(kulaks.definition, "Mine.");
        assert_eq!(lexicon.len(), 2, "the kolkhoz card is an entry of its own");

        // Two cards of one term are still a duplicate, as before.
        let mut builder = super::Lexicon::builder();
        builder.add_tsv("cards.tsv", "kolkhoz\tA.\nkolkhoz\tB.\n");
        assert!(builder.build().is_err());
    }

    #[test]
    fn kinds_are_named_back_in_any_case() {
        for kind in Kind::ALL {
            assert_eq!(Kind::named(kind.as_str()), Some(kind));
            assert_eq!(Kind::named(&kind.as_str().to_uppercase()), Some(kind));
        }
        assert_eq!(Kind::named("people"), None);
        assert_eq!(Kind::named(""), None);
    }

    #[test]
    fn people_sort_by_surname_unless_told() {
        use super::sort_key;
        assert_eq!(
            sort_key("Joseph Stalin", Kind::Person, None),
            "stalin, joseph"
        );
        assert_eq!(
            sort_key("Vasily Blücher", Kind::Person, None),
            "blucher, vasily"
        );
        assert_eq!(sort_key("Lenin", Kind::Person, None), "lenin");
        assert_eq!(sort_key("Nicholas II", Kind::Person, None), "nicholas ii");
        assert_eq!(
            sort_key("Five-Year Plan", Kind::Term, None),
            "five-year plan"
        );
        let told = Some("Gaulle, Charles de");
        assert_eq!(
            sort_key("Charles de Gaulle", Kind::Person, told),
            "gaulle, charles de"
        );
        assert_eq!(
            sort_key("Leon Trotsky", Kind::Person, Some(" ")),
            "trotsky, leon"
        );
    }
}
