#!/usr/bin/env bash
# Installs every build and test dependency from Debian 12's packages.
set -euo pipefail
packages=(
  build-essential cmake git python3 python3-cbor2   # host build; python3-cbor2 cross-checks CBOR
  libgtest-dev libgmock-dev libbenchmark-dev        # tests and benchmarks
  clang-14 libclang-rt-14-dev                       # libFuzzer and sanitizer runtimes
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib  # Cortex-M, newlib-nano
  qemu-system-arm                                   # runs the Cortex-M test firmware
  libcoap3-dev libcoap3-bin                         # host CoAP transport and its interop peers
)
# interop/node-server (lwm2m-node-lib): Debian's node and npm, unless a node
# with its own npm is installed already (NodeSource's nodejs conflicts with npm).
command -v node >/dev/null || packages+=(nodejs)
command -v npm >/dev/null || packages+=(npm)
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing: ${missing[*]}"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
# The independent LwM2M server of the interop test (interop/CMakeLists.txt):
# lwm2m-node-lib at the version package.json pins, no lock file written.
node_server="$(cd "$(dirname "$0")/.." && pwd)/interop/node-server"
if [ -f "$node_server/package.json" ] && [ ! -d "$node_server/node_modules" ]; then
  (cd "$node_server" && npm install --no-audit --no-fund --no-package-lock)
fi
