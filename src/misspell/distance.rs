//! The edit distance of matching rule 7: the optimal string alignment
//! (Damerau-Levenshtein without editing a stretch twice), worked out only
//! as far as the bound the candidate's length allows.

/// The longest row [`osa_within`] keeps on the stack.
const STACK_ROW: usize = 64;

/// The most edits [`osa_within`] tells apart: its cells are bytes, and a
/// cost of `MAX_EDITS + 2` still fits in one.
const MAX_EDITS: usize = 253;

/// The optimal string alignment distance between `a` and `b` (as
/// `strsim::osa_distance` counts it), if it is at most `max`. Only the
/// diagonal band of cells within `max` of each other is worked out (a
/// cell further off costs more than `max`), and the work stops at a row
/// whose every cell costs more: a few dozen cells for a name, where the
/// whole table cost a tenth of annotate's time on dense text.
///
/// A cell holds its cost in a byte, up to `max + 1`, which stands for
/// anything more (the rule allows at most 2 edits; a `max` over
/// [`MAX_EDITS`] is taken as that). The cells outside the band are never
/// cleared: the two just outside it that the band's cells read are set
/// to `max + 1` instead, so a row costs its band and not its length.
pub(super) fn osa_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    let max = max.min(MAX_EDITS);
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let over = max as u8 + 1;
    // Rows i - 2, i - 1 and i of the table, each over j = 0..=b.len(): on
    // the stack for a form of under `STACK_ROW` characters (every form but
    // a few), as the search asks thousands of times a document.
    let mut stack = [[over; STACK_ROW]; 3];
    let mut heap: Vec<u8>;
    let [mut two_up, mut up, mut current] = if b.len() < STACK_ROW {
        stack.each_mut().map(|row| &mut row[..=b.len()])
    } else {
        heap = vec![over; 3 * (b.len() + 1)];
        let (first, rest) = heap.split_at_mut(b.len() + 1);
        let (second, third) = rest.split_at_mut(b.len() + 1);
        [first, second, third]
    };
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
        /// The banded distance is strsim's, where it is within the bound.
        #[test]
        fn the_banded_distance_is_the_full_one(
            a in "[abcé]{0,12}",
            b in "[abcé]{0,12}",
            max in proptest::prop_oneof![0..4_usize, proptest::strategy::Just(usize::MAX)],
        ) {
            let full = strsim::osa_distance(&a, &b);
            let chars = |s: &str| s.chars().collect::<Vec<char>>();
            let banded = osa_within(&chars(&a), &chars(&b), max);
            proptest::prop_assert_eq!(banded, (full <= max).then_some(full));
        }

        /// Rows too long for the stack (a form of 64 characters or more).
        #[test]
        fn long_forms_have_the_full_distance_too(
            a in "[ab]{60,68}",
            b in "[ab]{60,68}",
            max in 0..4_usize,
        ) {
            let full = strsim::osa_distance(&a, &b);
            let chars = |s: &str| s.chars().collect::<Vec<char>>();
            let banded = osa_within(&chars(&a), &chars(&b), max);
            proptest::prop_assert_eq!(banded, (full <= max).then_some(full));
        }
    }
}
