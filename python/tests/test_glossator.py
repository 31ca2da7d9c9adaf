"""The glossator Python package: offsets, pickling, batches, glossaries and
merging, errors; and agreement with the `glossator` command where it is
built (target/release/glossator, as `cargo test --release` leaves it)."""

import gc
import json
import pickle
import subprocess
import threading
from pathlib import Path

import pytest

import glossator

REPO = Path(__file__).resolve().parents[2]
CORPUS = sorted((REPO / "corpus").iterdir())
CLI = REPO / "target" / "release" / "glossator"

ODD_TEXT = (
    "Сталин’s NEP – «Сталин» and 𝔖talin; Trotsky\u0301 in 1921.\r\n"
    "\u202eLenin\u00a0died on 21 January 1924 🙂 and the Five-\nYear Plan began."
)


@pytest.fixture(scope="module")
def annotator():
    return glossator.Annotator()


def corpus_texts():
    return [path.read_text(encoding="utf-8") for path in CORPUS]


def corpus_formats():
    """The formats `glossator annotate corpus` reads the files as."""
    return [glossator.document_format(path) for path in CORPUS]


def corpus_ids():
    """The ids `glossator annotate corpus` gives: file names without extension."""
    return [path.stem for path in CORPUS]


def cli(*args, input=None):
    if not CLI.exists():
        pytest.skip(f"SKIPPED: {CLI} is not built; run `cargo build --release` first")
    return subprocess.run(
        [str(CLI), *args], cwd=REPO, input=input, capture_output=True, check=False
    )


def assert_offsets_slice(text, annotation):
    assert annotation["doc"]["chars"] == len(text)
    assert annotation["doc"]["bytes"] == len(text.encode("utf-8"))
    encoded = text.encode("utf-8")
    for span in annotation["spans"]:
        assert text[span["char_start"] : span["char_end"]] == span["text"], span
        assert encoded[span["start"] : span["end"]].decode("utf-8") == span["text"], span


def test_offsets_slice_the_python_string(annotator):
    annotation = annotator.annotate(ODD_TEXT, id="odd")
    kinds = {span["kind"] for span in annotation["spans"]}
    assert {"person", "term", "date"} <= kinds, annotation["spans"]
    assert any(span["text"] == "Сталин" for span in annotation["spans"])
    assert_offsets_slice(ODD_TEXT, annotation)
    for text in corpus_texts():
        assert_offsets_slice(text, annotator.annotate(text))


def test_annotations_are_what_the_command_writes(annotator):
    run = cli("annotate", "corpus")
    assert run.returncode == 0, run.stderr
    from_cli = [json.loads(line) for line in run.stdout.decode().splitlines()]
    from_python = annotator.annotate_batch(
        corpus_texts(), ids=corpus_ids(), format=corpus_formats()
    )
    assert "markdown" in corpus_formats()
    for ours, theirs in zip(from_python, from_cli, strict=True):
        ours["doc"]["path"] = theirs["doc"]["path"]
        assert ours == theirs
        # Key order too, so that json.dumps of a dict is the command's line.
        assert json.dumps(ours) == json.dumps(theirs)


def test_odd_text_is_annotated_as_the_command_does(annotator):
    text = ODD_TEXT + (
        " In the early 1930s, and winter 1926–27, Stalin. On 25 Oct/7 Nov 1917"
        " the Bolsheviks rose; after Lenin's death the Lenin enrolment followed."
    )
    run = cli("annotate", "-", input=text.encode("utf-8"))
    assert run.returncode == 0, run.stderr
    theirs = json.loads(run.stdout)
    ours = annotator.annotate(text, id="stdin")
    keys = {k for s in ours["spans"] for k in s}
    assert {"qualifier", "first_day", "entry", "match", "nested", "old_style"} <= keys
    ours["doc"]["path"] = theirs["doc"]["path"]
    assert ours == theirs
    assert json.dumps(ours) == json.dumps(theirs)  # key order too


def test_blocks_of_every_kind_are_what_the_command_writes(tmp_path, annotator):
    text = (
        "# The NEP\n\n"
        "> Lenin, 1921:\n>\n> > a breathing space\n\n"
        "1. War Communism\n   - grain requisitioning\n2. The NEP\n\n"
        "| Year | Policy |\n| --- | --- |\n| 1921 | NEP |\n\n"
        "```\nStalin, in code\n```\n"
    )
    path = tmp_path / "blocks.md"
    path.write_text(text, encoding="utf-8")
    run = cli("annotate", str(path))
    assert run.returncode == 0, run.stderr
    theirs = json.loads(run.stdout)
    for ours in [
        annotator.annotate(text, id="blocks", format="markdown"),
        annotator.annotate_batch([text], ids=["blocks"], format="markdown")[0],
    ]:
        blocks = ours["blocks"]
        assert {b["kind"] for b in blocks} == {"heading", "paragraph", "item", "cell", "code"}
        assert {b.get("quote") for b in blocks} >= {1, 2}
        assert {b.get("header") for b in blocks} >= {True, False}
        ours["doc"]["path"] = theirs["doc"]["path"]
        assert json.dumps(ours) == json.dumps(theirs)


def test_batch_equals_one_by_one(annotator):
    texts = corpus_texts() + [ODD_TEXT, ""]
    ids = [f"doc-{n}" for n in range(len(texts))]
    one_by_one = [annotator.annotate(text, id=id) for text, id in zip(texts, ids)]
    assert annotator.annotate_batch(texts, ids=ids, jobs=1) == one_by_one
    assert annotator.annotate_batch(texts, ids=ids, jobs=3) == one_by_one
    assert annotator.annotate_batch(texts, ids=ids, jobs=100_000) == one_by_one
    default_ids = annotator.annotate_batch(texts[:2])
    assert [a["doc"]["id"] for a in default_ids] == ["0", "1"]
    assert annotator.annotate("NEP")["doc"]["id"] == "document"


def test_batch_releases_the_gil(annotator):
    texts = corpus_texts() * 20
    ticks = 0
    running = True

    def tick():
        nonlocal ticks
        while running:
            ticks += 1

    thread = threading.Thread(target=tick)
    thread.start()
    try:
        before = ticks
        annotator.annotate_batch(texts, jobs=1)
        during = ticks - before
    finally:
        running = False
        thread.join()
    assert during > 1000, f"another thread counted only {during} while the batch ran"


def test_the_garbage_collector_is_left_as_it_was(annotator):
    texts = corpus_texts()
    try:
        for enabled in (True, False):
            if enabled:
                gc.enable()
            else:
                gc.disable()
            annotator.annotate_batch(texts)
            assert gc.isenabled() == enabled
            annotator.annotate(texts[0])
            assert gc.isenabled() == enabled
    finally:
        gc.enable()


def test_pickling_round_trips(tmp_path, annotator):
    lexicon = tmp_path / "mine.toml"
    lexicon.write_text(
        '[[entry]]\nid = "kulak"\nname = "Kulak"\nkind = "term"\n'
        'definition = "A better-off peasant."\n',
        encoding="utf-8",
    )
    mine = glossator.Annotator(lexicons=[lexicon], builtin=False, dates=False)
    copy = pickle.loads(pickle.dumps(mine))
    assert type(copy) is glossator.Annotator
    assert repr(copy) == repr(mine) == (
        f'Annotator(lexicons=["{lexicon}"], builtin=False, dates=False)'
    )
    text = "The kulaks of 1929, and Stalin."
    assert copy.annotate(text) == mine.annotate(text)
    assert [s["text"] for s in copy.annotate(text)["spans"]] == ["kulaks"]
    assert len(copy) == 1
    builtin = pickle.loads(pickle.dumps(annotator))
    assert builtin.annotate(ODD_TEXT) == annotator.annotate(ODD_TEXT)


def glossary_of(annotator, texts, ids, paths):
    formats = [glossator.document_format(path) for path in paths]
    annotations = annotator.annotate_batch(texts, ids=ids, format=formats)
    for annotation, path in zip(annotations, paths):
        annotation["doc"]["path"] = path
    return annotator.glossary(annotations, texts)


def test_merge_of_partials_equals_the_whole(annotator):
    texts, ids = corpus_texts(), corpus_ids()
    paths = [str(path.relative_to(REPO)) for path in CORPUS]
    whole = glossary_of(annotator, texts, ids, paths)
    cuts = [0, 3, 4, len(texts)]
    partials = [
        glossary_of(annotator, texts[a:b], ids[a:b], paths[a:b])
        for a, b in zip(cuts, cuts[1:])
    ]
    assert glossator.merge(partials) == whole
    assert glossator.merge([glossator.merge(partials[:2]), partials[2]]) == whole
    assert glossator.merge([partials[0], glossator.merge(partials[1:])]) == whole
    small = glossator.merge(partials, min_count=5)
    assert small["entries"] and all(e["count"] >= 5 for e in small["entries"])
    assert len(small["entries"]) < len(whole["entries"])


def test_the_glossary_is_the_commands_byte_for_byte(annotator):
    run = cli("glossary", "corpus")
    assert run.returncode == 0, run.stderr
    paths = [str(path.relative_to(REPO)) for path in CORPUS]
    ours = glossary_of(annotator, corpus_texts(), corpus_ids(), paths)
    written = json.dumps(ours, ensure_ascii=False, separators=(",", ":")) + "\n"
    assert written.encode("utf-8") == run.stdout


def test_lexicon_errors_raise_with_the_commands_messages(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('[[entry]]\nid = "Bad Id"\nname = "X"\nkind = "thing"\n', encoding="utf-8")
    with pytest.raises(glossator.LexiconError) as raised:
        glossator.Annotator(lexicons=[bad], builtin=False)
    message = str(raised.value)
    assert message.startswith(f"{bad}:4: unknown variant `thing`"), message
    assert isinstance(raised.value, ValueError)
    run = cli("lexicon", "check", "--no-default-lexicon", "--lexicon", str(bad))
    printed = [
        line.removeprefix("glossator: ")
        for line in run.stderr.decode().splitlines()
        if "nothing was processed" not in line
    ]
    assert message.splitlines() == printed
    with pytest.raises(glossator.LexiconError, match="no-such-file.toml"):
        glossator.Annotator(lexicons=[tmp_path / "no-such-file.toml"])
    with pytest.raises(TypeError):
        glossator.Annotator(lexicons=str(bad))


def test_markdown_is_read_as_structure(annotator):
    text = "# Notes\n\n**Stalin** and [the NEP](https://example.org/nep-1921.html)\n"
    as_markdown = annotator.annotate(text, format="markdown")
    assert as_markdown["doc"]["format"] == "markdown"
    assert [s["text"] for s in as_markdown["spans"]] == ["Stalin", "NEP"]
    as_text = annotator.annotate(text)
    assert as_text["doc"]["format"] == "text"
    batch = annotator.annotate_batch([text, text], format=["markdown", "text"])
    assert [a["doc"]["format"] for a in batch] == ["markdown", "text"]
    assert batch[0]["spans"] == as_markdown["spans"]
    assert glossator.document_format("Week 1/NOTES.MD") == "markdown"
    assert glossator.document_format("notes.txt") == "text"


def test_bad_calls_raise(annotator):
    with pytest.raises(ValueError, match="2 ids for 1 texts"):
        annotator.annotate_batch(["NEP"], ids=["a", "b"])
    with pytest.raises(ValueError, match="2 formats for 1 texts"):
        annotator.annotate_batch(["NEP"], format=["text", "text"])
    with pytest.raises(ValueError, match='no format "rtf"; the formats are text, markdown'):
        annotator.annotate("NEP", format="rtf")
    annotation = annotator.annotate("Stalin and the NEP")
    with pytest.raises(ValueError, match="annotation 0: made from a text of 18 bytes"):
        annotator.glossary([annotation], ["Stalin"])
    annotation["spans"][0]["end"] = 4
    with pytest.raises(ValueError, match="does not fit the text"):
        annotator.glossary([annotation], ["Stalin and the NEP"])
    with pytest.raises(ValueError, match="annotation 0: missing field `spans`"):
        annotator.glossary([{"schema": "x", "doc": annotation["doc"], "sentences": []}], [""])


def test_merge_errors_raise(annotator):
    texts = ["Stalin and the NEP.", "Lenin in 1921."]
    part = annotator.glossary(annotator.annotate_batch(texts, ids=["a", "b"]), texts)
    with pytest.raises(glossator.MergeError, match="partial 1: document `a` .*shards must be disjoint"):
        glossator.merge([part, part])
    with pytest.raises(glossator.MergeError, match="no partials"):
        glossator.merge([])
    with pytest.raises(glossator.MergeError, match="partial 0: no schema"):
        glossator.merge([{"entries": []}])
    broken = dict(part, entries="none")
    with pytest.raises(glossator.MergeError, match="partial 1: not a valid partial"):
        glossator.merge([part, broken])
    assert issubclass(glossator.MergeError, ValueError)


def test_the_package_is_typed():
    package = Path(glossator.__file__).parent
    assert (package / "py.typed").exists()
    stub = (package / "__init__.pyi").read_text(encoding="utf-8")
    for name in ["class Annotator", "def annotate_batch", "def glossary", "def merge"]:
        assert name in stub


def test_documents_are_found_and_read_as_the_command_does(tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    run = cli("annotate", "corpus")
    expected = [
        (doc["doc"]["id"], doc["doc"]["path"])
        for doc in map(json.loads, run.stdout.decode().splitlines())
    ]
    assert glossator.find_documents(["corpus"]) == expected
    assert glossator.read_document(expected[0][1]) == (REPO / expected[0][1]).read_text("utf-8")
    old = tmp_path / "old.txt"
    old.write_bytes(b"\x93Stalin\x94 \x96 1924")
    with pytest.warns(UserWarning, match="old.txt: not valid UTF-8"):
        assert glossator.read_document(old) == "“Stalin” – 1924"
    with pytest.raises(ValueError, match="no-such.txt: no such file"):
        glossator.find_documents([tmp_path / "no-such.txt"])
    (tmp_path / "bin.txt").write_bytes(b"\x7fELF\x00\x00\x01")
    with pytest.raises(ValueError, match="bin.txt: binary file"):
        glossator.read_document(tmp_path / "bin.txt")
