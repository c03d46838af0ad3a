#!/bin/sh
# backup.sh: `mamori backup` (plain and encrypted) and `mamori backup
# verify` of the 10,000-asset register (5 risks each) against `cp` of the
# same data file, and a backup taken while the server answers requests.
#
# Usage: bench/backup.sh [RUNS]  (default 3; the best run is shown)
# Needs: a release build (make build), sqlite3.
set -eu
cd "$(dirname "$0")/.."
runs=${1:-3}
. bench/lib.sh
# $MAMORI runs another build than build/ (a developer's own).
mamori=${MAMORI:-$mamori}
pass="$work/pass"
printf 'correct horse battery staple\n' >"$pass"
data="$work/r10000.db"
echo "$pw" | "$mamori" --data "$data" init --org "ベンチ株式会社" \
	--email admin@example.jp --password-stdin >/dev/null
python3 bench/gen-register.py "$mamori" "$data" 10000 5 >/dev/null
# Everything in the main file, as cp needs it to be a copy at all.
sqlite3 "$data" 'PRAGMA wal_checkpoint(TRUNCATE)' >/dev/null

# best CMD…: the shortest wall time of $runs runs, in milliseconds.
best() {
	b=""
	for i in $(seq 1 "$runs"); do
		t0=$(date +%s%N)
		"$@" >/dev/null
		t=$((($(date +%s%N) - t0) / 1000000))
		[ -z "$b" ] || [ "$t" -lt "$b" ] && b=$t
	done
	echo "$b"
}

size=$(wc -c <"$data")
printf '%-44s %8s\n' "10,000 assets, 50,000 risks ($((size / 1024)) KiB)" "ms"
printf '%-44s %8s\n' "cp (no consistency, no fsync)" \
	"$(best cp "$data" "$work/copy.db")"
printf '%-44s %8s\n' "cp + sync" "$(best sh -c "cp '$data' '$work/copy.db' && sync '$work/copy.db'")"
printf '%-44s %8s\n' "mamori backup" \
	"$(best "$mamori" --data "$data" backup --output "$work/b.bk")"
printf '%-44s %8s\n' "mamori backup, encrypted" \
	"$(best "$mamori" --data "$data" backup --output "$work/s.bk" \
		--passphrase-file "$pass")"
printf '%-44s %8s\n' "mamori backup verify" \
	"$(best "$mamori" --data "$data" backup verify "$work/b.bk")"
printf '%-44s %8s\n' "mamori backup verify, encrypted" \
	"$(best "$mamori" --data "$data" backup verify "$work/s.bk" \
		--passphrase-file "$pass")"
serve "$data"
printf '%-44s %8s\n' "mamori backup while serving" \
	"$(best "$mamori" --data "$data" backup --output "$work/b.bk")"
