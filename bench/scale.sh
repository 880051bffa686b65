#!/bin/sh
# make bench-scale: BENCH_ORGS organisations (default 1,000,000) on each
# engine — a temp SQLite file and a throw-away PostgreSQL — then the time
# of one company's statistics among them, of an advisor's portfolio
# of 500 clients, and of a programme office's statistics over all of
# them.  Last line:
#   BENCH_SCALE {"orgs": N, "sqlite_p99_ms": …, "pg_p99_ms": …,
#     "sqlite_portfolio_p99_ms": …, "pg_portfolio_p99_ms": …,
#     "office_sqlite_p99_ms": …, "office_pg_p99_ms": …}
# Goal: p99 ≤ 10 ms on each, for each; the office's ≤ 50 ms.
# Environment: BENCH_ORGS (1000000), BENCH_QUERIES (10000), BENCH_PG_DIR
# (a throw-away PostgreSQL already running, from scripts/pg-test.sh: a new
# database in it instead of a server of our own; tests/run.sh sets it).
# Any step that fails stops the script: the reason on stderr, status 1.
set -eu
BIN=${1:?usage: bench/scale.sh BENCH-SCALE-BINARY}
ORGS=${BENCH_ORGS:-1000000}
QUERIES=${BENCH_QUERIES:-10000}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

die() {
	echo "bench-scale: $*" >&2
	exit 1
}

# number V: V is a plain decimal number (digits, at most one point inside).
number() {
	case $1 in
	'' | *[!0-9.]* | .* | *. | *.*.*) return 1 ;;
	esac
}

case $ORGS in '' | *[!0-9]* | 0*) die "BENCH_ORGS must be a positive whole number, not '$ORGS'" ;; esac
case $QUERIES in '' | *[!0-9]* | 0*) die "BENCH_QUERIES must be a positive whole number, not '$QUERIES'" ;; esac
[ -x "$BIN" ] || die "$BIN is missing: run 'make bench-scale'"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-scale.XXXXXX")
pgdir=
cleanup() {
	[ -z "$pgdir" ] || sh scripts/pg-test.sh stop "$pgdir" 2> /dev/null || true
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# run NAME URL: fills the database at URL and times it; its SCALE line is
# echoed, its p99 left in $tmp/NAME.p99.  Progress and errors go to
# stderr as they come.
run() {
	st=0
	timeout 1800 "$BIN" --db "$2" --orgs "$ORGS" --queries "$QUERIES" \
	    > "$tmp/$1.out" || st=$?
	[ "$st" -ne 124 ] || die "$1: bench-scale took longer than 30 minutes"
	[ "$st" -eq 0 ] || die "$1: bench-scale failed (exit $st; its reason is above)"
	line=$(grep '^SCALE ' "$tmp/$1.out") ||
	    die "$1: bench-scale printed no SCALE line"
	echo "$line"
	n=$(echo "$line" | sed -n 's/.*"orgs": \([0-9]*\).*/\1/p')
	[ "$n" = "$ORGS" ] || die "$1: $n organisations measured, not $ORGS"
	p=$(echo "$line" | sed -n 's/.*"p99_ms": \([^,}]*\).*/\1/p')
	number "$p" || die "$1: the p99 is not a number: '$p'"
	echo "$p" > "$tmp/$1.p99"
	p=$(echo "$line" | sed -n 's/.*"portfolio_p99_ms": \([^,}]*\).*/\1/p')
	number "$p" || die "$1: the portfolio's p99 is not a number: '$p'"
	echo "$p" > "$tmp/$1.port"
}

# office NAME: the office's p99 of run NAME's SCALE line, left in
# $tmp/NAME.office.
office() {
	o=$(grep '^SCALE ' "$tmp/$1.out" |
	    sed -n 's/.*"office_p99_ms": \([^,}]*\).*/\1/p')
	number "$o" || die "$1: the office's p99 is not a number: '$o'"
	echo "$o" > "$tmp/$1.office"
}

echo "bench-scale: $ORGS organisations, $QUERIES queries, on SQLite"
run sqlite "sqlite:$tmp/scale.db"
office sqlite

echo "bench-scale: the same on PostgreSQL"
if [ -n "${BENCH_PG_DIR:-}" ]; then
	url=$(sh scripts/pg-test.sh url "$BENCH_PG_DIR" "scale$$") ||
	    die "cannot make a database in the PostgreSQL at $BENCH_PG_DIR"
else
	pgdir=$(mktemp -d "${TMPDIR:-/tmp}/mamori-scale-pg.XXXXXX")
	url=$(sh scripts/pg-test.sh start "$pgdir") ||
	    die "the PostgreSQL test server did not start"
fi
run postgres "$url"
office postgres

printf 'BENCH_SCALE {"orgs": %s, "sqlite_p99_ms": %s, "pg_p99_ms": %s, "sqlite_portfolio_p99_ms": %s, "pg_portfolio_p99_ms": %s, "office_sqlite_p99_ms": %s, "office_pg_p99_ms": %s}\n' \
    "$ORGS" "$(cat "$tmp/sqlite.p99")" "$(cat "$tmp/postgres.p99")" \
    "$(cat "$tmp/sqlite.port")" "$(cat "$tmp/postgres.port")" \
    "$(cat "$tmp/sqlite.office")" "$(cat "$tmp/postgres.office")"
