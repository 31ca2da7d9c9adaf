//! Code point offsets: the annotation gives every span's offsets in
//! Unicode code points as well as in bytes.
//!
//! Counting the code points between every two spans (as `chars().count()`
//! does, a call each) took a few percent of annotating. Most text is ASCII,
//! where code points are bytes: [`CharCursor`] finds where the next
//! non-ASCII byte is, and counts only across such bytes.

use super::find_byte;

/// Code point offsets of increasing byte offsets of a text.
///
/// ```
/// use glossator::text::CharCursor;
///
/// let text = "Ленин and Stalin";
/// let mut cursor = CharCursor::new(text);
/// assert_eq!(cursor.advance_to(text.find("and").unwrap()), 6);
/// assert_eq!(cursor.chars_ahead(13..19), 6);
/// ```
pub struct CharCursor<'t> {
    text: &'t str,
    /// A byte offset (a character boundary) and its code point offset.
    byte: usize,
    chars: usize,
    /// The first non-ASCII byte at or after `byte` (or the text's end).
    ascii_to: usize,
}

impl<'t> CharCursor<'t> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'t str) -> CharCursor<'t> {
        CharCursor {
            text,
            byte: 0,
            chars: 0,
            ascii_to: next_non_ascii(text.as_bytes(), 0),
        }
    }

    /// The code point offset of byte offset `to` (a character boundary,
    /// not before the last one asked for).
    pub fn advance_to(&mut self, to: usize) -> usize {
        self.chars += self.chars_ahead(self.byte..to);
        self.byte = to;
        if to > self.ascii_to {
            self.ascii_to = next_non_ascii(self.text.as_bytes(), to);
        }
        self.chars
    }

    /// How many code points `range` holds, which starts at or after the
    /// cursor.
    pub fn chars_ahead(&self, range: std::ops::Range<usize>) -> usize {
        if range.end <= self.ascii_to {
            range.len()
        } else {
            self.text[range].chars().count()
        }
    }
}

/// The first non-ASCII byte of `bytes` at or after `from`, or its length.
fn next_non_ascii(bytes: &[u8], from: usize) -> usize {
    find_byte(bytes, from, |b| b >> 7).unwrap_or(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The cursor gives what counting every code point from the
        /// start gives, at increasing character boundaries of mostly
        /// ASCII text.
        #[test]
        fn char_cursor_counts_code_points(
            text in "(?:[a-z .]{0,40}|[éЖ€😀]){0,12}",
            picks in proptest::collection::vec(0usize..400, 0..12),
        ) {
            let mut offsets: Vec<usize> = picks
                .into_iter()
                .map(|p| p.min(text.len()))
                .filter(|&p| text.is_char_boundary(p))
                .collect();
            offsets.sort_unstable();
            let mut cursor = CharCursor::new(&text);
            for (i, &at) in offsets.iter().enumerate() {
                let end = offsets.get(i + 1).copied().unwrap_or(text.len());
                proptest::prop_assert_eq!(cursor.chars_ahead(at..end), text[at..end].chars().count());
                proptest::prop_assert_eq!(cursor.advance_to(at), text[..at].chars().count());
            }
        }
    }
}
