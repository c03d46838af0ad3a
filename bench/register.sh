#!/bin/sh
# register.sh: the asset register and the risk pages against nginx serving
# the same bytes, with 1,000 and with 10,000 assets (5 risks each), and the
# time an import of 100,000 rows takes.
#
# Usage: bench/register.sh [SECONDS] [CONNECTIONS] [--cold]  (default 3 s a run, 16)
# --cold serves with --no-page-cache: every page is built anew.
# Needs: a release build (make build), wrk and nginx (scripts/deps.sh bench).
set -eu
cd "$(dirname "$0")/.."
secs=${1:-3}
conns=${2:-16}
cold=""
[ "${3:-}" = "--cold" ] && cold="--no-page-cache"
. bench/lib.sh

for n in 1000 10000; do
	data="$work/r$n.db"
	echo "$pw" | "$mamori" --data "$data" init --org "ベンチ株式会社" \
		--email admin@example.jp --password-stdin >/dev/null
	# A department lead reads the registers without a second factor.
	echo "$pw" | "$mamori" --data "$data" user add lead@example.jp \
		--role department_lead --password-stdin >/dev/null
	python3 bench/gen-register.py "$mamori" "$data" "$n" 5
	serve "$data" $cold
	login lead@example.jp
	read_token
	mkdir -p "$work/www"
	[ -n "$npid" ] || start_nginx
	mid=$((n / 2))
	# A cursor in the middle of the high grade, as the page's own
	# "next" link would give.
	high=$(sqlite3 "$data" "SELECT id FROM risk WHERE level >= 4
		ORDER BY level DESC, id DESC LIMIT 1 OFFSET $((n / 2))")
	echo "== $n assets, $((n * 5)) risks${cold:+ (cold: $cold)}"
	header_row
	compare "/assets (50 rows)" "$base/assets" "a1-$n.html" "Cookie: $cookie"
	compare "/assets?limit=100" "$base/assets?limit=100" "a2-$n.html" \
		"Cookie: $cookie"
	compare "/assets by name, middle page" \
		"$base/assets?sort=name&after=$mid" "a3-$n.html" "Cookie: $cookie"
	compare "/assets by importance, desc" \
		"$base/assets?sort=importance&dir=desc&after=$mid" "a4-$n.html" \
		"Cookie: $cookie"
	compare "/assets?department=総務部" \
		"$base/assets?department=%E7%B7%8F%E5%8B%99%E9%83%A8" "a5-$n.html" \
		"Cookie: $cookie"
	compare "/risks (heat map + 50 rows)" "$base/risks" "r1-$n.html" \
		"Cookie: $cookie"
	compare "/risks?cell=2,3" "$base/risks?cell=2,3" "r2-$n.html" \
		"Cookie: $cookie"
	compare "/risks?grade=high, middle page" \
		"$base/risks?grade=high&after=$high" "r3-$n.html" \
		"Cookie: $cookie"
	compare "api/assets?limit=50" "$base/api/v1/assets?limit=50" \
		"a6-$n.json" "$bearer"
	compare "api/risks/heatmap" "$base/api/v1/risks/heatmap" "r4-$n.json" \
		"$bearer"
	stop_mamori
done

# The import: 100,000 rows through `mamori asset import`.
data="$work/import.db"
echo "$pw" | "$mamori" --data "$data" init --org "取り込み" \
	--email admin@example.jp --password-stdin >/dev/null
start=$(date +%s.%N)
python3 bench/gen-register.py "$mamori" "$data" 100000 0
end=$(date +%s.%N)
awk -v a="$start" -v b="$end" 'BEGIN { printf "import of 100,000 rows (CSV written, imported, method set): %.1f s\n", b - a }'
echo "wrk -t$threads -c$conns -d${secs}s --latency; nginx worker_processes $threads; mamori --threads $threads"
