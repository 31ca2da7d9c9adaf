"""annotate_batch against the glossator command on the same texts, in CPU
seconds (steadier than wall time on a shared machine).

    cargo run --release --example gen_corpus -- /tmp/gen20 20 10000
    python python/bench_batch.py /tmp/gen20 [target/release/glossator]

Prints the best of three runs of each: the batch (texts already read, the
Annotator already built; with the collection of Python's young generation
that it leaves for later, the cyclic garbage collector being paused while it
runs), the command's whole run (reading and lexicon included, output to
/dev/null), and json.loads of the command's output.
"""

import gc
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

import glossator


def best_cpu(run, rounds=3):
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        result = run()
        best = min(best, time.process_time() - start)
        del result
    return best


def command_cpu(args, rounds=3):
    best = float("inf")
    for _ in range(rounds):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        subprocess.run(args, stdout=subprocess.DEVNULL, check=True)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        used = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best = min(best, used)
    return best


def main():
    data = Path(sys.argv[1])
    command = sys.argv[2] if len(sys.argv) > 2 else "target/release/glossator"
    files = sorted((data / "corpus").iterdir())
    texts = [path.read_text(encoding="utf-8") for path in files]
    ids = [path.stem for path in files]
    lexicon = data / "lexicon.toml"
    annotator = glossator.Annotator(lexicons=[lexicon], builtin=False)
    spans = sum(len(a["spans"]) for a in annotator.annotate_batch(texts, ids=ids))
    args = [command, "annotate", "--no-default-lexicon", "--lexicon", str(lexicon)]
    args += ["--jobs", "2", str(data / "corpus")]
    lines = subprocess.run(args, capture_output=True, check=True).stdout.splitlines()
    batch = best_cpu(lambda: (annotator.annotate_batch(texts, ids=ids, jobs=2), gc.collect(0)))
    cli = command_cpu(args)
    loads = best_cpu(lambda: [json.loads(line) for line in lines])
    print(f"{len(texts)} texts, {sum(map(len, texts)) / 1e6:.1f} MB, {spans} spans")
    print(f"annotate_batch: {batch:.2f} s CPU")
    print(f"glossator annotate: {cli:.2f} s CPU ({batch / cli:.2f}x)")
    print(f"json.loads of its output: {loads:.2f} s CPU")


if __name__ == "__main__":
    main()
