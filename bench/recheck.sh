#!/bin/sh
# Re-checking 100,000 stored activities with `compact recheck` (issue 5's goal: under a second).
#
#   sh bench/recheck.sh [path/to/compact]      (default build/release/compact; `make bench` runs it)
#
# Makes a fresh database, adds one Compact and 100,000 activities of the four kinds with varied
# facts (sqlite3, in one statement), then times three runs of `compact recheck`: the first
# stores every finding, the second finds nothing changed (the common case of a daily re-check),
# the third is a day later (feedback overdue by one more day: those explanations change).
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)
tmp=""
pids=""
. "$root/bench/lib.sh"
bin=${1:-$root/build/release/compact}
KEEP=${KEEP:-0}
[ -x "$bin" ] || die "no executable at $bin (run: make build)"
command -v sqlite3 >/dev/null 2>&1 || die "sqlite3 is not installed"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/compact-bench-recheck.XXXXXX")

"$bin" init --db "$tmp/c.db" >"$tmp/init.log" 2>&1 || die "compact init failed: $(cat "$tmp/init.log")"
sqlite3 "$tmp/c.db" <<'SQL' || die "cannot add the activities"
INSERT INTO compact (name, created_at) VALUES ('Bench Compact', '2026-01-01T00:00:00Z');
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 99999)
INSERT INTO activity (compact_id, org_id, kind, facts, recorded_by, recorded_at, checked_on, overall)
SELECT 1, 'GB-CHC-' || (i % 50),
  CASE i % 4 WHEN 0 THEN 'funding_change' WHEN 1 THEN 'consultation'
             WHEN 2 THEN 'funding_award' ELSE 'procurement' END,
  CASE i % 4
  WHEN 0 THEN json_object('kind', 'funding_change', 'change', CASE i % 8 WHEN 0 THEN 'end' ELSE 'reduce' END,
       'notice_date', CASE i % 3 WHEN 0 THEN NULL ELSE '2012-02-01' END,
       'notice_in_writing', json(CASE i % 5 WHEN 0 THEN 'false' ELSE 'true' END),
       'effective_date', '2012-05-01', 'decision_date', '2012-01-10',
       'impact_assessment_date', CASE i % 7 WHEN 0 THEN NULL ELSE '2012-01-05' END)
  WHEN 1 THEN json_object('kind', 'consultation', 'opens', '2012-01-01',
       'closes', CASE i % 3 WHEN 0 THEN '2012-02-01' ELSE '2012-03-25' END,
       'feedback_date', CASE i % 2 WHEN 0 THEN NULL ELSE '2012-04-01' END)
  WHEN 2 THEN json_object('kind', 'funding_award', 'start_date', '2012-04-01',
       'end_date', CASE i % 3 WHEN 0 THEN '2013-03-31' ELSE '2015-03-31' END,
       'payment', CASE i % 4 WHEN 2 THEN 'advance' ELSE 'arrears' END,
       'overheads_allowed', json(CASE i % 5 WHEN 0 THEN 'false' ELSE 'true' END))
  ELSE json_object('kind', 'procurement', 'published', '2012-01-01', 'submission_deadline', '2012-01-20',
       'vcs_engaged_date', CASE i % 3 WHEN 0 THEN NULL ELSE '2011-12-01' END,
       'social_value_considered', json('true'))
  END,
  'bench', '2026-01-01T00:00:00Z', '2026-01-01', 'unknown'
FROM n;
SQL

run() { # label as_of
	start=$(date +%s.%N)
	out=$("$bin" recheck --db "$tmp/c.db" --as-of "$2") || die "compact recheck failed"
	end=$(date +%s.%N)
	printf '%-34s %6.2f s   %s\n' "$1" "$(awk -v s="$start" -v e="$end" 'BEGIN { print e - s }')" "$out"
}
echo "bench: $(nproc) CPUs (load $(cut -d' ' -f1-3 /proc/loadavg)); 100,000 stored activities"
echo "goal: under 1 s to re-check them (issue 5)"
run "first check (every finding stored)" 2026-11-25
run "again, nothing changed" 2026-11-25
run "a day later" 2026-11-26
