#!/bin/sh
# The command line itself: version, help in both languages, usage errors.
. "$(dirname "$0")/lib.sh"

run version
expect_rc 0 "version exits 0"
expect_in "mamori " "$out" "version names the program"
expect_in "schema " "$out" "version names the schema"

run --help
expect_rc 0 "--help exits 0"
expect_in "使い方" "$out" "help is Japanese by default"
LANG=en_US.UTF-8 run --help
expect_in "Usage" "$out" "LANG=en gives English help"
run --lang en --help
expect_in "Usage" "$out" "--lang en gives English help"
MAMORI_LANG=en run --help
expect_in "Usage" "$out" "MAMORI_LANG=en gives English help"

for cmd in init catalog migrate version; do
	run "$cmd" --help
	expect_rc 0 "$cmd --help exits 0"
	expect_in "mamori $cmd" "$out" "$cmd --help shows its usage line"
	run --lang en "$cmd" --help
	expect_in "Usage: mamori $cmd" "$out" "$cmd --help in English"
done

run
expect_rc 2 "no command is a usage error"
run frobnicate
expect_rc 2 "unknown command exits 2"
expect_in "frobnicate" "$err" "unknown command is named"
run --bogus version
expect_rc 2 "unknown global option exits 2"
run version extra
expect_rc 2 "extra argument exits 2"
run --lang en frobnicate
expect_in "there is no command 'frobnicate'" "$err" "English usage message"

done_testing
