//! The zip container the Word (`.docx`) and OpenDocument (`.odt`) readers
//! share, read with limits.
//!
//! A zip bomb is refused: a part is read only if its declared size is at
//! most [`MAX_PART_BYTES`] and at most [`MAX_RATIO`] times its compressed
//! size (when over 1 MiB), and reading stops at that size whatever the
//! header says; all parts read from one file come to at most
//! [`MAX_INFLATED_BYTES`].

use std::io::{Cursor, Read};

/// The most bytes one part of the container may inflate to.
pub(super) const MAX_PART_BYTES: u64 = 64 << 20;

/// The most bytes all parts read from one container may inflate to.
pub(super) const MAX_INFLATED_BYTES: u64 = 256 << 20;

/// The highest inflated-to-compressed ratio of a part over 1 MiB. Real
/// XML compresses about 10:1; a bomb, thousands to one.
pub(super) const MAX_RATIO: u64 = 100;

/// An open container and what has been inflated from it so far.
pub(super) struct Container {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    inflated: u64,
}

impl Container {
    /// Opens the zip container in `bytes`; `what` names the format in
    /// messages (`a Word document`).
    pub(super) fn open(bytes: Vec<u8>, what: &str) -> Result<Container, String> {
        if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
            return Err(format!(
                "encrypted (password-protected), or an old binary file, not {what}; \
                 save it without a password in the current format"
            ));
        }
        let zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|err| format!("not {what}, or corrupt or truncated: {err}"))?;
        Ok(Container { zip, inflated: 0 })
    }

    /// The part named `name` as text, if there is one.
    pub(super) fn part(&mut self, name: &str) -> Result<Option<String>, String> {
        let Some(index) = self.zip.index_for_name(name) else {
            return Ok(None);
        };
        let mut file = self
            .zip
            .by_index(index)
            .map_err(|err| format!("{name}: corrupt or encrypted: {err}"))?;
        let (size, packed) = (file.size(), file.compressed_size().max(1));
        let left = MAX_INFLATED_BYTES.saturating_sub(self.inflated);
        if size > MAX_PART_BYTES || size > left || (size > 1 << 20 && size / packed > MAX_RATIO) {
            return Err(format!(
                "{name} inflates to {size} bytes from {packed}: refused as a zip bomb \
                 (the limits are {} MiB a part, {} MiB in all, {MAX_RATIO}:1)",
                MAX_PART_BYTES >> 20,
                MAX_INFLATED_BYTES >> 20
            ));
        }
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        let limit = size.min(left) + 1;
        (&mut file)
            .take(limit)
            .read_to_end(&mut bytes)
            .map_err(|err| format!("{name}: corrupt or truncated: {err}"))?;
        if bytes.len() as u64 > size {
            return Err(format!("{name}: inflates to more than it says; refused"));
        }
        self.inflated += bytes.len() as u64;
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| format!("{name}: not UTF-8 XML"))
    }
}
