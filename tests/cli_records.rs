//! `--input-format jsonl`: JSON Lines records in, one annotation per record
//! out, in order; bad lines named and skipped.

use std::io::{BufRead, BufReader, Write};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use predicates::str::contains;
use serde_json::{json, Value};

use crate::util::{annotations, assert_offsets_exact, glossator, temp_with};

/// One record line.
fn record(id: &Value, text: &str) -> String {
    json!({"id": id, "text": text}).to_string() + "\n"
}

#[test]
fn records_are_annotated_in_order_and_bad_lines_skipped() {
    let texts = ["Сталин’s NEP, from 1921.", "Lenin died in January 1924."];
    let jsonl = [
        record(&json!("a"), texts[0]),
        "{\"id\": \"b\", \"text\": \n".to_string(),
        "\n".to_string(),
        record(&json!(2), texts[1]),
        "{\"id\": \"c\"}\n".to_string(),
    ]
    .concat();
    let dir = temp_with(&[("in.jsonl", jsonl.as_bytes())]);
    let path = dir.path().join("in.jsonl");
    let out = glossator()
        .args(["annotate", "--input-format", "jsonl"])
        .arg(&path)
        .assert()
        .code(1)
        .stderr(contains("in.jsonl:2: not a record: EOF while parsing"))
        .stderr(contains("in.jsonl:5: not a record: missing field `text`"));
    let docs = annotations(&out.get_output().stdout);
    let ids: Vec<&str> = docs.iter().map(|d| d.doc().id.as_str()).collect();
    assert_eq!(ids, ["a", "2"]);
    assert_eq!(docs[1].doc().path, format!("{}:4", path.display()));
    for (doc, text) in docs.iter().zip(texts) {
        assert!(!doc.spans().is_empty(), "{doc:?}");
        assert_offsets_exact(text, doc);
    }
}

/// The corpus as records: the ids `annotate corpus` gives, and the texts.
fn corpus_as_records() -> String {
    let out = glossator().args(["annotate", "corpus"]).assert().success();
    annotations(&out.get_output().stdout)
        .iter()
        .map(|doc| {
            let text = std::fs::read_to_string(crate::util::repo().join(&doc.doc().path)).unwrap();
            let record = json!({"id": doc.doc().id, "text": text, "format": doc.doc().format});
            record.to_string() + "\n"
        })
        .collect()
}

/// Parses JSON and blanks every `path` field.
fn without_paths(bytes: &[u8]) -> Vec<Value> {
    fn blank(value: &mut Value) {
        match value {
            Value::Object(map) => {
                for (key, value) in map.iter_mut() {
                    if key == "path" {
                        *value = Value::Null;
                    } else {
                        blank(value);
                    }
                }
            }
            Value::Array(items) => items.iter_mut().for_each(blank),
            _ => {}
        }
    }
    std::str::from_utf8(bytes)
        .unwrap()
        .lines()
        .map(|line| {
            let mut value: Value = serde_json::from_str(line).unwrap();
            blank(&mut value);
            value
        })
        .collect()
}

#[test]
fn records_give_what_the_same_texts_give_as_files() {
    let dir = temp_with(&[("corpus.jsonl", corpus_as_records().as_bytes())]);
    let records = dir.path().join("corpus.jsonl");
    for command in ["annotate", "glossary", "timeline"] {
        let run = |args: &[&str]| {
            let out = glossator().arg(command).args(args).assert().success();
            out.get_output().stdout.clone()
        };
        let from_files = run(&["corpus"]);
        let jsonl = ["--input-format", "jsonl", "--jobs"];
        let from_records = run(&[&jsonl[..], &["1", records.to_str().unwrap()]].concat());
        assert_eq!(
            without_paths(&from_files),
            without_paths(&from_records),
            "{command}"
        );
        let three_jobs = run(&[&jsonl[..], &["3", records.to_str().unwrap()]].concat());
        assert_eq!(from_records, three_jobs, "{command}");
    }
}

#[test]
fn standard_input_is_read_as_a_stream() {
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("glossator"))
        .args(["annotate", "--input-format", "jsonl", "--jobs", "2", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let stdout = BufReader::new(child.stdout.take().unwrap());
    let (lines, received) = mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in stdout.lines() {
            let _ = lines.send(line.unwrap());
        }
    });
    // Far more output than any buffer holds, with standard input still open.
    let records = 3000;
    for n in 0..records {
        stdin
            .write_all(record(&json!(n), "Stalin and the NEP in 1921.").as_bytes())
            .unwrap();
    }
    let first = received
        .recv_timeout(Duration::from_mins(1))
        .expect("output before the end of standard input");
    assert!(first.contains(r#""id":"0""#), "{first}");
    stdin.write_all(b"not json\n").unwrap();
    drop(stdin);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let rest: Vec<String> = received.try_iter().collect();
    assert_eq!(rest.len() + 1, records);
    assert!(rest[records - 2].contains(&format!(r#""id":"{}""#, records - 1)));
    assert_eq!(status.code(), Some(1));
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(
        stderr.contains(&format!("-:{}: not a record", records + 1)),
        "{stderr}"
    );
}

#[test]
fn commands_that_name_files_by_id_refuse_records() {
    let dir = temp_with(&[("in.jsonl", record(&json!("../x"), "NEP").as_bytes())]);
    let input = dir.path().join("in.jsonl");
    for command in [&["annotate", "--out"][..], &["build", "--out"]] {
        let out = dir.path().join("out");
        glossator()
            .args(command)
            .arg(&out)
            .args(["--input-format", "jsonl"])
            .arg(&input)
            .assert()
            .code(2)
            .stderr(contains("does not take --input-format jsonl"));
        assert!(!out.exists());
    }
    glossator()
        .args(["annotate", "--input-format", "jsonl"])
        .arg(dir.path())
        .assert()
        .code(1)
        .stderr(contains(
            "a folder; JSON Lines records are read from files or -",
        ));
}
