#!/bin/sh
# Install what building and testing Compact Hub needs, and only what is missing: Debian packages
# with apt-get, npm packages with npm ci. Safe to run again; does nothing when all is there.
set -eu

root=$(cd "$(dirname "$0")/.." && pwd)

# Debian packages: the build, the libraries, and what the tests and benchmarks drive
# (postgresql: the throw-away server of tests/pg/, started by CTest's fixture).
pkgs="build-essential cmake pkg-config clang clang-format libclang-rt-14-dev nodejs npm
libevent-dev libsqlite3-dev libpq-dev libcjson-dev libcsv-dev libsodium-dev libcmocka-dev
chromium nginx-light wrk sqlite3 postgresql curl"

missing=""
for p in $pkgs; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
		# node and npm may come from elsewhere than Debian; take them as they are
		case "$p" in
		nodejs) command -v node >/dev/null 2>&1 && continue ;;
		npm) command -v npm >/dev/null 2>&1 && continue ;;
		esac
		missing="$missing $p"
	fi
done

if [ -n "$missing" ]; then
	echo "install-deps: installing Debian packages:$missing"
	sudo=""
	[ "$(id -u)" -eq 0 ] || sudo="sudo"
	$sudo apt-get update -qq
	DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
fi

# npm packages: GOV.UK Frontend and sass for the stylesheet, playwright-core and axe-core for the
# browser tests. npm ci again only when the lock file is newer than what it installed.
stamp="$root/node_modules/.package-lock.json"
if [ ! -f "$stamp" ] || [ "$root/package-lock.json" -nt "$stamp" ]; then
	echo "install-deps: npm ci"
	(cd "$root" && npm ci --no-audit --no-fund --loglevel=error)
fi
