"""glossator's Anki deck (`glossary --format anki`, `anki.txt` of `build`)
imported by the real `anki` package into a fresh collection, as Anki's
File > Import does: every line a note of its note type in the named deck,
with its tags, and a second import updating the notes, not adding them.

The expected counts come from the glossary JSON of the same run and from
Anki's rules (a Basic note makes one card, a Cloze note one card per cloze
number), not from the deck file's own reading.

Run by .ci/run after `cargo test --release`, which builds the binary this
uses (target/release/glossator)."""

import json
import re
import subprocess
from pathlib import Path

import pytest

anki_collection = pytest.importorskip("anki.collection")
Collection = anki_collection.Collection
ImportCsvRequest = anki_collection.ImportCsvRequest

REPO = Path(__file__).resolve().parents[2]
CLI = REPO / "target" / "release" / "glossator"
DECK = "History::Soviet Union"
CLOZE_LIMIT = 12


def cli(*args):
    if not CLI.exists():
        pytest.skip(f"SKIPPED: {CLI} is not built; run `cargo build --release` first")
    result = subprocess.run([str(CLI), *args], cwd=REPO, capture_output=True, check=False)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


@pytest.fixture(scope="module")
def deck(tmp_path_factory):
    path = tmp_path_factory.mktemp("anki") / "deck.txt"
    cli(
        "glossary", "corpus", "--format", "anki", "--deck", DECK,
        "--cloze", str(CLOZE_LIMIT), "--out", str(path),
    )
    return path


@pytest.fixture(scope="module")
def glossary():
    return json.loads(cli("glossary", "corpus"))


def import_into(col, path):
    path = str(path)
    metadata = col.get_csv_metadata(path=path, delimiter=None)
    return col.import_csv(ImportCsvRequest(path=path, metadata=metadata))


def cloze_numbers(text):
    return set(re.findall(r"\{\{c(\d+)::", text))


def test_a_fresh_collection_gets_every_note_card_deck_and_tag(deck, glossary, tmp_path):
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        import_into(col, deck)
        notes = [col.get_note(nid) for nid in col.find_notes("")]
        by_type = {}
        for note in notes:
            by_type.setdefault(note.note_type()["name"], []).append(note)
        entries = {e["id"]: e for e in glossary["entries"]}

        # One Basic note per glossary entry, GUIDs from the entry ids.
        basic = by_type.pop("Basic")
        assert sorted(n.guid for n in basic) == sorted(
            f"glossator-basic-{id}" for id in entries
        )
        # Cloze notes: some, at most the limit, one per entry.
        cloze = by_type.pop("Cloze")
        assert 0 < len(cloze) <= CLOZE_LIMIT
        cloze_ids = [n.guid.removeprefix("glossator-cloze-") for n in cloze]
        assert len(set(cloze_ids)) == len(cloze_ids)
        assert set(cloze_ids) <= set(entries)
        assert by_type == {}, "only Basic and Cloze notes"

        # Cards: one per Basic note, one per cloze number of a Cloze note.
        want_cards = len(basic) + sum(len(cloze_numbers(n["Text"])) for n in cloze)
        assert col.card_count() == want_cards
        assert all(cloze_numbers(n["Text"]) for n in cloze)

        # Every card in the named deck, which the import created.
        names = {d.name for d in col.decks.all_names_and_ids()}
        assert DECK in names and "History" in names
        deck_id = col.decks.id_for_name(DECK)
        assert {col.get_card(cid).did for cid in col.find_cards("")} == {deck_id}

        # Tags: each note's kind, and documents it occurs in.
        for note in basic:
            entry = entries[note.guid.removeprefix("glossator-basic-")]
            docs = {f"doc::{o['doc']}" for o in entry["occurrences"]}
            assert set(note.tags) == {f"kind::{entry['kind']}"} | docs
        for note in cloze:
            entry = entries[note.guid.removeprefix("glossator-cloze-")]
            kinds = [t for t in note.tags if t.startswith("kind::")]
            assert kinds == [f"kind::{entry['kind']}"]
            assert len(note.tags) == 2
        all_tags = {t for n in notes for t in n.tags}
        assert set(col.tags.all()) == all_tags
        kinds_seen = {f"kind::{e['kind']}" for e in entries.values()}
        assert kinds_seen <= all_tags

        # A Basic card's answer never shows the term.
        for note in basic:
            entry = entries[note.guid.removeprefix("glossator-basic-")]
            back = note["Back"].lower()
            for form in [entry["name"], *entry["aliases_seen"]]:
                assert not re.search(rf"(?<!\w){re.escape(form.lower())}(?!\w)", back), (
                    form,
                    back,
                )
    finally:
        col.close()


def test_importing_again_updates_instead_of_duplicating(deck, tmp_path):
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        import_into(col, deck)
        notes, cards = col.note_count(), col.card_count()
        again = import_into(col, deck)
        assert col.note_count() == notes
        assert col.card_count() == cards
        assert len(again.log.new) == 0
    finally:
        col.close()
