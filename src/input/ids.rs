//! Making document ids unique and short enough to name files.
//!
//! A document's id names its output files (`annotations/<id>.json`,
//! `handouts/<id>.html`), so two documents must never share one, and an id
//! must fit in a file name. Which characters an id may hold is decided
//! elsewhere (`id_of`, from the path); this module takes those candidate
//! ids and makes them final:
//!
//! * an id over [`MAX_ID_BYTES`] is cut at a character boundary and ends in
//!   a hash of the whole id, so different long paths stay different and the
//!   same path always gets the same id;
//! * ids are compared without case, as macOS and Windows compare file
//!   names (`Notes` and `notes` would overwrite each other there);
//! * the first document with a given id keeps it; a later one gets the
//!   first `-2`, `-3`, ... that is neither taken nor the id some other
//!   document has of its own, so `a b.txt`, `a-b.txt` and `a-b-2.txt` get
//!   `a-b`, `a-b-3` and `a-b-2`.

use std::collections::HashSet;
use std::hash::Hasher;

/// The longest document id, in bytes. File names may have 255 bytes on
/// most file systems (143 on eCryptfs); an id also gets an extension, and
/// a shorter id stays readable in a file listing.
pub const MAX_ID_BYTES: usize = 100;

/// The final ids for `candidates`, in order: each one short enough, and
/// none equal to another without regard to case.
///
/// ```
/// use glossator::input::unique_ids;
///
/// let ids = unique_ids(vec!["a-b".into(), "a-b".into(), "a-b-2".into()]);
/// assert_eq!(ids, ["a-b", "a-b-3", "a-b-2"]);
/// ```
pub fn unique_ids(candidates: Vec<String>) -> Vec<String> {
    let candidates: Vec<String> = candidates
        .into_iter()
        .map(|id| shorten(&id, MAX_ID_BYTES))
        .collect();
    let own: HashSet<String> = candidates.iter().map(|id| id.to_lowercase()).collect();
    let mut taken: HashSet<String> = HashSet::with_capacity(candidates.len());
    candidates
        .into_iter()
        .map(|id| {
            if taken.insert(id.to_lowercase()) {
                return id;
            }
            // Ends at the first number not taken: `taken` is finite.
            #[allow(clippy::maybe_infinite_iter)]
            (2..)
                .map(|n| numbered(&id, n))
                .find(|numbered| {
                    let key = numbered.to_lowercase();
                    !own.contains(&key) && taken.insert(key)
                })
                .unwrap_or_default()
        })
        .collect()
}

/// `id-n`, shortened first if that is needed to stay within
/// [`MAX_ID_BYTES`].
fn numbered(id: &str, n: usize) -> String {
    let suffix = format!("-{n}");
    format!("{}{suffix}", shorten(id, MAX_ID_BYTES - suffix.len()))
}

/// `id` if it has at most `max` bytes; otherwise its first bytes, cut at a
/// character boundary, then `-` and eight hex digits of a hash of all of
/// `id` (64-bit FNV-1a, which does not change between releases or
/// platforms).
fn shorten(id: &str, max: usize) -> String {
    if id.len() <= max {
        return id.to_string();
    }
    let mut hasher = fnv::FnvHasher::default();
    hasher.write(id.as_bytes());
    let hash = format!("-{:08x}", hasher.finish() as u32);
    let mut cut = max - hash.len();
    while !id.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}{hash}", id[..cut].trim_end_matches(['-', '.']))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(candidates: &[&str]) -> Vec<String> {
        unique_ids(
            candidates
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
        )
    }

    #[test]
    fn repeated_ids_get_numbered() {
        assert_eq!(ids(&["a", "a", "b", "a"]), ["a", "a-2", "b", "a-3"]);
    }

    #[test]
    fn a_number_never_takes_another_documents_own_id() {
        // `a b.txt`, `a-b-2.txt`, `a-b.txt`, in the walk's sorted order.
        assert_eq!(ids(&["a-b", "a-b-2", "a-b"]), ["a-b", "a-b-2", "a-b-3"]);
        assert_eq!(ids(&["a-b", "a-b", "a-b-2"]), ["a-b", "a-b-3", "a-b-2"]);
    }

    #[test]
    fn ids_differing_only_in_case_are_the_same_file_name() {
        assert_eq!(ids(&["Notes", "notes"]), ["Notes", "notes-2"]);
    }

    #[test]
    fn long_ids_are_cut_with_a_hash_of_the_whole() {
        let long_a = format!("{}-a", "x".repeat(300));
        let long_b = format!("{}-b", "x".repeat(300));
        let got = ids(&[&long_a, &long_b, &long_a]);
        assert!(got.iter().all(|id| id.len() <= MAX_ID_BYTES), "{got:?}");
        assert_ne!(got[0], got[1], "the hash tells them apart");
        assert!(got[2].ends_with("-2") && got[2] != got[0], "{got:?}");
        assert_eq!(ids(&[&long_a]), got[..1], "the same id every run");
    }

    #[test]
    fn cuts_fall_between_characters() {
        let long = "ж".repeat(200);
        let got = shorten(&long, MAX_ID_BYTES);
        assert!(got.len() <= MAX_ID_BYTES);
        assert!(got.starts_with("жжж"));
    }
}
