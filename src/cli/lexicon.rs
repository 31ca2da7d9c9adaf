//! `glossator lexicon check|list|coverage|export`.

use std::collections::HashMap;
use std::io::Write;

use glossator::annotate::How;
use glossator::coverage::uncovered;

use crate::args::{LexiconExportArgs, LexiconFormat};
use crate::config::Run;
use crate::output::Output;
use crate::process::process;
use crate::report::Reporter;

use glossator::lexicon::{Kind, Lexicon};

/// One line of counts: `312 entries: 70 person, 35 org, ...`.
pub fn summary(lexicon: &Lexicon) -> String {
    let counts: Vec<String> = Kind::ALL
        .iter()
        .map(|&kind| {
            let n = lexicon.entries().iter().filter(|e| e.kind == kind).count();
            format!("{n} {kind}")
        })
        .collect();
    format!("{} entries: {}", lexicon.len(), counts.join(", "))
}

/// Prints the counts, then one `id<TAB>kind<TAB>name<TAB>aliases` line per
/// entry (of `kind` only, if given).
pub fn list(lexicon: &Lexicon, kind: Option<Kind>, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "# {}", summary(lexicon))?;
    for entry in lexicon
        .entries()
        .iter()
        .filter(|e| kind.is_none_or(|k| e.kind == k))
    {
        let forms: Vec<&str> = entry
            .aliases
            .iter()
            .chain(&entry.exact_case)
            .map(String::as_str)
            .collect();
        writeln!(
            out,
            "{}\t{}\t{}\t{}",
            entry.id,
            entry.kind,
            entry.name,
            forms.join("; ")
        )?;
    }
    Ok(())
}

/// Prints `documents<TAB>occurrences<TAB>phrase` for every uncovered
/// candidate, most widespread first, then the misspellings tagged (matching
/// rule 7), one `written → entry name, N×` line each, most frequent first;
/// a total line on stderr.
pub fn coverage(run: &Run, reporter: &mut Reporter) -> anyhow::Result<()> {
    let mut seen: HashMap<String, (usize, usize)> = HashMap::new();
    let mut misspelt: HashMap<(String, String), usize> = HashMap::new();
    process(
        run,
        |doc| {
            let annotation = run.annotator.annotate(doc);
            let spans = annotation.spans();
            let typos: Vec<(String, String)> = spans
                .iter()
                .filter(|s| s.how == Some(How::Misspelling))
                .filter_map(|s| {
                    let written = s.text.split_whitespace().collect::<Vec<_>>().join(" ");
                    Some((written, s.name.as_deref()?.to_string()))
                })
                .collect();
            (uncovered(&doc.text, spans), typos)
        },
        reporter,
        |p, _| {
            let (phrases, typos) = p.prepared;
            let mut in_doc = std::collections::HashSet::new();
            for phrase in phrases {
                let counts = seen.entry(phrase.clone()).or_default();
                counts.1 += 1;
                if in_doc.insert(phrase) {
                    counts.0 += 1;
                }
            }
            for typo in typos {
                *misspelt.entry(typo).or_default() += 1;
            }
            Ok(())
        },
    )?;
    let mut rows: Vec<(String, (usize, usize))> = seen.into_iter().collect();
    rows.sort_by(|a, b| (b.1, &a.0).cmp(&(a.1, &b.0)));
    let mut out = std::io::stdout().lock();
    writeln!(out, "# documents\toccurrences\tuncovered phrase")?;
    for (phrase, (docs, count)) in &rows {
        writeln!(out, "{docs}\t{count}\t{phrase}")?;
    }
    let mut typos: Vec<((String, String), usize)> = misspelt.into_iter().collect();
    typos.sort_by(|a, b| (b.1, &a.0).cmp(&(a.1, &b.0)));
    if !typos.is_empty() {
        writeln!(out, "# misspellings found: written → entry, occurrences")?;
        for ((written, name), count) in &typos {
            writeln!(out, "{written} → {name}, {count}×")?;
        }
    }
    crate::report::message(&format_args!(
        "{} uncovered candidate phrases, {} misspellings",
        rows.len(),
        typos.len()
    ));
    Ok(())
}

/// Writes the lexicon in the format `args` asks for, to its `--out` file
/// or standard output.
pub fn export(
    lexicon: &Lexicon,
    args: &LexiconExportArgs,
    reporter: &mut Reporter,
) -> std::io::Result<()> {
    let bytes = match args.format {
        LexiconFormat::Spacy => glossator::render::spacy::patterns(lexicon),
    };
    let inputs = args
        .lexicon
        .lexicon_paths
        .iter()
        .map(std::path::PathBuf::as_path);
    Output::of_paths(inputs).emit(&bytes, args.out.as_deref(), reporter)
}
