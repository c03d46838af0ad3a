#!/bin/sh
# report.sh: the risk assessment report of the 1,000-asset register
# (bench/gen-register.py, RISKS risks per asset) as PDF, as a workbook and
# as CSV from `mamori risk report`, each timed with its peak memory
# (/usr/bin/time -v), against `cp` of a file of the PDF's size and the
# text report of the same command (which reads the same rows and writes
# no document) measured in the same run.
#
# Usage: bench/report.sh [RUNS] [RISKS]  (defaults 3 and 5; the best run
# is shown)
# Needs: a release build (make build), /usr/bin/time, sqlite3.
set -eu
cd "$(dirname "$0")/.."
runs=${1:-3}
per=${2:-5}
. bench/lib.sh
# $MAMORI runs another build than build/ (a developer's own).
mamori=${MAMORI:-$mamori}
data="$work/r1000.db"
echo "$pw" | "$mamori" --data "$data" init --org "ベンチ株式会社" \
	--email admin@example.jp --password-stdin >/dev/null
python3 bench/gen-register.py "$mamori" "$data" 1000 "$per" >/dev/null

# measure CMD…: "wall_ms cpu_ms peak_rss_kib" of the run that used the
# least CPU (user + system) of $runs: on a shared machine the wall time
# also counts the waits for a core.
measure() {
	b=""
	bcpu=0
	for i in $(seq 1 "$runs"); do
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

risks=$((1000 * per))
printf '%-46s %8s %8s %10s\n' "1,000 assets, $risks risks" "wall ms" "CPU ms" "peak KiB"
row "risk report (text, same rows, no document)" \
	"$(measure "$mamori" --data "$data" risk report)"
row "risk report --format pdf" \
	"$(measure "$mamori" --data "$data" risk report --format pdf \
		--output "$work/r.pdf")"
pages=$(pdfinfo "$work/r.pdf" 2>/dev/null | sed -n 's/^Pages: *//p' || true)
size=$(wc -c <"$work/r.pdf")
head -c "$size" /dev/urandom >"$work/same-size"
row "cp of a file of the PDF's size (baseline)" \
	"$(measure cp "$work/same-size" "$work/copy")"
row "risk report --format xlsx" \
	"$(measure "$mamori" --data "$data" risk report --format xlsx \
		--output "$work/r.xlsx")"
row "risk report --format csv --encoding cp932" \
	"$(measure "$mamori" --data "$data" risk report --format csv \
		--encoding cp932 --output "$work/r.csv")"
echo "PDF: ${pages:-?} pages, $((size / 1024)) KiB; workbook: $(($(wc -c <"$work/r.xlsx") / 1024)) KiB"
