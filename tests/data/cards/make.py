"""Makes the flashcard exports in this folder (see README.md).

The Anki files are exported by Anki itself: the `anki` package from PyPI
(the library inside the desktop program) builds a fresh collection, adds
the notes below and calls the same export functions as File > Export.
The Quizlet and spreadsheet files are written as those programs write them
(see README.md for the formats). Run it from anywhere:

    python -m venv /tmp/ankienv && /tmp/ankienv/bin/pip install anki
    /tmp/ankienv/bin/python tests/data/cards/make.py
"""

import os
import tempfile

from anki.collection import Collection, DeckIdLimit

HERE = os.path.dirname(os.path.abspath(__file__))

# (front, back, tags) as a teacher types them into Anki's editor, which
# saves fields as HTML: bold, line breaks, `&nbsp;`, `&amp;`.
NOTES = [
    ("<b>kulak</b>", "A better-off peasant; from 1929 &quot;liquidated as a class&quot;.", ""),
    ("Сталин", "Stalin in Russian: General Secretary (1878&nbsp;–&nbsp;1953).", "person"),
    ("Nikolai Bukharin", "Bolshevik theorist (1888–1938), defender of the NEP.", "person"),
    ("Magnitogorsk", "A steel city in the southern Urals, built from 1929.", "place"),
    ("Smychka", "The alliance of workers &amp; peasants<br>the NEP was meant to keep.", ""),
    ("Gosplan", 'State planning committee; wrote the "control figures"\tof each plan.', "org"),
    ("Dekulakisation", "The deportation of kulak families,<div>1930–1933.</div>", "term policy"),
    ("Term", "A card whose front really is the word Term.", ""),
]


def collection(path):
    col = Collection(path)
    deck = col.decks.id("Soviet Union::1928-1941")
    basic = col.models.by_name("Basic")
    for front, back, tags in NOTES:
        note = col.new_note(basic)
        note["Front"], note["Back"] = front, back
        note.tags = tags.split()
        col.add_note(note, deck)
    return col, deck


def main():
    with tempfile.TemporaryDirectory() as tmp:
        col, deck = collection(os.path.join(tmp, "collection.anki2"))
        limit = DeckIdLimit(deck)
        # "Notes in Plain Text" with every box ticked.
        col.export_note_csv(
            out_path=os.path.join(HERE, "anki-notes.txt"),
            limit=limit,
            with_html=True,
            with_tags=True,
            with_deck=True,
            with_notetype=True,
            with_guid=True,
        )
        # The same without HTML, GUIDs, note types or decks: tags only.
        col.export_note_csv(
            out_path=os.path.join(HERE, "anki-plain.txt"),
            limit=limit,
            with_html=False,
            with_tags=True,
            with_deck=False,
            with_notetype=False,
            with_guid=False,
        )
        # "Cards in Plain Text": the rendered question and answer.
        col.export_card_csv(
            out_path=os.path.join(HERE, "anki-cards.txt"),
            limit=limit,
            with_html=True,
        )
        col.close()

    # Quizlet's export (Export > "Between term and definition: Tab",
    # "Between rows: New line"): no header, no quoting, plain text.
    quizlet = [
        ("Kolkhoz", "A collective farm."),
        ("Sergei Kirov", "Leningrad party boss (1886–1934) whose murder began the purges."),
        ("Lake Baikal", "A lake in southern Siberia, the deepest in the world."),
        ('"Dizzy with Success"', "Stalin's article of March 1930 pausing collectivisation."),
    ]
    with open(os.path.join(HERE, "quizlet.txt"), "w", encoding="utf-8", newline="") as f:
        f.write("\n".join(f"{t}\t{d}" for t, d in quizlet))
    # Quizlet with "Between term and definition: Comma" and "Between
    # rows: Semicolon" is not read: its rows have no line breaks.

    # A spreadsheet saved as "Unicode Text" (Excel): UTF-16 little endian
    # with a byte-order mark, CRLF line ends, tabs, a header row, and
    # quotes around fields that hold a quote or a tab.
    rows = [
        ("Term", "Definition"),
        ("Kolkhoz", "Collective farm"),
        ("Вышинский", 'Prosecutor (1883–1954) at the "show trials".'),
    ]
    def cell(text):
        if any(c in text for c in '"\t\n'):
            return '"' + text.replace('"', '""') + '"'
        return text
    text = "".join("\t".join(cell(c) for c in row) + "\r\n" for row in rows)
    with open(os.path.join(HERE, "excel-unicode.txt"), "wb") as f:
        f.write(b"\xff\xfe" + text.encode("utf-16-le"))


if __name__ == "__main__":
    main()
