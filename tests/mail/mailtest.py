"""mailtest.py - what the mail tests (test_mail.py, test_mail_faults.py)
share: real SMTP servers (tests/mail/smtpd.py) started for a run and
killed at its end, and the messages one received.

    p, spool, port = mailtest.smtp_server(tmp, "ok", ["--mode", "ok"])
    for env, raw, msg in mailtest.received(spool): ...
    if __name__ == "__main__": run_main(main, mailtest.servers)
"""
import email
import email.policy
import json
import os

from harness import start_smtpd

servers = []  # every server started, for harness.run_main to kill


def smtp_server(tmp, name, args):
    """smtpd.py with args, spooling into tmp/name; (process, spool
    directory, port)."""
    p, spool, port = start_smtpd(tmp, name, args)
    servers.append(p)
    return p, spool, port


def received(spool):
    """What the server spooled, in order: (envelope, raw bytes, the message
    read by Python's MIME parser) each."""
    if not os.path.isdir(spool):
        return []
    out = []
    for f in sorted(os.listdir(spool)):
        if f.endswith(".eml"):
            raw = open(os.path.join(spool, f), "rb").read()
            env = json.load(open(os.path.join(spool, f[:-4] + ".json")))
            out.append((env, raw, email.message_from_bytes(raw, policy=email.policy.default)))
    return out
