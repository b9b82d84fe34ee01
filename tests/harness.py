"""harness.py - the check/report pair every Python test script uses.

    sys.path.insert(0, <repo>/tests); from harness import check, report

check(name, cond, detail) prints "ok   NAME" or "FAIL NAME DETAIL";
report() prints "N passed, M failed" and returns the exit status (1 when
any check failed).  start_smtpd() starts the test SMTP server
(tests/mail/smtpd.py) on 127.0.0.1 and stop() ends a process.  Python 3
standard library only.
"""
import os
import signal
import subprocess
import time

passed = failed = 0
SMTPD = os.path.join(os.path.dirname(os.path.abspath(__file__)), "mail",
                     "smtpd.py")


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


def start_smtpd(tmp, name="spool", args=()):
    """Starts tests/mail/smtpd.py spooling into tmp/name, polling for the
    port it writes; returns (process, spool directory, port)."""
    spool = os.path.join(tmp, name)
    pf = os.path.join(tmp, name + ".port")
    p = subprocess.Popen(["/usr/bin/python3", SMTPD, "--spool", spool,
                          "--portfile", pf] + list(args),
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    for _ in range(400):
        if os.path.exists(pf) and os.path.getsize(pf) > 0:
            return p, spool, int(open(pf).read())
        if p.poll() is not None:
            raise RuntimeError("smtpd died: " + p.stderr.read().decode())
        time.sleep(0.05)
    p.kill()
    raise RuntimeError("smtpd did not start")


def stop(p):
    """SIGTERM, then SIGKILL after 5 s; returns the exit status."""
    p.send_signal(signal.SIGTERM)
    try:
        return p.wait(5)
    except subprocess.TimeoutExpired:
        p.kill()
        return p.wait()
