#!/usr/bin/env python3
"""English plural forms for every "%n" string of the catalogue.

Qt writes plurals once in the source ("Leave %n room(s)") and takes the forms from a translation;
without one the user reads "Leave 1 room(s)". resources/translations/concierge_en.ts holds the
English forms of exactly the catalogue's numerus messages, derived here from their source text
("room(s)" -> "room" / "rooms", "%n people" -> "%n person" / "%n people"); the app and the CLI
load it when no translation matches the user's language.

usage: english_plurals.py --write CATALOGUE_TS ENGLISH_TS   regenerate the English file
       english_plurals.py --check CATALOGUE_TS ENGLISH_TS   fail if it is not what --write makes
"""
import re
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from xml.sax.saxutils import escape

# Words whose plural is not the singular + "s" (singular form, plural form).
IRREGULAR = {"people": ("person", "people")}


def forms(source: str) -> tuple[str, str]:
    """The singular and plural of a source text written with "(s)" markers."""
    singular = re.sub(r"(\w+)\(s\)", r"\1", source)
    plural = re.sub(r"(\w+)\(s\)", r"\1s", source)
    for word, (one, many) in IRREGULAR.items():
        singular = re.sub(rf"%n {word}\b", f"%n {one}", singular)
        plural = re.sub(rf"%n {word}\b", f"%n {many}", plural)
    return singular, plural


def numerus_messages(catalogue: Path) -> list[tuple[str, str]]:
    out = []
    for context in ET.parse(catalogue).getroot().iter("context"):
        name = context.findtext("name")
        for message in context.iter("message"):
            if message.get("numerus") == "yes":
                out.append((name, message.findtext("source")))
    return out


def render(messages: list[tuple[str, str]]) -> str:
    lines = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>",
             '<TS version="2.1" language="en">']
    by_context: dict[str, list[str]] = {}
    for context, source in messages:
        by_context.setdefault(context, []).append(source)
    for context in sorted(by_context):
        lines += ["<context>", f"    <name>{escape(context)}</name>"]
        for source in by_context[context]:
            one, many = forms(source)
            lines += ['    <message numerus="yes">',
                      f"        <source>{escape(source)}</source>",
                      "        <translation>",
                      f"            <numerusform>{escape(one)}</numerusform>",
                      f"            <numerusform>{escape(many)}</numerusform>",
                      "        </translation>",
                      "    </message>"]
        lines.append("</context>")
    lines.append("</TS>")
    return "\n".join(lines) + "\n"


def main() -> int:
    if len(sys.argv) != 4 or sys.argv[1] not in ("--write", "--check"):
        print(__doc__, file=sys.stderr)
        return 2
    mode, catalogue, english = sys.argv[1], Path(sys.argv[2]), Path(sys.argv[3])
    wanted = render(numerus_messages(catalogue))
    if mode == "--write":
        english.write_text(wanted, encoding="utf-8")
        print(f"wrote {english}")
        return 0
    current = english.read_text(encoding="utf-8") if english.exists() else ""
    if current != wanted:
        print(f"{english} does not match the catalogue's plural strings: run\n"
              f"  python3 tests/translations/english_plurals.py --write {catalogue} {english}")
        return 1
    print(f"english plurals: {len(numerus_messages(catalogue))} message(s), current")
    return 0


if __name__ == "__main__":
    sys.exit(main())
