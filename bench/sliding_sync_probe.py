#!/usr/bin/env python3
"""Does simplified sliding sync (MSC4186) show the first rooms sooner than the classic /sync?

Against a real Synapse started from the e2e_bench snapshot of a 1,000-room account (alice: ~80 %
joined, ~15 % invites, ~5 % rooms she left herself), this compares:

  classic-app   GET /_matrix/client/v3/sync?timeout=0&filter=<SyncEngine::filterJson()>
  classic-min   the same with a minimal filter (no state, timeline limit 0, include_leave)
  ss-20         POST .../org.matrix.simplified_msc3575/sync, one list ranges [[0,19]], no pos
  ss-all        the same list with ranges [[0,N-1]] in one request, no pos
  ss-paged      [[0,19]] then, with pos, [[0,99]], [[0,199]] ... until every room was sent

Each is timed to the full response (wall clock on loopback), after one warm-up, in interleaved
rounds so that load from other processes hits every approach alike. The first request of each
kind on a freshly started server ("cold") is reported too. It also checks which memberships each
approach returns (invites via filters.is_invite, left rooms) and what a list without `ranges` and
`slow_get_all_rooms` return.

Prints a table and writes it to <root>/sliding_sync_probe.txt. Never prints access tokens.
"""
import argparse
import json
import os
import statistics
import sys
import time
import traceback
import urllib.error
import urllib.parse
import urllib.request
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import e2e_bench  # noqa: E402  (also puts tests/synapse on sys.path)
import harness  # noqa: E402

# Copied verbatim from `git show HEAD:src/sync/syncengine.cpp`, SyncEngine::filterJson().
APP_FILTER = (
    '{"presence":{"types":[]},"account_data":{"types":[]},'
    '"room":{"include_leave":true,"account_data":{"types":[]},"ephemeral":{"types":[]},'
    '"state":{"lazy_load_members":true},"timeline":{"limit":1,"lazy_load_members":true}}}'
)
# Only room IDs and memberships: no state, no timeline events. Synapse drops a joined or left room
# whose entry would be empty, so this alone lists only the invites; with `full_state=true` in the
# query every room is kept (empty). MIN1_FILTER keeps one timeline event per room instead.
MIN_FILTER = (
    '{"presence":{"types":[]},"account_data":{"types":[]},'
    '"room":{"include_leave":true,"account_data":{"types":[]},"ephemeral":{"types":[]},'
    '"state":{"types":[]},"timeline":{"limit":0}}}'
)
MIN1_FILTER = (
    '{"presence":{"types":[]},"account_data":{"types":[]},'
    '"room":{"include_leave":true,"account_data":{"types":[]},"ephemeral":{"types":[]},'
    '"state":{"types":[]},"timeline":{"limit":1}}}'
)
SS_PATH = "/_matrix/client/unstable/org.matrix.simplified_msc3575/sync"
REQUIRED_STATE = [
    ["m.room.name", ""],
    ["m.room.avatar", ""],
    ["m.room.canonical_alias", ""],
    ["m.room.topic", ""],
    ["m.room.create", ""],
    ["m.room.member", "$ME"],
]
PAGE = 100

_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def ss_list(ranges=None, **extra) -> dict:
    lst = {"timeline_limit": 1, "required_state": REQUIRED_STATE}
    if ranges is not None:
        lst["ranges"] = ranges
    lst.update(extra)
    return lst


def ss_body(ranges=None, **extra) -> dict:
    return {"lists": {"recent": ss_list(ranges, **extra)}}


def fetch(base: str, method: str, path: str, token: str, body: dict | None = None):
    """One request on a new connection. Returns (ms, raw bytes, parsed JSON)."""
    url = base + path
    if urllib.parse.urlsplit(url).hostname != harness.HOST:
        raise harness.HarnessError("refusing a non-loopback URL")
    headers = {"Accept": "application/json", "Authorization": f"Bearer {token}"}
    data = None
    if body is not None:
        data = json.dumps(body, separators=(",", ":")).encode()
        headers["Content-Type"] = "application/json"
    req = urllib.request.Request(url, data=data, method=method, headers=headers)
    t0 = time.monotonic()
    try:
        with _OPENER.open(req, timeout=600) as resp:
            raw = resp.read()
    except urllib.error.HTTPError as e:
        raise harness.HarnessError(f"{method} {path.split('?')[0]} -> HTTP {e.code}: {e.read()[:300]!r}") from None
    ms = (time.monotonic() - t0) * 1000
    return ms, raw, json.loads(raw)


def classic(base: str, token: str, filt: str, full_state: bool = False):
    q = "&full_state=true" if full_state else ""
    return fetch(base, "GET", "/_matrix/client/v3/sync?timeout=0" + q + "&filter=" + urllib.parse.quote(filt), token)


def sliding(base: str, token: str, body: dict, pos: str | None = None):
    q = {"timeout": "0"}
    if pos:
        q["pos"] = pos
    return fetch(base, "POST", SS_PATH + "?" + urllib.parse.urlencode(q), token, body)


def classic_sets(resp: dict) -> dict:
    rooms = resp.get("rooms", {})
    return {k: set(rooms.get(k, {})) for k in ("join", "invite", "leave")}


def list_ids(resp: dict, name: str = "recent") -> list:
    ids = []
    for op in resp.get("lists", {}).get(name, {}).get("ops", []) or []:
        ids.extend(op.get("room_ids", []))
    return ids


def paged(base: str, token: str):
    """[[0,19]] without pos, then growing ranges with pos. Returns (ms_first, ms_total, bytes, ids, n_req)."""
    ms, raw, r = sliding(base, token, ss_body([[0, 19]]))
    first_ms, total_ms, nbytes, nreq = ms, ms, len(raw), 1
    seen = set(r.get("rooms", {}))
    count = r["lists"]["recent"]["count"]
    pos = r["pos"]
    end = PAGE - 1
    while True:
        end = min(end, max(count, 1) - 1)
        ms, raw, r = sliding(base, token, ss_body([[0, end]]), pos)
        total_ms += ms
        nbytes += len(raw)
        nreq += 1
        seen |= set(r.get("rooms", {}))
        pos = r.get("pos", pos)
        count = r["lists"]["recent"].get("count", count)
        if end >= count - 1:
            break
        end += PAGE
    return first_ms, total_ms, nbytes, seen, nreq, count


def med(xs) -> str:
    return f"{statistics.median(xs):.0f}" if xs else "-"


def mm(xs) -> str:
    return f"{min(xs):.0f}-{max(xs):.0f}" if xs else "-"


def gz(raw: bytes) -> int:
    return len(zlib.compress(raw, 6))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--root", default="/work/main/build/synapse")
    ap.add_argument("--rooms", type=int, default=1000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--out", help="default: <root>/sliding_sync_probe.txt")
    args = ap.parse_args()
    out_path = args.out or os.path.join(args.root, "sliding_sync_probe.txt")

    paths = harness.Paths(args.root)
    harness.setup(paths)
    snapshot = os.path.join(args.root, "snapshots", f"rooms-{args.rooms}")
    os.makedirs(os.path.dirname(snapshot), exist_ok=True)
    with harness.locked(os.path.join(args.root, "snapshots", ".build.lock")):
        if not os.path.exists(snapshot):
            harness.say(f"building snapshot {snapshot} (a few minutes)")
            try:
                e2e_bench.build_snapshot(paths, args.rooms, snapshot)
            finally:
                harness.stop(paths, f"bench-build-{args.rooms}")

    name = f"ss-probe-{args.rooms}"
    lines: list[str] = []
    notes: list[str] = []

    def row(label, ms_list, nbytes, gzbytes, rooms, extra=""):
        lines.append(f"{label:<34} {med(ms_list):>8} {mm(ms_list):>13} {nbytes:>10} {gzbytes:>9} {rooms:>7}  {extra}")

    try:
        base, users = e2e_bench.start_from_snapshot(paths, snapshot, name)
        token = users["alice"]["access_token"]
        load = os.getloadavg()

        # --- cold: the very first request on a freshly started server, one per approach.
        cold_ss_ms, _, _ = sliding(base, token, ss_body([[0, 19]]))
        harness.restart(paths, name)
        cold_classic_ms, _, _ = classic(base, token, APP_FILTER)
        harness.restart(paths, name)
        cold_min_ms, _, _ = classic(base, token, MIN_FILTER)
        # (the server is warm from here on)

        # --- warm-up, and the ground truth from the classic response.
        _, raw_app, r_app = classic(base, token, APP_FILTER)
        truth = classic_sets(r_app)
        classic(base, token, MIN_FILTER)
        classic(base, token, MIN_FILTER, full_state=True)
        classic(base, token, MIN1_FILTER)
        _, raw20, r20 = sliding(base, token, ss_body([[0, 19]]))
        big_range = [[0, args.rooms - 1]]
        _, raw_all, r_all = sliding(base, token, ss_body(big_range))

        t = {k: [] for k in ("app", "min", "minfs", "min1", "ss20", "ssall", "first", "paged")}
        paged_bytes = paged_reqs = 0
        paged_ids: set = set()
        for _ in range(args.runs):
            ms, raw_app, r_app = classic(base, token, APP_FILTER)
            t["app"].append(ms)
            ms, raw_min, r_min = classic(base, token, MIN_FILTER)
            t["min"].append(ms)
            ms, raw_minfs, r_minfs = classic(base, token, MIN_FILTER, full_state=True)
            t["minfs"].append(ms)
            ms, raw_min1, r_min1 = classic(base, token, MIN1_FILTER)
            t["min1"].append(ms)
            ms, raw20, r20 = sliding(base, token, ss_body([[0, 19]]))
            t["ss20"].append(ms)
            ms, raw_all, r_all = sliding(base, token, ss_body(big_range))
            t["ssall"].append(ms)
            first, total, paged_bytes, paged_ids, paged_reqs, _count = paged(base, token)
            t["first"].append(first)
            t["paged"].append(total)

        truth = classic_sets(r_app)
        mins = classic_sets(r_min)
        minfs = classic_sets(r_minfs)
        min1 = classic_sets(r_min1)
        n_truth = sum(len(v) for v in truth.values())
        ids20 = list_ids(r20)
        rooms20 = r20.get("rooms", {})
        ids_all = set(list_ids(r_all))
        count_all = r_all["lists"]["recent"]["count"]

        # --- membership coverage.
        _, _, r_inv = sliding(base, token, ss_body(big_range, filters={"is_invite": True}))
        inv_ids = set(list_ids(r_inv))
        _, _, r_noinv = sliding(base, token, ss_body(big_range, filters={"is_invite": False}))
        noinv_ids = set(list_ids(r_noinv))
        _, raw_noranges, r_noranges = sliding(base, token, ss_body(None))
        ms_slow, raw_slow, r_slow = sliding(base, token, ss_body(None, slow_get_all_rooms=True))
        slow_ids = set(r_slow.get("rooms", {}))

        named20 = sum(1 for v in rooms20.values() if v.get("name"))
        invite20 = sum(1 for v in rooms20.values() if "invite_state" in v)
        bump_sorted = [rooms20[i].get("bump_stamp") for i in ids20 if i in rooms20]

        lines.append(f"Synapse {harness.SYNAPSE_VERSION}, account with {n_truth} rooms in the classic initial sync "
                     f"(join {len(truth['join'])}, invite {len(truth['invite'])}, leave {len(truth['leave'])}); "
                     f"{args.runs} interleaved rounds after one warm-up; loadavg at start "
                     f"{load[0]:.1f}/{load[1]:.1f}/{load[2]:.1f} on {os.cpu_count()} CPUs")
        lines.append(f"{'approach':<34} {'med ms':>8} {'min-max ms':>13} {'bytes':>10} {'gzip':>9} {'rooms':>7}")
        row("classic /sync, app filter", t["app"], len(raw_app), gz(raw_app), n_truth,
            f"cold {cold_classic_ms:.0f} ms")
        def counts(c):
            return f"join {len(c['join'])} invite {len(c['invite'])} leave {len(c['leave'])}"
        row("classic /sync, min filter (limit 0)", t["min"], len(raw_min), gz(raw_min),
            sum(len(v) for v in mins.values()), f"cold {cold_min_ms:.0f} ms; {counts(mins)}")
        row("  same + full_state=true", t["minfs"], len(raw_minfs), gz(raw_minfs),
            sum(len(v) for v in minfs.values()), counts(minfs))
        row("classic /sync, no state, limit 1", t["min1"], len(raw_min1), gz(raw_min1),
            sum(len(v) for v in min1.values()), counts(min1))
        row("sliding [[0,19]], no pos", t["ss20"], len(raw20), gz(raw20), len(rooms20),
            f"cold {cold_ss_ms:.0f} ms; list count {r20['lists']['recent']['count']}")
        row(f"sliding {big_range}, no pos", t["ssall"], len(raw_all), gz(raw_all), len(r_all.get("rooms", {})),
            f"list count {count_all}")
        row(f"sliding paged (20, then +{PAGE} w/ pos)", t["paged"], paged_bytes, "-", len(paged_ids),
            f"{paged_reqs} requests; its first page med {med(t['first'])} ms")
        row(f"sliding [[0,19]], all {2 * args.runs} samples", t["ss20"] + t["first"], len(raw20), gz(raw20), len(rooms20))
        row("sliding slow_get_all_rooms", [ms_slow], len(raw_slow), gz(raw_slow), len(slow_ids), "single run")
        lines.append("")
        lines.append(f"first 20: {named20}/20 carry a server-computed name, {invite20} are invites (invite_state); "
                     f"bump_stamps in list order: {bump_sorted[:5]}...")
        lines.append(f"filters.is_invite=true: {len(inv_ids)} rooms, all classic invites: "
                     f"{inv_ids == truth['invite']}; is_invite=false: {len(noinv_ids)} rooms, "
                     f"== classic join: {noinv_ids == truth['join']}")
        lines.append(f"unfiltered list: {len(ids_all)} rooms; classic joins covered: {truth['join'] <= ids_all}, "
                     f"invites covered: {truth['invite'] <= ids_all}, left rooms present: "
                     f"{len(truth['leave'] & ids_all)}/{len(truth['leave'])}; paged covers the same set: "
                     f"{paged_ids == ids_all}")
        lines.append(f"list without ranges: count {r_noranges.get('lists', {}).get('recent', {}).get('count')}, "
                     f"{len(r_noranges.get('rooms', {}))} rooms, {len(raw_noranges)} bytes")
        lines.append(f"slow_get_all_rooms=true without ranges (in the request model, unused by the handler): {len(slow_ids)} rooms, left rooms present: "
                     f"{len(truth['leave'] & slow_ids)}")
        lines.append(f"same rooms as the app filter: min (limit 0) {mins == truth}, "
                     f"min + full_state {minfs == truth}, no state limit 1 {min1 == truth}")
        lines.append("")
        lines.append("request bodies (POST " + SS_PATH + "?timeout=0):")
        lines.append("  first rooms: " + json.dumps(ss_body([[0, 19]]), separators=(",", ":")))
        lines.append("  invites:     " + json.dumps(ss_body(big_range, filters={"is_invite": True}),
                                                    separators=(",", ":")))
        lines.append("classic app filter: " + APP_FILTER)
        lines.append("classic min filter: " + MIN_FILTER + "   (also sent with &full_state=true)")
        lines.append("classic no-state limit-1 filter: " + MIN1_FILTER)
    except Exception:
        notes.append(traceback.format_exc())
    finally:
        harness.stop(paths, name)

    for line in lines:
        print(line)
    with open(out_path, "w") as f:
        f.write("\n".join(lines) + "\n")
        for n in notes:
            f.write(n)
    if notes:
        for n in notes:
            print(n, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
