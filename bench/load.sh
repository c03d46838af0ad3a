#!/bin/sh
# load.sh: the main pages and API endpoints at 1, 16 and 64 connections,
# each against nginx serving the same bytes as a static file in the same
# run, and the server's memory at rest and under load.
#
# The data: the sample organisation of `make run` plus a register of
# 1,000 assets with 5 risks each (bench/gen-register.py), read by a
# department lead (no second factor, so a plain session cookie) and a
# read-only API token.
#
# The ratios are compared with bench/load-ratios.tsv, the figures recorded
# in docs/PERFORMANCE.md: a row more than 20% below its recorded ratio is
# reported as a regression and the script exits 1.
#
# Usage: bench/load.sh [SECONDS]  (default 3 s a run)
# Needs: a release build (make build), wrk and nginx (scripts/deps.sh bench).
set -eu
cd "$(dirname "$0")/.."
secs=${1:-3}
conns=16
. bench/lib.sh

data="$work/load.db"
echo "$pw" | "$mamori" --data "$data" init --org "ベンチ株式会社" \
	--email admin@example.jp --password-stdin --sample >/dev/null
echo "$pw" | "$mamori" --data "$data" user add lead@example.jp \
	--role department_lead --password-stdin >/dev/null
python3 bench/gen-register.py "$mamori" "$data" 1000 5 >/dev/null
serve "$data"
login lead@example.jp
read_token
mkdir -p "$work/www"
start_nginx
sleep 1
rest_kb=$(awk '/VmRSS/ { print $2 }' /proc/$mpid/status)

# The pages and endpoints: name, path, header kind (c: cookie, b: token).
cat >"$work/targets" <<EOF
/ (dashboard)|/|c
/assets|/assets|c
/risks|/risks|c
/plan|/plan|c
/soa|/soa|c
/checklist|/checklist|c
/documents|/documents|c
api/dashboard|/api/v1/dashboard|b
api/assets|/api/v1/assets?limit=50|b
api/risks|/api/v1/risks?limit=50|b
api/soa|/api/v1/soa|b
api/checklist|/api/v1/checklist|b
EOF

regressions=0
printf '%-16s %5s %10s %10s %6s %8s %8s %8s\n' page conns mamori_rps \
	nginx_rps ratio p50_ms p99_ms recorded
for c in 1 16 64; do
	conns=$c
	n=0
	while IFS='|' read -r name path kind; do
		n=$((n + 1))
		if [ "$kind" = c ]; then h="Cookie: $cookie"; else h="$bearer"; fi
		file="t$n.out"
		save "$base$path" "$file" "$h"
		r=$(pair "$base$path" "$file" "$h") || exit 1
		set -- $r
		m_rps=$1 m_p50=$2 m_p99=$3
		shift 3
		ratio=$(awk -v a="$m_rps" -v b="$1" 'BEGIN { printf "%.2f", a / b }')
		rec=$(awk -F '\t' -v p="$name" -v c="$c" \
			'$1 == p && $2 == c { print $3 }' bench/load-ratios.tsv)
		flag=""
		if [ -n "$rec" ] && awk -v r="$ratio" -v x="$rec" \
			'BEGIN { exit !(r < 0.8 * x) }'; then
			flag=" REGRESSION"
			regressions=$((regressions + 1))
		fi
		printf '%-16s %5s %10s %10s %6s %8s %8s %8s%s\n' "$name" "$c" \
			"$m_rps" "$1" "$ratio" "$m_p50" "$m_p99" "${rec:--}" "$flag"
	done <"$work/targets"
done
load_kb=$(awk '/VmRSS/ { print $2 }' /proc/$mpid/status)
peak_kb=$(awk '/VmHWM/ { print $2 }' /proc/$mpid/status)
echo "mamori memory: at rest ${rest_kb} kB, after the load ${load_kb} kB, peak ${peak_kb} kB"
echo "wrk -t$threads -d${secs}s --latency at 1, 16 and 64 connections; nginx worker_processes $threads; mamori --threads $threads"
if [ "$regressions" -gt 0 ]; then
	echo "$regressions row(s) more than 20% below the recorded ratio" >&2
	exit 1
fi
