#!/bin/sh
# Backups while the server runs and writes go on, plain and encrypted;
# verify (a restore test, recorded); restore, refused while the server
# holds the file; every damaged or foreign file refused with its own
# message and the data file untouched; one organisation moved to another
# data file with its audit trail still verifying.
# About 15 s under the sanitizers (argon2id runs a few times).
. "$(dirname "$0")/lib.sh"
export MAMORI_LANG=en
PW="a long enough passphrase for tests"

q() {
	sqlite3 "${2:-d.db}" "$1"
}

# The data file's content as text: equal means nothing was written.
state() {
	sqlite3 d.db .dump | cksum
}

# refused NAME MESSAGE ARGS…: exit 1, the message, the data file as it was.
refused() {
	name=$1
	msg=$2
	shift 2
	before=$(state)
	run --data d.db "$@"
	expect_rc 1 "$name: exit 1"
	expect_in "$msg" "$err" "$name: says why"
	expect_eq "$(state)" "$before" "$name: the data file is untouched"
}

printf '%s\n' "$PW" | "$MAMORI" --data d.db init --org 保全テスト株式会社 \
	--email admin@example.com --password-stdin --sample >/dev/null 2>&1
for i in 1 2 3; do
	"$MAMORI" --data d.db asset add "書類 $i" --medium 書類 >/dev/null
done
printf 'correct horse battery staple\n' >pass.txt
printf 'a wrong passphrase\n' >wrong.txt

# --- while the server runs and the command line writes -------------------
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$MAMORI" --data d.db serve --quiet --listen "127.0.0.1:$port" 2>serve.log &
server=$!
python3 - "$port" <<'EOF'
import socket, sys, time
for _ in range(300):
    try:
        socket.create_connection(("127.0.0.1", int(sys.argv[1])), 0.2).close()
        break
    except OSError:
        time.sleep(0.05)
EOF
(for i in $(seq 1 20); do
	"$MAMORI" --data d.db asset add "走行中 $i" --medium 書類 >/dev/null
done) &
writer=$!
sleep 0.2
run --data d.db backup --output plain.bk
expect_rc 0 "a plain backup while writes go on"
expect_in "backup written: plain.bk" "$out" "it says what it wrote"
run --data d.db backup --output sealed.bk --passphrase-file pass.txt
expect_rc 0 "an encrypted backup while writes go on"
expect_in "encrypted backup written" "$out" "it says the file is encrypted"
MAMORI_BACKUP_PASSPHRASE="correct horse battery staple" \
	run --data d.db backup --output env.bk
expect_rc 0 "the passphrase from the environment"
wait $writer
run --data d.db backup --output ./d.db
expect_rc 1 "a backup over the data file itself is refused"
expect_in "the data file itself" "$err" "it says why"
expect_eq "$(head -c 8 plain.bk)" "MAMORIBK" "the file starts with the magic"
expect_eq "$(grep -c 'correct horse' sealed.bk)" "0" \
	"the passphrase is not in the file"
expect_eq "$(grep -c '保全テスト' sealed.bk)" "0" \
	"nothing of the data is readable in the encrypted file"
expect_eq "$(q "select count(*) from backup_log where kind = 'backup' and ok = 1")" \
	"3" "each backup is in the log"

# --- verify: a restore test --------------------------------------------
run --data d.db backup verify plain.bk
expect_rc 0 "verify a plain backup"
expect_in "it is sound" "$out" "verify says it is sound"
expect_in "audit events checked" "$out" "verify walked the audit trail"
run --data d.db backup verify sealed.bk --passphrase-file pass.txt
expect_rc 0 "verify an encrypted backup"
MAMORI_BACKUP_PASSPHRASE="correct horse battery staple" \
	run --data d.db backup verify env.bk
expect_rc 0 "verify with the passphrase from the environment"
expect_eq "$(q "select count(*) from backup_log where kind = 'restore_test' and ok = 1")" \
	"3" "each restore test is in the log"

printf 'hello, not a backup\n' >foreign.bk
run --data d.db backup verify foreign.bk
expect_rc 1 "verify refuses a foreign file"
expect_eq "$(q "select count(*) from backup_log where kind = 'restore_test' and ok = 0")" \
	"1" "a failed restore test is recorded too"
refused "restore while the server holds the file" "in use by a running" \
	restore plain.bk
kill -TERM $server
wait $server

# --- refusals, once the server stopped -------------------------------------
refused "a foreign file" "not a mamori backup" restore foreign.bk
cp d.db copy-of-data.db
refused "a bare data file" "not a mamori backup" restore copy-of-data.db
size=$(wc -c <plain.bk)
head -c $((size / 2)) plain.bk >truncated.bk
refused "a truncated file" "cut short" restore truncated.bk
cp plain.bk flipped.bk
printf '\125' | dd of=flipped.bk bs=1 seek=$((size / 2)) conv=notrunc 2>/dev/null
refused "a flipped byte" "damaged" restore flipped.bk
cp plain.bk manifest.bk
printf '\041' | dd of=manifest.bk bs=1 seek=60 conv=notrunc 2>/dev/null
refused "a flipped byte in the manifest" "damaged" restore manifest.bk
refused "an encrypted file without a passphrase" "is encrypted" \
	restore sealed.bk </dev/null
refused "a wrong passphrase" "passphrase is wrong" \
	restore sealed.bk --passphrase-file wrong.txt
ssize=$(wc -c <sealed.bk)
cp sealed.bk sealed-flipped.bk
printf '\125' | dd of=sealed-flipped.bk bs=1 seek=$((ssize - 100)) \
	conv=notrunc 2>/dev/null
refused "a flipped byte in an encrypted file" "damaged" \
	restore sealed-flipped.bk --passphrase-file pass.txt
head -c $((ssize - 1000)) sealed.bk >sealed-truncated.bk
refused "a truncated encrypted file" "cut short" \
	restore sealed-truncated.bk --passphrase-file pass.txt
# A later format, and a schema newer than this binary knows (the
# manifest rewritten with its hash, so only the version is wrong).
cp plain.bk format.bk
printf '\002' | dd of=format.bk bs=1 seek=8 conv=notrunc 2>/dev/null
refused "a newer format" "newer mamori" restore format.bk
python3 - plain.bk newer.bk <<'EOF'
import hashlib, json, struct, sys
data = open(sys.argv[1], "rb").read()
n = struct.unpack(">I", data[12:16])[0]
m = json.loads(data[48:48 + n])
m["schema"] = 9999
j = json.dumps(m, separators=(",", ":")).encode()
out = data[:12] + struct.pack(">I", len(j)) + hashlib.sha256(j).digest() \
    + j + data[48 + n:]
open(sys.argv[2], "wb").write(out)
EOF
refused "a newer schema" "newer than this mamori" restore newer.bk
expect_eq "$(q "select count(*) from backup_log where kind = 'restore'")" "0" \
	"refused restores leave no log entry"

# --- restore -------------------------------------------------------------
assets_then=$(python3 - plain.bk <<'EOF'
import sqlite3, struct, sys, tempfile
data = open(sys.argv[1], "rb").read()
n = struct.unpack(">I", data[12:16])[0]
with tempfile.NamedTemporaryFile(suffix=".db") as f:
    f.write(data[48 + n:])
    f.flush()
    print(sqlite3.connect(f.name).execute("select count(*) from asset").fetchone()[0])
EOF
)
"$MAMORI" --data d.db asset add "復元で消える" --medium 書類 >/dev/null
run --data d.db restore plain.bk
expect_rc 0 "restore a plain backup once the server stopped"
expect_in "restored from the backup" "$out" "restore says so"
expect_eq "$(q 'select count(*) from asset')" "$assets_then" \
	"the data are those of the backup"
expect_eq "$(q "select count(*) from asset where name = '復元で消える'")" \
	"0" "a change made after the backup is gone"
expect_eq "$(q "select count(*) from asset where name = '復元で消える'" d.db.before-restore)" \
	"1" "the replaced file is kept beside it"
run --data d.db restore sealed.bk --passphrase-file pass.txt
expect_rc 0 "restore an encrypted backup"
run --data d.db audit verify
expect_rc 0 "the restored audit trail verifies"
expect_eq "$(q 'pragma integrity_check')" "ok" "the restored file passes integrity_check"
expect_eq "$(q "select count(*) from backup_log where kind = 'restore'")" "1" \
	"the restore is in the restored file's log"
expect_eq "$(q "select count(*) from backup_log where kind = 'restore_test'")" \
	"0" "the log is the backup's own (its restore tests came later)"
[ ! -e d.db-wal ] || [ "$(q 'pragma journal_mode')" = "wal" ]
expect_eq "$?" "0" "no stale write-ahead log beside the restored file"

# --- one organisation moved to another data file --------------------------
"$MAMORI" --data d.db risk method ipa >/dev/null 2>&1
run --data d.db org export --org 1 --output org.bk
expect_rc 0 "export one organisation"
run --data d.db restore org.bk
expect_rc 1 "an organisation's export is no backup to restore"
expect_in "mamori org import" "$err" "restore points to org import"
printf '%s\n' "$PW" | "$MAMORI" --data e.db init --org 移転先株式会社 \
	--email other@example.com --password-stdin >/dev/null 2>&1
"$MAMORI" --data e.db user add admin@example.com --org 1 --name 既存 \
	</dev/null >/dev/null 2>&1
run --data e.db org import plain.bk
expect_rc 1 "a whole backup is no organisation to import"
run --data e.db org import org.bk --name 移転後株式会社
expect_rc 0 "import the organisation into another data file"
expect_in "imported as id 2" "$out" "it gets a new id"
expect_in "1 matched to existing accounts" "$out" "members are matched by e-mail"
assets=$(q 'select count(*) from asset where org_id = 1')
expect_eq "$(q 'select count(*) from asset where org_id = 2' e.db)" "$assets" \
	"every asset came along"
expect_eq "$(q 'select count(*) from risk where org_id = 2' e.db)" \
	"$(q 'select count(*) from risk where org_id = 1')" "every risk came along"
expect_eq "$(q 'select count(*) from asset where org_id = 1' e.db)" "0" \
	"the other organisation got nothing"
expect_eq "$(q "select count(*) from risk r join asset a on a.id = r.asset_id where r.org_id = 2 and a.org_id = 2" e.db)" \
	"$(q 'select count(*) from risk where org_id = 2' e.db)" \
	"references follow the new ids"
run --data e.db org import org.bk
expect_rc 0 "the same organisation imported a second time"
run --data e.db audit verify
expect_rc 0 "the moved audit trails and their links verify"
expect_eq "$(q "select count(*) from audit_archive where org_id = 2" e.db)" \
	"$(q "select count(*) from audit_event where org_id = 1")" \
	"the whole trail travelled, as it was"
expect_eq "$(q 'pragma foreign_key_check' e.db)" "" "no dangling reference"
# Tampering with the moved trail is found.
sqlite3 e.db "drop trigger audit_archive_no_update;
	update audit_archive set after = after || 'x' where org_id = 2 and seq = 1"
run --data e.db audit verify
expect_rc 1 "a changed archived event breaks the verification"

done_testing
