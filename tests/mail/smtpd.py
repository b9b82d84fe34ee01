#!/usr/bin/python3
"""smtpd.py - a real SMTP server on 127.0.0.1 for presscut's mail tests.

    smtpd.py --spool DIR --portfile FILE [--mode MODE] [--port N]
             [--tls-cert CERT --tls-key KEY] [--auth USER:PASSWORD]

Modes:
  ok            accept every message (aiosmtpd)
  defer:N       answer the first N DATA commands with 451, then accept
  reject        answer DATA with 550
  close-data    a bare server that reads part of the message after DATA and
                closes the connection
  hang:PHASE    a bare server that stops answering (the connection stays
                open) at PHASE: greeting (no 220), ehlo, mail, rcpt, data
                (no 354), dot (the message is read to its final "." and
                stored, but no 250 follows: what a kill -9 or a timeout
                there leaves behind) or quit (250 for the message, no 221)
With --tls-cert/--tls-key the server offers STARTTLS and requires it; with
--auth it requires AUTH PLAIN/LOGIN with that user and password.

Each accepted message is stored in the spool as N.eml with N.json holding
the envelope ({"from", "to"}).  The port is written to FILE once the server
listens.  Runs until killed.  Uses Debian's python3-aiosmtpd.
"""
import argparse
import asyncio
import json
import os
import socket
import ssl
import sys
import threading
import time


def store(spool, mail_from, rcpts, data):
    n = len([f for f in os.listdir(spool) if f.endswith(".eml")]) + 1
    base = os.path.join(spool, f"{n:04d}")
    with open(base + ".json", "w") as f:
        json.dump({"from": mail_from, "to": rcpts}, f)
    with open(base + ".eml.part", "wb") as f:
        f.write(data)
    os.rename(base + ".eml.part", base + ".eml")


def hang(c):
    """Answers nothing more; reads until the client goes (at most 300 s)."""
    c.settimeout(300)
    try:
        while c.recv(65536):
            pass
    except OSError:
        pass


def bare_session(c, spool, mode):
    """One connection: just enough SMTP to reach DATA, then the fault."""
    phase = mode.split(":", 1)[1] if mode.startswith("hang:") else ""
    f = c.makefile("rwb", buffering=0)
    if phase == "greeting":
        return hang(c)
    f.write(b"220 localhost ESMTP test\r\n")
    env = {"from": "", "to": []}
    while True:
        line = f.readline()
        if not line:
            return
        cmd = line.strip().upper()
        word = cmd.split(b" ")[0].split(b":")[0]
        if (phase == "ehlo" and word in (b"EHLO", b"HELO")) or \
                (phase == "mail" and word == b"MAIL") or \
                (phase == "rcpt" and word == b"RCPT") or \
                (phase == "data" and word == b"DATA"):
            return hang(c)
        if word in (b"EHLO", b"HELO"):
            f.write(b"250-localhost\r\n250 SIZE 100000000\r\n")
        elif word == b"MAIL":
            env["from"] = line.decode().split(":", 1)[1].strip().strip("<>").split(">")[0]
            f.write(b"250 ok\r\n")
        elif word == b"RCPT":
            env["to"].append(line.decode().split(":", 1)[1].strip().strip("<>").split(">")[0])
            f.write(b"250 ok\r\n")
        elif word == b"DATA" and mode == "close-data":
            f.write(b"354 go ahead\r\n")
            c.recv(512)  # a little of the message, then gone
            c.shutdown(socket.SHUT_RDWR)
            return
        elif word == b"DATA":
            f.write(b"354 go ahead\r\n")
            data = []
            while True:
                l = f.readline()
                if not l or l == b".\r\n":
                    break
                data.append(l[1:] if l.startswith(b"..") else l)
            if l:  # the whole message: kept, as a real server would
                store(spool, env["from"], env["to"], b"".join(data))
            if phase != "quit":
                return hang(c)
            f.write(b"250 2.0.0 accepted\r\n")
        elif word == b"QUIT" and phase == "quit":
            return hang(c)
        elif word == b"QUIT":
            f.write(b"221 bye\r\n")
            return
        else:
            f.write(b"250 ok\r\n")


def bare_server(port_file, port, spool, mode):
    """close-data and hang:PHASE; each connection in a thread of its own."""
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("127.0.0.1", port))
    srv.listen(8)
    with open(port_file + ".part", "w") as f:
        f.write(str(srv.getsockname()[1]))
    os.rename(port_file + ".part", port_file)

    def serve(c):
        try:
            bare_session(c, spool, mode)
        except OSError:
            pass
        finally:
            c.close()

    while True:
        c, _ = srv.accept()
        threading.Thread(target=serve, args=(c,), daemon=True).start()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--spool", required=True)
    ap.add_argument("--portfile", required=True)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--mode", default="ok")
    ap.add_argument("--tls-cert")
    ap.add_argument("--tls-key")
    ap.add_argument("--auth")
    a = ap.parse_args()
    os.makedirs(a.spool, exist_ok=True)
    if a.mode == "close-data" or a.mode.startswith("hang:"):
        bare_server(a.portfile, a.port, a.spool, a.mode)
        return 0

    from aiosmtpd.controller import Controller
    from aiosmtpd.smtp import AuthResult

    state = {"deferred": 0}
    defer_n = int(a.mode.split(":")[1]) if a.mode.startswith("defer:") else 0

    class Handler:
        async def handle_DATA(self, server, session, envelope):
            if a.mode == "reject":
                return "550 5.7.1 message refused by policy"
            if state["deferred"] < defer_n:
                state["deferred"] += 1
                return "451 4.3.0 try again later"
            store(a.spool, envelope.mail_from, list(envelope.rcpt_tos),
                  envelope.original_content or envelope.content)
            return "250 2.0.0 accepted"

    kw = {}
    if a.tls_cert:
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain(a.tls_cert, a.tls_key)
        kw.update(tls_context=ctx, require_starttls=True)
    if a.auth:
        user, pw = a.auth.split(":", 1)

        def authenticator(server, session, envelope, mechanism, auth_data):
            ok = (getattr(auth_data, "login", b"") == user.encode() and
                  getattr(auth_data, "password", b"") == pw.encode())
            return AuthResult(success=ok)

        kw.update(authenticator=authenticator, auth_required=True,
                  auth_require_tls=bool(a.tls_cert))
    # find a free port when none is given
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from harness import free_port, scaled
    port = a.port or free_port()
    ctl = Controller(Handler(), hostname="127.0.0.1", port=port,
                     server_kwargs=kw, ready_timeout=scaled(10))
    ctl.start()
    with open(a.portfile + ".part", "w") as f:
        f.write(str(port))
    os.rename(a.portfile + ".part", a.portfile)
    try:
        while True:
            time.sleep(3600)
    finally:
        ctl.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
