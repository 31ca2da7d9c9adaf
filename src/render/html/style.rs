//! The one stylesheet, inlined into every page so each file stands alone
//! (no network, no fonts to fetch, no script).
//!
//! Kinds are told apart twice, so colour is never the only signal: by an
//! Okabe-Ito colour (safe for the common colour-vision deficiencies), and
//! by the line under the words: person solid, organisation dashed, place
//! double, event wavy, term dotted, and a date is boxed. Tooltips appear on
//! `:hover`, `:focus` and `:focus-within`: a `.tip` element, or an entry's
//! (`.hl::after`, its name `--n` and definition `--d` given by the
//! handout's own rule for the entry, see `handout::Terms`, and its kind
//! `--k` by the kind's class; every highlight first unsets `--n` and `--d`,
//! so a highlight without an entry of its own shows none); a date, person or place inside a span shows its
//! tooltip above the span's, and when the span has the focus. For print, tooltips and
//! navigation are hidden and colours are kept; the handout's "Terms in
//! this handout" section carries the definitions onto paper, in two
//! columns under a heading that never ends a page; pages are set compactly
//! for A4 and Letter alike (a one-page source prints in two pages of
//! handout, the compact glossary about 40 terms a page, its definitions cut
//! to two lines by `.clamp`); a worksheet's exercises and its answer key
//! each start a page (`.sheet`). `tests/print_length.rs` measures them.

/// The stylesheet of every page.
pub const CSS: &str = r#"
:root { color-scheme: light; }
body { font: 17px/1.6 Georgia, "Times New Roman", serif; color: #1b1b1b; background: #fff;
  max-width: 46rem; margin: 1.5rem auto 4rem; padding: 0 1rem; }
nav, header .path, .legend, .hint, .tip, .hl::after, .kind, .terms dt::after, .cue, .meta,
.counts, .files {
  font-family: system-ui, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
nav { font-size: .9rem; border-bottom: 1px solid #ccc; padding-bottom: .4rem; margin-bottom: 1rem; }
h1 { font-size: 1.6rem; margin: .2rem 0; }
h2 { font-size: 1.25rem; margin: 1.8rem 0 .6rem; border-bottom: 1px solid #ddd; }
h3 { font-size: 1.05rem; margin: 1.2rem 0 .3rem; }
a { color: #0b4f8a; }
.path, .hint, .cue, .meta, .kind, .terms dt::after { color: #555; font-size: .85rem; }
.path { margin: 0; }
.print-only { display: none; }
.kind, .terms dt::after { font-style: normal; font-weight: normal; text-transform: lowercase; }
.legend { list-style: none; padding: 0; margin: .6rem 0 1.2rem; display: flex; flex-wrap: wrap;
  gap: .3rem 1.1rem; font-size: .9rem; }
.text p, .text li, .text td, .text th, .text pre { white-space: pre-wrap; tab-size: 6; margin: 0 0 .9rem; }
.text ul, .text ol { padding-left: 1.6rem; margin: 0 0 .9rem; }
.text ul.bare { list-style: none; padding: 0; }
.text li { margin-bottom: .35rem; }
.text li > ul, .text li > ol { margin: .35rem 0 0; }
.text table { border-collapse: collapse; margin: 0 0 .9rem; }
.text td, .text th { border: 1px solid #999; padding: .2rem .5rem; vertical-align: top; text-align: left; }
.text blockquote { margin: 0 0 .9rem .5rem; padding-left: .9rem; border-left: 3px solid #bbb; }
.text pre { background: #f4f4f4; padding: .5rem .7rem; font-size: .9rem; }
mark { background: #fff0b3; color: inherit; }

.k-person { --c: #D55E00; --k: "person"; text-decoration-style: solid; }
.k-org { --c: #0072B2; --k: "org"; text-decoration-style: dashed; }
.k-place { --c: #009E73; --k: "place"; text-decoration-style: double; }
.k-event { --c: #CC79A7; --k: "event"; text-decoration-style: wavy; }
.k-term { --c: #E69F00; --k: "term"; text-decoration-style: dotted; }
.k-date { --c: #56B4E9; }
.hl, .key, .terms dt > a { color: inherit; text-decoration-line: underline;
  text-decoration-color: var(--c); text-decoration-thickness: 2px; text-underline-offset: 3px;
  text-decoration-skip-ink: none;
  background: color-mix(in srgb, var(--c) 16%, transparent); border-radius: 2px;
  -webkit-print-color-adjust: exact; print-color-adjust: exact; }
.hl.k-date, .key.k-date { text-decoration-line: none; border: 1.5px solid var(--c);
  padding: 0 1px; }
.key, .terms dt > a { padding: 0 2px; }
.hl { position: relative; --n: initial; --d: initial; }
.hl:focus { outline: 3px solid #1b1b1b; outline-offset: 2px; }

.tip, .hl::after { display: none; position: absolute; left: 0; top: calc(100% + 5px); z-index: 10;
  width: max-content; max-width: min(24rem, 85vw); padding: .45rem .65rem;
  background: #fffef8; color: #1b1b1b; border: 1px solid #999; border-left: 5px solid var(--c);
  border-radius: 4px; box-shadow: 0 3px 10px rgba(0, 0, 0, .25);
  font-size: .88rem; line-height: 1.4; white-space: normal; text-align: left;
  font-weight: normal; font-style: normal; }
.hl::after { white-space: pre-line; content: var(--n) " (" var(--k) ")\a " var(--d) / ""; }
.tip .tip-head, .tip .def { display: block; }
.tip .def + .tip-head { margin-top: .35rem; padding-top: .35rem; border-top: 1px solid #ddd; }
.hl .hl > .tip, .hl .hl::after { top: auto; bottom: calc(100% + 5px); }
.hl:hover > .tip, .hl:focus > .tip, .hl:focus-within > .tip, .hl:focus .hl > .tip,
.hl:hover::after, .hl:focus::after, .hl:focus-within::after, .hl:focus .hl::after { display: block; }

.terms { margin-top: 2.5rem; border-top: 2px solid #1b1b1b; }
.terms h2 { border: 0; }
.terms dt { margin-top: .6rem; font-weight: bold; }
.terms dt::after { content: " " var(--k); }
.terms dd { margin: .1rem 0 0 1.2rem; scroll-margin-top: 3rem; }
.terms dd:target { background: #fff0b3; }
.entry { margin-bottom: 1.4rem; }
.entry p { margin: .2rem 0; }
.passages, .events { padding-left: 1.4rem; }
.passages li, .events li { margin: .25rem 0; }
.counts { border-collapse: collapse; margin: .6rem 0; }
.counts th, .counts td { text-align: left; padding: .15rem 1rem .15rem 0; border-bottom: 1px solid #eee; }
.counts td.n { text-align: right; font-variant-numeric: tabular-nums; }
.compact { border-collapse: collapse; width: 100%; font-size: .92rem; }
.compact th, .compact td { text-align: left; vertical-align: top; padding: .1rem .8rem .1rem 0; border-bottom: 1px solid #eee; }
.compact th { width: 28%; font-weight: 600; }
.name-line { margin: .8rem 0 1.2rem; font-family: system-ui, "Segoe UI", Roboto, Helvetica, Arial, sans-serif; }
.bank { border: 1px solid #777; border-radius: 4px; padding: .4rem .8rem; }
.gaps li { margin: .45rem 0; }
.match { border-collapse: collapse; width: 100%; }
.match th, .match td { text-align: left; vertical-align: top; padding: .3rem .8rem .3rem 0;
  border-bottom: 1px solid #eee; }
.match th { width: 30%; font-weight: 600; }
.match td.answer-box { width: 2.4rem; padding-right: .6rem; }
.answer-box::before { content: ""; display: inline-block; width: 1.7rem; height: 1.3rem;
  border: 1px solid #555; vertical-align: middle; }
.key-part h3 { margin-top: .8rem; }

@media print {
  @page { margin: 14mm 14mm; }
  body { font-size: 10pt; line-height: 1.35; max-width: none; margin: 0; padding: 0; }
  nav, .tip, .hl::after, .screen-only { display: none !important; }
  .print-only { display: block; }
  a { color: inherit; text-decoration-line: none; }
  .hl, .key, .terms dt > a { text-decoration-line: underline; }
  .hl.k-date, .key.k-date { text-decoration-line: none; }
  h1 { font-size: 14pt; }
  h2 { font-size: 12pt; margin: 1rem 0 .4rem; break-after: avoid; }
  h3 { break-after: avoid; }
  .legend { font-size: 8pt; margin: .2rem 0 .6rem; gap: .1rem .8rem; }
  .hint { margin: .2rem 0; font-size: 8pt; }
  .text p, .text li, .text td, .text th, .text pre { margin-bottom: .4rem; }
  .text li { margin-bottom: .15rem; }
  .text p, .text li { orphans: 2; widows: 2; }
  .text tr, .text h2, .text h3 { break-inside: avoid; }
  .terms { margin-top: 1rem; }
  .terms h2 { break-after: avoid; margin-top: .4rem; }
  .terms dl { column-count: 2; column-gap: 6mm; font-size: 8pt; line-height: 1.25; margin: 0; }
  .terms dt { break-after: avoid; margin-top: .25rem; }
  .terms dt::after, .entry .kind { font-size: 7pt; }
  .terms dd { break-inside: avoid; margin: 0 0 0 .6rem; }
  .compact { font-size: 7pt; line-height: 1.1; }
  .compact th, .compact td { padding: 1px 4mm 1px 0; }
  .compact th { width: 22%; }
  .compact td > .clamp { display: -webkit-box; -webkit-box-orient: vertical; -webkit-line-clamp: 2;
    overflow: hidden; }
  .compact tr { break-inside: avoid; }
  .sheet { break-before: page; }
  .gaps li, .match tr { break-inside: avoid; }
}
"#;
