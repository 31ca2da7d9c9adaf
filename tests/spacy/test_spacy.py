"""glossator's spaCy forms checked in real spaCy (README, "Exchange formats"):
an EntityRuler loads `glossator lexicon export --format spacy`, and every
entity of `glossator annotate --format spacy` is a span spaCy's tokens
accept, so the examples train as they are.

Run by .ci/run after `cargo test --release`, which builds the binary this
uses (target/release/glossator)."""

import json
import subprocess
from pathlib import Path

import pytest

spacy = pytest.importorskip("spacy")
from spacy.training import Example, offsets_to_biluo_tags  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
CLI = REPO / "target" / "release" / "glossator"
KINDS = {"PERSON", "PLACE", "ORG", "EVENT", "TERM", "DATE"}

# Texts written for this test: curly and straight apostrophes, hyphens,
# dashes in date ranges, a date inside an event's name, a line break
# inside a name, accents and Cyrillic.
TEXTS = [
    "After Lenin's death in January 1924, Stalin’s faction outmanoeuvred Trotsky.",
    "The 1905 Revolution foreshadowed 1917; the Five-Year\nPlan began in 1928.",
    "Kulaks resisted collectivisation in the Ukraine during 1929–33.",
    "Bukharin defended the NEP until the late 1920s; Сталин won anyway.",
    "In the 1930s the Gulag grew (see the show trials, 1936-38).",
]


def cli(*args, input=None):
    if not CLI.exists():
        pytest.skip(f"SKIPPED: {CLI} is not built; run `cargo build --release` first")
    result = subprocess.run(
        [str(CLI), *args], cwd=REPO, input=input, capture_output=True, check=False
    )
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


@pytest.fixture(scope="module")
def patterns(tmp_path_factory):
    path = tmp_path_factory.mktemp("spacy") / "patterns.jsonl"
    cli("lexicon", "export", "--format", "spacy", "--out", str(path))
    return path


def examples(paths):
    out = cli("annotate", "--format", "spacy", *paths)
    return [json.loads(line) for line in out.decode().splitlines()]


def records(texts):
    lines = "".join(
        json.dumps({"id": n, "text": text}) + "\n" for n, text in enumerate(texts)
    )
    out = cli("annotate", "--input-format", "jsonl", "--format", "spacy", "-", input=lines.encode())
    return [json.loads(line) for line in out.decode().splitlines()]


def test_the_entity_ruler_loads_every_pattern(patterns):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler", config={"phrase_matcher_attr": "LOWER"})
    ruler.from_disk(patterns)
    lines = patterns.read_text(encoding="utf-8").splitlines()
    assert len(ruler.patterns) == len(lines) > 100
    assert set(ruler.labels) == KINDS - {"DATE"}
    doc = nlp("Stalin and the NEP, then the Five-Year Plan.")
    found = {(ent.text, ent.label_, ent.ent_id_) for ent in doc.ents}
    assert ("Stalin", "PERSON", "stalin") in found, found
    assert any(label == "TERM" and text == "NEP" for text, label, _ in found), found


def hyphen_before_digit(text, start):
    """Whether the span starting at `start` follows a hyphen that follows a
    letter or digit, as in `Post-1991`: spaCy's English tokenizer splits a
    hyphen only before a letter, so such a token holds the date glossator
    finds inside it (matching rule 2 makes `-` a word boundary)."""
    return (
        start >= 2
        and text[start - 1] == "-"
        and text[start - 2].isalnum()
        and text[start].isdigit()
    )


def assert_trainable(nlp, text, entities, tolerate_hyphen=False):
    """Every entity is a span of spaCy's tokens, and the whole set trains.
    With `tolerate_hyphen`, a date glued to a word by a hyphen
    (`hyphen_before_digit`) may fall inside a token; spaCy skips such an
    entity in training (warning W030), so it is left out here."""
    doc = nlp.make_doc(text)
    spans, kept = [], []
    for start, end, label in entities:
        assert label in KINDS
        span = doc.char_span(start, end, label=label)
        if span is None and tolerate_hyphen and hyphen_before_digit(text, start):
            continue
        assert span is not None, (text[start:end], start, end, [t.text for t in doc])
        assert span.text == text[start:end]
        spans.append(span)
        kept.append([start, end, label])
    # Entities that overlap would be refused here.
    doc.ents = spans
    tags = offsets_to_biluo_tags(doc, kept)
    assert "-" not in tags, tags
    Example.from_dict(doc, {"entities": kept})
    return len(entities) - len(kept)


def test_every_training_span_is_a_span_of_spacy_tokens():
    nlp = spacy.blank("en")
    got = records(TEXTS)
    assert [text for text, _ in got] == TEXTS
    labels = set()
    for text, annotations in got:
        assert_trainable(nlp, text, annotations["entities"])
        labels |= {label for _, _, label in annotations["entities"]}
    assert {"PERSON", "TERM", "DATE", "EVENT"} <= labels, labels


def test_the_corpus_trains_as_it_is():
    """The project's sample corpus: every entity a span of spaCy's tokens
    but for dates glued to a word by a hyphen (see `assert_trainable`)."""
    nlp = spacy.blank("en")
    got = examples(["corpus"])
    assert len(got) == len(list((REPO / "corpus").iterdir()))
    total = skipped = 0
    for text, annotations in got:
        skipped += assert_trainable(nlp, text, annotations["entities"], tolerate_hyphen=True)
        total += len(annotations["entities"])
    assert total > 1000 and skipped <= total // 500, (total, skipped)
