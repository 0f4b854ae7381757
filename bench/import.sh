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
#   - `compact import grants` of the package into a fresh database (stored and indexed),
#   - the same of the JSON lines,
#   - Python's json.loads of each line of the JSON lines file (parsing only, bounded memory),
#   - Python's json.load of the whole package (parsing only; memory grows with the file),
#   - jq -c . over the JSON lines (parsing and printing, to /dev/null).
# Prints MB/s, records/s and peak RSS for each. About two to four minutes and 3 GB of disk.
#
# Settings (environment): SIZE_MB=1100, PYTHON=python3, WHOLE=1 (0 skips the whole-file
# json.load, which needs several GB of memory), KEEP=1 keeps the temporary folder.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=""
pids=""
. "$root/bench/lib.sh"
bin=${1:-$root/build/release/compact}
SIZE_MB=${SIZE_MB:-1100}
PYTHON=${PYTHON:-python3}
WHOLE=${WHOLE:-1}
KEEP=${KEEP:-0}
data=${DATA:-$root/data/opendata}

[ -x "$bin" ] || die "no executable at $bin (build the release preset first)"
[ -x /usr/bin/time ] || die "/usr/bin/time is not installed"
command -v "$PYTHON" >/dev/null 2>&1 || die "$PYTHON is not installed"
command -v jq >/dev/null 2>&1 || die "jq is not installed"
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
	awk -v n="$name" -v s="$wall" -v kb="$rss" -v b="$bytes" -v r="$records" 'BEGIN {
		printf "%-28s %7.2f s %8.1f MB/s %10.0f records/s  peak RSS %6.1f MB\n",
			n, s, b / 1048576 / s, r / s, kb / 1024 }'
	echo "$name $wall $rss" >>"$tmp/results"
}

"$bin" init --db "$tmp/a.db" >/dev/null 2>&1 || die "compact init failed"
"$bin" init --db "$tmp/b.db" >/dev/null 2>&1 || die "compact init failed"
timed compact_import_package "$bin" import grants "$tmp/grants.json" --db "$tmp/a.db" --format json
timed compact_import_lines "$bin" import grants "$tmp/grants.jsonl" --db "$tmp/b.db" --format json
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

grep -q "\"imported\": $records" "$tmp/compact_import_package.out" ||
	die "the package import did not import every record: $(cat "$tmp/compact_import_package.out")"
grep -q "\"imported\": $records" "$tmp/compact_import_lines.out" ||
	die "the lines import did not import every record: $(cat "$tmp/compact_import_lines.out")"
awk '{ t[$1] = $2; m[$1] = $3 } END {
	printf "compact (package) vs Python json.loads per line: %.2fx as fast\n",
		t["python_loads_lines"] / t["compact_import_package"]
	if ("python_load_whole" in t)
		printf "compact (package) vs Python json.load of the whole file: %.2fx as fast\n",
			t["python_load_whole"] / t["compact_import_package"]
	printf "peak RSS of compact: %.1f MB (goal: under 200 MB)\n",
		(m["compact_import_package"] > m["compact_import_lines"] ? m["compact_import_package"] : m["compact_import_lines"]) / 1024
}' "$tmp/results"
echo "machine: $(nproc) cores, $(sed -n 's/^model name\t*: //p' /proc/cpuinfo | head -1); $(date -u +%Y-%m-%d)"
