#!/bin/sh
# fuzz.sh: runs the libFuzzer targets of tests/fuzz/ (docs/SECURITY.md,
# "Fuzzing"); `make fuzz` calls it.
#
# Usage: scripts/fuzz.sh [TARGET ...]     (default: every target)
#   FUZZ_SECONDS  how long each target runs (default 60)
#   FUZZ_BUILD    the clang build folder (default build-fuzz)
#
# Each target starts from its corpus tests/fuzz/corpus/NAME.  What it finds
# goes to a scratch folder first and is then merged into the corpus with
# -merge=1, which keeps only inputs that reach code the corpus did not, so
# the corpus (replayed by `make test`) grows by what matters.  A crash or
# sanitizer report stops that target; its input is kept in
# FUZZ_BUILD/fuzz-crashes/ and the script ends with status 1 after the
# others have run.  One line per target tells what ran.
set -eu

cd "$(dirname "$0")/.."
SECONDS_EACH=${FUZZ_SECONDS:-60}
BUILD=${FUZZ_BUILD:-build-fuzz}
ALL="form router api pages http csv xlsx ledger markdown catalog answers"
TARGETS=${*:-$ALL}

if [ ! -f "$BUILD/build.ninja" ]; then
	# -fsanitize=fuzzer-no-link puts libFuzzer's coverage counters into
	# libmamori too, so the fuzzer sees the parsers' branches.
	CC=clang meson setup "$BUILD" -Dfuzz=true -Dbuildtype=debugoptimized \
		-Db_sanitize=address,undefined -Db_lundef=false \
		-Dc_args='-fsanitize=fuzzer-no-link -fno-sanitize-recover=undefined' \
		>/dev/null
fi
exes=""
for t in $TARGETS; do
	exes="$exes tests/fuzz/fuzz_$t"
done
# shellcheck disable=SC2086
ninja --quiet -C "$BUILD" $exes

mkdir -p "$BUILD/fuzz-logs" "$BUILD/fuzz-crashes"
# A sanitizer report is a finding: abort so libFuzzer keeps the input.
export ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1}"
failed=0
for t in $TARGETS; do
	corpus="tests/fuzz/corpus/$t"
	found=$(mktemp -d "${TMPDIR:-/tmp}/mamori-fuzz-$t.XXXXXX")
	log="$BUILD/fuzz-logs/$t.log"
	before=$(find "$corpus" -type f | wc -l)
	kept=$(find "$BUILD/fuzz-crashes" -name "$t-*" | wc -l)
	status=0
	"$BUILD/tests/fuzz/fuzz_$t" -max_total_time="$SECONDS_EACH" \
		-timeout=30 -print_final_stats=1 \
		-artifact_prefix="$BUILD/fuzz-crashes/$t-" \
		"$found" "$corpus" >"$log" 2>&1 || status=$?
	"$BUILD/tests/fuzz/fuzz_$t" -merge=1 "$corpus" "$found" \
		>>"$log" 2>&1 || true
	rm -rf "$found"
	after=$(find "$corpus" -type f | wc -l)
	runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" |
		head -n 1)
	crashes=$(($(find "$BUILD/fuzz-crashes" -name "$t-*" | wc -l) - kept))
	[ "$status" -eq 0 ] || failed=1
	printf '%-9s %5ss %10s runs  corpus %4d -> %4d  %d crashes  %s\n' \
		"$t" "$SECONDS_EACH" "${runs:-?}" "$before" "$after" \
		"$crashes" "$log"
done
if [ "$failed" -ne 0 ]; then
	echo "fuzz.sh: a target stopped on a finding; inputs in" \
		"$BUILD/fuzz-crashes/" >&2
	exit 1
fi
