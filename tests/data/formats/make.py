#!/usr/bin/env python3
"""Writes the Word, OpenDocument and HTML fixtures of tests/data/formats/.

Run from the repository root: python3 tests/data/formats/make.py

The Word, OpenDocument and HTML files are written with the standard
library alone (zipfile): the XML is written by hand, as small as Word and
LibreOffice accept, so the fixtures say exactly what they test. The
generated files are committed, so `cargo test` needs no Python. Each
fixture has a title, headings, a paragraph whose name is split over two
runs (Sta|lin), bold text, a key-dates table, a list and a footnote; the
word processor files a tracked change (Bukharin inserted, Rykov deleted)
and a link; the HTML a soft hyphen inside a word. Beside them: bad
files (a zip bomb, a truncated Word file).
"""

import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
FIXED = (2024, 1, 1, 0, 0, 0)  # the same bytes on every run


def write(path, parts):
    with zipfile.ZipFile(path, "w") as zf:
        for name, text, method in parts:
            info = zipfile.ZipInfo(name, FIXED)
            info.compress_type = method
            zf.writestr(info, text)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" ' \
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"'


def wp(text, style=None, num=None):
    ppr = ""
    if style or num is not None:
        ppr = "<w:pPr>"
        if style:
            ppr += f'<w:pStyle w:val="{style}"/>'
        if num is not None:
            ppr += f'<w:numPr><w:ilvl w:val="{num}"/><w:numId w:val="1"/></w:numPr>'
        ppr += "</w:pPr>"
    return f"<w:p>{ppr}{text}</w:p>"


def run(text, bold=False):
    rpr = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r>'


def cell(text):
    return f"<w:tc>{wp(run(text))}</w:tc>"


DOCX_BODY = "".join([
    wp(run("Stalin and the Countryside"), "Title"),
    wp(run("The end of the NEP"), "Heading1"),
    wp(run("In 1928 ") + run("Sta") + run("lin") + run(" broke with ")
       + "<w:ins w:id=\"1\" w:author=\"T\">" + run("Bukharin") + "</w:ins>"
       + "<w:del w:id=\"2\" w:author=\"T\"><w:r><w:delText>Rykov</w:delText></w:r></w:del>"
       + run(" over the ") + run("grain procurement crisis", bold=True) + run(".")
       + '<w:r><w:footnoteReference w:id="1"/></w:r>'),
    wp(run("Read ") + '<w:hyperlink r:id="rId9">' + run("the kulak decree") + "</w:hyperlink>"
       + run(" and note the field code ")
       + '<w:r><w:instrText> HYPERLINK "https://example.org/1929-purges" </w:instrText></w:r>'
       + run("here.")),
    '<w:tbl><w:tr>' + cell("Date") + cell("Event") + '</w:tr><w:tr>' + cell("1929")
    + cell("Collectivisation forced through") + '</w:tr><w:tr>' + cell("1934")
    + cell("Murder of Kirov") + "</w:tr></w:tbl>",
    wp(run("Gosplan set the targets"), num=0),
    wp(run("Magnitogorsk grew from nothing"), num=1),
])

DOCX = [
    ("[Content_Types].xml",
     '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
     '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
     '<Default Extension="xml" ContentType="application/xml"/>'
     '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
     '</Types>', zipfile.ZIP_DEFLATED),
    ("_rels/.rels",
     '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
     '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
     '</Relationships>', zipfile.ZIP_DEFLATED),
    ("word/_rels/document.xml.rels",
     '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
     '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
     'Target="https://example.org/kulaks-1930.html" TargetMode="External"/></Relationships>', zipfile.ZIP_DEFLATED),
    ("word/document.xml",
     f'<?xml version="1.0" encoding="UTF-8"?>\n<w:document {W}>\n  <w:body>{DOCX_BODY}</w:body>\n</w:document>',
     zipfile.ZIP_DEFLATED),
    ("word/footnotes.xml",
     f'<?xml version="1.0" encoding="UTF-8"?><w:footnotes {W}>'
     '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
     '<w:footnote w:id="1">' + wp(run("Trotsky was exiled in 1929.")) + "</w:footnote></w:footnotes>",
     zipfile.ZIP_DEFLATED),
    ("docProps/core.xml",
     '<?xml version="1.0" encoding="UTF-8"?><cp:coreProperties '
     'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
     'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Stalin and the Countryside</dc:title>'
     '</cp:coreProperties>', zipfile.ZIP_DEFLATED),
]

ODT_NS = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:xlink="http://www.w3.org/1999/xlink" '
          'xmlns:dc="http://purl.org/dc/elements/1.1/"')


def ocell(text):
    return f"<table:table-cell><text:p>{text}</text:p></table:table-cell>"


ODT_BODY = "".join([
    '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
    '<text:p>Rykov</text:p></text:deletion></text:changed-region></text:tracked-changes>',
    '<text:h text:outline-level="1">Stalin and the Countryside</text:h>',
    '<text:h text:outline-level="2">The end of the NEP</text:h>',
    '<text:p>In 1928 Sta<text:span>lin</text:span> broke with Bukharin<text:change text:change-id="c1"/>'
    ' over the <text:span text:style-name="Strong">grain procurement crisis</text:span>.'
    '<text:note text:note-class="footnote"><text:note-citation>1</text:note-citation>'
    '<text:note-body><text:p>Trotsky was exiled in 1929.</text:p></text:note-body></text:note></text:p>',
    '<text:p>Read <text:a xlink:href="https://example.org/kulaks-1930.html">the kulak decree</text:a>'
    '<text:s text:c="2"/>here.</text:p>',
    '<table:table><table:table-row>' + ocell("Date") + ocell("Event") + '</table:table-row>'
    '<table:table-row>' + ocell("1929") + ocell("Collectivisation forced through") + '</table:table-row>'
    '<table:table-row>' + ocell("1934") + ocell("Murder of Kirov") + '</table:table-row></table:table>',
    '<text:list><text:list-item><text:p>Gosplan set the targets</text:p>'
    '<text:list><text:list-item><text:p>Magnitogorsk grew from nothing</text:p></text:list-item></text:list>'
    '</text:list-item></text:list>',
])

ODT = [
    ("mimetype", "application/vnd.oasis.opendocument.text", zipfile.ZIP_STORED),
    ("content.xml",
     f'<?xml version="1.0" encoding="UTF-8"?>\n<office:document-content {ODT_NS}>\n'
     f'  <office:body>\n    <office:text>{ODT_BODY}</office:text>\n  </office:body>\n</office:document-content>',
     zipfile.ZIP_DEFLATED),
    ("meta.xml",
     f'<?xml version="1.0" encoding="UTF-8"?><office:document-meta {ODT_NS}><office:meta>'
     '<dc:title>Stalin and the Countryside</dc:title></office:meta></office:document-meta>',
     zipfile.ZIP_DEFLATED),
    ("META-INF/manifest.xml",
     '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
     'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
     '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
     '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
     '</manifest:manifest>', zipfile.ZIP_DEFLATED),
]

HTML = """<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>Stalin and the Countryside | History 11</title>
  <style>td { padding: 2px } .Stalin { color: red }</style>
  <script>const Lenin = "1924"; document.title = "Trotsky";</script>
</head>
<body>
<nav><a href="/">Home</a></nav>
<h1>Stalin and the Countryside</h1>
<h2>The end of the NEP</h2>
<p>In 1928 Sta<span class="hl">lin</span> broke with
   <b>Bukharin</b> over the <strong>grain procurement crisis</strong>.<sup><a href="#fn1">1</a></sup>
   The campaign of forced collec&shy;tivisation began in 1929.</p>
<p>Read <a href="https://example.org/kulaks-1930.html">the kulak decree</a> and
   the <code>Stalin_1929</code> file.</p>
<table>
  <thead><tr><th>Date</th><th>Event</th></tr></thead>
  <tbody>
    <tr><td>1929</td><td>Collectivisation forced through</td></tr>
    <tr><td>1934</td><td>Murder of Kirov</td></tr>
  </tbody>
</table>
<ul>
  <li>Gosplan set the targets
    <ul><li>Magnitogorsk grew from nothing</li></ul>
  </li>
</ul>
<blockquote><p>We are fifty or a hundred years behind the advanced countries.</p></blockquote>
<noscript>Enable JavaScript to see the Lenin quiz.</noscript>
<section class="footnotes"><ol><li id="fn1">Trotsky was exiled in 1929.</li></ol></section>
</body>
</html>
"""

write(HERE / "notes.docx", DOCX)
write(HERE / "notes.odt", ODT)
(HERE / "notes.html").write_text(HTML, encoding="utf-8")

# A zip bomb: one part of 300 MiB of zeros, a few hundred KiB packed.
with zipfile.ZipFile(HERE / "bomb.docx", "w", zipfile.ZIP_DEFLATED) as zf:
    info = zipfile.ZipInfo("word/document.xml", FIXED)
    info.compress_type = zipfile.ZIP_DEFLATED
    with zf.open(info, "w", force_zip64=True) as part:
        block = b"\0" * (1 << 20)
        for _ in range(300):
            part.write(block)
# A truncated Word file: the first half of the real one.
(HERE / "truncated.docx").write_bytes((HERE / "notes.docx").read_bytes()[:700])
