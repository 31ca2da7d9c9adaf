"""Tag key terms, people, places and dates in history texts from a glossary;
build and merge glossaries.

Annotations and glossaries are the dicts of glossator's JSON schemas
(``glossator.annotation/1``, ``glossator.glossary/1``,
``glossator.timeline/1``), as the ``glossator`` command writes them. In an
annotation, ``char_start``/``char_end`` index the Python ``str``:
``text[span["char_start"]:span["char_end"]] == span["text"]``.
"""

import os
from typing import Any, Optional, Sequence, Union

__version__: str

Annotation = dict[str, Any]
"""A ``glossator.annotation/1`` object."""
Partial = dict[str, Any]
"""A ``glossator.glossary/1`` or ``glossator.timeline/1`` object."""

class LexiconError(ValueError):
    """The lexicon could not be loaded: every problem, one per line, as
    ``FILE:LINE: message``."""

class MergeError(ValueError):
    """Partials that cannot be merged, or that are not glossator partials."""

class Annotator:
    """Tags the entries of a lexicon, and dates, in texts.

    ``lexicons`` are lexicon files (``.toml`` or ``.tsv``) or folders, added
    to the built-in lexicon unless ``builtin`` is false; ``dates=False``
    leaves dates untagged. Raises :class:`LexiconError`. An Annotator
    pickles as these arguments: unpickling loads the lexicon files again, so
    they must be readable at the same paths where it is unpickled.
    """

    def __init__(
        self,
        lexicons: Sequence[Union[str, os.PathLike[str]]] = ...,
        builtin: bool = True,
        dates: bool = True,
    ) -> None: ...
    def annotate(
        self, text: str, id: Optional[str] = None, format: str = "text"
    ) -> Annotation:
        """The annotation of one text; ``id`` defaults to ``"document"``.
        ``format`` is ``"text"`` or ``"markdown"`` (Markdown markup is read
        as structure and never tagged); :func:`document_format` says which a
        file is. Another format's name (``"docx"``) reads the text as plain
        text."""
    def annotate_batch(
        self,
        texts: Sequence[str],
        ids: Optional[Sequence[str]] = None,
        jobs: Optional[int] = None,
        format: Union[str, Sequence[str]] = "text",
    ) -> list[Annotation]:
        """The annotations of many texts, in order, equal to
        ``annotate`` one by one, made on ``jobs`` threads (default: one per
        core; at most four per core) with the GIL released. ``ids`` default to ``"0"``, ``"1"``, ...
        ``format`` is one format for all texts or one per text. Python's
        cyclic garbage collector is paused while the dicts are made (as in
        ``annotate``) and left as it was."""
    def glossary(
        self,
        annotations: Sequence[Annotation],
        texts: Sequence[str],
        max_occurrences: int = 20,
    ) -> Partial:
        """The glossary of annotated texts (each annotation with its text, in
        document order), as ``glossator glossary`` makes it: a partial to
        :func:`merge` with those of the texts that follow. Raises
        ``ValueError`` for an annotation that does not fit its text."""
    def __len__(self) -> int:
        """The number of entries in the lexicon."""
    def __reduce__(self) -> tuple[Any, ...]: ...

def merge(partials: Sequence[Partial], min_count: int = 1) -> Partial:
    """Merges glossary (or timeline) partials of consecutive shards, given in
    document order, into the result of one run over them all, as ``glossator
    merge`` does; ``min_count`` then leaves out glossary entries seen fewer
    times. Raises :class:`MergeError`."""

def find_documents(paths: Sequence[Union[str, os.PathLike[str]]]) -> list[tuple[str, str]]:
    """The documents that ``paths`` (files and folders, walked for ``.txt`` and
    ``.md``) name, as ``(id, path)`` pairs, in the order and with the ids
    ``glossator`` gives them. Raises ``ValueError`` naming every path that
    does not exist or holds no documents."""

def read_document(path: Union[str, os.PathLike[str]]) -> str:
    """The text of a document file, read and decoded as ``glossator`` reads it
    (UTF-8 with or without a byte-order mark, UTF-16 with one, otherwise
    Windows-1252 with a ``UserWarning``). Raises ``ValueError`` naming the
    path when it cannot be read, is binary or is too large."""

def document_format(path: Union[str, os.PathLike[str]]) -> str:
    """The format ``glossator`` reads a document file as (its
    ``doc.format``: ``"text"``, ``"markdown"``, ...), to give
    :meth:`Annotator.annotate` with the text :func:`read_document` returns."""
