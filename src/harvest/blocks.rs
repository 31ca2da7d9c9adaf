//! The patterns made of blocks: two-column tables, key-term boxes, and a
//! heading or bold term followed by its definition.

use super::lines::split;
use super::shape::{definition, is_box_label, is_label, term, Trust};
use super::units::Unit;
use super::{found, Definition, Pattern, Use};
use crate::document::BlockKind;

/// The cell of a unit: table, row, column, header.
fn cell(unit: &Unit) -> Option<(u32, u32, u32, bool)> {
    match unit.kind {
        BlockKind::Cell {
            table,
            row,
            column,
            header,
        } => Some((table, row, column, header)),
        _ => None,
    }
}

/// Words a header cell of a glossary table holds.
const HEADER_WORDS: &str = "term terms word words key concept concepts name definition \
     definitions meaning meanings explanation description";

/// Adds the rows of two-column tables (pattern 1).
pub(super) fn tables(units: &[Unit], uses: &mut [Use], out: &mut Vec<Definition>) {
    let mut i = 0;
    while i < units.len() {
        let Some((table, ..)) = cell(&units[i]) else {
            i += 1;
            continue;
        };
        let end = i + units[i..]
            .iter()
            .take_while(|u| cell(u).is_some_and(|c| c.0 == table))
            .count();
        read_table(units, i..end, uses, out);
        i = end;
    }
}

/// One table's units (its cells, a unit each, in order).
fn read_table(
    units: &[Unit],
    cells: std::ops::Range<usize>,
    uses: &mut [Use],
    out: &mut Vec<Definition>,
) {
    let columns = |u: &Unit| cell(u).map_or(0, |c| c.2 + 1);
    if units[cells.clone()].iter().map(columns).max() != Some(2) {
        return;
    }
    let mut trust = Trust::Strict;
    let mut i = cells.start;
    while i + 1 < cells.end {
        let (Some(a), Some(b)) = (cell(&units[i]), cell(&units[i + 1])) else {
            break;
        };
        if a.1 != b.1 || a.2 != 0 || b.2 != 1 {
            i += 1;
            continue;
        }
        let header = a.3
            || (a.1 == 0
                && [&units[i], &units[i + 1]].iter().all(|u| {
                    u.text
                        .split_whitespace()
                        .all(|w| super::shape::listed(w, HEADER_WORDS))
                }));
        if header {
            trust = Trust::Boxed;
        } else if let Some(term) = term(&units[i].text) {
            if let Some(def) = definition(&units[i + 1].text, &term, trust) {
                uses[i] = Use::Taken;
                uses[i + 1] = Use::Taken;
                out.push(found(units, (i, i + 1), term, def, Pattern::Table));
            }
        }
        i += 2;
    }
}

/// Adds the pairs of key-term boxes (pattern 2): after a box's label,
/// trusted; right before it, strictly.
pub(super) fn key_term_boxes(units: &[Unit], uses: &mut [Use], out: &mut Vec<Definition>) {
    for label in (0..units.len()).filter(|&i| is_box_label(&units[i].text)) {
        uses[label] = Use::Taken;
        // After the label, up to the next heading the format marks of
        // the label's level or above (any, if the label is no such heading).
        let level = |u: &Unit| match u.kind {
            BlockKind::Heading { level } if u.hard => Some(level),
            _ => None,
        };
        let top = level(&units[label]).unwrap_or(u8::MAX);
        let mut i = label + 1;
        while i < units.len() && uses[i] == Use::Free && level(&units[i]).is_none_or(|l| l > top) {
            if let Some(step) = pair_at(units, uses, i, Trust::Boxed, out) {
                i += step;
            } else {
                break;
            }
        }
        // Before it, pairs of lines only.
        let mut end = label;
        while end >= 2 && uses[end - 1] == Use::Free && uses[end - 2] == Use::Free {
            let (t, d) = (end - 2, end - 1);
            match pair(units, t, d, Trust::Strict) {
                Some((term, def)) => {
                    uses[t] = Use::Taken;
                    uses[d] = Use::Taken;
                    out.push(found(units, (t, d), term, def, Pattern::KeyTermBox));
                    end = t;
                }
                None => break,
            }
        }
    }
}

/// The box entry at unit `i`: a `Term: definition` line (1 unit) or a term
/// line and a definition line (2 units). How many units it took.
fn pair_at(
    units: &[Unit],
    uses: &mut [Use],
    i: usize,
    trust: Trust,
    out: &mut Vec<Definition>,
) -> Option<usize> {
    if is_label(&units[i].text) {
        return None;
    }
    if let Some((term, def, _)) = split(&units[i], trust) {
        uses[i] = Use::Taken;
        out.push(found(units, (i, i), term, def, Pattern::KeyTermBox));
        return Some(1);
    }
    let d = i + 1;
    if d >= units.len() || uses[d] != Use::Free {
        return None;
    }
    let (term, def) = pair(units, i, d, trust)?;
    uses[i] = Use::Taken;
    uses[d] = Use::Taken;
    out.push(found(units, (i, d), term, def, Pattern::KeyTermBox));
    Some(2)
}

/// A term line `t` and a definition line `d`.
fn pair(units: &[Unit], t: usize, d: usize, trust: Trust) -> Option<(String, String)> {
    let (tu, du) = (&units[t], &units[d]);
    if is_label(&tu.text) || is_label(&du.text) || tu.text.ends_with(['.', '?', '!', ',']) {
        return None;
    }
    // A line that is a definition of its own is no other term's.
    if split(du, Trust::Strict).is_some() {
        return None;
    }
    let term = term(&tu.text)?;
    let def = definition(&du.text, &term, trust)?;
    Some((term, def))
}

/// Adds a heading or bold line that is a term, followed by the line that
/// defines it (pattern 4). The first item of a list is no definition: the
/// list is what the heading heads.
pub(super) fn term_then_definition(units: &[Unit], uses: &mut [Use], out: &mut Vec<Definition>) {
    for t in 0..units.len().saturating_sub(1) {
        let d = t + 1;
        let (tu, du) = (&units[t], &units[d]);
        if uses[t] != Use::Free || uses[d] != Use::Free {
            continue;
        }
        let pattern = if tu.all_bold() {
            Pattern::Bold
        } else if tu.is_heading() && tu.first {
            Pattern::Heading
        } else {
            continue;
        };
        let a_list = matches!(du.kind, BlockKind::Item { .. })
            && units
                .get(d + 1)
                .is_some_and(|next| matches!(next.kind, BlockKind::Item { .. }));
        if a_list || du.is_heading() && du.hard {
            continue;
        }
        if let Some((term, def)) = pair(units, t, d, Trust::Strict) {
            uses[t] = Use::Taken;
            uses[d] = Use::Taken;
            out.push(found(units, (t, d), term, def, pattern));
        }
    }
}
