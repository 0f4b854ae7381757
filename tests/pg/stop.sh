#!/bin/sh
# Stop the PostgreSQL that start.sh started in DIR and remove DIR with its data.
# Usage: stop.sh DIR
set -eu
dir=$1
status=0
if [ -f "$dir/data/postmaster.pid" ]; then
	bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
	[ -x "$bindir/pg_ctl" ] || bindir=$(dirname "$(command -v pg_ctl)")
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || status=1
	else
		"$bindir/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || status=1
	fi
fi
rm -rf "$dir"
[ $status -eq 0 ] && echo "pg: stopped"
exit $status
