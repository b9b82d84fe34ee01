#!/usr/bin/python3
"""md2man.py - a man page from one of the Markdown pages (docs/presscut.1.md,
docs/cmd/NAME.md), with Debian's lowdown.  The Markdown stays the only
source; this wrapper only adapts it to man's conventions:

  - the page's "# title" line goes (the .TH line names the page) and the
    "## SECTIONS" become man's .SH sections;
  - the NAME line reads "presscut-extract - ..." (whatis and lexgrog need
    the page's name there, not "`presscut extract`");
  - references to docs/cmd/X.md and docs/presscut.1.md become
    presscut-X(1) and presscut(1);
  - tables become tagged paragraphs (.TP): tbl tables of three or four
    columns cannot fit an 80-column terminal without warnings.

usage: md2man.py LOWDOWN IN.md OUT.1 NAME VERSION DATE
"""
import re
import subprocess
import sys


def adapt_markdown(md, name):
    md = re.sub(r"\A# [^\n]*\n+", "", md)
    md = re.sub(r"(## NAME\n)`presscut ([a-z]+)`", r"\1presscut-\2", md)
    md = re.sub(r"`docs/cmd/([a-z]+)\.md`", r"**presscut-\1**(1)", md)
    md = re.sub(r"`docs/presscut\.1\.md`", r"**presscut**(1)", md)
    return md


CELL = re.compile(r"T\{\n(.*?)\n?T\}(\||\n|\Z)", re.S)


def strip_font(s):
    return re.sub(r"\\f[A-Z(\[][^ ]?\]?", "", s).strip()


def table_to_tp(block):
    """One tbl block (.TS to .TE, exclusive) as .TP paragraphs."""
    body = block.split("\n")
    i = 0
    while i < len(body) and not body[i].rstrip().endswith("."):
        i += 1                      # options; and format lines
    rows, row = [], []
    for m in CELL.finditer("\n".join(body[i + 1:])):
        row.append(m.group(1).strip())
        if m.group(2) != "|":
            rows.append(row)
            row = []
    if row:
        rows.append(row)
    if not rows:
        return ""
    head, rows = [strip_font(h).lower() for h in rows[0]], rows[1:]
    n = len(head)
    arg = 1 if n > 2 and head[1] == "argument" else -1
    # the description: the column with the most text
    width = [sum(len(r[c]) for r in rows if c < len(r)) for c in range(n)]
    desc = max((c for c in range(1, n) if c != arg), key=lambda c: width[c])
    out = []
    for r in rows:
        r = r + [""] * (n - len(r))
        tag = r[0] + (" " + r[arg] if arg > 0 and r[arg] else "")
        extra = ["%s: %s" % (head[c], r[c]) for c in range(1, n)
                 if c not in (arg, desc) and r[c]]
        text = r[desc] + (" (" + "; ".join(extra) + ")" if extra else "")
        out += [".TP", tag, text]
    return "\n".join(out) + "\n"


def adapt_roff(roff):
    # page names are not hyphenated at the end of a line
    roff = roff.replace("\\fBpresscut-", "\\fB\\%presscut-")
    return re.sub(r"^\.TS\n(.*?)^\.TE\n",
                  lambda m: table_to_tp(m.group(1)), roff, flags=re.S | re.M)


def main():
    lowdown, src, dst, name, version, date = sys.argv[1:7]
    with open(src, encoding="utf-8") as f:
        md = adapt_markdown(f.read(), name)
    cmd = [lowdown, "-s", "-tman", "-M", "title=" + name.upper(),
           "-M", "section=1", "-M", "shiftheadinglevelby=-1",
           "-M", "date=" + date, "-M", "source=presscut " + version,
           "-M", "volume=presscut manual", "-"]
    r = subprocess.run(cmd, input=md.encode(), stdout=subprocess.PIPE,
                       check=True)
    roff = adapt_roff(r.stdout.decode("utf-8"))
    with open(dst, "w", encoding="utf-8") as f:
        f.write(roff)


if __name__ == "__main__":
    main()
