#!/usr/bin/env python3
"""End-to-end room-list figures against a real Synapse.

An account in N rooms (default 1,000: ~80 % joined, ~15 % invites, ~5 % left) is built once with
rate limits raised, and its database kept as a snapshot under <root>/snapshots/ for later runs.
Measured: wall time from `concierge-cli rooms --json` start to the list printed, and (when the
app binary is given) the app's own figures from the kernel's start time of its process
(`--exit-when-loaded`): the first frame showing rooms and the first /sync answer applied, for a
first launch (empty data folder: the complete initial sync) and for a relaunch (a remembered
session and the account store the first launch wrote: the list from the store, then the
incremental sync from the saved position). Before each relaunch another client renames
--touch rooms, so the incremental sync has something to apply. Prints figures only.
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
from app_bench import remember_session, run_app  # noqa: E402


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
    ap.add_argument("--touch", type=int, default=20,
                    help="rooms renamed by another client before each relaunch")
    ap.add_argument("--first-runs", type=int, help="app first launches (default: --runs)")
    ap.add_argument("--app-only", action="store_true", help="skip the CLI and bare /sync figures")
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
        if not args.app_only:
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
            data_home = tempfile.mkdtemp(prefix="concierge-e2e-data-")
            config_home = tempfile.mkdtemp(prefix="concierge-e2e-config-")
            app_env = dict(os.environ, XDG_DATA_HOME=data_home, XDG_CONFIG_HOME=config_home,
                           QT_QPA_PLATFORM="offscreen")
            for key in ("CONCIERGE_ACCESS_TOKEN", "CONCIERGE_HOMESERVER"):
                app_env.pop(key, None)
            first = []
            for _ in range(args.first_runs or args.runs):
                shutil.rmtree(data_home, ignore_errors=True)
                fields = run_app(args.app, base, app_env, token=token)
                if int(fields["rooms"]) != args.rooms or fields["source"] not in ("sync", "sliding"):
                    raise SystemExit(f"first launch: {fields}")
                first.append(fields)
            # The last first launch left its store; the session is remembered as "Remember me"
            # with the file store would.
            remember_session(config_home, base, users["alice"]["user_id"], token)
            joined = harness.http(base, "GET", "/_matrix/client/v3/joined_rooms", token)["joined_rooms"]
            relaunch = []
            for run in range(args.runs):
                for rid in joined[:args.touch]:  # changes made while the app was closed
                    harness.http(base, "PUT", f"/_matrix/client/v3/rooms/{urllib.parse.quote(rid)}"
                                 "/state/m.room.name", token, {"name": f"Renamed {run} {rid[1:9]}"})
                fields = run_app(args.app, base, app_env, first_launch=False, token=token)
                if int(fields["rooms"]) != args.rooms or fields["source"] != "store":
                    raise SystemExit(f"relaunch: {fields}")
                relaunch.append(fields)
            shutil.rmtree(data_home, ignore_errors=True)
            shutil.rmtree(config_home, ignore_errors=True)

            def figure(runs, key):
                values = [float(r[key]) for r in runs]
                return f"{statistics.median(values):.0f} (min {min(values):.0f}, max {max(values):.0f})"

            for mode, runs in (("first launch", first), ("relaunch", relaunch)):
                peak = statistics.median(float(r["peak_rss_mb"]) for r in runs)
                lines.append(
                    f"app {mode} (median of {len(runs)}, from process start): "
                    f"first_frame_ms = {figure(runs, 'first_frame_ms')}, "
                    f"caught_up_ms = {figure(runs, 'caught_up_ms')}, "
                    f"synced_frame_ms = {figure(runs, 'synced_frame_ms')}, "
                    f"rooms_loaded_ms = {figure(runs, 'rooms_loaded_ms')}, "
                    f"main_ms = {figure(runs, 'main_ms')}, "
                    f"window_frame_ms = {figure(runs, 'window_frame_ms')}, "
                    f"wall_ms = {figure(runs, 'wall_ms')}, peak_rss_mb = {peak:.1f}"
                    + (f", {args.touch} rooms renamed while closed" if mode == "relaunch" else ""))
            lines.append(f"load average at the end: {' '.join(open('/proc/loadavg').read().split()[:3])}")
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
