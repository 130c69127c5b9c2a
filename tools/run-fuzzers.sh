#!/usr/bin/env bash
# Runs every built fuzz target for the given seconds; fails on the first finding.
# Usage: tools/run-fuzzers.sh BUILD_DIR SECONDS
set -euo pipefail
build=$1
seconds=$2
targets=$(find "$build/tests/fuzz" -maxdepth 1 -type f -name 'fuzz_*' -perm -u+x | sort)
[ -n "$targets" ] || { echo "no fuzz targets in $build/tests/fuzz" >&2; exit 1; }
passed=0
failed=0
for target in $targets; do
  name=$(basename "$target")
  corpus=$(mktemp -d)
  echo "--- $name for ${seconds}s"
  if "$target" -max_total_time="$seconds" -print_final_stats=1 -artifact_prefix="$build/$name-" "$corpus" \
       > "$build/$name.log" 2>&1; then
    passed=$((passed + 1))
    grep -E 'stat::number_of_executed_units' "$build/$name.log" || true
  else
    failed=$((failed + 1))
    tail -40 "$build/$name.log"
  fi
  rm -rf "$corpus"
done
echo "fuzz: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
