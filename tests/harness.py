"""harness.py - the check/report pair every Python test script uses.

    sys.path.insert(0, <repo>/tests); from harness import check, report

check(name, cond, detail) prints "ok   NAME" or "FAIL NAME DETAIL";
report() prints "N passed, M failed" and returns the exit status (1 when
any check failed).  Python 3 standard library only.
"""
passed = failed = 0


def check(name, cond, detail=""):
    global passed, failed
    if cond:
        passed += 1
        print(f"ok   {name}")
    else:
        failed += 1
        print(f"FAIL {name} {detail}")


def report():
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0
