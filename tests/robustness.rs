//! The bad-input classes of `docs/robustness.md` that are about reading,
//! writing and running (issue 13), end to end: every test here is named in
//! that table.

use std::time::Duration;

use predicates::str::contains;

use crate::util::{glossator, temp_with};

/// Long enough for a slow machine, short enough that a hang fails the test.
const PROMPTLY: Duration = Duration::from_mins(1);

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
        let args: Vec<&std::ffi::OsStr> = command.iter().map(std::convert::AsRef::as_ref).collect();
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

/// The `doc.id` of every annotation glossator writes to stdout for `args`.
fn ids_of(out: &assert_cmd::assert::Assert) -> Vec<String> {
    crate::util::annotations(&out.get_output().stdout)
        .into_iter()
        .map(|a| a.doc().id.clone())
        .collect()
}

#[test]
fn file_names_that_make_one_id_get_distinct_ids() {
    let dir = temp_with(&[
        ("in/a b.txt", b"Lenin"),
        ("in/a-b.txt", b"Stalin"),
        ("in/a-b-2.txt", b"Trotsky"),
        ("in/Notes.txt", b"NEP"),
        ("in/notes.md", b"Kulaks"),
    ]);
    let out = dir.path().join("out");
    glossator()
        .arg("build")
        .arg(dir.path().join("in"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let mut handouts: Vec<String> = std::fs::read_dir(out.join("handouts"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    handouts.sort();
    // Sorted walk: `a b`, `a-b-2`, `a-b`, `Notes`, `notes`; `a-b-2` keeps
    // its own id, and `notes` (ids are lower case) gets a number.
    assert_eq!(
        handouts,
        [
            "a-b-2.html",
            "a-b-3.html",
            "a-b.html",
            "notes-2.html",
            "notes.html"
        ]
    );
    let text = |id: &str| {
        std::fs::read_to_string(out.join("annotations").join(format!("{id}.json"))).unwrap()
    };
    assert!(text("a-b").contains("a b.txt"));
    assert!(text("a-b-2").contains("a-b-2.txt"));
    assert!(text("a-b-3").contains("a-b.txt"));
}

#[test]
fn an_id_too_long_for_a_file_name_is_shortened() {
    let deep = format!("{}/{}/notes.txt", "x".repeat(200), "y".repeat(200));
    let dir = temp_with(&[(deep.as_str(), b"Lenin"), ("other.txt", b"Stalin")]);
    let out = dir.path().join("out");
    glossator()
        .arg("annotate")
        .arg(dir.path())
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let names: Vec<String> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| {
            std::path::Path::new(n)
                .extension()
                .is_some_and(|e| e == "json")
        })
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
    assert!(names
        .iter()
        .all(|n| n.len() <= glossator::input::MAX_ID_BYTES + 5));
}

#[test]
fn a_document_that_cannot_be_written_fails_alone() {
    let dir = temp_with(&[("in/a.txt", b"Lenin"), ("in/b.txt", b"Stalin")]);
    let out = dir.path().join("out");
    // A folder where a.json should go: the rename onto it fails.
    std::fs::create_dir_all(out.join("a.json")).unwrap();
    std::fs::write(out.join(glossator::input::OUTPUT_MARKER), b"").unwrap();
    glossator()
        .arg("annotate")
        .arg(dir.path().join("in"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(contains("a.json"));
    assert!(std::fs::read_to_string(out.join("b.json"))
        .unwrap()
        .contains("stalin"));
}

#[test]
fn extensions_are_read_in_any_case_and_skips_are_counted() {
    let dir = temp_with(&[
        ("NOTES.TXT", b"Lenin"),
        ("readme.Md", b"Stalin"),
        ("essay.markdown", b"Trotsky"),
        ("essay.rtf", b"{\\rtf1"),
        ("map.png", b"\x89PNG"),
        ("Makefile", b"all:"),
    ]);
    let out = glossator()
        .arg("annotate")
        .arg(dir.path())
        .assert()
        .success();
    assert_eq!(ids_of(&out), ["notes", "essay", "readme"]);
    out.stderr(contains(
        "warning: skipped 3 files: 1 without extension, 1 .png, 1 .rtf \
         (documents are .txt, .md, .markdown, .docx, .odt, .html, .htm or .pdf files)",
    ));
}

#[test]
fn a_folder_without_documents_is_an_error_and_nothing_is_written() {
    let dir = temp_with(&[("in/notes.rtf", b"{\\rtf1")]);
    let out = dir.path().join("out");
    glossator()
        .arg("build")
        .arg(dir.path().join("in"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(1)
        .stderr(contains("in: no documents in this folder"))
        .stderr(contains("no documents to read; nothing was written"));
    assert!(!out.exists());
}

#[test]
fn an_output_is_never_one_of_the_inputs() {
    let dir = temp_with(&[("a.txt", b"Lenin in 1924."), ("b.txt", b"Stalin in 1929.")]);
    let path = |name: &str| dir.path().join(name);
    for (input, out) in [("a.txt", "g1.json"), ("b.txt", "g2.json")] {
        glossator()
            .args(["glossary"])
            .arg(path(input))
            .arg("--out")
            .arg(path(out))
            .assert()
            .success();
    }
    let g1 = std::fs::read(path("g1.json")).unwrap();
    #[cfg(unix)]
    std::fs::hard_link(path("g1.json"), path("same.json")).unwrap();
    // By name, by another spelling of the name, and by a hard link.
    let spellings = [path("g1.json"), dir.path().join(".").join("g1.json")];
    #[cfg(unix)]
    let spellings = [
        spellings[0].clone(),
        spellings[1].clone(),
        path("same.json"),
    ];
    for out in spellings {
        glossator()
            .arg("merge")
            .arg(path("g1.json"))
            .arg(path("g2.json"))
            .arg("--out")
            .arg(&out)
            .assert()
            .code(2)
            .stderr(contains("is an input; not overwriting it"));
    }
    assert_eq!(std::fs::read(path("g1.json")).unwrap(), g1);
    glossator()
        .arg("glossary")
        .arg(path("a.txt"))
        .arg("--out")
        .arg(path("a.txt"))
        .assert()
        .code(2);
    assert_eq!(std::fs::read(path("a.txt")).unwrap(), b"Lenin in 1924.");
}

#[cfg(unix)]
#[test]
fn devices_are_written_through_and_links_followed() {
    use std::os::unix::fs::FileTypeExt;
    let dir = temp_with(&[("a.txt", b"Lenin in 1924.")]);
    glossator()
        .arg("glossary")
        .arg(dir.path().join("a.txt"))
        .args(["--out", "/dev/null"])
        .assert()
        .success();
    assert!(std::fs::metadata("/dev/null")
        .unwrap()
        .file_type()
        .is_char_device());
    // A link to stdout writes there.
    let to_stdout = dir.path().join("stdout.json");
    std::os::unix::fs::symlink("/dev/stdout", &to_stdout).unwrap();
    glossator()
        .arg("glossary")
        .arg(dir.path().join("a.txt"))
        .arg("--out")
        .arg(&to_stdout)
        .assert()
        .success()
        .stdout(contains(r#""schema":"glossator.glossary/1""#));
    // A link to a file: the file is replaced, the link stays.
    let (target, link) = (dir.path().join("target.md"), dir.path().join("link.md"));
    std::fs::write(&target, b"old").unwrap();
    std::os::unix::fs::symlink(&target, &link).unwrap();
    glossator()
        .arg("glossary")
        .arg(dir.path().join("a.txt"))
        .args(["--format", "md", "--out"])
        .arg(&link)
        .assert()
        .success();
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert!(std::fs::read_to_string(&target).unwrap().contains("Lenin"));
}

#[cfg(unix)]
#[test]
fn new_files_honour_the_umask_and_replaced_ones_keep_their_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = temp_with(&[("a.txt", b"Lenin in 1924.")]);
    let out = dir.path().join("g.json");
    let mode =
        |path: &std::path::Path| std::fs::metadata(path).unwrap().permissions().mode() & 0o777;
    assert_cmd::Command::new("sh")
        .arg("-c")
        .arg(r#"umask 002 && exec "$0" glossary "$1" --out "$2""#)
        .arg(assert_cmd::cargo::cargo_bin("glossator"))
        .arg(dir.path().join("a.txt"))
        .arg(&out)
        .assert()
        .success();
    assert_eq!(mode(&out), 0o664);
    std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o640)).unwrap();
    glossator()
        .arg("glossary")
        .arg(dir.path().join("a.txt"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert_eq!(mode(&out), 0o640);
}

#[test]
fn build_never_reads_its_own_output() {
    let dir = temp_with(&[
        ("notes/a.txt", b"Lenin in 1924."),
        ("notes/b.md", b"Stalin in 1929."),
    ]);
    let notes = dir.path().join("notes");
    // Into the notes folder itself: refused, nothing written.
    glossator()
        .arg("build")
        .arg(&notes)
        .arg("--out")
        .arg(&notes)
        .assert()
        .code(2)
        .stderr(contains("holds files glossator did not write"));
    assert_eq!(std::fs::read_dir(&notes).unwrap().count(), 2);
    // Into a folder inside it: built, then left out of the next walk.
    let site = notes.join("site");
    for _ in 0..2 {
        glossator()
            .arg("build")
            .arg(&notes)
            .arg("--out")
            .arg(&site)
            .assert()
            .success()
            .stderr(contains("2 documents:"))
            .stderr(contains("wrote 15 files into"));
    }
    let glossary = std::fs::read_to_string(site.join("glossary.json")).unwrap();
    assert!(
        !glossary.contains("site/"),
        "read its own output: {glossary}"
    );
    // Its own glossary named as an input: read, but never written over, and
    // the summary says so.
    let glossary_md = site.join("glossary.md");
    let before = std::fs::read(&glossary_md).unwrap();
    glossator()
        .arg("build")
        .arg(notes.join("a.txt"))
        .arg(&glossary_md)
        .arg("--out")
        .arg(&site)
        .assert()
        .code(1)
        .stderr(contains("glossary.md: is an input; not overwriting it"))
        .stderr(contains("wrote 14 files into"))
        .stderr(contains("1 could not be written (named above)"));
    assert_eq!(std::fs::read(&glossary_md).unwrap(), before);
}

#[test]
fn a_folder_another_run_is_writing_into_is_refused() {
    let dir = temp_with(&[("a.txt", b"Lenin")]);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let marker = std::fs::File::create(out.join(glossator::input::OUTPUT_MARKER)).unwrap();
    marker.lock().unwrap();
    glossator()
        .arg("build")
        .arg(dir.path().join("a.txt"))
        .arg("--out")
        .arg(&out)
        .assert()
        .code(2)
        .stderr(contains(
            "another glossator run is writing into this folder",
        ));
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        1,
        "nothing written"
    );
    marker.unlock().unwrap();
    glossator()
        .arg("build")
        .arg(dir.path().join("a.txt"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
}

/// The `.glossator-*` temporary files in `dir`.
fn temporaries(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .map(|e| e.unwrap().path())
                .filter(|p| {
                    p.file_name()
                        .unwrap()
                        .to_string_lossy()
                        .starts_with(".glossator-")
                        && !p.ends_with(glossator::input::OUTPUT_MARKER)
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(unix)]
#[test]
fn an_interrupted_run_leaves_no_temporary_files() {
    use std::os::unix::process::ExitStatusExt;
    // Its JSON (some 50 MB) takes a moment to write.
    let text = "Lenin and Stalin met in 1917 at the Smolny. ".repeat(100_000);
    let dir = temp_with(&[("big.txt", text.as_bytes())]);
    let out = dir.path().join("out");
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("glossator"))
        .arg("annotate")
        .arg(dir.path().join("big.txt"))
        .arg("--out")
        .arg(&out)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let deadline = std::time::Instant::now() + PROMPTLY;
    let seen = loop {
        if !temporaries(&out).is_empty() {
            break true;
        }
        if child.try_wait().unwrap().is_some() || std::time::Instant::now() > deadline {
            break false;
        }
        std::thread::sleep(Duration::from_micros(200));
    };
    std::process::Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(temporaries(&out), Vec::<std::path::PathBuf>::new());
    // Between seeing the temporary file and the signal, a run on a fast
    // machine may finish: then it must have renamed its file into place.
    match (seen, status.signal()) {
        (true, Some(2)) => {}
        (true, None) if status.success() && out.join("big.json").is_file() => {
            eprintln!("SKIPPED: the run finished between its temporary file and the signal");
        }
        (true, _) => panic!("neither ended by SIGINT nor finished: {status:?}"),
        (false, _) => eprintln!("SKIPPED: the run ended before its temporary file was seen"),
    }
}

#[test]
fn a_large_document_is_written_as_it_is_annotated() {
    // Over the 8 MiB above which the sink annotates a document and writes
    // its JSON a chunk at a time: the same bytes by every path. (Few tags,
    // so that the outputs stay small.)
    let text = format!(
        "{}Lenin and Stalin met in 1917. ",
        "So they met again in the hall. ".repeat(30)
    )
    .repeat(9_500);
    assert!(text.len() > 8 << 20);
    let dir = temp_with(&[("in/big.txt", text.as_bytes())]);
    let input = dir.path().join("in/big.txt");
    let stdout = glossator()
        .arg("annotate")
        .arg(&input)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let line = crate::util::annotations(&stdout).pop().unwrap();
    assert_eq!(line.doc().bytes, text.len());
    assert_eq!(line.spans().len(), 3 * 9_500, "Lenin, Stalin, 1917");
    let out = dir.path().join("out");
    glossator()
        .arg("annotate")
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    assert!(
        std::fs::read(out.join("big.json")).unwrap() == stdout,
        "annotate --out"
    );
    let site = dir.path().join("site");
    glossator()
        .arg("build")
        .arg(&input)
        .arg("--out")
        .arg(&site)
        .assert()
        .success();
    assert!(
        std::fs::read(site.join("annotations/big.json")).unwrap() == stdout,
        "build"
    );
    assert!(std::fs::read_to_string(site.join("glossary.json"))
        .unwrap()
        .contains(r#""count":9500"#));
}
