//! Turning the bytes of an input file into text.
//!
//! Revision notes arrive from word processors, note apps and exports, so the
//! decoder accepts what they produce and refuses what is clearly not text:
//!
//! * UTF-8, with or without a byte-order mark (the mark is dropped);
//! * UTF-16 (little or big endian) when it starts with a byte-order mark;
//! * anything else that is not valid UTF-8 is read as Windows-1252, the
//!   usual culprit, and the caller is told so with a [`Decoded::warning`];
//! * bytes containing NUL outside UTF-16 are binary: [`DecodeError::Binary`].
//!
//! Offsets in glossator's output are byte offsets into the decoded UTF-8
//! text, which for UTF-8 files without a byte-order mark are the file's own
//! byte offsets.

use std::fmt;

/// Text decoded from an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text as UTF-8.
    pub text: String,
    /// Set when the bytes were not UTF-8 and had to be guessed.
    pub warning: Option<String>,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes contain a NUL byte at this offset: a binary file.
    Binary { offset: usize },
    /// A UTF-16 byte-order mark was followed by malformed UTF-16.
    MalformedUtf16,
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DecodeError::Binary { offset } => {
                write!(f, "binary file (NUL byte at offset {offset}), skipped")
            }
            DecodeError::MalformedUtf16 => {
                write!(
                    f,
                    "starts with a UTF-16 byte-order mark but is not valid UTF-16"
                )
            }
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes the bytes of one input. UTF-8 without a byte-order mark, the
/// usual case, becomes the text without being copied.
///
/// ```
/// use glossator::text::decode;
///
/// assert_eq!(decode(b"\xEF\xBB\xBFNEP".to_vec()).unwrap().text, "NEP");
/// let latin = decode(b"caf\xE9".to_vec()).unwrap();
/// assert_eq!(latin.text, "café");
/// assert!(latin.warning.is_some());
/// assert!(decode(b"\x7FELF\x00\x01".to_vec()).is_err());
/// ```
pub fn decode(mut bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if let Some((encoding, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        if encoding != encoding_rs::UTF_8 {
            return decode_utf16(encoding, &bytes[bom_len..]);
        }
        bytes.drain(..bom_len);
    }
    decode_8bit(bytes)
}

fn decode_utf16(
    encoding: &'static encoding_rs::Encoding,
    bytes: &[u8],
) -> Result<Decoded, DecodeError> {
    match encoding.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(text) => Ok(Decoded {
            text: text.into_owned(),
            warning: None,
        }),
        None => Err(DecodeError::MalformedUtf16),
    }
}

fn decode_8bit(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(DecodeError::Binary { offset });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            warning: None,
        }),
        Err(err) => {
            let valid_up_to = err.utf8_error().valid_up_to();
            let (text, _, _) = encoding_rs::WINDOWS_1252.decode(err.as_bytes());
            let warning = format!(
                "not valid UTF-8 (first bad byte at offset {valid_up_to}); read as Windows-1252"
            );
            Ok(Decoded {
                text: text.into_owned(),
                warning: Some(warning),
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_utf16_with_bom() {
        let mut le = vec![0xFF, 0xFE];
        le.extend("Кремль 1924".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode(le).unwrap().text, "Кремль 1924");
        let mut be = vec![0xFE, 0xFF];
        be.extend("NEP".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be).unwrap().text, "NEP");
    }

    #[test]
    fn windows_1252_quotes_become_unicode() {
        let decoded = decode(b"\x93Dizzy with Success\x94".to_vec()).unwrap();
        assert_eq!(decoded.text, "\u{201C}Dizzy with Success\u{201D}");
        assert!(decoded.warning.unwrap().contains("offset 0"));
    }

    #[test]
    fn empty_input_is_empty_text() {
        assert_eq!(decode(Vec::new()).unwrap().text, "");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert_eq!(
            decode(b"ab\x00c".to_vec()),
            Err(DecodeError::Binary { offset: 2 })
        );
    }
}
