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
