#!/bin/sh
# test_cli.sh PRESSCUT REPO FAKELIB - the command line as users and scripts see it:
# help, version, exit codes, inputs (file, stdin, URL), formats, options.
# Starts a real HTTP server (python3 -m http.server) on 127.0.0.1.
set -u
bin=$1 repo=$2 fakelib=$3
. "$repo/tests/harness.sh"  # scaled: limits times $PC_TEST_TIMEOUT_SCALE
t30=$(scaled 30)
pass=0 fail=0
tmp=$(mktemp -d)
srv=
cleanup() { [ -n "$srv" ] && kill "$srv" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

ok() { pass=$((pass + 1)); }
no() { fail=$((fail + 1)); echo "FAIL: $*" >&2; }
# expect STATUS DESCRIPTION -- COMMAND...
expect() {
  want=$1 what=$2
  shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"
  got=$?
  if [ "$got" -eq "$want" ]; then ok; else no "$what: exit $got, want $want ($(head -c 200 "$tmp/err"))"; fi
}
has() { grep -q -- "$2" "$1" && ok || no "$1 lacks '$2'"; }
hasnt() { grep -q -- "$2" "$1" && no "$1 has '$2'" || ok; }
oneline() { [ "$(wc -l <"$tmp/err")" -eq 1 ] && ok || no "stderr is not one line: $(cat "$tmp/err")"; }

seed=$repo/examples/crocus-article.txt

expect 0 "--help" -- "$bin" --help
has "$tmp/out" "extract"
expect 0 "--version" -- "$bin" --version
has "$tmp/out" "presscut [0-9]"
expect 0 "extract --help" -- "$bin" extract --help
has "$tmp/out" "--format"
expect 2 "no command" -- "$bin"
expect 2 "unknown command" -- "$bin" frobnicate
oneline
expect 2 "unknown option" -- "$bin" extract --bogus "$seed"
expect 2 "bad format" -- "$bin" extract --format pdfx "$seed"
oneline
expect 2 "missing input" -- "$bin" extract
expect 3 "missing file" -- "$bin" extract "$tmp/none.html"
oneline
has "$tmp/err" "none.html"
expect 3 "directory" -- "$bin" extract "$tmp"
expect 3 "over --max-input" -- "$bin" extract --max-input 100 "$seed"
oneline
has "$tmp/err" "limit"
# a regular file is read into a buffer of its own size: to its last byte
# at exactly --max-input (past the 64 KiB a pipe starts with), refused one
# byte over
{ echo "Title line"; echo; i=0
  while [ $i -lt 3000 ]; do echo "Some words of a paragraph, line $i."; i=$((i + 1)); done
  echo; printf 'Last paragraph ends here ENDMARK'; } >"$tmp/long.txt"
sz=$(wc -c <"$tmp/long.txt")
expect 0 "file of exactly --max-input" -- "$bin" extract --max-input "$sz" "$tmp/long.txt"
has "$tmp/out" "ends here ENDMARK"
expect 3 "file one byte over --max-input" -- "$bin" extract --max-input $((sz - 1)) "$tmp/long.txt"
has "$tmp/err" "over the limit of $((sz - 1))"
expect 2 "unknown block id" -- "$bin" extract --delete b99 "$seed"
# a negative limit is a usage error, not "no limit" (strtoull took -5 as
# 2^64-5); timeout(1) bounds the run should it not be refused
head -c 300000 /dev/zero | tr '\0' 'a' >"$tmp/big.txt"
expect 2 "negative --max-input" -- timeout "$t30" "$bin" extract --max-input -5 "$tmp/big.txt"
oneline
has "$tmp/err" "max-input"
expect 2 "negative --max-input (html)" -- timeout "$t30" "$bin" html --max-input -5 -o "$tmp/x.html" "$tmp/big.txt"
expect 2 "negative --max-doc (batch)" -- timeout "$t30" "$bin" batch --quiet --max-doc -5000 --out "$tmp/b.jsonl" "$seed"
# reading is bounded by --timeout too: a FIFO nobody writes to
mkfifo "$tmp/fifo"
expect 3 "a FIFO without a writer times out" -- timeout "$t30" "$bin" extract --timeout 1 "$tmp/fifo"
oneline
has "$tmp/err" "timeout"
# ... and one that is written is read
timeout "$t30" sh -c 'cat "$1" >"$2"' sh "$seed" "$tmp/fifo" &
expect 0 "a FIFO with a writer" -- timeout "$t30" "$bin" extract --timeout "$(scaled 20)" "$tmp/fifo"
has "$tmp/out" "Terrorist Attack Near Moscow"
wait

# partial work is kept: a bad input among good ones
expect 3 "one bad of two" -- "$bin" extract --format json "$seed" "$tmp/none.html"
[ "$(wc -l <"$tmp/out")" -eq 1 ] && ok || no "the good input was not printed"

# text: title, blank line, paragraphs
expect 0 "text" -- "$bin" extract "$seed"
[ "$(head -n 1 "$tmp/out")" = "Terrorist Attack Near Moscow: Who Masterminds ISIS-K?" ] && ok || no "title line"
[ "$(sed -n 2p "$tmp/out")" = "" ] && ok || no "blank second line"
hasnt "$tmp/out" "Print Friendly"
hasnt "$tmp/out" "OP CUT"

# libcurl, GMime, libmicrohttpd, libcrypto and the print stack are loaded
# by the stages that use them, not at start-up (src/core/dl.h; the print
# stack in full: tests/cli/test_startup.sh)
LD_DEBUG=files "$bin" extract "$seed" >/dev/null 2>"$tmp/ld"
has "$tmp/ld" "file=libxml2"
for lib in libcurl libgmime libmicrohttpd libcrypto libpango; do hasnt "$tmp/ld" "file=$lib"; done
has "$tmp/out" "Prosecutor General"

# stdin, --cut, --delete
"$bin" extract --cut - <"$seed" >"$tmp/cut" 2>"$tmp/err" && ok || no "stdin --cut"
hasnt "$tmp/cut" "Prosecutor General"
"$bin" extract --delete b1,b9 "$seed" >"$tmp/del" && ok || no "--delete"
hasnt "$tmp/del" "Since the bloodbath"
hasnt "$tmp/del" "We would add"
has "$tmp/del" "The perpetrators"

# formats
expect 0 "json" -- "$bin" extract --format json "$seed"
/usr/bin/python3 - "$tmp/out" <<'PY' && ok || no "json fields"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
for k in ("title", "byline", "date", "site", "url", "lang", "description",
          "image", "word_count", "text", "blocks"):
    assert k in d, k
assert len(d["blocks"]) == 9 and d["blocks"][3]["optional"] is True
assert all(set(("id", "type", "level", "text", "optional")) <= set(b) for b in d["blocks"])
assert d["lang"] == "en"
PY
expect 0 "markdown" -- "$bin" extract --format markdown "$seed"
has "$tmp/out" "^# Terrorist Attack"
expect 0 "html" -- "$bin" extract --format html "$seed"
has "$tmp/out" '<p id="b4" class="optional">'
expect 0 "-o file" -- "$bin" extract -o "$tmp/o.txt" "$seed"
has "$tmp/o.txt" "Crooke"

# who said what
expect 0 "quotes --help" -- "$bin" quotes --help
has "$tmp/out" "--date"
expect 0 "quotes json" -- "$bin" quotes --date 2024-04-10 "$seed"
/usr/bin/python3 - "$tmp/out" <<'PY' && ok || no "quotes json fields"
import json, sys
d = json.load(open(sys.argv[1], encoding="utf-8"))
assert set(d) >= {"title", "date", "quotes", "entities", "claims"}
q = d["quotes"][1]
assert set(q) >= {"id", "text", "kind", "speaker", "speaker_entity", "role",
                  "cue", "date", "block", "start", "end", "sentence"}
assert q["speaker"] == "Putin" and q["kind"] == "direct" and q["date"] == "2024-04-02"
ents = {e["id"]: e for e in d["entities"]}
assert ents[q["speaker_entity"]]["type"] == "person"
gb = [e for e in d["entities"] if e["country"] == "GBR"][0]
assert gb["name"] == "United Kingdom" and "London" in gb["aliases"]
c = [c for c in d["claims"] if c["claimant"] == "Alexander Bortnikov"][0]
assert c["accused"] == ["United States", "United Kingdom", "Ukraine"]
assert c["polarity"] == "accuse" and c["quote"]
PY
expect 0 "quotes text" -- "$bin" quotes --format text "$seed"
has "$tmp/out" "^Alastair Crooke (director of the Lebanon-based Conflicts Forum):"
has "$tmp/out" "^Claims:"
has "$tmp/out" "^  - Western states hold ISIS-K responsible.$"
has "$tmp/out" "2 April\] “We will get to those who masterminded this crime.”$"
expect 0 "quotes html" -- "$bin" quotes --format html "$seed"
has "$tmp/out" "<mark style="
has "$tmp/out" "<h2>Claims</h2>"
has "$tmp/out" ">The spokesman for the United States denies that Ukraine was involved.</li>"
expect 2 "quotes bad date" -- "$bin" quotes --date 2024/04/10 "$seed"
expect 2 "quotes markdown" -- "$bin" quotes --format markdown "$seed"
expect 0 "extract --attribution" -- "$bin" extract --format json --attribution "$seed"
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["blocks"] and len(d["quotes"]) == 12 and len(d["claims"]) == 7' "$tmp/out" && ok || no "extract --attribution arrays"

# a page served over HTTP from 127.0.0.1
mkdir -p "$tmp/www"
cat >"$tmp/www/page.html" <<'HTML'
<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Served page | Site</title></head>
<body><article><h1>Served page</h1><p>This paragraph was fetched over HTTP from a local
server, and it is long enough, with commas, to be taken as the article body.</p>
<p>A second paragraph, also long enough to be counted, with a <a href="other.html">relative link</a>.</p>
</article></body></html>
HTML
/usr/bin/python3 "$repo/tests/cli/httpd.py" "$tmp/www" "$tmp/port" &
srv=$!
i=0
while [ ! -s "$tmp/port" ]; do
  i=$((i + 1)); [ $i -gt "$(scaled 100)" ] && break; sleep 0.1
done
port=$(cat "$tmp/port")
expect 0 "URL" -- "$bin" extract --format json "http://127.0.0.1:$port/page.html"
LD_DEBUG=files "$bin" extract "http://127.0.0.1:$port/page.html" >/dev/null 2>"$tmp/ld"
has "$tmp/ld" "file=libcurl"
has "$tmp/out" "fetched over HTTP"
has "$tmp/out" "\"href\":\"http://127.0.0.1:$port/other.html\""
has "$tmp/out" "\"url\":\"http://127.0.0.1:$port/page.html\""
# an unusable libcurl: the URL input fails in one line with status 5; a
# file input never needs it
expect 5 "libcurl without its functions" -- env LD_LIBRARY_PATH="$fakelib" "$bin" extract "http://127.0.0.1:$port/page.html"
oneline
has "$tmp/err" "cannot load libcurl"
expect 0 "a file input without libcurl" -- env LD_LIBRARY_PATH="$fakelib" "$bin" extract "$seed"
expect 4 "HTTP 404" -- "$bin" extract "http://127.0.0.1:$port/missing.html"
oneline
has "$tmp/err" "404"
expect 0 "5 redirects" -- "$bin" extract "http://127.0.0.1:$port/redirect/4"
has "$tmp/out" "fetched over HTTP"
expect 4 "6 redirects" -- "$bin" extract "http://127.0.0.1:$port/redirect/5"
oneline
expect 0 "gzip" -- "$bin" extract "http://127.0.0.1:$port/gzip"
has "$tmp/out" "fetched over HTTP"
expect 0 "charset from the header" -- "$bin" extract "http://127.0.0.1:$port/latin1"
has "$tmp/out" "Le café de la gare, où"
expect 3 "over the fetch cap" -- "$bin" extract "http://127.0.0.1:$port/big"
oneline
has "$tmp/err" "bytes"
expect 4 "timeout" -- "$bin" extract --timeout 1 "http://127.0.0.1:$port/slow"
oneline
kill "$srv" 2>/dev/null; wait "$srv" 2>/dev/null; srv=
expect 4 "connection refused" -- "$bin" extract --timeout 5 "http://127.0.0.1:$port/page.html"
oneline
expect 2 "ftp URL" -- "$bin" extract "ftp://127.0.0.1/x"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
