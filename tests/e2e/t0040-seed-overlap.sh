#!/bin/sh
# Own words: no passage of the project repeats the reference texts.
. "$(dirname "$0")/lib.sh"

tool="$MAMORI_SOURCE_ROOT/../shared/tools/seed-overlap"
if [ -x "$tool" ]; then
	res=$("$tool" "$MAMORI_SOURCE_ROOT" 2>&1)
	rc=$?
	out=$res
	err=""
	expect_rc 0 "seed-overlap finds no copied passage"
	expect_in "no passage repeats" "$res" "seed-overlap prints no passage"
else
	ok "seed-overlap finds no copied passage # SKIP ../shared/tools not beside the project"
fi

done_testing
