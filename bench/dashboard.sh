#!/bin/sh
# dashboard.sh: the home page (dashboard) and GET /api/v1/dashboard against
# nginx serving the same bytes, with 1,000 and with 10,000 assets (5 risks
# each), twelve self-diagnosis runs in three departments and a treatment
# plan; served with the page cache and without it (--no-page-cache), so
# the second table shows what gathering the figures itself costs.  Also
# the time of `mamori dashboard --format json` against `mamori version`
# (the process start-up alone).
#
# Usage: bench/dashboard.sh [SECONDS] [CONNECTIONS]  (default 3 s a run, 16)
# Needs: a release build (make build), wrk and nginx (scripts/deps.sh bench).
set -eu
cd "$(dirname "$0")/.."
secs=${1:-3}
conns=${2:-16}
. bench/lib.sh

# ten_runs PROG ARGS…: wall time of ten runs, in milliseconds each.
ten_runs() {
	start=$(date +%s.%N)
	for i in 1 2 3 4 5 6 7 8 9 10; do
		"$@" >/dev/null
	done
	end=$(date +%s.%N)
	awk -v a="$start" -v b="$end" 'BEGIN { printf "%.1f", (b - a) * 100 }'
}

for n in 1000 10000; do
	data="$work/d$n.db"
	echo "$pw" | "$mamori" --data "$data" init --org "ベンチ株式会社" \
		--email admin@example.jp --password-stdin >/dev/null
	echo "$pw" | "$mamori" --data "$data" user add lead@example.jp \
		--role department_lead --password-stdin >/dev/null
	python3 bench/gen-register.py "$mamori" "$data" "$n" 5
	# Twelve diagnosis runs in three departments: the trend and the
	# combined latest answers have something to read.
	for run in 1 2 3 4; do
		for unit in 本社 工場 営業所; do
			python3 -c 'import json, random, sys
random.seed(int(sys.argv[1]))
print(json.dumps({"answers": {str(i): random.choice([4, 4, 2, 0, -1]) for i in range(1, 26)}}))' \
				"$run$n" >"$work/answers.json"
			"$mamori" --data "$data" diagnose --file "$work/answers.json" \
				--unit "$unit" >/dev/null
		done
	done
	# A treatment plan straight into the file (as gen-register.py does for
	# the risks): every tenth risk treated with two controls, and 200 tasks
	# whose planned ends run from 100 days ago to 100 days ahead, so the
	# overdue and due-soon figures have rows to sort.
	python3 - "$data" <<'PY'
import datetime, sqlite3, sys
db = sqlite3.connect(sys.argv[1])
ids = [r[0] for r in db.execute("SELECT id FROM risk WHERE id % 10 = 0")]
db.executemany("UPDATE risk SET treatment = 'reduce', reason = 'bench' WHERE id = ?",
               [(i,) for i in ids])
db.executemany("INSERT INTO risk_control (risk_id, kind, ref, org_id) VALUES (?, 'control', ?, 1)",
               [(i, c) for i in ids for c in ("5.15", "8.13")])
today = datetime.date.today()
db.executemany("INSERT INTO plan_task (org_id, control, task, planned_end, created_at, updated_at)"
               " VALUES (1, ?, ?, ?, 0, 0)",
               [("5.15" if k % 2 else "8.13", f"task {k}",
                 (today + datetime.timedelta(days=k - 100)).isoformat()) for k in range(200)])
db.commit()
PY
	for mode in cached cold; do
		opt=""
		[ $mode = cold ] && opt="--no-page-cache"
		serve "$data" $opt
		login lead@example.jp
		read_token
		mkdir -p "$work/www"
		[ -n "$npid" ] || start_nginx
		echo "== $n assets, $((n * 5)) risks, $mode"
		header_row
		compare "/ (dashboard)" "$base/" "h-$n-$mode.html" "Cookie: $cookie"
		compare "api/dashboard" "$base/api/v1/dashboard" \
			"j-$n-$mode.json" "$bearer"
		stop_mamori
	done
	printf 'mamori dashboard --format json: %s ms a run; mamori version: %s ms\n' \
		"$(ten_runs "$mamori" --data "$data" dashboard --format json)" \
		"$(ten_runs "$mamori" --data "$data" version)"
done
echo "wrk -t$threads -c$conns -d${secs}s --latency; nginx worker_processes $threads; mamori --threads $threads"
