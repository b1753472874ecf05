#!/usr/bin/python3
"""The accessibility walk (issue 16): the real app, read over AT-SPI as a screen reader reads it.

Runs inside a private D-Bus session (see CMakeLists.txt: `dbus-run-session -- /usr/bin/python3
a11y_walk.py …`). It starts an Xvfb of its own and the AT-SPI bus, creates a fresh user and
a few rooms on the test Synapse (the ctest fixture `synapse`), starts Concierge with accessibility
on and a throwaway HOME, and walks the tree of every page and dialog it can reach:

  - the sign-in page: the password form and a wrong password, the access-token form under
    Advanced and a wrong token (errors that must be alerts); then the right token;
  - the room list (an invitation, a joined room, a left room), its row context menu;
  - every dialog opened from it: Sign out, Join (plus a join of an alias that does not exist, an
    error that must be an alert), Invite, Leave, Leave space (issue 15), History, Forget, bulk
    confirmation, Invite many,
    the jobs panel;
  - the room directory page (a public room searched for by name);
  - the invite triage page and the members page of the joined room (issue 12);
  - the accounts overview (issue 14).

It fails on:
  - an interactive element (button, check box, text field, list item, menu item, combo …) or a
    page, list, dialog or menu without a meaningful accessible name (empty, one character,
    punctuation only, or a generic word such as "Button"); any shown object whose role is
    "unknown"; a shown text whose whole name is one character (avatar initials read as "A");
  - a control a keyboard user cannot reach: the focusable controls shown on a page or dialog,
    compared with the ones that get the focus while Tab is pressed through it (real key events
    through XTest, from xdotool);
  - an error that appears without the alert role, or whose alert is never announced (no
    showing / name-change event from an object with the alert role).

Prints what it walked (objects, controls, Tab stops per page) and every finding; exits 1 on any
finding, 2 when the walk itself could not run (the app did not start, a dialog did not open).
Needs Debian's python3-pyatspi (hence /usr/bin/python3), at-spi2-core, xdotool, Xvfb.

Scope of the Tab check: rows of a list are reached with the arrow keys once the list has the
focus (the list itself must be a Tab stop), and a row's buttons through its context menu (Menu,
Shift+F10), which is walked too; scroll bars are moved by the keys of what they scroll. Qt 6.4
reports disabled controls as enabled, so the walk fills each form in before pressing Tab.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.parse

A11Y_BUS_LAUNCHER = "/usr/libexec/at-spi-bus-launcher"

# Roles whose objects a user acts on: each needs a meaningful name (and a Tab stop when focusable).
INTERACTIVE = {
    "push button", "toggle button", "check box", "radio button", "text", "entry", "password text",
    "combo box", "list item", "menu item", "check menu item", "radio menu item", "spin button",
    "slider", "link", "tree item", "page tab", "dialog", "alert dialog", "menu", "list", "table",
    "tree", "scroll bar",
}
# Interactive roles that are no Tab stops of their own (see the module's docstring).
NOT_TAB_STOPS = {"scroll bar", "list item", "page tab", "dialog", "alert dialog", "menu",
                 "menu item", "check menu item", "radio menu item", "tree item"}
# Objects whose name may be empty: their value or position says what they are.
NAME_OPTIONAL = {"scroll bar"}
GENERIC_NAMES = {"button", "push button", "text", "label", "item", "control", "check box",
                 "checkbox", "textfield", "text field", "menu", "menu item", "dialog", "list",
                 "list item", "page", "pane", "popup", "unknown", "..."}
ALERT_ROLES = {"alert", "notification"}
# Controls disabled on purpose in the state the walk sees them: Qt 6.4 reports disabled controls
# as enabled, so they would look like Tab stops that Tab skips. (page, name): why.
DISABLED_HERE = {
    ("sign-in page (password)", "Remember me on this computer"): "no keychain in this run (--no-keychain)",
    ("sign-in page (access token)", "Remember me on this computer"): "no keychain in this run (--no-keychain)",
}


class WalkError(Exception):
    """The walk itself could not go on (not an accessibility finding)."""


def say(text: str) -> None:
    print(text, flush=True)


# --------------------------------------------------------------------------- environment


def start_xvfb() -> subprocess.Popen:
    """A private X server on a display number it picks itself (-displayfd), so that X servers
    started at the same moment (another test, `xvfb-run -a` elsewhere) cannot take the same one."""
    read_end, write_end = os.pipe()
    xvfb = subprocess.Popen(["Xvfb", "-displayfd", str(write_end), "-screen", "0", "1280x1024x24",
                             "-nolisten", "tcp"], pass_fds=(write_end,),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    os.close(write_end)
    with os.fdopen(read_end, "rb") as pipe:
        number = pipe.readline().strip().decode()
    if not number:
        xvfb.kill()
        raise WalkError("Xvfb did not start")
    os.environ["DISPLAY"] = ":" + number
    return xvfb


def start_a11y_bus() -> subprocess.Popen:
    """The AT-SPI bus of this private session; the registry daemon is started on demand."""
    launcher = subprocess.Popen([A11Y_BUS_LAUNCHER, "--launch-immediately"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    from gi.repository import Gio
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            reply = bus.call_sync("org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus", "GetAddress",
                                  None, None, Gio.DBusCallFlags.NONE, 1000, None)
            if reply.unpack()[0].startswith("unix:"):
                return launcher
        except Exception:  # not there yet
            pass
        time.sleep(0.1)
    launcher.kill()
    raise WalkError("the AT-SPI bus did not come up")


def load_harness(path: str):
    spec = importlib.util.spec_from_file_location("concierge_harness", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


class Server:
    """A fresh account on the test Synapse with one room in each section of the list."""

    def __init__(self, harness, server_json: str):
        with open(server_json) as f:
            info = json.load(f)
        self.h = harness
        self.base = info["base_url"]
        secret = info["shared_secret"]
        tag = secrets.token_hex(3)
        self.user = harness.register(self.base, secret, f"a11y_{tag}", displayname="Ada Lovelace")
        self.other = harness.register(self.base, secret, f"a11y_other_{tag}", displayname="Grace Hopper")
        self.joined = self.create(self.user, "Garden Club", f"garden_{tag}")
        # A room with a second member: the members page has someone to act on.
        self.shared = self.create(self.user, "Tea Room", None)
        self.call(self.user, "POST", f"/_matrix/client/v3/rooms/{q(self.shared)}/invite",
                  {"user_id": self.other["user_id"]})
        self.call(self.other, "POST", f"/_matrix/client/v3/rooms/{q(self.shared)}/join", {})
        # A space holding Garden Club: the leave-space dialog has a room to offer.
        self.space = self.call(self.user, "POST", "/_matrix/client/v3/createRoom",
                               {"preset": "private_chat", "name": "Hobbies",
                                "creation_content": {"type": "m.space"}})["room_id"]
        self.call(self.user, "PUT",
                  f"/_matrix/client/v3/rooms/{q(self.space)}/state/m.space.child/{q(self.joined)}",
                  {"via": ["localhost"]})
        self.left = self.create(self.user, "Old Archive", None)
        self.call(self.user, "POST", f"/_matrix/client/v3/rooms/{q(self.left)}/leave", {})
        invite = self.create(self.other, "Book Circle", None)
        # A room in the server's directory: the directory page has a row to walk.
        self.public_name = f"Chess Corner {tag}"
        self.call(self.other, "POST", "/_matrix/client/v3/createRoom",
                  {"preset": "public_chat", "visibility": "public", "name": self.public_name,
                   "topic": "Openings, endgames and the odd blitz"})
        self.call(self.other, "POST", f"/_matrix/client/v3/rooms/{q(invite)}/invite",
                  {"user_id": self.user["user_id"]})

    def call(self, who: dict, method: str, path: str, body: dict | None = None):
        return self.h.http(self.base, method, path, token=who["access_token"], body=body)

    def create(self, who: dict, name: str, alias: str | None) -> str:
        body = {"preset": "private_chat", "name": name}
        if alias:
            body["room_alias_name"] = alias
        return self.call(who, "POST", "/_matrix/client/v3/createRoom", body)["room_id"]


def q(s: str) -> str:
    return urllib.parse.quote(s, safe="")


# --------------------------------------------------------------------------- AT-SPI


class Tree:
    """Reads the app's accessible tree; records focus, showing and name events."""

    def __init__(self, pid: int):
        import pyatspi
        from gi.repository import GLib
        self.pyatspi = pyatspi
        self.ctx = GLib.MainContext.default()
        self.pid = pid
        self.app = None
        self.focus_events: list = []
        self.alert_events: list[tuple[str, str]] = []  # (event type, name) from alert roles
        reg = pyatspi.Registry
        reg.registerEventListener(self._on_focus, "object:state-changed:focused")
        reg.registerEventListener(self._on_show, "object:state-changed:showing",
                                  "object:property-change:accessible-name")

    def _on_focus(self, event) -> None:
        if event.detail1 == 1 and self._ours(event.source):
            self.focus_events.append(event.source)

    def _on_show(self, event) -> None:
        try:
            if not self._ours(event.source) or event.source.getRoleName() not in ALERT_ROLES:
                return
            if event.type.startswith("object:state-changed") and event.detail1 != 1:
                return
            self.alert_events.append((str(event.type), event.source.name or ""))
        except Exception:  # the object went away
            pass

    def _ours(self, acc) -> bool:
        try:
            return acc.get_process_id() == self.pid
        except Exception:
            return False

    def pump(self, seconds: float = 0.0) -> None:
        end = time.monotonic() + seconds
        while True:
            while self.ctx.iteration(False):
                pass
            if time.monotonic() >= end:
                return
            time.sleep(0.02)

    def find_app(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            desktop = self.pyatspi.Registry.getDesktop(0)
            for i in range(desktop.childCount):
                app = desktop.getChildAtIndex(i)
                if app is not None and self._ours(app) and app.childCount > 0:
                    self.app = app
                    return
            self.pump(0.2)
        raise WalkError("the app never appeared on the AT-SPI bus")

    def frame(self):
        for i in range(self.app.childCount):
            child = self.app.getChildAtIndex(i)
            if child.getRoleName() == "frame":
                return child
        raise WalkError("the app has no window")

    def showing(self, acc) -> bool:
        try:
            s = acc.getState()
            return s.contains(self.pyatspi.STATE_SHOWING) and s.contains(self.pyatspi.STATE_VISIBLE)
        except Exception:
            return False

    def walk(self, root) -> list[dict]:
        """The shown objects under root (root included), each with its role, name, states and
        the roles of its ancestors (from root down)."""
        out: list[dict] = []
        P = self.pyatspi

        def visit(acc, ancestors: tuple) -> None:
            try:
                if not self.showing(acc):
                    return
                role = acc.getRoleName()
                st = acc.getState()
                node = {"acc": acc, "role": role, "name": acc.name or "",
                        "focusable": st.contains(P.STATE_FOCUSABLE),
                        "focused": st.contains(P.STATE_FOCUSED),
                        "ancestors": ancestors, "path": acc.path}
                out.append(node)
                for i in range(acc.childCount):
                    child = acc.getChildAtIndex(i)
                    if child is not None:
                        visit(child, ancestors + ((role, node["name"]),))
            except Exception:  # an object that went away while we read it
                return

        visit(root, ())
        return out

    def find(self, root, role: str | None = None, name: str | None = None,
             timeout: float = 10.0, what: str = ""):
        deadline = time.monotonic() + timeout
        while True:
            for n in self.walk(root):
                if (role is None or n["role"] == role) and (name is None or n["name"] == name):
                    return n["acc"]
            if time.monotonic() >= deadline:
                raise WalkError(f"not found within {timeout:.0f} s: {what or (role, name)}")
            self.pump(0.1)

    def focused_leaf(self, root):
        """The deepest shown object with the focused state (focus scopes are focused too)."""
        best = None
        for n in self.walk(root):
            if n["focused"] and (best is None or len(n["ancestors"]) >= len(best["ancestors"])):
                best = n
        return best["acc"] if best else None

    def toggle(self, acc) -> None:
        action = acc.queryAction()
        for i in range(action.nActions):
            if action.getName(i) == "Toggle":
                action.doAction(i)
                return
        raise WalkError(f"[{acc.getRoleName()}] {acc.name!r} has no Toggle action")

    def set_focus(self, acc) -> None:
        action = acc.queryAction()
        for i in range(action.nActions):
            if action.getName(i) == "SetFocus":
                action.doAction(i)
                return
        acc.queryComponent().grabFocus()


# --------------------------------------------------------------------------- keyboard


class Keyboard:
    """Real key events through XTest (xdotool), into the app's window."""

    def __init__(self, pid: int):
        self.pid = pid
        self.window = None

    def focus_window(self) -> None:
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            r = subprocess.run(["xdotool", "search", "--onlyvisible", "--pid", str(self.pid)],
                               capture_output=True, text=True)
            ids = r.stdout.split()
            if ids:
                self.window = ids[-1]
                subprocess.run(["xdotool", "windowfocus", "--sync", self.window], check=False,
                               capture_output=True)
                return
            time.sleep(0.2)
        raise WalkError("the app's window was not found on the X display")

    def key(self, *keys: str) -> None:
        subprocess.run(["xdotool", "key", "--clearmodifiers", *keys], check=True)

    def type_secret(self, text: str) -> None:
        # From stdin: never on a command line.
        subprocess.run(["xdotool", "type", "--delay", "2", "--file", "-"], input=text, text=True,
                       check=True)


# --------------------------------------------------------------------------- checks


def meaningless(name: str) -> str | None:
    """Why a name says nothing, or None."""
    stripped = name.strip()
    if stripped == "":
        return "no name"
    if not any(c.isalnum() for c in stripped):
        return f"name {name!r} is punctuation only"
    if len(stripped) == 1:
        return f"name {name!r} is one character"
    if stripped.lower() in GENERIC_NAMES:
        return f"name {name!r} is generic"
    return None


def describe(node: dict) -> str:
    where = " > ".join(f"{r} {n!r}" if n else r for r, n in node["ancestors"][-3:])
    return f"[{node['role']}] {node['name']!r}" + (f" (in {where})" if where else "")


class Walk:
    def __init__(self, tree: Tree, keys: Keyboard):
        self.tree = tree
        self.keys = keys
        self.findings: list[str] = []
        self.report: list[str] = []

    def finding(self, page: str, text: str) -> None:
        self.findings.append(f"{page}: {text}")
        say(f"  FINDING {page}: {text}")

    # Names and roles of everything shown under root.
    def check_names(self, page: str, root) -> list[dict]:
        nodes = self.tree.walk(root)
        for n in nodes:
            role, name = n["role"], n["name"]
            if role == "unknown":
                acc = n["acc"]
                try:
                    kids = [acc.getChildAtIndex(i).getRoleName() for i in range(acc.childCount)]
                    where = f"child {acc.getIndexInParent()} of its parent, children {kids}"
                except Exception:
                    where = "gone"
                self.finding(page, f"{describe(n)} has no role (\"unknown\"; {where})")
                continue
            if role in INTERACTIVE and role not in NAME_OPTIONAL:
                why = meaningless(name)
                if why:
                    self.finding(page, f"{describe(n)}: {why}")
            elif name.strip() and len(name.strip()) == 1:
                self.finding(page, f"{describe(n)}: a lone character is read out of context")
        return nodes

    def tab_targets(self, page: str, nodes: list[dict]) -> dict:
        """The shown focusable controls a keyboard user must reach by Tab, by path."""
        targets = {}
        for n in nodes:
            if n["role"] not in INTERACTIVE or n["role"] in NOT_TAB_STOPS or not n["focusable"]:
                continue
            if (page, n["name"]) in DISABLED_HERE:
                continue
            if any(r in ("list item", "menu") for r, _ in n["ancestors"]):
                continue  # arrow keys in the list; the row's context menu
            targets[n["path"]] = n
        return targets

    def next_focus(self, before) -> object | None:
        """Waits for the focus to move after a key; returns the focused object (None: it did
        not move within the time)."""
        deadline = time.monotonic() + 2.0
        while time.monotonic() < deadline:
            self.tree.pump(0.05)
            if self.tree.focus_events:
                self.tree.pump(0.1)  # the last of a burst
                acc = self.tree.focus_events[-1]
                self.tree.focus_events.clear()
                if before is None or acc.path != before.path:
                    return acc
        return None

    # Presses Tab through the page (or dialog) until the focus comes back where it started.
    def check_tab(self, page: str, root, nodes: list[dict]) -> int:
        targets = self.tab_targets(page, nodes)
        start = self.tree.focused_leaf(root)
        if start is None:
            self.finding(page, "nothing has the keyboard focus")
            return 0
        reached = {start.path: start}
        order = [start]
        self.tree.focus_events.clear()
        current = start
        for _ in range(len(targets) * 2 + 6):
            self.keys.key("Tab")
            moved = self.next_focus(current)
            if moved is None:
                if len(targets) > 1:
                    self.finding(page, f"Tab does not move the focus away from "
                                       f"[{current.getRoleName()}] {current.name!r}")
                break
            current = moved
            if current.path == start.path:
                break
            if current.path in reached:
                self.finding(page, f"Tab cycles through {len(order)} stops without coming back to "
                                   f"[{start.getRoleName()}] {start.name!r}, where the focus was")
                order.append(current)
                break
            reached[current.path] = current
            order.append(current)
        else:
            self.finding(page, "Tab never brings the focus back to where it started "
                               "(the focus escapes the page or dialog)")
        # A list's focus is reported on its current row: the row's list was reached.
        for acc in list(reached.values()):
            if acc.getRoleName() == "list item" and acc.parent is not None:
                reached.setdefault(acc.parent.path, acc.parent)
        for path, n in targets.items():
            if path not in reached:
                self.finding(page, f"{describe(n)} is focusable but not reachable by Tab")
        for acc in order:
            inside = any(n["path"] == acc.path for n in nodes)
            if not inside:
                self.finding(page, f"Tab moves the focus out of it, to "
                                   f"[{acc.getRoleName()}] {acc.name!r}")
                break
        stops = ", ".join(repr(a.name) for a in order)
        say(f"  Tab order ({len(order)} stops): {stops}")
        return len(order)

    def page(self, page: str, root, tab: bool = True) -> None:
        nodes = self.check_names(page, root)
        controls = [n for n in nodes if n["role"] in INTERACTIVE]
        stops = self.check_tab(page, root, nodes) if tab else 0
        line = (f"{page}: {len(nodes)} objects shown, {len(controls)} interactive, "
                f"{len(self.tab_targets(page, nodes))} Tab targets, {stops} Tab stops")
        self.report.append(line)
        say("  " + line)

    # An error must come as an alert, and be announced.
    def check_alert(self, page: str, root, trigger, timeout: float = 15.0) -> None:
        before = {(n["path"], n["name"]) for n in self.tree.walk(root)}
        self.tree.alert_events.clear()
        trigger()
        deadline = time.monotonic() + timeout
        alert = None
        while time.monotonic() < deadline and alert is None:
            self.tree.pump(0.1)
            for n in self.tree.walk(root):
                if n["role"] in ALERT_ROLES and n["name"].strip() and (n["path"], n["name"]) not in before:
                    alert = n
                    break
        if alert is None:
            appeared = [n for n in self.tree.walk(root)
                        if n["name"].strip() and (n["path"], n["name"]) not in before
                        and n["role"] in ("label", "static", "text", "paragraph", "status bar")]
            if appeared:
                texts = "; ".join(describe(n) for n in appeared[:3])
                self.finding(page, f"an error appeared without the alert role: {texts}")
            else:
                self.finding(page, f"no error was shown within {timeout:.0f} s")
            return
        self.tree.pump(0.3)
        announced = [e for e in self.tree.alert_events if e[1].strip()]
        if not announced:
            self.finding(page, f"alert {alert['name']!r} shown without an event (never announced)")
        say(f"  alert: {alert['name']!r} (announced by {len(announced)} event(s))")
        self.report.append(f"{page}: alert {alert['name']!r}")

    # A dialog opened by pressing a control: walked, Tab-checked, closed with Escape.
    def dialog(self, page: str, frame, opener, prepare=None, alert=None) -> None:
        say(f"- {page}")
        open_before = {n["path"] for n in self.tree.walk(frame) if n["role"] == "dialog"}
        opener()
        deadline = time.monotonic() + 10
        dialog = None
        while dialog is None:
            for n in self.tree.walk(frame):
                if n["role"] == "dialog" and n["path"] not in open_before:
                    dialog = n["acc"]
            if dialog is None:
                if time.monotonic() > deadline:
                    raise WalkError(f"{page}: no dialog opened")
                self.tree.pump(0.1)
        self.tree.pump(0.3)  # opening transitions
        if prepare:
            prepare(dialog)
        self.page(page, dialog)
        if alert:
            self.check_alert(page, dialog, lambda: alert(dialog))
        self.keys.key("Escape")
        deadline = time.monotonic() + 5
        while self.tree.showing(dialog):
            if time.monotonic() > deadline:
                self.finding(page, "Escape does not close it")
                break
            self.tree.pump(0.1)

    # A button pressed as a keyboard user does: focus on it, then Space. (Qt 6.4's AT-SPI "Press"
    # action does nothing on a Qt Quick Button without an Accessible.onPressAction handler; the
    # buttons that have one are pressed with press_action where the walk checks it.)
    def press(self, acc) -> None:
        self.tree.set_focus(acc)
        self.tree.pump(0.1)
        if not acc.getState().contains(self.tree.pyatspi.STATE_FOCUSED):
            self.tree.pump(0.3)
        self.keys.key("space")
        self.tree.pump(0.1)

    # A button pressed as a screen reader presses it: its AT-SPI "Press" action (Qt 6.4 needs an
    # Accessible.onPressAction handler on each Qt Quick Button for this to do anything).
    def press_action(self, acc) -> None:
        action = acc.queryAction()
        for i in range(action.nActions):
            if action.getName(i) == "Press":
                action.doAction(i)
                self.tree.pump(0.1)
                return
        raise WalkError(f"[{acc.getRoleName()}] {acc.name!r} has no Press action")

    def type_into(self, field, text: str) -> None:
        self.tree.set_focus(field)
        self.tree.pump(0.1)
        self.keys.key("ctrl+a", "BackSpace")
        self.keys.type_secret(text)
        self.tree.pump(0.2)


# --------------------------------------------------------------------------- the walk


def run(args) -> int:
    xvfb = start_xvfb()
    launcher = start_a11y_bus()
    app = None
    home = tempfile.mkdtemp(prefix="concierge-a11y-")
    try:
        harness = load_harness(args.harness)
        server = Server(harness, args.server_json)
        say(f"user {server.user['user_id']}: rooms Garden Club and Tea Room (joined), "
            f"Old Archive (left), Book Circle (invited)")
        env = dict(os.environ)
        env.update({
            "HOME": home,
            "XDG_CONFIG_HOME": os.path.join(home, "config"),
            "XDG_DATA_HOME": os.path.join(home, "data"),
            "XDG_CACHE_HOME": os.path.join(home, "cache"),
            "XDG_STATE_HOME": os.path.join(home, "state"),
            "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1",
            "QT_QPA_PLATFORM": "xcb",
            "QT_ACCESSIBILITY": "1",
            "LANG": "C.UTF-8",
        })
        env.pop("CONCIERGE_ACCESS_TOKEN", None)
        log = open(os.path.join(home, "app.log"), "w")
        app = subprocess.Popen([args.app, "--no-keychain", "--homeserver", server.base],
                               env=env, stdout=log, stderr=subprocess.STDOUT)
        tree = Tree(app.pid)
        tree.find_app(30)
        keys = Keyboard(app.pid)
        keys.focus_window()
        walk = Walk(tree, keys)
        frame = tree.frame()

        # ---- sign-in page: the server offers a password (issue 14), the token under Advanced
        say("- sign-in page (password)")
        user_field = tree.find(frame, role="text", name="User name", timeout=20,
                               what="the user name field (the server's login methods)")
        password_field = None
        for role in ("text", "entry", "password text"):
            try:
                password_field = tree.find(frame, role=role, name="Password", timeout=1)
                break
            except WalkError:
                pass
        if password_field is None:
            walk.finding("sign-in page", "the password field has no name")
            password_field = tree.find(frame, role="password text", what="the password field")
        sign_in = tree.find(frame, role="push button", name="Sign in", what="the Sign in button")
        walk.type_into(user_field, server.user["user_id"])
        walk.type_into(password_field, "not-the-password-" + secrets.token_hex(4))
        page = tree.find(frame, role="page tab", what="the sign-in page")
        walk.page("sign-in page (password)", page)
        walk.check_alert("sign-in page (wrong password)", page, lambda: walk.press(sign_in))

        say("- sign-in page (access token)")
        # A checkable button: a "toggle button" over AT-SPI.
        walk.press(tree.find(frame, name="Advanced: sign in with an access token",
                             what="the Advanced button"))
        # Named "Access token" (so not a "password text": Qt 6.4 cannot name a password field).
        token_field = None
        for role in ("text", "entry", "password text"):
            try:
                token_field = tree.find(frame, role=role, name="Access token", timeout=3)
                break
            except WalkError:
                pass
        if token_field is None:
            token_field = tree.find(frame, role="password text", what="the access token field")
        # A token in the field: the Sign in button is enabled (Qt 6.4 cannot say it is not).
        walk.type_into(token_field, "syt_not_a_valid_token_" + secrets.token_hex(8))
        walk.page("sign-in page (access token)", page)
        walk.check_alert("sign-in page (wrong token)", page, lambda: walk.press(sign_in))
        walk.type_into(token_field, server.user["access_token"])
        walk.press(sign_in)

        # ---- room list
        say("- room list")
        rooms = tree.find(frame, role="list", name="Rooms", timeout=30, what="the room list")
        deadline = time.monotonic() + 30
        while True:
            names = [n["name"] for n in tree.walk(rooms) if n["role"] == "list item"]
            if any("Garden Club" in n for n in names) and any("Book Circle" in n for n in names):
                break
            if time.monotonic() > deadline:
                raise WalkError(f"the rooms never showed; rows: {names}")
            tree.pump(0.2)
        # The Left section may be hidden: shown with its button.
        deadline = time.monotonic() + 15
        while not any("Old Archive" in n["name"] for n in tree.walk(rooms) if n["role"] == "list item"):
            shown = [n["acc"] for n in tree.walk(frame)
                     if n["role"] == "push button" and n["name"] == "Show left rooms"]
            if shown:
                walk.press(shown[0])
            if time.monotonic() > deadline:
                raise WalkError("the left room never showed")
            tree.pump(0.5)
        list_page = rooms.parent
        while list_page.getRoleName() != "page tab":
            list_page = list_page.parent
        tree.set_focus(rooms)
        tree.pump(0.3)
        walk.page("room list", list_page)

        # The row context menu from the keyboard (the list has the focus).
        say("- row context menu")
        tree.set_focus(rooms)
        tree.pump(0.2)
        keys.key("shift+F10")
        try:
            item = tree.find(frame, role="menu item", timeout=5, what="the row context menu")
            menu = item.parent
            while menu.getRoleName() not in ("menu", "popup menu", "dialog", "frame"):
                menu = menu.parent
            tree.pump(0.3)
            walk.page("row context menu", menu, tab=False)
            items = [n for n in tree.walk(menu) if n["role"].endswith("menu item")]
            if not items:
                walk.finding("row context menu", "has no menu items")
            keys.key("Escape")
            tree.pump(0.3)
        except WalkError:
            walk.finding("room list", "Shift+F10 on the list opens no context menu")

        def button(name: str):
            return lambda: walk.press(tree.find(frame, role="push button", name=name, what=name))

        def fill_first_text(text: str):
            def prepare(dialog):
                field = None
                for n in tree.walk(dialog):
                    if n["role"] in ("text", "entry"):
                        field = n["acc"]
                        break
                if field is None:
                    raise WalkError("the dialog has no text field")
                walk.type_into(field, text)
            return prepare

        def press_in(name: str):
            return lambda dialog: walk.press(tree.find(dialog, role="push button", name=name, what=name))

        # Opened by its AT-SPI Press action: a screen reader's way of pressing a button.
        walk.dialog("Sign out dialog", frame, lambda: walk.press_action(
            tree.find(frame, role="push button", name="Sign out", what="Sign out")))
        walk.dialog("Join dialog", frame, button("Join a room"),
                    prepare=fill_first_text("#nope:localhost"), alert=press_in("Join"))
        walk.dialog("Invite dialog", frame, button("Invite someone to Garden Club"),
                    prepare=fill_first_text(server.other["user_id"]))
        walk.dialog("Leave dialog", frame, button("Leave Garden Club"))
        # Leave on a space asks about its rooms (issue 15).
        walk.dialog("Leave space dialog", frame, button("Leave Hobbies"))
        walk.dialog("History dialog", frame, button("History of Garden Club"))
        walk.dialog("Forget dialog", frame, button("Forget Old Archive"))
        walk.dialog("Jobs panel", frame, button("Bulk actions"))

        # The selection bar's dialogs: one joined room selected.
        # (Space on the current row: the row's check box is no Tab stop, and Qt 6.4's Toggle
        # action does not make it emit toggled.)
        tree.set_focus(rooms)
        tree.pump(0.3)
        keys.key("Home")
        for _ in range(5):
            row = tree.focused_leaf(rooms)
            if row is not None and row.name.startswith("Garden Club"):
                break
            keys.key("Down")
            tree.pump(0.3)
        keys.key("space")
        tree.find(frame, role="push button", name="Leave the selected joined room", timeout=5)
        tree.pump(0.3)
        say("- room list with a selection")
        walk.page("room list with a selection", list_page)
        walk.dialog("bulk confirm dialog", frame, button("Leave the selected joined room"))
        walk.dialog("Invite many dialog", frame, button("Invite a list of people to the selected room"),
                    prepare=fill_first_text(server.other["user_id"]))

        # The room directory (issue 13): its search, rows and their buttons, then back.
        say("- room directory")
        walk.press(tree.find(frame, role="push button", name="Browse the room directory",
                             what="the Directory button"))
        directory = tree.find(frame, role="page tab", name="Room directory", timeout=10,
                              what="the room directory page")
        # Searched for by name: other tests on the same server publish rooms of their own.
        search = tree.find(directory, role="text", name="Search public rooms", timeout=5,
                           what="the directory's search field")
        walk.type_into(search, server.public_name)
        deadline = time.monotonic() + 15
        while not any(server.public_name in n["name"] for n in tree.walk(directory)):
            if time.monotonic() > deadline:
                raise WalkError(f"{server.public_name} never showed in the directory")
            tree.pump(0.3)
        tree.pump(0.5)
        walk.page("room directory", directory)
        walk.press(tree.find(directory, role="push button", name="Close the room directory",
                             what="the directory's Close button"))
        tree.pump(0.5)

        # Invite triage (issue 12): the pending invite under its sender.
        say("- invite triage")
        walk.press(tree.find(frame, role="push button", name="Triage invites and blocked users",
                             what="the Triage invites button"))
        triage = tree.find(frame, role="page tab", name="Invite triage", timeout=10,
                           what="the invite triage page")
        deadline = time.monotonic() + 15
        while not any(server.other["user_id"] in n["name"] or "Grace Hopper" in n["name"]
                      for n in tree.walk(triage)):
            if time.monotonic() > deadline:
                raise WalkError("the invite's sender never showed on the triage page")
            tree.pump(0.3)
        tree.pump(0.5)
        walk.page("invite triage", triage)
        keys.key("Escape")
        tree.pump(0.5)

        # The accounts overview (issue 14), from the account's button in the toolbar: the one
        # account's row with its Switch (disabled: shown) and Sign out, Add account, Close.
        say("- accounts overview")
        walk.press(tree.find(frame, role="push button",
                             name=f"Signed in as {server.user['user_id']}. Accounts",
                             what="the accounts button"))
        accounts = tree.find(frame, role="page tab", name="Accounts", timeout=10,
                             what="the accounts page")
        tree.pump(0.5)
        walk.page("accounts overview", accounts)
        keys.key("Escape")
        tree.pump(0.5)

        # The members of Tea Room (issue 12), opened from the keyboard: Ctrl+M on its row.
        say("- members page")
        rooms = tree.find(frame, role="list", name="Rooms", timeout=10, what="the room list")
        tree.set_focus(rooms)
        tree.pump(0.3)
        keys.key("Home")
        for _ in range(5):
            row = tree.focused_leaf(rooms)
            if row is not None and row.name.startswith("Tea Room"):
                break
            keys.key("Down")
            tree.pump(0.3)
        keys.key("ctrl+m")
        members = tree.find(frame, role="page tab", name="Members of Tea Room", timeout=10,
                            what="the members page")
        deadline = time.monotonic() + 15
        while not any("Grace Hopper" in n["name"] for n in tree.walk(members)):
            if time.monotonic() > deadline:
                raise WalkError("Grace Hopper never showed on the members page")
            tree.pump(0.3)
        tree.pump(0.5)
        walk.page("members page", members)
        keys.key("Escape")
        tree.pump(0.5)

        say("")
        say("Walked:")
        for line in walk.report:
            say("  " + line)
        if walk.findings:
            say(f"\n{len(walk.findings)} finding(s):")
            for f in walk.findings:
                say("  - " + f)
            return 1
        say("\nNo findings.")
        return 0
    finally:
        if app is not None:
            app.terminate()
            try:
                app.wait(10)
            except subprocess.TimeoutExpired:
                app.kill()
            if app.returncode not in (0, -signal.SIGTERM):
                say(f"(the app exited with {app.returncode}; its log: {home}/app.log)")
        launcher.terminate()
        xvfb.terminate()
        if app is None or app.returncode in (0, -signal.SIGTERM):
            shutil.rmtree(home, ignore_errors=True)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--app", required=True, help="the concierge binary")
    p.add_argument("--harness", required=True, help="tests/synapse/harness.py")
    p.add_argument("--server-json", default=os.environ.get("CONCIERGE_SYNAPSE_SERVER_JSON"),
                   help="the running test Synapse (default: $CONCIERGE_SYNAPSE_SERVER_JSON)")
    args = p.parse_args()
    if not args.server_json:
        say("a11y_walk: no --server-json / CONCIERGE_SYNAPSE_SERVER_JSON")
        return 2
    if not os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        say("a11y_walk: run inside dbus-run-session (it starts its own Xvfb)")
        return 2
    try:
        return run(args)
    except WalkError as e:
        say(f"a11y_walk: the walk could not go on: {e}")
        return 2


if __name__ == "__main__":
    sys.exit(main())
