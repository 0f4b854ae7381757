#!/bin/sh
# Importing open data (docs/PERFORMANCE.md, "Open data import"): issue 6's goals are the full
# import of a >= 1 GB 360Giving file at least as fast as Python's json.loads merely parsing the
# same records, and peak memory under 200 MB whatever the file's size.
#
#   sh bench/import.sh [path/to/compact]      (default build/release/compact)
#
# Makes, in a temporary folder deleted afterwards, a 360Giving JSON package ({"grants": [...]})
# of SIZE_MB (default 1100) by repeating the real grants of data/opendata (Trafford Council,
# Power to Change, the mixed funders) with fresh identifiers, and the same records as JSON lines.
# Then times, each under /usr/bin/time -v (wall time and peak RSS):
#   - `compact import grants` of the package into a fresh SQLite database (stored and indexed),
#   - the same of the JSON lines,
#   - the package into a fresh PostgreSQL database (a throw-away cluster, tests/pg/start.sh, in
#     the temporary folder, stopped by tests/pg/stop.sh on exit; peak RSS is compact's alone,
#     the server's own work is in the wall time),
#   - Python's json.loads of each line of the JSON lines file (parsing only, bounded memory),
#   - Python's json.load of the whole package (parsing only; memory grows with the file),
#   - jq -c . over the JSON lines (parsing and printing, to /dev/null).
# Prints MB/s, records/s and peak RSS for each. About two to four minutes and 3 GB of disk.
#
# Ends with one line per engine a table can gather (`make bench` or by hand):
#   ratio import sqlite 0.62 (goal 1.00) peak 81.0 MB (goal 200 MB)
# the ratio being Python's json.loads time per line over compact's import of the package (wall
# time); each contender's CPU time (user and system) is printed too, and for SQLite a "cpu import"
# line, the same ratio of CPU times, which other work on a loaded machine moves less
# (on PostgreSQL the server's work is not compact's CPU time: there, wall time only).
#
# Settings (environment): SIZE_MB=1100, PYTHON=python3, WHOLE=1 (0 skips the whole-file
# json.load, which needs several GB of memory), ENGINES="sqlite pg" (either alone), KEEP=1
# keeps the temporary folder.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=""
pids=""
pgdir=""
. "$root/bench/lib.sh"
bin=${1:-$root/build/release/compact}
SIZE_MB=${SIZE_MB:-1100}
PYTHON=${PYTHON:-python3}
WHOLE=${WHOLE:-1}
KEEP=${KEEP:-0}
ENGINES=${ENGINES:-sqlite pg}
data=${DATA:-$root/data/opendata}

[ -x "$bin" ] || die "no executable at $bin (build the release preset first)"
[ -x /usr/bin/time ] || die "/usr/bin/time is not installed"
command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON is not installed"
command -v jq >/dev/null 2>&1 || die "jq is not installed"
case " $ENGINES " in *" pg "*) command -v psql >/dev/null 2>&1 || die "psql is not installed" ;; esac
[ -d "$data/360giving" ] || die "no open data files at $data"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/compact-bench-import.XXXXXX")

# 1. The files: the real grants again and again, each copy with fresh identifiers.
"$PYTHON" "$root/bench/make_grants.py" "$data" "$SIZE_MB" "$tmp/grants.json" "$tmp/grants.jsonl" >/dev/null ||
	die "cannot make the files"
records=$("$PYTHON" -c "import sys; print(sum(1 for _ in open(sys.argv[1], 'rb')))" "$tmp/grants.jsonl")
bytes=$(wc -c <"$tmp/grants.json")
echo "files: $(($bytes >> 20)) MB package, $records grants (and the same as JSON lines)"

# 2. Each contender under /usr/bin/time -v: "name seconds peak_kb".
timed() { # name command...
	name=$1
	shift
	/usr/bin/time -v "$@" >"$tmp/$name.out" 2>"$tmp/$name.time" || die "$name failed: $(tail -5 "$tmp/$name.time")"
	wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$tmp/$name.time" |
		awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
	rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$tmp/$name.time")
	cpu=$(sed -n 's/.*\(User\|System\) time (seconds): //p' "$tmp/$name.time" | awk '{ s += $1 } END { print s }')
	awk -v n="$name" -v s="$wall" -v kb="$rss" -v b="$bytes" -v r="$records" -v c="$cpu" 'BEGIN {
		printf "%-28s %7.2f s %8.1f MB/s %10.0f records/s  peak RSS %6.1f MB  cpu %6.2f s\n",
			n, s, b / 1048576 / s, r / s, kb / 1024, c }'
	echo "$name $wall $rss $cpu" >>"$tmp/results"
}

case " $ENGINES " in *" sqlite "*)
	"$bin" init --db "$tmp/a.db" >/dev/null 2>&1 || die "compact init failed"
	"$bin" init --db "$tmp/b.db" >/dev/null 2>&1 || die "compact init failed"
	timed compact_import_package "$bin" import grants "$tmp/grants.json" --db "$tmp/a.db" --format json
	timed compact_import_lines "$bin" import grants "$tmp/grants.jsonl" --db "$tmp/b.db" --format json
	;;
esac
case " $ENGINES " in *" pg "*)
	pgdir=$tmp/pg
	chmod 755 "$tmp" # the server runs as postgres when this runs as root
	sh "$root/tests/pg/start.sh" "$pgdir" >"$tmp/pg.log" 2>&1 || die "PostgreSQL did not start: $(cat "$tmp/pg.log")"
	pg_db=$(cat "$pgdir/url")
	"$bin" init --db "$pg_db" >/dev/null 2>&1 || die "compact init failed on PostgreSQL"
	timed compact_import_package_pg "$bin" import grants "$tmp/grants.json" --db "$pg_db" --format json
	;;
esac
timed python_loads_lines "$PYTHON" -c '
import json, sys
n = 0
with open(sys.argv[1], "rb") as f:
    for line in f:
        json.loads(line)
        n += 1
print(n)' "$tmp/grants.jsonl"
if [ "$WHOLE" = 1 ]; then
	timed python_load_whole "$PYTHON" -c '
import json, sys
with open(sys.argv[1], "rb") as f:
    print(len(json.loads(f.read())["grants"]))' "$tmp/grants.json"
fi
timed jq_lines sh -c 'jq -c . "$1" >/dev/null' sh "$tmp/grants.jsonl"

for name in compact_import_package compact_import_lines compact_import_package_pg; do
	[ -f "$tmp/$name.out" ] || continue
	grep -q "\"imported\": $records" "$tmp/$name.out" ||
		die "$name did not import every record: $(cat "$tmp/$name.out")"
done
if [ -n "$pgdir" ]; then # the same rows as SQLite's import of the package
	[ ! -f "$tmp/a.db" ] || [ "$(sqlite3 "$tmp/a.db" 'SELECT count(*) FROM grant_award')" = \
		"$(psql -Atc 'SELECT count(*) FROM grant_award' "$pg_db")" ] ||
		die "PostgreSQL and SQLite stored a different number of grants"
fi
awk '{ t[$1] = $2; m[$1] = $3; c[$1] = $4 } END {
	if ("compact_import_package" in t) {
		printf "compact (package) vs Python json.loads per line: %.2fx as fast\n",
			t["python_loads_lines"] / t["compact_import_package"]
		if ("python_load_whole" in t)
			printf "compact (package) vs Python json.load of the whole file: %.2fx as fast\n",
				t["python_load_whole"] / t["compact_import_package"]
		peak = m["compact_import_package"] > m["compact_import_lines"] ? m["compact_import_package"] : m["compact_import_lines"]
		printf "ratio import sqlite %.2f (goal 1.00) peak %.1f MB (goal 200 MB)\n",
			t["python_loads_lines"] / t["compact_import_package"], peak / 1024
		if (c["compact_import_package"] > 0)
			printf "cpu import sqlite %.2f (the same ratio of user and system times)\n",
				c["python_loads_lines"] / c["compact_import_package"]
	}
	if ("compact_import_package_pg" in t)
		printf "ratio import pg %.2f (goal 1.00) peak %.1f MB (goal 200 MB)\n",
			t["python_loads_lines"] / t["compact_import_package_pg"], m["compact_import_package_pg"] / 1024
}' "$tmp/results"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -1); $(date -u +%Y-%m-%d)"
