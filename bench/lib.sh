# What the benchmark scripts share; sourced by bench/http.sh and bench/checks.sh, which set
# $tmp (a folder of their own), $pids (""), $KEEP, $bin, $SERVER_THREADS, $WRK_THREADS and
# $CONNECTIONS first.

die() {
	echo "bench: $*" >&2
	exit 1
}

# Stop everything started (by PID), and remove $tmp unless KEEP=1.
cleanup() {
	for p in $pids; do
		kill "$p" 2>/dev/null || true
	done
	for p in $pids; do
		wait "$p" 2>/dev/null || true
	done
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

# Start `compact serve` on $tmp/compact.db at a loopback port it picks; sets $url.
start_compact() { # name [options]
	name=$1
	shift
	"$bin" serve --db "$tmp/compact.db" --listen 127.0.0.1:0 --threads "$SERVER_THREADS" "$@" \
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

# One wrk run; prints "requests_per_second p99_ms errors" and keeps wrk's output in $tmp.
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
		$1 == "99%" { p99 = ms($2) }
		/Non-2xx or 3xx responses:/ { errors += $NF }
		/Socket errors:/ { for (i = 4; i <= NF; i += 2) errors += $i + 0 }
		END { printf "%.0f %.2f %d\n", rps, p99, errors + 0 }'
}
