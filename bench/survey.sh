#!/bin/sh
# The annual survey (docs/PERFORMANCE.md, "The annual survey"): `compact survey import` of
# 100,000 answers into a round, then more imports up to 1,000,000 answers, then the results of
# that round read from the database: `compact survey results --format json` (the process
# included) and GET /api/v1/surveys/YEAR/results from `compact serve --no-cache` (each reply
# built from the database). The goal of issue 15: results under 100 ms. On SQLite, and on a
# throw-away PostgreSQL (tests/pg/start.sh) with PG=1.
#
#   sh bench/survey.sh [path/to/compact]          (`make bench` builds and runs it)
#
# Settings (environment): RUNS=11 (results read this many times; the median is given),
# TOTAL=1000000 (answers in the round), KEEP=1 keeps the temporary folder, PG=1.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=""
pids=""
pgdir=""
. "$root/bench/lib.sh"
bin=${1:-$root/build/release/compact}
RUNS=${RUNS:-11}
TOTAL=${TOTAL:-1000000}
SERVER_THREADS=${SERVER_THREADS:-2}
KEEP=${KEEP:-0}

[ -x "$bin" ] || die "no executable at $bin (run: make build)"
need curl awk

tmp=$(mktemp -d "${TMPDIR:-/tmp}/compact-bench-survey.XXXXXX")
chmod 755 "$tmp"
if [ "${PG:-0}" = 1 ]; then
	pgdir=$tmp/pg
	sh "$root/tests/pg/start.sh" "$pgdir" >"$tmp/pg.log" 2>&1 || die "PostgreSQL did not start"
	db=$(cat "$pgdir/url")
	engine=postgresql
else
	db=$tmp/compact.db
	engine=sqlite
fi
"$bin" init --db "$db" >/dev/null 2>&1 || die "compact init failed"
"$bin" demo load --db "$db" >/dev/null 2>&1 || die "compact demo load failed"
"$bin" survey add --year 2011 --opens 2011-03-01 --closes 2011-05-31 --db "$db" >/dev/null
start_compact survey --no-cache
compacts=$(curl -s "$url/api/v1/compacts?limit=20" | grep -o '"id":[0-9]*' | grep -o '[0-9]*' | tr '\n' ' ')
[ -n "$compacts" ] || die "the demo set has no Compacts"

# n answers as CSV: both sectors, every group, every question of the general questionnaire and
# a benchmark line now and then (which replaces its Compact's earlier one).
answers() { # n seed
	awk -v n="$1" -v seed="$2" -v compacts="$compacts" 'BEGIN {
		srand(seed); nc = split(compacts, c, " ")
		split("strongly_agree agree neither disagree strongly_disagree dont_know", a5, " ")
		split("improved same worsened dont_know", ch, " ")
		split("yes no dont_know", yn, " ")
		split("senior_leadership resources promotion commissioner_links training compliance_monitoring paid_worker other", im, " ")
		split("local_authority nhs police fire central_government other_statutory", bt, " ")
		print "questionnaire,sector,body_type,compact_id,importance,relationship_change,independence_respect,actively_engaged,improvements,comments,paid_worker"
		for (i = 0; i < n; i++) {
			cid = c[1 + int(rand() * nc)]
			if (i % 500 == 499) { printf "benchmark,vcs,,%s,,,,,,,%s\n", cid, yn[1 + int(rand() * 3)]; continue }
			r = rand(); sector = r < 0.45 ? "statutory" : r < 0.9 ? "vcs" : "other"
			body = sector == "statutory" ? bt[1 + int(rand() * 6)] : ""
			k = 1 + int(rand() * 8); k2 = 1 + (k % 8)
			printf "general,%s,%s,%s,%s,%s,%s,%s,%s;%s,,\n", sector, body, cid, a5[1 + int(rand() * 6)],
				ch[1 + int(rand() * 4)], ch[1 + int(rand() * 4)], yn[1 + int(rand() * 3)], im[k], im[k2]
		}
	}'
}

ms() { # command...: wall time in milliseconds
	s=$(date +%s%N)
	"$@" >/dev/null
	e=$(date +%s%N)
	echo $(((e - s) / 1000000))
}

median() {
	sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}

answers 100000 1 >"$tmp/first.csv"
import_ms=$(ms "$bin" survey import --year 2011 "$tmp/first.csv" --db "$db")
done_n=100000
seed=2
while [ $done_n -lt "$TOTAL" ]; do
	n=$((TOTAL - done_n))
	[ $n -le 300000 ] || n=300000
	answers $n $seed >"$tmp/more.csv"
	"$bin" survey import --year 2011 "$tmp/more.csv" --db "$db" >/dev/null
	done_n=$((done_n + n))
	seed=$((seed + 1))
done
rm -f "$tmp/more.csv"

i=0
: >"$tmp/cli.txt"
while [ $i -lt "$RUNS" ]; do
	ms "$bin" survey results --year 2011 --format json --db "$db" >>"$tmp/cli.txt"
	i=$((i + 1))
done
i=0
: >"$tmp/http.txt"
while [ $i -lt "$RUNS" ]; do
	curl -s -o /dev/null -w '%{time_total}\n' "$url/api/v1/surveys/2011/results" |
		awk '{ printf "%d\n", $1 * 1000 + 0.5 }' >>"$tmp/http.txt"
	i=$((i + 1))
done
curl -s -o /dev/null -w '%{http_code}' "$url/surveys/2011" | grep -q 200 || die "the results page failed"
general=$("$bin" survey results --year 2011 --format json --db "$db" | grep -o '"general":[0-9]*' | head -1 | grep -o '[0-9]*')

echo "survey on $engine: $general general answers in the round (and a benchmark every 500 lines)"
echo "import of 100,000 answers: $import_ms ms"
echo "results of the round, compact survey results (median of $RUNS, process included): $(median <"$tmp/cli.txt") ms"
echo "results of the round, GET /api/v1/surveys/2011/results (median of $RUNS): $(median <"$tmp/http.txt") ms"
