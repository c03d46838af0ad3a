#!/bin/sh
# pack.sh: the audit document pack of a 1,000-asset organisation
# (bench/gen-register.py, RISKS risks per asset, an approved policy and
# SoA working copy) with `mamori export pack`, timed with its peak memory
# (/usr/bin/time -v), against `zip -r` of the very files the pack holds
# and `cp` of a file of the pack's size, measured in the same run; then
# `mamori export verify` of the pack, and the same pack of an organisation
# five times the size, to show what grows with the register.
#
# Usage: bench/pack.sh [RUNS] [RISKS]  (defaults 3 and 5; the run that
# used the least CPU is shown)
# Needs: a release build (make build), /usr/bin/time, zip, unzip.
set -eu
cd "$(dirname "$0")/.."
runs=${1:-3}
per=${2:-5}
. bench/lib.sh
# $MAMORI runs another build than build/ (a developer's own).
mamori=${MAMORI:-$mamori}

# setup DATA ASSETS: an organisation with a register, risks and the
# documents a pack holds.
setup() {
	echo "$pw" | "$mamori" --data "$1" init --org "ベンチ株式会社" \
		--email admin@example.jp --password-stdin >/dev/null
	python3 bench/gen-register.py "$mamori" "$1" "$2" "$per" >/dev/null
	"$mamori" --data "$1" policy generate --objective o01 >/dev/null 2>&1
	"$mamori" --data "$1" policy approve 1 --by admin@example.jp >/dev/null 2>&1
	"$mamori" --data "$1" soa set 5.1 --applicable yes --reason risk \
		--status partly >/dev/null
}

# measure CMD…: "wall_ms cpu_ms peak_rss_kib" of the run that used the
# least CPU (user + system) of $runs.
measure() {
	b=""
	bcpu=0
	for i in $(seq 1 "$runs"); do
		rm -f "$work/p.zip" "$work/z.zip"
		/usr/bin/time -v -o "$work/time" "$@" >/dev/null 2>"$work/err" || {
			cat "$work/err" >&2
			exit 1
		}
		ms=$(awk -F': ' '/Elapsed \(wall clock\)/ {
			n = split($2, p, ":"); s = 0
			for (i = 1; i <= n; i++) s = s * 60 + p[i]
			printf "%d", s * 1000 }' "$work/time")
		cpu=$(awk -F': ' '/(User|System) time/ { s += $2 }
			END { printf "%d", s * 1000 }' "$work/time")
		kib=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$work/time")
		if [ -z "$b" ] || [ "$cpu" -lt "$bcpu" ]; then
			b="$ms $cpu $kib"
			bcpu=$cpu
		fi
	done
	echo "$b"
}

row() {
	set -- "$1" $2
	printf '%-46s %8s %8s %10s\n' "$1" "$2" "$3" "$4"
}

setup "$work/p1000.db" 1000
risks=$((1000 * per))
printf '%-46s %8s %8s %10s\n' "1,000 assets, $risks risks" "wall ms" "CPU ms" "peak KiB"
row "export pack" \
	"$(measure "$mamori" --data "$work/p1000.db" export pack \
		--output "$work/p.zip")"
"$mamori" --data "$work/p1000.db" export pack --output "$work/keep.zip" >/dev/null
mkdir "$work/files"
(cd "$work/files" && unzip -q ../keep.zip)
row "zip -r of the same files (baseline)" \
	"$(cd "$work/files" && measure zip -qr "$work/z.zip" .)"
size=$(wc -c <"$work/keep.zip")
head -c "$size" /dev/urandom >"$work/same-size"
row "cp of a file of the pack's size (baseline)" \
	"$(measure cp "$work/same-size" "$work/copy")"
row "export verify" \
	"$(measure "$mamori" export verify "$work/keep.zip")"
echo "pack: $(unzip -Z1 "$work/keep.zip" | wc -l) files, $((size / 1024)) KiB"

setup "$work/p5000.db" 5000
risks=$((5000 * per))
printf '%-46s %8s %8s %10s\n' "5,000 assets, $risks risks" "wall ms" "CPU ms" "peak KiB"
row "export pack" \
	"$(measure "$mamori" --data "$work/p5000.db" export pack \
		--output "$work/p.zip")"
"$mamori" --data "$work/p5000.db" export pack --output "$work/keep5.zip" >/dev/null
echo "pack: $(($(wc -c <"$work/keep5.zip") / 1024)) KiB"
