# The front door. `make run` and `make test` are the two commands of the README.
.POSIX:
.PHONY: all deps build dev run test bench fuzz format clean

DB ?= var/compact.db
LISTEN ?= 127.0.0.1:8080
JOBS ?= 2

all: build

deps:
	@sh scripts/install-deps.sh

# The release binary: build/release/compact
build: deps
	cmake --preset release >/dev/null
	cmake --build --preset release -j $(JOBS)
	@echo "built build/release/compact"

dev: deps
	cmake --preset dev >/dev/null
	cmake --build --preset dev -j $(JOBS)

run: build
	@test -f $(DB) || ./build/release/compact init --db $(DB)
	./build/release/compact serve --db $(DB) --listen $(LISTEN)

# Every test under AddressSanitizer and UndefinedBehaviorSanitizer, ending with CTest's summary.
test: deps
	cmake --preset asan >/dev/null
	cmake --build --preset asan -j $(JOBS)
	ctest --preset asan -j $(JOBS) || { sh scripts/test-failures.sh build/asan; exit 1; }

bench: build
	sh bench/http.sh
	sh bench/checks.sh
	sh bench/recheck.sh
	sh bench/coverage.sh
	sh bench/complaints.sh
	sh bench/backends.sh
	sh bench/search.sh
	sh bench/survey.sh

# libFuzzer targets (clang); run one with e.g. build/fuzz/tests/fuzz/fuzz_query -max_total_time=60
fuzz: deps
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz -j $(JOBS)

format:
	git ls-files '*.c' '*.h' | xargs clang-format -i

clean:
	rm -rf build
