//! The `glossator` Python module: the library's annotator, glossary and
//! merge, for pipelines written in Python (pandas, Spark, Dask).
//!
//! Everything here converts between Python objects and the library's types
//! and calls the library: annotations and glossaries cross as the dicts of
//! their JSON schemas (`glossator.annotation/1`, `glossator.glossary/1`,
//! `glossator.timeline/1`), each equal to `json.loads` of what the command
//! writes. Annotations, made by the thousand, are built as dicts directly
//! (`dicts.rs`); glossaries and timelines cross as JSON: the library writes
//! the command's bytes and Python's `json.loads` reads them. Dicts coming
//! back are `json.dumps`ed and read by the library's serde types. Work on
//! many texts runs on the library's ordered thread pool with the GIL
//! released. The type stubs are
//! `glossator.pyi` beside this crate; the tests are in `tests/`, run with
//! pytest.

use std::ffi::CString;
use std::path::PathBuf;

use glossator::annotate::Annotation;
use glossator::document::Format;
use glossator::glossary::{Glossary, MergeError as MergeFailure, GLOSSARY_SCHEMA};
use glossator::input::{self, Document, Input, Source, MAX_DOCUMENT_BYTES};
use glossator::lexicon::Lexicon;
use glossator::pipeline::{for_each_ordered, max_jobs, Stopped};
use glossator::render::json::json_line;
use glossator::timeline::{Timeline, TIMELINE_SCHEMA};
use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyList, PyString, PyTuple};
use serde::de::DeserializeOwned;
use serde::Serialize;

mod dicts;

use dicts::{AnnotationDicts, GcPause};

create_exception!(
    glossator,
    LexiconError,
    PyValueError,
    "The lexicon could not be loaded: every problem, one per line, as `FILE:LINE: message`."
);
create_exception!(
    glossator,
    MergeError,
    PyValueError,
    "Partials that cannot be merged, or that are not glossator partials."
);

/// The id a document gets when none is given.
const DEFAULT_ID: &str = "document";

/// Tags the entries of a lexicon, and dates, in texts.
#[pyclass(module = "glossator", frozen)]
struct Annotator {
    annotator: glossator::annotate::Annotator,
    /// What it was built from, to rebuild it when unpickled.
    lexicons: Vec<PathBuf>,
    builtin: bool,
    dates: bool,
}

#[pymethods]
impl Annotator {
    #[new]
    #[pyo3(signature = (lexicons = Vec::new(), builtin = true, dates = true))]
    fn new(py: Python<'_>, lexicons: Vec<PathBuf>, builtin: bool, dates: bool) -> PyResult<Self> {
        let lexicon = py
            .detach(|| {
                let mut builder = Lexicon::builder();
                if builtin {
                    builder.add_builtin();
                }
                for path in &lexicons {
                    builder.add_path(path);
                }
                builder.build()
            })
            .map_err(|errors| LexiconError::new_err(errors.to_string()))?;
        let annotator =
            py.detach(|| glossator::annotate::Annotator::new(lexicon).with_dates(dates));
        Ok(Annotator {
            annotator,
            lexicons,
            builtin,
            dates,
        })
    }

    /// The `glossator.annotation/1` dict of one text, read as `format`
    /// (`"text"` or `"markdown"`; see [`text_format`]).
    #[pyo3(signature = (text, id = None, format = "text"))]
    fn annotate<'py>(
        &self,
        py: Python<'py>,
        text: String,
        id: Option<String>,
        format: &str,
    ) -> PyResult<Bound<'py, PyAny>> {
        let format = text_format(format)?;
        let doc = document(id.unwrap_or_else(|| DEFAULT_ID.to_string()), text, format)?;
        let annotation = py.detach(|| self.annotator.annotate(&doc));
        let _paused = GcPause::new(py)?;
        Ok(AnnotationDicts::default().dict(py, &annotation)?.into_any())
    }

    /// The annotations of many texts, in order, made on `jobs` threads
    /// (default: one per core; at most four per core) with the GIL released,
    /// each read as `format` (one for all, or one per text).
    #[pyo3(signature = (texts, ids = None, jobs = None, format = Formats::One("text".into())))]
    fn annotate_batch<'py>(
        &self,
        py: Python<'py>,
        texts: Vec<String>,
        ids: Option<Vec<String>>,
        jobs: Option<usize>,
        format: Formats,
    ) -> PyResult<Bound<'py, PyList>> {
        let ids = match ids {
            Some(ids) if ids.len() != texts.len() => {
                return Err(PyValueError::new_err(format!(
                    "{} ids for {} texts",
                    ids.len(),
                    texts.len()
                )))
            }
            Some(ids) => ids,
            None => (0..texts.len()).map(|n| n.to_string()).collect(),
        };
        let formats = format.each(texts.len())?;
        let docs = ids
            .into_iter()
            .zip(texts)
            .zip(formats)
            .map(|((id, text), format)| document(id, text, format))
            .collect::<PyResult<Vec<Document>>>()?;
        // As `--jobs`: 0 is one per core, and more than four per core only wait.
        let jobs = jobs.unwrap_or(0).min(max_jobs());
        // The calling thread makes each dict (holding the GIL only for
        // that) while the workers annotate the documents after it.
        let _paused = GcPause::new(py)?;
        let mut maker = AnnotationDicts::default();
        let mut dicts = Vec::with_capacity(docs.len());
        let run = py.detach(|| {
            let annotate = |doc| self.annotator.annotate(doc);
            let keep = |annotation| {
                Python::attach(|py| {
                    dicts.push(maker.dict(py, &annotation)?.unbind());
                    Ok(())
                })
            };
            for_each_ordered(&docs, jobs, annotate, keep)
        });
        run.map_err(|stopped| match stopped {
            Stopped::Sink(err) => err,
            // A panic (a bug) or no threads.
            other => PyRuntimeError::new_err(other.to_string()),
        })?;
        PyList::new(py, dicts)
    }

    /// The `glossator.glossary/1` dict of annotated texts: a partial to
    /// `merge` with those of the texts that follow.
    #[pyo3(signature = (annotations, texts, max_occurrences = 20))]
    fn glossary<'py>(
        &self,
        py: Python<'py>,
        annotations: Vec<Bound<'py, PyAny>>,
        texts: Vec<String>,
        max_occurrences: usize,
    ) -> PyResult<Bound<'py, PyAny>> {
        if annotations.len() != texts.len() {
            return Err(PyValueError::new_err(format!(
                "{} annotations for {} texts",
                annotations.len(),
                texts.len()
            )));
        }
        let json = Json::new(py)?;
        let mut glossary = Glossary::new(max_occurrences);
        for (n, (annotation, text)) in annotations.iter().zip(texts).enumerate() {
            let annotation: Annotation<'static> = json
                .read(annotation)?
                .map_err(|err| PyValueError::new_err(format!("annotation {n}: {err}")))?;
            annotation
                .check_text(&text)
                .map_err(|err| PyValueError::new_err(format!("annotation {n}: {err}")))?;
            let doc = Document::of_text(
                annotation.doc().id.clone(),
                annotation.doc().path.clone(),
                text,
                annotation.doc().format,
            );
            glossary.add(&doc, &annotation, self.annotator.lexicon());
        }
        json.write(&glossary)
    }

    /// Pickles as the arguments it was made with; unpickling loads the
    /// lexicon files again.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyTuple>> {
        let py = slf.py();
        let this = slf.get();
        let args = (this.lexicons.clone(), this.builtin, this.dates).into_pyobject(py)?;
        (slf.get_type(), args).into_pyobject(py)
    }

    fn __repr__(&self) -> String {
        let lexicons: Vec<String> = self
            .lexicons
            .iter()
            .map(|path| format!("{:?}", path.display().to_string()))
            .collect();
        format!(
            "Annotator(lexicons=[{}], builtin={}, dates={})",
            lexicons.join(", "),
            python_bool(self.builtin),
            python_bool(self.dates)
        )
    }

    /// The number of entries in the lexicon.
    fn __len__(&self) -> usize {
        self.annotator.lexicon().len()
    }
}

fn python_bool(value: bool) -> &'static str {
    if value {
        "True"
    } else {
        "False"
    }
}

/// A document made from Python: no path.
fn document(id: String, text: String, format: Format) -> PyResult<Document> {
    if text.len() > MAX_DOCUMENT_BYTES {
        return Err(PyValueError::new_err(format!(
            "{id}: over {MAX_DOCUMENT_BYTES} bytes as UTF-8; split it first"
        )));
    }
    Ok(Document::of_text(id, String::new(), text, format))
}

/// The format named `name` (`doc.format`'s names). A text given as a
/// format that is not text (a Word file's extracted text) is read as plain
/// text, as [`Document::of_text`] says.
fn text_format(name: &str) -> PyResult<Format> {
    Format::ALL
        .into_iter()
        .find(|format| format.name() == name)
        .ok_or_else(|| {
            let names: Vec<&str> = Format::ALL.iter().map(|format| format.name()).collect();
            PyValueError::new_err(format!(
                "no format {name:?}; the formats are {}",
                names.join(", ")
            ))
        })
}

/// `annotate_batch`'s `format`: one for every text, or one per text.
#[derive(FromPyObject)]
enum Formats {
    One(String),
    Each(Vec<String>),
}

impl Formats {
    /// The format of each of `count` texts.
    fn each(&self, count: usize) -> PyResult<Vec<Format>> {
        match self {
            Formats::One(name) => Ok(vec![text_format(name)?; count]),
            Formats::Each(names) if names.len() != count => Err(PyValueError::new_err(format!(
                "{} formats for {count} texts",
                names.len()
            ))),
            Formats::Each(names) => names.iter().map(|name| text_format(name)).collect(),
        }
    }
}

/// The documents that `paths` (files and folders) name, as `(id, path)`
/// pairs in the order and with the ids the command gives them.
#[pyfunction]
fn find_documents(paths: Vec<PathBuf>) -> PyResult<Vec<(String, String)>> {
    let collected = input::collect(&paths);
    if !collected.errors.is_empty() {
        let messages: Vec<String> = collected.errors.iter().map(|e| e.to_string()).collect();
        return Err(PyValueError::new_err(messages.join("\n")));
    }
    let documents = collected.inputs.iter();
    Ok(documents
        .map(|i| (i.id.clone(), i.display_path()))
        .collect())
}

/// The text of a document file, read and decoded as the command reads it;
/// a decoding guess (Windows-1252) is a `UserWarning`.
#[pyfunction]
fn read_document(py: Python<'_>, path: PathBuf) -> PyResult<String> {
    let input = Input {
        source: Source::File(path),
        id: String::new(),
    };
    let (doc, warning) = py
        .detach(|| input.read())
        .map_err(|err| PyValueError::new_err(err.to_string()))?;
    if let Some(warning) = warning {
        let message = CString::new(warning.to_string().replace('\0', "\\0"))?;
        PyErr::warn(py, &py.get_type::<PyUserWarning>(), &message, 1)?;
    }
    Ok(doc.text)
}

/// The format the command reads a document file as (`doc.format`), to
/// give `annotate` with the text `read_document` returns.
#[pyfunction]
fn document_format(path: PathBuf) -> &'static str {
    let input = Input {
        source: Source::File(path),
        id: String::new(),
    };
    input.format().name()
}

/// Merges glossary (or timeline) partials of consecutive shards, in order,
/// into the result of one run over them all: the reduction of `glossator
/// merge`.
#[pyfunction]
#[pyo3(signature = (partials, min_count = 1))]
fn merge<'py>(
    py: Python<'py>,
    partials: Vec<Bound<'py, PyAny>>,
    min_count: usize,
) -> PyResult<Bound<'py, PyAny>> {
    let Some(first) = partials.first() else {
        return Err(MergeError::new_err("no partials to merge"));
    };
    let schema: String = first
        .get_item("schema")
        .and_then(|schema| schema.extract())
        .map_err(|_| MergeError::new_err("partial 0: no schema; not a glossator partial"))?;
    let json = Json::new(py)?;
    match schema.as_str() {
        GLOSSARY_SCHEMA => {
            let mut glossary = merge_all(&json, &partials, Glossary::merge)?;
            glossary.retain_min_count(min_count);
            json.write(&glossary)
        }
        TIMELINE_SCHEMA => json.write(&merge_all(&json, &partials, Timeline::merge)?),
        other => Err(MergeError::new_err(format!(
            "partial 0: not a glossary or timeline partial (schema {other:?})"
        ))),
    }
}

/// Reads every partial as `T` and folds them with `merge`, in order.
fn merge_all<T: DeserializeOwned>(
    json: &Json<'_>,
    partials: &[Bound<'_, PyAny>],
    merge: fn(T, T) -> Result<T, MergeFailure>,
) -> PyResult<T> {
    let read = |n: usize| -> PyResult<T> {
        json.read(&partials[n])?
            .map_err(|err| MergeError::new_err(format!("partial {n}: not a valid partial: {err}")))
    };
    let mut whole = read(0)?;
    for n in 1..partials.len() {
        whole = merge(whole, read(n)?)
            .map_err(|err| MergeError::new_err(format!("partial {n}: {err}")))?;
    }
    Ok(whole)
}

/// Python's `json` module, the bridge between the library's serde types
/// and Python objects.
struct Json<'py> {
    loads: Bound<'py, PyAny>,
    dumps: Bound<'py, PyAny>,
}

impl<'py> Json<'py> {
    fn new(py: Python<'py>) -> PyResult<Json<'py>> {
        let json = py.import("json")?;
        Ok(Json {
            loads: json.getattr("loads")?,
            dumps: json.getattr("dumps")?,
        })
    }

    /// The Python object of JSON text the library wrote.
    fn load(&self, json: &[u8]) -> PyResult<Bound<'py, PyAny>> {
        let text =
            std::str::from_utf8(json).map_err(|err| PyValueError::new_err(err.to_string()))?;
        self.loads.call1((PyString::new(self.loads.py(), text),))
    }

    /// A library value as a Python object.
    fn write(&self, value: &impl Serialize) -> PyResult<Bound<'py, PyAny>> {
        self.load(&json_line(value))
    }

    /// A Python object as a library value; the outer error is Python's
    /// (an object `json.dumps` cannot write), the inner one the library's.
    fn read<T: DeserializeOwned>(&self, object: &Bound<'py, PyAny>) -> PyResult<Result<T, String>> {
        let text: String = self.dumps.call1((object,))?.extract()?;
        Ok(serde_json::from_str(&text).map_err(|err| err.to_string()))
    }
}

/// Tag key terms, people, places and dates in history texts from a
/// glossary; build and merge glossaries.
#[pymodule]
#[pyo3(name = "glossator")]
fn glossator_py(module: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = module.py();
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    module.add_class::<Annotator>()?;
    module.add_function(wrap_pyfunction!(merge, module)?)?;
    module.add_function(wrap_pyfunction!(find_documents, module)?)?;
    module.add_function(wrap_pyfunction!(read_document, module)?)?;
    module.add_function(wrap_pyfunction!(document_format, module)?)?;
    module.add("LexiconError", py.get_type::<LexiconError>())?;
    module.add("MergeError", py.get_type::<MergeError>())?;
    Ok(())
}
