#!/usr/bin/env bash
# Builds the Cortex-M presets and runs each one's codec-vector firmware under
# QEMU (semihosting: the firmware's exit code is QEMU's exit status).
#
#   tools/run-qemu-tests.sh                 # cortex-m33 and cortex-m4
#   tools/run-qemu-tests.sh cortex-m4       # one preset
#
# Environment: JOBS (build parallelism, default: the preset's), QEMU_TIMEOUT (seconds per
# run, default 60). Exits non-zero when a build, a check or a run fails.
set -euo pipefail

cd "$(dirname "$0")/.."
jobs_option=()
[ -n "${JOBS:-}" ] && jobs_option=(-j "$JOBS")
run_timeout=${QEMU_TIMEOUT:-60}
presets=("$@")
[ ${#presets[@]} -eq 0 ] && presets=(cortex-m33 cortex-m4)

# The QEMU board and CPU that each preset's firmware is linked for
# (cmake/boards/<machine>.ld).
qemu_machine() {
  case $1 in
    cortex-m33) echo "mps2-an505 cortex-m33" ;;
    cortex-m4) echo "mps2-an386 cortex-m4" ;;
    *) echo "unknown preset $1" >&2; return 1 ;;
  esac
}

failed=()
for preset in "${presets[@]}"; do
  read -r machine cpu < <(qemu_machine "$preset")
  echo "=== $preset: configure and build"
  cmake --preset "$preset"
  cmake --build --preset "$preset" "${jobs_option[@]}"

  elf=build/$preset/tests/qemu/codec_vectors.elf
  echo "=== $preset: $elf on qemu $machine"
  rc=0
  timeout "$run_timeout" qemu-system-arm -M "$machine" -cpu "$cpu" -nographic -monitor none \
    -semihosting-config enable=on,target=native -kernel "$elf" </dev/null || rc=$?
  case $rc in
    0) echo "=== $preset: passed" ;;
    124) echo "=== $preset: timed out after ${run_timeout}s"; failed+=("$preset") ;;
    *) echo "=== $preset: failed (exit $rc)"; failed+=("$preset") ;;
  esac
done

if [ ${#failed[@]} -ne 0 ]; then
  echo "QEMU tests failed: ${failed[*]}"
  exit 1
fi
echo "QEMU tests passed: ${presets[*]}"
