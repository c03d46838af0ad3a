#!/bin/sh
# hdr-check.sh: every header compiles on its own (after util/compat.h).
set -eu
cd "$(dirname "$0")/.."
cflags="-std=c11 -Wall -Wextra -Wpedantic -Werror -Isrc $(pkg-config --cflags sqlite3 libsodium jansson)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bad=0
for h in $(find src -name '*.h' | sort); do
	rel=${h#src/}
	printf '#include "util/compat.h"\n#include "%s"\n' "$rel" >"$tmp/t.c"
	# shellcheck disable=SC2086
	if ! cc $cflags -fsyntax-only "$tmp/t.c" 2>"$tmp/err"; then
		echo "hdr-check: $h does not compile alone:" >&2
		cat "$tmp/err" >&2
		bad=1
	fi
done
exit $bad
