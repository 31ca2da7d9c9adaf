//! `glossator lexicon check|list`.

use std::io::Write;

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
