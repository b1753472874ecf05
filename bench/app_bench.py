#!/usr/bin/env python3
"""The desktop app with a large account, launched for real (offscreen).

A stdlib HTTP server on 127.0.0.1 answers /versions, /account/whoami and /sync with a generated
N-room account (`roomlist_bench --dump-sync`, whatever it generates), then `concierge
--exit-when-loaded` reports, from the kernel's start time of the process:
- first_frame_ms: the first frame swapped with the room list visible and holding rows;
- caught_up_ms: the first /sync answer applied (first launch: the complete initial sync;
  relaunch: the incremental sync from the saved position);
- peak_rss_mb: the process's peak resident memory (VmHWM) when it quits after that;
- qml_loaded_ms, session_started_ms (when the app prints them): the window's QML built
  (engine.load() returned) and restoreSession()/signIn() returned (a relaunch: the saved rooms
  read from the store and in the model), which split a relaunch's first frame into QML, store
  and the first frame's delegates and rendering.

Modes, each for every --rooms:
- first: a first launch (empty data and config folders, token from the environment);
- relaunch: the same account again, signed in from a remembered session (the file store in a
  config folder of its own) and its account store written by a first launch: the list comes from
  the store before any network answer, then the sync continues from the saved position.
With --cold, each run also starts with the page cache dropped (`sync; echo 3 >
/proc/sys/vm/drop_caches`, needs root), so libraries, QML and the store are read from disk.
With --frame-gaps: first launches drawing frames continuously, with the store (the app as
shipped) and with --no-store (the baseline), and the gaps between frames while the initial sync
is handled and stored. Figures only: nothing here asserts a timing.
"""
import argparse
import http.server
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time

USER_ID = "@me:example.org"
TOKEN = "bench-token"


def drop_caches() -> None:
    subprocess.run(["sync"], check=True)
    with open("/proc/sys/vm/drop_caches", "w") as f:
        f.write("3\n")


def serve(payload: bytes):
    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def reply(self, body: bytes, status: int = 200):
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the app quit during a long poll

        def do_GET(self):
            if self.path.startswith("/_matrix/client/versions"):
                self.reply(b'{"versions":["v1.11"]}')
            elif self.path.startswith("/_matrix/client/v3/account/whoami"):
                self.reply(json.dumps({"user_id": USER_ID, "device_id": "BENCH"}).encode())
            elif self.path.startswith("/_matrix/client/v3/sync"):
                if "since=" not in self.path:
                    self.reply(payload)
                elif "timeout=0" in self.path:
                    # Catching up from a saved position: nothing happened meanwhile.
                    self.reply(b'{"next_batch":"s_caught_up"}')
                else:
                    time.sleep(5)  # the long poll: nothing new
                    self.reply(b'{"next_batch":"s_caught_up"}')
            else:
                self.reply(b'{"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"}', 404)

        def do_POST(self):
            # No sliding sync here (the app must not need it).
            self.reply(b'{"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"}', 404)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


def remember_session(config_home: str, base: str, user_id: str = USER_ID, token: str = TOKEN) -> None:
    """What the app keeps after a sign-in with "Remember me" and the file store chosen (the
    QSettings file and the 0600 token file of CredentialStore)."""
    folder = os.path.join(config_home, "Concierge")
    os.makedirs(os.path.join(folder, "concierge"), exist_ok=True)
    with open(os.path.join(folder, "concierge.conf"), "w") as f:
        f.write(f"[session]\nhomeserver={base}\nuserId={user_id}\nuseFileStore=true\n")
    path = os.path.join(folder, "concierge", "access-token")
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write(token)


def store_bytes(data_home: str) -> int:
    total = 0
    for root, _, files in os.walk(data_home):
        total += sum(os.path.getsize(os.path.join(root, name)) for name in files)
    return total


def run_app(app: str, base: str, env: dict, extra=(), first_launch: bool = True, cold: bool = False,
            token: str = TOKEN):
    """One launch; returns the app's key=value figures (and wall_ms, the whole run)."""
    args = [app, "--no-keychain", "--exit-when-loaded", *extra]
    run_env = dict(env)
    if first_launch:
        args[1:1] = ["--homeserver", base]
        run_env["CONCIERGE_ACCESS_TOKEN"] = token
    if cold:
        drop_caches()
    t0 = time.monotonic()
    r = subprocess.run(args, env=run_env, capture_output=True, text=True, timeout=300)
    wall_ms = (time.monotonic() - t0) * 1000
    if r.returncode != 0 or "first_frame_ms" not in r.stdout:
        sys.stderr.write(r.stdout[-2000:] + r.stderr[-3000:])
        raise SystemExit(f"the app failed (exit {r.returncode})")
    fields = {"wall_ms": str(wall_ms)}
    for line in r.stdout.splitlines():
        for kv in line.split():
            if "=" in kv:
                k, v = kv.split("=", 1)
                fields[k] = v
    return fields


def med(runs, key):
    values = [float(r[key]) for r in runs]
    return statistics.median(values), min(values), max(values)


def fmt(runs, key, digits=0):
    m, lo, hi = med(runs, key)
    if len(runs) == 1:
        return f"{m:.{digits}f}"
    return f"{m:.{digits}f} ({lo:.{digits}f}–{hi:.{digits}f})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--app", required=True)
    ap.add_argument("--bench", required=True, help="roomlist_bench executable (--dump-sync)")
    ap.add_argument("--rooms", type=int, nargs="+", default=[5000, 20000])
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--cold", action="store_true", help="also runs with the page cache dropped (root)")
    ap.add_argument("--frame-gaps", action="store_true", help="the frame-gap runs instead of launch figures")
    ap.add_argument("--markdown", help="append the figures as a Markdown table to this file")
    args = ap.parse_args()

    print(f"load average before: {' '.join(open('/proc/loadavg').read().split()[:3])}")
    rows = []
    for rooms in args.rooms:
        with tempfile.TemporaryDirectory(prefix="concierge-app-bench-") as tmp:
            payload_path = os.path.join(tmp, "sync.json")
            subprocess.run([args.bench, "--rooms", str(rooms), "--dump-sync", payload_path],
                           check=True, stdout=subprocess.DEVNULL)
            payload = open(payload_path, "rb").read()
            server, base = serve(payload)
            data_home = os.path.join(tmp, "data")
            config_home = os.path.join(tmp, "config")
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=data_home,
                       XDG_CONFIG_HOME=config_home)
            env.pop("CONCIERGE_ACCESS_TOKEN", None)
            payload_mb = len(payload) / 2**20

            def fresh():
                shutil.rmtree(data_home, ignore_errors=True)
                shutil.rmtree(config_home, ignore_errors=True)

            def check(fields, source):
                if int(fields["rooms"]) != rooms:
                    raise SystemExit(f"expected {rooms} rooms, the app listed {fields['rooms']}")
                if fields["source"] != source:
                    raise SystemExit(f"expected the list from {source}, it came from {fields['source']}")

            if args.frame_gaps:
                with_store, without = [], []
                for _ in range(args.runs):  # alternating, so both meet the same machine state
                    for extra, out in (((), with_store), (("--no-store",), without)):
                        fresh()
                        fields = run_app(args.app, base, env, ("--frame-gaps", *extra))
                        check(fields, "sync")
                        out.append(fields)
                for label, runs in (("store", with_store), ("no-store", without)):
                    line = (f"frame_gaps rooms={rooms} payload_mb={payload_mb:.1f} {label}: "
                            f"idle_gap_p50_ms={fmt(runs, 'idle_gap_p50_ms', 1)} "
                            f"load_gap_ms={fmt(runs, 'load_gap_ms', 1)} "
                            f"[parse_and_apply_ms={fmt(runs, 'parse_and_apply_ms', 1)} "
                            f"insert_and_sort_ms={fmt(runs, 'insert_and_sort_ms', 1)} "
                            f"retain_and_save_ms={fmt(runs, 'retain_and_save_ms', 1)} "
                            f"synced_handlers_ms={fmt(runs, 'synced_handlers_ms', 1)} "
                            f"next_frame_ms={fmt(runs, 'next_frame_ms', 1)}] "
                            f"store_flushed_after_ms={fmt(runs, 'store_flushed_after_ms', 1)} "
                            f"after_load_worst_ms={fmt(runs, 'after_load_worst_ms', 1)} "
                            f"after_load_p99_ms={fmt(runs, 'after_load_p99_ms', 1)} "
                            f"after_load_frames={fmt(runs, 'after_load_frames')} "
                            f"(median (min–max) of {len(runs)})")
                    print(line, flush=True)
                    rows.append(line)
            else:
                caches = ["warm", "cold"] if args.cold else ["warm"]
                for cache in caches:
                    first = []
                    for _ in range(args.runs):
                        fresh()
                        fields = run_app(args.app, base, env, cold=cache == "cold")
                        check(fields, "sync")
                        first.append(fields)
                    # The store the last first launch left behind, and a remembered session.
                    remember_session(config_home, base)
                    size = store_bytes(data_home)
                    relaunch = []
                    for _ in range(args.runs):
                        fields = run_app(args.app, base, env, first_launch=False, cold=cache == "cold")
                        check(fields, "store")
                        relaunch.append(fields)
                    for mode, runs in (("first", first), ("relaunch", relaunch)):
                        line = (f"app rooms={rooms} payload_mb={payload_mb:.1f} {mode} {cache}: "
                                f"first_frame_ms={fmt(runs, 'first_frame_ms')} "
                                f"caught_up_ms={fmt(runs, 'caught_up_ms')} "
                                f"synced_frame_ms={fmt(runs, 'synced_frame_ms')} "
                                f"rooms_loaded_ms={fmt(runs, 'rooms_loaded_ms')} "
                                f"main_ms={fmt(runs, 'main_ms')} "
                                f"window_frame_ms={fmt(runs, 'window_frame_ms')} "
                                # The window's QML built (engine.load() returned) and the
                                # session started (a relaunch: the store read), when printed.
                                + "".join(f"{k}={fmt(runs, k)} " for k in
                                          ("qml_loaded_ms", "session_started_ms")
                                          if all(k in r for r in runs))
                                + f"peak_rss_mb={fmt(runs, 'peak_rss_mb', 1)}"
                                + (f" store_bytes_per_room={size / rooms:.0f}" if mode == "relaunch" else "")
                                + f" (median (min–max) of {len(runs)})")
                        print(line, flush=True)
                        rows.append(line)
            server.shutdown()
    print(f"load average after: {' '.join(open('/proc/loadavg').read().split()[:3])}")
    if args.markdown:
        with open(args.markdown, "a") as f:
            f.write("".join(f"- {row}\n" for row in rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
