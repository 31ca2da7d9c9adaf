//! The HTML pages of `glossator build`, checked as files (the browser's
//! view is in `html_browser`): hostile text never becomes markup, pages
//! fetch nothing, every link between pages lands on an anchor that
//! exists, and every handout keeps all its spans and lists its terms.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use regex::Regex;

use crate::util::{annotations, glossator, html_files, repo, HostileBuild};

static TAG: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"<[^>]*>").unwrap());
static HREF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r##"href="([^"#]*)(?:#([^"]*))?""##).unwrap());
static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(r#" id="([^"]*)""#).unwrap());

/// `glossator build corpus` with the built-in lexicon, into a temp folder.
fn corpus_build() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    glossator()
        .args(["build", "corpus", "--out"])
        .arg(dir.path())
        .assert()
        .success();
    dir
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

/// Checks that a page has no element or attribute that could run or load
/// anything.
fn assert_inert(path: &Path, page: &str) {
    for tag in TAG.find_iter(page).map(|m| m.as_str().to_lowercase()) {
        for bad in [
            "<script",
            "<img",
            "<iframe",
            "<link",
            " on",
            "src=",
            "javascript:",
        ] {
            assert!(!tag.contains(bad), "{}: {tag}", path.display());
        }
    }
    for bad in ["http:", "https:", "url(", "@import"] {
        assert!(!page.contains(bad), "{}: {bad}", path.display());
    }
    assert!(
        page.contains("Content-Security-Policy"),
        "{}",
        path.display()
    );
}

#[test]
fn hostile_text_never_becomes_markup() {
    let build = HostileBuild::new();
    for path in html_files(&build.out()) {
        assert_inert(&path, &read(&path));
    }
    let handout = read(&build.handout);
    for shown in [
        // the text
        "&lt;script&gt;document.title=&#39;PWNED&#39;&lt;/script&gt;",
        "&lt;img src=x onerror=&quot;document.title=&#39;PWNED&#39;&quot;&gt;",
        "Tom &amp; Jerry&#39;s &quot;Club&quot; &lt;Ltd&gt;",
        "&lt;/p&gt;&lt;/li&gt;&lt;/ul&gt;&lt;b&gt;this&lt;/b&gt;",
        // the lexicon's name and definitions
        "Pwned Party &lt;script&gt;",
        "&lt;b&gt;not bold&lt;/b&gt;",
        "&lt;/span&gt;&lt;/a&gt;&lt;script&gt;",
    ] {
        assert!(handout.contains(shown), "{shown}");
    }
    let index = read(&build.out().join("index.html"));
    assert!(
        index.contains("notes &lt;img src=x onerror=alert(1)&gt; &amp; &#39;q&#39;.txt"),
        "the input's path is shown escaped"
    );
    let glossary = read(&build.out().join("glossary.html"));
    assert!(glossary.contains("&lt;img src=x onerror="));
}

#[test]
fn pages_fetch_and_run_nothing() {
    let dir = corpus_build();
    let pages = html_files(dir.path());
    assert_eq!(
        pages.len(),
        5 + 10,
        "index, glossary, compact glossary, timeline, worksheet, ten handouts"
    );
    for path in pages {
        assert_inert(&path, &read(&path));
    }
}

#[test]
fn every_link_between_pages_lands_on_an_anchor() {
    let dir = corpus_build();
    let ids: HashMap<PathBuf, BTreeSet<String>> = html_files(dir.path())
        .into_iter()
        .map(|path| {
            let path = std::fs::canonicalize(path).unwrap();
            let page = read(&path);
            let ids: Vec<String> = ID.captures_iter(&page).map(|c| c[1].to_string()).collect();
            let unique: BTreeSet<String> = ids.iter().cloned().collect();
            assert_eq!(unique.len(), ids.len(), "{}: ids repeat", path.display());
            (path, unique)
        })
        .collect();
    let mut links = 0;
    for path in ids.keys() {
        for link in HREF.captures_iter(&read(path)) {
            let folder = path.parent().unwrap();
            let target = match &link[1] {
                "" => path.clone(),
                file => folder.join(file),
            };
            let target = std::fs::canonicalize(&target)
                .unwrap_or_else(|_| panic!("{}: {} is missing", path.display(), &link[1]));
            if let Some(fragment) = link.get(2) {
                let anchors = &ids[&target];
                assert!(
                    anchors.contains(fragment.as_str()),
                    "{}: #{} is not in {}",
                    path.display(),
                    fragment.as_str(),
                    target.display()
                );
            }
            links += 1;
        }
    }
    assert!(links > 1000, "{links} links checked");
}

#[test]
fn every_handout_keeps_its_spans_and_lists_its_terms() {
    let dir = corpus_build();
    for path in html_files(&dir.path().join("handouts")) {
        let handout = read(&path);
        let stem = path.file_stem().unwrap().to_str().unwrap();
        let json = std::fs::read(dir.path().join(format!("annotations/{stem}.json"))).unwrap();
        let annotation = annotations(&json).pop().unwrap();
        assert_eq!(
            handout.matches("class=\"hl ").count(),
            annotation.spans().len(),
            "{stem}"
        );
        let entries: BTreeSet<&str> = annotation
            .spans()
            .iter()
            .filter_map(|s| s.entry.as_deref())
            .collect();
        let (_, terms) = handout
            .split_once("<h2>Terms in this handout</h2>")
            .unwrap_or_else(|| panic!("{stem}: no terms section"));
        // Those named only nested in another's span are for the screen.
        assert_eq!(terms.matches("<dt").count(), entries.len(), "{stem}");
    }
}

/// The text a reader sees in the handout's article, tooltips left out,
/// character references decoded.
fn article_text(handout: &str) -> String {
    let (_, article) = handout.split_once("<article class=\"text\">").unwrap();
    let (article, _) = article.split_once("</article>").unwrap();
    let mut shown = String::new();
    let mut tip_depth = 0;
    let mut at = 0;
    for tag in TAG.find_iter(article) {
        if tip_depth == 0 {
            shown.push_str(&article[at..tag.start()]);
        }
        at = tag.end();
        match tag.as_str() {
            t if t.starts_with("<span class=\"tip\"") => tip_depth = 1,
            t if tip_depth > 0 && t.starts_with("<span") => tip_depth += 1,
            "</span>" if tip_depth > 0 => tip_depth -= 1,
            _ => {}
        }
    }
    shown.push_str(&article[at..]);
    shown
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn the_handout_text_reads_as_written() {
    let build = HostileBuild::new();
    let shown = article_text(&read(&build.handout));
    let source = read(&repo().join("tests/data/hostile-input.txt"));
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    assert_eq!(squash(&shown), squash(&source));
}
