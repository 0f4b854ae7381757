# What the benchmark scripts share; sourced by bench/http.sh, bench/checks.sh, bench/coverage.sh
# and bench/backends.sh, which set $tmp (a folder of their own), $pids (""), $KEEP, $bin,
# $SERVER_THREADS, $WRK_THREADS and $CONNECTIONS first; $pgdir, when set, is a throw-away
# PostgreSQL (tests/pg/start.sh) stopped on exit.

die() {
	echo "bench: $*" >&2
	exit 1
}

# The settings of the wrk scripts, from the environment, with these defaults for ROUNDS and
# DURATION (each script's header says what they mean).
wrk_settings() { # rounds duration
	ROUNDS=${ROUNDS:-$1}
	DURATION=${DURATION:-$2}
	WARMUP=${WARMUP:-1}
	CONNECTIONS=${CONNECTIONS:-64}
	WRK_THREADS=${WRK_THREADS:-2}
	SERVER_THREADS=${SERVER_THREADS:-2}
	KEEP=${KEEP:-0}
}

# Die unless each tool is installed.
need() { # tool...
	for tool in "$@"; do
		command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed"
	done
}

# Stop everything started (by PID) and the PostgreSQL of $pgdir, and remove $tmp unless KEEP=1.
cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null || true
	done
	for p in $pids; do
		wait "$p" 2>/dev/null || true
	done
	if [ -n "${pgdir:-}" ]; then
		sh "$root/tests/pg/stop.sh" "$pgdir" >/dev/null || echo "bench: could not stop $pgdir" >&2
	fi
	if [ -z "$tmp" ]; then
		return
	elif [ "${KEEP:-0}" = 1 ]; then
		echo "bench: kept $tmp"
	else
		rm -rf "$tmp"
	fi
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Start `compact serve` on $db (default $tmp/compact.db) at a loopback port it picks; sets $url.
start_compact() { # name [options]
	name=$1
	shift
	"$bin" serve --db "${db:-$tmp/compact.db}" --listen 127.0.0.1:0 --threads "$SERVER_THREADS" "$@" \
		2>"$tmp/$name.log" &
	pids="$pids $!"
	url=""
	i=0
	while [ -z "$url" ]; do
		[ $i -lt 100 ] || die "$name did not start: $(cat "$tmp/$name.log")"
		sleep 0.1
		url=$(sed -n 's|.*listening on \(http://127\.0\.0\.1:[0-9]*\)/.*|\1|p' "$tmp/$name.log")
		i=$((i + 1))
	done
}

# One wrk run; prints "requests_per_second p99_ms errors requests" and keeps wrk's output in $tmp.
wrk_run() { # url seconds [wrk options]
	u=$1
	d=$2
	shift 2
	out=$(wrk -t"$WRK_THREADS" -c"$CONNECTIONS" -d"$d"s --latency "$@" "$u") || die "wrk failed on $u"
	echo "$out" >>"$tmp/wrk.txt"
	echo "$out" | awk '
		function ms(v) {
			if (v ~ /us$/) return substr(v, 1, length(v) - 2) / 1000
			if (v ~ /ms$/) return substr(v, 1, length(v) - 2) + 0
			if (v ~ /s$/) return substr(v, 1, length(v) - 1) * 1000
			return -1
		}
		/Requests\/sec:/ { rps = $2 }
		/ requests in / { n = $1 }
		$1 == "99%" { p99 = ms($2) }
		/Non-2xx or 3xx responses:/ { errors += $NF }
		/Socket errors:/ { for (i = 4; i <= NF; i += 2) errors += $i + 0 }
		END { printf "%.0f %.2f %d %d\n", rps, p99, errors + 0, n }'
}

# awk's median of a[1..n] (sorted in place), for the scripts' tables: awk "$MEDIAN_AWK ...".
MEDIAN_AWK='
	function median(a, n,    i, j, t) {
		for (i = 2; i <= n; i++)
			for (j = i; j > 1 && a[j - 1] > a[j]; j--) {
				t = a[j]; a[j] = a[j - 1]; a[j - 1] = t
			}
		return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
	}'

# wrk's Lua script at lua that POSTs the bytes of file body as JSON.
post_lua() { # body lua
	cat >"$2" <<EOF
local f = assert(io.open("$1", "rb"))
wrk.method = "POST"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
EOF
}

# A loopback port nothing listens on.
free_port() {
	p=$(awk 'BEGIN { srand(); print 20000 + int(rand() * 30000) }')
	while [ -n "$(ss -Htln "sport = :$p")" ]; do
		p=$((p + 1))
	done
	echo "$p"
}

# Wait until url answers 200.
wait_ok() { # url
	i=0
	until curl -sf --max-time 10 -o /dev/null "$1"; do
		[ $i -lt 100 ] || die "no answer from $1"
		sleep 0.1
		i=$((i + 1))
	done
}

# nginx serving the files of $tmp/www statically on a free loopback port, as deployed (sendfile,
# keep-alive, a listening socket per worker), adding the headers compact sends so that the
# replies are the same size; sets $nginx_url.
start_nginx() {
	nginx_port=$(free_port)
	mkdir -p "$tmp/nginx"
	chmod 755 "$tmp" "$tmp/www" # nginx's workers may run as another user
	cat >"$tmp/nginx.conf" <<EOF
daemon off;
master_process on;
worker_processes $SERVER_THREADS;
pid $tmp/nginx/nginx.pid;
error_log $tmp/nginx/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    client_body_temp_path $tmp/nginx/body;
    proxy_temp_path $tmp/nginx/proxy;
    fastcgi_temp_path $tmp/nginx/fastcgi;
    uwsgi_temp_path $tmp/nginx/uwsgi;
    scgi_temp_path $tmp/nginx/scgi;
    sendfile on;
    tcp_nopush on;
    keepalive_requests 1000000;
    server_tokens off;
    types { text/html html; application/json json; }
    charset utf-8;
    server {
        listen 127.0.0.1:$nginx_port reuseport;
        root $tmp/www;
        add_header Content-Security-Policy "default-src 'self'; frame-ancestors 'none'" always;
        add_header X-Content-Type-Options nosniff always;
        add_header Referrer-Policy same-origin always;
        add_header X-Frame-Options DENY always;
        add_header Cache-Control no-cache always;
    }
}
EOF
	nginx -p "$tmp/nginx" -c "$tmp/nginx.conf" -e "$tmp/nginx/error.log" &
	pids="$pids $!"
	nginx_url=http://127.0.0.1:$nginx_port
}
