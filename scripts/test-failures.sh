#!/bin/sh
# After a failed `make test`: the failed checks of every test, again, at the end of the output,
# where a CI log cut short in the middle still shows them. Reads CTest's log of the last run.
# Usage: test-failures.sh BUILD_DIR
set -u
log=$1/Testing/Temporary/LastTest.log
[ -f "$log" ] || exit 0
echo
echo "== what failed (from $(basename "$log")) =="
# A failed check ("not ok - ..."), a sanitizer's report, a test killed or timed out.
grep -nE '^not ok|AddressSanitizer|LeakSanitizer|UndefinedBehaviorSanitizer|runtime error:|Test Failed|Timeout|Exception|Error: ' "$log" |
	cut -c1-400 | head -n 80
