# lib.sh: TAP helpers for the end-to-end scripts; source it first.
#
# Each script runs the real binary ($MAMORI, set by meson) in a fresh
# temporary folder and reports every check as one TAP test line.
set -u
: "${MAMORI:?MAMORI must name the mamori binary}"
: "${MAMORI_SOURCE_ROOT:=$(cd "$(dirname "$0")/../.." && pwd)}"
T=$(mktemp -d)
trap 'rm -rf "$T"' EXIT
cd "$T"
unset MAMORI_DATA MAMORI_LANG
export LANG=C.UTF-8
n=0
failed=0

ok() {
	n=$((n + 1))
	echo "ok $n - $1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n - $1"
	shift
	for line in "$@"; do
		echo "# $line"
	done
}

# run ARGS…: runs mamori, keeping stdout in $out, stderr in $err, exit in $rc.
run() {
	"$MAMORI" "$@" >"$T/.out" 2>"$T/.err"
	rc=$?
	out=$(cat "$T/.out")
	err=$(cat "$T/.err")
}

# expect_rc CODE NAME: checks the last run's exit code.
expect_rc() {
	if [ "$rc" -eq "$1" ]; then
		ok "$2"
	else
		not_ok "$2" "exit $rc, expected $1" "stdout: $out" "stderr: $err"
	fi
}

# expect_in TEXT HAYSTACK NAME: checks that TEXT occurs in HAYSTACK.
expect_in() {
	case "$2" in
	*"$1"*) ok "$3" ;;
	*) not_ok "$3" "expected to find: $1" "in: $2" ;;
	esac
}

expect_not_in() {
	case "$2" in
	*"$1"*) not_ok "$3" "did not expect: $1" "in: $2" ;;
	*) ok "$3" ;;
	esac
}

# expect_eq GOT WANT NAME
expect_eq() {
	if [ "$1" = "$2" ]; then
		ok "$3"
	else
		not_ok "$3" "got: $1" "want: $2"
	fi
}

done_testing() {
	echo "1..$n"
	[ "$failed" -eq 0 ]
}
