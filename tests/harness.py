"""harness.py - the check/report pair every Python test script uses.

    sys.path.insert(0, <repo>/tests); from harness import check, report

check(name, cond, detail) prints "ok   NAME" or "FAIL NAME DETAIL";
report() prints "N passed, M failed" and returns the exit status (1 when
any check failed).  start_smtpd() starts the test SMTP server
(tests/mail/smtpd.py) on 127.0.0.1 and stop() ends a process.  Python 3
standard library only.

Time limits: every limit a test sets (a subprocess timeout, a socket
timeout, a readiness deadline) goes through scaled(seconds), which
multiplies it by $PC_TEST_TIMEOUT_SCALE (default 1; ctest sets it for
every test from the value CMake was configured with, see tests/README.md).
A test waits for a result with wait_until(pred, timeout), which polls,
never with a fixed sleep.  A test that cannot run here returns skip(why):
it prints "SKIP: why" (the reason `make check` sums up) and returns 77,
the SKIP_RETURN_CODE of tests/CMakeLists.txt.
"""
import os
import signal
import socket
import subprocess
import time

passed = failed = 0


def _scale():
    v = os.environ.get("PC_TEST_TIMEOUT_SCALE") or "1"
    try:
        f = float(v)
    except ValueError:
        f = 0
    if not f > 0:
        raise SystemExit(f"PC_TEST_TIMEOUT_SCALE={v!r}: not a positive number")
    return f


SCALE = _scale()


def scaled(seconds):
    """A time limit of `seconds` on a busy two-core machine, times the
    factor (an int when whole, so that names and messages read "30 s")."""
    t = seconds * SCALE
    return int(t) if t == int(t) else t


def wait_until(pred, timeout, interval=0.05):
    """Polls pred() every `interval` seconds until it returns a true value
    (returned) or scaled(timeout) seconds have passed (the last, false
    value is returned).  pred() is called at least once, and once more
    at the deadline."""
    end = time.monotonic() + scaled(timeout)
    while True:
        v = pred()
        if v or time.monotonic() >= end:
            return v
        time.sleep(interval)


def skip(why):
    """A test that cannot run here: says why, returns the status 77."""
    print(f"SKIP: {why}", flush=True)
    return 77
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
    def up():
        if p.poll() is not None:
            raise RuntimeError("smtpd died: " + p.stderr.read().decode())
        return os.path.exists(pf) and os.path.getsize(pf) > 0
    if wait_until(up, 20):
        return p, spool, int(open(pf).read())
    p.kill()
    raise RuntimeError("smtpd did not start")


def stop(p):
    """SIGTERM, then SIGKILL after scaled(5) s; returns the exit status."""
    p.send_signal(signal.SIGTERM)
    try:
        return p.wait(scaled(5))
    except subprocess.TimeoutExpired:
        p.kill()
        return p.wait()


def free_port():
    """A TCP port on 127.0.0.1 that nothing listens on now."""
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def listening(port):
    """Whether something accepts connections on 127.0.0.1:port."""
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
        return True
    except OSError:
        return False


def run_main(main, procs):
    """sys.exit(main()), killing whatever of procs still runs, whatever
    main did."""
    import sys
    try:
        rc = main()
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
                p.wait()
    sys.exit(rc)


def start_serve(cmd, procs, env=None):
    """Starts cmd (presscut serve ...), adds it to procs and returns it
    with its first stdout line (the URL it serves on); its stderr lines
    are collected in p.log by a thread (p.reader), so that a full pipe
    never stalls the server."""
    import threading
    e = dict(os.environ)
    e.update(env or {})
    p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         env=e)
    procs.append(p)
    first = p.stdout.readline().decode().strip()
    if not first:
        raise RuntimeError("serve did not start: " + p.stderr.read().decode())
    p.log = []
    p.reader = threading.Thread(
        target=lambda: p.log.extend(ln.decode(errors="replace").rstrip("\n")
                                    for ln in p.stderr), daemon=True)
    p.reader.start()
    return p, first


def request(c, path, body=None, headers=None, method=None, raw=None):
    """One request on the http.client connection c, which it closes: a
    JSON body (body), raw bytes (raw) or none; (status, headers, body)."""
    import json
    data = raw if raw is not None else (json.dumps(body).encode() if body is not None else None)
    h = {"Content-Type": "application/json"} if data is not None else {}
    h.update(headers or {})
    c.request(method or ("POST" if data is not None else "GET"), path, body=data, headers=h)
    r = c.getresponse()
    out = r.status, dict(r.getheaders()), r.read()
    c.close()
    return out
