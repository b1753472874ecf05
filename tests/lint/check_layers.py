#!/usr/bin/env python3
"""The core's layers are folders, and includes only go down them.

api < store < session < sync < actions < models < platform < quick; appservices.* (the composition root) may
include anything, nothing in src/ includes it. Also: only quick/ may include Qt Quick, and only
quick/ and platform/ (desktop glue, GUI only) Qt Gui headers, so the CLI never needs them.

usage: check_layers.py SRC_DIR
"""
import re
import sys
from pathlib import Path

ORDER = ["api", "store", "session", "sync", "actions", "models", "platform", "quick"]
QUICK = re.compile(r"#include <(QtQuick|QQuick\w*)")
GUI = re.compile(r"#include <(QtGui|QImage|QGuiApplication|QColor|QPixmap|QPalette)")


def main() -> int:
    src = Path(sys.argv[1])
    problems = []
    for path in sorted(src.rglob("*")):
        if path.suffix not in (".h", ".cpp"):
            continue
        rel = path.relative_to(src)
        layer = rel.parts[0] if len(rel.parts) > 1 else None
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r'#include "([^"]+)"', text):
            target = m.group(1)
            if target == "appservices.h" and layer is not None:
                problems.append(f"{rel}: includes the composition root")
            parts = target.split("/")
            if len(parts) == 2 and parts[0] in ORDER and layer in ORDER:
                if ORDER.index(parts[0]) > ORDER.index(layer):
                    problems.append(f"{rel}: {layer}/ includes {target} (a layer above it)")
            elif len(parts) == 1 and layer is not None and target != rel.name.replace(".cpp", ".h"):
                problems.append(f"{rel}: includes \"{target}\" without its layer folder")
        if layer != "quick" and QUICK.search(text):
            problems.append(f"{rel}: uses Qt Quick outside quick/")
        if layer not in ("quick", "platform") and GUI.search(text):
            problems.append(f"{rel}: uses Qt Gui outside quick/ and platform/")
    for p in problems:
        print(p)
    print(f"layers: {len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
