"""A relaunch with a remembered session and an account store shows the saved list (regression test).

The real `concierge` binary, offscreen, against a fake homeserver (stdlib HTTP on 127.0.0.1):
1. a first launch with a token from the environment lists the account from a full /sync and
   writes the store;
2. the session is remembered as the sign-in page's "Remember me" with the file store does
   (concierge.conf + the 0600 token file);
3. a relaunch with no token given shows the list from the store: every room, said to come from
   the store (`source=store`), its first frame with rooms before any network answer (the server
   holds every answer until HOLD_S seconds after the launch), and its /sync resumes from the saved position
   (`since=` a next_batch the server handed out), not a full sync.

`--exit-when-loaded` makes the app print its figures and quit once the list is shown and caught
up; a launch that never shows the list (the hang a store preload once caused) is killed after
TIMEOUT_S and FAILS the test.

    python3 relaunch_from_store.py /path/to/concierge
"""
import http.server
import json
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time

USER_ID = "@me:example.org"
TOKEN = "relaunch-test-token"
JOINED, INVITED, LEFT = 120, 6, 4
ROOMS = JOINED + INVITED + LEFT
FIRST_BATCH = "s_first_launch"
HOLD_S = 8.0        # no answer reaches the relaunch before this many seconds after its start
TIMEOUT_S = 90      # a launch that does not finish by then has hung


def state(event_type, sender, content, state_key="", i=0):
    return {"type": event_type, "state_key": state_key, "sender": sender, "content": content,
            "event_id": f"$e{i}_{event_type}", "origin_server_ts": 1700000000000 + i}


def account_sync() -> dict:
    join, invite, leave = {}, {}, {}
    for i in range(JOINED):
        join[f"!joined{i}:example.org"] = {
            "state": {"events": [
                state("m.room.create", "@alice:example.org", {"room_version": "10"}, i=i),
                state("m.room.name", "@alice:example.org", {"name": f"Joined room {i:03d}"}, i=i),
                state("m.room.member", USER_ID, {"membership": "join"}, USER_ID, i),
            ]},
            "timeline": {"events": [], "limited": False},
            "summary": {"m.joined_member_count": 2},
        }
    for i in range(INVITED):
        invite[f"!invited{i}:example.org"] = {"invite_state": {"events": [
            {"type": "m.room.name", "state_key": "", "sender": "@bob:example.org",
             "content": {"name": f"Invited room {i}"}},
            {"type": "m.room.member", "state_key": USER_ID, "sender": "@bob:example.org",
             "content": {"membership": "invite"}},
        ]}}
    for i in range(LEFT):
        leave[f"!left{i}:example.org"] = {
            "state": {"events": [
                state("m.room.name", "@alice:example.org", {"name": f"Left room {i}"}, i=i)]},
            "timeline": {"events": [
                state("m.room.member", USER_ID, {"membership": "leave"}, USER_ID, 1000 + i)],
                "limited": False},
        }
    return {"next_batch": FIRST_BATCH,
            "rooms": {"join": join, "invite": invite, "leave": leave}}


class Server:
    """Answers /versions, /whoami and /sync; none before `release_at` (time.monotonic()); records
    the /sync queries."""

    def __init__(self, payload: bytes):
        self.release_at = 0.0
        self.sync_queries = []
        self.first_answer_at = None  # time.monotonic() of the first answer sent
        self.batches = [FIRST_BATCH]  # every next_batch handed out
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def reply(self, body: bytes, status: int = 200):
                wait = outer.release_at - time.monotonic()
                if wait > 0:
                    time.sleep(wait)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    if outer.first_answer_at is None:
                        outer.first_answer_at = time.monotonic()
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the app quit during a long poll

            def do_GET(self):
                if self.path.startswith("/_matrix/client/versions"):
                    self.reply(b'{"versions":["v1.11"]}')
                elif self.path.startswith("/_matrix/client/v3/account/whoami"):
                    self.reply(json.dumps({"user_id": USER_ID, "device_id": "TEST"}).encode())
                elif self.path.startswith("/_matrix/client/v3/sync"):
                    outer.sync_queries.append(self.path)
                    if "since=" not in self.path:
                        self.reply(payload)
                    else:
                        batch = f"s_incremental_{len(outer.batches)}"
                        outer.batches.append(batch)
                        self.reply(json.dumps({"next_batch": batch}).encode())
                else:
                    self.reply(b'{"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"}', 404)

            def do_POST(self):
                self.reply(b'{"errcode":"M_UNRECOGNIZED","error":"Unrecognized request"}', 404)

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()
        self.base = f"http://127.0.0.1:{self.httpd.server_address[1]}"


def launch(app: str, env: dict, extra=(), token=None):
    args = [app, "--no-keychain", "--exit-when-loaded", *extra]
    run_env = dict(env)
    run_env.pop("CONCIERGE_ACCESS_TOKEN", None)
    if token:
        run_env["CONCIERGE_ACCESS_TOKEN"] = token
    try:
        r = subprocess.run(args, env=run_env, capture_output=True, text=True, timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired as e:
        out = (e.stdout or b"").decode(errors="replace") if isinstance(e.stdout, bytes) else (e.stdout or "")
        raise AssertionError(f"the app never showed the list within {TIMEOUT_S} s (hung): {out[-500:]}")
    fields = {}
    for line in r.stdout.splitlines():
        for kv in line.split():
            if "=" in kv:
                k, v = kv.split("=", 1)
                fields[k] = v
    if r.returncode != 0 or "first_frame_ms" not in fields:
        raise AssertionError(f"the app failed (exit {r.returncode}):\n{r.stdout[-2000:]}\n{r.stderr[-3000:]}")
    return fields


def remember_session(config_home: str, base: str) -> None:
    folder = os.path.join(config_home, "Concierge")
    os.makedirs(os.path.join(folder, "concierge"), exist_ok=True)
    with open(os.path.join(folder, "concierge.conf"), "w") as f:
        f.write(f"[session]\nhomeserver={base}\nuserId={USER_ID}\nuseFileStore=true\n")
    path = os.path.join(folder, "concierge", "access-token")
    with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w") as f:
        f.write(TOKEN)


def check(condition: bool, what: str) -> None:
    if not condition:
        raise AssertionError(what)
    print(f"PASS: {what}", flush=True)


def main() -> int:
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    app = sys.argv[1]
    tmp = tempfile.mkdtemp(prefix="concierge-relaunch-test-")
    try:
        server = Server(json.dumps(account_sync()).encode())
        config_home = os.path.join(tmp, "config")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                   XDG_DATA_HOME=os.path.join(tmp, "data"), XDG_CONFIG_HOME=config_home,
                   XDG_RUNTIME_DIR=tmp)

        first = launch(app, env, ("--homeserver", server.base), token=TOKEN)
        check(first.get("source") == "sync" and int(first["rooms"]) == ROOMS,
              f"a first launch lists the {ROOMS} rooms of the full /sync "
              f"(source={first.get('source')}, rooms={first.get('rooms')})")
        check(any("since=" not in q for q in server.sync_queries),
              "the first launch asked for a full initial /sync")
        store_files = [f for _, _, files in os.walk(os.path.join(tmp, "data")) for f in files]
        check(bool(store_files), f"the first launch wrote an account store ({len(store_files)} files)")

        remember_session(config_home, server.base)
        server.sync_queries.clear()
        server.first_answer_at = None
        started = time.monotonic()
        server.release_at = started + HOLD_S
        relaunch = launch(app, env)
        check(int(relaunch["rooms"]) == ROOMS,
              f"the relaunch lists every saved room ({relaunch['rooms']} of {ROOMS})")
        check(relaunch.get("source") == "store",
              f"the relaunch's list came from the store (source={relaunch.get('source')})")
        first_frame_s = float(relaunch["first_frame_ms"]) / 1000
        first_answer_s = server.first_answer_at - started if server.first_answer_at else None
        check(first_answer_s is not None and first_answer_s >= HOLD_S,
              f"no answer reached the relaunch before {HOLD_S} s (first at {first_answer_s})")
        # first_frame_ms counts from the process's start, which is after `started`.
        check(first_frame_s < HOLD_S,
              f"the list was on screen before any network answer ({first_frame_s * 1000:.0f} ms "
              f"from process start; the first answer came {HOLD_S:.0f} s after the launch)")
        check(float(relaunch["first_frame_ms"]) < float(relaunch["caught_up_ms"]),
              "the saved list was shown before the sync caught up "
              f"({relaunch['first_frame_ms']} < {relaunch['caught_up_ms']} ms)")
        first_sync = server.sync_queries[0] if server.sync_queries else ""
        since = first_sync.split("since=", 1)[1].split("&", 1)[0] if "since=" in first_sync else None
        check(since in server.batches,
              f"the relaunch's first /sync resumed from a saved position the server gave "
              f"(since={since}), not a full sync")
        server.httpd.shutdown()
    except AssertionError as e:
        print(f"FAIL: {e}", flush=True)
        return 1
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
