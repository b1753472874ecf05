#!/usr/bin/env python3
"""The desktop app with a large account: a stdlib HTTP server on 127.0.0.1 answers /versions,
/account/whoami and the initial /sync with a generated N-room response (roomlist_bench
--dump-sync), then the real `concierge` starts offscreen and reports the time from launch to a
populated room list and its resident memory with that list on screen. Figures only."""
import argparse
import http.server
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--app", required=True)
    ap.add_argument("--bench", required=True, help="roomlist_bench executable")
    ap.add_argument("--rooms", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        payload_path = os.path.join(tmp, "sync.json")
        subprocess.run([args.bench, "--rooms", str(args.rooms), "--dump-sync", payload_path], check=True)
        payload = open(payload_path, "rb").read()

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def reply(self, body: bytes):
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self):
                if self.path.startswith("/_matrix/client/versions"):
                    self.reply(b'{"versions":["v1.11"]}')
                elif self.path.startswith("/_matrix/client/v3/account/whoami"):
                    self.reply(b'{"user_id":"@me:example.org","device_id":"BENCH"}')
                elif self.path.startswith("/_matrix/client/v3/sync"):
                    if "since=" in self.path:
                        time.sleep(5)  # the long poll: nothing new
                        self.reply(b'{"next_batch":"s2"}')
                    else:
                        self.reply(payload)
                else:
                    self.send_response(404)
                    self.end_headers()

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_address[1]}"
        # A data folder of its own: every run is a first launch over the network, never a
        # relaunch from the account store of an earlier run (store_bench measures that).
        data_home = tempfile.mkdtemp(prefix="concierge-bench-")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CONCIERGE_ACCESS_TOKEN="bench-token",
                   XDG_DATA_HOME=data_home)
        loaded, rss = [], []
        for _ in range(args.runs):
            shutil.rmtree(data_home, ignore_errors=True)
            r = subprocess.run([args.app, "--homeserver", base, "--no-keychain", "--exit-when-loaded"],
                               env=env, capture_output=True, text=True, timeout=120)
            if r.returncode != 0 or "rooms_loaded_ms" not in r.stdout:
                print(r.stderr[-3000:], file=sys.stderr)
                return 1
            fields = dict(kv.split("=") for kv in r.stdout.split())
            if int(fields["rooms"]) != args.rooms:
                print(f"expected {args.rooms} rooms, the app listed {fields['rooms']}", file=sys.stderr)
                return 1
            loaded.append(float(fields["rooms_loaded_ms"]))
            rss.append(float(fields["rss_mb"]))
        server.shutdown()
    print(f"app rooms={args.rooms} payload_mb={len(payload) / 2**20:.1f} "
          f"launch_to_list_ms={statistics.median(loaded):.0f} "
          f"rss_mb={statistics.median(rss):.1f} (median of {args.runs})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
