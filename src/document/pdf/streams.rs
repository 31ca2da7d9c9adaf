//! The compression bomb check: what each Flate-compressed stream of a PDF
//! but an image's inflates to, measured against the file's inflate
//! [`Budget`] before pdf-extract inflates any of it in memory.
//!
//! Run by `lines.rs` once the file is parsed, before any text is drawn;
//! the limits are those of `document/inflate.rs`, which the zip container
//! of Word and OpenDocument files uses too.

use crate::document::inflate::{inflated_size, Budget};

/// Measures what each Flate-compressed stream of `doc` but an image's
/// inflates to against one [`Budget`]: an error names the first stream
/// over a limit.
pub(super) fn check_streams(doc: &pdf_extract::Document) -> Result<(), String> {
    let mut budget = Budget::default();
    for (&(number, generation), object) in &doc.objects {
        let Ok(stream) = object.as_stream() else {
            continue;
        };
        let image = stream.dict.get(b"Subtype").and_then(|s| s.as_name()).ok() == Some(b"Image");
        if image || !is_flate(stream) {
            continue;
        }
        let decoder = flate2::read::ZlibDecoder::new(stream.content.as_slice());
        // A corrupt stream is pdf-extract's to report when it reads it.
        let Ok(size) = inflated_size(decoder, budget.probe_limit()) else {
            continue;
        };
        let name = format!("stream {number} {generation}");
        budget.admit(&name, size, stream.content.len() as u64)?;
    }
    Ok(())
}

/// Is `stream` compressed with Flate first (its only or first filter)?
fn is_flate(stream: &pdf_extract::Stream) -> bool {
    let first = match stream.dict.get(b"Filter") {
        Ok(pdf_extract::Object::Array(filters)) => filters.first(),
        Ok(filter) => Some(filter),
        Err(_) => None,
    };
    first.and_then(|f| f.as_name().ok()) == Some(b"FlateDecode")
}
#[cfg(test)]
mod tests {
    use super::*;

    /// A PDF document of one Flate stream of `inflated` bytes, with
    /// `subtype` if given.
    fn doc_with_stream(inflated: &[u8], subtype: Option<&str>) -> pdf_extract::Document {
        use std::io::Write;

        use pdf_extract::{Dictionary, Object};

        let mut packed = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        packed.write_all(inflated).unwrap();
        let mut dict = Dictionary::new();
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        if let Some(subtype) = subtype {
            dict.set("Subtype", Object::Name(subtype.as_bytes().to_vec()));
        }
        let stream = pdf_extract::Stream::new(dict, packed.finish().unwrap());
        let mut doc = pdf_extract::Document::with_version("1.5");
        doc.add_object(stream);
        doc
    }

    #[test]
    fn a_compression_bomb_stream_is_refused_before_it_is_read() {
        let zeros = vec![0u8; 3 << 20];
        let err = check_streams(&doc_with_stream(&zeros, None)).unwrap_err();
        assert!(
            err.starts_with("stream 1 0 inflates to 3145728 bytes from")
                && err.contains("refused as a compression bomb"),
            "{err}"
        );
        // An image is not read for text: left alone.
        assert_eq!(
            check_streams(&doc_with_stream(&zeros, Some("Image"))),
            Ok(())
        );
        // Page content of the usual ratio passes.
        let content: Vec<u8> = (0..200_000u32)
            .flat_map(|i| format!("BT ({i}) Tj ET\n").into_bytes())
            .collect();
        assert_eq!(check_streams(&doc_with_stream(&content, None)), Ok(()));
    }
}
