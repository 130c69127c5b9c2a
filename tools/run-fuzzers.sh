#!/usr/bin/env bash
# Runs every built fuzz target for the given seconds, as many at once as there
# are cores; fails if any target finds a crash, leak or failed check.
# Usage: tools/run-fuzzers.sh BUILD_DIR SECONDS
set -euo pipefail
build=$1
seconds=$2
parallel=${FUZZ_JOBS:-$(nproc)}
targets=$(find "$build/tests/fuzz" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x | sort)
[ -n "$targets" ] || { echo "no fuzz targets in $build/tests/fuzz" >&2; exit 1; }

run_one() {
  local target=$1 build=$2 seconds=$3
  local name corpus
  name=$(basename "$target")
  corpus=$(mktemp -d)
  if "$target" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$build/$name-" "$corpus" \
       > "$build/$name.log" 2>&1; then
    echo "PASS $name $(grep -o 'number_of_executed_units: [0-9]*' "$build/$name.log" | tail -1)"
  else
    echo "FAIL $name (log: $build/$name.log)"
    tail -40 "$build/$name.log"
  fi
  rm -rf "$corpus"
}
export -f run_one

echo "fuzzing $(echo "$targets" | wc -l) targets for ${seconds}s each, $parallel at a time"
results=$(echo "$targets" | xargs -P "$parallel" -I{} bash -c 'run_one "$@"' _ {} "$build" "$seconds")
echo "$results"
passed=$(grep -c '^PASS' <<< "$results" || true)
failed=$(grep -c '^FAIL' <<< "$results" || true)
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
