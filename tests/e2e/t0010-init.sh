#!/bin/sh
# mamori init: creates the data file, organisation and administrator;
# refuses bad input with exit 1 and writes nothing.
. "$(dirname "$0")/lib.sh"

sql() {
	sqlite3 "$1" "$2"
}

run --data a.db init --org "テスト株式会社" --email admin@example.jp
expect_rc 0 "init exits 0"
expect_in "テスト株式会社" "$out" "init names the organisation"
expect_in "admin@example.jp" "$out" "init names the administrator"
expect_in "初期パスワード" "$out" "init shows the generated password once"
expect_eq "$(sql a.db 'select name from organisation')" "テスト株式会社" \
	"organisation stored"
expect_eq "$(sql a.db 'select role from membership order by role' | tr '\n' ' ')" \
	"executive security_lead " "administrator holds both roles"
hash=$(sql a.db 'select password_hash from account')
expect_in '$argon2id$' "$hash" "password stored as an argon2id hash"
pw=$(echo "$out" | sed -n 's/^初期パスワード：//p')
expect_not_in "$pw" "$(sql a.db 'select * from account')" \
	"the password itself is not stored"
expect_eq "$(sql a.db 'pragma integrity_check')" "ok" "integrity_check ok"
expect_eq "$(sql a.db 'pragma journal_mode')" "wal" "WAL journal"
expect_eq "$(sql a.db 'pragma application_id')" "1835101551" \
	"marked as a mamori file"
expect_eq "$(sql a.db "select count(*) from sqlite_schema where type='table' and sql not like '%STRICT%'")" \
	"0" "every table is STRICT"

run --data a.db init --org "別の会社" --email other@example.jp
expect_rc 1 "second init refused"
expect_in "初期化済み" "$err" "second init says why"
expect_eq "$(sql a.db 'select count(*) from organisation')" "1" \
	"second init wrote nothing"

run --data b.db init --org "X社" --email not-an-address
expect_rc 1 "bad e-mail exits 1"
expect_in "メールアドレス" "$err" "bad e-mail names the field"
expect_in "not-an-address" "$err" "bad e-mail names the value"
[ -e b.db ] && not_ok "bad e-mail leaves no file" || ok "bad e-mail leaves no file"

run --data b.db init --org "" --email a@example.jp
expect_rc 1 "empty organisation name exits 1"
expect_in "組織名" "$err" "empty name names the field"

long=$(python3 -c 'print("あ" * 201)')
run --data b.db init --org "$long" --email a@example.jp
expect_rc 1 "201-character name exits 1"
expect_in "200" "$err" "too-long message gives the limit"
ok200=$(python3 -c 'print("あ" * 200)')
run --data c.db init --org "$ok200" --email a@example.jp
expect_rc 0 "200 Japanese characters accepted"

run --data b.db init --email a@example.jp
expect_rc 2 "missing --org is a usage error"
run --data b.db init --org X --email a@example.jp --bogus
expect_rc 2 "unknown option is a usage error"

printf 'short\n' | "$MAMORI" --data d.db init --org D --email d@example.jp \
	--password-stdin >/dev/null 2>"$T/.err"
rc=$?
err=$(cat "$T/.err")
out=""
expect_rc 1 "short password refused"
expect_in "パスワード" "$err" "short password message names the field"
[ -e d.db ] && not_ok "short password leaves no file" || ok "short password leaves no file"

printf 'correct horse battery staple\n' | "$MAMORI" --data d.db init \
	--org D --email d@example.jp --password-stdin >"$T/.out" 2>&1
rc=$?
out=$(cat "$T/.out")
err=""
expect_rc 0 "password from stdin accepted"
expect_not_in "初期パスワード" "$out" "no generated password shown"

# A folder that cannot hold the file (it is a regular file): even root
# cannot create the data file there.
echo x >notadir
run --data notadir/x.db init --org X --email x@example.jp
expect_rc 1 "an impossible data path exits 1"
expect_in "notadir/x.db" "$err" "the path is named"

run --lang en --data e.db init --org "" --email a@example.jp
expect_in "organisation name is required" "$err" "English error message"

run --data s.db init --org "Demo" --email s@example.jp --sample
expect_eq "$(sql s.db 'select is_sample from organisation')" "1" \
	"--sample marks the organisation"

done_testing
