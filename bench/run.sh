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
#   3. GET …/results (Bearer, gzip)       the results page of the round,
#                                         compressed as a browser asks
#   4. POST /r/TOKEN (part 3, finish)     answer submissions (303 only)
#   5. GET /o/ORG/r/assets (Bearer, gzip) the asset register's list page
#                                         over 500 assets (sorted, paged)
# and the peak RSS of the server (VmHWM).  The last line is
#   BENCH {"ceiling_rps": N, "form_ratio": R, "results_ratio": R,
#          "results_wire_kb": K, "submit_per_s": N, "durability": D,
#          "rss_mb": N, …, "assets_ratio": R, "plan_xlsx_ms": N,
#          "bcp_pdf_ms": N, "board_pdf_ms": N}
# where durability is how the server's commits survive ("full": on disk
# before a submission is acknowledged) and results_wire_kb is the results
# page's size on the wire (gzip).
# Environment: MAMORI_BIN (default ./mamori), BENCH_SECS (10),
# BENCH_CONNS (32), BENCH_THREADS (2), BENCH_RESPONDENTS (50),
# BENCH_ENGINE (sqlite, or postgres: a throw-away server from
# scripts/pg-test.sh), BENCH_NODES (1 or 2 nodes on the one database;
# with 2, wrk loads both at once, half the connections each, and the
# rates add up), BENCH_LABEL (the word before the JSON; default BENCH).
# Any step that fails stops the script: the reason on stderr, status 1;
# no figure that is not a number reaches the JSON line.
set -eu

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
BIN=${MAMORI_BIN:-./mamori}
SECS=${BENCH_SECS:-10}
CONNS=${BENCH_CONNS:-32}
THREADS=${BENCH_THREADS:-2}
NRESP=${BENCH_RESPONDENTS:-50}
ENGINE=${BENCH_ENGINE:-sqlite}
NODES=${BENCH_NODES:-1}
LABEL=${BENCH_LABEL:-BENCH}
EMAIL=bench@example.jp

die() {
	echo "bench: $*" >&2
	exit 1
}

# number V: V is a plain decimal number (digits, at most one point inside).
number() {
	case $1 in
	'' | *[!0-9.]* | .* | *. | *.*.*) return 1 ;;
	esac
}

command -v wrk > /dev/null 2>&1 ||
    die "wrk is not installed. Install it with 'make deps-check' (scripts/deps.sh installs Debian's wrk), then run 'make bench' again."
command -v curl > /dev/null 2>&1 ||
    die "curl is not installed. Run 'make deps-check'."
command -v node > /dev/null 2>&1 ||
    die "node is not installed (needed to fill the database). Run 'make deps-check'."
[ -x "$BIN" ] || die "$BIN is missing: run 'make' first."

tmp=$(mktemp -d "${TMPDIR:-/tmp}/mamori-bench.XXXXXX")
pgdir=
pid=
pids=
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
	for p in $pids; do
		kill -0 "$p" 2> /dev/null || continue
		kill -TERM "$p" 2> /dev/null || true
		# Give it a few seconds to stop cleanly, then insist.
		n=0
		while kill -0 "$p" 2> /dev/null && [ $n -lt 50 ]; do
			sleep 0.1
			n=$((n + 1))
		done
		kill -KILL "$p" 2> /dev/null || true
		wait "$p" 2> /dev/null || true
	done
	[ -n "$pgdir" ] && sh "$top/scripts/pg-test.sh" stop "$pgdir" 2> /dev/null
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

case $ENGINE in
sqlite)
	db="sqlite:$tmp/bench.db" ;;
postgres)
	pgdir=$(mktemp -d "${TMPDIR:-/tmp}/mamori-bench-pg.XXXXXX")
	db=$(sh scripts/pg-test.sh start "$pgdir") ||
	    die "the PostgreSQL test server did not start" ;;
*)
	die "BENCH_ENGINE must be sqlite or postgres" ;;
esac
case $NODES in
1|2) ;;
*) die "BENCH_NODES must be 1 or 2" ;;
esac

# --- accounts: through the CLI, before the server starts -----------------
printf '%s\n' 'bench password, long enough' |
    "$BIN" user add "$EMAIL" --role admin --password-stdin --db "$db" \
    > "$tmp/cli.log" 2>&1 || { cat "$tmp/cli.log" >&2; die "user add failed"; }
token=$("$BIN" user token "$EMAIL" --db "$db" 2>> "$tmp/cli.log") ||
    { cat "$tmp/cli.log" >&2; die "user token failed"; }
[ -n "$token" ] || die "user token printed nothing"

# --- servers: loopback only, ports the kernel picks -----------------------
# start_node N: starts node N on the database; sets base (its URL) and pid.
start_node() {
	: > "$tmp/serve$1.out"
	"$BIN" serve --db "$db" --listen 127.0.0.1:0 --content-dir "$top/content" \
	    > "$tmp/serve$1.out" 2> "$tmp/serve$1.err" &
	pid=$!
	pids="$pids $pid"
	base=
	n=0
	while [ $n -lt 100 ]; do
		base=$(sed -n 's/^mamori: serving \(http:\/\/127\.0\.0\.1:[0-9]*\) .*/\1/p' \
		    "$tmp/serve$1.out" | head -1)
		[ -n "$base" ] && break
		kill -0 "$pid" 2> /dev/null ||
		    { cat "$tmp/serve$1.err" >&2; die "node $1 stopped at start-up"; }
		sleep 0.1
		n=$((n + 1))
	done
	[ -n "$base" ] || { cat "$tmp/serve$1.err" >&2; die "node $1 did not start within 10 s"; }
	case $base in
	http://127.0.0.1:*) ;;
	*) die "refusing to benchmark a non-loopback address: $base" ;;
	esac
}
# Node 2 first: start_node returns once a node serves, so node 1 starts
# on a database that is already migrated.
base2=
pid2=
if [ "$NODES" -eq 2 ]; then
	start_node 2
	base2=$base
	pid2=$pid
fi
start_node 1
# How a commit survives, as the server says it (db_durability): "full"
# when every acknowledged submission was on disk first.
durability=$(sed -n 's/^mamori: serving .*durability \([a-z]*\).*/\1/p' \
    "$tmp/serve1.out" | head -1)
case $durability in
'' | *[!a-z]*) die "the server did not say its durability" ;;
esac
echo "bench: $ENGINE, $NODES node(s): $base${base2:+ and $base2} ($(nproc 2> /dev/null || echo '?') cores), durability $durability"

# --- data ----------------------------------------------------------------
fg timeout 300 node bench/setup.mjs "$base" "$token" "$NRESP" "$tmp" ||
    die "filling the database failed"
# shellcheck source=/dev/null
. "$tmp/urls.sh"	# RESULTS, FORM, REPORT, ROUND, ASSETS, PLAN_XLSX, BCP_PDF, BOARD_PDF

# --- measurements --------------------------------------------------------
# wrk1 OUT URL wrk-args…: one bounded wrk run with the given share of
# threads and connections, into OUT.
wrk1() {
	o=$1
	shift
	if [ -n "${SCRIPT_ARG:-}" ]; then
		timeout $((SECS + 30)) wrk -t"$T1" -c"$C1" -d"${SECS}s" \
		    --timeout 5s --latency "$@" -- "$SCRIPT_ARG" > "$o" 2>&1
	else
		timeout $((SECS + 30)) wrk -t"$T1" -c"$C1" -d"${SECS}s" \
		    --timeout 5s --latency "$@" > "$o" 2>&1
	fi
}

# run NAME URL-PATH wrk-args…: one bounded run against every node at
# once; prints a line and sets rps (the sum over the nodes).  A run that
# got error responses is a failed benchmark.  SCRIPT_ARG, when set, is
# handed to the wrk script after "--".
run() {
	name=$1
	path=$2
	shift 2
	out="$tmp/wrk-$name.txt"
	if [ "$NODES" -eq 1 ]; then
		T1=$THREADS
		C1=$CONNS
		fg wrk1 "$out" "$@" "$base$path" ||
		    { cat "$out" >&2; die "wrk ($name) failed"; }
	else
		T1=$(( THREADS > 1 ? THREADS / 2 : 1 ))
		C1=$(( CONNS / 2 ))
		wrk1 "$out" "$@" "$base$path" &
		w1=$!
		wrk1 "$out.2" "$@" "$base2$path" &
		w2=$!
		wait "$w1" || { cat "$out" >&2; die "wrk ($name, node 1) failed"; }
		wait "$w2" || { cat "$out.2" >&2; die "wrk ($name, node 2) failed"; }
	fi
	for f in "$out" "$out.2"; do
		[ -f "$f" ] || continue
		if grep -q 'Non-2xx or 3xx responses' "$f" && [ "$name" != submit ]; then
			cat "$f" >&2
			die "$name: the server answered with errors; the figure would mean nothing"
		fi
	done
	rps=0
	for f in "$out" "$out.2"; do
		[ -f "$f" ] || continue
		r=$(sed -n 's/^Requests\/sec: *\([0-9.]*\).*/\1/p' "$f")
		number "$r" || { cat "$f" >&2; die "$name: wrk printed no Requests/sec"; }
		rps=$(awk -v a="$rps" -v b="$r" 'BEGIN { printf "%.2f", a + b }')
	done
	awk -v name="$name" -v rps="$rps" '
	function ms(v) {
		if (v ~ /us$/) return (v + 0) / 1000
		if (v ~ /ms$/) return v + 0
		if (v ~ /s$/)  return (v + 0) * 1000
		return v + 0
	}
	/^ +50%/ { p50 = ms($2) }
	/^ +99%/ { p99 = ms($2) }
	/Socket errors/ { err = $0 }
	END {
		printf "%-8s %10.0f req/s   p50 %7.2f ms   p99 %7.2f ms%s\n",
		    name, rps, p50, p99, err ? "   (" err ")" : ""
	}' "$out"
}

echo "bench: wrk -t$THREADS -c$CONNS -d${SECS}s on each; latency p50/p99"
# The ceiling is measured before and after the pages, and their mean
# used: on a shared machine one interval alone can be off by a fifth.
run healthz /healthz
rps_healthz1=$rps
run form "$FORM"
rps_form=$rps
run results "$RESULTS" -H "Authorization: Bearer $token" -H "Accept-Encoding: gzip"
rps_results=$rps
# The page's bytes on the wire, as the runs above got them.
wire=$(curl -s -o "$tmp/results.gz" -w '%{size_download} %{http_code}' --max-time 10 \
    -H "Authorization: Bearer $token" -H "Accept-Encoding: gzip" "$base$RESULTS")
case $wire in
*" 200") ;;
*) die "the results page did not answer 200 ($wire)" ;;
esac
head -c 2 "$tmp/results.gz" | od -An -tx1 | grep -q '1f 8b' ||
    echo "bench: warning: the results page did not come gzip-compressed" >&2
results_wire_kb=$(echo "$wire" | awk '{ printf "%.1f", $1 / 1024 }')
echo "results  ${results_wire_kb} KiB on the wire"
run assets "$ASSETS" -H "Authorization: Bearer $token" -H "Accept-Encoding: gzip"
rps_assets=$rps
run healthz /healthz
rps_healthz=$(awk -v a="$rps_healthz1" -v b="$rps" 'BEGIN { printf "%.0f", (a + b) / 2 }')
echo "ceiling       $rps_healthz req/s (mean of the two healthz runs)"
SCRIPT_ARG=$tmp/submit.txt run submit "" -s "$top/bench/submit.lua"

# Each wrk prints one SUBMIT line; with two nodes they add up (the
# longer of the two durations).
sub=$(cat "$tmp/wrk-submit.txt" "$tmp/wrk-submit.txt.2" 2> /dev/null |
    sed -n 's/^SUBMIT //p' | awk '{
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] += 0; w[kv[1]] = kv[2] }
	ok += w["ok"]; other += w["other"]
	if (w["duration_us"] > d) d = w["duration_us"]
	n++
} END { if (n) printf "ok=%d other=%d duration_us=%d \n", ok, other, d }')
[ -n "$sub" ] || { cat "$tmp/wrk-submit.txt" >&2; die "the submit script reported nothing"; }
submit_per_s=$(echo "$sub" | awk '{
	for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
	if (v["ok"] == 0 || v["duration_us"] == 0) { print 0; exit }
	printf "%.0f", v["ok"] / (v["duration_us"] / 1e6)
}')
echo "submit   $sub → $submit_per_s submissions/s (303 only, durability $durability)"
case $sub in
*" other=0 "*) ;;
*) echo "bench: warning: some submissions were not answered with 303" >&2 ;;
esac
[ "$submit_per_s" -gt 0 ] || die "no submission succeeded"

# Peak memory of the largest node.
rss_kb=0
for p in $pid $pid2; do
	k=$(awk '$1 == "VmHWM:" { print $2 }' "/proc/$p/status" 2> /dev/null) ||
	    die "cannot read /proc/$p/status (did the server stop?)"
	number "$k" || die "cannot read VmHWM of pid $p (did it die?)"
	[ "$k" -gt "$rss_kb" ] && rss_kb=$k
done

# A server that cannot answer its health check after the load is broken.
for b in $base $base2; do
	[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$b/healthz")" = 200 ] ||
	    die "$b no longer answers /healthz"
done

# --- the report of the 50-respondent round, once it is closed ------------
# Each download is timed by curl (build and render on the server, as a
# user waits for it); the median of REPORT_RUNS.
[ "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 -X POST \
    -H "Authorization: Bearer $token" "$base/api/v1/rounds/$ROUND/close")" = 200 ] ||
    die "closing the round failed"
REPORT_RUNS=${BENCH_REPORT_RUNS:-21}
# median_ms NAME PATH: median download time of PATH, in ms (the file is
# kept as $tmp/report.NAME).
median_ms() {
	i=0
	: > "$tmp/report-$1.txt"
	while [ $i -lt "$REPORT_RUNS" ]; do
		curl -s -o "$tmp/report.$1" -w '%{http_code} %{time_total}\n' --max-time 30 \
		    -H "Authorization: Bearer $token" "$base$2" >> "$tmp/report-$1.txt" ||
		    die "$1: the download failed (curl status $?)"
		i=$((i + 1))
	done
	grep -qv '^200 ' "$tmp/report-$1.txt" && die "$1: not every download succeeded"
	awk '{ print $2 * 1000 }' "$tmp/report-$1.txt" | sort -n |
	    awk '{ v[NR] = $1 } END { printf "%.1f", v[int((NR + 1) / 2)] }'
}
pdf_ms=$(median_ms pdf "$REPORT/pdf")
xlsx_ms=$(median_ms xlsx "$REPORT/xlsx")
plan_xlsx_ms=$(median_ms plan.xlsx "$PLAN_XLSX")
head -c 2 "$tmp/report.plan.xlsx" | grep -q 'PK' || die "the plan workbook is not an XLSX file"
echo "plan     xlsx ${plan_xlsx_ms} ms (median of $REPORT_RUNS downloads, 100 rows; goal 50)"
bcp_pdf_ms=$(median_ms bcp.pdf "$BCP_PDF")
head -c 5 "$tmp/report.bcp.pdf" | grep -q '%PDF-' || die "the IT-BCP document is not a PDF"
echo "bcp      pdf ${bcp_pdf_ms} ms (median of $REPORT_RUNS downloads, 30 processes, 20 systems; goal 150)"
board_pdf_ms=$(median_ms board.pdf "$BOARD_PDF")
head -c 5 "$tmp/report.board.pdf" | grep -q '%PDF-' || die "the board one-pager is not a PDF"
echo "board    pdf ${board_pdf_ms} ms (median of $REPORT_RUNS downloads, 30 risks, 100 plan rows, 3 incidents; goal 100)"
head -c 5 "$tmp/report.pdf" | grep -q '%PDF-' || die "the report is not a PDF"
echo "report   pdf ${pdf_ms} ms, xlsx ${xlsx_ms} ms (median of $REPORT_RUNS downloads, $NRESP respondents; goals 100 and 50)"

for v in "ceiling_rps=$rps_healthz" "form_rps=$rps_form" \
    "results_rps=$rps_results" "submit_per_s=$submit_per_s" "rss_kb=$rss_kb" \
    "pdf_ms=$pdf_ms" "xlsx_ms=$xlsx_ms" "assets_rps=$rps_assets" \
    "plan_xlsx_ms=$plan_xlsx_ms" "bcp_pdf_ms=$bcp_pdf_ms" \
    "board_pdf_ms=$board_pdf_ms"; do
	number "${v#*=}" || die "${v%%=*} is not a number: '${v#*=}'"
done
[ "$rps_healthz" != 0 ] || die "the ceiling is 0 requests/s"
awk -v c="$rps_healthz" -v f="$rps_form" -v r="$rps_results" \
    -v w="$results_wire_kb" -v s="$submit_per_s" -v m="$rss_kb" -v label="$LABEL" \
    -v p="$pdf_ms" -v x="$xlsx_ms" -v d="$durability" \
    -v a="$rps_assets" -v px="$plan_xlsx_ms" -v bp="$bcp_pdf_ms" \
    -v bo="$board_pdf_ms" 'BEGIN {
	printf "%s {\"ceiling_rps\": %.0f, \"form_ratio\": %.2f, \"results_ratio\": %.2f, \"results_wire_kb\": %.1f, \"submit_per_s\": %.0f, \"durability\": \"%s\", \"rss_mb\": %.1f, \"pdf_ms\": %.1f, \"xlsx_ms\": %.1f, \"assets_ratio\": %.2f, \"plan_xlsx_ms\": %.1f, \"bcp_pdf_ms\": %.1f, \"board_pdf_ms\": %.1f}\n",
	    label, c, f / c, r / c, w, s, d, m / 1024, p, x, a / c, px, bp, bo
}'
