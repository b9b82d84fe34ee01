# harness.sh - time limits for the shell tests (sourced: . tests/harness.sh)
#
# scaled SECONDS prints SECONDS times $PC_TEST_TIMEOUT_SCALE (default 1),
# rounded up to whole seconds, for timeout(1) and for sleep-free polling
# loops:  timeout "$(scaled 30)" "$bin" extract ...
# The same factor as tests/harness.py's scaled(); see tests/README.md.
scaled() {
  awk -v s="$1" -v f="${PC_TEST_TIMEOUT_SCALE:-1}" 'BEGIN {
    if (f + 0 <= 0) { print "PC_TEST_TIMEOUT_SCALE=" f ": not a positive number" > "/dev/stderr"; exit 2 }
    t = s * f; r = int(t); if (r < t) r++; print r }'
}
