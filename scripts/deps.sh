#!/bin/sh
# deps.sh: install the Debian packages mamori needs to build, run and test.
#
# Usage: scripts/deps.sh run|test|bench|fuzz
# Silent when everything is present. As root it installs what is missing with
# apt-get; as anyone else it prints the one command to run and exits 1.
set -eu

# What `make run` needs: the tool chain and the libraries the binary links.
RUN_PKGS="gcc meson ninja-build pkg-config libsqlite3-dev libsodium-dev
	libjansson-dev libmicrohttpd-dev liboath-dev libpwquality-dev
	cracklib-runtime zlib1g-dev libcsv-dev libcmark-dev libxlsxwriter-dev
	libzip-dev libxml2-dev libcairo2-dev libpango1.0-dev fonts-noto-cjk"
# What `make test` needs on top: unit tests, formatting, sanitizers, readers.
TEST_PKGS="clang-format libcmocka-dev python3 python3-yaml python3-jsonschema
	sqlite3 nodejs chromium fonts-noto-cjk libreoffice-calc-nogui
	poppler-utils sqlmap zip unzip"

# What `make bench` needs: the load generator and the static baseline.
BENCH_PKGS="wrk nginx-light curl sqlite3 python3 time poppler-utils zip"

# What `make fuzz` needs: clang with libFuzzer and its sanitizers.
FUZZ_PKGS="clang libclang-rt-14-dev"

case "${1:-}" in
run) want="$RUN_PKGS" ;;
test) want="$RUN_PKGS $TEST_PKGS" ;;
bench) want="$RUN_PKGS $BENCH_PKGS" ;;
fuzz) want="$RUN_PKGS $FUZZ_PKGS" ;;
*)
	echo "usage: scripts/deps.sh run|test|bench|fuzz" >&2
	exit 2
	;;
esac

missing=""
for p in $want; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null |
		grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "mamori needs these Debian packages; run as root:" >&2
	echo "  apt-get update && apt-get install -y --no-install-recommends$missing" >&2
	exit 1
fi

echo "installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
# A fresh machine has no package lists yet; a stale list is refreshed too.
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
