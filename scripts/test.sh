#!/usr/bin/env bash
# The one test command: installs what is missing, builds everything with -Werror, and runs every
# test (unit, Qt Quick, integration and end-to-end against a real Synapse, packaging, benchmarks
# in short mode) through ctest. Exit status is ctest's.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=${CONCIERGE_BUILD_DIR:-$root/build}

scripts/install-deps.sh
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)"
# Synapse's venv and its migrated database template live in the build tree and are reused.
ctest --test-dir "$build" --output-on-failure -j2 --timeout 1200
