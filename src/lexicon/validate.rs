//! Cross-entry checks: ids, surface forms, links.

use std::collections::HashMap;

use super::{Entry, LexiconError, Origin};
use crate::text::normalize_form;

/// Checks a set of entries; returns every problem, in entry order.
pub(super) fn validate(entries: &[Entry], origins: &[Origin]) -> Vec<LexiconError> {
    let mut errors = Vec::new();
    let error = |origin: &Origin, message: String| {
        LexiconError::new(&origin.file, Some(origin.line), message)
    };
    let mut ids: HashMap<&str, &Origin> = HashMap::new();
    let mut forms: HashMap<String, (&Entry, &Origin)> = HashMap::new();
    for (entry, origin) in entries.iter().zip(origins) {
        errors.extend(check_fields(entry).into_iter().map(|m| error(origin, m)));
        if let Some(first) = ids.insert(&entry.id, origin) {
            errors.push(error(
                origin,
                format!("duplicate id `{}` (first defined at {first})", entry.id),
            ));
            ids.insert(&entry.id, first);
        }
        for form in entry.surface_forms() {
            let key = normalize_form(form.text, true);
            if key.is_empty() {
                errors.push(error(
                    origin,
                    format!("`{}`: surface form `{}` is empty", entry.id, form.text),
                ));
                continue;
            }
            match forms.get(&key) {
                Some((other, at)) if other.id != entry.id && !shares(entry, other, &key) => {
                    errors.push(error(
                        origin,
                        format!(
                            "surface form `{}` of `{}` is already claimed by `{}` ({at}); \
                             list it under `ambiguous` in one of them if both are meant",
                            form.text, entry.id, other.id
                        ),
                    ));
                }
                Some(_) => {}
                None => {
                    forms.insert(key, (entry, origin));
                }
            }
        }
    }
    for (entry, origin) in entries.iter().zip(origins) {
        for link in entry
            .see_also
            .iter()
            .filter(|id| !ids.contains_key(id.as_str()))
        {
            errors.push(error(
                origin,
                format!("`{}`: see_also names unknown id `{link}`", entry.id),
            ));
        }
    }
    errors
}

fn check_fields(entry: &Entry) -> Vec<String> {
    let mut problems = Vec::new();
    let valid_id = !entry.id.is_empty()
        && entry
            .id
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
    if !valid_id {
        problems.push(format!(
            "id `{}` must be non-empty and use only a-z, 0-9 and -",
            entry.id
        ));
    }
    if entry.name.trim().is_empty() {
        problems.push(format!("`{}`: name is empty", entry.id));
    }
    for form in &entry.needs_context {
        let key = normalize_form(form, true);
        if !entry
            .surface_forms()
            .any(|f| normalize_form(f.text, true) == key)
        {
            problems.push(format!(
                "`{}`: needs_context form `{form}` is none of the entry's forms; \
                 list it as the name, an alias or an exact-case form too",
                entry.id
            ));
        }
    }
    problems
}

/// Does either entry declare `key` (a normalized form) as shared?
fn shares(a: &Entry, b: &Entry, key: &str) -> bool {
    [a, b]
        .iter()
        .any(|e| e.ambiguous.iter().any(|f| normalize_form(f, true) == key))
}

#[cfg(test)]
mod tests {
    use crate::lexicon::Lexicon;

    fn build(toml: &str) -> Result<Lexicon, String> {
        let mut builder = Lexicon::builder();
        builder.add_toml("t.toml", toml);
        builder.build().map_err(|e| e.to_string())
    }

    const TWO: &str = r#"
[[entry]]
id = "right-opposition"
name = "Right Opposition"
kind = "org"
definition = "x"
exact_case = ["the Right"]

[[entry]]
id = "right"
name = "The right"
kind = "term"
definition = "y"
"#;

    #[test]
    fn a_form_claimed_twice_is_an_error_naming_both() {
        let err = build(TWO).unwrap_err();
        assert!(
            err.starts_with("t.toml:9: surface form `The right` of `right`"),
            "{err}"
        );
        assert!(
            err.contains("claimed by `right-opposition` (t.toml:2)"),
            "{err}"
        );
        build(&TWO.replace(
            "definition = \"y\"",
            "definition = \"y\"\nambiguous = [\"the right\"]",
        ))
        .unwrap();
    }

    #[test]
    fn duplicate_ids_and_bad_links_are_errors() {
        let text = TWO.replace(
            "id = \"right\"",
            "id = \"right-opposition\"\nsee_also = [\"nope\"]",
        );
        let err = build(&text).unwrap_err();
        assert!(
            err.contains("t.toml:9: duplicate id `right-opposition` (first defined at t.toml:2)"),
            "{err}"
        );
        assert!(err.contains("see_also names unknown id `nope`"), "{err}");
    }

    #[test]
    fn missing_fields_are_errors() {
        let err = build("[[entry]]\nid = \"a\"\nkind = \"term\"\n").unwrap_err();
        assert!(err.starts_with("t.toml:1: missing field `name`"), "{err}");
    }

    #[test]
    fn a_form_that_needs_context_must_be_a_form() {
        let entry = "[[entry]]\nid = \"georgia\"\nname = \"Georgia\"\nkind = \"place\"\n\
                     definition = \"A republic.\"\n";
        assert!(build(&format!("{entry}needs_context = [\"GEORGIA\"]\n")).is_ok());
        let err = build(&format!("{entry}needs_context = [\"Georgian\"]\n")).unwrap_err();
        assert!(
            err.contains("t.toml:1: `georgia`: needs_context form `Georgian` is none"),
            "{err}"
        );
    }
}
