#!/usr/bin/env python3
"""End-to-end room-list figures against a real Synapse.

An account in N rooms (default 1,000: ~80 % joined, ~15 % invites, ~5 % left) is built once with
rate limits raised, and its database kept as a snapshot under <root>/snapshots/ for later runs.
Measured: wall time from `concierge-cli rooms --json` start to the list printed, and (when the
app binary is given) the app's time from launch to a populated room list. Prints figures only.
"""
import argparse
import concurrent.futures
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "synapse"))
import harness  # noqa: E402


def build_snapshot(paths, rooms: int, snapshot: str) -> None:
    name = f"bench-build-{rooms}"
    info = harness.start(paths, name, default_ratelimits=False, port=None)
    base = info["base_url"]
    alice = harness.register(base, info["shared_secret"], "alice", displayname="Alice")
    bob = harness.register(base, info["shared_secret"], "bob", displayname="Bob")

    def make(i: int) -> None:
        bucket = i % 20
        creator = bob if bucket < 3 else alice
        body = {"name": f"Room {i:05d} {['design', 'rust', 'ops', 'music', 'books'][i % 5]}",
                "topic": f"Topic of room {i}", "preset": "private_chat",
                "room_alias_name": f"bench-{i}"}
        rid = harness.http(base, "POST", "/_matrix/client/v3/createRoom", creator["access_token"], body)["room_id"]
        if bucket < 3:  # an invite to alice
            harness.http(base, "POST", f"/_matrix/client/v3/rooms/{rid}/invite", bob["access_token"],
                         {"user_id": alice["user_id"]})
        elif bucket == 19:  # a room alice left
            harness.http(base, "POST", f"/_matrix/client/v3/rooms/{rid}/leave", alice["access_token"], {})

    t0 = time.monotonic()
    with concurrent.futures.ThreadPoolExecutor(max_workers=4) as pool:
        for _ in pool.map(make, range(rooms)):
            pass
    harness.say(f"created {rooms} rooms in {time.monotonic() - t0:.0f}s")
    harness.stop(paths, name)
    d = paths.instance(name)
    tmp = snapshot + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    shutil.copytree(d, tmp, ignore=shutil.ignore_patterns("*.log", "pid", "server.json"))
    harness.write_private_json(os.path.join(tmp, "users.json"),
                               {"alice": alice, "secret": info["shared_secret"], "rooms": rooms})
    os.replace(tmp, snapshot)
    shutil.rmtree(d, ignore_errors=True)


def start_from_snapshot(paths, snapshot: str, name: str):
    d = paths.instance(name)
    if os.path.exists(d):
        harness.stop(paths, name)
        shutil.rmtree(d)
    shutil.copytree(snapshot, d)
    users = json.load(open(os.path.join(d, "users.json")))
    log = os.path.join(d, "homeserver.log")
    harness.write_yaml_json(os.path.join(d, "log.config.yaml"), harness.log_config(log))
    port = harness.free_port()
    harness.write_yaml_json(os.path.join(d, "override.yaml"),
                            harness.override_config(d, port, users["secret"], False))
    proc, out = harness.launch(paths, d, [os.path.join(d, "homeserver.yaml"), os.path.join(d, "override.yaml")])
    base = f"http://{harness.HOST}:{port}"
    harness.wait_healthy(proc, base, harness.HEALTH_TIMEOUT_S, [log, out])
    with open(os.path.join(d, "server.json"), "w") as f:
        json.dump({"base_url": base, "pid": proc.pid, "log": log, "server_name": harness.SERVER_NAME,
                   "shared_secret": users["secret"]}, f)
    return base, users


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--root", required=True)
    ap.add_argument("--rooms", type=int, default=1000)
    ap.add_argument("--cli", required=True)
    ap.add_argument("--app")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--markdown")
    args = ap.parse_args()

    paths = harness.Paths(args.root)
    harness.setup(paths)
    snapshot = os.path.join(args.root, "snapshots", f"rooms-{args.rooms}")
    os.makedirs(os.path.dirname(snapshot), exist_ok=True)
    if not os.path.exists(snapshot):
        build_snapshot(paths, args.rooms, snapshot)
    name = f"bench-{args.rooms}"
    base, users = start_from_snapshot(paths, snapshot, name)
    token = users["alice"]["access_token"]
    # XDG_DATA_HOME of its own: each app run is a first launch, never a relaunch from the store.
    env = dict(os.environ, CONCIERGE_HOMESERVER=base, CONCIERGE_ACCESS_TOKEN=token,
               XDG_DATA_HOME=tempfile.mkdtemp(prefix="concierge-e2e-bench-"),
               QT_QPA_PLATFORM="offscreen")
    lines = []
    try:
        # Warm-up: Synapse's first sync of an account builds caches.
        subprocess.run([args.cli, "rooms", "--json"], env=env, capture_output=True, check=True)
        cli_ms = []
        for _ in range(args.runs):
            t0 = time.monotonic()
            r = subprocess.run([args.cli, "rooms", "--json"], env=env, capture_output=True, check=True)
            cli_ms.append((time.monotonic() - t0) * 1000)
            count = len(json.loads(r.stdout)["rooms"])
        if count != args.rooms:
            raise SystemExit(f"expected {args.rooms} rooms, the CLI listed {count}")
        # The server's share: the same /sync (the CLI's filter) fetched by a bare HTTP client.
        filt = subprocess.run([args.cli, "--print-sync-filter"], capture_output=True, text=True).stdout.strip()
        server_ms = []
        for _ in range(args.runs):
            t0 = time.monotonic()
            harness.http(base, "GET", "/_matrix/client/v3/sync?timeout=0&filter=" +
                         urllib.parse.quote(filt or '{"room":{"include_leave":true}}'), token, timeout=300)
            server_ms.append((time.monotonic() - t0) * 1000)
        lines.append(f"server_sync_ms (Synapse answering the initial /sync, median of {args.runs}) = "
                     f"{statistics.median(server_ms):.0f}")
        lines.append(f"cli_rooms_ms (median of {args.runs}) = {statistics.median(cli_ms):.0f} "
                     f"(min {min(cli_ms):.0f}, max {max(cli_ms):.0f}) for {count} rooms")
        if args.app:
            app_ms = []
            for _ in range(args.runs):
                t0 = time.monotonic()
                r = subprocess.run([args.app, "--homeserver", base, "--no-keychain",
                                    "--exit-when-loaded"], env=env, capture_output=True, text=True,
                                   timeout=120)
                wall = (time.monotonic() - t0) * 1000
                if r.returncode != 0:
                    raise SystemExit(f"the app failed: {r.stderr[-2000:]}")
                app_ms.append(wall)
            lines.append(f"app_launch_to_list_ms (median of {args.runs}) = {statistics.median(app_ms):.0f} "
                         f"(min {min(app_ms):.0f}, max {max(app_ms):.0f}); app says: {r.stdout.strip()}")
    finally:
        harness.stop(paths, name)
    for line in lines:
        print(line)
    if args.markdown:
        with open(args.markdown, "w") as f:
            f.write("\n".join(f"- {line}" for line in lines) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
