//! `glossator export`: annotations read back from JSON, written in another
//! format.
//!
//! An annotation holds offsets, not the text, and every exchange format
//! needs the text: each document is read again from the path its
//! annotation names, as `annotate` read it, and the annotation is checked
//! against it ([`Annotation::check_text`]) so that a document changed
//! since is reported rather than exported with wrong offsets. A problem
//! with one annotation or document fails that one (exit 1) and the rest
//! are still exported.

use std::collections::HashSet;
use std::fs::File;
use std::io::BufReader;
use std::path::{Path, PathBuf};

use glossator::annotate::{Annotation, ANNOTATION_SCHEMA};
use glossator::input::{Document, Input, Source, MAX_ID_BYTES};
use glossator::slug::slug;

use crate::args::ExportArgs;
use crate::formats::{render, Writer};
use crate::output::{Output, OutputFolder};
use crate::report::Reporter;

/// Reads every annotation of every file, in order, and writes it in the
/// format asked for.
pub fn run(args: &ExportArgs, reporter: &mut Reporter) -> anyhow::Result<()> {
    let _folder = match &args.out {
        Some(dir) => Some(OutputFolder::claim(dir)?),
        None => None,
    };
    let output = Output::of_paths(args.files.iter().map(PathBuf::as_path));
    let mut writer = Writer::new(args.format, args.out.as_deref(), output, reporter)?;
    let dest = writer.dest();
    // Ids name files in a folder: each may be used once.
    let mut ids = HashSet::new();
    for file in &args.files {
        let reader = match File::open(file) {
            Ok(f) => BufReader::new(f),
            Err(err) => {
                reporter.fail(&format_args!("{}: {err}", file.display()));
                continue;
            }
        };
        let annotations = serde_json::Deserializer::from_reader(reader).into_iter::<Annotation>();
        for (n, annotation) in annotations.enumerate() {
            let annotation = match annotation {
                Ok(annotation) => annotation,
                Err(err) => {
                    // The rest of the file cannot be read reliably.
                    let what = format!("{}: annotation {}: {err}", file.display(), n + 1);
                    reporter.fail(&what);
                    break;
                }
            };
            let at = || {
                format!(
                    "{}: annotation {} ({})",
                    file.display(),
                    n + 1,
                    annotation.doc().id
                )
            };
            let doc = match document_of(&annotation, reporter) {
                Ok(doc) => doc,
                Err(err) => {
                    reporter.fail(&format_args!("{}: {err}", at()));
                    continue;
                }
            };
            if args.out.is_some() {
                if let Err(err) = file_id(&doc.id, &mut ids) {
                    reporter.fail(&format_args!("{}: {err}", at()));
                    continue;
                }
            }
            let parts = render(args.format, &doc, &annotation, dest);
            writer.write(&doc.id, &parts, reporter)?;
        }
    }
    Ok(writer.finish(reporter)?)
}

/// The document `annotation` was made from, read again from its path and
/// checked against the annotation.
fn document_of(annotation: &Annotation, reporter: &Reporter) -> Result<Document, String> {
    let info = annotation.doc();
    if annotation.schema() != ANNOTATION_SCHEMA {
        return Err(format!(
            "schema {:?}, not {ANNOTATION_SCHEMA:?}",
            annotation.schema()
        ));
    }
    if info.path.is_empty() || info.path == "-" {
        return Err(
            "made from standard input or Python, so there is no file to read its text \
             from; annotate it with --format instead"
                .into(),
        );
    }
    let path = Path::new(&info.path);
    if !path.is_file() {
        return Err(format!(
            "{}: no such file, where the document was annotated (relative to the current \
             folder); records of JSON Lines input are exported by \
             `annotate --input-format jsonl --format FMT`",
            info.path
        ));
    }
    let input = Input {
        source: Source::File(path.to_path_buf()),
        id: info.id.clone(),
    };
    let (doc, warning) = input.read().map_err(|err| err.to_string())?;
    if let Some(warning) = warning {
        reporter.warn(&warning);
    }
    annotation
        .check_text(&doc.text)
        .map_err(|err| format!("{}: changed since it was annotated: {err}", info.path))?;
    Ok(doc)
}

/// Checks that `id` can name a file, as `annotate` makes ids, and has not
/// named one in this run.
fn file_id(id: &str, taken: &mut HashSet<String>) -> Result<(), String> {
    if id.is_empty() || id.len() > MAX_ID_BYTES || slug(id) != id {
        return Err(format!(
            "the id {id:?} is not one annotate gives files; export without --out"
        ));
    }
    if !taken.insert(id.to_string()) {
        return Err(format!(
            "a second annotation of id {id:?}; its files would overwrite the first's"
        ));
    }
    Ok(())
}
