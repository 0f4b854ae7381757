#!/bin/sh
# Compact Hub's compliance-check benchmark (docs/PERFORMANCE.md, "Compliance checks"): wrk against
# `compact serve` posting SPEC section 5's example to POST /api/v1/checks on loopback, then the
# engine without HTTP (bench_check_core) and, for reference, Python's json.loads+json.dumps of the
# same request in the same run.
#
#   cmake --preset release && cmake --build --preset release -j2
#   sh bench/checks.sh [path/to/compact [path/to/bench_check_core]]
#
# (defaults: build/release/compact and build/release/bench/bench_check_core). The request is
# SPEC's example without "compact_id" (`bench_check_core --request` prints it): a check that
# stores nothing and reads nothing from the database. The goals of issue 5: one check in the core
# well under 50 microseconds, 100,000 stored activities re-checked in under a second; the HTTP
# throughput is measured, with no goal of its own. Everything it starts it stops, by PID, on exit.
# About 30 s in all.
#
# Settings (environment): ROUNDS=3, DURATION=5 (seconds per wrk run), WARMUP=1 (seconds, once),
# CONNECTIONS=64, WRK_THREADS=2, SERVER_THREADS=2, RUNS=7 (bench_check_core and Python runs),
# PYTHON=python3, KEEP=1 keeps the temporary folder (logs, the body, the Lua script, wrk's output).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=""
pids=""
. "$root/bench/lib.sh"
bin=${1:-$root/build/release/compact}
core=${2:-$root/build/release/bench/bench_check_core}
wrk_settings 3 5
RUNS=${RUNS:-7}
PYTHON=${PYTHON:-python3}

[ -x "$bin" ] || die "no executable at $bin (build the release preset first)"
[ -x "$core" ] || die "no executable at $core (build the release preset first)"
need wrk curl "$PYTHON"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/compact-bench-checks.XXXXXX")
pids=""

measure() { # url seconds
	wrk_run "$1" "$2" -s "$tmp/post.lua"
}



# 1. The request, and wrk's script posting it (the body read from a file, as given).
"$core" --request >"$tmp/request.json" || die "$core --request failed"
post_lua "$tmp/request.json" "$tmp/post.lua"

# 2. A fresh database and the server, on a loopback port it picks.
"$bin" init --db "$tmp/compact.db" >"$tmp/init.log" 2>&1 || die "compact init failed: $(cat "$tmp/init.log")"
start_compact compact
url=$url/api/v1/checks

# 3. One request by hand: it must answer 200 with the breach SPEC shows.
code=$(curl -s --max-time 10 -o "$tmp/reply.json" -w '%{http_code}' -H 'Content-Type: application/json' \
	--data-binary "@$tmp/request.json" "$url") || die "POST $url failed"
[ "$code" = 200 ] || die "POST $url answered $code: $(cat "$tmp/reply.json")"
grep -q '"overall":"breach"' "$tmp/reply.json" || die "unexpected reply: $(cat "$tmp/reply.json")"

# 4. wrk: warm up once, then ROUNDS runs.
request_bytes=$(wc -c <"$tmp/request.json" | tr -d ' ')
reply_bytes=$(wc -c <"$tmp/reply.json" | tr -d ' ')
echo "bench: $(nproc) CPUs (load $(cut -d' ' -f1-3 /proc/loadavg)); $ROUNDS rounds of" \
	"wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s --latency, POST $request_bytes bytes;" \
	"compact --threads $SERVER_THREADS" >&2
measure "$url" "$WARMUP" >/dev/null
: >"$tmp/results"
round=1
while [ $round -le "$ROUNDS" ]; do
	measure "$url" "$DURATION" >>"$tmp/results"
	round=$((round + 1))
done
awk -v rounds="$ROUNDS" -v qb="$request_bytes" -v rb="$reply_bytes" "$MEDIAN_AWK"'
	{ n++; rps[n] = $1; p99[n] = $2; errors += $3; all = all sprintf(" %d", $1) }
	END {
		printf "\nPOST /api/v1/checks (%d bytes in, %d out), medians of %d rounds\n", qb, rb, rounds
		printf "  req/s %d (rounds:%s)  p99 %.2f ms  errors %d\n", median(rps, n), all,
			median(p99, n), errors
	}' "$tmp/results"

# 5. The engine without HTTP, then Python on the same bytes, the same number of times.
echo
"$core" --runs "$RUNS" | tee "$tmp/core.txt"
"$PYTHON" "$root/bench/check_json.py" 50000 "$RUNS" <"$tmp/request.json" | tee "$tmp/python.txt"
awk '$1 == "contract" { c = $2 } $1 == "python" { p = $2 }
	END { if (c > 0) printf "ratio     python/contract %.2f (json.loads+json.dumps of the request vs the whole check in C)\n", p / c }' \
	"$tmp/core.txt" "$tmp/python.txt"
