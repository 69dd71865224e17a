# canbo: the two commands (README.md) and a few more.
#   make run    install what is missing, build, create the demo database, serve it
#   make check  install what is missing, build (normal + ASan/UBSan), run every test
#   make bench  benchmarks on a 100,000-cadre demo (not part of check)
JOBS ?= 2
DEMO_DB ?= canbo-demo.db
LISTEN ?= 127.0.0.1:8080

.PHONY: all deps build build-asan run check bench clean format-check

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

clean:
	rm -rf build build-asan build-fmt
