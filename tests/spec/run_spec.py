#!/usr/bin/python3
"""Runs the attribution examples of tests/spec/*.txt (format: README.md).

    tests/spec/run_spec.py PRESSCUT [SPEC.txt | DIR]...

Every example's input becomes a plain-text article ("Title", a blank line,
the input; a first line "@title TEXT" gives the title TEXT); ONE `presscut quotes --format json --date 2024-04-10` process
reads them all, and each example's expectations are checked against its
JSON line.  Prints each failed expectation with its file and line, then
"N passed, M failed" (examples) as the last line.  Exit status: 0 when all
passed, 1 when one failed (or none was found), 2 for bad usage.
"""
import glob
import json
import os
import shlex
import subprocess
import sys
import tempfile

FENCE = "`" * 32
DATE = "2024-04-10"  # the article's date, for dates without a year
TITLE = "@title "  # an input's first line that gives its title


class Example:
    def __init__(self, path, line):
        self.path, self.line = path, line
        self.input, self.expect = [], []  # expect: (line number, text)


def parse(path):
    """The examples of one spec file; raises ValueError on a broken one."""
    examples, ex, part = [], None, None
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    for n, line in enumerate(lines, 1):
        if ex is None:
            if line == FENCE + " example":
                ex, part = Example(path, n), "input"
            continue
        if line == FENCE:
            if part != "expect":
                raise ValueError(f"{path}:{ex.line}: example without a '.' line")
            examples.append(ex)
            ex = None
        elif part == "input" and line == ".":
            part = "expect"
        elif part == "input":
            ex.input.append(line)
        elif line.strip() and not line.lstrip().startswith("#"):
            ex.expect.append((n, line))
    if ex is not None:
        raise ValueError(f"{path}:{ex.line}: example not closed")
    return examples


def opt(v):
    """A field value: None for the word none."""
    return None if v == "none" else v


def fields(words, known):
    """key=value words into a dict; the bare words accuse and deny as
    polarity.  Raises ValueError for anything else."""
    out = {}
    for w in words:
        if w in ("accuse", "deny") and "polarity" in known:
            out["polarity"] = w
            continue
        k, eq, v = w.partition("=")
        if not eq or k not in known:
            raise ValueError(f"unknown field {w!r}")
        out[k] = v
    return out


def first(items, pred):
    return next((x for x in items if pred(x)), None)


def check_quote(doc, words):
    """quote PREFIX [kind= speaker= role= cue= date= parent= text= excludes=
    block=]"""
    if not words:
        raise ValueError("quote needs a text prefix")
    prefix, want = words[0], fields(words[1:], (
        "kind", "speaker", "role", "cue", "date", "parent", "text", "excludes",
        "block"))
    q = first(doc["quotes"], lambda q: q["text"].startswith(prefix))
    if q is None:
        return f"no quote starts with {prefix!r}"
    for k, v in want.items():
        if k == "parent":
            if v not in ("yes", "no"):
                raise ValueError("parent=yes or parent=no")
            if (q["parent"] is not None) != (v == "yes"):
                return f"parent is {q['parent']!r}"
        elif k == "excludes":
            if v in q["text"]:
                return f"text {q['text']!r} holds {v!r}"
        elif q[k] != opt(v):
            return f"{k} is {q[k]!r}"
    return None


def claim_matches(c, want, claimant):
    if claimant is not None and c["claimant"] != claimant:
        return False
    return "polarity" not in want or c["polarity"] == want["polarity"]


def check_claim(doc, words):
    """claim CLAIMANT [-> ACCUSED] [accuse|deny] [naccused= event=]"""
    if not words:
        raise ValueError("claim needs a claimant")
    claimant, rest, accused = words[0], words[1:], None
    if rest[:1] == ["->"]:
        if len(rest) < 2:
            raise ValueError("-> needs the accused")
        accused, rest = rest[1], rest[2:]
    want = fields(rest, ("polarity", "naccused", "event"))
    c = first(doc["claims"], lambda c: c["claimant"] == claimant)
    if c is None:
        return f"no claim by {claimant!r}"
    if "polarity" in want and c["polarity"] != want["polarity"]:
        return f"polarity is {c['polarity']!r}"
    if accused is not None and (c["accused"][:1] or [None])[0] != accused:
        return f"accused is {c['accused']!r}"
    if "naccused" in want and len(c["accused"]) != int(want["naccused"]):
        return f"accused is {c['accused']!r}"
    if "event" in want and c["event"] != opt(want["event"]):
        return f"event is {c['event']!r}"
    return None


def check_count(doc, what, words):
    """quotes N | claims N [by CLAIMANT] [accuse|deny] | entities N [country= type=]"""
    if not words or not words[0].isdigit():
        raise ValueError(f"{what} needs a number")
    n, rest = int(words[0]), words[1:]
    if what == "claims":
        claimant = None
        if rest[:1] == ["by"]:
            if len(rest) < 2:
                raise ValueError("by needs a claimant")
            claimant, rest = rest[1], rest[2:]
        want = fields(rest, ("polarity",))
        got = [c for c in doc["claims"] if claim_matches(c, want, claimant)]
    elif what == "entities":
        want = fields(rest, ("country", "type"))
        got = [e for e in doc["entities"]
               if all(e[k] == opt(v) for k, v in want.items())]
    else:
        if rest:
            raise ValueError("quotes takes only a number")
        got = doc["quotes"]
    if len(got) != n:
        return f"{len(got)} found"
    return None


def check_entity(doc, words):
    """entity NAME [country= type= mentions=]"""
    if not words:
        raise ValueError("entity needs a name")
    name, want = words[0], fields(words[1:], ("country", "type", "mentions"))
    e = first(doc["entities"], lambda e: e["name"] == name)
    if e is None:
        return f"no entity {name!r}"
    for k, v in want.items():
        if k == "mentions" and e[k] != int(v):
            return f"mentions is {e[k]}"
        if k != "mentions" and e[k] != opt(v):
            return f"{k} is {e[k]!r}"
    return None


def check(doc, line):
    """None when the expectation holds, else what was found instead."""
    words = shlex.split(line)
    head, rest = words[0], words[1:]
    if head == "quote":
        return check_quote(doc, rest)
    if head == "claim":
        return check_claim(doc, rest)
    if head == "entity":
        return check_entity(doc, rest)
    if head in ("quotes", "claims", "entities"):
        return check_count(doc, head, rest)
    if head == "no" and rest[:1] == ["quote"] and len(rest) == 2:
        q = first(doc["quotes"], lambda q: q["text"].startswith(rest[1]))
        return None if q is None else f"quote {q['text']!r}"
    if head == "no" and rest in (["quotes"], ["claims"]):
        return check_count(doc, rest[0], ["0"])
    raise ValueError(f"unknown expectation {head!r}")


def main(argv):
    if len(argv) < 2 or argv[1] in ("-h", "--help"):
        print(__doc__.strip(), file=sys.stderr)
        return 2
    presscut = argv[1]
    paths = []
    for a in argv[2:] or [os.path.dirname(os.path.abspath(__file__))]:
        paths += sorted(glob.glob(os.path.join(a, "*.txt"))) if os.path.isdir(a) else [a]
    try:
        examples = [ex for p in paths for ex in parse(p)]
    except (OSError, ValueError) as e:
        print(f"run_spec: {e}", file=sys.stderr)
        return 2
    failed = 0
    with tempfile.TemporaryDirectory(prefix="pc-spec-") as tmp:
        files = []
        for i, ex in enumerate(examples):
            files.append(os.path.join(tmp, "ex%04d.txt" % i))
            title, body = "Title", ex.input
            if body[:1] and body[0].startswith(TITLE):  # the headline given
                title, body = body[0][len(TITLE):], body[1:]
            with open(files[-1], "w", encoding="utf-8") as f:
                f.write(title + "\n\n" + "\n".join(body) + "\n")
        try:
            r = subprocess.run([presscut, "quotes", "--format", "json", "--date",
                                DATE] + files, capture_output=True, text=True,
                               timeout=600 * float(os.environ.get("PC_TEST_TIMEOUT_SCALE") or 1))
        except (OSError, subprocess.SubprocessError) as e:
            print(f"run_spec: {presscut}: {e}")
            print(f"0 passed, {len(examples)} failed")
            return 1
    docs = r.stdout.splitlines() if files else []
    if r.returncode != 0 or len(docs) != len(examples):
        print(f"run_spec: presscut exited {r.returncode} with {len(docs)} results "
              f"for {len(examples)} examples: {r.stderr.strip()[-300:]}")
        docs = []
    for i, ex in enumerate(examples):
        where = f"{os.path.relpath(ex.path)}:{ex.line}"
        if i >= len(docs):
            print(f"FAIL {where}: no result")
            failed += 1
            continue
        doc, bad = json.loads(docs[i]), []
        for n, line in ex.expect:
            try:
                got = check(doc, line)
            except (ValueError, IndexError) as e:
                got = f"bad expectation: {e}"
            if got is not None:
                bad.append(f"  {os.path.relpath(ex.path)}:{n}: {line.strip()}\n"
                           f"    but {got}")
        if bad or not ex.expect:
            failed += 1
            print(f"FAIL {where}: {' '.join(ex.input)[:70]}")
            print("\n".join(bad) if bad else "  no expectation")
    print(f"{len(examples) - failed} passed, {failed} failed")
    return 1 if failed or not examples else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
