#!/usr/bin/env python3
"""presscut_spark.py - presscut as the map step of Apache Spark (RDD.pipe).

    spark-submit --files /usr/local/bin/presscut presscut_spark.py \\
        WARC_LIST.txt OUTPUT_DIR [PARTITIONS]

WARC_LIST.txt names one WARC (or .warc.gz) path a line, on storage every
executor can read (HDFS mounted, NFS, or a local copy).  Each partition's
paths are piped to

    presscut batch --inputs-from - --out - --quiet --jobs 1

which reads the paths from standard input and writes one JSON object a
document to standard output: the exact protocol tests/batch/test_pipe.py
checks.  The JSON Lines land in OUTPUT_DIR (part-*), one document a line.
"""
import sys

from pyspark import SparkContext, SparkFiles


def main():
    if len(sys.argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    paths, out = sys.argv[1], sys.argv[2]
    parts = int(sys.argv[3]) if len(sys.argv) > 3 else None
    sc = SparkContext(appName="presscut")
    warcs = sc.textFile(paths).filter(lambda l: l.strip())
    if parts:
        warcs = warcs.repartition(parts)
    # presscut shipped with --files, or installed on every executor
    try:
        exe = SparkFiles.get("presscut")
    except Exception:  # noqa: BLE001 - not shipped: the one on PATH
        exe = "presscut"
    docs = warcs.pipe(f"{exe} batch --inputs-from - --out - --quiet --jobs 1")
    docs.saveAsTextFile(out)
    sc.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
