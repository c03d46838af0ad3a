# Makefile: named recipes over Meson.  `make run` and `make test` are the
# two commands a newcomer needs; everything else is for developers.

BUILD      ?= build
ASAN_BUILD ?= build-asan
DATA       ?= var/mamori.db
MESON      ?= meson

.PHONY: all build run test soak check check-layers format format-check \
	hdr-check bench deps-run deps-test clean fuzz

all: build

deps-run:
	@scripts/deps.sh run

deps-test:
	@scripts/deps.sh test
	@test -d tests/e2e/browser/node_modules/playwright-core || \
		(cd tests/e2e/browser && npm ci --no-audit --no-fund --silent)

$(BUILD)/build.ninja: | deps-run
	@$(MESON) setup $(BUILD) >/dev/null

build: deps-run $(BUILD)/build.ninja
	@ninja --quiet -C $(BUILD) mamori

# Builds, creates the demonstration data file when there is none, and
# shows what is in it.
run: build
	@scripts/run.sh $(BUILD)/mamori $(DATA)

# The whole check, as CI runs it: format, layers, headers, then every unit
# and end-to-end test under AddressSanitizer and UndefinedBehaviorSanitizer.
test: deps-test format-check check-layers hdr-check
	@test -f $(ASAN_BUILD)/build.ninja || $(MESON) setup $(ASAN_BUILD) \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dbuildtype=debug >/dev/null
	@ninja --quiet -C $(ASAN_BUILD)
	@scripts/test-summary.sh $(ASAN_BUILD)

# The durability test at length: 200 rounds of 200 writing clients and a
# SIGKILL (about ten minutes under the sanitizers; `make test` runs 20).
soak: deps-test
	@test -f $(ASAN_BUILD)/build.ninja || $(MESON) setup $(ASAN_BUILD) \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dbuildtype=debug >/dev/null
	@ninja --quiet -C $(ASAN_BUILD)
	@MAMORI=$(ASAN_BUILD)/mamori MAMORI_DURABILITY_ROUNDS=200 \
		ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
		python3 tests/e2e/t0300-durability.py

# The same suite on the optimised build, without sanitizers.
check: build
	@ninja --quiet -C $(BUILD)
	@scripts/test-summary.sh $(BUILD)

# Throughput and latency next to nginx serving the same bytes
# (docs/PERFORMANCE.md).
bench: build
	@scripts/deps.sh bench
	@bench/web.sh 5 16
	@bench/register.sh 3 16
	@bench/dashboard.sh 3 16
	@bench/load.sh 3

# Runs every libFuzzer target (clang, ASan+UBSan, in build-fuzz) for
# FUZZ_SECONDS each and merges what it finds into tests/fuzz/corpus/
# (docs/SECURITY.md).  `make fuzz FUZZ_SECONDS=600` for a longer run.
FUZZ_SECONDS ?= 60
fuzz:
	@scripts/deps.sh fuzz
	@FUZZ_SECONDS=$(FUZZ_SECONDS) scripts/fuzz.sh

check-layers:
	@scripts/check-layers.sh

format:
	@git ls-files -co --exclude-standard -- '*.c' '*.h' | xargs clang-format -i

format-check:
	@scripts/format-check.sh

hdr-check:
	@scripts/hdr-check.sh

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
