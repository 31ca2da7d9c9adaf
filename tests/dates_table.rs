//! Table-driven test of the date tagger over `tests/data/dates.tsv`, plus a
//! robustness test on odd Unicode input.

use glossator::dates::{edtf, julian_to_gregorian, DateMatch, DateTagger};

const TABLE: &str = include_str!("data/dates.tsv");

/// One row: a text and the dates expected in it, in order (none: no date).
struct Row {
    line: usize,
    text: String,
    expected: Vec<[String; 4]>,
}

/// Parses the table: tab-separated `text`, then `span, value, first_day,
/// last_day` for each date expected (an empty span: no date); lines starting
/// with "# " are comments; `\n` in a text stands for a line break.
fn rows() -> Vec<Row> {
    let lines = TABLE.lines().enumerate();
    let data = lines.filter(|(_, line)| !line.is_empty() && !line.starts_with("# "));
    data.map(|(index, line)| {
        let mut cells = line.split('\t').map(str::to_owned);
        let text = cells.next().unwrap_or_default().replace("\\n", "\n");
        let rest: Vec<String> = cells.collect();
        let dated = rest.first().is_some_and(|span| !span.is_empty());
        let expected = if dated {
            assert!(
                rest.len().is_multiple_of(4),
                "line {}: expected 1 + 4 per date cells in {line:?}",
                index + 1
            );
            rest.chunks(4)
                .map(|cells| [0, 1, 2, 3].map(|i| cells[i].clone()))
                .collect()
        } else {
            Vec::new()
        };
        Row {
            line: index + 1,
            text,
            expected,
        }
    })
    .collect()
}

/// Invariants every match must satisfy, whatever the table says.
fn check_invariants(text: &str, m: &DateMatch) -> Result<(), String> {
    edtf::validate(&m.value).map_err(|e| format!("invalid EDTF {:?}: {e}", m.value))?;
    if m.first_day > m.last_day {
        return Err(format!(
            "first_day {} after last_day {}",
            m.first_day, m.last_day
        ));
    }
    if m.qualifier.is_none() {
        let bounds = edtf::bounds(&m.value)?;
        // An Old Style date's value is as written, its days Gregorian.
        let bounds = match m.old_style {
            true => (julian_to_gregorian(bounds.0), julian_to_gregorian(bounds.1)),
            false => bounds,
        };
        if bounds != (m.first_day, m.last_day) {
            return Err(format!(
                "days {m:?} differ from the value's bounds {bounds:?}"
            ));
        }
    }
    // People read the date in words: every value the tagger emits has
    // them (only a bare year of 1000 or later reads as its value).
    let words = glossator::dates::in_words(&m.value, m.qualifier, m.old_style);
    if words == m.value && !(m.value.len() == 4 && m.value.bytes().all(|b| b.is_ascii_digit())) {
        return Err(format!("no words for the value {:?}", m.value));
    }
    text.get(m.start..m.end)
        .map(|_| ())
        .ok_or_else(|| format!("bad offsets {m:?}"))
}

fn check_row(tagger: &DateTagger, row: &Row) -> Result<(), String> {
    let found = tagger.find(&row.text);
    for m in &found {
        check_invariants(&row.text, m)?;
    }
    let got: Vec<[String; 4]> = found
        .iter()
        .map(|m| {
            let span = row.text[m.start..m.end].to_owned();
            [
                span,
                m.value.clone(),
                m.first_day.to_string(),
                m.last_day.to_string(),
            ]
        })
        .collect();
    let want = &row.expected;
    if got == *want {
        Ok(())
    } else {
        Err(format!("expected {want:?}, found {got:?}"))
    }
}

#[test]
fn every_table_row_is_tagged_as_expected() {
    let tagger = DateTagger::new();
    let rows = rows();
    assert!(
        rows.len() >= 100,
        "the table should hold 100+ rows, has {}",
        rows.len()
    );
    let failures: Vec<String> = rows
        .iter()
        .filter_map(|row| {
            let error = check_row(&tagger, row).err()?;
            Some(format!("line {}: {:?}\n    {error}", row.line, row.text))
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} failing rows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn odd_unicode_never_panics_and_keeps_char_boundaries() {
    let texts = [
        "e\u{301}1924 1924\u{301} a\u{308}\u{301} 21 January\u{301} 1924",
        "\u{1F600}1924\u{1F600} \u{1F1F7}\u{1F1FA} 1924–\u{1F600} between 1924 and \u{1F600}",
        "\u{5D1}\u{5E9}\u{5E0}\u{5EA} 1924 \u{5D4}\u{5D9}\u{5D4} \u{202B}1924\u{202C} \u{627}\u{644}\u{639}\u{627}\u{645} 1920s",
        "\u{FF11}\u{FF19}\u{FF12}\u{FF14} \u{FF11}\u{FF19}\u{FF12}\u{FF14}\u{5E74} 1924\u{FF11}",
        "–1924– —— 1924—\u{a0}1925\u{2009}\u{202f}— 19 1 9 2 4 century centuryé écentury",
        "\u{0}\u{7f}1924\u{85}\u{2028}1924\u{FEFF}March\u{FEFF}1924 Jan.\u{300}1924",
        "1924-", "–", "1924-9999", "winter 1926–", "between 1928 and", "early", "19th", "Dec.", "9",
    ];
    let tagger = DateTagger::new();
    for text in texts {
        let found = tagger.find(text);
        for m in &found {
            assert!(
                text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
                "{text:?}: {m:?}"
            );
            assert_eq!(check_invariants(text, m), Ok(()), "{text:?}");
        }
        assert!(found.windows(2).all(|w| w[0].end <= w[1].start), "{text:?}");
        assert!(found.iter().all(|m| !m.value.contains('\u{FF11}')));
    }
    assert!(tagger.find("\u{FF11}\u{FF19}\u{FF12}\u{FF14}年").is_empty());
}

/// Text made of the pieces date expressions are made of, in any order.
fn date_soup() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let piece = prop_oneof![
        (0u32..3000).prop_map(|n| n.to_string()),
        (0u32..100).prop_map(|n| format!("{n:02}")),
        prop::sample::select(vec![
            "BC",
            "B.C.",
            "BCE",
            "AD",
            "A.D.",
            "CE",
            "c.",
            "ca.",
            "circa",
            "about",
            "around",
            "in",
            "by",
            "from",
            "to",
            "and",
            "between",
            "early",
            "mid",
            "late",
            "the",
            "spring",
            "winter",
            "summer",
            "January",
            "Feb.",
            "Sept",
            "December",
            "century",
            "centuries",
            "4th",
            "1st",
            "21st",
            "eleventh",
            "twenty-first",
            "C.",
            "s",
            "'s",
            "’",
            "'",
            "?",
            "–",
            "-",
            "/",
            ".",
            ",",
            "(",
            ")",
            "[",
            "]",
            "soldiers",
            "page",
            "Did",
            "his",
            "\n",
            "é",
            "%",
        ])
        .prop_map(str::to_owned),
    ];
    let glue = prop::sample::select(vec!["", " ", " ", "  "]);
    prop::collection::vec((piece, glue), 0..24)
        .prop_map(|parts| parts.into_iter().map(|(p, g)| p + g).collect())
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]

    /// For any tagged date, whatever the text: its value is EDTF level 0/1,
    /// its first day is not after its last, its days are the value's (or
    /// a qualifier's third of them), and its offsets are char boundaries,
    /// in order, not overlapping.
    #[test]
    fn every_tagged_date_is_valid_edtf_with_ordered_days(text in date_soup()) {
        let found = DateTagger::new().find(&text);
        for m in &found {
            proptest::prop_assert_eq!(check_invariants(&text, m), Ok(()), "{:?}", m);
        }
        proptest::prop_assert!(found.windows(2).all(|w| w[0].end <= w[1].start));
    }
}
