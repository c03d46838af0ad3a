#!/bin/sh
# web.sh: requests per second and latency of mamori's pages against nginx
# serving the very same bytes as a static file, in the same run.
#
# Usage: bench/web.sh [SECONDS] [CONNECTIONS]  (default 5 s a run, 16)
# Needs: a release build (make build), wrk and nginx (scripts/deps.sh bench).
set -eu
cd "$(dirname "$0")/.."
secs=${1:-5}
conns=${2:-16}
. bench/lib.sh

echo "$pw" | "$mamori" --data "$work/m.db" init --org "ベンチ株式会社" \
	--email admin@example.jp --password-stdin >/dev/null
# An employee needs no second factor, so a plain login gives a session.
echo "$pw" | "$mamori" --data "$work/m.db" user add bench@example.jp \
	--role employee --password-stdin >/dev/null
serve "$work/m.db"
login bench@example.jp
read_token
idle_kb=$(awk '/VmRSS/ { print $2 }' /proc/$mpid/status)
mkdir -p "$work/www"
start_nginx

header_row
for page in / /controls /guideline; do
	name=$(echo "$page" | tr '/' '_')
	compare "$page" "$base$page" "page$name.html" "Cookie: $cookie"
done
compare "api/controls" "$base/api/v1/controls" "api.json" "$bearer"
load_kb=$(awk '/VmRSS/ { print $2 }' /proc/$mpid/status)
echo "mamori memory: idle ${idle_kb} kB, after load ${load_kb} kB"
echo "wrk -t$threads -c$conns -d${secs}s --latency; nginx worker_processes $threads; mamori --threads $threads"
