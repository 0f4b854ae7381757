#!/bin/sh
# An import beside the server (docs/PERFORMANCE.md, "An import beside the server"): issue 11's
# goal that, while `compact import` of a 200 MB file runs, reads through the server keep p99
# under 50 ms and every write either completes or answers 503 with Retry-After within 2 s.
#
#   sh bench/import_concurrency.sh [path/to/compact]      (default build/release/compact)
#
# Makes, in a temporary folder deleted afterwards, a 360Giving package of SIZE_MB (default 200)
# from the real grants of data/opendata (bench/make_grants.py, as bench/import.sh makes its
# files), a fresh database with an admin and an API token, and starts `compact serve` on a
# loopback port. bench/import_load.mjs then runs READERS loops of GET requests (pages and API
# lists), each READ_RATE a second and each read timed from when it was due (a stalled
# connection's queue counts), and WRITERS loops of POST /api/v1/organisations, each pausing
# WRITE_PAUSE_MS between writes, from 2 s before `compact import grants` of the file until 2 s
# after it ends; it counts what was sent while the import ran: read p50, p99 and max, each
# write's status, the slowest write, and every reply that was neither 2xx nor 503. Under a
# minute; stops by itself (the load after MAX_SECONDS at most), and everything it started is
# stopped by PID on exit.
#
# Settings (environment): SIZE_MB=200, SERVER_THREADS=2, READERS=4, READ_RATE=100, WRITERS=2,
# WRITE_PAUSE_MS=100, MAX_SECONDS=300, PYTHON=python3, KEEP=1 keeps the temporary folder.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=""
pids=""
. "$root/bench/lib.sh"
bin=${1:-$root/build/release/compact}
SIZE_MB=${SIZE_MB:-200}
SERVER_THREADS=${SERVER_THREADS:-2}
READERS=${READERS:-4}
READ_RATE=${READ_RATE:-100}
WRITERS=${WRITERS:-2}
WRITE_PAUSE_MS=${WRITE_PAUSE_MS:-100}
MAX_SECONDS=${MAX_SECONDS:-300}
PYTHON=${PYTHON:-python3}
KEEP=${KEEP:-0}
data=${DATA:-$root/data/opendata}

[ -x "$bin" ] || die "no executable at $bin (build the release preset first)"
[ -x /usr/bin/time ] || die "/usr/bin/time is not installed"
command -v node >/dev/null 2>&1 || die "node is not installed"
command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON is not installed"
[ -d "$data/360giving" ] || die "no open data files at $data"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/compact-bench-stall.XXXXXX")

# 1. The file, the database, an admin with a token, the server.
records=$("$PYTHON" "$root/bench/make_grants.py" "$data" "$SIZE_MB" "$tmp/grants.json") ||
	die "cannot make the file"
echo "file: $(($(wc -c <"$tmp/grants.json") >> 20)) MB, $records grants"
"$bin" init --db "$tmp/compact.db" >/dev/null 2>&1 || die "compact init failed"
password="bench horse $(od -An -tx1 -N9 /dev/urandom | tr -d ' \n')"
printf '%s\n' "$password" | "$bin" user add bench@example.org --role admin --password-stdin \
	--db "$tmp/compact.db" >/dev/null 2>&1 || die "compact user add failed"
token=$("$bin" token add bench@example.org --db "$tmp/compact.db" 2>/dev/null | tail -1)
[ -n "$token" ] || die "compact token add failed"
start_compact serve
echo "server: $url, $SERVER_THREADS threads; load: $READERS readers ($READ_RATE reads a second each)," \
	"$WRITERS writers (pausing ${WRITE_PAUSE_MS} ms between writes)"

# 2. The load from 2 s before the import to 2 s after it.
node "$root/bench/import_load.mjs" --url "$url" --token "$token" --marks "$tmp" \
	--readers "$READERS" --read-rate "$READ_RATE" --writers "$WRITERS" --write-pause-ms "$WRITE_PAUSE_MS" \
	--max-seconds "$MAX_SECONDS" --samples "$tmp/samples.txt" >"$tmp/load.txt" 2>&1 &
load=$!
pids="$pids $load"
sleep 2
date +%s%3N >"$tmp/import.start"
/usr/bin/time -f "%e %M" "$bin" import grants "$tmp/grants.json" --db "$tmp/compact.db" \
	--format json >"$tmp/import.out" 2>"$tmp/import.err" || die "the import failed: $(tail -3 "$tmp/import.err")"
date +%s%3N >"$tmp/import.end"
sleep 2
kill -TERM "$load" 2>/dev/null || true
wait "$load" || true

# 3. What happened.
grep -q "\"imported\": $records" "$tmp/import.out" || die "not every record imported: $(cat "$tmp/import.out")"
tail -1 "$tmp/import.err" | awk -v r="$records" '{ printf "import: %d grants in %.2f s, peak RSS %.1f MB\n", r, $1, $2 / 1024 }'
cat "$tmp/load.txt"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -1); load $(cut -d' ' -f1-3 /proc/loadavg); $(date -u +%Y-%m-%dT%H:%MZ)"
