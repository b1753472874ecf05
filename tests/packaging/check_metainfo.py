#!/usr/bin/env python3
"""Validates the AppStream metainfo the package installs.

appstreamcli validate --no-net --pedantic must report no errors and no warnings (pedantic hints
and infos are printed, not fatal). Then the facts software centres and the rest of the package
rely on: the component ID is the app ID, it launches <app-id>.desktop, the newest release is the
project version, it provides the two installed binaries, and every screenshot is one of the
pictures in docs/screenshots/.

  check_metainfo.py --metainfo FILE --app-id ID --version V --screenshots-dir DIR
"""
import argparse
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

failures = 0


def check(what, ok, detail=""):
    global failures
    print(("ok   - " if ok else "FAIL - ") + what + (f" ({detail})" if detail and not ok else ""))
    if not ok:
        failures += 1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--metainfo", required=True)
    ap.add_argument("--app-id", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--screenshots-dir", required=True)
    a = ap.parse_args()

    print(f"checking {a.metainfo}")
    proc = subprocess.run(["appstreamcli", "validate", "--no-net", "--pedantic", a.metainfo],
                          capture_output=True, text=True)
    output = (proc.stdout + proc.stderr).strip()
    print("appstreamcli validate --no-net --pedantic says:\n  " + output.replace("\n", "\n  "))
    check("appstreamcli validate exits 0", proc.returncode == 0, f"exit {proc.returncode}")
    serious = [l for l in output.splitlines() if re.match(r"^\s*[EW]:", l)]
    check("no errors or warnings", not serious, "; ".join(serious))

    root = ET.parse(a.metainfo).getroot()
    check("component type is desktop-application", root.get("type") == "desktop-application")
    check(f"id is the app ID {a.app_id}", root.findtext("id") == a.app_id, root.findtext("id"))
    check("metadata_license is CC0-1.0", root.findtext("metadata_license") == "CC0-1.0")
    check("project_license is set", bool(root.findtext("project_license")))
    launch = root.find("launchable")
    check(f"launchable is the desktop ID {a.app_id}.desktop",
          launch is not None and launch.get("type") == "desktop-id"
          and launch.text == f"{a.app_id}.desktop")
    check("has a homepage url", root.find("url[@type='homepage']") is not None)
    check("has a description", root.find("description") is not None)
    check("content_rating is oars-1.1", root.find("content_rating[@type='oars-1.1']") is not None)

    releases = root.findall("releases/release")
    check("has releases", bool(releases))
    if releases:
        newest = releases[0]
        check(f"newest release is the project version {a.version}",
              newest.get("version") == a.version, newest.get("version"))
        check("newest release has an ISO date",
              bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", newest.get("date") or "")), newest.get("date"))

    binaries = {b.text for b in root.findall("provides/binary")}
    check("provides binaries concierge and concierge-cli",
          binaries == {"concierge", "concierge-cli"}, ", ".join(sorted(binaries)))

    shots = root.findall("screenshots/screenshot")
    check("has screenshots", bool(shots))
    check("exactly one default screenshot",
          sum(1 for s in shots if s.get("type") == "default") == 1)
    available = sorted(os.listdir(a.screenshots_dir)) if os.path.isdir(a.screenshots_dir) else []
    for s in shots:
        url = s.findtext("image") or ""
        name = url.rsplit("/", 1)[-1]
        check(f"screenshot {name} is https, captioned, and in {a.screenshots_dir}",
              url.startswith("https://") and bool(s.findtext("caption")) and name in available,
              f"available: {', '.join(available) or 'none'}")

    print("all metainfo checks passed" if not failures else f"{failures} metainfo check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
