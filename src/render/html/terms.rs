//! A handout's terms: the entries it names, numbered in the order of its
//! "Terms in this handout" list (by name, lower-cased, then id), that list
//! at the end of the page, and the rules in its head that give each
//! entry's highlights their tooltip.
//!
//! What every handout of a run shares is made once, in [`Listings`]: the
//! entries' order, and each entry's escaped name, link and definition,
//! made the first time a handout lists it. On dense notes most handouts
//! list most entries, and sorting them by lower-cased copies of their
//! names and escaping their definitions twice over, for every handout,
//! was two fifths of the handouts' time.

use std::sync::OnceLock;

use crate::annotate::Span;
use crate::lexicon::Lexicon;
use crate::render::html::page::{push_entry_href, push_kind_class, Depth};
use crate::render::html::writer::{Html, Pieces};

/// What the handouts of a run share of its lexicon for their terms.
pub(super) struct Listings<'l> {
    lexicon: &'l Lexicon,
    /// The entry at each lexicon position's place in the terms' order.
    ranks: Vec<usize>,
    /// The entry at each lexicon position's item, once a handout lists it.
    items: Vec<OnceLock<Item>>,
}

/// One entry's markup in every handout that lists it, escaped once.
struct Item {
    /// `{--n:"<name>";--d:"<definition>"}`, the body of the rule of its
    /// highlights (see [`Terms::style`]).
    rule: Html,
    /// Its name linked to its glossary entry.
    link: Html,
    /// Its definition.
    definition: Html,
}

impl<'l> Listings<'l> {
    pub(super) fn new(lexicon: &'l Lexicon) -> Listings<'l> {
        let entries = lexicon.entries();
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by_cached_key(|&p| (entries[p].name.to_lowercase(), entries[p].id.as_str()));
        let mut ranks = vec![0; entries.len()];
        for (rank, position) in order.into_iter().enumerate() {
            ranks[position] = rank;
        }
        let items = entries.iter().map(|_| OnceLock::new()).collect();
        Listings {
            lexicon,
            ranks,
            items,
        }
    }

    pub(super) fn lexicon(&self) -> &'l Lexicon {
        self.lexicon
    }

    /// The item of the entry at `position`, made the first time it is
    /// asked for.
    fn item(&self, position: usize) -> &Item {
        self.items[position].get_or_init(|| {
            let entry = &self.lexicon.entries()[position];
            let mut rule = Html::new();
            rule.raw("{--n:").css_string(&entry.name).raw(";--d:");
            rule.css_string(&entry.definition).raw("}");
            let mut href = String::new();
            push_entry_href(&mut href, Depth::Handout, &entry.id);
            let mut link = Html::new();
            link.element("a", &[("href", &href)], &entry.name);
            let mut definition = Html::new();
            definition.text(&entry.definition);
            Item {
                rule,
                link,
                definition,
            }
        })
    }
}

/// The entries a handout uses, as its terms list gives them: sorted by
/// name, each stated once, with its number `n` there. A highlight of an
/// entry has the class `d<n>` ([`push_term_id`]), and the page's own rules
/// ([`Terms::style`]) give every `d<n>` its tooltip, so a definition is
/// written twice (for the screen and for paper) however often the text
/// names its entry.
pub(super) struct Terms<'a> {
    listings: &'a Listings<'a>,
    /// The lexicon position of each entry, by its number.
    entries: Vec<usize>,
    /// The number of each span's entry, by the span's index (`None` for
    /// a date, or an entry the lexicon does not have).
    numbers: Vec<Option<usize>>,
    /// For each entry, whether the text names it only nested in another
    /// entry's span (matching rule 6): `Kronstadt` in `Kronstadt Rising`.
    nested_only: Vec<bool>,
}

impl<'a> Terms<'a> {
    /// The terms of `spans`, whose entries are at `positions` in the
    /// lexicon of `listings`.
    pub(super) fn of(
        spans: &[Span],
        positions: &[Option<usize>],
        listings: &'a Listings<'a>,
    ) -> Terms<'a> {
        // The entry spans by their entries' order: a dense text names most
        // of its entries more than once, and an entry's spans come
        // together, numbered as they come.
        let mut ranked: Vec<(usize, usize, usize)> = positions
            .iter()
            .enumerate()
            .filter_map(|(i, &position)| Some((listings.ranks[position?], position?, i)))
            .collect();
        ranked.sort_unstable();
        let mut terms = Terms {
            listings,
            entries: Vec::new(),
            numbers: vec![None; spans.len()],
            nested_only: Vec::new(),
        };
        let mut last = None;
        for (rank, position, i) in ranked {
            if last != Some(rank) {
                last = Some(rank);
                terms.entries.push(position);
                terms.nested_only.push(true);
            }
            let n = terms.entries.len() - 1;
            terms.numbers[i] = Some(n);
            terms.nested_only[n] &= spans[i].nested;
        }
        terms
    }

    /// The number of each span's entry in the terms list, by the span's
    /// index.
    pub(super) fn numbers(&self) -> &[Option<usize>] {
        &self.numbers
    }

    /// The tooltip's text of each entry, its name and definition, as the
    /// custom properties `--n` and `--d` of its highlights (`.d<n>`). The
    /// stylesheet's one rule for every highlight's `::after` shows them,
    /// with the kind its class gives, on hover and focus (see
    /// `style::CSS`). Its alternative text is empty: readers of the page
    /// are told the definition by the highlight's `aria-describedby`, once.
    pub(super) fn style(&self) -> Option<Html> {
        if self.entries.is_empty() {
            return None;
        }
        let mut h = Html::new();
        for (n, &position) in self.entries.iter().enumerate() {
            h.raw("\n.");
            push_term_id(&mut h, n);
            h.append(&self.listings.item(position).rule);
        }
        h.raw("\n");
        Some(h)
    }

    /// "Terms in this handout": every entry the handout uses, its name
    /// (of its kind's colour and line, the kind named after it by the
    /// stylesheet) linked to its glossary entry, and its definition, a
    /// `<dd id="d<n>">` that the entry's highlights link to and name as
    /// their description. Shown on screen too (touch screens do not hover).
    /// An entry named only inside another's span (`Kronstadt` in
    /// `Kronstadt Rising`) is shown on screen only: on paper the outer
    /// entry's definition explains it, and a one-page text's handout keeps
    /// to two pages.
    pub(super) fn write(&self, h: &mut Html) {
        h.raw("<section class=\"terms\">\n<h2>Terms in this handout</h2>\n");
        if self.entries.is_empty() {
            h.raw("<p>No glossary entries occur in this text.</p>\n");
        } else {
            h.raw("<dl>\n");
            for (n, &position) in self.entries.iter().enumerate() {
                let item = self.listings.item(position);
                let screen_only = self.nested_only[n];
                h.raw("<dt class=\"");
                push_kind_class(h, self.listings.lexicon.entries()[position].kind);
                h.raw(if screen_only {
                    " screen-only\">"
                } else {
                    "\">"
                });
                h.append(&item.link).raw("</dt>\n");
                h.raw(if screen_only {
                    "<dd class=\"screen-only\" id=\""
                } else {
                    "<dd id=\""
                });
                push_term_id(h, n);
                h.raw("\">").append(&item.definition).raw("</dd>\n");
            }
            h.raw("</dl>\n");
        }
        h.raw("</section>\n");
    }
}

/// Writes `d<n>` to `out`: the class of the highlights of the handout's
/// entry number `n`, and the id of its definition in the terms list.
pub(super) fn push_term_id(out: &mut impl Pieces, n: usize) {
    out.push_static("d");
    out.push_number(n);
}
