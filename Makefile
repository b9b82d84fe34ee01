# Makefile - a thin front end over CMake (the real build).
#
#   make demo    install dependencies, build, extract the founding article
#   make check   install dependencies, build, run the whole test suite,
#                then again under AddressSanitizer + UBSan
#   make         build only (build/presscut)
#   make test    build, run the test suite once (no dependencies installed)
#   make install [PREFIX=/usr/local] [DESTDIR=]   build, then install
#   make uninstall                                 remove what install put
#   make asan | fuzz | bench | format | clean
#
# make check runs both halves whatever the first one gave, then prints a
# summary (tests/summary.py): what was skipped and why (a clone without
# ../shared says "10 tests skipped: no ../shared/corpus"), which tests
# failed, which half failed ("make check: tests: 2 failed (build/);
# sanitizer: passed (build-asan/)"), and last a plain line "N passed,
# N failed, N skipped" over both; the status is non-zero if anything failed.
#
# Which tests run where (ctest labels, tests/CMakeLists.txt):
#   build/       every test.
#   build-asan/  every test except the labels in ASAN_SKIP_LABELS: package
#                and install (they test packaging, not memory safety),
#                static (checksrc, layers, exports: they read sources and
#                symbols, no code of ours runs) and dask (its C code is
#                `presscut batch --shard`, which batch and pipe run under
#                the sanitizers already), epubcheck (Java validating
#                books the `epub` test also makes under the sanitizers,
#                minutes of CPU for no C code of ours).  pdf_text runs on every third
#                corpus page there (tests/CMakeLists.txt).
#
# Time limits: PC_TEST_TIMEOUT_SCALE=3 make check multiplies every limit
# of every test (ctest's TIMEOUT and those the tests set themselves) by 3;
# default 1, with limits meant for a busy two-core machine (tests/README.md).
# CTEST_ARGS go to both ctest runs: make check CTEST_ARGS='-R spec'.

BUILD    ?= build
ASAN     ?= build-asan
FUZZ     ?= build-fuzz
JOBS     ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE    ?= cmake
FUZZ_SECONDS ?= 60
PC_TEST_TIMEOUT_SCALE ?= 1
ASAN_SKIP_LABELS ?= package|install|static|dask|epubcheck
CTEST_ARGS ?=
SUMMARY  = /usr/bin/python3 tests/summary.py
PREFIX   ?= /usr/local

.PHONY: all deps build demo check test asan asan-build test-run asan-run fuzz bench format clean install uninstall

all: build

deps:
	@sh scripts/install-deps.sh

build:
	@$(CMAKE) -S . -B $(BUILD) -DPC_WERROR=ON \
	  -DPC_TEST_TIMEOUT_SCALE=$(PC_TEST_TIMEOUT_SCALE) >/dev/null
	@$(CMAKE) --build $(BUILD) -j$(JOBS) >/dev/null

demo: deps build
	@$(BUILD)/presscut extract examples/crocus-article.txt

# One half each: build, then ctest, which leaves DIR/junit.xml for the
# summary (removed first, so that a failed build leaves none).
test-run:
	@rm -f $(BUILD)/junit.xml
	@$(MAKE) --no-print-directory build
	cd $(BUILD) && ctest --output-on-failure -j$(JOBS) \
	  --output-junit $(abspath $(BUILD))/junit.xml $(CTEST_ARGS)

asan-build:
	@$(CMAKE) -S . -B $(ASAN) -DPC_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug \
	  -DPC_TEST_TIMEOUT_SCALE=$(PC_TEST_TIMEOUT_SCALE) >/dev/null
	@$(CMAKE) --build $(ASAN) -j$(JOBS) >/dev/null

# intercept_tls_get_addr=0: GCC 12's sanitizer runtime takes a dynamic TLS
# block that starts 16 bytes into a page for one with a glibc 2.19 header and
# reads a made-up range from it; LeakSanitizer's tracer then dies at exit
# ("Tracer caught signal 11", google/sanitizers#1322), in about one PDF run
# in eight here.  Without the interceptor the leak check scans static TLS
# only, which is where this program and its libraries keep theirs.
ASAN_OPTS = detect_leaks=1:abort_on_error=1:intercept_tls_get_addr=0

asan-run:
	@rm -f $(ASAN)/junit.xml
	@$(MAKE) --no-print-directory asan-build
	cd $(ASAN) && export ASAN_OPTIONS=$(ASAN_OPTS) \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 && \
	  { ctest --output-on-failure -j$(JOBS) -LE '^($(ASAN_SKIP_LABELS))$$' \
	  --output-junit $(abspath $(ASAN))/junit.xml $(CTEST_ARGS) || \
	  /usr/bin/python3 $(CURDIR)/tests/asan_rerun.py $(abspath $(ASAN)); }

test:
	@rc=0; $(MAKE) --no-print-directory test-run || rc=$$?; \
	$(SUMMARY) "make test" tests $(BUILD) $$rc

asan: deps
	@rc=0; $(MAKE) --no-print-directory asan-run || rc=$$?; \
	$(SUMMARY) "make asan" sanitizer $(ASAN) $$rc

# both halves, the second whatever the first gave, then one summary
check: deps
	@t=0; a=0; \
	$(MAKE) --no-print-directory test-run || t=$$?; \
	$(MAKE) --no-print-directory asan-run || a=$$?; \
	$(SUMMARY) "make check" tests $(BUILD) $$t sanitizer $(ASAN) $$a

fuzz:
	@sh scripts/install-deps.sh --fuzz
	@$(CMAKE) -S . -B $(FUZZ) -DPC_FUZZ=ON -DPC_SANITIZE=ON \
	  -DCMAKE_C_COMPILER=clang >/dev/null
	@$(CMAKE) --build $(FUZZ) -j$(JOBS) >/dev/null
	mkdir -p fuzz/corpus-work/html fuzz/corpus-work/text
	$(FUZZ)/fuzz/fuzz_html -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/dict/html.dict \
	  fuzz/corpus-work/html fuzz/seeds/html fuzz/regress/html
	$(FUZZ)/fuzz/fuzz_text -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/dict/text.dict \
	  fuzz/corpus-work/text fuzz/seeds/text fuzz/regress/text
	mkdir -p fuzz/corpus-work/quotes
	$(FUZZ)/fuzz/fuzz_quotes -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/dict/quotes.dict \
	  fuzz/corpus-work/quotes fuzz/seeds/quotes fuzz/regress/quotes
	mkdir -p fuzz/corpus-work/batch
	$(FUZZ)/fuzz/fuzz_batch -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/dict/batch.dict \
	  fuzz/corpus-work/batch fuzz/seeds/batch fuzz/regress/batch
	mkdir -p fuzz/corpus-work/json
	$(FUZZ)/fuzz/fuzz_json -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/dict/json.dict \
	  fuzz/corpus-work/json fuzz/seeds/json fuzz/regress/json
	mkdir -p fuzz/corpus-work/query
	$(FUZZ)/fuzz/fuzz_query -max_total_time=$(FUZZ_SECONDS) -dict=fuzz/dict/query.dict \
	  fuzz/corpus-work/query fuzz/seeds/query fuzz/regress/query

# DESTDIR (staged installs, packages) is read by cmake --install itself.
# The list of what was installed is kept for uninstall (CMake's own
# install_manifest.txt is rewritten by every install, the tests' too).
install: build
	@$(CMAKE) --install $(BUILD) --prefix $(PREFIX)
	@sed 's|^|$(DESTDIR)|' $(BUILD)/install_manifest.txt > $(BUILD)/make-install.txt

# What the last `make install` wrote (DESTDIR included).
uninstall:
	@test -f $(BUILD)/make-install.txt || { echo "presscut: nothing installed from $(BUILD)" >&2; exit 1; }
	@tr '\n' '\0' < $(BUILD)/make-install.txt | xargs -0 rm -f
	@rm -f $(BUILD)/make-install.txt

bench: build
	@bench/setup
	@bench/run

format:
	clang-format -i include/*.h src/*.h src/*/*.[ch] cli/*.c tests/unit/*.[ch]

clean:
	rm -rf $(BUILD) $(ASAN) $(FUZZ)
