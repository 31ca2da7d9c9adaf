//! The zip container the Word (`.docx`) and OpenDocument (`.odt`) readers
//! share, read with limits.
//!
//! A zip bomb is refused: a part is read only if its declared size is
//! within the file's inflate [`Budget`] (see [`super::inflate`] for the
//! limits), and reading stops at that size whatever the header says.

use std::io::{Cursor, Read};

use super::inflate::Budget;

/// An open container and what has been inflated from it so far.
pub(super) struct Container {
    zip: zip::ZipArchive<Cursor<Vec<u8>>>,
    budget: Budget,
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
        Ok(Container {
            zip,
            budget: Budget::default(),
        })
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
        let size = self
            .budget
            .admit(name, file.size(), file.compressed_size())?;
        let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0));
        (&mut file)
            .take(size + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| format!("{name}: corrupt or truncated: {err}"))?;
        if bytes.len() as u64 > size {
            return Err(format!("{name}: inflates to more than it says; refused"));
        }
        String::from_utf8(bytes)
            .map(Some)
            .map_err(|_| format!("{name}: not UTF-8 XML"))
    }
}
