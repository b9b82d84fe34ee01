#!/usr/bin/python3
"""test_systemd_unit.py PRESSCUT REPO - the systemd unit (dist/systemd).

`systemd-analyze verify` on a copy of dist/systemd/presscut.service whose
ExecStart names the built binary (and on a copy with a missing binary,
which must fail, so the check is known to bite); the hardening the issue
asks for is there and `systemd-analyze security --offline=true` rates the
unit's exposure at 2.0 or less; the sysusers entry and the settings file
parse; and the unit's own command line, with its defaults, starts presscut
serve (the options it names exist).  Skipped (77) without systemd-analyze.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, scaled, stop  # noqa: E402
DIST = os.path.join(REPO, "dist", "systemd")
ANALYZE = shutil.which("systemd-analyze")


def unit_copy(tmp, name, binary):
    """The unit in tmp/name/presscut.service, ExecStart on binary."""
    text = open(os.path.join(DIST, "presscut.service")).read()
    d = os.path.join(tmp, name)
    os.makedirs(d)
    path = os.path.join(d, "presscut.service")
    open(path, "w").write(text.replace("ExecStart=/usr/bin/presscut", "ExecStart=" + binary))
    return path


def settings(unit):
    """The unit's [Service] settings: name -> list of values (continued
    lines joined)."""
    out, joined = {}, re.sub(r"\\\n\s*", " ", unit)
    for ln in joined.splitlines():
        if "=" in ln and not ln.lstrip().startswith(("#", ";", "[")):
            k, v = ln.split("=", 1)
            out.setdefault(k.strip(), []).append(v.strip())
    return out


def command_line(s):
    """ExecStart with the unit's Environment= defaults expanded as systemd
    does: ${X} one word, $X split on whitespace."""
    env = dict(e.split("=", 1) for e in s["Environment"])
    words = []
    for w in s["ExecStart"][0].split():
        m = re.fullmatch(r"\$\{(\w+)\}|\$(\w+)", w)
        if not m:
            words.append(w)
        elif m.group(1):
            words.append(env.get(m.group(1), ""))
        else:
            words.extend(env.get(m.group(2), "").split())
    return words, env


def main():
    if not ANALYZE:
        print("SKIP: no systemd-analyze")
        return 77
    tmp = tempfile.mkdtemp(prefix="pc-unit-")
    try:
        good = unit_copy(tmp, "good", os.path.abspath(PRESSCUT))
        r = subprocess.run([ANALYZE, "verify", "--man=no", good], capture_output=True, text=True, timeout=scaled(120))
        check("systemd-analyze verify: no complaint", r.returncode == 0 and not r.stderr.strip(),
              (r.returncode, r.stderr))
        bad = unit_copy(tmp, "bad", os.path.join(tmp, "no-such-presscut"))
        r = subprocess.run([ANALYZE, "verify", "--man=no", bad], capture_output=True, text=True, timeout=scaled(120))
        check("systemd-analyze verify fails on a unit whose binary is missing",
              r.returncode != 0 and "no-such-presscut" in r.stderr, (r.returncode, r.stderr))

        unit = open(os.path.join(DIST, "presscut.service")).read()
        s = settings(unit)
        want = {"Type": "notify", "User": "presscut", "ProtectSystem": "strict", "NoNewPrivileges": "yes",
                "PrivateTmp": "yes", "MemoryDenyWriteExecute": "yes", "ProtectHome": "yes",
                "CapabilityBoundingSet": "", "SystemCallFilter": "@system-service",
                "RestrictAddressFamilies": "AF_INET AF_INET6 AF_UNIX", "StateDirectory": "presscut",
                "EnvironmentFile": "-/etc/presscut/presscut.env"}
        for k, v in want.items():
            check(f"unit: {k}={v}", v in s.get(k, []), s.get(k))
        r = subprocess.run([ANALYZE, "security", "--offline=true", good], capture_output=True, text=True,
                           timeout=scaled(120))
        m = re.search(r"Overall exposure level for \S+: (\d+\.\d+)", r.stdout)
        exposure = float(m.group(1)) if m else 99.0
        print(f"systemd-analyze security: exposure {exposure} (0 best, 10 worst)")
        check("systemd-analyze security: exposure 2.0 or less", exposure <= 2.0, r.stdout[-400:])

        users = [ln.split() for ln in open(os.path.join(DIST, "presscut.sysusers"))
                 if ln.strip() and not ln.startswith("#")]
        check("sysusers: the presscut user", len(users) == 1 and users[0][:2] == ["u", "presscut"], users)
        envlines = [ln.strip() for ln in open(os.path.join(DIST, "presscut.env"))
                    if ln.strip() and not ln.lstrip().startswith("#")]
        check("presscut.env: KEY=value lines only",
              envlines and all(re.fullmatch(r"[A-Z_]+=\S*(\s\S+)*", ln) for ln in envlines), envlines)
        keys = {ln.split("=", 1)[0] for ln in envlines}
        used = set(re.findall(r"\$\{?(\w+)\}?", s["ExecStart"][0]))
        check("presscut.env sets what ExecStart uses", keys <= used | {"PRESSCUT_SMTP_PASSWORD"} and
              {"PRESSCUT_LISTEN", "PRESSCUT_BASE_PATH", "PRESSCUT_TRUSTED_PROXY"} <= keys, (keys, used))

        # the unit's command line, on a free port and a temporary outbox
        words, env = command_line(s)
        words[0] = os.path.abspath(PRESSCUT)
        words[words.index("--listen") + 1] = "127.0.0.1:0"
        words[words.index("--outbox") + 1] = os.path.join(tmp, "outbox")
        p = subprocess.Popen(words, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        port = p.stdout.readline().decode().strip()
        check("the unit's command line starts presscut serve", port.isdigit(),
              (words, port, p.stderr.read().decode() if not port else ""))
        check("... and stops on SIGTERM with 0", stop(p) == 0)
        # the settings file's commented examples are options serve takes
        examples = dict(ln[1:].strip().split("=", 1) for ln in open(os.path.join(DIST, "presscut.env"))
                        if re.match(r"#PRESSCUT_(MAIL_)?OPTS=\S", ln))
        extra = examples.get("PRESSCUT_MAIL_OPTS", "").split() + examples.get("PRESSCUT_OPTS", "").split()
        p = subprocess.Popen(words + extra, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                             env=dict(os.environ, PRESSCUT_SMTP_PASSWORD="example"))
        port = p.stdout.readline().decode().strip()
        check("the settings file's examples start presscut serve", len(extra) > 6 and port.isdigit(),
              (extra, port, p.stderr.read().decode() if not port else ""))
        stop(p)
    finally:
        shutil.rmtree(tmp, True)
    return report()


if __name__ == "__main__":
    sys.exit(main())
