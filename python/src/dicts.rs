//! Annotations as Python dicts, built directly.
//!
//! An annotation has a dict per span, so making them is most of what
//! `annotate_batch` costs beyond annotating: through `json.loads` it took
//! three times as long as the annotating itself. Here keys are interned
//! Python strings made once, and the strings that repeat on every span
//! (kinds, entry ids and names) are made once per batch. Blocks (one per
//! paragraph) are made here too.
//!
//! This must stay in step with the `Serialize` impls of the library's
//! `Annotation`, `DocInfo`, `Span` and `Block` (keys in field order, `None` fields
//! left out, `Block`'s flattened kind and source place as serde writes
//! them), as `render::json::annotation_line` must: the pytest suite
//! compares these dicts with `json.loads` of the command's output.

use std::collections::HashMap;

use glossator::annotate::{Annotation, How, Span, SpanKind};
use glossator::document::{Block, BlockKind, SourcePlace};
use pyo3::exceptions::PyRuntimeError;
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

/// Makes annotation dicts, sharing the strings that repeat.
#[derive(Default)]
pub struct AnnotationDicts {
    /// Entry ids and names, qualifiers and the schema tag, by their text.
    labels: HashMap<String, Py<PyString>>,
    /// Span kinds, by their index.
    kinds: [Option<Py<PyString>>; 6],
}

impl AnnotationDicts {
    /// The `glossator.annotation/1` dict of `annotation`.
    pub fn dict<'py>(
        &mut self,
        py: Python<'py>,
        annotation: &Annotation,
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
        dict.set_item(intern!(py, "schema"), self.label(py, annotation.schema()))?;
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

    fn span<'py>(&mut self, py: Python<'py>, span: &Span) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item(intern!(py, "start"), span.start)?;
        dict.set_item(intern!(py, "end"), span.end)?;
        dict.set_item(intern!(py, "char_start"), span.char_start)?;
        dict.set_item(intern!(py, "char_end"), span.char_end)?;
        dict.set_item(intern!(py, "text"), span.text.as_ref())?;
        dict.set_item(intern!(py, "kind"), self.kind(py, span.kind)?)?;
        if let Some(entry) = &span.entry {
            dict.set_item(intern!(py, "entry"), self.label(py, entry))?;
        }
        if let Some(name) = &span.name {
            dict.set_item(intern!(py, "name"), self.label(py, name))?;
        }
        if let Some(how) = span.how {
            dict.set_item(intern!(py, "match"), how_name(py, how))?;
        }
        if span.nested {
            dict.set_item(intern!(py, "nested"), true)?;
        }
        if let Some(value) = &span.value {
            dict.set_item(intern!(py, "value"), value)?;
        }
        if let Some(day) = span.first_day {
            dict.set_item(intern!(py, "first_day"), day.to_string())?;
        }
        if let Some(day) = span.last_day {
            dict.set_item(intern!(py, "last_day"), day.to_string())?;
        }
        if let Some(qualifier) = &span.qualifier {
            dict.set_item(intern!(py, "qualifier"), self.label(py, qualifier))?;
        }
        if span.old_style {
            dict.set_item(intern!(py, "old_style"), true)?;
        }
        dict.set_item(intern!(py, "sentence"), span.sentence)?;
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

    /// The Python string of `text`, made the first time it is asked for.
    fn label<'py>(&mut self, py: Python<'py>, text: &str) -> Bound<'py, PyString> {
        if let Some(label) = self.labels.get(text) {
            return label.bind(py).clone();
        }
        let label = PyString::new(py, text);
        self.labels.insert(text.to_string(), label.clone().unbind());
        label
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
