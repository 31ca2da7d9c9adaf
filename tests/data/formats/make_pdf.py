#!/usr/bin/env python3
"""Writes the PDF fixtures of tests/data/formats/ with fpdf2.

Run from the repository root, in a virtual environment under target/:

    python3 -m venv target/pdf-venv
    target/pdf-venv/bin/pip install fpdf2
    target/pdf-venv/bin/python tests/data/formats/make_pdf.py

The generated files are committed, so `cargo test` needs no Python.

notes.pdf has two pages, each with the same header line and a footer
"Page N of 2"; lines are placed one by one, so the line breaks are known:
a name hyphenated across a line end (Bukha-/rin), a compound whose hyphen
falls at a line end (Five-/Year Plan), a paragraph running over the page
break, a heading in a larger font, and a key-dates table. Beside it:
scanned.pdf (a page with a drawing and no text), encrypted.pdf (a user
password), truncated.pdf (notes.pdf cut short), no-media-box.pdf (written
by hand: a page pdf-extract panics on) and the fuzz seeds
tests/data/fuzz/documents/pdf*, their first byte the PDF format's index.
"""

from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF
from fpdf.enums import EncryptionMethod

HERE = Path(__file__).resolve().parent
FUZZ = HERE.parent / "fuzz" / "documents"
# The index of the PDF format in `Format::ALL`: a fuzz seed's first byte.
PDF_FORMAT_INDEX = 5


class Handout(FPDF):
    def header(self):
        self.set_font("Helvetica", size=8)
        self.set_xy(15, 10)
        self.cell(0, 5, "History 11 - The Soviet Union, 1924-1941")

    def footer(self):
        self.set_font("Helvetica", size=8)
        self.set_xy(15, -15)
        self.cell(0, 5, f"Page {self.page_no()} of {{nb}}", align="C")


def new_pdf():
    pdf = Handout(format=(148, 210))
    pdf.set_auto_page_break(False)
    pdf.set_creation_date(datetime(2024, 1, 1, tzinfo=timezone.utc))
    pdf.set_producer("glossator fixtures")
    pdf.set_title("Stalin and the Countryside")
    return pdf


def lines(pdf, y, texts, size=11, pitch=6):
    """Writes each text as one line from `y` down; returns the y after."""
    pdf.set_font("Helvetica", size=size)
    for text in texts:
        pdf.set_xy(15, y)
        pdf.cell(0, pitch, text)
        y += pitch
    return y


def notes():
    pdf = new_pdf()
    pdf.add_page()
    pdf.set_font("Helvetica", style="B", size=16)
    pdf.set_xy(15, 25)
    pdf.cell(0, 8, "Stalin and the Countryside")
    y = lines(pdf, 40, [
        "In 1928 Stalin broke with Bukha-",
        "rin over the grain procurement crisis,",
        "and the campaign against the kulaks began.",
    ])
    y = lines(pdf, y + 6, [
        "The First Five-",
        "Year Plan set targets for coal and steel",
        "that Gosplan raised again and again. Work",
    ])
    pdf.add_page()
    y = lines(pdf, 25, [
        "on Magnitogorsk began in 1929.",
    ])
    pdf.set_font("Helvetica", style="B", size=14)
    pdf.set_xy(15, y + 6)
    pdf.cell(0, 8, "Key dates")
    pdf.set_font("Helvetica", size=11)
    y += 18
    for date, event in [("1929", "Collectivisation forced through"),
                        ("1934", "Murder of Kirov")]:
        pdf.set_xy(15, y)
        pdf.cell(25, 6, date)
        pdf.cell(0, 6, event)
        y += 6
    lines(pdf, y + 6, ["Trotsky was exiled in 1929."])
    return pdf


def scanned():
    pdf = new_pdf()
    # The header and footer are text: a scan has none.
    pdf.header = pdf.footer = lambda: None
    pdf.add_page()
    pdf.set_fill_color(200, 200, 200)
    pdf.rect(20, 30, 100, 120, style="F")
    return pdf


def raw_pdf(objects):
    """A PDF of `objects` (bytes each, numbered from 1), with its xref."""
    out = b"%PDF-1.4\n"
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return out


def no_media_box():
    """A page without the MediaBox every page must have: pdf-extract 0.12
    panics on it."""
    content = b"BT /F1 12 Tf 72 700 Td (Lenin died in 1924.) Tj ET"
    return raw_pdf([
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /Resources << /Font << /F1 5 0 R >> >> "
        b"/Contents 4 0 R >>",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ])


def main():
    made = bytes(notes().output())
    (HERE / "notes.pdf").write_bytes(made)
    (HERE / "truncated.pdf").write_bytes(made[: len(made) * 2 // 3])
    (HERE / "scanned.pdf").write_bytes(bytes(scanned().output()))
    locked = notes()
    locked.set_encryption(owner_password="teacher", user_password="class",
                          encryption_method=EncryptionMethod.RC4)
    (HERE / "encrypted.pdf").write_bytes(bytes(locked.output()))
    (HERE / "no-media-box.pdf").write_bytes(no_media_box())
    (FUZZ / "pdf").write_bytes(bytes([PDF_FORMAT_INDEX]) + made)
    (FUZZ / "pdf-no-media-box").write_bytes(bytes([PDF_FORMAT_INDEX]) + no_media_box())


if __name__ == "__main__":
    main()
