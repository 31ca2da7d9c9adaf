//! The rule of normalization: what each original character becomes
//! ([`fold`], and its ASCII half [`fold_ascii`]).
//!
//! This is the one definition; the fast paths beside it are made from it
//! or checked against it: the ASCII run copy and its table (`plain.rs`),
//! and the builder (`builder.rs`) that applies it to every other
//! character.

use crate::text::is_common_letter;

/// What one original character becomes in the normalized text.
pub(super) enum Fold {
    /// Dropped entirely (soft hyphen, zero-width characters).
    Drop,
    /// A separator: collapses with its neighbours into one space.
    Space,
    /// Replaced by this character.
    Char(char),
    /// Lower-cased, which may yield several characters (`İ` → `i̇`).
    Lower(char),
}

/// A hyphen or a dash (`-`, `‐`, `–`, `—`, `−`…): each reads as a space.
pub(crate) fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{2212}')
}

/// What the original character `c` becomes: the one definition of the
/// normalization (see the module documentation), of which the ASCII half
/// is [`fold_ascii`].
#[inline(always)]
pub(super) fn fold(c: char, fold_case: bool) -> Fold {
    match u8::try_from(c) {
        Ok(b) if b.is_ascii() => return fold_ascii(b, fold_case),
        _ => {}
    }
    if let Some(base) = latin_base(c) {
        return Fold::Char(if fold_case {
            base.to_ascii_lowercase()
        } else {
            base
        });
    }
    match c {
        '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{2032}' => Fold::Char('\''),
        c if is_hyphen(c) => Fold::Space,
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => Fold::Drop,
        c if c.is_whitespace() => Fold::Space,
        c if !fold_case || is_caseless(c) => Fold::Char(c),
        c if is_common_letter(c) => Fold::Char(common_letter_lowercase(c)),
        c => Fold::Lower(c),
    }
}

/// The first character of [`LATIN_BASES`].
const LATIN_FIRST: u32 = 0xC0;

/// The ASCII letter under each character from U+00C0 to U+017F (Latin-1
/// and Latin Extended-A), or `.` for none: the letter that the character's
/// canonical decomposition (NFD) starts with when the rest are combining
/// marks (`é` = `e` + `◌́`, `Ü`, `ñ`, `ç`, `ő`), and for the letters with a
/// stroke or bar that have no decomposition, the letter they are written
/// on (`ø`, `đ`, `ħ`, `ł`, and the dotless `ı`). Ligatures and other
/// letters (`æ`, `ß`, `þ`, `ŋ`) have none. Checked against the
/// decompositions by a test.
const LATIN_BASES: &[u8; 192] = b"AAAAAA.CEEEEIIII.NOOOOO.OUUUUY..aaaaaa.ceeeeiiii.nooooo.ouuuuy.y\
AaAaAaCcCcCcCcDdDdEeEeEeEeEeGgGgGgGgHhHhIiIiIiIiIi..JjKk.LlLlLl.\
.LlNnNnNn...OoOoOo..RrRrRrSsSsSsSsTtTt..UuUuUuUuUuUuWwYyYZzZzZz.";

/// The ASCII letter a Latin letter with a diacritic is written on (`é` →
/// `e`, `Ł` → `L`; see [`LATIN_BASES`]), in its case: people type names
/// without their accents (`Josephine`, `Blucher`, `Pilsudski`), so a
/// letter and its base letter are one (matching rule 3).
#[inline(always)]
pub(super) fn latin_base(c: char) -> Option<char> {
    let index = (c as u32).checked_sub(LATIN_FIRST)? as usize;
    let base = *LATIN_BASES.get(index)?;
    (base != b'.').then_some(base as char)
}

/// What the ASCII byte `b` becomes: white space and `-` are separators,
/// and letters are lower-cased if `fold_case`; every other byte stays.
///
/// This is the rule; the fast paths are made from it or checked against
/// it over every byte value: `PLAIN` (`plain.rs`) is derived from it at
/// compile time, and the tests check
/// [`Builder::push_plain`](super::builder::Builder::push_plain)'s
/// branch-free copy and [`plain_run_end`](super::plain::plain_run_end)'s
/// masks against it.
pub(super) const fn fold_ascii(b: u8, fold_case: bool) -> Fold {
    match b {
        b'-' => Fold::Space,
        b if b.is_ascii_whitespace() => Fold::Space,
        b if fold_case => Fold::Char(b.to_ascii_lowercase() as char),
        b => Fold::Char(b as char),
    }
}

/// Is `c` in a block without letters, so that it is its own lower case:
/// general punctuation (quotes, dashes, `•`, `…`) and geometric shapes
/// (the bullets `▪ ◦ ○`)? These are common in notes, and lower-casing
/// searches a table.
fn is_caseless(c: char) -> bool {
    matches!(c, '\u{2000}'..='\u{206F}' | '\u{25A0}'..='\u{25FF}')
}

/// The lower case of a [`is_common_letter`], without the table search:
/// the capitals of Latin-1 and of the Russian alphabet are 32 code points
/// before their small letters (80 for `Ё`).
fn common_letter_lowercase(c: char) -> char {
    let offset = match c {
        'À'..='Þ' if c != '×' => 32,
        'А'..='Я' => 32,
        'Ё' => 80,
        _ => 0,
    };
    char::from_u32(c as u32 + offset).expect("a letter")
}
#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::normalize::tests::check;

    #[test]
    fn quick_lower_cases_agree_with_the_tables() {
        for c in ('\u{80}'..='\u{4FF}').filter(|&c| is_common_letter(c)) {
            assert_eq!(
                c.to_lowercase().collect::<String>(),
                common_letter_lowercase(c).to_string()
            );
        }
        for c in ('\u{2000}'..='\u{2BFF}').filter(|&c| is_caseless(c)) {
            assert_eq!(c.to_lowercase().collect::<String>(), c.to_string());
        }
        check("ÀÉÞ×ЖЁ•", "aeþ×жё•");
    }

    #[test]
    fn latin_bases_are_the_decompositions() {
        use unicode_normalization::char::is_combining_mark;
        use unicode_normalization::UnicodeNormalization;
        let strokes = "ØøĐđĦħŁłı";
        for c in '\u{0}'..='\u{24F}' {
            let decomposed: Vec<char> = c.nfd().collect();
            let base = match decomposed.split_first() {
                _ if c.is_ascii() => None,
                Some((&base, marks)) if !marks.is_empty() => Some(base).filter(|b| {
                    b.is_ascii_alphabetic() && marks.iter().all(|&m| is_combining_mark(m))
                }),
                _ => None,
            };
            let base = base.or_else(|| {
                let stroke = strokes.contains(c);
                stroke.then(|| {
                    deunicode::deunicode_char(c)
                        .unwrap()
                        .chars()
                        .next()
                        .unwrap()
                })
            });
            let in_table = ('\u{C0}'..='\u{17F}').contains(&c);
            assert_eq!(latin_base(c), base.filter(|_| in_table), "{c:?}");
        }
        check(
            "Joséphine BLÜCHER Piłsudski İ",
            "josephine blucher pilsudski i",
        );
    }
}
