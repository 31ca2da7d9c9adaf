//! The edit distance of matching rule 7: the optimal string alignment
//! (Damerau-Levenshtein without editing a stretch twice), bit-parallel
//! for a string of up to 64 characters (every form but a few), else
//! worked out only as far as the bound the candidate's length allows.

/// The most edits [`osa_within`] tells apart: its cells are bytes, and a
/// cost of `MAX_EDITS + 2` still fits in one.
const MAX_EDITS: usize = 253;

/// The optimal string alignment distance between `a` and `b` (as
/// `strsim::osa_distance` counts it), if it is at most `max`.
///
/// Where one of them has 1 to 64 characters, all of it is worked out at
/// once, a bit a character ([`bit_parallel`]): about 20 instructions a
/// character of the other, where the band of the table ([`banded`]) took
/// 2,000 instructions a name, 2% of annotating dense text.
pub(super) fn osa_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let distance = match (a.len(), b.len()) {
        (0, n) | (n, 0) => n,
        (1..=64, _) => bit_parallel(a, b),
        (_, 1..=64) => bit_parallel(b, a),
        _ => banded(a, b, max)?,
    };
    (distance <= max).then_some(distance)
}

/// The optimal string alignment distance between `a` (1 to 64
/// characters) and `b`, by Hyyrö's bit-vector algorithm (H. Hyyrö, "A
/// bit-vector algorithm for computing Levenshtein and Damerau edit
/// distances", Nordic Journal of Computing 10, 2003): the column of the
/// table for each character of `b` is kept as the bits of its vertical
/// steps up and down, bit `i` for `a`'s character `i`, and the next column
/// is worked out from it in a few word operations; the distance follows
/// the last row.
fn bit_parallel(a: &[char], b: &[char]) -> usize {
    debug_assert!((1..=64).contains(&a.len()));
    // Where each ASCII character stands in `a`; other characters are
    // looked for in `a` as they come (they are rare).
    let mut ascii = [0u64; 128];
    for (i, &c) in a.iter().enumerate() {
        if let Some(places) = ascii.get_mut(c as usize) {
            *places |= 1 << i;
        }
    }
    let places = |c: char| match ascii.get(c as usize) {
        Some(&places) => places,
        None => (a.iter().enumerate()).fold(0, |places, (i, &x)| places | (u64::from(x == c) << i)),
    };
    // Bit `i` of a column: whether the cell of `a`'s character `i` costs
    // one more than the cell above it (`v_plus`), one less (`v_minus`), the
    // same as the one up and left (`d_zero`); and of the cell left of it
    // (`h_plus`, `h_minus`).
    let (mut v_plus, mut v_minus, mut d_zero) = (!0u64, 0u64, 0u64);
    let mut places_before = 0;
    let last = 1 << (a.len() - 1);
    let mut distance = a.len();
    for &c in b {
        let here = places(c);
        let swap = ((!d_zero & here) << 1) & places_before;
        d_zero = (((here & v_plus).wrapping_add(v_plus)) ^ v_plus) | here | v_minus | swap;
        let h_plus = v_minus | !(d_zero | v_plus);
        let h_minus = d_zero & v_plus;
        distance += usize::from(h_plus & last != 0);
        distance -= usize::from(h_minus & last != 0);
        let (h_plus, h_minus) = ((h_plus << 1) | 1, h_minus << 1);
        v_plus = h_minus | !(d_zero | h_plus);
        v_minus = h_plus & d_zero;
        places_before = here;
    }
    distance
}

/// [`osa_within`] for strings of more than 64 characters: the optimal
/// string alignment distance between `a` and `b`, if it is at most `max`.
/// Only the
/// diagonal band of cells within `max` of each other is worked out (a
/// cell further off costs more than `max`), and the work stops at a row
/// whose every cell costs more.
///
/// A cell holds its cost in a byte, up to `max + 1`, which stands for
/// anything more (the rule allows at most 2 edits; a `max` over
/// [`MAX_EDITS`] is taken as that). The cells outside the band are never
/// cleared: the two just outside it that the band's cells read are set
/// to `max + 1` instead, so a row costs its band and not its length.
fn banded(a: &[char], b: &[char], max: usize) -> Option<usize> {
    let max = max.min(MAX_EDITS);
    let over = max as u8 + 1;
    // Rows i - 2, i - 1 and i of the table, each over j = 0..=b.len().
    let mut rows = vec![over; 3 * (b.len() + 1)];
    let (mut two_up, rest) = rows.split_at_mut(b.len() + 1);
    let (mut up, mut current) = rest.split_at_mut(b.len() + 1);
    let capped = |n: usize| n.min(usize::from(over)) as u8;
    for (j, cell) in up.iter_mut().enumerate() {
        *cell = capped(j);
    }
    for i in 1..=a.len() {
        let (low, high) = (i.saturating_sub(max).max(1), (i + max).min(b.len()));
        current[0] = capped(i);
        // The cell left of the band, read by its first cell.
        if low > 1 {
            current[low - 1] = over;
        }
        let mut best = current[0];
        for j in low..=high {
            let cost = u8::from(a[i - 1] != b[j - 1]);
            let mut d = (up[j] + 1).min(current[j - 1] + 1).min(up[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_up[j - 2] + 1);
            }
            current[j] = d.min(over);
            best = best.min(current[j]);
        }
        // The cell right of the band, which the next row's last cell reads.
        if let Some(cell) = current.get_mut(high + 1) {
            *cell = over;
        }
        if best == over {
            return None;
        }
        std::mem::swap(&mut two_up, &mut up);
        std::mem::swap(&mut up, &mut current);
    }
    let distance = usize::from(up[b.len()]);
    (distance <= max).then_some(distance)
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// The distance is strsim's, where it is within the bound.
        #[test]
        fn the_distance_is_strsims(
            a in "[abcé]{0,12}",
            b in "[abcé]{0,12}",
            max in proptest::prop_oneof![0..4_usize, proptest::strategy::Just(usize::MAX)],
        ) {
            let full = strsim::osa_distance(&a, &b);
            let chars = |s: &str| s.chars().collect::<Vec<char>>();
            let within = osa_within(&chars(&a), &chars(&b), max);
            proptest::prop_assert_eq!(within, (full <= max).then_some(full));
        }

        /// Strings of 64 characters and more, one of them or both (the
        /// bits of a word and the band of the table).
        #[test]
        fn long_forms_have_the_full_distance_too(
            a in "[ab]{60,70}",
            b in "[abé]{60,70}",
            max in 0..4_usize,
        ) {
            let full = strsim::osa_distance(&a, &b);
            let chars = |s: &str| s.chars().collect::<Vec<char>>();
            let within = osa_within(&chars(&a), &chars(&b), max);
            proptest::prop_assert_eq!(within, (full <= max).then_some(full));
        }
    }
}
