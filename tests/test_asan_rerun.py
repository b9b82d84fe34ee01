#!/usr/bin/python3
"""test_asan_rerun.py REPO - tests/asan_rerun.py on made-up ctest results:
a test whose only failure is LeakSanitizer's tracer crash is run again
(a one-test ctest project here) and its second result replaces the
first; a plain failure, a leak report, or a mix are never rerun."""
import os
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from harness import check, report  # noqa: E402

TRACER = ("Tracer caught signal 11: addr=0x2388\n"
          "==1==LeakSanitizer has encountered a fatal error.")
LEAK = "==1==ERROR: LeakSanitizer: detected memory leaks"


def junit(d, cases):
    body = "".join(f'<testcase name="{n}" status="{st}"><system-out>{out}'
                   "</system-out></testcase>" for n, st, out in cases)
    with open(os.path.join(d, "junit.xml"), "w") as f:
        f.write(f'<?xml version="1.0"?><testsuite>{body}</testsuite>')


def run(script, d):
    r = subprocess.run([sys.executable, script, d], capture_output=True, text=True)
    return r.returncode, r.stdout, open(os.path.join(d, "junit.xml")).read()


def main():
    script = os.path.join(sys.argv[1], "tests", "asan_rerun.py")
    with tempfile.TemporaryDirectory() as d:
        # a ctest project of one test that passes: what a rerun runs
        with open(os.path.join(d, "CTestTestfile.cmake"), "w") as f:
            f.write("add_test(feed /bin/true)\n")
        for what, cases in [
                ("a plain failure", [("feed", "fail", "FAIL a check")]),
                ("a leak report", [("feed", "fail", LEAK + "\n" + TRACER)]),
                ("a tracer crash beside a plain failure",
                 [("feed", "fail", TRACER), ("cli", "fail", "FAIL a check")])]:
            junit(d, cases)
            before = open(os.path.join(d, "junit.xml")).read()
            rc, out, after = run(script, d)
            check(f"{what}: not rerun, still failed", rc == 1 and "once more" not in out
                  and after == before, (rc, out))
        junit(d, [("spec", "run", "ok"), ("feed", "fail", "all ok\n" + TRACER)])
        rc, out, after = run(script, d)
        check("the tracer crash alone: rerun once, said, passed", rc == 0 and
              "tracer crashed at exit in feed" in out and "running it once more" in out, (rc, out))
        check("... its second result stands in junit.xml, the others kept",
              after.count("<testcase") == 2 and 'name="spec"' in after and
              "fatal error" not in after, after)
    return report()


if __name__ == "__main__":
    sys.exit(main())
