#!/bin/sh
# check-layers.sh: enforce which folder of src/ may include which.
#
# The rules (docs/ARCHITECTURE.md, "Layers"):
#   util    -> nothing of ours
#   core    -> util
#   catalog -> core util          store -> core util       export -> core util
#   import  -> core util
#   web     -> store catalog export import core util
#   cli     -> anything
# and each third-party library stays in its adapter file(s).
set -eu
cd "$(dirname "$0")/.."

status=0
fail() {
	echo "check-layers: $*" >&2
	status=1
}

allowed() {
	case "$1" in
	util) echo "util" ;;
	core) echo "util core" ;;
	catalog) echo "util core catalog" ;;
	store) echo "util core store" ;;
	export) echo "util core export" ;;
	import) echo "util core import" ;;
	web) echo "util core catalog store export import web" ;;
	cli) echo "util core catalog store export import web cli" ;;
	*) echo "" ;;
	esac
}

for dir in src/*/; do
	layer=$(basename "$dir")
	ok=$(allowed "$layer")
	[ -n "$ok" ] || fail "unknown folder src/$layer: add it to the rules"
	for f in "$dir"*.[ch]; do
		[ -e "$f" ] || continue
		grep -n '^#include "' "$f" | while IFS= read -r line; do
			target=$(echo "$line" | sed 's/.*#include "\([^/"]*\)\/.*/\1/')
			case " $ok " in
			*" $target "*) ;;
			*) echo "check-layers: $f includes $target/: $line" >&2
			   echo x >>"${TMPDIR:-/tmp}/mamori-layers.$$" ;;
			esac
		done
	done
done
if [ -e "${TMPDIR:-/tmp}/mamori-layers.$$" ]; then
	rm -f "${TMPDIR:-/tmp}/mamori-layers.$$"
	status=1
fi

# Each outside library has its door: header -> files allowed to include it.
check_door() {
	header=$1
	shift
	for f in $(grep -rl "#include <$header" src || true); do
		hit=0
		for allow in "$@"; do
			case "$f" in $allow) hit=1 ;; esac
		done
		[ $hit -eq 1 ] || fail "$f includes <$header> (allowed only in: $*)"
	done
}
# backup_sqlite.c: SQLite's online backup API works on two whole
# connections, which the statement layer of driver.h does not expose.
check_door sqlite3.h src/store/driver_sqlite.c src/store/backup_sqlite.c
check_door libpq-fe.h src/store/driver_postgres.c
check_door microhttpd.h src/web/server.c
# seal.c: backup files sealed with a passphrase (secretstream, argon2id).
check_door sodium.h src/web/crypto.c src/web/seal.c
check_door liboath src/web/mfa.c
check_door pwquality.h src/web/pwcheck.c
check_door zlib.h src/web/gzip.c
check_door csv.h src/catalog/answers.c src/import/table.c
check_door libxml src/import/xlsx.c
check_door iconv.h src/import/charset.c src/export/report_csv.c
check_door jansson.h src/export/json.c src/web/json.c src/web/json.h \
	src/web/backupfile.c \
	src/export/pack.c \
	'src/web/api_*.c' \
	'src/catalog/*.c'
check_door cairo src/export/report_pdf.c
check_door pango src/export/report_pdf.c
check_door xlsxwriter.h src/export/xlsx.c src/export/report_xlsx.c
check_door cmark src/export/markdown.c src/export/report_markdown.c
check_door zip.h src/export/pack.c src/import/xlsx.c

# SQL is written only in store/.
if grep -rlE '"(SELECT|INSERT|UPDATE|DELETE|CREATE) ' src --include=*.c |
	grep -v '^src/store/' >/dev/null; then
	fail "SQL outside src/store/: $(grep -rlE '"(SELECT|INSERT|UPDATE|DELETE|CREATE) ' src --include=*.c | grep -v '^src/store/' | tr '\n' ' ')"
fi

# Every .c includes util/compat.h first.
for f in $(find src tests/unit -name '*.c'); do
	first=$(grep -m1 '^#include' "$f" || true)
	[ "$first" = '#include "util/compat.h"' ] ||
		fail "$f: the first include must be \"util/compat.h\""
done

exit $status
