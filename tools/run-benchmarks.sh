#!/usr/bin/env bash
# Builds the codec benchmarks and prints their figures as a table.
#
#   tools/run-benchmarks.sh                 # the host preset (build/host, RelWithDebInfo)
#   BUILD_DIR=build/bench tools/run-benchmarks.sh   # a separate Release build
#   tools/run-benchmarks.sh --benchmark_filter=TLV  # extra arguments go to the program
#
# Environment: BUILD_DIR (use this build directory instead of the preset),
# BUILD_TYPE (with BUILD_DIR; default Release), JOBS (build parallelism,
# default 1 since the machine is often shared), REPETITIONS (default 3).
# Each benchmark is repeated and only the aggregates are kept; the table shows
# the median. The raw JSON is left in <build dir>/bench/codec_bench.json.
set -euo pipefail
cd "$(dirname "$0")/.."

jobs=${JOBS:-1}
repetitions=${REPETITIONS:-3}

if [[ -n "${BUILD_DIR:-}" ]]; then
  build_dir=$BUILD_DIR
  cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE="${BUILD_TYPE:-Release}" \
    -DLWM2M_BUILD_TESTS=OFF -DLWM2M_BUILD_BENCH=ON >/dev/null
else
  build_dir=build/host
  cmake --preset host -DLWM2M_BUILD_BENCH=ON >/dev/null
fi
cmake --build "$build_dir" --target codec_bench -j"$jobs"

json=$build_dir/bench/codec_bench.json
echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
"$build_dir/bench/codec_bench" \
  --benchmark_repetitions="$repetitions" \
  --benchmark_report_aggregates_only=true \
  --benchmark_out="$json" --benchmark_out_format=json \
  "$@" >"$build_dir/bench/codec_bench.txt" 2>&1
echo "load after the run:  $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$json" <<'PY'
import json, sys

data = json.load(open(sys.argv[1]))
ctx = data["context"]
print(f"{ctx.get('host_name', '?')}: {ctx.get('num_cpus')} CPUs at {ctx.get('mhz_per_cpu')} MHz, "
      f"library build {ctx.get('library_build_type')}")

rows = {}
errors = []
for b in data["benchmarks"]:
    if b.get("error_occurred"):
        errors.append(f"{b['name']}: {b.get('error_message')}")
        continue
    if b.get("aggregate_name") == "median":
        rows[b["run_name"]] = b
    elif b.get("aggregate_name") == "cv":
        rows.setdefault(b["run_name"] + "#cv", b)

def mbps(b):
    return b.get("bytes_per_second", 0) / 1e6

header = f"{'benchmark':<40} {'cpu ns/op':>11} {'real ns/op':>11} {'cv %':>6} {'MB/s':>8} {'allocs/op':>9} {'bytes':>6}"
print(header)
print("-" * len(header))
sizes = {}
for name, b in rows.items():
    if name.endswith("#cv"):
        continue
    cv = rows.get(name + "#cv")
    cv_text = f"{100 * cv['cpu_time']:.1f}" if cv else "-"
    size = int(b.get("payload_bytes", 0))
    print(f"{name:<40} {b['cpu_time']:>11.0f} {b['real_time']:>11.0f} {cv_text:>6} {mbps(b):>8.1f} "
          f"{b.get('allocs_per_op', 0):>9.2f} {size:>6}")
    op, fmt, payload = name.split("/", 2)
    if op == "encode":
        sizes.setdefault(payload, {})[fmt] = size

formats = sorted({f for p in sizes.values() for f in p})
print()
print("payload size in bytes")
print(f"{'payload':<22}" + "".join(f"{f:>14}" for f in formats))
for payload, by_format in sizes.items():
    print(f"{payload:<22}" + "".join(f"{by_format.get(f, '-'):>14}" for f in formats))

if errors:
    print("\nbenchmarks that reported an error:")
    for e in errors:
        print("  " + e)
    sys.exit(1)
PY
