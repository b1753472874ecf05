#!/usr/bin/env python3
"""The translation catalogue is complete and current.

Runs lupdate over the same sources as the `update_translations` target (the project file CMake
generated) into a temporary catalogue and compares it with resources/translations/concierge.ts:
every user-visible string of the C++ core, the CLI and the QML UI must be in the committed
catalogue, and nothing stale may linger there. Also checks that the catalogue covers the C++
layers, not only QML (C++ strings go through tr()/translate()).

usage: check_catalogue.py CMAKE GENERATE_SCRIPT PROJECT_CMAKE LUPDATE COMMITTED_TS
"""
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path


def messages(ts: Path) -> set[tuple[str, str]]:
    root = ET.parse(ts).getroot()
    out = set()
    for context in root.iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            out.add((name, message.findtext("source")))
    return out


def main() -> int:
    cmake, generate, project_cmake, lupdate, committed = sys.argv[1:6]
    committed = Path(committed)
    with tempfile.TemporaryDirectory() as tmp:
        # The same step the lupdate target runs first: CMake's view of the sources -> JSON.
        project = Path(tmp) / "project.json"
        r = subprocess.run([cmake, f"-DIN_FILE={project_cmake}", f"-DOUT_FILE={project}", "-P",
                            generate], capture_output=True, text=True)
        if r.returncode != 0:
            print(f"generating the lupdate project failed:\n{r.stdout}\n{r.stderr}")
            return 1
        fresh = Path(tmp) / "concierge.ts"
        r = subprocess.run([lupdate, "-project", str(project), "-ts", str(fresh), "-no-obsolete",
                            "-locations", "none", "-silent"], capture_output=True, text=True)
        if r.returncode != 0 or not fresh.exists():
            print(f"lupdate failed ({r.returncode}):\n{r.stdout}\n{r.stderr}")
            return 1
        now, saved = messages(fresh), messages(committed)
    missing, stale = sorted(now - saved), sorted(saved - now)
    for context, source in missing[:40]:
        print(f"missing from the catalogue: [{context}] {source!r}")
    for context, source in stale[:40]:
        print(f"stale in the catalogue: [{context}] {source!r}")
    contexts = {c for c, _ in now}
    required = {"MatrixError", "Operation", "MembershipService", "Session", "SyncEngine", "Cli",
                "RoomListPage", "SignInPage"}
    absent = sorted(required - contexts)
    if absent:
        print(f"no translatable strings found for: {', '.join(absent)}")
    print(f"{len(now)} strings in {len(contexts)} contexts; {len(missing)} missing, "
          f"{len(stale)} stale")
    if missing or stale:
        print("update it with: cmake --build <build> --target update_translations")
    return 1 if missing or stale or absent else 0


if __name__ == "__main__":
    sys.exit(main())
