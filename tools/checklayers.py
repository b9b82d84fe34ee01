#!/usr/bin/env python3
"""checklayers.py [REPO] - the module rules of tests/layers.txt.

1. Layering: every `#include "..."` in src/<module>/ names a header of
   its own module or of a module listed after its name in tests/layers.txt
   (src/internal.h and src/pc_limits.h are `core`; include/presscut.h is
   allowed everywhere; cli/ may include only presscut.h).  The listed
   arrows themselves must have no cycle.
2. Length: no function in src/ or cli/ is longer than `max-lines` lines
   (from its first line to its closing brace), except those named on a
   `long FILE FUNCTION: why` line.

Prints one line per violation and "N passed, M failed"; exit 1 on any.
"""
import os
import re
import sys

repo = sys.argv[1] if len(sys.argv) > 1 else "."
os.chdir(repo)

allowed, long_ok, max_lines = {}, {}, 150
for raw in open("tests/layers.txt", encoding="utf-8"):
    line = raw.split("#", 1)[0].strip()
    if not line:
        continue
    if line.startswith("max-lines "):
        max_lines = int(line.split()[1])
    elif line.startswith("long "):
        where, why = line[5:].split(":", 1)
        path, fn = where.split()
        long_ok[(path, fn)] = why.strip()
    else:
        mod, deps = line.split(":", 1)
        allowed[mod.strip()] = set(deps.split())

failures, checks = [], 0


def fail(msg):
    failures.append(msg)


# the arrows have no cycle (depth-first search)
state = {}


def visit(m, path):
    if state.get(m) == 1:
        fail("cycle in tests/layers.txt: " + " -> ".join(path + [m]))
        return
    if state.get(m) == 2:
        return
    state[m] = 1
    for d in sorted(allowed.get(m, ())):
        if d not in allowed:
            fail(f"tests/layers.txt: {m} lists unknown module {d}")
        else:
            visit(d, path + [m])
    state[m] = 2


for m in sorted(allowed):
    visit(m, [])
checks += 1

INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"')


def module_of_header(inc, own):
    inc = re.sub(r"^(\.\./)+", "", inc)
    if inc == "presscut.h":
        return "api"
    if inc in ("internal.h", "pc_limits.h"):
        return "core"
    return inc.split("/", 1)[0] if "/" in inc else own


sources = []
for root in ("src", "cli"):
    for r, _, fs in os.walk(root):
        sources += [os.path.join(r, f) for f in sorted(fs)
                    if f.endswith((".c", ".h"))]
for path in sorted(sources):
    parts = path.split(os.sep)
    own = "cli" if parts[0] == "cli" else (
        "core" if len(parts) == 2 else parts[1])
    if own not in allowed:
        fail(f"{path}: module {own} is not in tests/layers.txt")
        continue
    for n, text in enumerate(open(path, encoding="utf-8", errors="replace"), 1):
        m = INCLUDE.match(text)
        if not m:
            continue
        checks += 1
        dep = module_of_header(m.group(1), own)
        if dep == "api" or dep == own or dep in allowed[own]:
            continue
        fail(f"{path}:{n}: {own} may not include {m.group(1)} "
             f"(module {dep}; see tests/layers.txt)")

# function lengths: a definition starts at column 0 and ends at the
# first "}" alone at column 0 (the house format, clang-format)
DEF = re.compile(r"^(?!typedef|struct\b|enum\b|union\b|#|static\s+const\b)"
                 r"[A-Za-z_][\w\s\*]*?\b(\w+)\s*\(")
for path in sorted(p for p in sources if p.endswith(".c")):
    lines = open(path, encoding="utf-8", errors="replace").read().split("\n")
    i = 0
    while i < len(lines):
        m = DEF.match(lines[i])
        if m and not lines[i].rstrip().endswith(";"):
            j = i
            while j < len(lines) and "{" not in lines[j] and ";" not in lines[j]:
                j += 1
            if j < len(lines) and lines[j].rstrip().endswith("{"):
                k = j + 1
                while k < len(lines) and lines[k] != "}":
                    k += 1
                n = k - i + 1
                checks += 1
                if n > max_lines and (path, m.group(1)) not in long_ok:
                    fail(f"{path}:{i + 1}: {m.group(1)} is {n} lines "
                         f"(over {max_lines}; split it, or name it in "
                         f"tests/layers.txt with the reason)")
                i = k
        i += 1
for (path, fn) in long_ok:
    if not os.path.exists(path):
        fail(f"tests/layers.txt: long {path} {fn}: no such file")

# docs/internals/LAYERS.md's `layers` block says what tests/layers.txt does
doc_rules = {}
in_block = False
for raw in open("docs/internals/LAYERS.md", encoding="utf-8"):
    if raw.startswith("```"):
        in_block = raw.strip() == "```layers"
        continue
    if in_block and ":" in raw:
        mod, deps = raw.split(":", 1)
        doc_rules[mod.strip()] = set(deps.split())
checks += 1
if doc_rules != allowed:
    fail("docs/internals/LAYERS.md: its layers block differs from "
         "tests/layers.txt")

for f in failures:
    print(f)
print(f"{checks - len(failures)} passed, {len(failures)} failed")
sys.exit(1 if failures else 0)
