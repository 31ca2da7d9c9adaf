//! From the definitions of many documents to lexicon entries: one entry a
//! term (its forms compared as the matcher compares them), with every
//! definition the notes give of it and where each is; the entry of the
//! lexicon it matches, if any; and the lexicon file `glossator lexicon
//! harvest` writes for review, as TOML or flashcard TSV.

use std::collections::HashMap;
use std::fmt::Write;

use super::{Definition, Pattern};
use crate::document::{Document, SourcePlace};
use crate::lexicon::{Entry, Kind, Lexicon};
use crate::slug::slug;
use crate::text::normalize_form;

/// One definition and where it was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sourced {
    /// The definition.
    pub definition: String,
    /// The pattern that found it.
    pub pattern: Pattern,
    /// The document's path, as given.
    pub path: String,
    /// The document's id.
    pub doc: String,
    /// Where the term is in the file.
    pub place: SourcePlace,
    /// The passage in the document's text.
    pub range: std::ops::Range<usize>,
    /// Where the term is written in it.
    pub at: usize,
}

impl Sourced {
    /// `notes.md:12` (`report.docx ¶3`): the file and the place.
    pub fn citation(&self) -> String {
        match self.place {
            SourcePlace::Line(n) => format!("{}:{n}", self.path),
            SourcePlace::Para(n) => format!("{} ¶{n}", self.path),
            SourcePlace::Page(n) => format!("{} p.{n}", self.path),
        }
    }
}

/// A harvested term: an entry made of it, its definitions, and the lexicon
/// entry it matches.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Harvested {
    /// The entry: id, name, a guessed kind, the first definition.
    pub entry: Entry,
    /// Every different definition the notes give, in the order found.
    pub definitions: Vec<Sourced>,
    /// The id of the lexicon entry with the term among its forms.
    pub matches: Option<String>,
}

/// The harvested entries of `docs` (each with the definitions found in
/// it), in the order their terms first occur; `lexicon` says which are
/// already entries. A new entry's id is the term's slug, made unique
/// against the lexicon and the other new entries.
pub fn entries<'d>(
    docs: impl IntoIterator<Item = (&'d Document, &'d [Definition])>,
    lexicon: &Lexicon,
) -> Vec<Harvested> {
    let mut forms: HashMap<String, &str> = HashMap::new();
    for entry in lexicon.entries() {
        for form in entry.surface_forms() {
            forms
                .entry(normalize_form(form.text, true))
                .or_insert(&entry.id);
        }
    }
    let mut out: Vec<Harvested> = Vec::new();
    let mut by_form: HashMap<String, usize> = HashMap::new();
    for (doc, definitions) in docs {
        for d in definitions {
            let key = normalize_form(&d.term, true);
            let sourced = Sourced {
                definition: d.definition.clone(),
                pattern: d.pattern,
                path: doc.path.clone(),
                doc: doc.id.clone(),
                place: d.place,
                range: d.range.clone(),
                at: d.at,
            };
            if let Some(&i) = by_form.get(&key) {
                let same = |s: &Sourced| {
                    normalize_form(&s.definition, true) == normalize_form(&d.definition, true)
                };
                if !out[i].definitions.iter().any(same) {
                    out[i].definitions.push(sourced);
                }
                continue;
            }
            by_form.insert(key.clone(), out.len());
            out.push(Harvested {
                entry: Entry {
                    id: String::new(),
                    name: d.term.clone(),
                    kind: Kind::guess(&d.term, &d.definition),
                    aliases: Vec::new(),
                    exact_case: Vec::new(),
                    definition: d.definition.clone(),
                    see_also: Vec::new(),
                    plural: true,
                    ambiguous: Vec::new(),
                    sort_as: None,
                    surname_alone: false,
                    needs_context: Vec::new(),
                },
                definitions: vec![sourced],
                matches: matching(&forms, &key).map(str::to_string),
            });
        }
    }
    let mut taken: std::collections::HashSet<String> =
        lexicon.entries().iter().map(|e| e.id.clone()).collect();
    for h in &mut out {
        h.entry.id = match &h.matches {
            Some(id) => id.clone(),
            None => unique(&slug(&h.entry.name), &mut taken),
        };
    }
    out
}

/// The id of the entry with the form `key`, or with its singular (`show
/// trials`: `show trial`).
fn matching<'f>(forms: &HashMap<String, &'f str>, key: &str) -> Option<&'f str> {
    let singulars = [key.strip_suffix("es"), key.strip_suffix('s')];
    std::iter::once(Some(key))
        .chain(singulars)
        .flatten()
        .find_map(|k| forms.get(k).copied())
}

/// `base`, or `base-2`, `base-3` … whichever is not taken yet; taken now.
fn unique(base: &str, taken: &mut std::collections::HashSet<String>) -> String {
    let base = if base.is_empty() { "term" } else { base };
    // Ends at the first number not taken: `taken` is finite.
    #[allow(clippy::maybe_infinite_iter)]
    let id = (1..)
        .map(|n| {
            if n == 1 {
                base.to_string()
            } else {
                format!("{base}-{n}")
            }
        })
        .find(|id| !taken.contains(id))
        .unwrap_or_default();
    taken.insert(id.clone());
    id
}

/// The lexicon file for review, TOML: a header, then per entry a comment
/// with its sources (and any other definition), then the entry. An entry
/// that matches an existing one is written commented out and marked
/// `built-in`, so the file loads beside the built-in lexicon as it is.
pub fn to_toml(harvested: &[Harvested], files: usize) -> String {
    let mut out = String::new();
    let new = harvested.iter().filter(|h| h.matches.is_none()).count();
    let _ = writeln!(
        out,
        "# Definitions harvested by `glossator lexicon harvest` from {files} file(s): \
         {} term(s), {new} new.\n\
         # Review them: correct a definition or a kind, delete what is wrong, then use the \
         file with --lexicon.\n\
         # An entry marked `built-in` has the name of an entry glossator already has; it is \
         commented out\n\
         # (uncomment it to use your definition with --no-default-lexicon).",
        harvested.len()
    );
    for h in harvested {
        out.push('\n');
        let first = &h.definitions[0];
        let _ = writeln!(out, "# {} ({})", first.citation(), first.pattern.as_str());
        for other in &h.definitions[1..] {
            let _ = writeln!(
                out,
                "# also {} ({}): {}",
                other.citation(),
                other.pattern.as_str(),
                one_line(&other.definition)
            );
        }
        let e = &h.entry;
        let body = format!(
            "[[entry]]\nid = {}\nname = {}\nkind = {}\ndefinition = {}\n",
            quoted(&e.id),
            quoted(&e.name),
            quoted(e.kind.as_str()),
            quoted(&e.definition)
        );
        match &h.matches {
            None => out.push_str(&body),
            Some(id) => {
                let _ = writeln!(out, "# built-in: the lexicon already has `{id}`");
                for line in body.lines() {
                    let _ = writeln!(out, "# {line}");
                }
            }
        }
    }
    out
}

/// The entries as flashcards: a header naming the columns (`Front`,
/// `Back`, `Kind`, `Source`, `Built-in`), then a card per definition, so
/// that two files' definitions of a term are two cards. The file loads as
/// a lexicon too (the kind column gives the kind).
pub fn to_tsv(harvested: &[Harvested]) -> String {
    let mut out =
        String::from("#separator:tab\n#html:false\n#columns:Front\tBack\tKind\tSource\tBuilt-in\n");
    for h in harvested {
        for d in &h.definitions {
            let fields = [
                h.entry.name.as_str(),
                d.definition.as_str(),
                h.entry.kind.as_str(),
                &d.citation(),
                h.matches.as_deref().unwrap_or(""),
            ];
            let line: Vec<String> = fields
                .iter()
                .map(|f| crate::render::tsv::field(f))
                .collect();
            let _ = writeln!(out, "{}", line.join("\t"));
        }
    }
    out
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    toml::Value::String(text.to_string()).to_string()
}

/// `text` on one line.
fn one_line(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;
    use crate::harvest::harvest;

    fn doc(id: &str, text: &str) -> (Document, Vec<Definition>) {
        let doc = Document::of_text(id.into(), format!("{id}.txt"), text.into(), Format::Text);
        let found = harvest(&doc).definitions;
        (doc, found)
    }

    #[test]
    fn terms_are_merged_and_conflicts_kept_with_their_sources() {
        let a = doc(
            "a",
            "Kulak – a rich peasant\n\nGosplan – the state planning agency\n",
        );
        let b = doc(
            "b",
            "kulak – a peasant who hired labour\n\nKulak – a rich peasant\n",
        );
        let lexicon = Lexicon::builder().build().unwrap();
        let got = entries([(&a.0, a.1.as_slice()), (&b.0, b.1.as_slice())], &lexicon);
        let kulak = &got[0];
        assert_eq!(kulak.entry.id, "kulak");
        let defs: Vec<(&str, String)> = kulak
            .definitions
            .iter()
            .map(|d| (d.definition.as_str(), d.citation()))
            .collect();
        assert_eq!(
            defs,
            [
                ("a rich peasant", "a.txt:1".to_string()),
                ("a peasant who hired labour", "b.txt:1".to_string())
            ]
        );
        assert_eq!(got.len(), 2);
    }

    #[test]
    fn entries_of_the_lexicon_are_matched_and_written_commented_out() {
        let a = doc(
            "a",
            "NEP = the New Economic Policy of 1921\n\nKulak – a rich peasant\n",
        );
        let mut builder = Lexicon::builder();
        builder.add_toml(
            "l.toml",
            "[[entry]]\nid = \"nep\"\nname = \"New Economic Policy\"\nkind = \"term\"\n\
             aliases = [\"NEP\"]\ndefinition = \"x\"\n",
        );
        let lexicon = builder.build().unwrap();
        let got = entries([(&a.0, a.1.as_slice())], &lexicon);
        assert_eq!(got[0].matches.as_deref(), Some("nep"));
        assert_eq!(got[1].matches, None);
        let file = to_toml(&got, 1);
        assert!(
            file.contains("# built-in: the lexicon already has `nep`\n# [[entry]]\n# id = \"nep\""),
            "{file}"
        );
        // The file loads beside the lexicon it was checked against.
        let mut again = Lexicon::builder();
        again.add_toml("l.toml", "[[entry]]\nid = \"nep\"\nname = \"New Economic Policy\"\nkind = \"term\"\naliases = [\"NEP\"]\ndefinition = \"x\"\n");
        again.add_toml("h.toml", &file);
        let loaded = again.build().unwrap();
        assert_eq!(loaded.get("kulak").unwrap().definition, "a rich peasant");
    }

    #[test]
    fn tsv_cards_load_back_with_their_kinds() {
        let a = doc(
            "a",
            "Trotsky – a Marxist revolutionary and War Commissar\n\nKulak – a rich peasant\n",
        );
        let lexicon = Lexicon::builder().build().unwrap();
        let got = entries([(&a.0, a.1.as_slice())], &lexicon);
        let file = to_tsv(&got);
        let mut builder = Lexicon::builder();
        builder.add_tsv("h.tsv", &file);
        let loaded = builder.build().unwrap();
        assert_eq!(loaded.get("trotsky").unwrap().kind, Kind::Person);
        assert_eq!(loaded.get("kulak").unwrap().definition, "a rich peasant");
    }
}
