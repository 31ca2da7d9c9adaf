//! Annotations as Python dicts, built directly.
//!
//! An annotation has a dict per span, so making them is most of what
//! `annotate_batch` costs beyond annotating: through `json.loads` it took
//! three times as long as the annotating itself. Here keys are interned
//! Python strings made once, and the strings that repeat on every span
//! (kinds, entry ids and names) are made once per batch, entry labels
//! found by their address in the annotator ([`AnnotationDicts::label`]).
//! Blocks (one per paragraph) are made here too.
//!
//! This must stay in step with the `Serialize` impls of the library's
//! `Annotation`, `DocInfo`, `Span` and `Block` (keys in field order, `None` fields
//! left out, `Block`'s flattened kind and source place as serde writes
//! them), as `render::json::annotation_line` must: the pytest suite
//! compares these dicts with `json.loads` of the command's output.

use std::borrow::Cow;
use std::fmt::Write;
use std::marker::PhantomData;

use glossator::annotate::{Annotation, How, Span, SpanKind};
use glossator::dates::Day;
use glossator::document::{Block, BlockKind, SourcePlace};
use pyo3::exceptions::PyRuntimeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyModule, PyString};
use rustc_hash::FxHashMap;

/// Makes the dicts of annotations whose borrowed strings live for `'a`,
/// sharing the strings that repeat.
#[derive(Default)]
pub struct AnnotationDicts<'a> {
    /// Entry ids and names, by address and length (see [`Self::label`]).
    labels: FxHashMap<(usize, usize), Py<PyString>>,
    /// Span kinds, by their index.
    kinds: [Option<Py<PyString>>; 6],
    /// A day's text, written here rather than in a new `String` each time.
    day: String,
    /// The labels' addresses stand for their text only while `'a` lasts.
    borrowed: PhantomData<&'a str>,
}

impl<'a> AnnotationDicts<'a> {
    /// The `glossator.annotation/1` dict of `annotation`.
    pub fn dict<'py>(
        &mut self,
        py: Python<'py>,
        annotation: &Annotation<'a>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let doc = PyDict::new(py);
        doc.set_item(intern!(py, "id"), &annotation.doc().id)?;
        doc.set_item(intern!(py, "path"), &annotation.doc().path)?;
        doc.set_item(intern!(py, "bytes"), annotation.doc().bytes)?;
        doc.set_item(intern!(py, "chars"), annotation.doc().chars)?;
        doc.set_item(intern!(py, "format"), annotation.doc().format.name())?;
        if let Some(title) = &annotation.doc().title {
            doc.set_item(intern!(py, "title"), title)?;
        }
        let sentences = annotation
            .sentences()
            .iter()
            .map(|range| PyList::new(py, range))
            .collect::<PyResult<Vec<_>>>()?;
        let spans = annotation
            .spans()
            .iter()
            .map(|span| self.span(py, span))
            .collect::<PyResult<Vec<_>>>()?;
        let dict = PyDict::new(py);
        dict.set_item(intern!(py, "schema"), annotation.schema())?;
        dict.set_item(intern!(py, "doc"), doc)?;
        dict.set_item(intern!(py, "sentences"), PyList::new(py, sentences)?)?;
        dict.set_item(intern!(py, "spans"), PyList::new(py, spans)?)?;
        let blocks = annotation
            .blocks()
            .iter()
            .map(|b| block(py, b))
            .collect::<PyResult<Vec<_>>>()?;
        dict.set_item(intern!(py, "blocks"), PyList::new(py, blocks)?)?;
        Ok(dict)
    }

    /// The dict of `span`. The pattern names every field, so that a new
    /// one does not compile until it is written here too.
    fn span<'py>(&mut self, py: Python<'py>, span: &Span<'a>) -> PyResult<Bound<'py, PyDict>> {
        let Span {
            start,
            end,
            char_start,
            char_end,
            text,
            kind,
            entry,
            name,
            how,
            nested,
            value,
            first_day,
            last_day,
            qualifier,
            old_style,
            sentence,
        } = span;
        let dict = PyDict::new(py);
        dict.set_item(intern!(py, "start"), start)?;
        dict.set_item(intern!(py, "end"), end)?;
        dict.set_item(intern!(py, "char_start"), char_start)?;
        dict.set_item(intern!(py, "char_end"), char_end)?;
        dict.set_item(intern!(py, "text"), text.as_ref())?;
        dict.set_item(intern!(py, "kind"), self.kind(py, *kind)?)?;
        if let Some(entry) = entry {
            dict.set_item(intern!(py, "entry"), self.label(py, entry))?;
        }
        if let Some(name) = name {
            dict.set_item(intern!(py, "name"), self.label(py, name))?;
        }
        if let Some(how) = how {
            dict.set_item(intern!(py, "match"), how_name(py, *how))?;
        }
        if *nested {
            dict.set_item(intern!(py, "nested"), true)?;
        }
        if let Some(value) = value {
            dict.set_item(intern!(py, "value"), value)?;
        }
        if let Some(day) = first_day {
            dict.set_item(intern!(py, "first_day"), self.day(py, day))?;
        }
        if let Some(day) = last_day {
            dict.set_item(intern!(py, "last_day"), self.day(py, day))?;
        }
        if let Some(qualifier) = qualifier {
            dict.set_item(intern!(py, "qualifier"), qualifier)?;
        }
        if *old_style {
            dict.set_item(intern!(py, "old_style"), true)?;
        }
        dict.set_item(intern!(py, "sentence"), sentence)?;
        Ok(dict)
    }

    /// The name of `kind` as its `Serialize` writes it.
    fn kind<'py>(&mut self, py: Python<'py>, kind: SpanKind) -> PyResult<Bound<'py, PyString>> {
        let slot = &mut self.kinds[kind as usize];
        if let Some(name) = slot {
            return Ok(name.bind(py).clone());
        }
        let name = match serde_json::to_value(kind) {
            Ok(serde_json::Value::String(name)) => PyString::new(py, &name),
            _ => {
                return Err(PyRuntimeError::new_err(
                    "a span kind is written as a string",
                ))
            }
        };
        *slot = Some(name.clone().unbind());
        Ok(name)
    }

    /// The Python string of an entry's id or name, made the first time
    /// it is asked for.
    ///
    /// A borrowed label is found by its address and length: hashing and
    /// comparing the text of every label (two per entry span) took a
    /// fifth of the dict making, its keys being copies spread over the
    /// heap. While `'a` lasts, the bytes a `&'a str` points to neither
    /// change nor move, and these dicts last no longer, so two such labels
    /// at the same address with the same length have the same text. An
    /// owned label (not made by the annotator) is made anew.
    // Whether the label is borrowed is what this asks, so not a `&str`.
    #[allow(clippy::ptr_arg)]
    fn label<'py>(&mut self, py: Python<'py>, text: &Cow<'a, str>) -> Bound<'py, PyString> {
        let text: &'a str = match text {
            Cow::Borrowed(text) => text,
            Cow::Owned(text) => return PyString::new(py, text),
        };
        let label = self
            .labels
            .entry((text.as_ptr() as usize, text.len()))
            .or_insert_with(|| PyString::new(py, text).unbind());
        label.bind(py).clone()
    }

    /// The Python string of `day` (`1924-01-21`).
    fn day<'py>(&mut self, py: Python<'py>, day: &Day) -> Bound<'py, PyString> {
        self.day.clear();
        write!(self.day, "{day}").expect("a String takes any text");
        PyString::new(py, &self.day)
    }
}

/// Python's cyclic garbage collector, paused while annotation dicts are
/// made; dropping this restores the state it had, on an error too.
///
/// The collector runs every 700 new containers, and ever more often over
/// the old ones as they grow: a batch makes a list per sentence (206,000
/// on the 20 MB corpus; span and block dicts hold no containers, so
/// Python does not track them), and the collector took a tenth of the
/// dict making. Paused, it goes over them once, at the first collection
/// after the call, and finds no cycle: nothing made here is in one. A
/// thread that runs Python code meanwhile has the collector paused too
/// (as while `gc.disable()`), which only delays its collections.
pub struct GcPause<'py> {
    gc: Bound<'py, PyModule>,
    /// Was the collector on? Then dropping turns it on again.
    was_enabled: bool,
}

impl<'py> GcPause<'py> {
    pub fn new(py: Python<'py>) -> PyResult<GcPause<'py>> {
        let gc = py.import(intern!(py, "gc"))?;
        let was_enabled = gc.call_method0(intern!(py, "isenabled"))?.is_truthy()?;
        if was_enabled {
            gc.call_method0(intern!(py, "disable"))?;
        }
        Ok(GcPause { gc, was_enabled })
    }
}

impl Drop for GcPause<'_> {
    fn drop(&mut self) {
        let py = self.gc.py();
        if self.was_enabled {
            if let Err(err) = self.gc.call_method0(intern!(py, "enable")) {
                err.write_unraisable(py, None);
            }
        }
    }
}

/// The dict of `block`, as its `Serialize` writes it: the range, the kind
/// (tag first, then its fields), `quote` when not 0, and the place in the
/// source. Blocks are as many as paragraphs, so they are made here rather
/// than through `json.loads` (which took a quarter of the dict making).
/// The patterns name every field, so that a new one does not compile
/// until it is written here too.
fn block<'py>(py: Python<'py>, block: &Block) -> PyResult<Bound<'py, PyDict>> {
    let Block {
        start,
        end,
        kind,
        quote,
        source,
        boundary: _,
    } = block;
    let dict = PyDict::new(py);
    dict.set_item(intern!(py, "start"), start)?;
    dict.set_item(intern!(py, "end"), end)?;
    let tag = intern!(py, "kind");
    match *kind {
        BlockKind::Heading { level } => {
            dict.set_item(tag, intern!(py, "heading"))?;
            dict.set_item(intern!(py, "level"), level)?;
        }
        BlockKind::Paragraph => dict.set_item(tag, intern!(py, "paragraph"))?,
        BlockKind::Item { ordered, depth } => {
            dict.set_item(tag, intern!(py, "item"))?;
            dict.set_item(intern!(py, "ordered"), ordered)?;
            dict.set_item(intern!(py, "depth"), depth)?;
        }
        BlockKind::Cell {
            table,
            row,
            column,
            header,
        } => {
            dict.set_item(tag, intern!(py, "cell"))?;
            dict.set_item(intern!(py, "table"), table)?;
            dict.set_item(intern!(py, "row"), row)?;
            dict.set_item(intern!(py, "column"), column)?;
            dict.set_item(intern!(py, "header"), header)?;
        }
        BlockKind::Code => dict.set_item(tag, intern!(py, "code"))?,
    }
    if *quote != 0 {
        dict.set_item(intern!(py, "quote"), quote)?;
    }
    match *source {
        SourcePlace::Line(line) => dict.set_item(intern!(py, "line"), line)?,
        SourcePlace::Para(para) => dict.set_item(intern!(py, "para"), para)?,
        SourcePlace::Page(page) => dict.set_item(intern!(py, "page"), page)?,
    }
    Ok(dict)
}

/// The name of `how` as its `Serialize` writes it ([`How::as_str`]),
/// interned.
fn how_name(py: Python<'_>, how: How) -> &Bound<'_, PyString> {
    match how {
        How::Listed => intern!(py, "listed"),
        How::Variant => intern!(py, "variant"),
        How::Misspelling => intern!(py, "misspelling"),
        How::Reference => intern!(py, "reference"),
    }
}
