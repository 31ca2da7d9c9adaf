//! Limits on what a compressed file may inflate to: one budget per file,
//! shared by the zip container of Word and OpenDocument files
//! ([`super::office`]) and the compressed streams of a PDF
//! ([`super::pdf`]), so a bomb is refused the same way in both.
//!
//! A part (a zip entry, a PDF stream) is admitted only if it inflates to
//! at most [`MAX_PART_BYTES`], to at most [`MAX_RATIO`] times its
//! compressed size when over 1 MiB, and if all parts admitted from the
//! file so far come to at most [`MAX_INFLATED_BYTES`].

use std::io::Read;

/// The most bytes one part may inflate to.
pub(super) const MAX_PART_BYTES: u64 = 64 << 20;

/// The most bytes all parts of one file may inflate to.
pub(super) const MAX_INFLATED_BYTES: u64 = 256 << 20;

/// The highest inflated-to-compressed ratio of a part over 1 MiB. Real
/// XML and PDF page content compress about 10:1; a bomb, thousands to one.
pub(super) const MAX_RATIO: u64 = 100;

/// Parts at or under this size are admitted whatever their ratio.
const RATIO_FLOOR: u64 = 1 << 20;

/// What one file has inflated so far.
#[derive(Debug, Default)]
pub(super) struct Budget {
    inflated: u64,
}

impl Budget {
    /// Admits the part `name` that inflates to `size` bytes from `packed`
    /// compressed ones, and counts it against the file's total; the error
    /// names the part and the limits.
    ///
    /// Returns the most bytes to read from the part: `size`, so a reader
    /// that stops one byte past it catches a part inflating to more than
    /// it said.
    pub(super) fn admit(&mut self, name: &str, size: u64, packed: u64) -> Result<u64, String> {
        let packed = packed.max(1);
        let left = MAX_INFLATED_BYTES.saturating_sub(self.inflated);
        if size > MAX_PART_BYTES || size > left || (size > RATIO_FLOOR && size / packed > MAX_RATIO)
        {
            return Err(format!(
                "{name} inflates to {size} bytes from {packed}: refused as a compression bomb \
                 (the limits are {} MiB a part, {} MiB in all, {MAX_RATIO}:1)",
                MAX_PART_BYTES >> 20,
                MAX_INFLATED_BYTES >> 20
            ));
        }
        self.inflated += size;
        Ok(size)
    }

    /// The most bytes worth inflating to learn a part's size: one past the
    /// most any part may still inflate to.
    pub(super) fn probe_limit(&self) -> u64 {
        MAX_PART_BYTES.min(MAX_INFLATED_BYTES.saturating_sub(self.inflated)) + 1
    }
}

/// How many bytes `reader` inflates to, reading at most `limit` of them
/// (nothing is kept); an error is a corrupt stream.
pub(super) fn inflated_size(reader: impl Read, limit: u64) -> std::io::Result<u64> {
    std::io::copy(&mut reader.take(limit), &mut std::io::sink())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_part_is_refused_over_its_limit_its_ratio_or_the_files_total() {
        let mut budget = Budget::default();
        assert_eq!(budget.admit("a", 1000, 10), Ok(1000), "small: any ratio");
        assert!(budget
            .admit("b", MAX_PART_BYTES + 1, MAX_PART_BYTES)
            .is_err());
        let err = budget.admit("c", 2 << 20, 1000).unwrap_err();
        assert!(
            err.starts_with("c inflates to 2097152 bytes from 1000"),
            "{err}"
        );
        for _ in 0..3 {
            budget.admit("d", MAX_PART_BYTES, MAX_PART_BYTES).unwrap();
        }
        assert!(budget.admit("e", MAX_PART_BYTES, MAX_PART_BYTES).is_err());
        assert_eq!(budget.probe_limit(), MAX_PART_BYTES - 1000 + 1);
    }
}
