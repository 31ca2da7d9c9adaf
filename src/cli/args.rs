//! The command line as clap sees it: flags and their help, nothing more.
//! Turning these into a loaded lexicon and a list of inputs happens in
//! `config.rs`.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use glossator::lexicon::Kind;
use glossator::render::anki::AnkiOptions;
use glossator::render::html::{Exercise, WorksheetOptions};

/// Tag the key terms, people, places and dates of history texts from a
/// glossary, and link every term back to where it occurs.
#[derive(Debug, Parser)]
#[command(
    name = "glossator",
    version,
    after_help = "Examples:\n  \
        glossator annotate corpus > corpus.jsonl\n  \
        glossator annotate notes.txt --lexicon my-terms.toml --out annotated/\n  \
        glossator lexicon list --kind person\n\n\
        Exit codes: 0 all good (also when the output pipe closes early); 1 some inputs \
        failed (named on stderr, the rest were processed); 2 usage, lexicon or output \
        error; 101 internal error (a bug)."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Annotate documents: JSON Lines on stdout, or one JSON file per
    /// document with --out.
    #[command(after_help = "Examples:\n  \
        glossator annotate corpus                 # JSON Lines on stdout\n  \
        glossator annotate notes.md --out ann/    # ann/notes.json\n  \
        cat notes.txt | glossator annotate -\n  \
        glossator annotate --input-format jsonl notes.jsonl   # one record per line")]
    Annotate(AnnotateArgs),
    /// Build the consolidated glossary: every entry that occurs, its
    /// definition, and the passages it occurs in.
    #[command(after_help = "Examples:\n  \
        glossator glossary corpus --format md --out glossary.md\n  \
        glossator glossary notes/ --format tsv > flashcards.tsv   # Quizlet import\n  \
        glossator glossary notes/ --format anki --deck History --out deck.txt   # Anki import\n  \
        glossator glossary corpus --format html --out glossary.html\n  \
        glossator glossary shard1/ --format json --out part1.json  # for `glossator merge`")]
    Glossary(GlossaryArgs),
    /// Build the timeline: every dated passage, in date order.
    #[command(after_help = "Examples:\n  \
        glossator timeline corpus --format md --out timeline.md\n  \
        glossator timeline shard1/ --out part1.json   # for `glossator merge`")]
    Timeline(TimelineArgs),
    /// Run everything: annotations, glossary and timeline in every format,
    /// into one folder.
    #[command(after_help = "Example:\n  \
        glossator build corpus --out site/\n\n\
        Writes DIR/index.html, DIR/handouts/<doc-id>.html, DIR/annotations/<doc-id>.json, \
        DIR/glossary.{html,json,md,tsv}, DIR/anki.txt, DIR/timeline.{html,json,md}, \
        DIR/worksheet.html and prints a summary.")]
    Build(BuildArgs),
    /// Make a printable worksheet from the notes: gap-fill, term–definition
    /// matching and date ordering, each on a page, and an answer key.
    #[command(after_help = "Examples:\n  \
        glossator worksheet notes/ --out sheets/            # sheets/worksheet.html\n  \
        glossator worksheet notes/ --out sheets/ --seed 7 --items 8 --exercise gap-fill,dates\n\n\
        The same notes, options and --seed make the same worksheet; another seed draws \
        other items in another order.")]
    Worksheet(WorksheetArgs),
    /// Merge glossary (or timeline) JSON partials made from disjoint shards,
    /// given in document order, into the result of one run over them all.
    #[command(after_help = "Example:\n  \
        glossator merge part1.json part2.json part3.json --out glossary.json")]
    Merge(MergeArgs),
    /// Write annotations in an exchange format (W3C Web Annotation, spaCy,
    /// brat, TEI):
    /// reads annotation JSON and, again, the documents it was made from.
    #[command(after_help = "Examples:\n  \
        glossator annotate notes/ > notes.jsonl\n  \
        glossator export --format web-annotation notes.jsonl > notes.anno.jsonl\n  \
        glossator export --format spacy ann/*.json > train.jsonl\n\n\
        Each document is read again from the path its annotation names (relative \
        to the current folder), and must not have changed since it was annotated. \
        Annotations of JSON Lines records hold no file to read: use \
        `annotate --input-format jsonl --format FMT` for those.")]
    Export(ExportArgs),
    /// Check or list the lexicon.
    #[command(subcommand)]
    Lexicon(LexiconCommand),
    /// Print the text glossator annotates: the file itself for plain text
    /// and Markdown, the extracted text for other formats. Offsets in
    /// annotations index this text.
    #[command(after_help = "Examples:\n  \
        glossator text notes.md\n  \
        glossator text handout.docx | less")]
    Text(TextArgs),
}

/// Flags shared by every command that reads documents.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Files or folders to read (folders: every .txt and .md inside, sorted);
    /// `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// What the inputs hold.
    #[arg(long, value_enum, default_value_t = InputFormat::Text)]
    pub input_format: InputFormat,
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    /// Do not tag dates.
    #[arg(long)]
    pub no_dates: bool,
    /// Worker threads (default, or 0: one per core; at most four per core).
    #[arg(long, short = 'j', value_name = "N", default_value_t = 0)]
    pub jobs: usize,
    /// No progress bar and no warnings; errors are still reported.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// What the inputs hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// Each file (or standard input) is one document.
    Text,
    /// JSON Lines: each line is a document, `{"id": ..., "text": ...}`;
    /// PATHs are files or `-`, read as a stream.
    Jsonl,
}

/// Which lexicon to use.
#[derive(Debug, Args)]
pub struct LexiconArgs {
    /// A lexicon file (.toml or .tsv) or folder, added to the built-in one.
    /// Repeatable.
    #[arg(long = "lexicon", short = 'l', value_name = "PATH")]
    pub lexicon_paths: Vec<PathBuf>,
    /// Do not load the built-in lexicon.
    #[arg(long)]
    pub no_default_lexicon: bool,
}

#[derive(Debug, Args)]
pub struct AnnotateArgs {
    #[command(flatten)]
    pub run: RunArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AnnotationFormat::Json)]
    pub format: AnnotationFormat,
    /// Write DIR/<doc-id>.<ext> per document instead of a stream on stdout
    /// (not with --input-format jsonl).
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
}

/// How annotations are written (README, "Exchange formats").
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum AnnotationFormat {
    /// `glossator.annotation/1` JSON: JSON Lines, or DIR/<doc-id>.json.
    Json,
    /// W3C Web Annotation JSON-LD, one annotation per span: JSON Lines, or
    /// DIR/<doc-id>.jsonld (an array).
    WebAnnotation,
    /// spaCy training examples, `[text, {"entities": [[start, end,
    /// label]]}]` in code points: JSON Lines, or DIR/<doc-id>.json.
    Spacy,
    /// brat standoff: DIR/<doc-id>.txt and DIR/<doc-id>.ann (needs --out).
    Brat,
    /// TEI P5 XML, spans tagged inline: a <teiCorpus>, or DIR/<doc-id>.xml.
    Tei,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Annotation files as `annotate` writes them: JSON Lines, or one
    /// annotation per file.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: AnnotationFormat,
    /// Write DIR/<doc-id>.<ext> per document instead of a stream on stdout.
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,
    /// No warnings; errors are still reported.
    #[arg(long, short = 'q')]
    pub quiet: bool,
}

/// How a glossary is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GlossaryFormat {
    /// `glossator.glossary/1` JSON.
    Json,
    /// Markdown, grouped by kind, alphabetical.
    Md,
    /// `term<TAB>definition` lines for Quizlet (and a plain Anki import).
    Tsv,
    /// An Anki deck: a text file with Anki's headers, Basic and Cloze
    /// notes, GUIDs and tags.
    Anki,
    /// A self-contained web page (links to handouts assume a build folder).
    Html,
    /// A compact web page to print: a two-column table, one line per term.
    Compact,
}

/// Flags that shape a glossary.
#[derive(Debug, Args)]
pub struct GlossaryShape {
    /// Output format [default: from --out's extension (.json, .md, .tsv,
    /// .html), else json].
    #[arg(long, value_enum)]
    pub format: Option<GlossaryFormat>,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
    /// Leave out entries occurring fewer than N times.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_count: usize,
    #[command(flatten)]
    pub anki: AnkiArgs,
}

/// The format `format` names, else the one `out`'s extension names
/// (`.htm` and `.markdown` too), else JSON; an error for an extension that
/// names no format, rather than JSON in a file named otherwise.
pub fn chosen_format<F: ValueEnum + Copy>(
    format: Option<F>,
    out: Option<&Path>,
    json: F,
) -> anyhow::Result<F> {
    if let Some(format) = format {
        return Ok(format);
    }
    let Some(ext) = out.and_then(Path::extension) else {
        return Ok(json);
    };
    let ext = ext.to_string_lossy().to_lowercase();
    let name = match ext.as_str() {
        "htm" => "html",
        "markdown" => "md",
        other => other,
    };
    F::from_str(name, true).map_err(|_| {
        anyhow::anyhow!(
            "{}: cannot tell the output format from the extension .{ext}; give --format",
            out.map_or_else(String::new, |p| p.display().to_string())
        )
    })
}

/// Flags of the Anki deck.
#[derive(Debug, Args)]
pub struct AnkiArgs {
    /// The Anki deck's name; `::` makes a subdeck (`History::Russia`).
    #[arg(long, value_name = "NAME", default_value_t = AnkiOptions::default().deck)]
    pub deck: String,
    /// Cloze notes at most in the Anki deck, one per entry, the best
    /// sentences first.
    #[arg(long, value_name = "N", default_value_t = AnkiOptions::default().cloze_limit)]
    pub cloze: usize,
}

impl AnkiArgs {
    /// The deck's options.
    pub fn options(&self) -> AnkiOptions {
        AnkiOptions {
            deck: self.deck.clone(),
            cloze_limit: self.cloze,
        }
    }
}

/// Definitions from the documents themselves (`glossary`, `build`).
#[derive(Debug, Args)]
pub struct HarvestFlags {
    /// Harvest definitions from the documents themselves (key-term boxes,
    /// `Term – definition` lines, Q&A; see `lexicon harvest`): their terms
    /// become lexicon entries for this run, the glossary shows the notes'
    /// definitions first, each linked to its passage, and the flashcard
    /// TSV adds the Q&A cards as written.
    #[arg(long)]
    pub harvest: bool,
    /// With --harvest: leave out the lexicon's own definition of every
    /// entry the documents define.
    #[arg(long, requires = "harvest")]
    pub harvest_only: bool,
}

#[derive(Debug, Args)]
pub struct GlossaryArgs {
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub harvest: HarvestFlags,
    #[command(flatten)]
    pub shape: GlossaryShape,
    /// List at most N occurrences per entry (counts stay exact).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub max_occurrences: usize,
}

/// How a timeline is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum TimelineFormat {
    /// `glossator.timeline/1` JSON.
    Json,
    /// Markdown, grouped by year.
    Md,
    /// A self-contained web page (links to handouts assume a build folder).
    Html,
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub run: RunArgs,
    /// Output format [default: from --out's extension (.json, .md, .html),
    /// else json].
    #[arg(long, value_enum)]
    pub format: Option<TimelineFormat>,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub harvest: HarvestFlags,
    /// The folder to write into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    /// List at most N occurrences per glossary entry (counts stay exact).
    #[arg(long, value_name = "N", default_value_t = 20)]
    pub max_occurrences: usize,
    /// Leave out glossary entries occurring fewer than N times.
    #[arg(long, value_name = "N", default_value_t = 1)]
    pub min_count: usize,
    #[command(flatten)]
    pub anki: AnkiArgs,
    #[command(flatten)]
    pub worksheet: WorksheetFlags,
}

/// Flags of the worksheet (`worksheet`, `build`).
#[derive(Debug, Args)]
pub struct WorksheetFlags {
    /// The worksheet's exercises, comma-separated or repeated [default:
    /// all].
    #[arg(
        long = "exercise",
        value_enum,
        value_delimiter = ',',
        value_name = "KIND"
    )]
    pub exercises: Vec<Exercise>,
    /// Items per worksheet exercise, at most.
    #[arg(long, value_name = "N", default_value_t = WorksheetOptions::default().items)]
    pub items: usize,
    /// Picks the worksheet's items and their order: the same seed, the
    /// same worksheet.
    #[arg(long, value_name = "N", default_value_t = WorksheetOptions::default().seed)]
    pub seed: u64,
}

impl WorksheetFlags {
    /// The worksheet's options.
    pub fn options(&self) -> WorksheetOptions {
        let exercises = match self.exercises.is_empty() {
            true => Exercise::ALL.to_vec(),
            false => self.exercises.clone(),
        };
        WorksheetOptions {
            exercises,
            items: self.items,
            seed: self.seed,
        }
    }
}

#[derive(Debug, Args)]
pub struct WorksheetArgs {
    #[command(flatten)]
    pub run: RunArgs,
    #[command(flatten)]
    pub harvest: HarvestFlags,
    /// The folder to write worksheet.html into (created if missing).
    #[arg(long, value_name = "DIR")]
    pub out: PathBuf,
    #[command(flatten)]
    pub worksheet: WorksheetFlags,
}

#[derive(Debug, Args)]
pub struct TextArgs {
    /// Files or folders to read; `-` reads standard input. With more than
    /// one document, each is preceded by a `==> PATH <==` line.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Partial results (JSON), all glossaries or all timelines, in document
    /// order.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// Format, output file and --min-count as for `glossary` (a timeline
    /// takes json, md or html).
    #[command(flatten)]
    pub shape: GlossaryShape,
}

#[derive(Debug, Subcommand)]
pub enum LexiconCommand {
    /// Validate the lexicon; report every problem with file and line.
    Check(LexiconArgs),
    /// List the entries, with counts per kind.
    List(ListArgs),
    /// Report capitalised phrases and quoted terms in documents that no
    /// entry tags, most frequent first: candidates for new entries.
    #[command(
        after_help = "Example:\n  glossator lexicon coverage notes/ --lexicon my-terms.toml"
    )]
    Coverage(RunArgs),
    /// Write the lexicon for another tool: spaCy's `EntityRuler` patterns.
    #[command(after_help = "Example:\n  \
        glossator lexicon export --format spacy --lexicon my-terms.toml --out patterns.jsonl\n\n\
        Load them with nlp.add_pipe(\"entity_ruler\", config={\"phrase_matcher_attr\": \"LOWER\"}) \
        and ruler.from_disk(\"patterns.jsonl\").")]
    Export(LexiconExportArgs),
    /// Harvest definitions from your own notes (key-term boxes, `Term –
    /// definition`, `Term: definition`, `NEP = …` lines, Q&A, two-column
    /// tables) into a lexicon file to review.
    #[command(after_help = "Examples:\n  \
        glossator lexicon harvest notes/ --out my-terms.toml\n  \
        glossator lexicon harvest flashcards.txt --format tsv > cards.tsv\n\n\
        Each entry has an id, a name, a guessed kind, the definition and a comment naming \
        the file and line it came from. An entry the lexicon already has is marked \
        `built-in` (and commented out in TOML).")]
    Harvest(HarvestArgs),
}

/// How harvested definitions are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum HarvestFormat {
    /// A TOML lexicon file, an entry per term, its sources in comments.
    Toml,
    /// Flashcards, `Front<TAB>Back<TAB>Kind<TAB>Source<TAB>Built-in`, a
    /// card per definition (Anki's and Quizlet's import; loads as a
    /// lexicon too).
    Tsv,
}

#[derive(Debug, Args)]
pub struct HarvestArgs {
    /// Files or folders of notes to read (folders: every document inside,
    /// sorted); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The lexicon the harvested terms are checked against (`built-in`
    /// marks).
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    /// Output format.
    #[arg(long, value_enum, default_value_t = HarvestFormat::Toml)]
    pub format: HarvestFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

/// A format a lexicon is exported in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum LexiconFormat {
    /// spaCy `EntityRuler` patterns (`patterns.jsonl`): a phrase pattern per
    /// form, labelled by kind, with the entry's id.
    Spacy,
}

#[derive(Debug, Args)]
pub struct LexiconExportArgs {
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    /// Output format.
    #[arg(long, value_enum)]
    pub format: LexiconFormat,
    /// Write to FILE instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub lexicon: LexiconArgs,
    /// Only entries of this kind.
    #[arg(long, value_enum)]
    pub kind: Option<Kind>,
}
