#!/usr/bin/python3
"""test_digest_units.py PRESSCUT REPO - the digest's systemd user units
(dist/systemd/presscut-digest.service and .timer).

`systemd-analyze verify` on copies whose commands name the built binary
(and on a copy naming a missing binary, which must fail, so the check is
known to bite); every option the unit's command lines name is one
`presscut digest` and `presscut mail` take.  Skipped (77) without
systemd-analyze.
"""
import os
import re
import shutil
import subprocess
import sys
import tempfile

PRESSCUT, REPO = sys.argv[1], sys.argv[2]
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from harness import check, report, scaled, skip  # noqa: E402
DIST = os.path.join(REPO, "dist", "systemd")
ANALYZE = shutil.which("systemd-analyze")


def copies(tmp, name, binary):
    d = os.path.join(tmp, name)
    os.makedirs(d)
    out = []
    for unit in ("presscut-digest.service", "presscut-digest.timer"):
        text = open(os.path.join(DIST, unit)).read()
        path = os.path.join(d, unit)
        open(path, "w").write(text.replace("/usr/bin/presscut", binary))
        out.append(path)
    return out


def main():
    if not ANALYZE:
        return skip("no systemd-analyze")
    tmp = tempfile.mkdtemp(prefix="pc-units-")
    try:
        good = copies(tmp, "good", os.path.abspath(PRESSCUT))
        r = subprocess.run([ANALYZE, "verify", "--man=no"] + good, capture_output=True,
                           text=True, timeout=scaled(120))
        check("systemd-analyze verify: service and timer, no complaint",
              r.returncode == 0 and not r.stderr.strip(), r.stderr)
        bad = copies(tmp, "bad", "/nonexistent/presscut")
        r = subprocess.run([ANALYZE, "verify", "--man=no", bad[0]], capture_output=True,
                           text=True, timeout=scaled(120))
        check("systemd-analyze verify fails on a missing binary",
              r.returncode != 0 and "nonexistent" in r.stderr, r.stderr)
    finally:
        shutil.rmtree(tmp, True)
    unit = open(os.path.join(DIST, "presscut-digest.service")).read()
    for cmd in ("digest", "mail"):
        helptext = subprocess.run([PRESSCUT, cmd, "--help"], capture_output=True,
                                  text=True).stdout
        lines = [l for l in unit.splitlines() if re.match(r"ExecStart(Pre)?=", l)
                 and f"presscut {cmd} " in l]
        opts = {o for l in lines for o in re.findall(r"(--[a-z-]+)", l)}
        check(f"the unit's {cmd} options exist ({', '.join(sorted(opts))})",
              opts and all(o in helptext for o in opts), sorted(opts))
    timer = open(os.path.join(DIST, "presscut-digest.timer")).read()
    check("the timer runs daily and catches up (Persistent)",
          "OnCalendar=*-*-* 07:00:00" in timer and "Persistent=true" in timer)
    return report()


if __name__ == "__main__":
    sys.exit(main())
