#!/bin/sh
# Checks contrib/compact.service with systemd's own tools, without systemd running (no PID 1
# needed): `systemd-analyze verify` must say nothing at all (it exits 0 on unknown keys and
# values it ignores, so any line it prints fails), and its offline security review must rate
# the unit's exposure at most 1.5 of 10 (--threshold is in tenths). ExecStart is pointed at the
# binary just built, since verify checks that it exists. Skipped (77) without systemd-analyze.
# Usage: contrib.sh SOURCE_DIR BINARY
set -eu
src=$1
bin=$(cd "$(dirname "$2")" && pwd)/$(basename "$2") # verify wants an absolute path
if ! command -v systemd-analyze >/dev/null 2>&1; then
	echo "contrib: skipped: no systemd-analyze"
	exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
sed "s|^ExecStart=/usr/local/bin/compact |ExecStart=$bin |" "$src/contrib/compact.service" >"$tmp/compact.service"
if ! grep -q "^ExecStart=$bin " "$tmp/compact.service"; then
	echo "contrib: compact.service has no 'ExecStart=/usr/local/bin/compact ...' line"
	exit 1
fi
out=$(SYSTEMD_LOG_COLOR=0 systemd-analyze verify "$tmp/compact.service" 2>&1) || {
	echo "contrib: systemd-analyze verify failed: $out"
	exit 1
}
if [ -n "$out" ]; then
	echo "contrib: systemd-analyze verify says:"
	echo "$out"
	exit 1
fi
if ! systemd-analyze security --offline=yes --threshold=15 "$tmp/compact.service" >"$tmp/security" 2>&1; then
	echo "contrib: the unit's exposure is above 1.5:"
	grep -E '^(✗|→)' "$tmp/security" || cat "$tmp/security"
	exit 1
fi
echo "contrib: compact.service verified; $(grep 'Overall exposure' "$tmp/security" | sed 's/^→ //')"
