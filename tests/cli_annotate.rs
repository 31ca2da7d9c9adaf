//! `glossator annotate` end to end.

use glossator::annotate::SpanKind;
use predicates::prelude::*;
use predicates::str::contains;

use crate::util::{annotations, assert_offsets_exact, glossator, seeds, temp_with, test_lexicon};

fn rules_lexicon_args() -> Vec<String> {
    let lexicon = test_lexicon("rules-lexicon.toml").display().to_string();
    vec!["--no-default-lexicon".into(), "--lexicon".into(), lexicon]
}

/// `glossator annotate <rules lexicon> PATH`, expected to succeed.
fn annotate_ok(path: &std::path::Path) -> assert_cmd::assert::Assert {
    glossator()
        .arg("annotate")
        .args(rules_lexicon_args())
        .arg(path)
        .assert()
        .success()
}

#[test]
fn annotates_the_shipped_corpus_with_no_flags() {
    let out = glossator().args(["annotate", "corpus"]).assert().success();
    let docs = annotations(&out.get_output().stdout);
    assert!(docs.len() >= 3, "corpus/ has at least three texts");
    for doc in &docs {
        assert_eq!(doc.schema(), "glossator.annotation/1");
        let text = std::fs::read_to_string(crate::util::repo().join(&doc.doc().path)).unwrap();
        assert_offsets_exact(&text, doc);
    }
    assert!(
        docs.iter().any(|d| !d.spans().is_empty()),
        "the built-in lexicon finds something"
    );
}

#[test]
fn output_is_identical_for_one_and_four_threads() {
    let mut paths = vec!["corpus".to_string()];
    paths.extend(seeds().map(|s| s.display().to_string()));
    let run = |jobs: &str| {
        glossator()
            .args(["annotate", "--jobs", jobs])
            .args(&paths)
            .assert()
            .success()
            .get_output()
            .stdout
            .clone()
    };
    let one = run("1");
    assert!(!one.is_empty());
    assert_eq!(one, run("4"));
}

#[test]
fn json_lines_follow_the_schema() {
    let dir = temp_with(&[("a.txt", "Stalin’s NEP – «Сталин»\n".as_bytes())]);
    let out = annotate_ok(dir.path());
    let stdout = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    let expected = format!(
        concat!(
            r#"{{"schema":"glossator.annotation/1","doc":{{"id":"a","path":"{}","bytes":36,"chars":24,"format":"text"}},"#,
            r#""sentences":[[0,35]],"spans":["#,
            r#"{{"start":0,"end":6,"char_start":0,"char_end":6,"text":"Stalin","kind":"person","entry":"stalin","name":"Joseph Stalin","match":"listed","sentence":0}},"#,
            r#"{{"start":11,"end":14,"char_start":9,"char_end":12,"text":"NEP","kind":"term","entry":"nep","name":"New Economic Policy","match":"listed","sentence":0}},"#,
            r#"{{"start":21,"end":33,"char_start":16,"char_end":22,"text":"Сталин","kind":"person","entry":"stalin","name":"Joseph Stalin","match":"listed","sentence":0}}],"#,
            r#""blocks":[{{"start":0,"end":35,"kind":"paragraph","line":1}}]}}"#,
            "\n"
        ),
        dir.path().join("a.txt").display()
    );
    assert_eq!(stdout, expected);
}

#[test]
fn no_dates_leaves_out_date_spans_only() {
    let text = "In 1924 Stalin and the NEP; from the 1920s to 5 March 1953.\n";
    let spans = |flags: &[&str]| {
        let out = glossator()
            .args(["annotate", "-"])
            .args(flags)
            .write_stdin(text)
            .assert()
            .success();
        let spans = annotations(&out.get_output().stdout).remove(0).into_spans();
        spans
            .into_iter()
            .map(|s| (s.text, s.kind))
            .collect::<Vec<_>>()
    };
    let (with, without) = (spans(&[]), spans(&["--no-dates"]));
    let dates: Vec<_> = with
        .iter()
        .filter(|(_, kind)| *kind == SpanKind::Date)
        .collect();
    assert_eq!(dates.len(), 3, "{with:?}");
    let others: Vec<_> = with
        .iter()
        .filter(|(_, kind)| *kind != SpanKind::Date)
        .collect();
    assert_eq!(without.iter().collect::<Vec<_>>(), others);
    assert!(!without.is_empty());
}

#[test]
fn stdin_is_a_document() {
    glossator()
        .args(["annotate", "-"])
        .args(rules_lexicon_args())
        .write_stdin("Stalin")
        .assert()
        .success()
        .stdout(contains(r#""id":"stdin","path":"-""#).and(contains(r#""entry":"stalin""#)));
}

#[test]
fn a_binary_file_is_named_and_skipped_and_the_rest_written() {
    let dir = temp_with(&[
        ("bad.txt", b"\x7fELF\x00\x00\x01"),
        ("good.txt", b"Stalin and the NEP"),
    ]);
    let out = dir.path().join("out");
    glossator()
        .arg("annotate")
        .args(rules_lexicon_args())
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(contains(
            "bad.txt: binary file (NUL byte at offset 4), skipped",
        ));
    let good = std::fs::read_to_string(out.join("good.json")).unwrap();
    assert!(good.contains(r#""entry":"nep""#));
    assert!(!out.join("bad.json").exists());
}

#[test]
fn missing_paths_exit_1_after_processing_the_rest() {
    glossator()
        .arg("annotate")
        .args(rules_lexicon_args())
        .args(["no-such-file.txt", "-"])
        .write_stdin("Lenin")
        .assert()
        .code(1)
        .stderr(contains("no-such-file.txt: no such file or folder"))
        .stdout(contains(r#""entry":"lenin""#));
}

#[test]
fn windows_1252_input_is_read_with_a_warning() {
    let dir = temp_with(&[("old.txt", b"\x93Stalin\x94 \x96 1924")]);
    let out = annotate_ok(dir.path());
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(stderr.contains("old.txt: not valid UTF-8"), "{stderr}");
    let docs = annotations(&out.get_output().stdout);
    assert_eq!(docs[0].spans()[0].text, "Stalin");
}

#[test]
fn utf32_input_is_decoded() {
    let text = "Stalin’s NEP, Blu\u{308}cher\n";
    let little = text.chars().flat_map(|c| (c as u32).to_le_bytes());
    let big = text.chars().flat_map(|c| (c as u32).to_be_bytes());
    let le: Vec<u8> = [0xFF, 0xFE, 0, 0].into_iter().chain(little).collect();
    let be: Vec<u8> = [0, 0, 0xFE, 0xFF].into_iter().chain(big).collect();
    let dir = temp_with(&[("le.txt", &le), ("be.txt", &be)]);
    let out = annotate_ok(dir.path()).stderr("");
    for doc in annotations(&out.get_output().stdout) {
        let found: Vec<_> = doc.spans().iter().map(|s| s.text.as_ref()).collect();
        assert_eq!(
            found,
            ["Stalin", "NEP", "Blu\u{308}cher"],
            "{}",
            doc.doc().id
        );
        assert_offsets_exact(text, &doc);
    }
}

#[test]
fn a_stray_byte_leaves_the_rest_utf8() {
    let good = "Stalin’s men met «Сталин»;\n";
    let bytes = [good.as_bytes(), b"a stray \x92 byte.\n"].concat();
    let dir = temp_with(&[("stray.txt", &bytes)]);
    let out = annotate_ok(dir.path());
    let stderr = String::from_utf8_lossy(&out.get_output().stderr).to_string();
    assert!(
        stderr.contains("stray.txt: not valid UTF-8 in 1 place"),
        "{stderr}"
    );
    let docs = annotations(&out.get_output().stdout);
    let found: Vec<_> = docs[0].spans().iter().map(|s| s.text.as_ref()).collect();
    assert_eq!(found, ["Stalin", "Сталин"]);
    assert_offsets_exact(&format!("{good}a stray ’ byte.\n"), &docs[0]);
}

#[test]
fn empty_and_odd_files_do_not_fail() {
    let long_line = "Stalin ".repeat(200_000);
    let dir = temp_with(&[
        ("empty.txt", b""),
        (
            "odd.txt",
            "\u{202E}Сталин\u{0301} 𝔖talin İ\u{FEFF}\r\r\n".as_bytes(),
        ),
        ("long.txt", long_line.as_bytes()),
    ]);
    let out = annotate_ok(dir.path());
    let docs = annotations(&out.get_output().stdout);
    assert_eq!(docs.len(), 3);
    assert_eq!(docs[1].spans().len(), 200_000);
}

#[test]
fn never_writes_over_an_input() {
    // An output folder (marked as glossator's) with a file in it that is
    // then given as an input.
    let dir = temp_with(&[("notes.json", b"Stalin"), (".glossator-output", b"")]);
    let input = dir.path().join("notes.json");
    glossator()
        .arg("annotate")
        .args(rules_lexicon_args())
        .arg(&input)
        .arg("--out")
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(contains("is an input; not overwriting it"));
    assert_eq!(std::fs::read_to_string(&input).unwrap(), "Stalin");
}

/// A student's own notes, read from standard input: emphasis markers
/// (matching rule 8), a lower-case acronym (rule 1) and a misspelling
/// (rule 7) each still name their entry, and the spans leave the markers
/// out.
#[test]
fn notes_with_markers_lower_case_and_typos_are_tagged() {
    let text = "a former _Menshevik_ read _Pravda_ and the ogpu arrested Trotksy.\n";
    let out = glossator()
        .args(["annotate", "-"])
        .write_stdin(text)
        .assert()
        .success();
    let spans = annotations(&out.get_output().stdout).remove(0).into_spans();
    let found: Vec<(&str, &str, &str)> = spans
        .iter()
        .map(|s| {
            let how = s.how.map_or("", |how| how.as_str());
            (&*s.text, s.entry.as_deref().unwrap_or(""), how)
        })
        .collect();
    assert_eq!(
        found,
        [
            ("Menshevik", "mensheviks", "listed"),
            ("Pravda", "pravda", "listed"),
            ("ogpu", "ogpu", "listed"),
            ("Trotksy", "trotsky", "misspelling"),
        ]
    );
}

/// Nothing inside a web address, an e-mail address or a file name is a
/// span, entry or date; the same words and years outside one are.
#[test]
fn links_and_file_names_hold_no_spans() {
    let text = "Stalin in 1929: see https://example.org/stalin/1929-purges.html, \
                img/lenin-1924.png, Lenin_1924.jpg and stalin@example.org.\n\
                A 2000-mile railway [12] and 2,000 km; Lenin died in 1924.\n";
    let dir = temp_with(&[("links.txt", text.as_bytes())]);
    let out = annotate_ok(dir.path());
    let docs = annotations(&out.get_output().stdout);
    let found: Vec<(&str, SpanKind)> = docs[0].spans().iter().map(|s| (&*s.text, s.kind)).collect();
    let date = SpanKind::Date;
    let expected = [
        ("Stalin", SpanKind::from(glossator::lexicon::Kind::Person)),
        ("1929", date),
        ("Lenin", SpanKind::from(glossator::lexicon::Kind::Person)),
        ("1924", date),
    ];
    assert_eq!(found, expected);
}

/// The date spans of `text` read by `glossator annotate -`: text, value
/// and days, and "OS" for an Old Style date.
fn date_spans(text: &str) -> Vec<Vec<String>> {
    let out = glossator()
        .args(["annotate", "-"])
        .write_stdin(text)
        .assert()
        .success();
    let spans = annotations(&out.get_output().stdout).remove(0).into_spans();
    let day = |d: Option<glossator::dates::Day>| d.map(|d| d.to_string()).unwrap_or_default();
    spans
        .into_iter()
        .filter(|s| s.kind == SpanKind::Date)
        .map(|s| {
            let value = s.value.clone().unwrap_or_default();
            let mut cells = vec![s.text.to_string(), value, day(s.first_day), day(s.last_day)];
            cells.extend(s.old_style.then(|| "OS".to_string()));
            cells
        })
        .collect()
}

fn strings(cells: &[&str]) -> Vec<String> {
    cells.iter().map(std::string::ToString::to_string).collect()
}

/// An enumeration gives one date span per element, each its own words
/// with the full value (issue 16 item 4).
#[test]
fn an_enumeration_gives_one_date_per_element() {
    let found =
        date_spans("Riots on 4 and 11 August 1789; strikes in June, July and August 1941.\n");
    let expected = [
        strings(&["4", "1789-08-04", "1789-08-04", "1789-08-04"]),
        strings(&["11 August 1789", "1789-08-11", "1789-08-11", "1789-08-11"]),
        strings(&["June", "1941-06", "1941-06-01", "1941-06-30"]),
        strings(&["July", "1941-07", "1941-07-01", "1941-07-31"]),
        strings(&["August 1941", "1941-08", "1941-08-01", "1941-08-31"]),
    ];
    assert_eq!(found, expected);
}

/// A dual calendar date gives two spans, the Old Style one marked
/// `"old_style":true` with the date as written and Gregorian days (issue 16
/// item 4).
#[test]
fn a_dual_date_gives_an_old_style_and_a_new_style_span() {
    let text = "The rising of 25 Oct/7 Nov 1917; Lenin died 21 January 1924.\n";
    let found = date_spans(text);
    let expected = [
        strings(&["25 Oct", "1917-10-25", "1917-11-07", "1917-11-07", "OS"]),
        strings(&["7 Nov 1917", "1917-11-07", "1917-11-07", "1917-11-07"]),
        strings(&["21 January 1924", "1924-01-21", "1924-01-21", "1924-01-21"]),
    ];
    assert_eq!(found, expected);
    let out = glossator()
        .args(["annotate", "-"])
        .write_stdin(text)
        .assert()
        .success();
    let json = String::from_utf8(out.get_output().stdout.clone()).unwrap();
    assert_eq!(json.matches(r#""old_style":true"#).count(), 1, "{json}");
}

/// Matching rule 6: persons and places named inside an event's span are
/// spans nested in it, and the glossary counts them as mentions.
#[test]
fn nested_persons_are_spans_and_glossary_mentions() {
    let text = "After Lenin's death in 1924 the Party split. Then came the assassination of \
                Kirov in 1934; the Kirov affair is still debated.\n";
    let out = glossator()
        .args(["annotate", "-"])
        .write_stdin(text)
        .assert()
        .success();
    let docs = annotations(&out.get_output().stdout);
    let spans = docs[0].spans();
    let shown: Vec<(&str, Option<&str>, bool)> = spans
        .iter()
        .filter(|s| s.entry.is_some())
        .map(|s| (s.text.as_ref(), s.entry.as_deref(), s.nested))
        .collect();
    let expected = [
        ("Lenin's death", Some("death-of-lenin"), false),
        ("Lenin", Some("lenin"), true),
        ("assassination of Kirov", Some("kirov-murder"), false),
        ("Kirov", Some("kirov"), true),
        ("Kirov affair", Some("kirov-murder"), false),
        ("Kirov", Some("kirov"), true),
    ];
    for want in expected {
        assert!(shown.contains(&want), "{want:?} not in {shown:?}");
    }
    // Each nested span lies inside the entry span before it.
    for (i, span) in spans.iter().enumerate().filter(|(_, s)| s.nested) {
        let outer = spans[..i]
            .iter()
            .rev()
            .find(|s| s.entry.is_some() && !s.nested);
        let outer = outer.unwrap();
        assert!(
            outer.start <= span.start && span.end <= outer.end,
            "{span:?}"
        );
        assert_eq!(&text[span.start..span.end], span.text);
    }
    assert!(String::from_utf8_lossy(&out.get_output().stdout).contains(r#""nested":true"#));
    // The glossary counts both of Kirov's mentions, and Lenin's.
    let out = glossator()
        .args(["glossary", "-"])
        .write_stdin(text)
        .assert()
        .success();
    let glossary: serde_json::Value = serde_json::from_slice(&out.get_output().stdout).unwrap();
    let count = |id: &str| {
        let entries = glossary["entries"].as_array().unwrap();
        let entry = entries.iter().find(|e| e["id"] == id);
        entry.map(|e| e["count"].as_u64().unwrap())
    };
    assert_eq!(count("kirov"), Some(2));
    assert_eq!(count("lenin"), Some(1));
    assert_eq!(count("kirov-murder"), Some(2));
}

/// Asserts that the entry spans `annotate` finds in `text`, with the
/// flashcard export `cards` as its only lexicon, are `want` (text, entry id).
fn assert_entries_with_cards(cards: &str, text: &str, want: &[(&str, &str)]) {
    let dir = temp_with(&[("cards.tsv", cards.as_bytes())]);
    let out = glossator()
        .args(["annotate", "--no-default-lexicon", "--lexicon"])
        .arg(dir.path().join("cards.tsv"))
        .arg("-")
        .write_stdin(text)
        .assert()
        .success();
    let spans = annotations(&out.get_output().stdout).remove(0).into_spans();
    let found: Vec<(&str, &str)> = spans
        .iter()
        .filter_map(|s| Some((&*s.text, s.entry.as_deref()?)))
        .collect();
    assert_eq!(found, want);
}

/// A first name the cards' definitions write alone is a known first name
/// (matching rule 9): it counts after any mention of its person, misspelt
/// too, though an English word (`napoleon`); before one, it does not.
#[test]
fn a_first_name_the_definitions_use_counts_after_any_mention() {
    let cards = "Napoleon Bonaparte\tCorsican general, emperor of the French.\n\
                 Elba\tIsland where Napoleon was sent in 1814.\n\
                 Waterloo\tBattle of 1815 that Napoleon lost.\n";
    let text = "Napoleon rose. Then Bonaparte fell, and Napolean lost at Waterloo.\n";
    let want = [
        ("Bonaparte", "napoleon-bonaparte"),
        ("Napolean", "napoleon-bonaparte"),
        ("Waterloo", "waterloo"),
    ];
    assert_entries_with_cards(cards, text, &want);
}

/// A misspelt surname two cards share (matching rules 7 and 9): the one
/// named in full most recently before it, and nobody before either is.
#[test]
fn a_misspelt_shared_surname_is_the_latest_named() {
    let cards = "Jane Seymour\tThird wife of Henry VIII (1508–1537).\n\
                 Edward Seymour\tDuke of Somerset (1500–1552), her brother.\n";
    let text = "Seymor was a name to watch. Jane Seymour married the king and Seymor \
                died young. Edward Seymour rose; Seymor ruled as Protector.\n";
    assert_entries_with_cards(
        cards,
        text,
        &[
            ("Jane Seymour", "jane-seymour"),
            ("Seymor", "jane-seymour"),
            ("Edward Seymour", "edward-seymour"),
            ("Seymor", "edward-seymour"),
        ],
    );
}

/// A surname two cards share, once both are named in full (matching rules
/// 7 and 9): the one of them mentioned last by any name, so a first name
/// after the other's full name decides it, misspelt or not; the first
/// name of someone not yet named in full decides nothing.
#[test]
fn a_shared_surname_is_the_last_mentioned_of_those_named_in_full() {
    let cards = "Jane Seymour\tThird wife of Henry VIII (1508–1537).\n\
                 Edward Seymour\tDuke of Somerset (1500–1552), her brother.\n";
    let text = "Jane Seymour married the king, and her brother Edward Seymour served him. Jane \
                died after the birth of a son; Seymour was buried at Windsor and Seymor's \
                brother mourned.\n";
    assert_entries_with_cards(
        cards,
        text,
        &[
            ("Jane Seymour", "jane-seymour"),
            ("Edward Seymour", "edward-seymour"),
            ("Jane", "jane-seymour"),
            ("Seymour", "jane-seymour"),
            ("Seymor", "jane-seymour"),
        ],
    );
    let text = "Edward Seymour served the king. Jane died young; Seymour rose.\n";
    assert_entries_with_cards(
        cards,
        text,
        &[
            ("Edward Seymour", "edward-seymour"),
            ("Seymour", "edward-seymour"),
        ],
    );
}

/// A title before a first name, with a teacher's cards (matching rule 9):
/// the one of that first name who holds it, or of several the one the
/// other cards name; an English first name only after its card's title.
#[test]
fn a_title_before_a_first_name_names_its_holder() {
    let cards = "Mary I\tQueen of England (1516–1558) from 1553.\n\
                 Mary, Queen of Scots\tQueen of Scotland (1542–1587).\n\
                 Catherine of Aragon\tFirst wife of Henry VIII (1485–1536), mother of Mary I.\n\
                 Arthur, Prince of Wales\tEldest son of Henry VII (1486–1502).\n\
                 Pope Clement VII\tPope (1478–1534) from 1523.\n";
    let text = "Queen Mary ruled. Prince Arthur died young; Pope Clement was not clement.\n";
    assert_entries_with_cards(
        cards,
        text,
        &[
            ("Queen Mary", "mary-i"),
            ("Prince Arthur", "arthur-prince-of-wales"),
            ("Pope Clement", "pope-clement-vii"),
        ],
    );
}

/// An event or place named after a place is found by that name too
/// (matching rule 10), with a teacher's cards: not when the name is an
/// English word, nor when another card is the place itself.
#[test]
fn events_and_places_named_after_a_place_are_found_by_its_name() {
    let cards = "Battle of Bosworth\tBattle of 1485 in which Henry Tudor defeated Richard III.\n\
                 Battle of Gettysburg\tBattle of July 1863 in Pennsylvania.\n\
                 Gettysburg\tA town in Pennsylvania.\n\
                 Hampton Court Palace\tPalace on the Thames built by Wolsey.\n\
                 Act of Union\tThe law of 1536 that joined Wales to England.\n";
    let text = "After Bosworth he moved to Hampton Court. Gettysburg was quiet; union was slow.\n";
    assert_entries_with_cards(
        cards,
        text,
        &[
            ("Bosworth", "battle-of-bosworth"),
            ("Hampton Court", "hampton-court-palace"),
            ("Gettysburg", "gettysburg"),
        ],
    );
}

/// A body or event called by its head noun after `the` (matching rule
/// 13), with a teacher's cards: capitalised, after `the`, where no other
/// name goes on, and only while one card alone has that head.
#[test]
fn a_name_is_called_by_its_head_noun_after_the() {
    let cards = "Privy Council\tThe monarch's closest advisers.\n\
                 Pilgrimage of Grace\tThe northern rising of 1536 against the Dissolution.\n\
                 Tower of London\tRoyal fortress and prison on the Thames.\n";
    let text = "The Privy Council sent the rebels to the Tower. The Pilgrimage of Grace had \
                failed: the Pilgrimage was over and the Council was pleased.\n";
    assert_entries_with_cards(
        cards,
        text,
        &[
            ("Privy Council", "privy-council"),
            ("Tower", "tower-of-london"),
            ("Pilgrimage of Grace", "pilgrimage-of-grace"),
            ("Pilgrimage", "pilgrimage-of-grace"),
            ("Council", "privy-council"),
        ],
    );
    // Lower case, no `the`, a longer name, or a head two cards share: none.
    let text = "A council of war met at the tower. Council members and the Council of \
                the North met; the Tower Hamlets grew. By God's Grace the Grace of God \
                came.\n";
    assert_entries_with_cards(cards, text, &[]);
    let cards = format!("{cards}Council of Trent\tThe Catholic council of 1545–63.\n");
    assert_entries_with_cards(
        &cards,
        "The Privy Council met; the Council agreed.\n",
        &[("Privy Council", "privy-council")],
    );
}

/// A party or club is called by its members (matching rule 14): the
/// first word of its name in the plural, capitalised.
#[test]
fn a_body_is_called_by_its_members() {
    let cards = "Jacobin Club\tPolitical club of radical deputies in Paris.\n\
                 Tory Party\tThe party of the Crown and the Church of England.\n";
    let text = "The Jacobins and the Tories disagreed.\n";
    assert_entries_with_cards(
        cards,
        text,
        &[("Jacobins", "jacobin-club"), ("Tories", "tory-party")],
    );
    // Lower case, or a plural two bodies give: none.
    let text = "Radical jacobins and old tories.\n";
    assert_entries_with_cards(cards, text, &[]);
    let cards = format!("{cards}Tory Club\tA dining club of Tory members.\n");
    assert_entries_with_cards(&cards, "The Tories dined.\n", &[]);
}

/// A card's bracketed qualifier is not written in texts (matching rule
/// 10): the name matches without it, capitalised when it has a capital,
/// and a span never takes in a qualifier the text writes.
#[test]
fn a_name_matches_without_its_qualifier() {
    let cards = "Mercury (planet)\tThe smallest planet, nearest the Sun.\n\
                 Darkness at Noon (1940)\tKoestler's novel of the show trials.\n\
                 wrecker (saboteur)\tA saboteur of Soviet industry, in the trials' charges.\n\
                 John Smith (explorer)\tEnglish explorer (1580–1631) of Virginia.\n";
    let text = "Mercury is hot, unlike mercury. Koestler's _Darkness at Noon_ (1940) \
                named wreckers. John Smith sailed and Smith came back.\n";
    assert_entries_with_cards(
        cards,
        text,
        &[
            ("Mercury", "mercury-planet"),
            ("Darkness at Noon", "darkness-at-noon-1940"),
            ("wreckers", "wrecker-saboteur"),
            ("John Smith", "john-smith-explorer"),
            ("Smith", "john-smith-explorer"),
        ],
    );
    // Two cards with one bare name leave it to neither.
    let cards = format!("{cards}Mercury (god)\tThe Roman messenger god.\n");
    assert_entries_with_cards(&cards, "Mercury rose.\n", &[]);
}

/// A name written without its accents, or with them where the card has
/// none, is the card's (matching rule 3), and the span keeps the letters
/// as written: a decomposed accent at the end of a word stays in it.
#[test]
fn accents_are_no_difference() {
    let cards = "Gebhard von Blücher\tPrussian field marshal (1742–1819).\n\
                 Vendée\tRegion in western France that rose in 1793.\n\
                 Napoleon Bonaparte\tFrench general (1769–1821), emperor from 1804.\n";
    let text = "Blucher reached the Vendee; Bonapartè met Vende\u{301}e\n";
    assert_entries_with_cards(
        cards,
        text,
        &[
            ("Blucher", "gebhard-von-blucher"),
            ("Vendee", "vendee"),
            ("Bonapartè", "napoleon-bonaparte"),
            ("Vende\u{301}e", "vendee"),
        ],
    );
}

/// Shorter names of events and places that general rules derive (matching
/// rule 10), with a teacher's cards: an ordinal battle without its head, a
/// numbered act by its number and words, a `the` left out after `of`, and
/// Saint, Fort and Mount written short.
#[test]
fn ordinals_numbers_a_dropped_the_and_abbreviations_shorten_names() {
    let cards = "First Battle of Bull Run\tBattle of July 1861 in Virginia.\n\
                 Act of the Six Articles\tThe law of 1539 that kept Catholic doctrine.\n\
                 Field of the Cloth of Gold\tMeeting of Henry VIII and Francis I in 1520.\n\
                 Saint Helena\tIsland in the South Atlantic.\n\
                 Fort Sumter\tA fort in Charleston harbour.\n";
    let text = "After First Bull Run came the Six Articles, the Field of Cloth of Gold,\n\
                St Helena, St. Helena and Ft. Sumter; a bull run is no battle.\n";
    assert_entries_with_cards(
        cards,
        text,
        &[
            ("First Bull Run", "first-battle-of-bull-run"),
            ("Six Articles", "act-of-the-six-articles"),
            ("Field of Cloth of Gold", "field-of-the-cloth-of-gold"),
            ("St Helena", "saint-helena"),
            ("St. Helena", "saint-helena"),
            ("Ft. Sumter", "fort-sumter"),
        ],
    );
}

/// A peer named by title and territory is called by the territory alone
/// (matching rule 9), with a teacher's cards.
#[test]
fn a_peer_is_called_by_the_territory() {
    let cards = "Duke of Wellington\tBritish general (1769–1852) who won at Waterloo.\n";
    let text = "The Duke of Wellington held the ridge; Wellington’s line did not break.\n";
    assert_entries_with_cards(
        cards,
        text,
        &[
            ("Duke of Wellington", "duke-of-wellington"),
            ("Wellington", "duke-of-wellington"),
        ],
    );
}

#[test]
fn a_ruler_with_an_epithet_is_called_by_the_name_alone() {
    // Called as by a surname: a card's name counts alone (cards say
    // `surname_alone`); an ordinal after `the` is a regnal number.
    let cards = "Constantine the Great\tRoman emperor, proclaimed at York in 306.\n\
        Henry the Eighth\tKing of England from 1509.\n";
    let text = "Constantine was proclaimed at York. Henry broke with Rome.\n";
    assert_entries_with_cards(cards, text, &[("Constantine", "constantine-the-great")]);
}
