"""Peer tools for benches/compare/run.sh, each run as typically used.

Usage: peers.py TOOL TERMS CORPUS_DIR

Reads the surface forms in TERMS (one a line), builds the tool's matcher,
then reads every .txt file under CORPUS_DIR (sorted) and counts what the
tool finds, case-insensitively. Prints the count; run.sh times the whole
process with /usr/bin/time.

TOOL is one of
  flashtext      FlashText KeywordProcessor (case-insensitive default)
  spacy          spaCy PhraseMatcher, attr LOWER, on spacy.blank("en")
  pyahocorasick  pyahocorasick leftmost-longest (iter_long) over the
                 lower-cased text, with a word-boundary check
"""

import os
import sys


def documents(corpus):
    for root, dirs, files in os.walk(corpus):
        dirs.sort()
        for name in sorted(files):
            if name.endswith(".txt"):
                with open(os.path.join(root, name), encoding="utf-8") as f:
                    yield f.read()


def run_flashtext(terms, corpus):
    from flashtext import KeywordProcessor

    processor = KeywordProcessor()
    for term in terms:
        processor.add_keyword(term)
    return sum(len(processor.extract_keywords(text)) for text in documents(corpus))


def run_spacy(terms, corpus):
    import spacy
    from spacy.matcher import PhraseMatcher

    nlp = spacy.blank("en")
    nlp.max_length = 10**9
    matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
    matcher.add("TERMS", list(nlp.tokenizer.pipe(terms)))
    return sum(len(matcher(nlp.make_doc(text))) for text in documents(corpus))


def is_word(text, at):
    return 0 <= at < len(text) and (text[at].isalnum() or text[at] == "_")


def run_pyahocorasick(terms, corpus):
    import ahocorasick

    automaton = ahocorasick.Automaton()
    for term in terms:
        automaton.add_word(term.lower(), len(term))
    automaton.make_automaton()
    count = 0
    for text in documents(corpus):
        lower = text.lower()
        for end, length in automaton.iter_long(lower):
            start = end - length + 1
            if not is_word(lower, start - 1) and not is_word(lower, end + 1):
                count += 1
    return count


TOOLS = {
    "flashtext": run_flashtext,
    "spacy": run_spacy,
    "pyahocorasick": run_pyahocorasick,
}


def main():
    tool, terms_path, corpus = sys.argv[1:]
    with open(terms_path, encoding="utf-8") as f:
        terms = [line.rstrip("\n") for line in f if line.strip()]
    print(f"{TOOLS[tool](terms, corpus)} matches")


if __name__ == "__main__":
    main()
