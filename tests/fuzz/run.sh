#!/bin/sh
# Runs every built fuzz harness (build/fuzz/fuzz_*) for SECONDS each on a
# scratch copy of its corpus (tests/fuzz/corpus/<harness>/), with its kept
# regressions as extra seeds.  Any crash-*, leak-*, timeout-* or oom-*
# input is copied into tests/fuzz/regression/<harness>/ to be fixed and
# replayed by `make check` for ever after.
#
# usage: tests/fuzz/run.sh SECONDS     (extra libFuzzer flags: FUZZ_FLAGS)
# Exit status: 0 nothing found, 1 something found, 2 nothing to run.
set -u

secs=${1:-}
case $secs in
''|*[!0-9]*) echo "usage: $0 SECONDS" >&2; exit 2 ;;
esac
cd "$(dirname "$0")/../.." || exit 2

# The lines of libFuzzer's output worth showing: the final one and stats.
stats='^(#[0-9]+[[:space:]]+DONE|stat::(number_of_executed_units|peak_rss_mb))'
found=0
ran=0
for bin in build/fuzz/fuzz_*; do
	if [ ! -f "$bin" ] || [ ! -x "$bin" ]; then
		continue
	fi
	name=$(basename "$bin")
	reg=tests/fuzz/regression/$name
	work=$(mktemp -d "${TMPDIR:-/tmp}/mamori-fuzz-$name.XXXXXX") || exit 2
	mkdir -p "$work/corpus" "$work/artifacts" "$reg"
	if [ -d "tests/fuzz/corpus/$name" ]; then
		cp -R "tests/fuzz/corpus/$name/." "$work/corpus/"
	fi
	echo "fuzz: $name for ${secs}s" >&2
	# shellcheck disable=SC2086
	"$bin" -max_total_time="$secs" -print_final_stats=1 -timeout=10 \
	    -rss_limit_mb=2048 -artifact_prefix="$work/artifacts/" \
	    ${FUZZ_FLAGS:-} "$work/corpus" "$reg" >"$work/log" 2>&1
	status=$?
	ran=$((ran + 1))
	grep -E "$stats" "$work/log" | sed "s/^/fuzz: $name: /" >&2
	kept=0
	for f in "$work"/artifacts/crash-* "$work"/artifacts/leak-* \
	    "$work"/artifacts/timeout-* "$work"/artifacts/oom-*; do
		[ -f "$f" ] || continue
		cp "$f" "$reg/"
		kept=$((kept + 1))
		echo "fuzz: $name: kept $reg/$(basename "$f")" >&2
	done
	if [ "$kept" -gt 0 ] || [ "$status" -ne 0 ]; then
		found=$((found + 1))
		cp "$work/log" "build/fuzz/$name.log" 2>/dev/null
		echo "fuzz: $name: FAILED (exit $status)," \
		    "log in build/fuzz/$name.log" >&2
	fi
	rm -rf "$work"
done

if [ "$ran" -eq 0 ]; then
	echo "fuzz: no harness in build/fuzz/ (\`make fuzz\` builds them)" >&2
	exit 2
fi
[ "$found" -eq 0 ] || exit 1
exit 0
