#!/bin/sh
# The layering of docs/ARCHITECTURE.md for what the compiler cannot see: which layer may include
# which library's headers, and no layer reaching around the include folders with "../".
set -eu
cd "$1/src"
fail=0
check() { # layer pattern message
	hits=$(grep -rnE "#include *<($2)" --include='*.[ch]' . | grep -v "^\./$1/" || true)
	if [ -n "$hits" ]; then
		echo "$3:"; echo "$hits"; fail=1
	fi
}
# Each engine's header in its driver alone: the rest of the store goes through store/db.h.
only() { # file pattern message
	hits=$(grep -rnE "#include *<($2)" --include='*.[ch]' . | grep -v "^\./$1:" || true)
	if [ -n "$hits" ]; then
		echo "$3:"; echo "$hits"; fail=1
	fi
}
only store/db_sqlite.c 'sqlite3\.h' "only src/store/db_sqlite.c may include sqlite3.h"
only store/db_pg.c 'libpq-fe\.h' "only src/store/db_pg.c may include libpq-fe.h"
check http 'event2/' "only src/http/ may include libevent"
check codec 'cjson/|csv\.h' "only src/codec/ may include cJSON or libcsv"
hits=$(grep -rln '#include *<sodium' --include='*.[ch]' . | grep -v '^\./core/crypto\.c$' || true)
if [ -n "$hits" ]; then
	echo "only src/core/crypto.c may include libsodium:"; echo "$hits"; fail=1
fi
# app/ is what HTTP and the command line share: plain calls over core, codec and store.
hits=$(grep -rnE '#include *(<(event2/|evhttp|sqlite3\.h|libpq-fe\.h|cjson/|csv\.h)|"(http|view|cli)/)' \
	app --include='*.[ch]' || true)
if [ -n "$hits" ]; then
	echo "src/app/ includes no libevent, SQLite, cJSON or libcsv, and no http/, view/ or cli/ header:"
	echo "$hits"; fail=1
fi
hits=$(grep -rnE '#include *"http/' cli || true)
if [ -n "$hits" ]; then
	echo "src/cli/ includes no http/ header (main.c dispatches to both):"; echo "$hits"; fail=1
fi
if grep -rn '#include *"\.\./' --include='*.[ch]' .; then
	echo "no include may climb out of its folder with ../"; fail=1
fi
if grep -rnE '\b(printf|fprintf|fopen|socket|sqlite3_)' core view app --include='*.c' | grep -v 'buf_addf'; then
	echo "core/ and view/ do no I/O, app/ none but through the store"; fail=1
fi
[ $fail -eq 0 ] && echo "layers: ok"
exit $fail
