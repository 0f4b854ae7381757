#!/bin/sh
# Compact Hub's HTTP benchmark (docs/PERFORMANCE.md): wrk against `compact serve` and against
# nginx serving the very same bytes as static files, side by side in one run, on loopback, and
# ONE table of the ratios compact/nginx (issue 17).
#
#   sh bench/http.sh [path/to/compact]          (`make bench` builds and runs it)
#
# The database: `compact init`, `compact demo load` (12 Compacts and their signatories), an admin
# and a coordinator of Compact 1 (`compact user add`; the admin's token names the coordinator on
# the Compact through the API), the coordinator signed in through POST /login. Two servers:
# `compact serve` as deployed (its per-thread reply cache on) and `compact serve --no-cache`
# (every reply rendered from the database). The cases, and their goals:
#   from the database (--no-cache): the authorities page and its JSON, the Compacts page and its
#     JSON, a Compact's page: ratio >= 0.25 with p99 < 20 ms (issue 17, item 1);
#   signed in (the coordinator's cookie; such replies are never cached): the coordinator's home
#     page and their Compact's page: the same (item 4);
#   cached (the deployed server): the authorities page, ratio >= 0.70 with p99 < 10 ms
#     (DESIGN.md); the two JSON lists, ratio >= 0.70 (item 2).
# nginx serves each reply's bytes as a static file (the same headers added, checked to send the
# very same bytes), with the same request (cookie included) sent to it.
#
# Each case runs once per round, right after nginx's run of the same bytes in that round; ROUNDS
# rounds; the table gives medians over the rounds, and the ratio is the median of the rounds'
# ratios. Everything it starts it stops, by PID, on exit. About 3 minutes.
#
# Settings (environment): ROUNDS=3, DURATION=3 (seconds per measured run), WARMUP=1 (seconds, once
# per case), CONNECTIONS=64, WRK_THREADS=2, SERVER_THREADS=2 (compact threads and nginx workers),
# ONLY=regex (only the cases whose name matches, e.g. ONLY=nocache), KEEP=1 keeps the temporary
# folder (logs, configuration, the bytes served, wrk's output).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=""
pids=""
. "$root/bench/lib.sh"
bin=${1:-$root/build/release/compact}
wrk_settings 3 3

[ -x "$bin" ] || die "no executable at $bin (run: make build)"
need wrk nginx curl ss

tmp=$(mktemp -d "${TMPDIR:-/tmp}/compact-bench.XXXXXX")
pids=""

# 1. A fresh database with the demo's Compacts, an admin and a coordinator of Compact 1.
db=$tmp/compact.db
{
	"$bin" init --db "$db" &&
		"$bin" demo load --db "$db" &&
		echo 'bench-admin-password-1' | "$bin" user add admin@bench.test --role admin --password-stdin --db "$db" &&
		echo 'bench-coord-password-1' | "$bin" user add coord@bench.test --role coordinator --password-stdin --db "$db"
} >"$tmp/init.log" 2>&1 || die "compact init, demo load or user add failed: $(cat "$tmp/init.log")"
token=$("$bin" token add admin@bench.test --db "$db" 2>>"$tmp/init.log" | tail -n 1)
start_compact compact
compact_url=$url
start_compact compact-nocache --no-cache
nocache_url=$url
code=$(curl -s --max-time 10 -o "$tmp/patch.json" -w '%{http_code}' -X PATCH \
	-H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
	--data '{"coordinators": ["coord@bench.test"]}' "$compact_url/api/v1/compacts/1")
[ "$code" = 200 ] || die "naming the coordinator of Compact 1: $code $(cat "$tmp/patch.json")"
curl -s --max-time 10 -o /dev/null -D "$tmp/login.headers" \
	--data 'email=coord%40bench.test&password=bench-coord-password-1' "$compact_url/login"
cookie=$(sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p' "$tmp/login.headers" | head -n 1)
[ -n "$cookie" ] || die "the coordinator could not sign in: $(cat "$tmp/login.headers")"

# 2. The cases, "name server file path": server is compact, nocache or signed (the deployed
# server with the coordinator's cookie); file names the bytes nginx serves for it.
cases="nocache/authorities nocache authorities.html /authorities?set=2012
nocache/authorities.json nocache authorities.json /api/v1/authorities?set=2012&limit=100
nocache/compacts nocache compacts.html /compacts
nocache/compacts.json nocache compacts.json /api/v1/compacts
nocache/compact nocache compact.html /compacts/1
signed/home signed home.signed.html /
signed/compact signed compact.signed.html /compacts/1
cached/authorities compact authorities.html /authorities?set=2012
cached/authorities.json compact authorities.json /api/v1/authorities?set=2012&limit=100
cached/compacts.json compact compacts.json /api/v1/compacts"
if [ -n "${ONLY:-}" ]; then
	cases=$(echo "$cases" | grep -E "^[^ ]*(${ONLY})") || die "no case matches $ONLY"
fi
server_url() { # compact|nocache|signed
	if [ "$1" = nocache ]; then echo "$nocache_url"; else echo "$compact_url"; fi
}
cookie_file=$tmp/cookie.lua
printf 'wrk.headers["Cookie"] = "%s"\n' "$cookie" >"$cookie_file"
measure() { # server url seconds
	if [ "$1" = signed ]; then
		wrk_run "$2" "$3" -s "$cookie_file"
	else
		wrk_run "$2" "$3"
	fi
}

# 3. The bytes to serve statically, exactly as compact sends them (cached and uncached alike).
set -f # the URLs hold "?"
mkdir -p "$tmp/www"
echo "$cases" | while read -r name server file path; do
	set -- -sf --max-time 10
	[ "$server" != signed ] || set -- "$@" -H "Cookie: $cookie"
	curl "$@" -o "$tmp/reply" "$(server_url "$server")$path" || die "GET $path ($server) failed"
	if [ -f "$tmp/www/$file" ]; then
		cmp -s "$tmp/reply" "$tmp/www/$file" || die "$name: other bytes than the other servers"
	else
		mv "$tmp/reply" "$tmp/www/$file"
	fi
done
grep -q 'Sign out' "$tmp/www/home.signed.html" 2>/dev/null || [ -n "${ONLY:-}" ] ||
	die "the coordinator's home page is not signed in"

# 4. nginx: a static file server as deployed, adding the headers compact sends.
start_nginx
wait_ok "$nginx_url/$(ls "$tmp/www" | head -n 1)" # a file of the cases run (ONLY)
for f in $(ls "$tmp/www"); do
	curl -sf --max-time 10 "$nginx_url/$f" | cmp -s - "$tmp/www/$f" || die "nginx serves other bytes for $f"
done
files=$(echo "$cases" | awk '{ print $3 }' | sort -u)

# 5. Measure: ROUNDS rounds; in each, nginx serves each file once, then every case of that file
# runs, so what else the machine does hits both alike; every run is warmed up once first.
logged_before=$(cat "$tmp/compact.log" "$tmp/compact-nocache.log" | wc -l)
echo "bench: $(nproc) CPUs (load $(cut -d' ' -f1-3 /proc/loadavg)); $ROUNDS rounds of" \
	"wrk -t$WRK_THREADS -c$CONNECTIONS -d${DURATION}s --latency per case;" \
	"compact --threads $SERVER_THREADS, nginx worker_processes $SERVER_THREADS" >&2
nginx_as() { # file: the signed cases' files are asked for with the cookie
	case $1 in *.signed.*) echo signed ;; *) echo nginx ;; esac
}
for f in $files; do
	measure "$(nginx_as "$f")" "$nginx_url/$f" "$WARMUP" >/dev/null || exit 1
done
echo "$cases" | while read -r name server file path; do
	measure "$server" "$(server_url "$server")$path" "$WARMUP" >/dev/null || exit 1
done
: >"$tmp/results"
round=1
while [ $round -le "$ROUNDS" ]; do
	echo "bench: round $round of $ROUNDS" >&2
	for f in $files; do
		r=$(measure "$(nginx_as "$f")" "$nginx_url/$f" "$DURATION") || exit 1
		echo "$round nginx:$f nginx $r" >>"$tmp/results"
		echo "$cases" | while read -r name server file path; do
			[ "$file" = "$f" ] || continue
			r=$(measure "$server" "$(server_url "$server")$path" "$DURATION") || exit 1
			echo "$round $name $f $r" >>"$tmp/results"
		done
	done
	round=$((round + 1))
done
logged=$(($(cat "$tmp/compact.log" "$tmp/compact-nocache.log" | wc -l) - logged_before))

# 6. The table: medians over the rounds; the ratio is the median of each round's ratio.
labels=$(echo "$cases" | while read -r name server file path; do
	printf '%s %s %s %s|' "$name" "$file" "$(wc -c <"$tmp/www/$file" | tr -d ' ')" "$path"
done)
awk -v rounds="$ROUNDS" -v labels="$labels" -v logged="$logged" "$MEDIAN_AWK"'
	$2 ~ /^nginx:/ { f = substr($2, 7); nrps[f, $1] = $4; np99[f, $1] = $5; nerr[f] += $6; next }
	{ rps[$2, $1] = $4; p99[$2, $1] = $5; err[$2] += $6 }
	END {
		printf "\nMedians of %d rounds; ratio = compact/nginx req/s within a round (lowest-highest), nginx\n", rounds
		printf "serving the same bytes as a static file. Goals: from the database and signed in, ratio >= 0.25\n"
		printf "with p99 < 20 ms (issue 17); cached, ratio >= 0.70 (the page with p99 < 10 ms, DESIGN.md).\n\n"
		printf "%-24s %-40s %7s %7s %7s %7s %7s %6s %11s  %s\n", "case", "request", "bytes", "req/s",
			"p99 ms", "nginx", "p99 ms", "ratio", "range", "goal"
		n = split(labels, l, "|")
		for (i = 1; i <= n; i++) {
			if (split(l[i], x, " ") < 4) continue
			c = x[1]; f = x[2]
			lo = hi = -1
			for (k = 1; k <= rounds; k++) {
				a[k] = rps[c, k]; b[k] = p99[c, k]; na[k] = nrps[f, k]; nb[k] = np99[f, k]
				q[k] = nrps[f, k] > 0 ? rps[c, k] / nrps[f, k] : 0
				if (lo < 0 || q[k] < lo) lo = q[k]
				if (hi < 0 || q[k] > hi) hi = q[k]
			}
			mr = median(a, rounds); mp = median(b, rounds); mq = median(q, rounds)
			if (c ~ /^cached\// && f ~ /json$/) ok = mq >= 0.7
			else if (c ~ /^cached\//) ok = mq >= 0.7 && mp < 10
			else ok = mq >= 0.25 && mp < 20
			ok = ok && err[c] == 0 && nerr[f] == 0
			path = x[4]
			if (length(path) > 40) path = substr(path, 1, 37) "..."
			printf "%-24s %-40s %7d %7d %7.2f %7d %7.2f %6.2f %5.2f-%-5.2f  %s\n", c, path, x[3], mr, mp,
				median(na, rounds), median(nb, rounds), mq, lo, hi, ok ? "met" : "not met"
		}
		printf "\ncompact access logs: %d lines written during the runs, one per request.\n", logged
	}' "$tmp/results"
