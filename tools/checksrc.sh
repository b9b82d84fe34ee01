#!/bin/sh
# checksrc.sh [REPO] - house rules the compiler does not check:
# banned functions (unbounded copies, hidden state, no error reporting)
# and the one-public-header rule (cli/ includes only presscut.h and its
# own cli.h).
set -u
repo=${1:-.}
cd "$repo" || exit 2
fail=0
banned='\b(strcpy|strcat|sprintf|vsprintf|gets|strtok|atoi|atol|atof|asctime|ctime|gmtime|localtime|rand|srand)[[:space:]]*\('
if grep -nE "$banned" src/*.h src/*/*.[ch] cli/*.[ch] | grep -v '^\S*:[0-9]*:\s*/\?\*'; then
  echo "banned functions above (see tools/checksrc.sh)" >&2
  fail=1
fi
if grep -n '#include "' cli/*.[ch] | grep -v '"presscut.h"\|"cli.h"'; then
  echo "cli/ may include only presscut.h and cli.h" >&2
  fail=1
fi
echo "$((1 - fail)) passed, $fail failed"
exit $fail
