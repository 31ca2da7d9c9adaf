//! Annotations as Python dicts, built directly.
//!
//! An annotation has a dict per span, so making them is most of what
//! `annotate_batch` costs beyond annotating: through `json.loads` it took
//! three times as long as the annotating itself. Here keys are interned
//! Python strings made once, and the strings that repeat on every span
//! (kinds, entry ids and names, days) are made once per batch, entry labels
//! found by their address in the annotator ([`AnnotationDicts::label`]).
//! A span dict is a copy of a template that has its keys ([`Templates`]).
//! Blocks (one per paragraph) are made here too. Python's cyclic garbage
//! collector is paused meanwhile ([`GcPause`]).
//!
//! This must stay in step with the `Serialize` impls of the library's
//! `Annotation`, `DocInfo`, `Span` and `Block` (keys in field order, `None` fields
//! left out, `Block`'s flattened kind and source place as serde writes
//! them), as `render::json::annotation_line` must: the pytest suite
//! compares these dicts with `json.loads` of the command's output.

use std::borrow::Cow;
use std::collections::hash_map::Entry;
use std::marker::PhantomData;

use glossator::annotate::{Annotation, How, Span, SpanKind};
use glossator::dates::Day;
use glossator::document::{Block, BlockKind, SourcePlace};
use pyo3::exceptions::PyRuntimeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyList, PyModule, PyString};
use pyo3::IntoPyObjectExt;
use rustc_hash::FxHashMap;

/// Makes the dicts of annotations whose borrowed strings live for `'a`,
/// sharing the strings that repeat.
#[derive(Default)]
pub struct AnnotationDicts<'a> {
    /// Entry ids and names, by address and length (see [`Self::label`]).
    labels: FxHashMap<(usize, usize), Py<PyString>>,
    /// Span kinds, by their index.
    kinds: [Option<Py<PyString>>; 6],
    /// The span dicts' templates.
    spans: Templates,
    /// Days' texts, by day.
    days: FxHashMap<Day, Py<PyString>>,
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
        let int = |n: &usize| n.into_bound_py_any(py).map(Some);
        let string = |text: &str| Some(PyString::new(py, text).into_any());
        let flag = |flag: &bool| flag.then(|| PyBool::new(py, true).to_owned().into_any());
        let entry = entry.as_ref().map(|entry| self.label(py, entry).into_any());
        let name = name.as_ref().map(|name| self.label(py, name).into_any());
        let first_day = first_day.as_ref().map(|day| self.day(py, day).into_any());
        let last_day = last_day.as_ref().map(|day| self.day(py, day).into_any());
        let fields = [
            (intern!(py, "start"), int(start)?),
            (intern!(py, "end"), int(end)?),
            (intern!(py, "char_start"), int(char_start)?),
            (intern!(py, "char_end"), int(char_end)?),
            (intern!(py, "text"), string(text)),
            (intern!(py, "kind"), Some(self.kind(py, *kind)?.into_any())),
            (intern!(py, "entry"), entry),
            (intern!(py, "name"), name),
            (
                intern!(py, "match"),
                how.map(|how| how_name(py, how).clone().into_any()),
            ),
            (intern!(py, "nested"), flag(nested)),
            (intern!(py, "value"), value.as_deref().and_then(string)),
            (intern!(py, "first_day"), first_day),
            (intern!(py, "last_day"), last_day),
            (
                intern!(py, "qualifier"),
                qualifier.as_deref().and_then(string),
            ),
            (intern!(py, "old_style"), flag(old_style)),
            (intern!(py, "sentence"), int(sentence)?),
        ];
        self.spans.dict(py, &fields)
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

    /// The Python string of `day` (`1924-01-21`), made the first time it
    /// is asked for: dates repeat, and writing a day took a twentieth of
    /// the dict making.
    fn day<'py>(&mut self, py: Python<'py>, day: &Day) -> Bound<'py, PyString> {
        let text = self
            .days
            .entry(*day)
            .or_insert_with(|| PyString::new(py, &day.to_string()).unbind());
        text.bind(py).clone()
    }
}

/// A field of a record: its key, and its value if it is written.
type Field<'py> = (&'py Bound<'py, PyString>, Option<Bound<'py, PyAny>>);

/// Makes the dicts of one kind of record by copying a template that has
/// their keys.
///
/// A dict made key by key grows at its sixth key (Python makes room for
/// five at first): perf put an eighth of the dict making's time on that
/// regrowth. A copy of a dict with the same keys has the right size at
/// once, and setting a key that is there only swaps the value (the dict
/// making took 4.5% fewer instructions; blocks, mostly four keys, are
/// made key by key). Which keys a record
/// writes depends on which of its optional fields it has: there is a
/// template for each set, made when first needed.
#[derive(Default)]
struct Templates {
    /// By the set of fields written, a bit per field.
    by_fields: FxHashMap<u32, Py<PyDict>>,
}

impl Templates {
    /// The dict of a record's `fields`, all of them, in order (always the
    /// same keys in the same order for one `Templates`): the keys of those
    /// written, in that order, with their values.
    fn dict<'py>(
        &mut self,
        py: Python<'py>,
        fields: &[Field<'py>],
    ) -> PyResult<Bound<'py, PyDict>> {
        debug_assert!(fields.len() <= 32, "a bit per field");
        let written = (fields.iter().enumerate())
            .filter(|(_, (_, value))| value.is_some())
            .fold(0, |set, (n, _)| set | 1 << n);
        let template = match self.by_fields.entry(written) {
            Entry::Occupied(template) => template.into_mut(),
            Entry::Vacant(slot) => {
                let template = PyDict::new(py);
                for (key, value) in fields {
                    if value.is_some() {
                        template.set_item(key, py.None())?;
                    }
                }
                slot.insert(template.unbind())
            }
        };
        let dict = template.bind(py).copy()?;
        for (key, value) in fields {
            if let Some(value) = value {
                dict.set_item(key, value)?;
            }
        }
        Ok(dict)
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
