#!/bin/sh
# needs.sh SHARED SHOWN PATH... -- COMMAND...
# Runs COMMAND when every PATH (relative to the shared folder SHARED) is
# there; otherwise prints "SKIP: no SHOWN/PATH" for the first one missing
# and exits 77 (the SKIP_RETURN_CODE of tests/CMakeLists.txt), so that a
# clone without ../shared is summed up as skipped tests, never as a full run.
shared=$1 shown=$2
shift 2
while [ $# -gt 0 ] && [ "$1" != "--" ]; do
  if [ ! -e "$shared/$1" ]; then
    echo "SKIP: no $shown/$1"
    exit 77
  fi
  shift
done
[ $# -gt 0 ] && shift
exec "$@"
