//! The date tagger on the real seed documents in `shared/seeds` (skipped with
//! a message when the folder is absent), and on a text made only of numbers
//! that are not dates.

use glossator::dates::{edtf, DateMatch, DateTagger};
use std::path::Path;

const SEEDS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/seeds");

/// The seed file `name`, or `None` (with a message) if the seeds are absent.
fn seed(name: &str) -> Option<String> {
    let path = Path::new(SEEDS).join(name);
    match std::fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(error) => {
            eprintln!(
                "skipping: seed file {} not readable ({error})",
                path.display()
            );
            None
        }
    }
}

/// The line starting with `prefix` after `heading`, with each `(prefix,
/// value)`: the date at the first digit of the line, as the table expects.
const KEY_DATES: &[(&str, &str)] = &[
    ("1924\tDeath of Lenin", "1924"),
    ("1925\tTrotsky lost his position", "1925"),
    ("1926\tTrotsky joined Kamenev", "1926"),
    ("1927\tStalin persuaded Congress", "1927"),
    ("1928\tStalin attacked the Right", "1928"),
    ("1929\tThe leading figures", "1929"),
];

const STALIN_PROFILE: &[(&str, &str)] = &[
    ("- 1879 – Born in Georgia", "1879"),
    ("- 1899 – His revolutionary activities", "1899"),
    ("- 1905 – Met Lenin", "1905"),
    ("- 1912 – Adopted the name Stalin", "1912"),
    ("- 1914–17 – In exile in Siberia", "1914/1917"),
    ("- 1917 – Returned to Petrograd", "1917"),
    ("- 1919 – Liaison Officer", "1919"),
    ("- 1922 – General Secretary", "1922"),
    ("- 1924 – Delivered the oration", "1924"),
];

const TROTSKY_PROFILE: &[(&str, &str)] = &[
    ("- 1879 – Born into a Ukrainian Jewish family", "1879"),
    ("- 1898 – Convicted", "1898"),
    ("- 1902 – Adopted the name Trotsky", "1902"),
    ("- 1903 – Sided with the Mensheviks", "1903"),
    ("- 1905 – Became Chairman", "1905"),
    ("- 1906 – Exiled again", "1906"),
    ("- 1907 – Escaped again", "1907"),
    ("- 1907–17 – Lived in various", "1907/1917"),
    ("- 1917 – Returned to Petrograd after", "1917"),
    ("- 1918 – Negotiated", "1918"),
    ("- 1918–20 – As War Commissar", "1918/1920"),
    ("- 1921 – Suppressed", "1921"),
    ("- 1924–27 – Outmanoeuvred", "1924/1927"),
    ("- 1927 – Sentenced", "1927"),
    ("- 1929 – Banished", "1929"),
    ("- 1929–40 – Lived in various countries", "1929/1940"),
    ("- 1940 – Assassinated", "1940"),
];

/// The match starting at byte `start`, if any.
fn match_at(found: &[DateMatch], start: usize) -> Option<&DateMatch> {
    found.iter().find(|m| m.start == start)
}

/// Checks each `(prefix, value)` of the list under `heading`: the date at the
/// first digit of the line is tagged with `value`, spanning up to the first
/// space or tab.
fn check_list(text: &str, found: &[DateMatch], heading: &str, list: &[(&str, &str)]) {
    let from = text
        .find(heading)
        .unwrap_or_else(|| panic!("heading {heading:?} not in seed"));
    for &(prefix, value) in list {
        let line = from + text[from..].find(&format!("\n{prefix}")).expect(prefix) + 1;
        let digits = prefix.find(|c: char| c.is_ascii_digit()).unwrap();
        let span = prefix[digits..].split([' ', '\t']).next().unwrap();
        let m = match_at(found, line + digits).unwrap_or_else(|| panic!("no date at {prefix:?}"));
        assert_eq!(
            (&text[m.start..m.end], m.value.as_str()),
            (span, value),
            "{prefix:?}"
        );
    }
}

#[test]
fn key_dates_and_profiles_are_tagged() {
    let Some(text) = seed("001_33e3a26fa968acc4.txt") else {
        return;
    };
    let found = DateTagger::new().find(&text);
    check_list(&text, &found, "\nKey dates\n", KEY_DATES);
    check_list(&text, &found, "Profile: Joseph Stalin", STALIN_PROFILE);
    check_list(&text, &found, "Profile: Lev Trotsky", TROTSKY_PROFILE);

    let title = "2 Stalin's Rise to Power 1924–9";
    assert!(text.contains(&format!("{title}\n")));
    let start = text.find(title).unwrap() + title.find("1924").unwrap();
    let m = match_at(&found, start).expect("title date");
    assert_eq!(
        (&text[m.start..m.end], m.value.as_str()),
        ("1924–9", "1924/1929")
    );
}

#[test]
fn typo_is_no_date_and_long_range_is_kept() {
    let Some(text) = seed("003_840b20e77962dbc1.txt") else {
        return;
    };
    let found = DateTagger::new().find(&text);
    let typo = text.find("1927028").expect("typo in seed");
    let typo_end = typo + "1927028".len();
    let overlapping: Vec<_> = found
        .iter()
        .filter(|m| m.start < typo_end && typo < m.end)
        .collect();
    assert!(overlapping.is_empty(), "{overlapping:?}");

    let range = text.find("1838-1941").expect("range in seed");
    let m = match_at(&found, range).expect("range tagged");
    assert_eq!(
        (&text[m.start..m.end], m.value.as_str()),
        ("1838-1941", "1838/1941")
    );
}

#[test]
fn every_seed_match_is_valid() {
    let Ok(entries) = std::fs::read_dir(SEEDS) else {
        eprintln!("skipping: seed folder {SEEDS} absent");
        return;
    };
    let tagger = DateTagger::new();
    for entry in entries {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        let found = tagger.find(&text);
        assert!(
            found.windows(2).all(|w| w[0].end <= w[1].start),
            "{}",
            path.display()
        );
        for m in &found {
            assert_eq!(
                edtf::validate(&m.value),
                Ok(()),
                "{}: {m:?}",
                path.display()
            );
            assert!(m.first_day <= m.last_day, "{}: {m:?}", path.display());
        }
    }
}

/// Numbers in history notes that are not dates, one per line.
const NOT_DATES: &[&str] = &[
    "340,000",
    "26,000",
    "1,924",
    "102 tonnes",
    "1924 tonnes",
    "73.3 million",
    "40%",
    "1930%",
    "page 60",
    "page 1924",
    "p. 1924",
    "1 of 27",
    "2+2",
    "Trial of the 16",
    "1)",
    "1000km",
    "1924km",
    "A1924",
    "1924b",
    "01924 555123",
    "1924-555-0199",
    "12345",
    "1927028",
    "1924.5",
    "19:24",
    "0999",
    "2100",
    "3000 men",
    "1924 workers",
    "1924 miles",
    "1924 roubles",
    "1924 rubles",
    "1924 kg",
    "1924 metres",
    "1924 million",
    "1924 thousand",
    "1924 hectares",
    "1924 copies",
    "1924 troops",
    "1924 people",
    "31/02/1922",
    "1929-24",
    "\u{FF11}\u{FF19}\u{FF12}\u{FF14}",
];

#[test]
fn no_date_in_a_text_of_non_dates() {
    let text = NOT_DATES.join("\n");
    let found = DateTagger::new().find(&text);
    let spans: Vec<&str> = found.iter().map(|m| &text[m.start..m.end]).collect();
    assert!(spans.is_empty(), "tagged {spans:?}");
}
