"""Two builds of the desktop app compared under the same machine load (A/B, interleaved).

The machine these figures are taken on is shared: a run of one build now and of the other a
minute later meets a different load. Here every round launches each app once, in alternating
order, against the same generated account (`roomlist_bench --dump-sync`) served by app_bench.py's
fake server; each app has its own data and config folders (its own store, written by a first
launch of that app, so two store schemas never meet). The load average is printed with every
round.

    python3 bench/launch_ab.py --a /tmp/perf-old/app/concierge --b build-perf/app/concierge \
        --bench build-perf/bench/roomlist_bench --rooms 5000 --runs 5 [--mode relaunch|first|both]

Printed: per round, each app's first_frame_ms, rooms_loaded_ms, window_frame_ms, caught_up_ms and
peak_rss_mb; then the median (min–max) of each, and the median of the per-round differences
(B - A), which cancels most of a slow drift of the load. Figures only: nothing is asserted.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import app_bench  # noqa: E402

KEYS = ("first_frame_ms", "rooms_loaded_ms", "window_frame_ms", "caught_up_ms", "peak_rss_mb",
        "qml_loaded_ms", "session_started_ms")  # the last two: printed by newer builds only


def loadavg() -> str:
    return " ".join(open("/proc/loadavg").read().split()[:3])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--a", required=True, help="the baseline app (e.g. the old commit's build)")
    ap.add_argument("--b", required=True, help="the app measured against it")
    ap.add_argument("--bench", required=True, help="roomlist_bench executable (--dump-sync)")
    ap.add_argument("--rooms", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--mode", choices=("relaunch", "first", "both"), default="relaunch")
    ap.add_argument("--env", action="append", default=[],
                    help="NAME=VALUE added to both apps' environment (repeatable)")
    args = ap.parse_args()

    apps = {"A": args.a, "B": args.b}
    results = {(label, mode): [] for label in apps for mode in ("first", "relaunch")}
    modes = ("first", "relaunch") if args.mode == "both" else (args.mode,)
    with tempfile.TemporaryDirectory(prefix="concierge-launch-ab-") as tmp:
        payload_path = os.path.join(tmp, "sync.json")
        subprocess.run([args.bench, "--rooms", str(args.rooms), "--dump-sync", payload_path],
                       check=True, stdout=subprocess.DEVNULL)
        server, base = app_bench.serve(open(payload_path, "rb").read())
        envs = {}
        for label in apps:
            env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
                       XDG_DATA_HOME=os.path.join(tmp, label, "data"),
                       XDG_CONFIG_HOME=os.path.join(tmp, label, "config"))
            env.pop("CONCIERGE_ACCESS_TOKEN", None)
            for kv in args.env:
                k, v = kv.split("=", 1)
                env[k] = v
            envs[label] = env

        def fresh(label):
            shutil.rmtree(envs[label]["XDG_DATA_HOME"], ignore_errors=True)
            shutil.rmtree(envs[label]["XDG_CONFIG_HOME"], ignore_errors=True)

        def launch(label, mode):
            if mode == "first":
                fresh(label)
                fields = app_bench.run_app(apps[label], base, envs[label])
                want = "sync"
            else:
                fields = app_bench.run_app(apps[label], base, envs[label], first_launch=False)
                want = "store"
            if int(fields["rooms"]) != args.rooms or fields["source"] != want:
                raise SystemExit(f"{label}: expected {args.rooms} rooms from {want}, got "
                                 f"{fields['rooms']} from {fields['source']}")
            return fields

        if "relaunch" in modes:  # each app's store, written by a first launch of that app
            for label in apps:
                fresh(label)
                app_bench.run_app(apps[label], base, envs[label])
                app_bench.remember_session(envs[label]["XDG_CONFIG_HOME"], base)
            for label in apps:  # one launch each not counted: page cache, QML disk cache
                launch(label, "relaunch")

        print(f"load average before: {loadavg()}", flush=True)
        for run in range(args.runs):
            order = ("A", "B") if run % 2 == 0 else ("B", "A")
            for mode in modes:
                for label in order:
                    fields = launch(label, mode)
                    if mode == "first" and "relaunch" in modes:
                        app_bench.remember_session(envs[label]["XDG_CONFIG_HOME"], base)
                    results[(label, mode)].append(fields)
                    print(f"round {run + 1} {mode} {label}: "
                          + " ".join(f"{k}={fields.get(k, '?')}" for k in KEYS)
                          + f" load={loadavg()}", flush=True)
        server.shutdown()
    print(f"load average after: {loadavg()}")
    for mode in modes:
        for key in KEYS:
            if not all(key in r for label in apps for r in results[(label, mode)]):
                continue
            a = [float(r[key]) for r in results[("A", mode)]]
            b = [float(r[key]) for r in results[("B", mode)]]
            diffs = [y - x for x, y in zip(a, b)]
            print(f"{mode} {key}: A {statistics.median(a):.1f} ({min(a):.1f}–{max(a):.1f})  "
                  f"B {statistics.median(b):.1f} ({min(b):.1f}–{max(b):.1f})  "
                  f"B-A per round median {statistics.median(diffs):+.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
