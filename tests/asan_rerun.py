#!/usr/bin/python3
"""asan_rerun.py DIR - after the sanitizer half's ctest failed in DIR:
runs once more the tests whose only trouble was LeakSanitizer's own
tracer crashing at a process's exit, and says so.

That crash ("Tracer caught signal 11 ... LeakSanitizer has encountered a
fatal error") is a known intermittent defect of the sanitizer runtime's
stop-the-world step, not a leak report and not a defect of the program
(google/sanitizers#1353); a real leak reads "ERROR: LeakSanitizer:
detected memory leaks" and is never rerun.  A test is rerun only when its
output holds the tracer crash; its second result replaces the first in
DIR/junit.xml (which tests/summary.py reads), so the summary counts it
once.  The environment (ASAN_OPTIONS ...) is the caller's.  Exits 0 when
no test is left failed, 1 otherwise.  Python 3 standard library only.
"""
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

TRACER = "LeakSanitizer has encountered a fatal error"
LEAK = "LeakSanitizer: detected memory leaks"


def failed_cases(root):
    for case in root.iter("testcase"):
        if case.get("status") not in ("run", "notrun") and case.find("skipped") is None:
            yield case


def main(argv):
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    d = argv[1]
    junit = os.path.join(d, "junit.xml")
    try:
        tree = ET.parse(junit)
    except (OSError, ET.ParseError):
        return 1
    failed = list(failed_cases(tree.getroot()))
    again = [c for c in failed
             if TRACER in (c.findtext("system-out") or "")
             and LEAK not in (c.findtext("system-out") or "")]
    if not failed or len(again) != len(failed):
        return 1  # some failure is not the tracer's: nothing is rerun
    names = [c.get("name") for c in again]
    print(f"sanitizer: LeakSanitizer's tracer crashed at exit in {', '.join(names)} "
          "(google/sanitizers#1353, not a leak report): running "
          f"{'it' if len(names) == 1 else 'them'} once more", flush=True)
    rerun = os.path.join(d, "junit-rerun.xml")
    pattern = "^(" + "|".join(re.escape(n) for n in names) + ")$"
    rc = subprocess.call(["ctest", "--output-on-failure", "-R", pattern,
                          "--output-junit", rerun], cwd=d)
    try:
        second = {c.get("name"): c for c in ET.parse(rerun).getroot().iter("testcase")}
    except (OSError, ET.ParseError):
        return 1
    parent = {c: p for p in tree.getroot().iter() for c in p}
    for case in again:
        new = second.get(case.get("name"))
        if new is not None:
            p = parent[case]
            p.insert(list(p).index(case), new)
            p.remove(case)
    tree.write(junit, encoding="utf-8", xml_declaration=True)
    return 0 if rc == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
