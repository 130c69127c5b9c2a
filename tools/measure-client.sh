#!/usr/bin/env bash
# Measures the host lwm2m-client (docs/performance.md, "LwM2M client (host)"):
#   1. idle registered memory (/proc status, smaps_rollup, /usr/bin/time -v),
#      beside libcoap's coap-server-gnutls idle, same method;
#   2. live heap at idle by call stack (heaptrack): ours vs libcoap vs GnuTLS;
#   3. callgrind instructions per Read /3/0 in TLV (100 reads minus 0 reads);
#   4. loopback round trips (lwm2m-client-bench rtt);
#   5. 1,000 observations: notifications per CPU second (a build with
#      -DLWM2M_CLIENT_MAX_OBSERVATIONS=1024, in BUILD_OBS).
#
# usage: tools/measure-client.sh [BUILD_DIR] [BUILD_OBS]
#   BUILD_DIR (default build/measure) holds lwm2m-client, lwm2m-test-server and
#   lwm2m-client-bench; BUILD_OBS (default build/measure-obs) the 1024-slot
#   client. Set SKIP="3 5" to leave steps out. Work files go to $OUT
#   (default /tmp/measure-client).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BUILD=${1:-$ROOT/build/measure}
BUILD_OBS=${2:-$ROOT/build/measure-obs}
OUT=${OUT:-/tmp/measure-client}
SKIP=${SKIP:-}
CLIENT=$BUILD/apps/lwm2m-client/lwm2m-client
SERVER=$BUILD/tests/server/lwm2m-test-server
BENCH=$BUILD/bench/client/lwm2m-client-bench
IDLE_S=5       # registered and idle this long before reading /proc
TIME_S=10      # run length under /usr/bin/time -v
mkdir -p "$OUT"

skip() { [[ " $SKIP " == *" $1 "* ]]; }
free_port() { python3 -c 'import socket; s=socket.socket(socket.AF_INET, socket.SOCK_DGRAM); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
kb() { awk -v k="$2" '$1==k":" {print $2}' "$1"; }

PIDS=()
cleanup() { for p in "${PIDS[@]:-}"; do [[ -n "$p" ]] && kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# A test server that waits for one Register and then idles; sets port and
# SERVER_PID.
start_server() {
  port=$(free_port)
  printf 'timeout 60\nwait-register\nsleep 600000\n' > "$OUT/idle.script"
  "$SERVER" --udp "$port" --script "$OUT/idle.script" > "$OUT/server.log" 2>&1 &
  SERVER_PID=$!; PIDS+=("$SERVER_PID")
  sleep 0.5
}

wait_registered() {  # LOG
  for _ in $(seq 1 300); do grep -q ': Registered' "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "client did not register (see $1)" >&2; return 1
}

# Prints RssAnon, VmRSS and smaps_rollup Private/Pss of PID with a label.
proc_memory() {  # LABEL PID
  local s=/proc/$2/status r=/proc/$2/smaps_rollup
  cp "$s" "$OUT/$1.status"; cp "$r" "$OUT/$1.smaps_rollup" 2>/dev/null || true
  printf '%-22s RssAnon %6s kB  VmRSS %6s kB  RssFile %6s kB  Pss %6s kB  Private_Dirty %6s kB  Anonymous %6s kB\n' \
    "$1" "$(kb "$s" RssAnon)" "$(kb "$s" VmRSS)" "$(kb "$s" RssFile)" "$(kb "$r" Pss)" \
    "$(kb "$r" Private_Dirty)" "$(kb "$r" Anonymous)"
}

echo "== machine"
echo "commit $(git -C "$ROOT" rev-parse --short HEAD), $(date -u '+%F %H:%M UTC')"
grep -m1 'model name' /proc/cpuinfo || true
echo "cpus $(nproc), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "libcoap $(dpkg-query -W -f='${Version}' libcoap3 2>/dev/null || echo '?'), gnutls $(dpkg-query -W -f='${Version}' libgnutls30 2>/dev/null || echo '?')"

if ! skip 1; then
  echo "== 1. idle memory (registered, ${IDLE_S} s idle)"
  start_server
  "$CLIENT" -u "coap://127.0.0.1:$port" -e measure-idle -l 600 > "$OUT/client-idle.log" 2>&1 &
  cpid=$!; PIDS+=("$cpid")
  wait_registered "$OUT/client-idle.log"
  sleep "$IDLE_S"
  proc_memory lwm2m-client "$cpid"
  kill -TERM "$cpid"; wait "$cpid" || true
  kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true

  start_server
  /usr/bin/time -v -o "$OUT/client.time" "$CLIENT" -u "coap://127.0.0.1:$port" -e measure-time -l 600 \
    > "$OUT/client-time.log" 2>&1 &
  tpid=$!; PIDS+=("$tpid")
  sleep "$TIME_S"
  kill -TERM "$(pgrep -P "$tpid")"; wait "$tpid" || true
  grep -q ': Registered' "$OUT/client-time.log" || echo "warning: the timed client did not register" >&2
  echo "lwm2m-client           max RSS (time -v, ${TIME_S} s) $(awk -F': ' '/Maximum resident/ {print $2}' "$OUT/client.time") kB"
  kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true

  port=$(free_port)
  coap-server-gnutls -A 127.0.0.1 -p "$port" > "$OUT/coap-server.log" 2>&1 &
  spid=$!; PIDS+=("$spid")
  sleep "$IDLE_S"
  proc_memory coap-server-gnutls "$spid"
  kill -TERM "$spid"; wait "$spid" || true
  port=$(free_port)
  /usr/bin/time -v -o "$OUT/coap-server.time" coap-server-gnutls -A 127.0.0.1 -p "$port" > /dev/null 2>&1 &
  tpid=$!; PIDS+=("$tpid")
  sleep "$TIME_S"
  kill -TERM "$(pgrep -P "$tpid")"; wait "$tpid" || true
  echo "coap-server-gnutls     max RSS (time -v, ${TIME_S} s) $(awk -F': ' '/Maximum resident/ {print $2}' "$OUT/coap-server.time") kB"
fi

if ! skip 2; then
  echo "== 2. live heap at idle by call stack (heaptrack; SIGKILL after ${IDLE_S} s registered)"
  start_server
  rm -f "$OUT"/heaptrack.*
  heaptrack -o "$OUT/heaptrack.client" "$CLIENT" -u "coap://127.0.0.1:$port" -e measure-heap -l 600 \
    > "$OUT/client-heap.log" 2>&1 &
  hpid=$!; PIDS+=("$hpid")
  wait_registered "$OUT/client-heap.log"
  sleep "$IDLE_S"
  # SIGKILL: nothing is freed, so "leaked" is what was live at idle.
  kill -KILL "$(pgrep -f "^$CLIENT -u coap://127.0.0.1:$port")"; wait "$hpid" || true
  kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true
  data=$(ls "$OUT"/heaptrack.client*.zst "$OUT"/heaptrack.client*.gz 2>/dev/null | head -1)
  heaptrack_print -f "$data" -F "$OUT/heap-live.stacks" --flamegraph-cost-type leaked > "$OUT/heap-print.txt"
  heaptrack_print -f "$data" -F "$OUT/heap-peak.stacks" --flamegraph-cost-type peak > /dev/null
  for kind in live peak; do
    python3 - "$OUT/heap-$kind.stacks" "$kind" <<'PY'
import re, sys
# Each line: frames root first, leaf last, then the byte count. The frame
# nearest the leaf that belongs to a known library names the owner.
owners = [("GnuTLS/libtasn1/nettle", re.compile(r"gnutls|asn1_|nettle|p11_kit")),
          ("libcoap", re.compile(r"\bcoap_")),
          ("lwm2m (ours)", re.compile(r"lwm2m::|^main\b"))]
totals = {}
for line in open(sys.argv[1]):
    stack, _, cost = line.rstrip("\n").rpartition(" ")
    frames = [f.strip() for f in stack.split(";") if f.strip()]
    owner = "other (libc, libstdc++)"
    for frame in reversed(frames):
        hit = next((name for name, rx in owners if rx.search(frame)), None)
        if hit:
            owner = hit
            break
    # Unsymbolised shared-library constructors (GnuTLS's global init runs
    # from one) before main.
    if owner.startswith("other") and any("_dl_init" in f for f in frames):
        owner = "library constructors before main"
    totals[owner] = totals.get(owner, 0) + int(cost)
total = sum(totals.values())
print(f"heap {sys.argv[2]:4s} total {total/1024:8.1f} KiB: " +
      ", ".join(f"{k} {v/1024:.1f} KiB" for k, v in sorted(totals.items(), key=lambda kv: -kv[1])))
PY
  done
  grep -E "^(peak heap memory consumption|total memory leaked|calls to allocation functions)" "$OUT/heap-print.txt" || true
fi

if ! skip 3; then
  echo "== 3. callgrind: instructions per Read /3/0 (TLV)"
  for n in 0 100; do
    rm -f "$OUT"/callgrind.$n.*
    "$BENCH" reads --client "$CLIENT" --count "$n" --window-ms 6000 --log "$OUT/client-cg-$n.log" \
      --wrap "valgrind --tool=callgrind --callgrind-out-file=$OUT/callgrind.$n.%p" > "$OUT/reads-$n.txt"
    f=$(ls "$OUT"/callgrind.$n.*.1 2>/dev/null | head -1)  # the --dump=window part
    ir=$(awk '/^(summary|totals):/ {print $2; exit}' "$f")
    echo "reads $n: $ir instructions in the window ($f)"
    eval "IR_$n=$ir"; eval "FILE_$n=$f"
  done
  echo "instructions per read: $(( (IR_100 - IR_0) / 100 ))"
  callgrind_annotate --threshold=100 "$FILE_100" 2>/dev/null | sed -n '/^Ir/,$p' | head -80 > "$OUT/callgrind-top.txt"  # self Ir after the inclusive frames of main
  echo "  inclusive Ir of the main steps (100-read window, divide by 100 for one read):"
  callgrind_annotate --inclusive=yes --threshold=100 "$FILE_100" 2>/dev/null |
    grep -E "LibcoapEndpoint::poll|coap_io_process \[|on_server_request|Client::on_request|DmDispatcher::handle|read_instance|memory_free|has_resource\(|TlvEncoder|emit\(" |
    grep '\[' | head -20
fi

if ! skip 4; then
  echo "== 4. loopback round trips (median of 100)"
  "$BENCH" rtt --client "$CLIENT" --count 100 --log "$OUT/client-rtt.log"
fi

if ! skip 5; then
  echo "== 5. 1000 observations of /3303/0/5700, pmax=1"
  "$BENCH" observe --client "$BUILD_OBS/apps/lwm2m-client/lwm2m-client" --count 1000 --seconds 10 \
    --log "$OUT/client-obs.log"
fi
