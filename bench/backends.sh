#!/bin/sh
# PostgreSQL against SQLite (docs/PERFORMANCE.md, "PostgreSQL and SQLite"): the same requests,
# in one run, to two `compact serve --no-cache` on loopback, one on an SQLite file and one on a
# throw-away PostgreSQL (tests/pg/start.sh), both holding the same content (`compact init` and
# `compact demo load`). Every reply is rendered from the database, so the table shows what each
# engine costs; the goal of issue 12 is PostgreSQL at no less than half SQLite's rate.
#
#   sh bench/backends.sh [path/to/compact]          (`make bench` builds and runs it)
#
# Cases: the authorities page and its JSON, the Compacts list page and its JSON, a Compact's page,
# and POST /api/v1/checks (SPEC section 5's example naming Compact 1, so its parameters are read
# from the database); then GET /healthz, one statement that reads nothing, as the floor: what a
# round trip to the database costs PostgreSQL's side above SQLite's whatever the statement. Both servers must send the very same bytes for each before anything is
# measured. Each case runs on both servers once per round (which goes first alternates), ROUNDS
# rounds; the table gives medians, and the ratio PostgreSQL/SQLite within a round. About 2 min.
# Everything it starts it stops, by PID, and the PostgreSQL with tests/pg/stop.sh, on exit.
#
# Settings (environment): ROUNDS=3, DURATION=3 (seconds per measured run), WARMUP=1 (seconds, once
# per case and server), CONNECTIONS=64, WRK_THREADS=2, SERVER_THREADS=2 (compact threads), KEEP=1
# keeps the temporary folder (logs, the replies, wrk's output; the PostgreSQL is stopped anyway).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=""
pids=""
pgdir=""
. "$root/bench/lib.sh"
bin=${1:-$root/build/release/compact}
wrk_settings 3 3

[ -x "$bin" ] || die "no executable at $bin (run: make build)"
need wrk curl psql

tmp=$(mktemp -d "${TMPDIR:-/tmp}/compact-bench-backends.XXXXXX")
chmod 755 "$tmp" # the PostgreSQL server may run as another user

# 1. The two databases, the same content in each, and a server on each.
pgdir=$tmp/pg
sh "$root/tests/pg/start.sh" "$pgdir" >"$tmp/pg.log" 2>&1 || die "PostgreSQL did not start: $(cat "$tmp/pg.log")"
sqlite_db=$tmp/compact.db
pg_db=$(cat "$pgdir/url")
for db in "$sqlite_db" "$pg_db"; do
	"$bin" init --db "$db" >>"$tmp/init.log" 2>&1 &&
		"$bin" demo load --db "$db" >>"$tmp/init.log" 2>&1 ||
		die "compact init or demo load failed: $(cat "$tmp/init.log")"
done
# The planner's statistics, which autovacuum gathers within a minute of a load like this one.
psql -qX "$pg_db" -c ANALYZE >>"$tmp/init.log" 2>&1 || die "ANALYZE failed: $(cat "$tmp/init.log")"
db=$sqlite_db
start_compact sqlite --no-cache
sqlite_url=$url
sqlite_pid=$!
db=$pg_db
start_compact pg --no-cache
pg_url=$url
pg_pid=$!

url_of() { # sqlite|pg
	if [ "$1" = pg ]; then echo "$pg_url"; else echo "$sqlite_url"; fi
}

# The CPU time (clock ticks) used so far by an engine's server: its compact process, and on
# PostgreSQL the database's processes as well (the cluster serves this benchmark alone).
ticks() { # sqlite|pg
	if [ "$1" = pg ]; then
		procs="$pg_pid $(ps -o pid= --ppid "$(head -n 1 "$pgdir/data/postmaster.pid")")"
	else
		procs=$sqlite_pid
	fi
	for p in $procs; do
		cat "/proc/$p/stat" 2>/dev/null || true
	done | awk '{ sub(/^.*\) /, ""); t += $12 + $13 } END { print t + 0 }'
}

# 2. The cases, "name method path"; the check's body and wrk's script posting it.
cat >"$tmp/check.json" <<EOF
{ "as_of": "2012-06-01", "compact_id": "1", "parameters": {"notice_months": 6},
  "activity": {"kind": "funding_change", "change": "end", "notice_date": "2012-02-01",
               "notice_in_writing": true, "effective_date": "2012-04-01"} }
EOF
post_lua "$tmp/check.json" "$tmp/post.lua"
cases="authorities GET /authorities?set=2012
authorities.json GET /api/v1/authorities?set=2012&limit=100
compacts GET /compacts
compact GET /compacts/1
compacts.json GET /api/v1/compacts
checks POST /api/v1/checks
floor GET /healthz"

# 3. Each case once by hand on both: 200, and the very same bytes.
set -f # the paths hold "?"
echo "$cases" | while read -r name method path; do
	for server in sqlite pg; do
		u=$(url_of "$server")$path
		if [ "$method" = POST ]; then
			code=$(curl -s --max-time 10 -o "$tmp/$name.$server" -w '%{http_code}' \
				-H 'Content-Type: application/json' --data-binary "@$tmp/check.json" "$u")
		else
			code=$(curl -s --max-time 10 -o "$tmp/$name.$server" -w '%{http_code}' "$u")
		fi
		[ "$code" = 200 ] || die "$method $u answered $code"
	done
	cmp -s "$tmp/$name.sqlite" "$tmp/$name.pg" || die "$method $path: SQLite and PostgreSQL differ"
done

# 4. Measure: ROUNDS rounds, each running every case on both servers back to back (SQLite first
# in odd rounds, PostgreSQL in even ones), after one warm-up run of each.
measure() { # method url seconds
	if [ "$1" = POST ]; then
		wrk_run "$2" "$3" -s "$tmp/post.lua"
	else
		wrk_run "$2" "$3"
	fi
}
echo "bench: $(nproc) CPUs (load $(cut -d' ' -f1-3 /proc/loadavg)); $ROUNDS rounds of" \
	"wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s --latency per case and engine;" \
	"compact serve --no-cache --threads $SERVER_THREADS on each" >&2
echo "$cases" | while read -r name method path; do
	measure "$method" "$sqlite_url$path" "$WARMUP" >/dev/null || exit 1
	measure "$method" "$pg_url$path" "$WARMUP" >/dev/null || exit 1
done
: >"$tmp/results"
round=1
while [ $round -le "$ROUNDS" ]; do
	echo "bench: round $round of $ROUNDS" >&2
	order="sqlite pg"
	[ $((round % 2)) = 1 ] || order="pg sqlite"
	echo "$cases" | while read -r name method path; do
		for server in $order; do
			u=$(url_of "$server")$path
			t=$(ticks "$server")
			r=$(measure "$method" "$u" "$DURATION") || exit 1
			echo "$round $name $server $r $(($(ticks "$server") - t))" >>"$tmp/results"
		done
	done
	round=$((round + 1))
done

# 5. The table: medians over the rounds; the ratio is the median of each round's ratio. The CPU
# time of each engine's server per request (compact, and PostgreSQL's processes) says what a
# request costs whatever else the machine does; "cpu" is SQLite's over PostgreSQL's.
labels=$(echo "$cases" | awk '{ printf "%s%s %s %s", (NR > 1 ? "|" : ""), $1, $2, $3 }')
awk -v rounds="$ROUNDS" -v labels="$labels" -v hz="$(getconf CLK_TCK)" "$MEDIAN_AWK"'
	{
		rps[$2, $3, $1] = $4; p99[$2, $3, $1] = $5; err[$2] += $6
		us[$2, $3, $1] = $7 > 0 ? $8 * 1e6 / hz / $7 : 0
	}
	END {
		printf "\nMedians of %d rounds; ratio = PostgreSQL/SQLite req/s within a round (lowest-highest);\n", rounds
		printf "us/req = CPU time of the server per request; cpu = SQLite us/req / PostgreSQL us/req.\n"
		printf "Goal: ratio >= 0.50.\n\n"
		printf "%-42s %23s %23s\n", "", "------- SQLite -------", "----- PostgreSQL -----"
		printf "%-42s %7s %8s %6s %7s %8s %6s %6s %6s %11s %5s  %s\n", "request", "req/s", "p99 ms",
			"us/req", "req/s", "p99 ms", "us/req", "errors", "ratio", "range", "cpu", "goal"
		n = split(labels, l, "|")
		for (i = 1; i <= n; i++) {
			split(l[i], f, " ")
			c = f[1]
			lo = hi = -1
			for (k = 1; k <= rounds; k++) {
				sr[k] = rps[c, "sqlite", k]; sp[k] = p99[c, "sqlite", k]; su[k] = us[c, "sqlite", k]
				pr[k] = rps[c, "pg", k]; pp[k] = p99[c, "pg", k]; pu[k] = us[c, "pg", k]
				q[k] = sr[k] > 0 ? pr[k] / sr[k] : 0
				if (lo < 0 || q[k] < lo) lo = q[k]
				if (hi < 0 || q[k] > hi) hi = q[k]
			}
			mq = median(q, rounds); msu = median(su, rounds); mpu = median(pu, rounds)
			goal = mq >= 0.5 && err[c] == 0 ? "met" : "not met"
			if (c == "floor") {
				goal = "(the floor)"
				fixed = mpu - msu
			}
			printf "%-42s %7d %8.2f %6d %7d %8.2f %6d %6d %6.2f %5.2f-%-5.2f %5.2f  %s\n",
				f[2] " " f[3], median(sr, rounds), median(sp, rounds), msu, median(pr, rounds),
				median(pp, rounds), mpu, err[c], mq, lo, hi, (mpu > 0 ? msu / mpu : 0), goal
		}
		printf "\nThe floor: GET /healthz runs one statement that reads nothing (SELECT 1) and sends 15\n"
		printf "bytes. On PostgreSQL that round trip alone costs the servers %d us a request more than on\n", fixed
		printf "SQLite; at half the rate of SQLite, a request may cost PostgreSQL at most twice as much.\n"
	}' "$tmp/results"
