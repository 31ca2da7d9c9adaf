//! glossator's integration tests, one binary (fast to link).
//!
//! * `util`: shared helpers: the built binary, temp folders, the seed texts,
//!   golden files, the hostile HTML build; `gen`: the benchmarks' generated
//!   lexicons and documents (`benches/common/gen.rs`).
//! * `cli_annotate`: `glossator annotate` end to end: JSON shape, exit codes,
//!   bad inputs, thread-count independence.
//! * `cli_outputs`: `glossary`, `timeline`, `build`, `merge`: golden files
//!   (`tests/golden/`), shard merging, thread-count independence.
//! * `cli_anki`: the Anki deck (`glossary --format anki`, `build`'s
//!   `anki.txt`): headers, Basic and Cloze notes, deck, GUIDs, golden file.
//! * `cli_revise`: the glossary to revise from: people by surname, jump
//!   links, plain passages, `--max-occurrences 0`, the format from `--out`,
//!   the compact glossary.
//! * `cli_timeline`: the timeline of events: one row per event across
//!   documents, its entries linked, anchors kept, a title's span apart;
//!   the same timeline and build whatever the memory budget of its sorts.
//! * `cli_worksheet`: `glossator worksheet`: gap-fill, matching, date
//!   ordering and the answer key checked against each other and the notes,
//!   the seed, the options, `build`'s copy.
//! * `cli_exports`: the exchange formats (`annotate --format`, `export`):
//!   golden files, TEI through an XML parser, Web Annotation selectors,
//!   brat offsets, `export` equal to `annotate --format`.
//! * `cli_records`: `--input-format jsonl`: records in, annotations out in
//!   order, bad lines named and skipped, standard input streamed.
//! * `cli_lexicon`: `glossator lexicon check|list`, lexicon errors.
//! * `lexicon_builtin`: the built-in lexicon: sizes, the seed's key terms and
//!   people, false-hit traps in ordinary English, the corpus and the seeds.
//! * `html_outputs`: the HTML pages as files: escaping of hostile text,
//!   nothing fetched or run, links between pages, spans and terms kept.
//! * `html_browser`: the hostile handout in headless Chromium (skipped
//!   where no browser is installed).
//! * `print_length`: handouts, the compact glossary and a worksheet printed to PDF by
//!   headless Chromium, pages counted with poppler (skipped without them).
//! * `matching`: the matching rules 1-6 of `docs/DESIGN.md` as a data table
//!   (`tests/data/matching.toml`).
//! * `misspellings`: matching rule 7 with the built-in lexicon: students'
//!   misspellings, dictionary-word traps, the CLI and the glossary.
//! * `devset`: the development sets of `tests/data/devset/` (texts written
//!   for the project with inline gold) scored per kind, with thresholds.
//! * `documents`: the format readers: the text and spans of each format's
//!   fixture (`tests/data/formats/`), Markdown against plain text,
//!   `glossator text`.
//! * `dates_table`, `dates_seeds`: the date tagger on `tests/data/dates.tsv`
//!   and on the seed documents.
//! * `conformance_flashtext`: FlashText's 49 keyword-extraction cases.
//! * `seeds`: acceptance checks on the real seed documents.
//! * `harvest`: definitions from a teacher's notes (issue 17): the gold
//!   set of `tests/data/harvest/` scored, its prose traps, the seeds'
//!   key-term boxes and flashcards, `glossator lexicon harvest`.
//! * `fuzz_corpus`: the fuzz targets' seeds and past crashes
//!   (`tests/data/fuzz/`), replayed.
//! * `properties`: proptest invariants on offsets and sentences, and on the
//!   passages the renderers quote.
//! * `robustness`: devices, closed pipes, clashing ids, unsafe outputs and
//!   the other bad-input classes of `docs/robustness.md`, end to end.
//! * `robust_outputs`: the outputs on awkward input (issue 13): spans
//!   across sentence breaks, spreadsheet formulas in the TSV, bad partials.

mod util;

#[path = "../benches/common/gen.rs"]
mod gen;

mod cli_anki;
mod cli_annotate;
mod cli_exports;
mod cli_lexicon;
mod cli_outputs;
mod cli_records;
mod cli_revise;
mod cli_timeline;
mod cli_worksheet;
mod conformance_flashtext;
mod dates_seeds;
mod dates_table;
mod devset;
mod documents;
mod fuzz_corpus;
mod harvest;
mod html_browser;
mod html_outputs;
mod lexicon_builtin;
mod matching;
mod misspellings;
mod print_length;
mod properties;
mod robust_outputs;
mod robustness;
mod seeds;
