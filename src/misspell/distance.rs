//! The edit distance of matching rule 7: the optimal string alignment
//! (Damerau-Levenshtein without editing a stretch twice), worked out only
//! as far as the bound the candidate's length allows.

/// The optimal string alignment distance between `a` and `b` (as
/// `strsim::osa_distance` counts it), if it is at most `max`. Only the
/// diagonal band of cells within `max` of each other is worked out (a
/// cell further off costs more than `max`), and the work stops at a row
/// whose every cell costs more: a few dozen cells for a name, where the
/// whole table cost a tenth of annotate's time on dense text.
pub(super) fn osa_within(a: &[char], b: &[char], max: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > max {
        return None;
    }
    let over = max + 1;
    // Rows i - 2, i - 1 and i of the table, each over j = 0..=b.len().
    let mut two_up = vec![over; b.len() + 1];
    let mut up: Vec<usize> = (0..=b.len()).map(|j| j.min(over)).collect();
    let mut current = vec![over; b.len() + 1];
    for i in 1..=a.len() {
        current.fill(over);
        current[0] = i.min(over);
        let mut best = current[0];
        for j in i.saturating_sub(max).max(1)..=(i + max).min(b.len()) {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (up[j] + 1).min(current[j - 1] + 1).min(up[j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(two_up[j - 2] + 1);
            }
            current[j] = d.min(over);
            best = best.min(current[j]);
        }
        if best > max {
            return None;
        }
        std::mem::swap(&mut two_up, &mut up);
        std::mem::swap(&mut up, &mut current);
    }
    let distance = up[b.len()];
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
            max in 0..4_usize,
        ) {
            let full = strsim::osa_distance(&a, &b);
            let chars = |s: &str| s.chars().collect::<Vec<char>>();
            let banded = osa_within(&chars(&a), &chars(&b), max);
            proptest::prop_assert_eq!(banded, (full <= max).then_some(full));
        }
    }
}
