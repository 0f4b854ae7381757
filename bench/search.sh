#!/bin/sh
# Compact Hub's search benchmark (docs/PERFORMANCE.md, "Search"; issue 16): GET /api/v1/search
# over the library and the register grown by 170,000 organisations and 10,000 case studies and
# resources (bench/make_search.py, published), on SQLite and, when PostgreSQL is installed, on a
# throw-away PostgreSQL. The rows are written into one database, and `compact copy` makes the one
# measured from it: the copy builds the search's index as a migration does (store_search_rebuild).
# Each question is asked by one connection at a time (wrk -c1: the latency of a search, not of a
# queue): its p99 and p50, and the CPU time the server spent a search (what the search costs,
# whatever else the machine is doing). The goal: p99 under 10 ms for every question.
#
#   cmake --preset release && cmake --build --preset release -j2
#   sh bench/search.sh [path/to/compact]
#
# Settings (environment): ORGS=170000, CASES=5000 (case studies, and as many resources),
# DURATION=5 (seconds per question), SERVER_THREADS=2, KEEP=1 keeps the temporary folder,
# PG=0 leaves PostgreSQL out.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=""
pids=""
. "$root/bench/lib.sh"
bin=${1:-$root/build/release/compact}
wrk_settings 1 5
CONNECTIONS=1
WRK_THREADS=1
ORGS=${ORGS:-170000}
CASES=${CASES:-5000}

[ -x "$bin" ] || die "no executable at $bin (build the release preset first)"
need wrk sqlite3 python3 curl

tmp=$(mktemp -d "${TMPDIR:-/tmp}/compact-bench-search.XXXXXX")
chmod 755 "$tmp" # the PostgreSQL server may run as another user
"$bin" init --db "$tmp/rows.db" >"$tmp/init.log" 2>&1 || die "compact init failed: $(cat "$tmp/init.log")"
python3 "$root/bench/make_search.py" "$ORGS" "$CASES" | sqlite3 "$tmp/rows.db" ||
	die "writing the rows failed"

questions='cuts
commissioner
council+funding
how+did+merton+manage+the+cuts
community+trust+leeds
word123+barnsley
volunteering&type=case_study&region=london
grants&type=organisation&page=3'

# The CPU time (user and system, in clock ticks) process pid has used so far.
cpu_ticks() { # pid
	awk '{ print $14 + $15 }' "/proc/$1/stat"
}

measure() { # engine
	start_compact "search-$1"
	server=${pids##* }
	echo "$1: p99 and p50, requests/s, the server's CPU time a search (load-independent, PostgreSQL's own not counted), results of each question (one connection, ${DURATION}s each)"
	echo "$questions" | while read -r qs; do
		total=$(curl -sf --max-time 10 "$url/api/v1/search?q=$qs" | sed -n 's/^{"total":\([0-9]*\).*/\1/p')
		[ -n "$total" ] || die "GET /api/v1/search?q=$qs failed"
		set -f
		wrk_run "$url/api/v1/search?q=$qs" "$WARMUP" >/dev/null
		before=$(cpu_ticks "$server")
		r=$(wrk_run "$url/api/v1/search?q=$qs" "$DURATION")
		after=$(cpu_ticks "$server")
		set +f
		p50=$(awk '$1 == "50%" { v = $2 } END { print v }' "$tmp/wrk.txt")
		echo "$r" | awk -v q="$qs" -v t="$total" -v p50="$p50" -v ticks=$((after - before)) -v hz="$(getconf CLK_TCK)" '{
			printf "  %-45s p99 %6.2f ms  p50 %8s  %6d/s  CPU %5.2f ms a search  %7d results%s\n",
				q, $2, p50, $1, ($4 ? ticks * 1000 / hz / $4 : 0), t, ($2 < 10 ? "" : "  OVER 10 ms") }'
	done
}

"$bin" copy --from "$tmp/rows.db" --to "$tmp/compact.db" >"$tmp/copy.log" 2>&1 ||
	die "compact copy failed: $(cat "$tmp/copy.log")"
echo "search: $(nproc) CPUs (load $(cut -d' ' -f1-3 /proc/loadavg)); $ORGS organisations, $CASES case studies, $CASES resources"
db=$tmp/compact.db measure sqlite

if [ "${PG:-1}" = 1 ] && [ -x "$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)/initdb" ]; then
	pgdir=$tmp/pg
	sh "$root/tests/pg/start.sh" "$pgdir" >"$tmp/pg.log" 2>&1 || die "PostgreSQL did not start: $(cat "$tmp/pg.log")"
	"$bin" copy --from "$tmp/rows.db" --to "$(cat "$pgdir/url")" >"$tmp/copy-pg.log" 2>&1 ||
		die "compact copy to PostgreSQL failed: $(cat "$tmp/copy-pg.log")"
	# the planner's statistics and the visibility map, as autovacuum would after a bulk load
	psql -qX "$(cat "$pgdir/url")" -c 'VACUUM ANALYZE' >>"$tmp/copy-pg.log" 2>&1 ||
		die "VACUUM ANALYZE failed: $(cat "$tmp/copy-pg.log")"
	db=$(cat "$pgdir/url") measure postgresql
fi
