//! Turning the bytes of an input file into text.
//!
//! Revision notes arrive from word processors, note apps and exports, so the
//! decoder accepts what they produce and refuses what is clearly not text:
//!
//! * UTF-8, with or without a byte-order mark (the mark is dropped);
//! * UTF-16 and UTF-32 (little or big endian) when they start with a
//!   byte-order mark;
//! * bytes that are not valid UTF-8 are decided on as a whole (see
//!   [`decode`]): a UTF-8 file with a few stray bytes stays UTF-8 and only
//!   those bytes are read as Windows-1252; a file with no UTF-8 characters
//!   to speak of is a legacy 8-bit file and is read as Windows-1252, the
//!   usual culprit. Either way the caller is told with a
//!   [`Decoded::warning`];
//! * bytes containing NUL outside UTF-16 and UTF-32 are binary:
//!   [`DecodeError::Binary`].
//!
//! Lexicon files are read with [`decode_strict`], which guesses nothing:
//! bytes that are not UTF-8 are an error there, at a line the user can fix.
//!
//! Offsets in glossator's output are byte offsets into the decoded UTF-8
//! text, which for UTF-8 files without a byte-order mark are the file's own
//! byte offsets.

use std::fmt;

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

/// Text decoded from an input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text as UTF-8.
    pub text: String,
    /// Set when the bytes were not all UTF-8 and some had to be guessed.
    pub warning: Option<String>,
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    /// The bytes contain a NUL byte at this offset: a binary file.
    Binary {
        /// Byte offset of the first NUL.
        offset: usize,
    },
    /// A UTF-16 byte-order mark was followed by malformed UTF-16.
    MalformedUtf16,
    /// A UTF-32 byte-order mark was followed by malformed UTF-32: a length
    /// that is not a multiple of four, or a unit that is no character.
    MalformedUtf32 {
        /// Byte offset (after the byte-order mark) of the first bad unit.
        offset: usize,
    },
    /// Not valid UTF-8 ([`decode_strict`] only).
    NotUtf8 {
        /// Byte offset (after any byte-order mark) of the first bad byte.
        offset: usize,
        /// The 1-based line it is on.
        line: usize,
    },
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
            DecodeError::MalformedUtf32 { offset } => write!(
                f,
                "starts with a UTF-32 byte-order mark but is not valid UTF-32 \
                 (at byte {offset} after the mark)"
            ),
            DecodeError::NotUtf8 { offset, .. } => write!(
                f,
                "not valid UTF-8 (first bad byte at offset {offset}); save it as UTF-8"
            ),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Decodes the bytes of one input. UTF-8 without a byte-order mark, the
/// usual case, becomes the text without being copied.
///
/// Bytes that are not valid UTF-8 are split into valid runs and invalid
/// sequences. If the valid runs hold at least as many multi-byte UTF-8
/// characters as there are invalid sequences, the file is UTF-8 with some
/// damage (a byte pasted from a Windows program, a character cut in two):
/// the valid runs are kept and each invalid sequence's bytes are read as
/// Windows-1252, so nothing is dropped. Otherwise it is a legacy 8-bit file
/// and all of it is read as Windows-1252. (In both readings ASCII stays
/// ASCII and a lone byte of Windows-1252 becomes the same character; they
/// differ only on the multi-byte characters, which a legacy file almost
/// never forms by chance.)
///
/// ```
/// use glossator::text::decode;
///
/// assert_eq!(decode(b"\xEF\xBB\xBFNEP".to_vec()).unwrap().text, "NEP");
/// let latin = decode(b"caf\xE9".to_vec()).unwrap();
/// assert_eq!(latin.text, "café");
/// assert!(latin.warning.is_some());
/// let stray = decode([&b"Trotsky\x92s "[..], "Сталин".as_bytes()].concat()).unwrap();
/// assert_eq!(stray.text, "Trotsky’s Сталин");
/// assert!(decode(b"\x7FELF\x00\x01".to_vec()).is_err());
/// ```
pub fn decode(bytes: Vec<u8>) -> Result<Decoded, DecodeError> {
    let bytes = match without_bom(bytes)? {
        Unicode::Utf8(bytes) => bytes,
        Unicode::Other(text) => {
            return Ok(Decoded {
                text,
                warning: None,
            })
        }
    };
    if let Some(offset) = memchr::memchr(0, &bytes) {
        return Err(DecodeError::Binary { offset });
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Decoded {
            text,
            warning: None,
        }),
        Err(err) => Ok(repair(err.as_bytes())),
    }
}

/// Decodes a file that must be Unicode: UTF-8 (a byte-order mark is
/// dropped), or UTF-16 or UTF-32 with a byte-order mark. Nothing is
/// guessed: other bytes are [`DecodeError::NotUtf8`], and NUL bytes in
/// UTF-8 are [`DecodeError::Binary`].
///
/// ```
/// use glossator::text::{decode_strict, DecodeError};
///
/// assert_eq!(decode_strict(b"\xEF\xBB\xBFkulak".to_vec()).unwrap(), "kulak");
/// let err = decode_strict(b"NEP\ncaf\xE9".to_vec()).unwrap_err();
/// assert_eq!(err, DecodeError::NotUtf8 { offset: 7, line: 2 });
/// ```
pub fn decode_strict(bytes: Vec<u8>) -> Result<String, DecodeError> {
    match without_bom(bytes)? {
        Unicode::Other(text) => Ok(text),
        Unicode::Utf8(bytes) => {
            if let Some(offset) = memchr::memchr(0, &bytes) {
                return Err(DecodeError::Binary { offset });
            }
            String::from_utf8(bytes).map_err(|err| {
                let offset = err.utf8_error().valid_up_to();
                let line = memchr::memchr_iter(b'\n', &err.as_bytes()[..offset]).count() + 1;
                DecodeError::NotUtf8 { offset, line }
            })
        }
    }
}

/// What a byte-order mark (or its absence) says about some bytes.
enum Unicode {
    /// UTF-8 or no mark: the bytes after any UTF-8 mark, not yet checked.
    Utf8(Vec<u8>),
    /// UTF-16 or UTF-32 after its mark, decoded.
    Other(String),
}

/// Reads the byte-order mark: drops a UTF-8 one, decodes UTF-16 and UTF-32.
/// The UTF-32 little-endian mark starts with the UTF-16 one (`FF FE`), so
/// it is looked for first: `FF FE 00 00` is read as UTF-32, as every
/// decoder that knows UTF-32 does.
fn without_bom(mut bytes: Vec<u8>) -> Result<Unicode, DecodeError> {
    if let Some(big_endian) = utf32_bom(&bytes) {
        return decode_utf32(&bytes[4..], big_endian).map(Unicode::Other);
    }
    match Encoding::for_bom(&bytes) {
        Some((encoding, _)) if encoding == UTF_8 => {
            bytes.drain(..3);
            Ok(Unicode::Utf8(bytes))
        }
        Some((encoding, bom_len)) => {
            debug_assert!(encoding == UTF_16LE || encoding == UTF_16BE);
            encoding
                .decode_without_bom_handling_and_without_replacement(&bytes[bom_len..])
                .map(|text| Unicode::Other(text.into_owned()))
                .ok_or(DecodeError::MalformedUtf16)
        }
        None => Ok(Unicode::Utf8(bytes)),
    }
}

/// `Some(big_endian)` if `bytes` start with a UTF-32 byte-order mark.
fn utf32_bom(bytes: &[u8]) -> Option<bool> {
    match bytes.get(..4)? {
        [0xFF, 0xFE, 0, 0] => Some(false),
        [0, 0, 0xFE, 0xFF] => Some(true),
        _ => None,
    }
}

/// Decodes UTF-32 without its byte-order mark. (`encoding_rs` follows the
/// WHATWG Encoding Standard, which has no UTF-32.)
fn decode_utf32(bytes: &[u8], big_endian: bool) -> Result<String, DecodeError> {
    let units = bytes.chunks_exact(4);
    if !units.remainder().is_empty() {
        let offset = bytes.len() - units.remainder().len();
        return Err(DecodeError::MalformedUtf32 { offset });
    }
    units
        .enumerate()
        .map(|(i, unit)| {
            let unit: [u8; 4] = unit.try_into().expect("chunks of four");
            let value = match big_endian {
                true => u32::from_be_bytes(unit),
                false => u32::from_le_bytes(unit),
            };
            char::from_u32(value).ok_or(DecodeError::MalformedUtf32 { offset: i * 4 })
        })
        .collect()
}

/// Decodes bytes that are not valid UTF-8 (see [`decode`] for the rule).
fn repair(bytes: &[u8]) -> Decoded {
    let mut utf8_chars = 0;
    let (mut bad_sequences, mut bad_bytes) = (0, 0);
    let mut first_bad = None;
    let mut at = 0;
    for chunk in bytes.utf8_chunks() {
        let valid = chunk.valid().as_bytes();
        utf8_chars += valid.iter().filter(|&&b| b >= 0xC0).count();
        at += valid.len();
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            first_bad.get_or_insert(at);
            bad_sequences += 1;
            bad_bytes += invalid.len();
            at += invalid.len();
        }
    }
    let first_bad = first_bad.unwrap_or(0);
    if utf8_chars < bad_sequences {
        let (text, _, _) = WINDOWS_1252.decode(bytes);
        let warning = format!(
            "not valid UTF-8 (first bad byte at offset {first_bad}) and few UTF-8 characters; \
             read as Windows-1252"
        );
        return Decoded {
            text: text.into_owned(),
            warning: Some(warning),
        };
    }
    let mut text = String::with_capacity(bytes.len() + bad_bytes);
    for chunk in bytes.utf8_chunks() {
        text.push_str(chunk.valid());
        text.push_str(&WINDOWS_1252.decode_without_bom_handling(chunk.invalid()).0);
    }
    let places = match bad_sequences {
        1 => "1 place".to_string(),
        n => format!("{n} places"),
    };
    let warning = format!(
        "not valid UTF-8 in {places} (first at offset {first_bad}); \
         read as UTF-8, and those {bad_bytes} byte(s) as Windows-1252"
    );
    Decoded {
        text,
        warning: Some(warning),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_bom(bom: &[u8], units: impl Iterator<Item = [u8; 4]>) -> Vec<u8> {
        bom.iter().copied().chain(units.flatten()).collect()
    }

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
    fn reads_utf32_with_bom() {
        let text = "Сталин’s NEP 😀";
        let le = with_bom(
            &[0xFF, 0xFE, 0, 0],
            text.chars().map(|c| (c as u32).to_le_bytes()),
        );
        let be = with_bom(
            &[0, 0, 0xFE, 0xFF],
            text.chars().map(|c| (c as u32).to_be_bytes()),
        );
        for bytes in [le, be] {
            let decoded = decode(bytes.clone()).unwrap();
            assert_eq!((decoded.text.as_str(), decoded.warning), (text, None));
            assert_eq!(decode_strict(bytes).unwrap(), text);
        }
        let empty = decode(vec![0xFF, 0xFE, 0, 0]).unwrap();
        assert_eq!(empty.text, "");
    }

    #[test]
    fn malformed_utf32_is_refused() {
        let cut = vec![0xFF, 0xFE, 0, 0, b'a', 0, 0];
        assert_eq!(decode(cut), Err(DecodeError::MalformedUtf32 { offset: 0 }));
        let surrogate = with_bom(
            &[0, 0, 0xFE, 0xFF],
            [[0, 0, 0, b'a'], [0, 0, 0xD8, 0]].into_iter(),
        );
        let err = decode(surrogate).unwrap_err();
        assert_eq!(err, DecodeError::MalformedUtf32 { offset: 4 });
        assert!(err.to_string().contains("UTF-32"), "{err}");
    }

    #[test]
    fn windows_1252_quotes_become_unicode() {
        let decoded = decode(b"\x93Dizzy with Success\x94".to_vec()).unwrap();
        assert_eq!(decoded.text, "\u{201C}Dizzy with Success\u{201D}");
        assert!(decoded.warning.unwrap().contains("offset 0"));
    }

    #[test]
    fn a_stray_byte_leaves_the_utf8_alone() {
        let mut bytes = "Stalin’s men – «Сталин»: ".as_bytes().to_vec();
        let stray_at = bytes.len() + "Trotsky".len();
        bytes.extend(b"Trotsky\x92s exile, 1929\xE2\x80.");
        let decoded = decode(bytes).unwrap();
        assert_eq!(
            decoded.text,
            "Stalin’s men – «Сталин»: Trotsky’s exile, 1929â€."
        );
        let warning = decoded.warning.unwrap();
        assert!(warning.contains("in 2 places"), "{warning}");
        assert!(warning.contains(&format!("offset {stray_at}")), "{warning}");
        assert!(warning.contains("3 byte(s)"), "{warning}");
    }

    #[test]
    fn a_legacy_file_is_read_as_windows_1252_whole() {
        // "Ã©" in Windows-1252 is also valid UTF-8 (`é`): one accident among
        // three bad sequences does not make the file UTF-8.
        let decoded = decode(b"caf\xE9, na\xEFve, \xC3\xA9t\xE9".to_vec()).unwrap();
        assert_eq!(decoded.text, "café, naïve, Ã©té");
        assert!(decoded.warning.unwrap().contains("read as Windows-1252"));
    }

    #[test]
    fn strict_decoding_guesses_nothing() {
        assert_eq!(
            decode_strict(b"ok\nkulak\xE9\n".to_vec()),
            Err(DecodeError::NotUtf8 { offset: 8, line: 2 })
        );
        assert_eq!(
            decode_strict(b"a\x00".to_vec()),
            Err(DecodeError::Binary { offset: 1 })
        );
        let mut utf16 = vec![0xFF, 0xFE];
        utf16.extend("kulak\tпеасант".encode_utf16().flat_map(u16::to_le_bytes));
        assert_eq!(decode_strict(utf16).unwrap(), "kulak\tпеасант");
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

    proptest::proptest! {
        /// Whatever the bytes, decoding does not panic, and valid UTF-8 is
        /// its own text.
        #[test]
        fn any_bytes_decode_or_are_refused(bytes in proptest::collection::vec(proptest::num::u8::ANY, 0..64)) {
            let decoded = decode(bytes.clone());
            if let Ok(text) = std::str::from_utf8(&bytes) {
                if !bytes.contains(&0) && utf32_bom(&bytes).is_none() && Encoding::for_bom(&bytes).is_none() {
                    proptest::prop_assert_eq!(decoded.unwrap().text, text);
                }
            }
        }
    }
}
