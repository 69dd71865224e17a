# canbo: the two commands (README.md) and a few more.
#   make run    install what is missing, build, create the demo database, serve it
#   make check  install what is missing, build (normal + ASan/UBSan), run every test
#   make bench  benchmarks on a 100,000-cadre demo (not part of check)
JOBS ?= 2
DEMO_DB ?= canbo-demo.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build build-asan run check bench clean fuzz format-check

all: build

deps:
	@bash scripts/deps.sh

build: deps
	@cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	@cmake --build build -j$(JOBS) >/dev/null

build-asan: deps
	@cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DCANBO_SANITIZE=ON >/dev/null
	@cmake --build build-asan -j$(JOBS) >/dev/null

run: build
	@bash scripts/run-demo.sh build/canbo $(DEMO_DB) $(LISTEN)

check: build build-asan
	@bash scripts/check.sh

bench: build
	@bash bench/run.sh

# The format-checking build: every html_printf/html_url call against its format (scripts/format_check.py).
format-check: build
	@python3 scripts/format_check.py

# make fuzz: every libFuzzer harness of tests/fuzz (the request side of issue 12: raw HTTP, query, form,
# multipart, JSON, router; the files boards bring of issue 8: CSV, xlsx, xls, encodings), FUZZ_SECONDS each,
# from the seeds in tests/fuzz/corpus/<name>/ (scripts/fuzz.sh; FUZZERS="json router" for some only).
FUZZ_SECONDS ?= 60
FUZZERS ?=
fuzz: deps
	@bash scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZERS)

clean:
	rm -rf build build-asan build-fuzz build-fmt
