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

# make fuzz (issue 8): libFuzzer over the CSV parser, the workbook readers and the encoding
# detection (tests/fuzz/fuzz_import.c), FUZZ_SECONDS long, from the seeds in tests/fuzz/corpus.
FUZZ_SECONDS ?= 60
FUZZ_SRC = tests/fuzz/fuzz_import.c src/core/arena.c src/core/buf.c src/core/csv.c \
  src/domain/io/encoding.c src/domain/io/legacy_tables.c src/domain/io/table.c src/domain/io/xlsx_read.c \
  src/domain/io/xls_read.c
fuzz: deps
	@command -v clang >/dev/null || { echo "make fuzz needs Debian's clang: apt-get install clang"; exit 1; }
	@mkdir -p build-fuzz/corpus
	@clang -g -O1 -std=c11 -D_GNU_SOURCE -Isrc -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=undefined \
	  $(FUZZ_SRC) $$(pkg-config --cflags --libs libzip libxml-2.0 freexl libutf8proc) -o build-fuzz/fuzz_import
	@cp -n tests/fuzz/corpus/* build-fuzz/corpus/ 2>/dev/null || true
	build-fuzz/fuzz_import -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=2048 -timeout=10 \
	  build-fuzz/corpus tests/fuzz/corpus

clean:
	rm -rf build build-asan build-fuzz build-fmt
