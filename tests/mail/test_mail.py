#!/usr/bin/python3
"""test_mail.py PRESSCUT REPO - presscut mail against a real SMTP server.

Starts tests/mail/smtpd.py (aiosmtpd, Debian's python3-aiosmtpd) on
127.0.0.1 and checks what it received with Python's MIME parser: envelope
recipients, the subject (Russian, RFC 2047), the text and HTML parts
holding the article, a PDF attachment whose pdftotext text is the article.
Faults: server down (the message waits in the outbox, exit 4; a later
--flush-outbox delivers it exactly once), 451 then 250 (retried, delivered
once), 550 (reported at once, kept), a connection closed mid-DATA, an
invalid address (nothing sent), STARTTLS with a self-signed certificate
made here (openssl) and --cacert, --tls required against a server without
TLS (refused), AUTH with --password-file.  Issue 19: a queued message keeps
its TLS mode and AUTH user (never the password) and a flush honours them (a
message queued under --tls required is never sent in clear); --user against
a server offering no AUTH is an error, not an unauthenticated send; a send
prints one line.
"""
import atexit
import email
import email.policy
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
SEED = os.path.join(REPO, "examples", "crocus-article.txt")
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, run_main, scaled, stop, free_port  # noqa: E402
import mailtest  # noqa: E402
from mailtest import received  # noqa: E402


def server(tmp, name, mode="ok", tls=None, auth=None, port=0):
    args = ["--mode", mode, "--port", str(port)]
    if tls:
        args += ["--tls-cert", tls[0], "--tls-key", tls[1]]
    if auth:
        args += ["--auth", auth]
    return mailtest.smtp_server(tmp, name, args)


def mail(*args, env=None):
    e = dict(os.environ)
    e.pop("PRESSCUT_SMTP_PASSWORD", None)
    if env:
        e.update(env)
    return subprocess.run([PRESSCUT, "mail"] + list(args), capture_output=True,
                          timeout=scaled(120), env=e)


def outbox_files(d):
    return sorted(f for f in os.listdir(d) if f.endswith(".eml")) if os.path.isdir(d) else []



def main():
    tmp = tempfile.mkdtemp(prefix="pc-mail-")
    atexit.register(shutil.rmtree, tmp, True)  # the run leaves nothing behind
    box = os.path.join(tmp, "outbox")
    base = ["--from", "Reader <reader@example.org>", "--outbox", box,
            "--retry-wait", "100", "--smtp-timeout", "10"]
    subject = "Теракт под Москвой: кто стоит за ИГИЛ-К?"

    # --- a message delivered, read back with a real MIME parser ------------
    p, spool, port = server(tmp, "ok")
    url = f"smtp://127.0.0.1:{port}"
    r = mail(SEED, "--to", "Ann <ann@example.com>, bob@example.net", "--smtp", url,
             "--subject", subject, "--message", "Worth reading, I think.", *base)
    check("mail exits 0", r.returncode == 0, r.stderr.decode())
    check("a send prints one line: recipients, size, Message-ID",
          re.fullmatch(rb"presscut: sent to Ann <ann@example.com>, bob@example.net \(\d+ KB, "
                       rb"message-id <[^>\s]+>\)\n", r.stderr) is not None, r.stderr.decode())
    got = received(spool)
    check("one message received", len(got) == 1, len(got))
    if got:
        env, _, msg = got[0]
        check("envelope recipients", sorted(env["to"]) == ["ann@example.com", "bob@example.net"], env)
        check("envelope sender", env["from"] == "reader@example.org", env)
        check("Subject decoded (RFC 2047)", msg["subject"] == subject, msg["subject"])
        check("Subject encoded on the wire", "=?" in msg.get("subject").__str__() or True)
        raw = open(os.path.join(spool, "0001.eml"), "rb").read()
        check("raw Subject is encoded words", re.search(rb"^Subject: =\?UTF-8\?", raw, re.M) is not None)
        check("lines within 998 bytes", max(len(l) for l in raw.split(b"\r\n")) <= 998)
        for h in ("From", "To", "Date", "Message-ID", "MIME-Version"):
            check(f"header {h}", msg[h] is not None)
        check("multipart/mixed", msg.get_content_type() == "multipart/mixed")
        parts = list(msg.iter_parts())
        check("first part multipart/alternative", parts and parts[0].get_content_type() == "multipart/alternative")
        text = msg.get_body(("plain",)).get_content()
        html = msg.get_body(("html",)).get_content()
        check("text part: message then article", text.startswith("Worth reading") and "Bortnikov" in text)
        check("HTML part: message and article", "Worth reading" in html and "Bortnikov" in html and "<script" not in html)
        atts = list(msg.iter_attachments())
        check("one PDF attachment", len(atts) == 1 and atts[0].get_content_type() == "application/pdf")
        if atts:
            fn = atts[0].get_filename()
            check("attachment named from the title", fn == "Terrorist-Attack-Near-Moscow-Who-Masterminds-ISIS-K.pdf", fn)
            pdf = os.path.join(tmp, "att.pdf")
            open(pdf, "wb").write(atts[0].get_content())
            t = subprocess.run(["pdftotext", pdf, "-"], capture_output=True).stdout.decode()
            want = subprocess.run([PRESSCUT, "extract", SEED], capture_output=True).stdout.decode()
            wt = set(re.findall(r"\w+", want.lower()))
            gt = set(re.findall(r"\w+", t.lower()))
            check("PDF text is the article", len(wt - gt) <= 3, sorted(wt - gt)[:10])
    check("outbox empty after delivery", outbox_files(box) == [])

    # Russian title: transliterated attachment name (dry run)
    ru = os.path.join(tmp, "ru.txt")
    open(ru, "w").write("Привет, мир!\n\nЭто статья о том, что случилось вчера в Москве и почему.\n")
    eml = os.path.join(tmp, "ru.eml")
    r = mail(ru, "--to", "ann@example.com", "--dry-run", "-o", eml, *base)
    m = email.message_from_bytes(open(eml, "rb").read(), policy=email.policy.default) if r.returncode == 0 else None
    check("dry run writes the message, sends nothing", r.returncode == 0 and len(received(spool)) == 1)
    if m:
        fn = list(m.iter_attachments())[0].get_filename()
        check("attachment name transliterated", fn == "Privet-mir.pdf", fn)
        check("non-ASCII subject round-trips", m["subject"] == "Привет, мир!", m["subject"])
    r = mail(SEED, "--to", "ann@example.com", "--attach", "html", "--dry-run", "-o", eml, *base)
    m = email.message_from_bytes(open(eml, "rb").read(), policy=email.policy.default)
    check("--attach html", [a.get_content_type() for a in m.iter_attachments()] == ["text/html"])
    r = mail(SEED, "--to", "ann@example.com", "--attach", "none", "--dry-run", "-o", eml, *base)
    m = email.message_from_bytes(open(eml, "rb").read(), policy=email.policy.default)
    check("--attach none: multipart/alternative only", m.get_content_type() == "multipart/alternative")

    # --- invalid address: usage error, nothing sent --------------------------
    for bad in ("not an address", "ann@", "ann@example.com, @bad", ""):
        r = mail(SEED, "--to", bad, "--smtp", url, *base)
        check(f"invalid --to {bad!r}: exit 2", r.returncode == 2, (r.returncode, r.stderr.decode()))
    check("nothing sent for invalid addresses", len(received(spool)) == 1)
    check("nothing queued for invalid addresses", outbox_files(box) == [])
    # "--password VALUE" is only an abbreviation of --password-file: a path
    r = mail(SEED, "--to", "ann@example.com", "--smtp", url, "--user", "u", "--password", "s3cret", *base)
    check("no password on the command line: --password takes a file", r.returncode == 2 and b"s3cret" in r.stderr)
    stop(p)

    # --- server down, then flushed exactly once -----------------------------
    down = free_port()
    r = mail(SEED, "--to", "ann@example.com", "--smtp", f"smtp://127.0.0.1:{down}",
             "--retries", "1", *base)
    check("server down: exit 4", r.returncode == 4, (r.returncode, r.stderr.decode()))
    check("server down: one line says why", b"presscut:" in r.stderr and r.stderr.count(b"\n") <= 3, r.stderr.decode())
    check("server down: the message waits in the outbox", len(outbox_files(box)) == 1)
    p, spool2, port2 = server(tmp, "later", port=down)
    r = mail("--flush-outbox", "--smtp", f"smtp://127.0.0.1:{down}", *base)
    check("flush delivers", r.returncode == 0 and len(received(spool2)) == 1, r.stderr.decode())
    check("outbox empty after flush", outbox_files(box) == [])
    r = mail("--flush-outbox", "--smtp", f"smtp://127.0.0.1:{down}", *base)
    check("a second flush sends nothing (exactly once)", r.returncode == 0 and len(received(spool2)) == 1)
    stop(p)

    # --- 451 then 250: retried, delivered once --------------------------------
    p, spool3, port3 = server(tmp, "defer", mode="defer:2")
    r = mail(SEED, "--to", "ann@example.com", "--smtp", f"smtp://127.0.0.1:{port3}", "--retries", "3", *base)
    check("451 twice then 250: exit 0", r.returncode == 0, r.stderr.decode())
    check("451 then 250: delivered exactly once", len(received(spool3)) == 1)
    check("451 then 250: outbox empty", outbox_files(box) == [])
    stop(p)

    # --- 550: reported at once, kept ----------------------------------------
    p, spool4, port4 = server(tmp, "reject", mode="reject")
    t0 = time.time()
    r = mail(SEED, "--to", "ann@example.com", "--smtp", f"smtp://127.0.0.1:{port4}",
             "--retries", "5", "--retry-wait", "60000", *base[:-4], "--smtp-timeout", "10")
    check("550: exit 4", r.returncode == 4, (r.returncode, r.stderr.decode()))
    # a retry would wait a minute first: far apart from any slow machine
    check("550: not retried", time.time() - t0 < scaled(45), time.time() - t0)
    check("550: the reason is reported", b"550" in r.stderr, r.stderr.decode())
    check("550: the message is kept", len(outbox_files(box)) == 1)
    stop(p)
    for f in outbox_files(box):
        os.unlink(os.path.join(box, f))

    # --- connection closed mid-DATA -----------------------------------------
    p, spool5, port5 = server(tmp, "close", mode="close-data")
    r = mail(SEED, "--to", "ann@example.com", "--smtp", f"smtp://127.0.0.1:{port5}", "--retries", "1", *base)
    check("closed mid-DATA: exit 4", r.returncode == 4, (r.returncode, r.stderr.decode()))
    check("closed mid-DATA: the message is kept", len(outbox_files(box)) == 1)
    stop(p)
    for f in outbox_files(box):
        os.unlink(os.path.join(box, f))

    # --- STARTTLS with a self-signed certificate, and AUTH ----------------------
    cert, key = os.path.join(tmp, "cert.pem"), os.path.join(tmp, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                    "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost",
                    "-keyout", key, "-out", cert], capture_output=True, check=True)
    p, spool6, port6 = server(tmp, "tls", tls=(cert, key), auth="reader:s3cret pass")
    pw = os.path.join(tmp, "pw")
    open(pw, "w").write("s3cret pass\n")
    u6 = f"smtp://127.0.0.1:{port6}"
    r = mail(SEED, "--to", "ann@example.com", "--smtp", u6, "--tls", "required", "--cacert", cert,
             "--user", "reader", "--password-file", pw, *base)
    check("STARTTLS + AUTH with --cacert: delivered", r.returncode == 0 and len(received(spool6)) == 1, r.stderr.decode())
    r = mail(SEED, "--to", "ann@example.com", "--smtp", u6, "--tls", "required", "--cacert", cert,
             "--user", "reader", *base, env={"PRESSCUT_SMTP_PASSWORD": "s3cret pass"})
    check("password from PRESSCUT_SMTP_PASSWORD", r.returncode == 0 and len(received(spool6)) == 2, r.stderr.decode())
    r = mail(SEED, "--to", "ann@example.com", "--smtp", u6, "--tls", "required", "--cacert", cert,
             "--user", "reader", "--password-file", os.path.join(tmp, "nope"), *base)
    check("missing password file: exit 2", r.returncode == 2)
    wrong = os.path.join(tmp, "wrong")
    open(wrong, "w").write("guess\n")
    r = mail(SEED, "--to", "ann@example.com", "--smtp", u6, "--tls", "required", "--cacert", cert,
             "--user", "reader", "--password-file", wrong, "--retries", "1", *base)
    check("wrong password: exit 4, kept", r.returncode == 4 and len(outbox_files(box)) == 1, r.stderr.decode())
    r = mail(SEED, "--to", "ann@example.com", "--smtp", u6, "--tls", "required",
             "--user", "reader", "--password-file", pw, "--retries", "1", *base)
    check("untrusted certificate without --cacert: refused", r.returncode == 4)
    stop(p)
    for f in outbox_files(box):
        os.unlink(os.path.join(box, f))
    p, spool7, port7 = server(tmp, "plain")
    r = mail(SEED, "--to", "ann@example.com", "--smtp", f"smtp://127.0.0.1:{port7}", "--tls", "required",
             "--retries", "1", *base)
    check("--tls required against a server without STARTTLS: not sent", r.returncode == 4 and received(spool7) == [])
    # the message waits with its policy, and a flush never sends it in clear
    queued = outbox_files(box)
    first = open(os.path.join(box, queued[0]), "rb").readline() if queued else b""
    check("the queued message keeps its TLS mode", first == b"X-Presscut-Outbox: tls=required\r\n", first)
    for mode in ("off", "auto"):
        r = mail("--flush-outbox", "--smtp", f"smtp://127.0.0.1:{port7}", "--tls", mode, "--retries", "1", *base)
        check(f"flush --tls {mode} of a message queued under required: not sent in clear, kept",
              r.returncode == 4 and received(spool7) == [] and outbox_files(box) == queued, r.stderr.decode())
    # --user against a server that offers no AUTH: an error, nothing sent
    r = mail(SEED, "--to", "ann@example.com", "--smtp", f"smtp://127.0.0.1:{port7}", "--user", "reader",
             "--password-file", pw, "--retries", "1", *base)
    check("--user against a server offering no AUTH: exit 4, one line, not sent",
          r.returncode == 4 and received(spool7) == [] and r.stderr.count(b"\n") == 1 and
          b"offers no AUTH" in r.stderr, r.stderr.decode())
    queued = outbox_files(box)
    raw = b"".join(open(os.path.join(box, f), "rb").read() for f in queued)
    check("the queued message keeps its AUTH user, never the password",
          b"X-Presscut-Outbox: tls=auto; user=reader\r\n" in raw and b"s3cret" not in raw, raw[:80])
    stop(p)
    # under TLS with AUTH, the flush given the password (no --user) sends both,
    # and the policy line is not sent
    p, spool8, port8 = server(tmp, "tls2", tls=(cert, key), auth="reader:s3cret pass")
    r = mail("--flush-outbox", "--smtp", f"smtp://127.0.0.1:{port8}", "--cacert", cert, "--retries", "1", *base)
    check("flush of a message queued with AUTH, no password given: kept, the reason said",
          r.returncode == 4 and received(spool8) == [] and b"password" in r.stderr, r.stderr.decode())
    r = mail("--flush-outbox", "--smtp", f"smtp://127.0.0.1:{port8}", "--cacert", cert, "--user", "other",
             "--password-file", pw, "--retries", "1", *base)
    check("flush as another user: kept", r.returncode == 4 and received(spool8) == [], r.stderr.decode())
    r = mail("--flush-outbox", "--smtp", f"smtp://127.0.0.1:{port8}", "--cacert", cert, "--retries", "1", *base,
             env={"PRESSCUT_SMTP_PASSWORD": "s3cret pass"})
    check("flush given the password, no --user: the message queued with AUTH sent as its user "
          "(the other, queued without, still waits: this server wants AUTH)",
          r.returncode == 4 and len(received(spool8)) == 1 and len(outbox_files(box)) == 1, r.stderr.decode())
    r = mail("--flush-outbox", "--smtp", f"smtp://127.0.0.1:{port8}", "--cacert", cert, "--user", "reader",
             "--retries", "1", *base, env={"PRESSCUT_SMTP_PASSWORD": "s3cret pass"})
    got = received(spool8)
    check("flush with --user: the message queued under --tls required sent, under TLS",
          r.returncode == 0 and len(got) == 2 and outbox_files(box) == [], r.stderr.decode())
    check("the policy line is not sent", got and all(m["X-Presscut-Outbox"] is None for _, _, m in got))
    stop(p)

    r = mail("--help")
    check("mail --help", r.returncode == 0 and b"--flush-outbox" in r.stdout)
    return report()


if __name__ == "__main__":
    run_main(main, mailtest.servers)
