#!/bin/sh
# Complaints over 100,000 cases (issue 14; docs/PERFORMANCE.md, "Complaints"): the statistics
# and the overdue list, each goal under 100 ms of the server's own time for an uncached request,
# and one case's JSON from `compact serve` against nginx serving the very same bytes as a static
# file, side by side on loopback (the method of bench/http.sh).
#
#   sh bench/complaints.sh [path/to/compact [path/to/bench_complaints_gen]]
#                                (defaults in build/release; `make bench` runs it)
#
# 1. A fresh database; 20 Compacts and 20 charities made through the real API
#    (bench/complaints_seed.mjs), then CASES (default 100,000) cases spread over the Compacts,
#    each between a charity and a council, by bench_complaints_gen (app/cases_bench.h's
#    cases_generate: core applies every event; responses on time, late and never, escalations,
#    closings, reopenings).
# 2. `compact serve --no-cache`: each request RUNS times (default 20) with curl, the server's
#    time for each read from its access log ("GET PATH STATUS BYTES 12.34ms", the path without
#    its query: one request at a time, so each line is known by its place); the table gives
#    the median and the largest: GET /api/v1/complaints/stats (national, every year), with a
#    year, with a Compact and a year, and GET /api/v1/complaints?overdue=true (an admin's token:
#    every case), and a Compact's open cases.
# 3. wrk on GET /api/v1/complaints/ID as an admin (a bearer token: never from the reply cache,
#    which serves only what everyone sees) against nginx serving the bytes of that reply.
# Everything it starts it stops, by PID, on exit. About a minute and a half with the defaults.
#
# Settings (environment): CASES=100000, RUNS=20, ROUNDS=3, DURATION=5, WARMUP=1,
# CONNECTIONS=64, WRK_THREADS=2, SERVER_THREADS=2, KEEP=1 keeps the temporary folder; PG=1 runs
# it all on a throw-away PostgreSQL (tests/pg/start.sh) in that folder instead of SQLite.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=""
pids=""
pgdir=""
. "$root/bench/lib.sh"
bin=${1:-$root/build/release/compact}
gen=${2:-$root/build/release/bench/bench_complaints_gen}
wrk_settings 3 5
CASES=${CASES:-100000}
RUNS=${RUNS:-20}

[ -x "$bin" ] || die "no executable at $bin (run: make build)"
[ -x "$gen" ] || die "no executable at $gen (run: make build)"
need wrk nginx curl ss node

tmp=$(mktemp -d "${TMPDIR:-/tmp}/compact-bench-complaints.XXXXXX")
chmod 755 "$tmp"
if [ "${PG:-0}" = 1 ]; then
	need psql
	pgdir=$tmp/pg
	sh "$root/tests/pg/start.sh" "$pgdir" >"$tmp/pg.log" 2>&1 || die "PostgreSQL did not start"
	db=$(cat "$pgdir/url")
	engine=PostgreSQL
	sql() { psql -XAtq -d "$db" -c "$1"; }
else
	need sqlite3
	db=$tmp/compact.db
	engine=SQLite
	sql() { sqlite3 "$db" "$1"; }
fi

# 1. The database, an admin and their token, the Compacts and charities through the API, then
# the cases by bench_complaints_gen.
"$bin" init --db "$db" >"$tmp/init.log" 2>&1 || die "compact init failed: $(cat "$tmp/init.log")"
printf 'a bench passphrase of some length\n' |
	"$bin" user add bench@example.org --role admin --name 'Bench Admin' --password-stdin \
		--db "$db" >>"$tmp/init.log" 2>&1 || die "compact user add failed: $(cat "$tmp/init.log")"
token=$("$bin" token add bench@example.org --db "$db" | tail -n 1)
start_compact seed
node "$root/bench/complaints_seed.mjs" "$url" "$token" >"$tmp/seed.txt" 2>"$tmp/seed.log" ||
	die "the register's seed failed: $(cat "$tmp/seed.log")"
kill "${pids##* }" && wait "${pids##* }" 2>/dev/null || true
pids=${pids% *}
made=$("$gen" --db "$db" --cases "$CASES" --compacts "$(sed -n 1p "$tmp/seed.txt")" \
	--complainants "$(sed -n 2p "$tmp/seed.txt")" --respondents "$(sed -n 3p "$tmp/seed.txt")") ||
	die "bench_complaints_gen failed"
stored=$(sql 'SELECT count(*) FROM complaint')
events=$(sql 'SELECT count(*) FROM complaint_event')
[ -z "$pgdir" ] || sql 'VACUUM ANALYZE' >/dev/null # as autovacuum would after a bulk load
[ "$stored" -eq "$CASES" ] || die "$stored cases stored, want $CASES"

# 2. The server's time for uncached requests, from its access log.
start_compact nocache --no-cache
nocache_url=$url
compact_id=$(sql 'SELECT compact_id FROM complaint WHERE awaiting = 1 ORDER BY id LIMIT 1')
year=$(sql 'SELECT max(year_opened) FROM complaint')
echo "bench: $engine; $(nproc) CPUs (load $(cut -d' ' -f1-3 /proc/loadavg)); $stored cases, $events events" \
	"($made)" >&2
timed() { # label path [curl options]: RUNS requests, then the median and largest server time
	label=$1
	path=$2
	shift 2
	before=$(wc -l <"$tmp/nocache.log")
	i=0
	while [ $i -lt "$RUNS" ]; do
		curl -sf --max-time 30 -o "$tmp/reply" "$@" "$nocache_url$path" || die "GET $path failed"
		i=$((i + 1))
	done
	bytes=$(wc -c <"$tmp/reply" | tr -d ' ')
	sleep 0.2 # the access log is written after the reply
	# the log names the path without its query
	tail -n +"$((before + 1))" "$tmp/nocache.log" | grep -F " ${path%%\?*} 200 " |
		sed -n 's/.* \([0-9.]*\)ms$/\1/p' | sort -n | awk -v label="$label" -v bytes="$bytes" '
		{ t[NR] = $1 }
		END {
			if (NR == 0) { print "no access log lines for " label; exit 1 }
			m = NR % 2 ? t[(NR + 1) / 2] : (t[NR / 2] + t[NR / 2 + 1]) / 2
			printf "  %-58s %8.2f %8.2f %9d  %s\n", label, m, t[NR], bytes, t[NR] < 100 ? "met" : "not met"
		}'
}
printf '\nServer time of uncached requests (ms), %d each; goal under 100 ms.\n' "$RUNS"
printf '  %-58s %8s %8s %9s  %s\n' request median largest bytes goal
set -f # the paths hold "?"
timed "GET /api/v1/complaints/stats" "/api/v1/complaints/stats"
timed "GET /api/v1/complaints/stats?year=$year" "/api/v1/complaints/stats?year=$year"
timed "GET /api/v1/complaints/stats?year=$year&compact_id=$compact_id" \
	"/api/v1/complaints/stats?year=$year&compact_id=$compact_id"
timed "GET /api/v1/complaints?overdue=true (admin)" "/api/v1/complaints?overdue=true" \
	-H "Authorization: Bearer $token"
timed "GET /api/v1/compacts/$compact_id/complaints?open=true (admin)" \
	"/api/v1/compacts/$compact_id/complaints?open=true" -H "Authorization: Bearer $token"
open=$(sed -n 's/^{"total":\([0-9]*\),.*/\1/p' "$tmp/reply")
overdue=$(curl -sf -H "Authorization: Bearer $token" "$nocache_url/api/v1/complaints?overdue=true" |
	sed -n 's/^{"total":\([0-9]*\),.*/\1/p')
echo "  (the overdue list holds $overdue cases, Compact $compact_id's open list $open)"

# 3. One case's JSON under wrk, against nginx serving its bytes.
case_id=$(sql "SELECT max(id) FROM complaint WHERE nstages >= 2 AND nevents >= 4")
case_path=/api/v1/complaints/$case_id
mkdir -p "$tmp/www"
curl -sf -H "Authorization: Bearer $token" -o "$tmp/www/case.json" "$nocache_url$case_path" ||
	die "GET $case_path failed"
start_nginx
wait_ok "$nginx_url/case.json"
curl -sf --max-time 10 "$nginx_url/case.json" | cmp -s - "$tmp/www/case.json" || die "nginx serves other bytes"
case_bytes=$(wc -c <"$tmp/www/case.json" | tr -d ' ')
wrk_run "$nocache_url$case_path" "$WARMUP" -H "Authorization: Bearer $token" >/dev/null
wrk_run "$nginx_url/case.json" "$WARMUP" >/dev/null
: >"$tmp/results"
round=1
while [ $round -le "$ROUNDS" ]; do
	echo "bench: round $round of $ROUNDS" >&2
	echo "$round compact $(wrk_run "$nocache_url$case_path" "$DURATION" -H "Authorization: Bearer $token")" >>"$tmp/results"
	echo "$round nginx $(wrk_run "$nginx_url/case.json" "$DURATION")" >>"$tmp/results"
	round=$((round + 1))
done
awk -v bytes="$case_bytes" -v path="$case_path" -v rounds="$ROUNDS" "$MEDIAN_AWK"'
	{ rps[$2, $1] = $3; p99[$2, $1] = $4; err[$2] += $5 }
	END {
		printf "\nGET %s as an admin (%d bytes): medians of %d rounds of wrk -t'"$WRK_THREADS"' -c'"$CONNECTIONS"' -d'"$DURATION"'s;\n", path, bytes, rounds
		printf "ratio = compact/nginx req/s within a round.\n"
		printf "  %-20s %9s %8s %7s %6s\n", "server", "req/s", "p99 ms", "errors", "ratio"
		for (k = 1; k <= rounds; k++) {
			a[k] = rps["compact", k]; b[k] = p99["compact", k]
			c[k] = rps["nginx", k]; d[k] = p99["nginx", k]
			q[k] = c[k] > 0 ? a[k] / c[k] : 0
		}
		printf "  %-20s %9d %8.2f %7d %6.2f\n", "compact --no-cache", median(a, rounds), median(b, rounds), err["compact"], median(q, rounds)
		printf "  %-20s %9d %8.2f %7d\n", "nginx, static file", median(c, rounds), median(d, rounds), err["nginx"]
	}' "$tmp/results"
