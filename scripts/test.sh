#!/usr/bin/env bash
# The one test command: installs what is missing, builds everything with -Werror, and runs every
# test through ctest (unit, Qt Quick, integration and end-to-end against a real Synapse,
# packaging, benchmarks in short mode), then the sanitizer/fuzzing suite
# (scripts/test-sanitizers.sh). Exits non-zero if anything failed.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=${CONCIERGE_BUILD_DIR:-$root/build}
started=$(date +%s)

scripts/install-deps.sh
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)"

status=0
# Synapse's venv and its migrated database template live in the build tree and are reused.
ctest --test-dir "$build" --output-on-failure -j2 --timeout 1200 || status=1
scripts/test-sanitizers.sh || status=1

echo "test.sh: finished in $(( $(date +%s) - started )) s, $([ $status -eq 0 ] && echo passed || echo FAILED)"
exit $status
