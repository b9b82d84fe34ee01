#!/usr/bin/python3
"""summary.py TITLE HALF DIR STATUS [HALF DIR STATUS ...] - the closing
lines of `make test` and `make check`.

Each HALF (a name: "tests", "sanitizer") ran ctest in the build folder DIR
with --output-junit DIR/junit.xml, and its make step ended with STATUS.
Prints, last of all:

    make check: tests (build/): 10 tests skipped: no ../shared/corpus
    make check: tests (build/): failed: cli, mail
    make check: tests: 2 failed (build/); sanitizer: passed (build-asan/)
    118 passed, 2 failed, 10 skipped

A skipped test's reason is the "SKIP: why" line it printed (tests/harness.py
skip(), tests/needs.sh); skips are grouped by reason, so a clone without
../shared is never mistaken for a full run.  A half that left no results
(its configure or build failed) counts as one failure.  The last line adds
up both halves.  Exits 0 when every half ran and nothing failed, 1 otherwise.
Python 3 standard library only.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET


def shown(d):
    rel = os.path.relpath(d)
    return (d if rel.startswith("..") else rel).rstrip("/") + "/"


def reason(case):
    out = case.findtext("system-out") or ""
    for line in out.splitlines():
        m = re.match(r"\s*SKIP:?\s+(.*\S)", line)
        if m:
            return m.group(1)
    return "no reason given (SKIP_RETURN_CODE)"


def half(name, d, status, title):
    """Prints the half's skips and failures; returns (passed, failed,
    skipped, verdict)."""
    junit = os.path.join(d, "junit.xml")
    where = shown(d)
    try:
        root = ET.parse(junit).getroot()
    except (OSError, ET.ParseError):
        print(f"{title}: {name} ({where}): no test results: configure, build or ctest "
              f"failed (status {status}); see the output above")
        return 0, 1, 0, f"no test results ({where})"
    passed, failed, skips = 0, [], {}
    for case in root.iter("testcase"):
        st = case.get("status")
        if st == "run":
            passed += 1
        elif st == "notrun" or case.find("skipped") is not None:
            skips.setdefault(reason(case), []).append(case.get("name"))
        else:
            failed.append(case.get("name"))
    for why, names in sorted(skips.items(), key=lambda kv: -len(kv[1])):
        n = len(names)
        print(f"{title}: {name} ({where}): {n} test{'s' if n != 1 else ''} skipped: {why} "
              f"({', '.join(names)})")
    if failed:
        print(f"{title}: {name} ({where}): failed: {', '.join(failed)}")
    nskip = sum(len(v) for v in skips.values())
    extra = f", {nskip} skipped" if nskip else ""
    if failed:
        return passed, len(failed), nskip, f"{len(failed)} failed{extra} ({where})"
    if status != "0":
        print(f"{title}: {name} ({where}): ctest ended with status {status} "
              "though no test failed; see the output above")
        return passed, 1, nskip, f"ctest status {status}{extra} ({where})"
    return passed, 0, nskip, f"passed{extra} ({where})"


def main(argv):
    if len(argv) < 5 or (len(argv) - 2) % 3:
        print(__doc__, file=sys.stderr)
        return 2
    title = argv[1]
    total = [0, 0, 0]
    verdicts = []
    for i in range(2, len(argv), 3):
        name, d, status = argv[i:i + 3]
        p, f, s, v = half(name, d, status, title)
        total = [total[0] + p, total[1] + f, total[2] + s]
        verdicts.append(f"{name}: {v}")
    print(f"{title}: " + "; ".join(verdicts))
    print(f"{total[0]} passed, {total[1]} failed, {total[2]} skipped")
    return 1 if total[1] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
