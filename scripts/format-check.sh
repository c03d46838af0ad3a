#!/bin/sh
# format-check.sh: fail when any C file differs from clang-format's output.
set -eu
cd "$(dirname "$0")/.."
bad=0
for f in $(git ls-files -co --exclude-standard -- '*.c' '*.h'); do
	[ -f "$f" ] || continue
	if ! clang-format --dry-run -Werror "$f" >/dev/null 2>&1; then
		echo "format-check: $f is not clang-formatted (run: make format)" >&2
		bad=1
	fi
done
exit $bad
