"""The Spark example in local[2]: its glossary is byte for byte what
`glossator glossary` writes over the same notes (paths aside for JSON Lines
input), and its annotations what `glossator annotate` writes."""

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CLI = REPO / "target" / "release" / "glossator"
sys.path.insert(0, str(HERE))

pyspark = pytest.importorskip("pyspark", reason="SKIPPED: pyspark is not installed")
import glossator  # noqa: E402
import glossary_job  # noqa: E402


@pytest.fixture(scope="module")
def spark():
    if shutil.which("java") is None:
        pytest.skip("SKIPPED: no java on PATH; install default-jre-headless")
    session = glossary_job.session("local[2]")
    yield session
    session.stop()


def cli(*args):
    if not CLI.exists():
        pytest.skip(f"SKIPPED: {CLI} is not built; run `cargo build --release` first")
    run = subprocess.run([str(CLI), *args], cwd=REPO, capture_output=True, check=True)
    return run.stdout


def annotations_of(out):
    parts = sorted((out / "annotations").glob("part-*"))
    return b"".join(part.read_bytes() for part in parts)


def without_paths(glossary_bytes):
    glossary = json.loads(glossary_bytes)
    for doc in glossary["documents"]:
        doc["path"] = None
    return glossary


def test_a_folder_gives_the_commands_glossary_and_annotations(spark, tmp_path, monkeypatch):
    monkeypatch.chdir(REPO)
    out = tmp_path / "out"
    annotator = glossator.Annotator()
    errors = glossary_job.run(spark, "corpus", out, annotator, partitions=4)
    assert errors == []
    assert (out / "glossary.json").read_bytes() == cli("glossary", "corpus")
    assert annotations_of(out) == cli("annotate", "corpus")
    assert len(list((out / "annotations").glob("part-*"))) == 4


def test_json_lines_give_the_same_glossary(spark, tmp_path):
    notes = tmp_path / "notes.jsonl"
    with notes.open("w", encoding="utf-8") as file:
        for id, path in glossator.find_documents([REPO / "corpus"]):
            text = glossator.read_document(path)
            record = {"id": id, "text": text, "format": glossator.document_format(path)}
            file.write(json.dumps(record, ensure_ascii=False) + "\n")
        file.write("not a record\n")
    out = tmp_path / "out"
    errors = glossary_job.run(
        spark, str(notes), out, glossator.Annotator(), partitions=3, min_count=2
    )
    assert len(errors) == 1 and "not a record" in errors[0], errors
    whole = cli("glossary", "--min-count", "2", "corpus")
    assert without_paths((out / "glossary.json").read_bytes()) == without_paths(whole)
    # Paths aside, byte for byte.
    ours = (out / "glossary.json").read_text(encoding="utf-8")
    theirs = whole.decode("utf-8")
    for doc in json.loads(whole)["documents"]:
        theirs = theirs.replace(json.dumps(doc["path"]), json.dumps(str(notes)), 1)
    assert ours == theirs
