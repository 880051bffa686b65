#!/bin/sh
# make bench-scale: BENCH_ORGS organisations (default 1,000,000) on each
# engine — a temp SQLite file and a throw-away PostgreSQL — then the time
# of one company's statistics among them.  Last line:
#   BENCH_SCALE {"orgs": N, "sqlite_p99_ms": …, "pg_p99_ms": …}
# Goal: p99 ≤ 10 ms on each.
set -eu
BIN=${1:?usage: bench/scale.sh BENCH-SCALE-BINARY}
ORGS=${BENCH_ORGS:-1000000}
QUERIES=${BENCH_QUERIES:-10000}
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-scale.XXXXXX")
pgdir=$(mktemp -d "${TMPDIR:-/tmp}/mamori-scale-pg.XXXXXX")
trap 'sh scripts/pg-test.sh stop "$pgdir" 2> /dev/null; rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

p99() { sed -n 's/.*"p99_ms": \([0-9.]*\).*/\1/p' "$1"; }

echo "bench-scale: $ORGS organisations, $QUERIES queries, on SQLite"
timeout 1800 "$BIN" --db "sqlite:$tmp/scale.db" --orgs "$ORGS" \
    --queries "$QUERIES" 2> "$tmp/sqlite.err" | tee "$tmp/sqlite.out" ||
    { tail -5 "$tmp/sqlite.err" >&2; exit 1; }

echo "bench-scale: the same on PostgreSQL"
url=$(sh scripts/pg-test.sh start "$pgdir")
timeout 1800 "$BIN" --db "$url" --orgs "$ORGS" --queries "$QUERIES" \
    2> "$tmp/pg.err" | tee "$tmp/pg.out" ||
    { tail -5 "$tmp/pg.err" >&2; exit 1; }

printf 'BENCH_SCALE {"orgs": %s, "sqlite_p99_ms": %s, "pg_p99_ms": %s}\n' \
    "$ORGS" "$(p99 "$tmp/sqlite.out")" "$(p99 "$tmp/pg.out")"
