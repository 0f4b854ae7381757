#!/bin/sh
# Start a throw-away PostgreSQL for the tests: a new cluster in folder DIR (made here, removed by
# stop.sh), listening on a unix socket in DIR and on no TCP port, with an empty database
# "compact" that the superuser "postgres" reaches without a password. Its URL is written to
# DIR/url. As root the server runs as the postgres user, since initdb refuses root.
# With --again, the cluster already in DIR (stopped by `stop.sh --crash DIR`) is started again
# as it was, with the same options and data: a database server that comes back.
# Usage: start.sh [--again] DIR
set -eu
again=0
if [ "${1:-}" = --again ]; then
	again=1
	shift
fi
dir=$1

bindir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bindir" ] || [ ! -x "$bindir/initdb" ]; then
	bindir=$(dirname "$(command -v initdb 2>/dev/null || echo /none/initdb)")
fi
if [ ! -x "$bindir/initdb" ]; then
	echo "pg: no initdb; install PostgreSQL (make deps installs Debian's postgresql)" >&2
	exit 1
fi

as_server() {
	if [ "$(id -u)" -eq 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# Durability is not wanted from a cluster that lives for one test run.
server_start() {
	as_server "$bindir/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -o "-c listen_addresses='' \
-c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off \
-c full_page_writes=off -c max_connections=200" start >/dev/null || {
		cat "$dir/server.log" >&2
		exit 1
	}
}

if [ $again -eq 1 ]; then
	if [ ! -f "$dir/url" ] || [ -f "$dir/data/postmaster.pid" ]; then
		echo "pg: no stopped cluster in $dir to start again" >&2
		exit 1
	fi
	server_start
	echo "pg: started again at $(cat "$dir/url")"
	exit 0
fi

# A cluster left by a run that was killed: stop it and start again from nothing.
if [ -f "$dir/data/postmaster.pid" ]; then
	as_server "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
fi
rm -rf "$dir"
mkdir -p "$dir"
chmod 700 "$dir"
if [ "$(id -u)" -eq 0 ]; then
	if ! id postgres >/dev/null 2>&1; then
		echo "pg: no postgres user; install PostgreSQL (make deps)" >&2
		exit 1
	fi
	chown postgres "$dir"
fi

as_server "$bindir/initdb" -D "$dir/data" -U postgres -A trust -E UTF8 --locale=C.UTF-8 \
	--no-sync --no-instructions >"$dir/initdb.log" 2>&1 || {
	cat "$dir/initdb.log" >&2
	exit 1
}
server_start
"$bindir/createdb" -h "$dir" -U postgres compact
url="postgresql:///compact?host=$dir&user=postgres"
echo "$url" >"$dir/url"
echo "pg: PostgreSQL $("$bindir/postgres" --version | awk '{print $3}') at $url"
