#!/bin/sh
# Compact Hub's HTTP benchmark (docs/PERFORMANCE.md): wrk against `compact serve` and against
# nginx serving the very same bytes as static files, side by side in one run, on loopback.
#
#   sh bench/http.sh [path/to/compact]          (`make bench` builds and runs it)
#
# Cases: the HTML page /authorities?set=2012 and the JSON /api/v1/authorities?set=2012&limit=100,
# each from `compact serve` (its per-thread reply cache on, as deployed), from
# `compact serve --no-cache` (every reply rendered from the database), and from nginx. Prints
# requests per second, p99 latency and the ratio compact/nginx; the goal of DESIGN.md is a ratio
# of at least 0.7 with p99 under 10 ms. Everything it starts it stops, by PID, on exit.
#
# Each case runs once per round, ROUNDS rounds; the table gives medians. About 100 s in all.
#
# Settings (environment): ROUNDS=3, DURATION=5 (seconds per measured run), WARMUP=1 (seconds, once
# per case), CONNECTIONS=64, WRK_THREADS=2, SERVER_THREADS=2 (compact threads and nginx workers),
# KEEP=1 keeps the temporary folder (logs, configuration, the bytes served, wrk's output).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=""
pids=""
. "$root/bench/lib.sh"
bin=${1:-$root/build/release/compact}
wrk_settings 3 5

[ -x "$bin" ] || die "no executable at $bin (run: make build)"
need wrk nginx curl ss

tmp=$(mktemp -d "${TMPDIR:-/tmp}/compact-bench.XXXXXX")
pids=""

measure() { # url seconds
	wrk_run "$1" "$2"
}


# Start `compact serve` with the given extra options on a port it picks; sets $url.


# 1. A fresh database and the two compact servers.
"$bin" init --db "$tmp/compact.db" >"$tmp/init.log" 2>&1 || die "compact init failed: $(cat "$tmp/init.log")"
start_compact compact
compact_url=$url
start_compact compact-nocache --no-cache
nocache_url=$url

# 2. The bytes to serve statically, exactly as compact sends them.
html_path='/authorities?set=2012'
json_path='/api/v1/authorities?set=2012&limit=100'
mkdir -p "$tmp/www"
curl -sf --max-time 10 -o "$tmp/www/authorities.html" "$compact_url$html_path" || die "GET $html_path failed"
curl -sf --max-time 10 -o "$tmp/www/authorities.json" "$compact_url$json_path" || die "GET $json_path failed"
curl -sf --max-time 10 -o "$tmp/nocache.html" "$nocache_url$html_path" || die "GET $html_path (no cache) failed"
cmp -s "$tmp/nocache.html" "$tmp/www/authorities.html" || die "the cached and uncached pages differ"

# 3. nginx: a static file server as deployed (sendfile, keep-alive, a listening socket per worker),
# adding the headers compact sends so that the replies are the same size.
start_nginx
wait_ok "$nginx_url/authorities.html"
curl -sf --max-time 10 "$nginx_url/authorities.html" | cmp -s - "$tmp/www/authorities.html" ||
	die "nginx serves other bytes"

# 4. Measure: ROUNDS rounds, each running every case once, the servers of a case back to back,
# so that what else the machine does hits each alike; every case is warmed up once first.
html_bytes=$(wc -c <"$tmp/www/authorities.html" | tr -d ' ')
json_bytes=$(wc -c <"$tmp/www/authorities.json" | tr -d ' ')
logged_before=$(cat "$tmp/compact.log" "$tmp/compact-nocache.log" | wc -l)
echo "bench: $(nproc) CPUs (load $(cut -d' ' -f1-3 /proc/loadavg)); $ROUNDS rounds of" \
	"wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s --latency per case;" \
	"compact --threads $SERVER_THREADS, nginx worker_processes $SERVER_THREADS" >&2
cases="html compact $compact_url$html_path
html nocache $nocache_url$html_path
html nginx $nginx_url/authorities.html
json compact $compact_url$json_path
json nocache $nocache_url$json_path
json nginx $nginx_url/authorities.json"
set -f # the URLs hold "?"
echo "$cases" | while read -r _ _ u; do
	measure "$u" "$WARMUP" >/dev/null || exit 1
done
: >"$tmp/results"
round=1
while [ $round -le "$ROUNDS" ]; do
	echo "bench: round $round of $ROUNDS" >&2
	echo "$cases" | while read -r case server u; do
		r=$(measure "$u" "$DURATION") || exit 1
		echo "$round $case $server $r" >>"$tmp/results"
	done
	round=$((round + 1))
done
logged=$(($(cat "$tmp/compact.log" "$tmp/compact-nocache.log" | wc -l) - logged_before))

# 5. The table: medians over the rounds; the ratio is the median of each round's ratio.
awk -v hb="$html_bytes" -v jb="$json_bytes" -v logged="$logged" -v rounds="$ROUNDS" "$MEDIAN_AWK"'
	{ rps[$2, $3, $1] = $4; p99[$2, $3, $1] = $5; err[$2, $3] += $6 }
	END {
		split("html json", cases, " ")
		name["html"] = "GET /authorities?set=2012 (" hb " bytes)"
		name["json"] = "GET /api/v1/authorities?set=2012&limit=100 (" jb " bytes)"
		split("compact nocache nginx", servers, " ")
		label["compact"] = "compact"
		label["nocache"] = "compact --no-cache"
		label["nginx"] = "nginx, static file"
		printf "\nMedians of %d rounds; ratio = compact/nginx req/s within a round (lowest-highest).\n", rounds
		printf "Goal: ratio >= 0.70 with p99 < 10 ms.\n\n"
		printf "%-20s %9s %8s %7s %6s %11s  %s\n", "server", "req/s", "p99 ms", "errors", "ratio", "range", "goal"
		for (i = 1; i <= 2; i++) {
			c = cases[i]
			printf "%s\n", name[c]
			for (j = 1; j <= 3; j++) {
				s = servers[j]
				lo = hi = -1
				for (k = 1; k <= rounds; k++) {
					a[k] = rps[c, s, k]; b[k] = p99[c, s, k]
					q[k] = rps[c, "nginx", k] > 0 ? rps[c, s, k] / rps[c, "nginx", k] : 0
					if (lo < 0 || q[k] < lo) lo = q[k]
					if (hi < 0 || q[k] > hi) hi = q[k]
				}
				mr = median(a, rounds); mp = median(b, rounds); mq = median(q, rounds)
				if (s == "nginx") {
					printf "  %-18s %9d %8.2f %7d\n", label[s], mr, mp, err[c, s]
					continue
				}
				ok = mq >= 0.7 && mp < 10 && err[c, s] == 0 ? "met" : "not met"
				printf "  %-18s %9d %8.2f %7d %6.2f %5.2f-%-5.2f  %s\n", label[s], mr, mp, err[c, s], mq, lo, hi, ok
			}
		}
		printf "\ncompact access logs: %d lines written during the runs, one per request.\n", logged
	}' "$tmp/results"
