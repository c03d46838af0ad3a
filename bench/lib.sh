# lib.sh: what the benchmarks share; source it from bench/*.sh.
#
# A scratch folder, a release build of mamori serving a data file on a free
# loopback port, logins, nginx serving saved bytes as static files, and
# wrk runs reduced to "req/s p50_ms p99_ms".
work=$(mktemp -d)
# nginx's workers run as nobody when started by root: mktemp's 0700 would
# make every static answer a 403 of 153 bytes (and a flattering baseline).
chmod 755 "$work"
mpid=""
npid=""
trap 'kill $mpid $npid 2>/dev/null || true; rm -rf "$work"' EXIT
threads=2
# Each comparison runs this many alternating rounds (ROUNDS=5 bench/…).
rounds=${ROUNDS:-3}
mamori=$PWD/build/mamori
pw="a long enough passphrase for the bench"

free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# serve DATA [OPTION…]: starts mamori on DATA; sets $base.
serve() {
	mport=$(free_port)
	d=$1
	shift
	"$mamori" --data "$d" serve --listen "127.0.0.1:$mport" \
		--threads "$threads" --quiet "$@" 2>/dev/null &
	mpid=$!
	sleep 0.5
	base="http://127.0.0.1:$mport"
}

stop_mamori() {
	kill "$mpid" 2>/dev/null || true
	wait "$mpid" 2>/dev/null || true
	mpid=""
}

# login EMAIL: a session cookie for an account without a second factor;
# sets $cookie.
login() {
	rm -f "$work/jar"
	csrf=$(curl -s -c "$work/jar" "$base/login" |
		sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	curl -s -b "$work/jar" -c "$work/jar" -o /dev/null \
		--data-urlencode "csrf=$csrf" --data-urlencode "email=$1" \
		--data-urlencode "password=$pw" --data-urlencode "next=/" \
		"$base/login"
	cookie="mamori_session=$(awk '$6 == "mamori_session" { print $7 }' "$work/jar")"
}

# read_token: a read-only API token made through the settings page;
# sets $bearer.
read_token() {
	csrf=$(curl -s -b "$work/jar" "$base/settings" |
		sed -n 's/.*name="csrf" value="\([0-9a-f]*\)".*/\1/p' | head -1)
	token=$(curl -s -b "$work/jar" --data-urlencode "csrf=$csrf" \
		--data-urlencode "name=bench" --data-urlencode "scope=read" \
		--data-urlencode "days=1" "$base/settings/tokens" |
		sed -n 's/.*id="new-token">\(mmr_[0-9a-f]*\)<.*/\1/p')
	bearer="Authorization: Bearer $token"
}

# start_nginx: serves $work/www on a free port; sets $nport.
start_nginx() {
	nport=$(free_port)
	cat >"$work/nginx.conf" <<NGINX
worker_processes $threads;
pid $work/nginx.pid;
error_log $work/nginx-error.log;
events { worker_connections 1024; }
http {
	access_log off;
	sendfile on;
	tcp_nopush on;
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
}

# run URL [HEADER]: prints "rps p50_ms p99_ms" from wrk --latency; a run
# in which any answer was 4xx or 5xx exits 1 (the figures would be about
# error pages).
run() {
	# wrk wants at least one connection per thread.
	t=$threads
	[ "$conns" -lt "$t" ] && t=$conns
	if [ -n "${2:-}" ]; then
		wrk -t$t -c$conns -d${secs}s --latency -H "$2" "$1"
	else
		wrk -t$t -c$conns -d${secs}s --latency "$1"
	fi | awk '
		/Non-2xx or 3xx responses/ {
			print "wrk: " $0 > "/dev/stderr"; bad = 1
		}
		/Requests\/sec/ { rps = $2 }
		/^ +50%/ { p50 = $2 } /^ +99%/ { p99 = $2 }
		END {
			if (bad) exit 1
			print rps, ms(p50), ms(p99)
		}
		function ms(v) {
			if (v ~ /us$/) { sub(/us$/, "", v); return v / 1000 }
			if (v ~ /ms$/) { sub(/ms$/, "", v); return v + 0 }
			if (v ~ /s$/) { sub(/s$/, "", v); return v * 1000 }
			return v
		}'
}

# save URL FILE [HEADER]: mamori's answer to URL kept as FILE under
# $work/www for nginx.  Exits 1 unless mamori answered 200 and nginx then
# serves exactly those bytes, so both sides are measured on the same page.
save() {
	if [ -n "${3:-}" ]; then
		code=$(curl -s -o "$work/www/$2" -w '%{http_code}' -H "$3" "$1") || true
	else
		code=$(curl -s -o "$work/www/$2" -w '%{http_code}' "$1") || true
	fi
	if [ "$code" != 200 ]; then
		echo "bench: $1 answered $code, not 200" >&2
		exit 1
	fi
	if ! curl -s "http://127.0.0.1:$nport/$2" | cmp -s - "$work/www/$2"; then
		echo "bench: nginx does not serve the bytes of $2" >&2
		exit 1
	fi
}

# measure URL [HEADER]: run, or exit 1 when the run saw error answers.
measure() {
	run "$@" || {
		echo "bench: error answers from $1" >&2
		exit 1
	}
}

# pair URL FILE [HEADER]: mamori on URL and nginx serving FILE in turn,
# $rounds times (default 3); prints "m_rps m_p50 m_p99 n_rps" of the round
# whose ratio is the median.  The two sides of a round run back to back,
# so a slow spell of a shared machine falls on both.
pair() {
	set -- "$1" "$2" "${3:-}"
	: >"$work/rounds"
	k=0
	while [ "$k" -lt "$rounds" ]; do
		m=$(measure "$1" "$3") || exit 1
		n=$(measure "http://127.0.0.1:$nport/$2") || exit 1
		echo "$m $n" >>"$work/rounds"
		k=$((k + 1))
	done
	awk '{ print $1 / $4, $1, $2, $3, $4 }' "$work/rounds" | sort -g |
		awk -v mid=$((($rounds + 1) / 2)) \
			'NR == mid { print $2, $3, $4, $5 }'
}

# compare NAME URL FILE [HEADER]: mamori on URL against nginx serving the
# same bytes saved as FILE under $work/www; prints one table row.
compare() {
	set -- "$1" "$2" "$3" "${4:-}"
	name=$1 url=$2 file=$3 header=$4
	save "$url" "$file" "$header"
	r=$(pair "$url" "$file" "$header") || exit 1
	set -- $r
	ratio=$(awk -v a="$1" -v b="$4" 'BEGIN { printf "%.2f", a / b }')
	printf '%-34s %10s %10s %6s %7s %7s %7s\n' "$name" "$1" "$4" \
		"$ratio" "$2" "$3" "$(wc -c <"$work/www/$file")"
}

header_row() {
	printf '%-34s %10s %10s %6s %7s %7s %7s\n' page mamori_rps nginx_rps \
		ratio p50_ms p99_ms bytes
}
