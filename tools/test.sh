#!/usr/bin/env bash
# The README's second command: every test the project has.
#   1. unit tests (host, RelWithDebInfo)
#   2. the same suite under ASan + UBSan
#   3. each libFuzzer target for LWM2M_FUZZ_SECONDS (default 60)
#   4. the codec-vector firmware on QEMU (Cortex-M33 mps2-an505, Cortex-M4 mps2-an386)
# Set LWM2M_TEST_STAGES to a subset ("unit asan fuzz qemu") to run fewer.
set -euo pipefail
cd "$(dirname "$0")/.."
stages=${LWM2M_TEST_STAGES:-"unit asan fuzz qemu"}
fuzz_seconds=${LWM2M_FUZZ_SECONDS:-60}

run_suite() {
  cmake --preset "$1"
  cmake --build --preset "$1"
  ctest --preset "$1"
}

for stage in $stages; do
  echo "=== stage: $stage"
  case $stage in
    unit) run_suite host ;;
    asan) run_suite host-asan ;;
    fuzz)
      cmake --preset fuzz
      cmake --build --preset fuzz
      tools/run-fuzzers.sh build/fuzz "$fuzz_seconds" ;;
    qemu) tools/run-qemu-tests.sh ;;
    *) echo "unknown stage: $stage" >&2; exit 2 ;;
  esac
done
echo "all stages passed: $stages"
