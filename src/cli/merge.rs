//! `glossator merge`: the reduce step over partial results of shards.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use serde::de::DeserializeOwned;

use glossator::glossary::{Glossary, MergeError, GLOSSARY_SCHEMA};
use glossator::render::anki::Sentences;
use glossator::timeline::{Timeline, TIMELINE_SCHEMA};

use crate::args::{chosen_format, GlossaryFormat, MergeArgs, TimelineFormat};
use crate::output::Output;
use crate::report::Reporter;

/// Reads every partial, merges them in order, writes the result.
pub fn run(args: &MergeArgs, reporter: &mut Reporter) -> anyhow::Result<()> {
    let mut output = Output::of_paths(args.files.iter().map(PathBuf::as_path));
    if let Some(out) = &args.shape.out {
        output.check(out)?;
    }
    let out = args.shape.out.as_deref();
    let first = &args.files[0];
    let bytes = match schema_of(first)?.as_str() {
        GLOSSARY_SCHEMA => {
            let mut glossary: Glossary = merge_all(&args.files, Glossary::merge)?;
            glossary.retain_min_count(args.shape.min_count);
            let format = chosen_format(args.shape.format, out, GlossaryFormat::Json)?;
            let sentences = Sentences::of(&glossary);
            crate::glossary::render(&sentences, &[], format, &args.shape.anki.options())
        }
        TIMELINE_SCHEMA => {
            let format = match args.shape.format {
                None => chosen_format(None, out, TimelineFormat::Json)?,
                Some(GlossaryFormat::Json) => TimelineFormat::Json,
                Some(GlossaryFormat::Md) => TimelineFormat::Md,
                Some(GlossaryFormat::Html) => TimelineFormat::Html,
                Some(GlossaryFormat::Tsv | GlossaryFormat::Anki | GlossaryFormat::Compact) => {
                    bail!("a timeline has no tsv, anki or compact format (use json, md or html)")
                }
            };
            let merged = merge_all(&args.files, Timeline::merge)?.sorted();
            let mut bytes = Vec::new();
            crate::timeline::render(&merged, format, 1, &mut bytes)?;
            bytes
        }
        other => bail!(
            "{}: not a glossary or timeline partial (schema {other:?})",
            first.display()
        ),
    };
    output.emit(&bytes, args.shape.out.as_deref(), reporter)?;
    Ok(())
}

/// Reads the `schema` field of a partial.
fn schema_of(path: &Path) -> anyhow::Result<String> {
    #[derive(serde::Deserialize)]
    struct Head {
        schema: String,
    }
    let head: Head = read(path)?;
    Ok(head.schema)
}

/// Reads every file as `T` and folds them with `merge`, in order.
fn merge_all<T: DeserializeOwned>(
    files: &[std::path::PathBuf],
    merge: fn(T, T) -> Result<T, MergeError>,
) -> anyhow::Result<T> {
    let mut whole: T = read(&files[0])?;
    for file in &files[1..] {
        let part: T = read(file)?;
        whole = merge(whole, part).with_context(|| file.display().to_string())?;
    }
    Ok(whole)
}

fn read<T: DeserializeOwned>(path: &Path) -> anyhow::Result<T> {
    let text = std::fs::read_to_string(path).with_context(|| path.display().to_string())?;
    serde_json::from_str(&text).with_context(|| format!("{}: not a valid partial", path.display()))
}
