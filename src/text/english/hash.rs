//! The hash of the English word table, the one definition that
//! `build.rs`, which writes the table, and `src/text/english.rs`, which
//! searches it, share.

/// The FNV-1a hash of a lower-cased word's bytes: its first slot in the
/// table.
pub fn hash(word: &[u8]) -> u64 {
    word.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}
