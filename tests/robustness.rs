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
