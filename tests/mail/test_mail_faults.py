#!/usr/bin/python3
"""test_mail_faults.py PRESSCUT REPO - presscut mail against servers that
stop answering, against a full disk, and after a kill -9.

* A server (tests/mail/smtpd.py --mode hang:PHASE) that stops answering at
  each SMTP phase, the final "." of DATA included: `--smtp-timeout 2
  --retries 0` gives up with exit 4 in well under 30 s (the bound is
  generous: a correctness test, not a benchmark), and so does
  `--retries 1`; the reason is one line, and "gave up after retries" only
  when there were retries.  A server that accepted the message but never
  answers QUIT: sent (exit 0), once.
* A full disk (-o /dev/full) or a file size limit (RLIMIT_FSIZE) while
  writing the outbox: one line, exit 5 (an I/O error; 3 is for an input
  that cannot be read), nothing half-written left in the outbox.
* At-least-once: a server that received the whole message but never
  answered 250, the sender killed (-9) while waiting; the next
  --flush-outbox sends it again, with the same Message-ID (on the From's
  domain) and the same bytes, so the receiver can drop the duplicate.  The
  retries within one run carry the same Message-ID too.
"""
import atexit
import os
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
SEED = os.path.join(REPO, "examples", "crocus-article.txt")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, run_main, scaled, stop  # noqa: E402
import mailtest  # noqa: E402
from mailtest import received  # noqa: E402
BOUND = scaled(30)  # seconds; --smtp-timeout 2 needs a few


def server(tmp, name, mode="ok"):
    p, spool, port = mailtest.smtp_server(tmp, name, ["--mode", mode])
    return p, spool, f"smtp://127.0.0.1:{port}"


def mail(*args, limit=None):
    """Runs presscut mail; (exit status, stderr, seconds), status None when
    it had to be killed after 60 s."""
    def fsize():
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # write() fails instead
    t0 = time.monotonic()
    try:
        r = subprocess.run([PRESSCUT, "mail"] + list(args), capture_output=True,
                           timeout=scaled(60), preexec_fn=fsize if limit else None)
        return r.returncode, r.stderr.decode(), time.monotonic() - t0
    except subprocess.TimeoutExpired:
        return None, f"killed after {scaled(60):g} s", time.monotonic() - t0


def empty(box):
    if os.path.isdir(box):
        for f in os.listdir(box):
            os.unlink(os.path.join(box, f))


def one_line(err):
    return err.count("\n") == 1 and err.startswith("presscut: ")


def hangs(tmp, box, base):
    fast = ["--retry-wait", "100", "--smtp-timeout", "2"]
    for phase in ("greeting", "ehlo", "mail", "rcpt", "data", "dot"):
        p, spool, url = server(tmp, "hang-" + phase, "hang:" + phase)
        rc, err, s = mail(SEED, "--smtp", url, "--retries", "0", *base, *fast)
        check(f"hang at {phase}, --retries 0: exit 4", rc == 4, (rc, err))
        check(f"hang at {phase}, --retries 0: within {BOUND} s", s < BOUND, f"{s:.1f} s")
        check(f"hang at {phase}: one line", one_line(err), err)
        check(f"hang at {phase}, --retries 0: no 'gave up after retries'",
              "retries" not in err and "attempts" not in err, err)
        check(f"hang at {phase}: the message waits in the outbox",
              len(os.listdir(box)) == 1, os.listdir(box))
        empty(box)
        if phase == "dot":
            check("hang at dot: the server had the whole message", len(received(spool)) == 1)
            rc, err, s = mail(SEED, "--smtp", url, "--retries", "1", *base, *fast)
            check("hang at dot, --retries 1: exit 4", rc == 4, (rc, err))
            check(f"hang at dot, --retries 1: within {BOUND} s", s < BOUND, f"{s:.1f} s")
            check("hang at dot, --retries 1: says it gave up after 2 attempts",
                  "gave up after 2 attempts" in err and one_line(err), err)
            got = received(spool)[1:]
            check("hang at dot, --retries 1: both attempts reached the server", len(got) == 2, len(got))
            if len(got) == 2:
                ids = [m["message-id"] for _, _, m in got]
                check("the retry carries the same Message-ID", ids[0] and ids[0] == ids[1], ids)
                check("the retry sends the same bytes", got[0][1] == got[1][1])
            empty(box)
        stop(p)


def quit_hangs(tmp, box, base):
    """250 for the message, then no reply to QUIT: sent, not sent twice."""
    p, spool, url = server(tmp, "hang-quit", "hang:quit")
    rc, err, s = mail(SEED, "--smtp", url, "--retries", "1", "--smtp-timeout", "2", *base)
    check("hang at quit: delivered, exit 0", rc == 0, (rc, err))
    check(f"hang at quit: within {BOUND} s", s < BOUND, f"{s:.1f} s")
    check("hang at quit: received once", len(received(spool)) == 1, len(received(spool)))
    check("hang at quit: the outbox is empty", os.listdir(box) == [], os.listdir(box))
    stop(p)


def full_disk(tmp, box, base):
    rc, err, _ = mail(SEED, "--dry-run", "-o", "/dev/full", *base)
    check("-o /dev/full: exit 5 (I/O error)", rc == 5, (rc, err))
    check("-o /dev/full: one line naming the cause",
          one_line(err) and "No space left on device" in err, err)
    # the outbox over a file size limit: write() fails with EFBIG
    empty(box)
    rc, err, _ = mail(SEED, "--smtp", "smtp://127.0.0.1:9", *base, limit=4096)
    check("outbox over RLIMIT_FSIZE: exit 5 (I/O error)", rc == 5, (rc, err))
    check("outbox over RLIMIT_FSIZE: one line naming the cause",
          one_line(err) and "File too large" in err, err)
    check("outbox over RLIMIT_FSIZE: nothing half-written left",
          os.listdir(box) == [], os.listdir(box))


def killed(tmp, box, base):
    """kill -9 between the end of DATA and the 250: sent again, same ID."""
    empty(box)
    p, spool, url = server(tmp, "killed", "hang:dot")
    c = subprocess.Popen([PRESSCUT, "mail", SEED, "--smtp", url, "--retries", "0",
                          "--smtp-timeout", "60"] + base,  # waits for the 250
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    t0 = time.monotonic()
    while not received(spool) and c.poll() is None and time.monotonic() - t0 < scaled(60):
        time.sleep(0.05)
    check("the hanging server received the message", len(received(spool)) == 1)
    c.kill()  # SIGKILL, while it waits for the 250
    c.wait()
    stop(p)
    check("the killed send's claim is left in the outbox",
          len([f for f in os.listdir(box) if ".eml.sending-" in f]) == 1, os.listdir(box))
    q, spool2, url2 = server(tmp, "after-kill")
    rc, err, _ = mail("--flush-outbox", "--smtp", url2, "--outbox", box)
    check("the flush after the kill: exit 0", rc == 0, (rc, err))
    first, again = received(spool), received(spool2)
    check("the flush sends the message again (at least once)", len(again) == 1, len(again))
    check("the outbox is empty after the flush", os.listdir(box) == [], os.listdir(box))
    stop(q)
    if first and again:
        a, b = first[0][2]["message-id"], again[0][2]["message-id"]
        check("both copies carry the same Message-ID", a and a == b, (a, b))
        check("both copies are the same bytes", first[0][1] == again[0][1])
        check("the Message-ID is on the From's domain, nothing else",
              a and a.startswith("<") and a.endswith("@example.org>") and a.count("@") == 1, a)


def main():
    tmp = tempfile.mkdtemp(prefix="pc-mail-faults-")
    atexit.register(shutil.rmtree, tmp, True)  # the run leaves nothing behind
    box = os.path.join(tmp, "outbox")
    base = ["--from", "Reader <reader@example.org>", "--to", "ann@example.com",
            "--outbox", box]
    hangs(tmp, box, base)
    quit_hangs(tmp, box, base)
    full_disk(tmp, box, base)
    killed(tmp, box, base)
    return report()


if __name__ == "__main__":
    run_main(main, mailtest.servers)
