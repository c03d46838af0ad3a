#!/bin/sh
# mamori migrate and the data-file checks: a missing file, a foreign file,
# a file from a newer mamori.
. "$(dirname "$0")/lib.sh"

run --data missing.db migrate
expect_rc 1 "missing data file exits 1"
expect_in "missing.db" "$err" "missing file is named"
[ -e missing.db ] && not_ok "migrate creates no file" || ok "migrate creates no file"

"$MAMORI" --data a.db init --org A --email a@example.jp >/dev/null
run --data a.db migrate
expect_rc 0 "migrate on a current file"
expect_in "最新" "$out" "says it is up to date"

sqlite3 foreign.db "create table notes (x text); insert into notes values ('x');"
run --data foreign.db migrate
expect_rc 1 "a foreign SQLite file is refused"
expect_in "mamori のデータファイルではありません" "$err" "foreign file message"
expect_eq "$(sqlite3 foreign.db 'select count(*) from sqlite_schema')" 1 \
	"foreign file untouched"

cp a.db newer.db
sqlite3 newer.db "insert into schema_migration values (9999, 'later')"
before=$(sqlite3 newer.db .dump | sha256sum)
run --data newer.db migrate
expect_rc 1 "a newer data file is refused"
expect_in "9999" "$err" "newer version is named"
expect_eq "$(sqlite3 newer.db .dump | sha256sum)" "$before" \
	"newer file unchanged"

done_testing
