#!/bin/sh
# web.sh: requests per second and latency of mamori's pages against nginx
# serving the very same bytes as a static file, in the same run.
#
# Usage: bench/web.sh [SECONDS] [CONNECTIONS]     (default 10 s, 16)
# Needs: a release build (make build), wrk and nginx (scripts/deps.sh bench).
set -eu
cd "$(dirname "$0")/.."
secs=${1:-10}
conns=${2:-16}
threads=2
mamori=$PWD/build/mamori
work=$(mktemp -d)
trap 'kill $mpid $npid 2>/dev/null || true; rm -rf "$work"' EXIT
mpid=""
npid=""

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

pw="a long enough passphrase for the bench"
echo "$pw" | "$mamori" --data "$work/m.db" init --org "ベンチ株式会社" \
	--email admin@example.jp --password-stdin >/dev/null
# An employee needs no second factor, so a plain login gives a session.
echo "$pw" | "$mamori" --data "$work/m.db" user add bench@example.jp \
	--role employee --password-stdin >/dev/null
mport=$(free_port)
"$mamori" --data "$work/m.db" serve --listen "127.0.0.1:$mport" \
	--threads "$threads" --quiet 2>/dev/null &
mpid=$!
sleep 0.5
base="http://127.0.0.1:$mport"
csrf=$(curl -s -c "$work/jar" "$base/login" |
	sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
curl -s -b "$work/jar" -c "$work/jar" -o /dev/null \
	--data-urlencode "csrf=$csrf" --data-urlencode "email=bench@example.jp" \
	--data-urlencode "password=$pw" --data-urlencode "next=/" "$base/login"
session=$(awk '$6 == "mamori_session" { print $7 }' "$work/jar")
cookie="mamori_session=$session"
# A read-only API token, created the way a user does it.
csrf=$(curl -s -b "$work/jar" "$base/settings" |
	sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
token=$(curl -s -b "$work/jar" --data-urlencode "csrf=$csrf" \
	--data-urlencode "name=bench" --data-urlencode "scope=read" \
	--data-urlencode "days=1" "$base/settings/tokens" |
	sed -n 's/.*id="new-token">\(mmr_[0-9a-f]*\)<.*/\1/p')
bearer="Authorization: Bearer $token"
idle_kb=$(awk '/VmRSS/ { print $2 }' /proc/$mpid/status)

# nginx serves the same bytes as static files.
mkdir -p "$work/www"
for page in / /controls /guideline; do
	name=$(echo "$page" | tr '/' '_')
	curl -s -H "Cookie: $cookie" "$base$page" >"$work/www/page$name.html"
done
curl -s -H "$bearer" "$base/api/v1/controls" >"$work/www/api.json"

nport=$(free_port)
cat >"$work/nginx.conf" <<NGINX
worker_processes $threads;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	server {
		listen 127.0.0.1:$nport;
		root $work/www;
		default_type "text/html; charset=utf-8";
	}
}
NGINX
nginx -c "$work/nginx.conf" -g 'daemon off;' &
npid=$!
sleep 0.5

# run URL [HEADER]: prints "rps p50_ms p99_ms" from wrk --latency.
run() {
	if [ -n "${2:-}" ]; then
		wrk -t$threads -c$conns -d${secs}s --latency -H "$2" "$1"
	else
		wrk -t$threads -c$conns -d${secs}s --latency "$1"
	fi | awk '
		/Requests\/sec/ { rps = $2 }
		/^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
		END {
			print rps, ms(p50), ms(p99)
		}
		function ms(v) {
			if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
			if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
			if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 }
			return v
		}'
}

printf '%-12s %10s %10s %8s %8s %8s %6s\n' page mamori_rps nginx_rps ratio \
	p50_ms p99_ms bytes
for page in / /controls /guideline; do
	name=$(echo "$page" | tr '/' '_')
	set -- $(run "$base$page" "Cookie: $cookie")
	m_rps=$1 m_p50=$2 m_p99=$3
	set -- $(run "http://127.0.0.1:$nport/page$name.html")
	n_rps=$1
	bytes=$(wc -c <"$work/www/page$name.html")
	ratio=$(awk -v a="$m_rps" -v b="$n_rps" 'BEGIN { printf "%.2f", a / b }')
	printf '%-12s %10s %10s %8s %8s %8s %6s\n' "$page" "$m_rps" "$n_rps" \
		"$ratio" "$m_p50" "$m_p99" "$bytes"
done
set -- $(run "$base/api/v1/controls" "$bearer")
m_rps=$1 m_p50=$2 m_p99=$3
set -- $(run "http://127.0.0.1:$nport/api.json")
ratio=$(awk -v a="$m_rps" -v b="$1" 'BEGIN { printf "%.2f", a / b }')
printf '%-12s %10s %10s %8s %8s %8s %6s\n' "api/controls" "$m_rps" "$1" \
	"$ratio" "$m_p50" "$m_p99" "$(wc -c <"$work/www/api.json")"
load_kb=$(awk '/VmRSS/ { print $2 }' /proc/$mpid/status)
echo "mamori memory: idle ${idle_kb} kB, after load ${load_kb} kB"
echo "wrk -t$threads -c$conns -d${secs}s --latency; nginx worker_processes $threads; mamori --threads $threads"
