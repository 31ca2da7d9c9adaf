//! The bad-input classes of `docs/robustness.md` that are about reading,
//! writing and running (issue 13), end to end: every test here is named in
//! that table.

use std::time::Duration;

use predicates::str::contains;

use crate::util::{glossator, temp_with};

/// Long enough for a slow machine, short enough that a hang fails the test.
const PROMPTLY: Duration = Duration::from_secs(60);

#[test]
#[cfg(unix)]
fn endless_devices_are_refused_not_read_forever() {
    glossator()
        .args(["annotate", "/dev/zero"])
        .timeout(PROMPTLY)
        .assert()
        .code(1)
        .stderr(contains(
            "/dev/zero: binary file (NUL byte at offset 0), skipped",
        ));
    // assert_cmd would read all of /dev/zero to pipe it in: the shell
    // redirects it instead.
    assert_cmd::Command::new("sh")
        .arg("-c")
        .arg(r#"exec "$0" annotate - < /dev/zero"#)
        .arg(assert_cmd::cargo::cargo_bin("glossator"))
        .timeout(PROMPTLY)
        .assert()
        .code(1)
        .stderr(contains("-: binary file"));
    glossator()
        .args(["lexicon", "check", "--lexicon", "/dev/zero"])
        .timeout(PROMPTLY)
        .assert()
        .code(2)
        .stderr(contains("/dev/zero: binary file"));
}

#[test]
fn a_file_over_the_input_limit_is_refused_before_reading() {
    let dir = temp_with(&[("small.txt", b"Lenin")]);
    let huge = dir.path().join("huge.txt");
    // Sparse: takes no disk space, and would take seconds to read.
    let file = std::fs::File::create(&huge).unwrap();
    file.set_len(glossator::input::MAX_INPUT_BYTES as u64 + 1)
        .unwrap();
    glossator()
        .arg("annotate")
        .arg(dir.path())
        .timeout(PROMPTLY)
        .assert()
        .code(1)
        .stderr(contains(
            "huge.txt: larger than 1 GiB, the most glossator reads from one input; split it first",
        ))
        .stdout(contains(r#""id":"small""#));
}

#[test]
fn jobs_above_four_per_core_are_lowered_with_a_warning() {
    let dir = temp_with(&[("a.txt", b"Lenin died in 1924.")]);
    let run = |jobs: &str| {
        glossator()
            .args(["annotate", "--jobs", jobs])
            .arg(dir.path())
            .timeout(PROMPTLY)
            .assert()
            .success()
    };
    let want = run("1").get_output().stdout.clone();
    for jobs in ["10000", "4294967296"] {
        let got = run(jobs).stderr(contains(format!(
            "warning: --jobs {jobs} is more than 4 per core; using"
        )));
        assert_eq!(got.get_output().stdout, want);
    }
}

/// Runs glossator with its standard output a pipe that nobody reads.
fn with_closed_stdout(args: &[&std::ffi::OsStr]) -> std::process::Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    let child = std::process::Command::new(assert_cmd::cargo::cargo_bin("glossator"))
        .args(args)
        .stdout(writer)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child.wait_with_output().unwrap()
}

#[test]
fn a_closed_stdout_ends_lexicon_commands_quietly() {
    for command in [["lexicon", "check"], ["lexicon", "list"]] {
        let args: Vec<&std::ffi::OsStr> = command.iter().map(|s| s.as_ref()).collect();
        let out = with_closed_stdout(&args);
        assert_eq!(out.status.code(), Some(0), "{command:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), "", "{command:?}");
    }
}

#[test]
fn a_closed_stdout_stops_annotating() {
    // Many documents whose JSON fills the output buffer at once, then
    // binary files: a run that went on after its output closed would
    // report them.
    let text = "Lenin and Stalin met in 1917. ".repeat(200);
    let mut files: Vec<(String, Vec<u8>)> = (0..100)
        .map(|i| (format!("a{i:03}.txt"), text.clone().into_bytes()))
        .collect();
    files.extend((0..20).map(|i| (format!("z{i:03}.txt"), b"\0binary".to_vec())));
    let files: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (n.as_str(), &b[..])).collect();
    let dir = temp_with(&files);
    let out = with_closed_stdout(&[
        "annotate".as_ref(),
        "--jobs".as_ref(),
        "2".as_ref(),
        dir.path().as_os_str(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(
        !stderr.contains("binary"),
        "went on after stdout closed: {stderr}"
    );
}
