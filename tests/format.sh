#!/bin/sh
# Fails when a C file differs from .clang-format; prints the files to run clang-format -i on.
set -eu
cd "$1"
files=$(git ls-files '*.c' '*.h' 2>/dev/null || find src tests -name '*.[ch]')
bad=""
for f in $files; do
	clang-format --dry-run --Werror "$f" >/dev/null 2>&1 || bad="$bad $f"
done
if [ -n "$bad" ]; then
	echo "not formatted (run: clang-format -i$bad)"
	exit 1
fi
echo "format: $(echo "$files" | wc -w) files formatted"
