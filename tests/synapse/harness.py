#!/usr/bin/env python3
"""Manage a local Synapse homeserver for Concierge integration tests and demos.

Stdlib only (Python >= 3.10). All state lives under --root DIR:

  DIR/venv/                 virtualenv with matrix-synapse (pinned below)
  DIR/template/             generated config + signing key + migrated homeserver.db
  DIR/instances/NAME/       a fresh copy of the template per `start`, plus
                            override.yaml, homeserver.log, server.json

Subcommands: setup, start, stop, register, seed, env (see --help).
Only ever talks to 127.0.0.1.
"""

from __future__ import annotations

import argparse
import contextlib
import fcntl
import hashlib
import hmac
import json
import os
import secrets
import shutil
import signal
import socket
import sqlite3
import struct
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import zlib

SYNAPSE_VERSION = "1.163.2"
SERVER_NAME = "localhost"
HOST = "127.0.0.1"
HEALTH_TIMEOUT_S = 120.0
MIGRATE_TIMEOUT_S = 300.0
STOP_TIMEOUT_S = 15.0
TEMPLATE_MARKER = "TEMPLATE_COMPLETE"
TEMPLATE_FILES = ("homeserver.yaml", "localhost.signing.key", "homeserver.db")

# Rate-limit sections understood by synapse/config/ratelimiting.py in 1.163.
# Each leaf gets {per_second: 1000, burst_count: 1000} unless --default-ratelimits.
RATELIMIT_KEYS = {
    "rc_message": None,
    "rc_registration": None,
    "rc_registration_token_validity": None,
    "rc_login": ("address", "account", "failed_attempts"),
    "rc_admin_redaction": None,
    "rc_joins": ("local", "remote"),
    "rc_joins_per_room": None,
    "rc_key_requests": None,
    "rc_3pid_validation": None,
    "rc_invites": ("per_room", "per_user", "per_issuer"),
    "rc_third_party_invite": None,
    "rc_media_create": None,
    "rc_presence": ("per_user",),
    "rc_delayed_event_mgmt": None,
    "rc_room_creation": None,
    "rc_reports": None,
    "rc_user_directory": None,
    "rc_profile": None,
}
HIGH_LIMIT = {"per_second": 1000, "burst_count": 1000}


class HarnessError(Exception):
    """Expected failure: printed without a traceback, exit status 1."""


def say(msg: str) -> None:
    print(f"[harness] {msg}", file=sys.stderr, flush=True)


def tail(path: str, lines: int = 40) -> str:
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            size = f.tell()
            f.seek(max(0, size - 64 * 1024))
            data = f.read().decode("utf-8", "replace")
    except OSError:
        return ""
    return "\n".join(data.splitlines()[-lines:])


def tails(*paths: str) -> str:
    out = []
    for p in paths:
        t = tail(p)
        if t:
            out.append(f"--- tail of {p} ---\n{t}")
    return "\n".join(out)


# --------------------------------------------------------------------------- paths


class Paths:
    def __init__(self, root: str, venv: str | None = None):
        self.root = os.path.abspath(root)
        self.venv = os.path.abspath(venv) if venv else os.path.join(self.root, "venv")
        self.python = os.path.join(self.venv, "bin", "python")
        self.template = os.path.join(self.root, "template")
        self.instances = os.path.join(self.root, "instances")
        self.lock = os.path.join(self.root, ".setup.lock")

    def instance(self, name: str) -> str:
        if not name or "/" in name or name in (".", "..") or name.startswith("."):
            raise HarnessError(f"invalid instance name: {name!r}")
        return os.path.join(self.instances, name)


@contextlib.contextmanager
def locked(path: str):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


# --------------------------------------------------------------------------- processes


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def port_is_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        try:
            s.bind((HOST, port))
        except OSError:
            return False
    return True


def pid_alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            stat = f.read()
    except OSError:
        return False
    # state is the field after the ")" closing the command name; Z = zombie
    state = stat.rsplit(")", 1)[-1].split()[0]
    return state not in ("Z", "X")


def pid_is_our_synapse(pid: int, instance_dir: str) -> bool:
    try:
        with open(f"/proc/{pid}/cmdline", "rb") as f:
            argv = f.read().split(b"\0")
    except OSError:
        return False
    joined = b" ".join(argv)
    return b"synapse.app.homeserver" in joined and instance_dir.encode() in joined


def terminate(pid: int, timeout: float = STOP_TIMEOUT_S, proc: subprocess.Popen | None = None) -> None:
    def alive() -> bool:
        if proc is not None:
            return proc.poll() is None
        return pid_alive(pid)

    if not alive():
        return
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGTERM)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if not alive():
            return
        time.sleep(0.1)
    say(f"pid {pid} did not exit after SIGTERM within {timeout:.0f}s; sending SIGKILL")
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and alive():
        time.sleep(0.1)


# --------------------------------------------------------------------------- config


def write_yaml_json(path: str, data: dict) -> None:
    # JSON is (for our purposes) valid YAML, so no YAML library is needed.
    # 0600: the override carries the registration shared secret.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")


def log_config(log_path: str) -> dict:
    return {
        "version": 1,
        "formatters": {
            "precise": {
                "format": "%(asctime)s - %(name)s - %(lineno)d - %(levelname)s - "
                "%(request)s - %(message)s"
            }
        },
        "filters": {"context": {"()": "synapse.logging.context.LoggingContextFilter", "request": ""}},
        "handlers": {
            "file": {
                "class": "logging.FileHandler",
                "formatter": "precise",
                "filename": log_path,
                "filters": ["context"],
                "encoding": "utf8",
            }
        },
        "loggers": {"synapse.storage.SQL": {"level": "INFO"}},
        "root": {"level": "INFO", "handlers": ["file"]},
        "disable_existing_loggers": False,
    }


def override_config(d: str, port: int, secret: str, default_ratelimits: bool,
                    cas_url: str | None = None) -> dict:
    cfg: dict = {
        "server_name": SERVER_NAME,
        "public_baseurl": f"http://{HOST}:{port}/",
        "pid_file": os.path.join(d, "homeserver.pid"),
        "listeners": [
            {
                "port": port,
                "bind_addresses": [HOST],
                "type": "http",
                "tls": False,
                "x_forwarded": False,
                "resources": [{"names": ["client"], "compress": False}],
            }
        ],
        "database": {"name": "sqlite3", "args": {"database": os.path.join(d, "homeserver.db")}},
        "signing_key_path": os.path.join(d, "localhost.signing.key"),
        "log_config": os.path.join(d, "log.config.yaml"),
        "media_store_path": os.path.join(d, "media_store"),
        "trusted_key_servers": [],
        "suppress_key_server_warning": True,
        "federation_domain_whitelist": [],
        "report_stats": False,
        "registration_shared_secret": secret,
        "enable_registration": False,
        "bcrypt_rounds": 4,
        "presence": {"enabled": False},
        "caches": {"sync_response_cache_duration": 0},
        "user_directory": {"enabled": True, "search_all_users": True},
        "enable_media_repo": True,
        "max_upload_size": "10M",
        "url_preview_enabled": False,
        # A fresh database queues ~55 background updates (indexes, user directory,
        # sliding-sync tables) that by default run ~1 s apart.  Run them flat out.
        "background_updates": {"sleep_enabled": False},
        # Since 1.126 only admins may publish rooms to the public directory by default; the
        # directory tests publish as ordinary users.
        "room_list_publication_rules": [{"action": "allow"}],
    }
    if cas_url:
        # Single sign-on through a CAS server the test runs (it maps the CAS user name to the
        # localpart). The client's loopback redirect is trusted, so Synapse sends the browser
        # straight back instead of asking "continue to your application?".
        cfg["cas_config"] = {"enabled": True, "server_url": cas_url}
        cfg["sso"] = {"client_whitelist": [f"http://{HOST}:"]}
    if not default_ratelimits:
        for key, subkeys in RATELIMIT_KEYS.items():
            if subkeys is None:
                cfg[key] = dict(HIGH_LIMIT)
            else:
                cfg[key] = {sub: dict(HIGH_LIMIT) for sub in subkeys}
    return cfg


# --------------------------------------------------------------------------- http


_OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))  # ignore *_proxy env


class ApiError(HarnessError):
    def __init__(self, msg: str, status: int, errcode: str | None):
        super().__init__(msg)
        self.status = status
        self.errcode = errcode


def http(
    base_url: str,
    method: str,
    path: str,
    token: str | None = None,
    body: dict | None = None,
    raw: bytes | None = None,
    content_type: str | None = None,
    timeout: float = 30.0,
    retries_429: int = 20,
):
    url = base_url.rstrip("/") + path
    if urllib.parse.urlsplit(url).hostname != HOST:
        raise HarnessError(f"refusing to talk to a non-{HOST} URL")
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body).encode()
        headers["Content-Type"] = "application/json"
    elif raw is not None:
        data = raw
        headers["Content-Type"] = content_type or "application/octet-stream"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    shown = path.split("?", 1)[0]
    for _attempt in range(retries_429 + 1):
        req = urllib.request.Request(url, data=data, method=method, headers=headers)
        try:
            with _OPENER.open(req, timeout=timeout) as resp:
                payload = resp.read()
            return json.loads(payload) if payload else {}
        except urllib.error.HTTPError as e:
            payload = e.read()
            try:
                err = json.loads(payload)
            except ValueError:
                err = {"error": payload[:200].decode("utf-8", "replace")}
            if e.code == 429 and isinstance(err, dict):
                wait_ms = err.get("retry_after_ms") or 1000
                say(f"{method} {shown}: rate limited, retrying in {wait_ms} ms")
                time.sleep(min(wait_ms, 60000) / 1000.0)
                continue
            raise ApiError(
                f"{method} {shown} -> HTTP {e.code} {err.get('errcode', '')}: {err.get('error', '')}",
                e.code,
                err.get("errcode"),
            ) from None
        except (urllib.error.URLError, OSError) as e:
            raise HarnessError(f"{method} {shown}: cannot reach {base_url}: {e}") from None
    raise HarnessError(f"{method} {shown}: still rate limited after {retries_429} retries")


def health_ok(base_url: str) -> bool:
    try:
        with _OPENER.open(base_url + "/health", timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError):
        return False


# --------------------------------------------------------------------------- synapse launch


def launch(paths: Paths, d: str, config_files: list[str]) -> tuple[subprocess.Popen, str]:
    out_path = os.path.join(d, "synapse.stdout.log")
    argv = [paths.python, "-m", "synapse.app.homeserver"]
    for c in config_files:
        argv += ["-c", c]
    with open(out_path, "ab") as out:
        proc = subprocess.Popen(
            argv,
            cwd=d,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            close_fds=True,
        )
    with open(os.path.join(d, "pid"), "w") as f:
        f.write(f"{proc.pid}\n")
    return proc, out_path


def wait_healthy(proc: subprocess.Popen, base_url: str, timeout: float, logs: list[str]) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        rc = proc.poll()
        if rc is not None:
            raise HarnessError(f"synapse exited with status {rc} before becoming healthy\n" + tails(*logs))
        if health_ok(base_url):
            return
        time.sleep(0.2)
    terminate(proc.pid, proc=proc)
    raise HarnessError(f"synapse did not become healthy within {timeout:.0f}s\n" + tails(*logs))


def address_in_use(*logs: str) -> bool:
    return any("Address already in use" in tail(p, 200) for p in logs)


# --------------------------------------------------------------------------- setup


def venv_version(paths: Paths) -> str | None:
    if not os.path.exists(paths.python):
        return None
    r = subprocess.run(
        # The distribution's version: synapse.__version__ appends git details when the current
        # directory is inside any git checkout (as a build tree is).
        [paths.python, "-c", "import importlib.metadata as m; print(m.version('matrix-synapse'))"],
        capture_output=True,
        text=True,
    )
    return r.stdout.strip() if r.returncode == 0 else None


def ensure_venv(paths: Paths) -> None:
    version = venv_version(paths)
    if version == SYNAPSE_VERSION:
        return
    if not os.path.exists(paths.python):
        say(f"creating venv {paths.venv}")
        r = subprocess.run([sys.executable, "-m", "venv", paths.venv], capture_output=True, text=True)
        if r.returncode != 0:
            raise HarnessError(
                f"python3 -m venv failed (on Debian install the python3-venv package):\n{r.stderr.strip()}"
            )
    log = os.path.join(paths.root, "pip.log")
    say(f"installing matrix-synapse=={SYNAPSE_VERSION} into {paths.venv} (log: {log}); takes a minute or two")
    with open(log, "ab") as f:
        r = subprocess.run(
            [paths.python, "-m", "pip", "install", "--disable-pip-version-check",
             f"matrix-synapse=={SYNAPSE_VERSION}"],
            stdin=subprocess.DEVNULL, stdout=f, stderr=subprocess.STDOUT,
        )
    if r.returncode != 0:
        raise HarnessError(f"pip install failed (status {r.returncode})\n" + tails(log))
    version = venv_version(paths)
    if version != SYNAPSE_VERSION:
        raise HarnessError(f"after pip install, synapse version is {version!r}, expected {SYNAPSE_VERSION}")


def pending_background_updates(db: str) -> int:
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=10)
    try:
        return con.execute("SELECT count(*) FROM background_updates").fetchone()[0]
    finally:
        con.close()


def wait_background_updates(proc: subprocess.Popen, db: str, timeout: float, logs: list[str]) -> None:
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise HarnessError(f"synapse exited with status {proc.returncode} during background updates\n"
                               + tails(*logs))
        try:
            n = pending_background_updates(db)
        except sqlite3.Error:
            n = -1
        if n == 0:
            return
        if n != last and n > 0:
            say(f"{n} background updates pending")
            last = n
        time.sleep(0.5)
    raise HarnessError(f"background updates did not finish within {timeout:.0f}s\n" + tails(*logs))


def template_complete(paths: Paths) -> bool:
    marker = os.path.join(paths.template, TEMPLATE_MARKER)
    try:
        with open(marker) as f:
            if f.read().strip() != SYNAPSE_VERSION:
                return False
        if not all(os.path.exists(os.path.join(paths.template, f)) for f in TEMPLATE_FILES):
            return False
        return pending_background_updates(os.path.join(paths.template, "homeserver.db")) == 0
    except (OSError, sqlite3.Error):
        return False


def build_template(paths: Paths) -> None:
    t = paths.template
    shutil.rmtree(t, ignore_errors=True)
    os.makedirs(t)
    say("generating synapse config")
    r = subprocess.run(
        [paths.python, "-m", "synapse.app.homeserver", "--server-name", SERVER_NAME,
         "--config-path", os.path.join(t, "homeserver.yaml"), "--data-directory", t,
         "--generate-config", "--report-stats=no"],
        cwd=t, capture_output=True, text=True,
    )
    if r.returncode != 0:
        raise HarnessError(f"synapse --generate-config failed:\n{r.stdout}{r.stderr}")
    for f in ("homeserver.yaml", "localhost.signing.key"):
        if not os.path.exists(os.path.join(t, f)):
            raise HarnessError(f"synapse --generate-config did not produce {f}")

    say("migrating the database schema (first start)")
    t0 = time.monotonic()
    write_yaml_json(os.path.join(t, "log.config.yaml"), log_config(os.path.join(t, "migrate.log")))
    for _attempt in range(3):
        port = free_port()
        cfg = override_config(t, port, secrets.token_hex(16), default_ratelimits=False)
        write_yaml_json(os.path.join(t, "override.yaml"), cfg)
        proc, out = launch(paths, t, [os.path.join(t, "homeserver.yaml"), os.path.join(t, "override.yaml")])
        logs = [os.path.join(t, "migrate.log"), out]
        try:
            wait_healthy(proc, f"http://{HOST}:{port}", MIGRATE_TIMEOUT_S, logs)
            break
        except HarnessError:
            if proc.poll() is not None and address_in_use(*logs):
                say(f"port {port} was taken, retrying")
                continue
            raise
    else:
        raise HarnessError("could not find a free port for the migration run")
    say(f"schema migrated in {time.monotonic() - t0:.1f}s; waiting for background updates")
    db = os.path.join(t, "homeserver.db")
    try:
        wait_background_updates(proc, db, MIGRATE_TIMEOUT_S, logs)
    finally:
        terminate(proc.pid, proc=proc)
    say(f"database ready in {time.monotonic() - t0:.1f}s")

    try:
        con = sqlite3.connect(db)
        try:
            con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            (n,) = con.execute("SELECT count(*) FROM sqlite_master WHERE name = 'schema_version'").fetchone()
            con.execute("PRAGMA journal_mode = DELETE")
        finally:
            con.close()
    except sqlite3.Error as e:
        raise HarnessError(f"migrated database {db} is unusable: {e}") from None
    if n != 1:
        raise HarnessError(f"migrated database {db} has no schema_version table\n" + tails(*logs))

    # Keep only what instances need.
    keep = set(TEMPLATE_FILES)
    for entry in os.listdir(t):
        if entry not in keep:
            p = os.path.join(t, entry)
            if os.path.isdir(p):
                shutil.rmtree(p, ignore_errors=True)
            else:
                os.unlink(p)
    with open(os.path.join(t, TEMPLATE_MARKER), "w") as f:
        f.write(f"{SYNAPSE_VERSION}\n")


def setup(paths: Paths) -> None:
    os.makedirs(paths.root, exist_ok=True)
    with locked(paths.lock):
        ensure_venv(paths)
        if not template_complete(paths):
            build_template(paths)


# --------------------------------------------------------------------------- start / stop


def read_server(paths: Paths, name: str) -> dict:
    p = os.path.join(paths.instance(name), "server.json")
    try:
        with open(p) as f:
            return json.load(f)
    except FileNotFoundError:
        raise HarnessError(f"instance {name!r} has no server.json (not started?): {p}") from None
    except ValueError as e:
        raise HarnessError(f"{p} is corrupt: {e}") from None


def stop(paths: Paths, name: str) -> bool:
    d = paths.instance(name)
    pid = None
    for fname, getter in (("server.json", lambda f: json.load(f).get("pid")), ("pid", lambda f: int(f.read()))):
        try:
            with open(os.path.join(d, fname)) as f:
                pid = getter(f)
            if pid:
                break
        except (OSError, ValueError):
            continue
    if not pid or not pid_alive(pid):
        return False
    if not pid_is_our_synapse(pid, d):
        say(f"pid {pid} is not this instance's synapse any more; not signalling it")
        return False
    terminate(pid)
    return True


def start(paths: Paths, name: str, default_ratelimits: bool, port: int | None,
          cas_url: str | None = None) -> dict:
    setup(paths)
    d = paths.instance(name)
    if os.path.exists(d):
        if stop(paths, name):
            say(f"stopped previous instance {name!r}")
        shutil.rmtree(d)
    if port is not None and not port_is_free(port):
        raise HarnessError(f"port {port} on {HOST} is already in use")
    os.makedirs(paths.instances, exist_ok=True)
    shutil.copytree(paths.template, d)
    os.unlink(os.path.join(d, TEMPLATE_MARKER))
    log = os.path.join(d, "homeserver.log")
    write_yaml_json(os.path.join(d, "log.config.yaml"), log_config(log))
    secret = secrets.token_hex(32)

    t0 = time.monotonic()
    for _attempt in range(3):
        chosen = port if port is not None else free_port()
        write_yaml_json(os.path.join(d, "override.yaml"),
                        override_config(d, chosen, secret, default_ratelimits, cas_url))
        proc, out = launch(paths, d, [os.path.join(d, "homeserver.yaml"), os.path.join(d, "override.yaml")])
        base_url = f"http://{HOST}:{chosen}"
        try:
            wait_healthy(proc, base_url, HEALTH_TIMEOUT_S, [log, out])
            break
        except HarnessError:
            if port is None and proc.poll() is not None and address_in_use(log, out):
                say(f"port {chosen} was taken, retrying")
                continue
            raise
    else:
        raise HarnessError("could not find a free port")
    info = {
        "base_url": base_url,
        "server_name": SERVER_NAME,
        "shared_secret": secret,
        "pid": proc.pid,
        "log": log,
    }
    tmp = os.path.join(d, "server.json.tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(info, f, indent=2)
        f.write("\n")
    os.replace(tmp, os.path.join(d, "server.json"))
    say(f"instance {name!r} healthy at {base_url} after {time.monotonic() - t0:.1f}s (pid {proc.pid})")
    return info


def restart(paths: Paths, name: str) -> dict:
    """Stops a running instance and starts it again on the same port with the same database:
    for tests of a client surviving its server going away and coming back."""
    info = read_server(paths, name)
    d = paths.instance(name)
    stop(paths, name)
    proc, out = launch(paths, d, [os.path.join(d, "homeserver.yaml"), os.path.join(d, "override.yaml")])
    wait_healthy(proc, info["base_url"], HEALTH_TIMEOUT_S, [info["log"], out])
    info["pid"] = proc.pid
    write_private_json(os.path.join(d, "server.json"), info)
    say(f"instance {name!r} restarted at {info['base_url']} (pid {proc.pid})")
    return info


# --------------------------------------------------------------------------- register


def register(
    base_url: str,
    shared_secret: str,
    localpart: str,
    password: str | None = None,
    admin: bool = False,
    displayname: str | None = None,
) -> dict:
    """Shared-secret registration. Returns {user_id, access_token, device_id}."""
    if password is None:
        password = default_password(localpart)
    nonce = http(base_url, "GET", "/_synapse/admin/v1/register")["nonce"]
    mac = hmac.new(shared_secret.encode(), digestmod=hashlib.sha1)
    mac.update(b"\0".join([nonce.encode(), localpart.encode(), password.encode(),
                           b"admin" if admin else b"notadmin"]))
    body = {"nonce": nonce, "username": localpart, "password": password,
            "admin": admin, "mac": mac.hexdigest()}
    if displayname:
        body["displayname"] = displayname
    r = http(base_url, "POST", "/_synapse/admin/v1/register", body=body)
    return {"user_id": r["user_id"], "access_token": r["access_token"], "device_id": r.get("device_id")}


def default_password(localpart: str) -> str:
    return f"{localpart}-password"


# --------------------------------------------------------------------------- seed


def make_png(width: int, height: int, rgb_a: tuple, rgb_b: tuple) -> bytes:
    """A small diagonal two-colour PNG, stdlib only."""
    rows = bytearray()
    for y in range(height):
        rows.append(0)  # filter: none
        for x in range(width):
            rows.extend(rgb_a if (x + y) < width else rgb_b)

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(bytes(rows), 9)) + chunk(b"IEND", b""))


SEED_USERS = {
    "alice": "Alice Liddell",
    "bob": "Bob Builder",
    "carol": "Carol Danvers",
    "dave": "Dave Lister",
}
HTML_ROOM_NAME = "<b>bold</b><img src=x> markup test"


class Seeder:
    def __init__(self, base_url: str):
        self.base = base_url
        self.tokens: dict[str, str] = {}
        self.ids: dict[str, str] = {}
        self.rooms: dict[str, str] = {}

    def call(self, who: str, method: str, path: str, body: dict | None = None, **kw):
        return http(self.base, method, path, token=self.tokens[who], body=body, **kw)

    def upload_png(self, who: str, filename: str, a: tuple, b: tuple) -> str:
        png = make_png(64, 64, a, b)
        q = urllib.parse.urlencode({"filename": filename})
        return self.call(who, "POST", f"/_matrix/media/v3/upload?{q}", raw=png, content_type="image/png")[
            "content_uri"]

    def create(self, who: str, label: str, *, name: str | None = None, topic: str | None = None,
               alias: str | None = None, preset: str = "private_chat", public: bool = False,
               invite: tuple = (), is_direct: bool = False, avatar: str | None = None,
               room_version: str | None = None, join_rule: str | None = None,
               space: bool = False) -> str:
        body: dict = {"preset": preset, "visibility": "public" if public else "private"}
        if space:
            body["creation_content"] = {"type": "m.space"}
        if room_version is not None:
            body["room_version"] = room_version
        if name is not None:
            body["name"] = name
        if topic is not None:
            body["topic"] = topic
        if alias is not None:
            body["room_alias_name"] = alias
        if invite:
            body["invite"] = [self.ids[u] for u in invite]
        if is_direct:
            body["is_direct"] = True
        initial_state = []
        if avatar is not None:
            initial_state.append({"type": "m.room.avatar", "state_key": "", "content": {"url": avatar}})
        if join_rule is not None:  # after the preset's, so it wins
            initial_state.append({"type": "m.room.join_rules", "state_key": "", "content": {"join_rule": join_rule}})
        if initial_state:
            body["initial_state"] = initial_state
        room_id = self.call(who, "POST", "/_matrix/client/v3/createRoom", body)["room_id"]
        self.rooms[label] = room_id
        return room_id

    def add_child(self, who: str, space_id: str, child_id: str) -> None:
        self.call(who, "PUT",
                  f"/_matrix/client/v3/rooms/{urllib.parse.quote(space_id)}/state/m.space.child/"
                  f"{urllib.parse.quote(child_id, safe='')}", {"via": [SERVER_NAME]})

    def join(self, who: str, room: str) -> None:
        self.call(who, "POST", f"/_matrix/client/v3/join/{urllib.parse.quote(room, safe='')}", {})

    def invite(self, who: str, room_id: str, target: str) -> None:
        self.call(who, "POST", f"/_matrix/client/v3/rooms/{urllib.parse.quote(room_id)}/invite",
                  {"user_id": self.ids[target]})

    def leave(self, who: str, room_id: str) -> None:
        self.call(who, "POST", f"/_matrix/client/v3/rooms/{urllib.parse.quote(room_id)}/leave", {})

    def say_in(self, who: str, room_id: str, text: str) -> None:
        txn = secrets.token_hex(8)
        self.call(who, "PUT",
                  f"/_matrix/client/v3/rooms/{urllib.parse.quote(room_id)}/send/m.room.message/{txn}",
                  {"msgtype": "m.text", "body": text})


def seed(paths: Paths, name: str) -> dict:
    d = paths.instance(name)
    server = read_server(paths, name)
    base = server["base_url"]
    cached = os.path.join(d, "seed.json")
    if os.path.exists(cached):
        say(f"instance {name!r} already seeded; reusing {cached}")
        with open(cached) as f:
            return json.load(f)
    if not health_ok(base):
        raise HarnessError(f"instance {name!r} is not running at {base}")

    t0 = time.monotonic()
    s = Seeder(base)
    users: dict[str, dict] = {}
    for lp, display in SEED_USERS.items():
        r = register(base, server["shared_secret"], lp, displayname=display)
        s.tokens[lp], s.ids[lp] = r["access_token"], r["user_id"]
        users[lp] = {"user_id": r["user_id"], "access_token": r["access_token"],
                     "device_id": r["device_id"], "password": default_password(lp),
                     "display_name": display}
    adm = register(base, server["shared_secret"], "admin", admin=True, displayname="Server Admin")
    say("registered alice, bob, carol, dave and admin")

    # Profiles
    bob_avatar = s.upload_png("bob", "bob.png", (230, 126, 34), (44, 62, 80))
    s.call("bob", "PUT", f"/_matrix/client/v3/profile/{urllib.parse.quote(s.ids['bob'])}/avatar_url",
           {"avatar_url": bob_avatar})

    # Joined rooms (6)
    general_avatar = s.upload_png("alice", "general.png", (52, 152, 219), (236, 240, 241))
    rust_avatar = s.upload_png("bob", "rust.png", (183, 65, 14), (30, 30, 30))
    general = s.create("alice", "general", name="General", topic="Company-wide announcements and chatter",
                       alias="general", preset="public_chat", public=True, avatar=general_avatar,
                       invite=("bob", "carol", "dave"))
    for u in ("bob", "carol", "dave"):
        s.join(u, general)
    s.say_in("alice", general, "Welcome to Concierge, everyone!")
    s.say_in("bob", general, "Hi Alice!")

    rust = s.create("bob", "rust-lovers", name="Rust Lovers", topic="Fearless concurrency, borrowck memes",
                    alias="rust-lovers", preset="public_chat", public=True, avatar=rust_avatar)
    s.join("alice", f"#rust-lovers:{SERVER_NAME}")
    s.join("carol", f"#rust-lovers:{SERVER_NAME}")
    s.say_in("carol", rust, "Has anyone tried the new edition yet?")

    random_room = s.create("carol", "random", name="Random", topic="Off-topic, cat pictures welcome",
                           alias="random", invite=("alice", "dave"))
    s.join("alice", random_room)
    s.join("dave", random_room)

    html = s.create("alice", "html", name=HTML_ROOM_NAME,
                    topic="This <i>name</i> must render as plain text, not HTML",
                    alias="markup-test")
    s.say_in("alice", html, "If the room name above is bold, something is wrong.")

    dm = s.create("alice", "dm-bob", preset="trusted_private_chat", is_direct=True, invite=("bob",))
    s.join("bob", dm)
    s.call("alice", "PUT", f"/_matrix/client/v3/user/{urllib.parse.quote(s.ids['alice'])}/account_data/m.direct",
           {s.ids["bob"]: [dm]})
    s.call("bob", "PUT", f"/_matrix/client/v3/user/{urllib.parse.quote(s.ids['bob'])}/account_data/m.direct",
           {s.ids["alice"]: [dm]})
    s.say_in("bob", dm, "Lunch tomorrow?")

    announce = s.create("dave", "announcements", name="Announcements", topic="Read-only news from Dave",
                        alias="announcements", preset="public_chat", public=False)
    s.join("alice", announce)
    s.join("carol", announce)
    say("created 6 joined rooms")

    # Pending invites to alice
    design = s.create("bob", "design-team", name="Design team", topic="Mockups and pixel pushing",
                      invite=("alice",))
    book = s.create("carol", "book-club", name="Book club", topic="This month: Through the Looking-Glass",
                    avatar=s.upload_png("carol", "books.png", (142, 68, 173), (241, 196, 15)),
                    invite=("dave",))
    s.join("dave", book)
    s.invite("carol", book, "alice")
    hike = s.create("dave", "weekend-hike", name="Weekend hike", topic="Saturday 9am at the trailhead",
                    invite=("alice", "bob"))
    del design, hike
    say("created 3 pending invites to alice")

    # Rooms alice has left
    old = s.create("bob", "old-project", name="Old project", topic="Archived: the 2024 rewrite",
                   invite=("alice", "carol"))
    s.join("alice", old)
    s.join("carol", old)
    s.say_in("bob", old, "Wrapping this up, thanks all.")
    s.leave("alice", old)
    archive = s.create("alice", "archived-chat", name="Archived chat", invite=("carol",))
    s.join("carol", archive)
    s.leave("alice", archive)
    say("created 2 rooms alice has left")

    # Public room alice is not in
    s.create("dave", "lobby", name="Lobby", topic="Public lobby; join by alias #lobby:localhost",
             alias="lobby", preset="public_chat", public=True)
    s.join("bob", f"#lobby:{SERVER_NAME}")

    # A room that takes requests to join (knocks; room version 10), listed in the directory,
    # carol's with bob in it: alice is not in it and can ask to join.
    maintainers = s.create("carol", "maintainers", name="Maintainers",
                           topic="Core maintainers; ask to join with a few words about yourself",
                           alias="maintainers", public=True, room_version="10", join_rule="knock",
                           invite=("bob",))
    s.join("bob", maintainers)
    say("created a public room and a knock-rule room alice is not in")

    # Spaces (issue 15): alice's "Team" with General, Random and the Lobby she is not in, and a
    # sub-space "Side projects" with Rust Lovers and the knock-rule Maintainers.
    team = s.create("alice", "team-space", name="Team", topic="Everything the team shares",
                    alias="team", preset="public_chat", public=True, space=True)
    side = s.create("alice", "side-projects", name="Side projects", topic="Hobby rooms",
                    preset="public_chat", space=True)
    for child in (general, random_room, s.rooms["lobby"], side):
        s.add_child("alice", team, child)
    for child in (rust, maintainers):
        s.add_child("alice", side, child)
    say("created the space Team with a sub-space")
    say(f"seeded in {time.monotonic() - t0:.1f}s")

    result = {
        "base_url": base,
        "server_name": SERVER_NAME,
        "user_id": users["alice"]["user_id"],
        "access_token": users["alice"]["access_token"],
        "device_id": users["alice"]["device_id"],
        "users": users,
        "admin": {"user_id": adm["user_id"], "access_token": adm["access_token"]},
        "rooms": dict(s.rooms),
    }
    write_private_json(cached, result)
    return result


def write_private_json(path: str, data: dict) -> None:
    path = os.path.abspath(path)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    os.fchmod(fd, 0o600)
    with os.fdopen(fd, "w") as f:
        json.dump(data, f, indent=2)
        f.write("\n")


# --------------------------------------------------------------------------- CLI


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description="Manage a local Synapse homeserver for Concierge tests.")
    p.add_argument("--root", required=True, help="state directory (venv, template, instances)")
    p.add_argument("--venv", help=argparse.SUPPRESS)  # reuse an existing venv instead of ROOT/venv
    sub = p.add_subparsers(dest="cmd", required=True)
    sub.add_parser("setup", help="create venv + migrated database template (idempotent)")
    sp = sub.add_parser("start", help="start a fresh instance; prints server.json")
    sp.add_argument("--name", required=True)
    sp.add_argument("--default-ratelimits", action="store_true",
                    help="keep Synapse's default (low) rate limits")
    sp.add_argument("--port", type=int)
    sp.add_argument("--cas-url", help="enable single sign-on through the CAS server at this "
                    "http://127.0.0.1 URL (the test runs it)")
    sp = sub.add_parser("restart", help="stop and start an instance keeping its database and port")
    sp.add_argument("--name", required=True)
    sp = sub.add_parser("stop", help="stop an instance (ok if not running)")
    sp.add_argument("--name", required=True)
    sp = sub.add_parser("register", help="register a user via shared secret; prints JSON with token")
    sp.add_argument("--name", required=True)
    sp.add_argument("--user", required=True, help="localpart")
    sp.add_argument("--password", help="default: LOCALPART-password")
    sp.add_argument("--admin", action="store_true")
    sp.add_argument("--displayname")
    sp = sub.add_parser("seed", help="seed demo users/rooms; writes FILE (0600)")
    sp.add_argument("--name", required=True)
    sp.add_argument("--out", required=True)
    sp = sub.add_parser("env", help="print an instance's server.json")
    sp.add_argument("--name", required=True)
    args = p.parse_args(argv)

    paths = Paths(args.root, args.venv)
    try:
        if args.cmd == "setup":
            t0 = time.monotonic()
            setup(paths)
            say(f"setup ready in {time.monotonic() - t0:.1f}s")
        elif args.cmd == "start":
            if args.port is not None and not (1 <= args.port <= 65535):
                raise HarnessError(f"invalid port {args.port}")
            if args.cas_url and not args.cas_url.startswith(f"http://{HOST}:"):
                raise HarnessError(f"--cas-url must be a http://{HOST}: address")
            print(json.dumps(start(paths, args.name, args.default_ratelimits, args.port,
                                   args.cas_url)))
        elif args.cmd == "restart":
            print(json.dumps(restart(paths, args.name)))
        elif args.cmd == "stop":
            if stop(paths, args.name):
                say(f"stopped instance {args.name!r}")
            else:
                say(f"instance {args.name!r} was not running")
        elif args.cmd == "register":
            server = read_server(paths, args.name)
            print(json.dumps(register(server["base_url"], server["shared_secret"], args.user,
                                      args.password, args.admin, args.displayname)))
        elif args.cmd == "seed":
            write_private_json(args.out, seed(paths, args.name))
            say(f"wrote {os.path.abspath(args.out)}")
        elif args.cmd == "env":
            print(json.dumps(read_server(paths, args.name)))
    except HarnessError as e:
        print(f"harness: error: {e}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("harness: interrupted", file=sys.stderr)
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
