#!/bin/sh
# Stop the PostgreSQL that start.sh started in DIR and remove DIR with its data.
# With --crash, stop it the way a crash or a power cut does (pg_ctl stop -m immediate: every
# connection cut at once, no checkpoint) and keep DIR, so `start.sh --again DIR` brings it back.
# Usage: stop.sh [--crash] DIR
set -eu
crash=0
if [ "${1:-}" = --crash ]; then
	crash=1
	shift
fi
dir=$1
mode=fast
[ $crash -eq 1 ] && mode=immediate
status=0
if [ -f "$dir/data/postmaster.pid" ]; then
	bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -x "$bindir/pg_ctl" ] || bindir=$(dirname "$(command -v pg_ctl)")
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m $mode -w stop >/dev/null || status=1
	else
		"$bindir/pg_ctl" -D "$dir/data" -m $mode -w stop >/dev/null || status=1
	fi
elif [ $crash -eq 1 ]; then
	echo "pg: no server running in $dir" >&2
	exit 1
fi
if [ $crash -eq 1 ]; then
	[ $status -eq 0 ] && echo "pg: stopped at once (crash); start.sh --again brings it back"
	exit $status
fi
rm -rf "$dir"
[ $status -eq 0 ] && echo "pg: stopped"
exit $status
