//! The hostile handout (see `util::HostileBuild`) as a real browser sees
//! it: headless Chromium loads the page and dumps the DOM it built. The
//! highlighted spans must all be there, properly nested; the hostile
//! strings must be text, not elements or attributes; and the injected
//! script, which would set the title to PWNED, must not have run.
//!
//! Skipped, with a loud message, where no Chromium or Chrome binary is on
//! `PATH` (`.ci/run` installs Debian's `chromium`).

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use regex::Regex;

use crate::util::HostileBuild;

/// Browser binaries tried, in order.
const BROWSERS: [&str; 3] = ["chromium", "chromium-browser", "google-chrome"];

/// How long one headless run may take before it is killed.
const BROWSER_TIMEOUT: Duration = Duration::from_mins(2);

/// The first browser binary on `PATH`.
pub fn browser() -> Option<PathBuf> {
    on_path(&BROWSERS)
}

/// The first of `names` that is a file in a folder of `PATH`.
pub fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|file| file.is_file())
    })
}

/// Runs `browser` headless on `page` with `args` besides the usual ones,
/// a fresh profile and nothing that reaches the network, its output into
/// `stdout`; killed after [`BROWSER_TIMEOUT`].
pub fn headless(browser: &Path, args: &[String], page: &Path, stdout: Stdio) {
    let scratch = tempfile::tempdir().unwrap();
    let mut child = Command::new(browser)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!(
            "--user-data-dir={}",
            scratch.path().join("profile").display()
        ))
        .args(args)
        .arg(format!("file://{}", page.display()))
        .stdin(Stdio::null())
        .stdout(stdout)
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while child.try_wait().unwrap().is_none() {
        if started.elapsed() > BROWSER_TIMEOUT {
            child.kill().unwrap();
            panic!("{} took over {BROWSER_TIMEOUT:?}", browser.display());
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// The DOM `browser` builds from `page`, serialized (`--dump-dom`).
fn dump_dom(browser: &Path, page: &Path) -> String {
    let scratch = tempfile::tempdir().unwrap();
    let dom = scratch.path().join("dom.html");
    let out = std::fs::File::create(&dom).unwrap();
    headless(browser, &["--dump-dom".to_string()], page, out.into());
    std::fs::read_to_string(&dom).unwrap()
}

#[test]
fn hostile_handout_in_chromium_shows_text_and_runs_nothing() {
    let Some(browser) = browser() else {
        eprintln!(
            "SKIPPED: no chromium, chromium-browser or google-chrome on PATH; \
             the HTML handout was not checked in a browser"
        );
        return;
    };
    let build = HostileBuild::new();
    let dom = dump_dom(&browser, &build.handout);
    assert!(dom.contains("</html>"), "no DOM dumped:\n{dom}");

    let title = Regex::new(r"<title>([^<]*)</title>").unwrap();
    let title = &title.captures(&dom).expect("a title")[1];
    assert_eq!(
        title,
        build.annotation.doc().id,
        "the script ran or the title broke"
    );

    assert_eq!(
        dom.matches("class=\"hl ").count(),
        build.annotation.spans().len(),
        "every span is highlighted"
    );
    let nested =
        Regex::new(r#"<a class="hl k-event[^"]*"[^>]*><span class="hl k-date"[^>]*>1905<"#);
    assert!(
        nested.unwrap().is_match(&dom),
        "the date stays inside its event"
    );

    let lower = dom.to_lowercase();
    assert!(!lower.contains("<script"), "a script element exists");
    assert!(!lower.contains("<img"), "an img element exists");
    let tag = Regex::new(r"<[^>]*>").unwrap();
    for tag in tag.find_iter(&lower) {
        assert!(!tag.as_str().contains(" onerror"), "{}", tag.as_str());
    }
    for text in [
        "&lt;script&gt;document.title='PWNED'&lt;/script&gt;",
        "&lt;img src=x onerror=\"document.title='PWNED'\"&gt;",
        "Tom &amp; Jerry's \"Club\" &lt;Ltd&gt;",
        "Pwned Party &lt;script&gt;",
    ] {
        assert!(dom.contains(text), "{text} is not shown as text");
    }
}

/// The handout of a Markdown document, as Chromium builds it: headings
/// are headings, the key-dates table is a table, and no markup shows.
#[test]
fn markdown_handout_in_chromium_shows_structure_not_markup() {
    let Some(browser) = browser() else {
        eprintln!(
            "SKIPPED: no chromium, chromium-browser or google-chrome on PATH; \
             the Markdown handout was not checked in a browser"
        );
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let input = crate::util::repo().join("tests/data/formats/notes.md");
    crate::util::glossator()
        .arg("build")
        .arg(&input)
        .arg("--out")
        .arg(out.path())
        .assert()
        .success();
    let dom = dump_dom(&browser, &out.path().join("handouts/notes.html"));
    assert!(dom.contains("</html>"), "no DOM dumped:\n{dom}");
    let title = Regex::new(r"<title>([^<]*)</title>").unwrap();
    assert_eq!(
        &title.captures(&dom).expect("a title")[1],
        "Stalin's Revolution from Above"
    );
    for element in [
        "<h1>",
        "<h2>",
        "<table>",
        "<th>",
        "<td>",
        "<blockquote>",
        "<ol>",
        "<strong>",
        "<em>",
    ] {
        assert!(dom.contains(element), "no {element} in\n{dom}");
    }
    let rows = Regex::new(r"(?s)<table>.*?</table>").unwrap();
    let table = rows.find(&dom).expect("a table").as_str();
    assert_eq!(table.matches("<tr>").count(), 4, "{table}");
    assert!(table.contains("class=\"hl k-date\""), "{table}");
    // The text a reader sees: the DOM without its tags and tooltips.
    let tips = Regex::new(r#"(?s)<span class="tip".*?</span></span>"#).unwrap();
    let tags = Regex::new(r"<[^>]*>").unwrap();
    let article = &dom[dom.find("<article").unwrap()..dom.find("</article>").unwrap()];
    let shown = tags
        .replace_all(&tips.replace_all(article, ""), "")
        .into_owned();
    for markup in ["**", "# ", "| ", "](", "img/", "[^1]", "~~"] {
        assert!(!shown.contains(markup), "{markup:?} shows in\n{shown}");
    }
    assert!(shown.contains("Stalin 1929"), "code is shown: {shown}");
}
