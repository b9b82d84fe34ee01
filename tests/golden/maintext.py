#!/usr/bin/env python3
"""maintext.py PRESSCUT FIXTURE_DIR: every NAME.html against NAME.json.

The body is the text of the JSON blocks joined by blank lines (the title is
metadata); each "with" passage must be in it and no "without" one, after
white space is folded."""
import json
import os
import re
import subprocess
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import scaled  # noqa: E402


def norm(t):
    return re.sub(r"\s+", " ", t).strip()


def main():
    binary, d = sys.argv[1], sys.argv[2]
    passed = failed = 0
    for name in sorted(os.listdir(d)):
        if not name.endswith(".html"):
            continue
        gold = json.load(open(os.path.join(d, name[:-5] + ".json"), encoding="utf-8"))
        out = subprocess.run([binary, "extract", "--format", "json", os.path.join(d, name)],
                             capture_output=True, timeout=scaled(60))
        bad = []
        if out.returncode != 0:
            bad.append("exit %d" % out.returncode)
        else:
            doc = json.loads(out.stdout)
            body = norm("\n\n".join(b["text"] for b in doc["blocks"] if b["text"]))
            bad += ["missing: " + s for s in gold.get("with", []) if norm(s) not in body]
            bad += ["leaked: " + s for s in gold.get("without", []) if norm(s) in body]
        if bad:
            failed += 1
            print("FAIL %s:\n  %s" % (name, "\n  ".join(bad)), file=sys.stderr)
        else:
            passed += 1
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
