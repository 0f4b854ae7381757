#!/bin/sh
# Compact Hub's coverage benchmark (docs/PERFORMANCE.md, "Coverage"): coverage of the 353
# authorities of 2009-2019 by 300 Compacts in the core (bench_coverage_core), then the coverage
# page with its hex map and chart from `compact serve` against nginx serving the very same bytes
# as a static file, side by side on loopback (the method of bench/http.sh).
#
#   cmake --preset release && cmake --build --preset release -j2
#   sh bench/coverage.sh [path/to/compact [path/to/bench_coverage_core]]
#
# (defaults: build/release/compact and build/release/bench/bench_coverage_core). The goals of
# issue 4: coverage of all authorities with 300 Compacts well under a millisecond; the coverage
# page served at no less than 0.7 of nginx's rate for the same bytes. Everything it starts it
# stops, by PID, on exit. About 30 s with the defaults.
#
# Settings (environment): ROUNDS=1, DURATION=10 (seconds per wrk run), WARMUP=1 (seconds, once
# per server), CONNECTIONS=64, WRK_THREADS=2, SERVER_THREADS=2, RUNS=7 (bench_coverage_core
# runs), KEEP=1 keeps the temporary folder (logs, configuration, the page, wrk's output).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=""
pids=""
. "$root/bench/lib.sh"
bin=${1:-$root/build/release/compact}
core=${2:-$root/build/release/bench/bench_coverage_core}
wrk_settings 1 10
RUNS=${RUNS:-7}

[ -x "$bin" ] || die "no executable at $bin (build the release preset first)"
[ -x "$core" ] || die "no executable at $core (build the release preset first)"
need wrk nginx curl ss

tmp=$(mktemp -d "${TMPDIR:-/tmp}/compact-bench-coverage.XXXXXX")

# 1. Coverage in the core, without HTTP.
"$core" --runs "$RUNS" 2>/dev/null

# 2. A fresh database with the same 300 Compacts, and the server.
"$bin" init --db "$tmp/compact.db" >"$tmp/init.log" 2>&1 || die "compact init failed: $(cat "$tmp/init.log")"
"$core" --db "$tmp/compact.db" >"$tmp/seed.log" 2>&1 || die "adding the Compacts failed: $(cat "$tmp/seed.log")"
start_compact compact
page='/coverage?as_of=2012-03-31&set=2012'

# 3. The bytes, served again by nginx; they must be the very same.
mkdir -p "$tmp/www"
curl -sf --max-time 10 -o "$tmp/www/coverage.html" "$url$page" || die "GET $page failed"
grep -q '280 of the 353' "$tmp/www/coverage.html" || die "unexpected page (not 280 of 353 covered)"
start_nginx
wait_ok "$nginx_url/coverage.html"
curl -sf --max-time 10 "$nginx_url/coverage.html" | cmp -s - "$tmp/www/coverage.html" ||
	die "nginx serves other bytes"

# 4. Measure: each round runs compact, then nginx, back to back.
bytes=$(wc -c <"$tmp/www/coverage.html" | tr -d ' ')
echo
echo "bench: $(nproc) CPUs (load $(cut -d' ' -f1-3 /proc/loadavg)); $ROUNDS round(s) of" \
	"wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s --latency;" \
	"compact --threads $SERVER_THREADS, nginx worker_processes $SERVER_THREADS" >&2
set -f # the URL holds "?"
wrk_run "$url$page" "$WARMUP" >/dev/null
wrk_run "$nginx_url/coverage.html" "$WARMUP" >/dev/null
: >"$tmp/results"
round=1
while [ $round -le "$ROUNDS" ]; do
	echo "$round compact $(wrk_run "$url$page" "$DURATION")" >>"$tmp/results"
	echo "$round nginx $(wrk_run "$nginx_url/coverage.html" "$DURATION")" >>"$tmp/results"
	round=$((round + 1))
done
awk -v bytes="$bytes" -v rounds="$ROUNDS" "$MEDIAN_AWK"'
	{ rps[$2, $1] = $3; p99[$2, $1] = $4; err[$2] += $5 }
	END {
		printf "\nGET /coverage?as_of=2012-03-31&set=2012 (%d bytes), medians of %d round(s)\n", bytes, rounds
		printf "Goal: compact/nginx >= 0.70.\n\n"
		printf "%-20s %9s %8s %7s\n", "server", "req/s", "p99 ms", "errors"
		for (s = 1; s <= 2; s++) {
			name = s == 1 ? "compact" : "nginx"
			for (r = 1; r <= rounds; r++) { a[r] = rps[name, r]; b[r] = p99[name, r] }
			m[name] = median(a, rounds)
			label = name == "nginx" ? "nginx, static file" : name
			printf "%-20s %9d %8.2f %7d\n", label, m[name], median(b, rounds), err[name]
			if (name == "compact") for (r = 1; r <= rounds; r++) ratio[r] = rps["compact", r]
		}
		for (r = 1; r <= rounds; r++) ratio[r] = ratio[r] / rps["nginx", r]
		q = median(ratio, rounds)
		verdict = q >= 0.7 ? "met" : "not met"
		printf "ratio compact/nginx %.2f: %s\n", q, verdict
	}' "$tmp/results"
