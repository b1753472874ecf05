#!/usr/bin/env python3
"""Keeps the .deb's Depends true to the QML the app loads.

QML modules are loaded at run time, so dpkg-shlibdeps cannot see them. This test computes the set
of Debian packages the UI needs and compares it with the Depends field of the .deb CPack builds:

1. every `import X` in qml/*.qml (each must resolve: an unresolvable direct import fails);
2. every module qmlimportscanner reports for that QML (transitive imports included), with the
   built modules' directory and Qt's QML directory as import paths;
3. the Qt Quick Controls style the app selects in C++ (QQuickStyle::setStyle in app/*.cpp),
   which no QML file imports.

Each module found on disk is mapped to its package with `dpkg -S <module>/qmldir`. The app's own
modules (Concierge.*) are linked in statically and skipped. Optional imports that are not
installed on this machine (other platforms' styles, say) are listed and skipped: the app ran
here without them. The test fails if the .deb's Depends lacks a needed package, lists a
qml6-module-* package nothing needs, or lacks the Qt libraries dpkg-shlibdeps should have added.
"""
import argparse
import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

failures = 0


def check(what, ok, detail=""):
    global failures
    print(("ok   - " if ok else "FAIL - ") + what + (f" ({detail})" if detail and not ok else ""))
    if not ok:
        failures += 1


def package_of(path):
    """The Debian package that owns path, or None."""
    proc = subprocess.run(["dpkg", "-S", path], capture_output=True, text=True)
    if proc.returncode != 0:
        return None
    # "pkg:arch: /path" or "pkg: /path" (and "diversion by ..." lines, which we skip)
    for line in proc.stdout.splitlines():
        if line.startswith("diversion"):
            continue
        pkgs = line.split(": ", 1)[0]
        return pkgs.split(",")[0].strip().split(":")[0]
    return None


def parse_depends(field):
    """Package names in a Depends field; alternatives (a | b) count for each name."""
    names = set()
    for clause in field.split(","):
        for alt in clause.split("|"):
            name = re.sub(r"\(.*?\)|\[.*?\]|<.*?>", "", alt).strip().split(":")[0]
            if name:
                names.add(name)
    return names


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--qml-source", required=True, help="the app's QML sources (qml/)")
    ap.add_argument("--app-source", required=True, help="the app's C++ sources (app/)")
    ap.add_argument("--build-qml", required=True, help="QT_QML_OUTPUT_DIRECTORY of the build")
    ap.add_argument("--qt-qml-dir", required=True, help="Qt's installed QML directory")
    ap.add_argument("--scanner", required=True, help="qmlimportscanner")
    ap.add_argument("--own-prefix", default="Concierge")
    ap.add_argument("--build-dir", required=True, help="the CMake build tree (CPackConfig.cmake)")
    ap.add_argument("--cpack", required=True)
    ap.add_argument("--work-dir", required=True)
    ap.add_argument("--shlib", action="append", default=[],
                    help="a library package dpkg-shlibdeps must have put in Depends")
    a = ap.parse_args()

    own = lambda uri: uri == a.own_prefix or uri.startswith(a.own_prefix + ".")

    # 1. Direct imports.
    direct = {}
    for f in sorted(glob.glob(os.path.join(a.qml_source, "**", "*.qml"), recursive=True)):
        for line in open(f, encoding="utf-8"):
            m = re.match(r"\s*import\s+([A-Za-z_][\w.]*)", line)
            if m:
                direct.setdefault(m.group(1), []).append(os.path.relpath(f, a.qml_source))
    print("direct imports in the QML: " + ", ".join(sorted(direct)))

    # 2. qmlimportscanner.
    proc = subprocess.run([a.scanner, "-rootPath", a.qml_source,
                           "-importPath", a.build_qml, "-importPath", a.qt_qml_dir],
                          capture_output=True, text=True)
    check("qmlimportscanner runs", proc.returncode == 0, proc.stderr.strip())
    scanned = {}
    for entry in json.loads(proc.stdout or "[]"):
        if entry.get("type") == "module" and entry.get("name"):
            scanned[entry["name"]] = entry.get("path", "")
    print("qmlimportscanner reports: " + ", ".join(sorted(scanned)))

    # 3. The Controls style chosen in C++.
    styles = set()
    for f in glob.glob(os.path.join(a.app_source, "*.cpp")):
        text = open(f, encoding="utf-8").read()
        styles.update(re.findall(r'QQuickStyle::setStyle\(\s*(?:QStringLiteral\(\s*)?"(\w+)"', text))
    print("Controls style set in C++: " + (", ".join(sorted(styles)) or "none"))
    for style in styles:
        for uri in (f"QtQuick.Controls.{style}", f"QtQuick.Controls.{style}.impl"):
            path = os.path.join(a.qt_qml_dir, *uri.split("."))
            if os.path.exists(os.path.join(path, "qmldir")):
                scanned.setdefault(uri, path)
            elif not uri.endswith(".impl"):
                check(f"style module {uri} is installed", False, path)

    for uri in direct:
        if uri not in scanned:
            scanned[uri] = ""

    # Map modules to packages.
    needed = {}  # package -> [modules]
    for uri in sorted(scanned):
        path = scanned[uri]
        if own(uri):
            print(f"  {uri}: the app's own module (linked in), no package")
            continue
        qmldir = os.path.join(path, "qmldir") if path else ""
        if not qmldir or not os.path.exists(qmldir):
            if uri in direct:
                check(f"direct import {uri} ({', '.join(direct[uri])}) is installed", False,
                      "no qmldir found")
            else:
                print(f"  {uri}: optional import, not installed here, skipped")
            continue
        pkg = package_of(os.path.realpath(qmldir)) or package_of(qmldir)
        check(f"{uri} -> {pkg}", pkg is not None, f"dpkg -S {qmldir} found no package")
        if pkg:
            needed.setdefault(pkg, []).append(uri)

    # The .deb's Depends, from a fresh CPack run.
    work = a.work_dir
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    print(f"building the .deb with cpack in {work}")
    proc = subprocess.run([a.cpack, "-G", "DEB", "-B", work,
                           "--config", os.path.join(a.build_dir, "CPackConfig.cmake")],
                          capture_output=True, text=True, cwd=a.build_dir)
    check("cpack -G DEB succeeds", proc.returncode == 0, (proc.stdout + proc.stderr)[-2000:])
    debs = glob.glob(os.path.join(work, "*.deb"))
    check("exactly one .deb", len(debs) == 1, ", ".join(debs))
    if failures or len(debs) != 1:
        return 1
    depends = subprocess.run(["dpkg-deb", "-f", debs[0], "Depends"], capture_output=True,
                             text=True, check=True).stdout.strip()
    print(f"{os.path.basename(debs[0])} Depends: {depends}")
    have = parse_depends(depends)

    for pkg in sorted(needed):
        check(f"Depends has {pkg} (for {', '.join(needed[pkg])})", pkg in have)
    for pkg in sorted(p for p in have if p.startswith("qml6-module-")):
        check(f"{pkg} in Depends is needed by some import", pkg in needed,
              "no module the app imports comes from it: drop it from CONCIERGE_DEB_QML_DEPENDS")
    for pkg in a.shlib:
        check(f"Depends has {pkg} (from dpkg-shlibdeps)", pkg in have)

    shutil.rmtree(work, ignore_errors=True)
    print("all QML Depends checks passed" if not failures else f"{failures} check(s) failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
