#!/usr/bin/env bash
# Builds and launches Concierge. With no homeserver given, starts a local demo Synapse seeded with
# rooms, invites and a left room, and signs in to it as @alice:localhost.
#   scripts/run.sh                         demo homeserver
#   scripts/run.sh --homeserver matrix.org the real thing (sign in with your access token)
# Other arguments go to the app (e.g. a matrix: link, --exit-when-loaded).
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)
build=${CONCIERGE_BUILD_DIR:-$root/build}

scripts/install-deps.sh
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$build" -j"$(nproc)" --target concierge concierge-cli

for arg in "$@"; do
  case "$arg" in
    --homeserver|--homeserver=*) exec "$build/app/concierge" "$@" ;;
  esac
done

harness=(python3 "$root/tests/synapse/harness.py" --root "$build/synapse")
"${harness[@]}" start --name demo >/dev/null
trap '"${harness[@]}" stop --name demo >/dev/null 2>&1 || true' EXIT
seed="$build/synapse/instances/demo/seed-alice.json"
"${harness[@]}" seed --name demo --out "$seed" >/dev/null
base_url=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["base_url"])' "$seed")
echo "Demo homeserver: $base_url (user @alice:localhost; other users bob, carol, dave)"
# The token travels through the environment only; it is never printed.
CONCIERGE_ACCESS_TOKEN=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["access_token"])' "$seed") \
  "$build/app/concierge" --homeserver "$base_url" --no-keychain "$@"
