#!/bin/sh
# Build the web assets served under /assets/.
#
# Usage: sh web/build.sh OUTDIR     (from any directory; needs `npm ci` first)
#
# Writes exactly these files, relative to OUTDIR (the C build embeds each one
# and serves it as /assets/<path>):
#   app.css                        web/app.scss compiled with GOV.UK Frontend
#   govuk-frontend.min.js          GOV.UK Frontend's JavaScript (an ES module)
#   js-enabled.js                  web/: marks <body> for scripts (no inline script under our CSP)
#   init.mjs                       web/: starts GOV.UK Frontend's components
#   favicon.svg                    web/: the service's own icon (the crown icons are GOV.UK's)
#   images/govuk-crest.svg         url() in app.css (footer copyright logo, which we do not show)
# and OUTDIR/manifest.txt, the list above, one path a line (not itself served).
#
# Fails if the compiled CSS contains an @font-face or a url() that is not in
# this list, so an upgrade of govuk-frontend cannot silently need a new file.
set -eu

if [ "$#" -ne 1 ] || [ -z "$1" ]; then
	echo "usage: $0 OUTDIR" >&2
	exit 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

sass="$root/node_modules/.bin/sass"
gf="$root/node_modules/govuk-frontend/dist/govuk"
if [ ! -x "$sass" ] || [ ! -d "$gf" ]; then
	echo "build.sh: node_modules is missing; run 'npm ci' in $root" >&2
	exit 1
fi

# Paths under OUTDIR, each copied from the same path under $gf/assets/.
assets="images/govuk-crest.svg"
# Paths under OUTDIR copied from web/.
own="js-enabled.js
init.mjs
favicon.svg"

# The sass cli resolves pkg: URLs relative to the working directory.
(cd "$root" && "$sass" --pkg-importer=node --style=compressed --no-source-map \
	web/app.scss "$out/app.css")
echo "wrote $out/app.css"

if grep -q '@font-face' "$out/app.css"; then
	echo "build.sh: app.css has an @font-face; no fonts are served" >&2
	exit 1
fi
# Every url(...) in the CSS must be one of the assets copied below.
urls=$(grep -o 'url([^)]*)' "$out/app.css" | sed -e 's/^url(//' -e 's/)$//' \
	-e 's/^["'"'"']//' -e 's/["'"'"']$//' | sort -u)
for u in $urls; do
	case "$u" in
	data:*) continue ;;
	/assets/*) p=${u#/assets/} ;;
	*)
		echo "build.sh: app.css refers to '$u', outside /assets/" >&2
		exit 1
		;;
	esac
	if ! printf '%s\n' "$assets" | grep -qxF "$p"; then
		echo "build.sh: app.css refers to '$u', which is not copied" >&2
		exit 1
	fi
done

cp "$gf/govuk-frontend.min.js" "$out/govuk-frontend.min.js"
echo "wrote $out/govuk-frontend.min.js"

mkdir -p "$out/images"
for p in $assets; do
	cp "$gf/assets/$p" "$out/$p"
	echo "wrote $out/$p"
done

for p in $own; do
	cp "$root/web/$p" "$out/$p"
	echo "wrote $out/$p"
done

{
	echo "app.css"
	echo "govuk-frontend.min.js"
	printf '%s\n' "$own"
	printf '%s\n' "$assets"
} >"$out/manifest.txt"
echo "wrote $out/manifest.txt"
