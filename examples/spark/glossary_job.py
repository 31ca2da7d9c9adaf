"""glossator on Spark: the glossary and the annotations of a corpus too big
for one machine's disk or hours.

    python examples/spark/glossary_job.py INPUT OUT [--master local[2]]
        [--partitions N] [--lexicon PATH]... [--no-default-lexicon]
        [--no-dates] [--max-occurrences 20] [--min-count 1]

INPUT is a folder of notes (walked for .txt and .md as `glossator` walks
it) or a JSON Lines file of {"id": ..., "text": ...} records. The job
writes OUT/annotations/ (JSON Lines part files, one annotation per document,
in document order) and OUT/glossary.json, which is what `glossator glossary
INPUT` writes. Each partition is annotated on its executor by the Python
package (an Annotator travels pickled and is rebuilt there from its lexicon
files, which must be readable at the same paths), makes the glossary of its
own documents, and the driver merges these partials in partition order with
glossator.merge, the reduction of `glossator merge`. Documents that cannot
be read and records that are not records are named on stderr and left out,
and the job exits 1, as the command does.
"""

import argparse
import json
import os
import sys
from pathlib import Path

import glossator


def compact(value):
    """JSON as glossator writes it."""
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def documents(spark, source, partitions):
    """An RDD of (id, path, text or None), in document order. Folders are
    listed on the driver and read on the executors; a JSON Lines file is
    split by Spark and parsed on the executors."""
    if Path(source).is_dir():
        found = glossator.find_documents([source])
        rdd = spark.sparkContext.parallelize(found, partitions)
        return rdd.map(lambda doc: (doc[0], doc[1], None))
    lines = spark.sparkContext.textFile(source, partitions)
    return lines.filter(lambda line: line.strip()).map(lambda line: (None, source, line))


def annotate_partition(annotator, max_occurrences):
    """The function each partition runs: yields ("annotation", json) per
    document, ("error", message) per bad input, and one ("glossary", json)
    partial last."""

    def run(rows):
        ids, paths, texts, formats, errors = [], [], [], [], []
        for id, path, payload in rows:
            try:
                if id is None:
                    try:
                        record = json.loads(payload)
                    except ValueError as err:
                        raise ValueError(f"{path}: not a record: {err}") from None
                    if not (
                        isinstance(record, dict)
                        and isinstance(record.get("text"), str)
                        and isinstance(record.get("id"), (str, int, float))
                        and not isinstance(record["id"], bool)
                    ):
                        raise ValueError(f"{path}: not a record: {payload[:80]!r}")
                    id, text = str(record["id"]), record["text"]
                    text_format = record.get("format", "text")
                else:
                    text = glossator.read_document(path)
                    text_format = glossator.document_format(path)
            except ValueError as err:
                errors.append(str(err))
                continue
            ids.append(id)
            paths.append(path)
            texts.append(text)
            formats.append(text_format)
        annotations = annotator.annotate_batch(texts, ids=ids, format=formats)
        for annotation, path in zip(annotations, paths):
            annotation["doc"]["path"] = path
            yield ("annotation", compact(annotation))
        for error in errors:
            yield ("error", error)
        yield ("glossary", compact(annotator.glossary(annotations, texts, max_occurrences)))

    return run


def run(spark, source, out, annotator, partitions, max_occurrences=20, min_count=1):
    """Writes OUT/annotations/ and OUT/glossary.json; returns the error
    messages."""
    results = documents(spark, source, partitions).mapPartitions(
        annotate_partition(annotator, max_occurrences)
    )
    results.persist()
    out = Path(out)
    annotations = results.filter(lambda r: r[0] == "annotation").map(lambda r: r[1])
    annotations.saveAsTextFile(str(out / "annotations"))
    rest = results.filter(lambda r: r[0] != "annotation").collect()
    results.unpersist()
    # collect() keeps partition order: the partials are in document order.
    partials = [json.loads(body) for kind, body in rest if kind == "glossary"]
    glossary = glossator.merge(partials, min_count=min_count)
    (out / "glossary.json").write_text(compact(glossary) + "\n", encoding="utf-8")
    return [body for kind, body in rest if kind == "error"]


def session(master):
    """A Spark session whose Python workers run this interpreter."""
    from pyspark.sql import SparkSession

    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    builder = SparkSession.builder.master(master).appName("glossator")
    builder = builder.config("spark.ui.enabled", "false")
    if master.startswith("local"):
        # One machine: driver and executors talk over the loopback only.
        builder = builder.config("spark.driver.host", "127.0.0.1")
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    # The executors import this module's functions (when it is imported,
    # as the test does, they are pickled by reference).
    spark.sparkContext.addPyFile(__file__)
    return spark


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("input")
    parser.add_argument("out")
    parser.add_argument("--master", default="local[*]")
    parser.add_argument("--partitions", type=int, default=None)
    parser.add_argument("--lexicon", action="append", default=[])
    parser.add_argument("--no-default-lexicon", action="store_true")
    parser.add_argument("--no-dates", action="store_true")
    parser.add_argument("--max-occurrences", type=int, default=20)
    parser.add_argument("--min-count", type=int, default=1)
    args = parser.parse_args(argv)
    try:
        annotator = glossator.Annotator(
            lexicons=args.lexicon, builtin=not args.no_default_lexicon, dates=not args.no_dates
        )
    except glossator.LexiconError as err:
        print(f"glossator: {err}", file=sys.stderr)
        return 2
    spark = session(args.master)
    try:
        partitions = args.partitions or spark.sparkContext.defaultParallelism
        errors = run(
            spark, args.input, args.out, annotator, partitions,
            args.max_occurrences, args.min_count,
        )
    finally:
        spark.stop()
    for error in errors:
        print(f"glossator: {error}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
