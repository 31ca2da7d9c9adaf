//! `glossator merge`: the reduce step over partial results of shards.

use anyhow::{bail, Context};

use glossator::glossary::{Glossary, GLOSSARY_SCHEMA};

use crate::args::MergeArgs;
use crate::output::Output;
use crate::report::Reporter;

/// Reads every partial, merges them in order, writes the result.
pub fn run(args: &MergeArgs, reporter: &mut Reporter) -> anyhow::Result<()> {
    let mut merged: Option<Glossary> = None;
    for file in &args.files {
        let name = file.display();
        let text = std::fs::read_to_string(file).with_context(|| format!("{name}"))?;
        let value: serde_json::Value =
            serde_json::from_str(&text).with_context(|| format!("{name}: not JSON"))?;
        match value.get("schema").and_then(|s| s.as_str()) {
            Some(GLOSSARY_SCHEMA) => {
                let part: Glossary =
                    serde_json::from_value(value).with_context(|| format!("{name}"))?;
                merged = Some(match merged {
                    None => part,
                    Some(whole) => whole.merge(part).with_context(|| format!("{name}"))?,
                });
            }
            other => bail!("{name}: not a glossary partial (schema {other:?})"),
        }
    }
    let glossary = merged.expect("clap requires at least one file");
    crate::glossary::write(glossary, &args.shape, &Output::new(&[]), reporter)?;
    Ok(())
}
