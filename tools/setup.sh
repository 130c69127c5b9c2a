#!/usr/bin/env bash
# The README's first command: install dependencies, build for the host, run the demo.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-deps.sh
cmake --preset host
cmake --build --preset host
./build/host/examples/device_formats/device_formats
