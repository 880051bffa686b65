#!/bin/sh
# mamori benchmark: run by `make bench` after `make` built ./mamori.
#
# Starts ./mamori on a free loopback port with a throw-away SQLite
# database, adds an admin and an API token through the CLI (so the server
# never hashes a password while measured), fills one round with 50
# respondents who answered all 25 items, then measures with wrk, in one run
# so the figures compare as ratios:
#   1. GET /healthz                       the ceiling of this machine,
#                                         before and after 2–3 (mean)
#   2. GET /r/TOKEN?part=2                a respondent's form page
#   3. GET …/results (Bearer)             the results page of the round
#   4. POST /r/TOKEN (part 3, finish)     answer submissions (303 only)
# and the peak RSS of the server (VmHWM).  The last line is
#   BENCH {"ceiling_rps": N, "form_ratio": R, "results_ratio": R,
#          "submit_per_s": N, "rss_mb": N}
# Environment: MAMORI_BIN (default ./mamori), BENCH_SECS (10),
# BENCH_CONNS (32), BENCH_THREADS (2), BENCH_RESPONDENTS (50).
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
BIN=${MAMORI_BIN:-./mamori}
SECS=${BENCH_SECS:-10}
CONNS=${BENCH_CONNS:-32}
THREADS=${BENCH_THREADS:-2}
NRESP=${BENCH_RESPONDENTS:-50}
EMAIL=bench@example.jp

die() {
	echo "bench: $*" >&2
	exit 1
}

command -v wrk > /dev/null 2>&1 ||
    die "wrk is not installed. Install it with 'make deps-check' (scripts/deps.sh installs Debian's wrk), then run 'make bench' again."
command -v curl > /dev/null 2>&1 ||
    die "curl is not installed. Run 'make deps-check'."
command -v node > /dev/null 2>&1 ||
    die "node is not installed (needed to fill the database). Run 'make deps-check'."
[ -x "$BIN" ] || die "$BIN is missing: run 'make' first."

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-bench.XXXXXX")
pid=
child=
# fg CMD…: run CMD and wait for it in a way a signal interrupts at once
# (the trap then stops CMD too); returns CMD's status.
fg() {
	"$@" &
	child=$!
	st=0
	wait "$child" || st=$?
	child=
	return $st
}
cleanup() {
	if [ -n "$child" ]; then
		kill -TERM "$child" 2> /dev/null || true
		wait "$child" 2> /dev/null || true
	fi
	if [ -n "$pid" ] && kill -0 "$pid" 2> /dev/null; then
		kill -TERM "$pid" 2> /dev/null || true
		# Give it a few seconds to stop cleanly, then insist.
		n=0
		while kill -0 "$pid" 2> /dev/null && [ $n -lt 50 ]; do
			sleep 0.1
			n=$((n + 1))
		done
		kill -KILL "$pid" 2> /dev/null || true
		wait "$pid" 2> /dev/null || true
	fi
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

db="sqlite:$tmp/bench.db"

# --- accounts: through the CLI, before the server starts -----------------
printf '%s\n' 'bench password, long enough' |
    "$BIN" user add "$EMAIL" --role admin --password-stdin --db "$db" \
    > "$tmp/cli.log" 2>&1 || { cat "$tmp/cli.log" >&2; die "user add failed"; }
token=$("$BIN" user token "$EMAIL" --db "$db" 2>> "$tmp/cli.log") ||
    { cat "$tmp/cli.log" >&2; die "user token failed"; }
[ -n "$token" ] || die "user token printed nothing"

# --- server: loopback only, a port the kernel picks ----------------------
: > "$tmp/serve.out"
: > "$tmp/serve.err"
"$BIN" serve --db "$db" --listen 127.0.0.1:0 --content-dir "$top/content" \
    > "$tmp/serve.out" 2> "$tmp/serve.err" &
pid=$!
base=
n=0
while [ $n -lt 100 ]; do
	base=$(sed -n 's/^mamori: serving \(http:\/\/127\.0\.0\.1:[0-9]*\) .*/\1/p' \
	    "$tmp/serve.out" | head -1)
	[ -n "$base" ] && break
	kill -0 "$pid" 2> /dev/null ||
	    { cat "$tmp/serve.err" >&2; die "the server stopped at start-up"; }
	sleep 0.1
	n=$((n + 1))
done
[ -n "$base" ] || { cat "$tmp/serve.err" >&2; die "the server did not start within 10 s"; }
case $base in
http://127.0.0.1:*) ;;
*) die "refusing to benchmark a non-loopback address: $base" ;;
esac
echo "bench: server $base (pid $pid, $(nproc 2> /dev/null || echo '?') cores)"

# --- data ----------------------------------------------------------------
fg timeout 300 node bench/setup.mjs "$base" "$token" "$NRESP" "$tmp" ||
    die "filling the database failed"
# shellcheck source=/dev/null
. "$tmp/urls.sh"	# RESULTS, FORM

# --- measurements --------------------------------------------------------
# run NAME wrk-args…: one bounded wrk run; prints a line and sets rps.
# A run that got error responses is a failed benchmark.
run() {
	name=$1
	shift
	out="$tmp/wrk-$name.txt"
	fg timeout $((SECS + 30)) wrk -t"$THREADS" -c"$CONNS" -d"${SECS}s" \
	    --timeout 5s --latency "$@" > "$out" 2>&1 ||
	    { cat "$out" >&2; die "wrk ($name) failed"; }
	if grep -q 'Non-2xx or 3xx responses' "$out" && [ "$name" != submit ]; then
		cat "$out" >&2
		die "$name: the server answered with errors; the figure would mean nothing"
	fi
	awk -v name="$name" '
	function ms(v) {
		if (v ~ /us$/) return (v + 0) / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /s$/)  return (v + 0) * 1000
		return v + 0
	}
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/^Requests\/sec:/ { rps = $2 }
	/Socket errors/ { err = $0 }
	END {
		printf "%-8s %10.0f req/s   p50 %7.2f ms   p99 %7.2f ms%s\n",
		    name, rps, p50, p99, err ? "   (" err ")" : ""
	}' "$out"
	rps=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$out")
	[ -n "$rps" ] || { cat "$out" >&2; die "$name: wrk printed no Requests/sec"; }
}

echo "bench: wrk -t$THREADS -c$CONNS -d${SECS}s on each; latency p50/p99"
# The ceiling is measured before and after the pages, and their mean
# used: on a shared machine one interval alone can be off by a fifth.
run healthz "$base/healthz"
rps_healthz1=$rps
run form "$base$FORM"
rps_form=$rps
run results -H "Authorization: Bearer $token" "$base$RESULTS"
rps_results=$rps
run healthz "$base/healthz"
rps_healthz=$(awk -v a="$rps_healthz1" -v b="$rps" 'BEGIN { printf "%.0f", (a + b) / 2 }')
echo "ceiling       $rps_healthz req/s (mean of the two healthz runs)"
run submit -s "$top/bench/submit.lua" "$base" -- "$tmp/submit.txt"

sub=$(sed -n 's/^SUBMIT //p' "$tmp/wrk-submit.txt")
[ -n "$sub" ] || { cat "$tmp/wrk-submit.txt" >&2; die "the submit script reported nothing"; }
submit_per_s=$(echo "$sub" | awk '{
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	if (v["ok"] == 0 || v["duration_us"] == 0) { print 0; exit }
	printf "%.0f", v["ok"] / (v["duration_us"] / 1e6)
}')
echo "submit   $sub → $submit_per_s submissions/s (303 only)"
case $sub in
*" other=0 "*) ;;
*) echo "bench: warning: some submissions were not answered with 303" >&2 ;;
esac
[ "$submit_per_s" -gt 0 ] || die "no submission succeeded"

rss_kb=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$pid/status")
[ -n "$rss_kb" ] || die "cannot read VmHWM of pid $pid"
kill -0 "$pid" 2> /dev/null || die "the server died during the benchmark"

# A server that cannot answer its health check after the load is broken.
[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$base/healthz")" = 200 ] ||
    die "the server no longer answers /healthz"

awk -v c="$rps_healthz" -v f="$rps_form" -v r="$rps_results" \
    -v s="$submit_per_s" -v m="$rss_kb" 'BEGIN {
	printf "BENCH {\"ceiling_rps\": %.0f, \"form_ratio\": %.2f, \"results_ratio\": %.2f, \"submit_per_s\": %.0f, \"rss_mb\": %.1f}\n",
	    c, f / c, r / c, s, m / 1024
}'
