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
# the fastest repetition (see the table's note). The raw JSON is left in <build dir>/bench/codec_bench.json.
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
cache=$build_dir/CMakeCache.txt
compiler=$(sed -n 's/^CMAKE_CXX_COMPILER:[A-Z]*=//p' "$cache")
echo "cpu:      $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ *//'), $(nproc) CPUs"
echo "compiler: $("$compiler" --version | head -1)"
echo "build:    $(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$cache") in $build_dir"
echo "load before the run: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs"
"$build_dir/bench/codec_bench" \
  --benchmark_repetitions="$repetitions" \
  --benchmark_report_aggregates_only=true \
  --benchmark_out="$json" --benchmark_out_format=json \
  "$@" >"$build_dir/bench/codec_bench.txt" 2>&1
echo "load after the run:  $(cut -d' ' -f1-3 /proc/loadavg)"

python3 - "$json" <<'PY'
# Markdown tables (readable in a terminal, pasteable into docs/performance.md):
# one row per format and payload, encode and decode side by side.
import json, sys

data = json.load(open(sys.argv[1]))
# Per benchmark: the fastest repetition (cpu time), the spread (cv), and the
# mean allocation count (a mean hides no allocation, a minimum could).
stats, errors = {}, []
for b in data["benchmarks"]:
    if b.get("error_occurred"):
        errors.append(f"{b['name']}: {b.get('error_message')}")
    elif b.get("run_type") == "aggregate":
        stats.setdefault(b["run_name"], {})[b["aggregate_name"]] = b

rows = {}  # (format, payload) -> {"encode": stats, "decode": stats}
for name, s in stats.items():
    op, fmt, payload = name.split("/", 2)
    rows.setdefault((fmt, payload), {})[op] = s

def payload_bytes(ops):
    return int(next(iter(next(iter(ops.values())).values())).get("payload_bytes", 0))

def cells(s, size):
    if s is None:
        return ["-"] * 4
    ns = s["min"]["cpu_time"]
    cv_text = f"{100 * s['cv']['cpu_time']:.0f}" if "cv" in s else "-"
    return [f"{ns:.0f}", cv_text, f"{size / ns * 1e3:.0f}", f"{s['mean'].get('allocs_per_op', 0):g}"]

print()
print("ns/op: fastest of the repetitions (CPU time); cv: their spread; MB/s: payload bytes per CPU second")
print()
print("| format | payload | bytes | encode ns/op | cv % | MB/s | allocs/op | decode ns/op | cv % | MB/s | allocs/op |")
print("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
for (fmt, payload), ops in rows.items():
    size = payload_bytes(ops)
    print("| " + " | ".join([fmt, payload, str(size)] + cells(ops.get("encode"), size) + cells(ops.get("decode"), size)) + " |")

formats = list(dict.fromkeys(fmt for fmt, _ in rows))
payloads = list(dict.fromkeys(payload for _, payload in rows))
print()
print("| payload bytes | " + " | ".join(formats) + " |")
print("|---|" + "--:|" * len(formats))
for payload in payloads:
    line = []
    for fmt in formats:
        ops = rows.get((fmt, payload))
        line.append(str(payload_bytes(ops)) if ops else "-")
    print(f"| {payload} | " + " | ".join(line) + " |")

if errors:
    print("\nbenchmarks that reported an error:")
    for e in errors:
        print("  " + e)
    sys.exit(1)
PY
