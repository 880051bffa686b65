#!/bin/sh
# Runs every test suite against the build in $1 (default build/asan) and
# closes with one line: "N passed, N failed".
#   unit     — cmocka programs under $1/unit (one per source file)
#   bench-scale-small — the scale filler on 2,000 organisations, both engines
#   fuzz     — corpora and regressions replayed through each harness
#   http     — node's test runner driving the real server (tests/http)
#   browser  — chromium through playwright-core, axe-core (tests/browser)
# A suite that cannot run counts as failed, never as skipped.
set -u
B=${1:-build/asan}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top" || exit 1
out=tests/out
mkdir -p "$out"
pass=0
fail=0
skip=0
export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=0}
# fontconfig's process-lifetime caches (see the file); a caller's options
# come after ours and win.
export LSAN_OPTIONS="suppressions=$top/tests/lsan.supp:print_suppressions=0${LSAN_OPTIONS:+:$LSAN_OPTIONS}"
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}

add() { pass=$((pass + $1)); fail=$((fail + $2)); }

# --- a throw-away PostgreSQL for the storage and HTTP suites -------------
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/mamori-pg.XXXXXX")
trap 'sh scripts/pg-test.sh stop "$pgdir" 2> /dev/null' EXIT INT TERM
if sh scripts/pg-test.sh start "$pgdir" > "$out/pg.log" 2>&1; then
	echo "postgres: $(tail -1 "$out/pg.log")"
	pg_ok=1
else
	echo "FAIL postgres: the test server did not start"
	tail -20 "$out/pg.log"
	pg_ok=0
	add 0 1
fi

# --- unit -----------------------------------------------------------------
for t in $(find "$B/unit" -type f -perm -u+x 2>/dev/null | sort); do
	name=${t#"$B"/unit/}
	log="$out/unit-$(echo "$name" | tr / -).log"
	MAMORI_TEST_PG_DIR=$pgdir "$t" > "$log" 2>&1
	rc=$?
	# one summary per group of tests: add them up
	p=$(sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' "$log" |
	    awk '{ s += $1 } END { print s + 0 }')
	f=$(sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' "$log" |
	    awk '{ s += $1 } END { print s + 0 }')
	p=${p:-0}
	f=${f:-0}
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		f=1	# crashed or a sanitizer stopped it
	fi
	[ "$f" -ne 0 ] && { echo "FAIL unit $name (see $log)"; tail -20 "$log"; }
	echo "unit    $name: $p passed, $f failed"
	add "$p" "$f"
done

# --- layering (STYLE.md: which subsystem may include which) ---------------
if sh scripts/layering.sh > "$out/layering.log" 2>&1; then
	echo "layering: ok"
	add 1 0
else
	echo "FAIL layering"
	cat "$out/layering.log"
	add 0 1
fi

# --- bench-scale on a small instance ----------------------------------------
# The scale filler and bench/scale.sh against today's schema, on SQLite and
# on this PostgreSQL: 2,000 organisations, a few seconds.  The filler checks
# the peer statistics and the office's sums against what it generated; here
# the line must carry a number for each engine and each read it times
# (peer statistics, an advisor's portfolio, an office's figures).
log="$out/bench-scale.log"
num='[0-9]+(\.[0-9]+)?'
if [ ! -x "$B/bench-scale" ]; then
	echo "FAIL bench-scale-small: $B/bench-scale is missing (make MODE=asan build/asan/bench-scale)"
	add 0 1
elif [ "$pg_ok" -ne 1 ]; then
	echo "FAIL bench-scale-small: no PostgreSQL to run it on"
	add 0 1
elif ! BENCH_ORGS=2000 BENCH_QUERIES=500 BENCH_PG_DIR=$pgdir \
    sh bench/scale.sh "$B/bench-scale" > "$log" 2>&1; then
	echo "FAIL bench-scale-small: bench/scale.sh failed (see $log)"
	grep -E '^(bench-scale|SCALE|BENCH_SCALE)' "$log" | tail -20
	add 0 1
elif [ "$(grep -c "statistics agree with the generated scores" "$log")" -ne 2 ] ||
    [ "$(grep -c "office groups agree with the generated figures" "$log")" -ne 2 ] ||
    ! grep -Eq "^BENCH_SCALE \{\"orgs\": 2000, \"sqlite_p99_ms\": $num, \"pg_p99_ms\": $num, \"sqlite_portfolio_p99_ms\": $num, \"pg_portfolio_p99_ms\": $num, \"office_sqlite_p99_ms\": $num, \"office_pg_p99_ms\": $num\}\$" "$log"; then
	echo "FAIL bench-scale-small: no checked figures for both engines (see $log)"
	grep -E '^(bench-scale|SCALE|BENCH_SCALE)' "$log" | tail -20
	add 0 1
else
	echo "bench-scale-small: ok ($(grep '^BENCH_SCALE ' "$log"))"
	add 1 0
fi

# --- fuzz regressions -----------------------------------------------------
for t in $(find "$B/fuzzrep" -type f -perm -u+x 2>/dev/null | sort); do
	h=$(basename "$t")
	log="$out/fuzz-$h.log"
	if "$t" "tests/fuzz/corpus/$h" "tests/fuzz/regression/$h" > "$log" 2>&1; then
		echo "fuzz    $h: $(tail -1 "$log")"
		add 1 0
	else
		echo "FAIL fuzz $h (see $log)"
		tail -20 "$log"
		add 0 1
	fi
done

# --- node suites (http, browser) -----------------------------------------
node_suite() {
	suite=$1
	shift
	log="$out/$suite.log"
	MAMORI_BIN="$top/$B/mamori" node --test --test-reporter=tap \
	    --test-concurrency=1 "$@" > "$log" 2>&1
	p=$(sed -n 's/^# pass \([0-9]*\)$/\1/p' "$log" | tail -1)
	f=$(sed -n 's/^# fail \([0-9]*\)$/\1/p' "$log" | tail -1)
	k=$(sed -n 's/^# skipped \([0-9]*\)$/\1/p' "$log" | tail -1)
	p=${p:-0}
	f=${f:-0}
	skip=$((skip + ${k:-0}))
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		f=1	# the runner itself failed
	fi
	if [ "$f" -ne 0 ]; then
		echo "FAIL $suite (see $log)"
		grep -E '^not ok|# (Subtest|error)|^    (error|expected|actual|message):' "$log" | head -40
	fi
	if [ "${k:-0}" -gt 0 ]; then
		echo "$suite: $p passed, $f failed, ${k} skipped"
		grep -E '^ok .* # SKIP' "$log" | sed 's/^/  /'
	else
		echo "$suite: $p passed, $f failed"
	fi
	add "$p" "$f"
}

if ls tests/http/*.test.mjs > /dev/null 2>&1; then
	node_suite http tests/http/*.test.mjs
	if [ "$pg_ok" -eq 1 ]; then
		MAMORI_TEST_PG_DIR=$pgdir node_suite http-postgres \
		    tests/http/*.test.mjs
	fi
fi
if ls tests/browser/*.test.mjs > /dev/null 2>&1; then
	if [ ! -d tests/browser/node_modules/playwright-core ] ||
	    [ ! -d tests/browser/node_modules/axe-core ]; then
		(cd tests/browser && npm ci --no-audit --no-fund --loglevel=error) \
		    > "$out/npm.log" 2>&1 || { echo "npm ci failed:"; tail -20 "$out/npm.log"; }
	fi
	node_suite browser tests/browser/*.test.mjs
fi

if [ "$skip" -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ "$fail" -eq 0 ]
