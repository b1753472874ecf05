#!/usr/bin/env bash
# The full package test: builds the .deb and the .tar.gz with CPack from the build tree, checks
# their contents, installs the .deb into this machine with apt-get, checks the installed files are
# where the menu entry and the metainfo say, runs the installed programs (--version, --help, the
# GUI offscreen, the menu entry's Exec line, concierge-cli against the test Synapse), then removes
# the package and checks nothing is left. The package is removed on every exit path (trap).
#
# Needs root (or password-less sudo). Runs under ctest with the `synapse` fixture; these come from
# the environment (tests/packaging/CMakeLists.txt):
#   BUILD_DIR WORK_DIR APP_ID VERSION CPACK PYTHON HARNESS SYNAPSE_ROOT SERVER_JSON ICON_SIZES
# The access token of the test user is never printed.
set -euo pipefail
for v in BUILD_DIR WORK_DIR APP_ID VERSION CPACK PYTHON HARNESS SYNAPSE_ROOT SERVER_JSON ICON_SIZES; do
  [ -n "${!v:-}" ] || { echo "FAIL - $v is not set (run through ctest)"; exit 1; }
done

fail=0
ok()   { echo "ok   - $*"; }
bad()  { echo "FAIL - $*"; fail=1; }
check() { local what=$1; shift; if "$@"; then ok "$what"; else bad "$what"; fi; }
die()  { echo "FAIL - $*"; exit 1; }
step() { echo; echo "== $*"; }

SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  sudo -n true 2>/dev/null || die "installing the .deb needs root or password-less sudo"
  SUDO="sudo -n"
fi
apt_get() { $SUDO env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 "$@"; }
is_installed() { dpkg-query -W -f='${Status}' concierge 2>/dev/null | grep -q 'install ok installed'; }

# One package test per machine at a time, whichever build tree it runs from.
exec 9>/var/lock/concierge-package-test.lock
flock -w 900 9 || die "another package test holds /var/lock/concierge-package-test.lock"

installed=0
cleanup() {
  local rc=$?
  if [ "$installed" -eq 1 ]; then
    echo "cleanup: removing the concierge package"
    apt_get remove -y -qq concierge >/dev/null 2>&1 || $SUDO dpkg --remove concierge >/dev/null 2>&1 || true
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

arch=$(dpkg --print-architecture)
pkgs=$WORK_DIR/packages
root=$WORK_DIR/deb-root
rm -rf "$WORK_DIR"
mkdir -p "$pkgs" "$root" "$WORK_DIR/home" "$WORK_DIR/runtime"
chmod 700 "$WORK_DIR/runtime"

# Everything the package must install, relative to the prefix, and nothing else.
expected=(
  bin/concierge
  bin/concierge-cli
  "share/applications/$APP_ID.desktop"
  "share/metainfo/$APP_ID.metainfo.xml"
  "share/icons/hicolor/scalable/apps/$APP_ID.svg"
)
for s in $ICON_SIZES; do expected+=("share/icons/hicolor/${s}x${s}/apps/$APP_ID.png"); done

# ---------------------------------------------------------------------------------------------
step "building the packages: cpack -G DEB;TGZ"
if ! (cd "$BUILD_DIR" && "$CPACK" -G 'DEB;TGZ' -B "$pkgs" --config "$BUILD_DIR/CPackConfig.cmake") \
     >"$WORK_DIR/cpack.log" 2>&1; then
  tail -n 40 "$WORK_DIR/cpack.log"
  die "cpack failed (log: $WORK_DIR/cpack.log)"
fi
deb=$pkgs/concierge_${VERSION}-1_${arch}.deb
tgz=$pkgs/concierge-${VERSION}-Linux.tar.gz
check "built $(basename "$deb")" test -f "$deb"
check "built $(basename "$tgz")" test -f "$tgz"
[ -f "$deb" ] || die "no .deb, cannot go on"

step "the .deb's control fields"
dpkg-deb -f "$deb" Package Version Architecture Section Maintainer Depends Recommends | sed 's/^/  /'
field() { dpkg-deb -f "$deb" "$1"; }
check "Package is concierge" test "$(field Package)" = concierge
check "Version is $VERSION-1" test "$(field Version)" = "$VERSION-1"
check "Architecture is $arch" test "$(field Architecture)" = "$arch"
check "Section is net" test "$(field Section)" = net
check "Maintainer is set" test -n "$(field Maintainer)"
check "Depends has the Qt libraries (dpkg-shlibdeps ran)" \
  bash -c '[[ "$1" == *libqt6quick6* && "$1" == *libqt6core6* ]]' _ "$(field Depends)"
check "Depends has the QML runtime modules" \
  bash -c '[[ "$1" == *qml6-module-qtquick-controls* ]]' _ "$(field Depends)"
check "Recommends libsecret-1-0 (QtKeychain loads it at run time)" \
  bash -c '[[ "$1" == *libsecret-1-0* ]]' _ "$(field Recommends)"

step "the .deb's files"
dpkg-deb -x "$deb" "$root"
(cd "$root" && find . -type f -o -type l | sed 's|^\./||' | sort) >"$WORK_DIR/deb-files"
sed 's/^/  /' "$WORK_DIR/deb-files"
printf 'usr/%s\n' "${expected[@]}" | sort >"$WORK_DIR/expected-files"
check "the .deb holds exactly the expected files" diff -u "$WORK_DIR/expected-files" "$WORK_DIR/deb-files"
for b in concierge concierge-cli; do
  f=$root/usr/bin/$b
  check "usr/bin/$b is executable" test -x "$f"
  check "usr/bin/$b has no RPATH/RUNPATH" bash -c '! readelf -d "$1" | grep -qE "R(UN)?PATH"' _ "$f"
  check "usr/bin/$b is stripped" bash -c 'file "$1" | grep -q ", stripped"' _ "$f"
done
for s in $ICON_SIZES; do
  f=$root/usr/share/icons/hicolor/${s}x${s}/apps/$APP_ID.png
  check "the ${s}x${s} icon is a ${s} x ${s} PNG" bash -c 'file "$1" | grep -q "PNG image data, $2 x $2,"' _ "$f" "$s"
done
out=$(appstreamcli validate-tree --no-net "$root" 2>&1) && rc=0 || rc=$?
printf '%s\n' "$out" | sed 's/^/  /'
check "appstreamcli validate-tree --no-net on the .deb's tree: no errors or warnings" \
  bash -c '[ "$1" -eq 0 ] && ! grep -qE "^\s*[EW]:" <<<"$2"' _ "$rc" "$out"

step "the .tar.gz"
if [ -f "$tgz" ]; then
  tar -tzf "$tgz" | grep -v '/$' | sed "s|^concierge-${VERSION}-Linux/||" | sort >"$WORK_DIR/tgz-files"
  printf '%s\n' "${expected[@]}" | sort >"$WORK_DIR/expected-tgz"
  check "the .tar.gz holds exactly the expected files under concierge-${VERSION}-Linux/" \
    diff -u "$WORK_DIR/expected-tgz" "$WORK_DIR/tgz-files"
  mkdir -p "$WORK_DIR/tgz" && tar -xzf "$tgz" -C "$WORK_DIR/tgz"
  out=$("$WORK_DIR/tgz/concierge-${VERSION}-Linux/bin/concierge-cli" --version 2>&1) || true
  check "the unpacked .tar.gz's concierge-cli --version prints $VERSION ('$out')" \
    bash -c '[[ "$1" == *"$2"* ]]' _ "$out" "$VERSION"
fi

# ---------------------------------------------------------------------------------------------
step "installing: apt-get install --no-install-recommends $deb"
if is_installed; then
  echo "note: concierge is already installed (an interrupted earlier run?): removing it first"
  apt_get remove -y -qq concierge >/dev/null
fi
installed=1
if ! apt_get install -y --no-install-recommends "$deb" >"$WORK_DIR/apt-install.log" 2>&1; then
  tail -n 30 "$WORK_DIR/apt-install.log"
  die "apt-get install failed"
fi
grep -A3 -E '^The following (NEW|additional) packages' "$WORK_DIR/apt-install.log" | sed 's/^/  /' || true
check "dpkg reports concierge $VERSION-1 installed" \
  bash -c '[ "$(dpkg-query -W -f="\${Status} \${Version}" concierge)" = "install ok installed $1-1" ]' _ "$VERSION"

step "the installed files"
for f in "${expected[@]}"; do check "/usr/$f exists" test -e "/usr/$f"; done
desktop=/usr/share/applications/$APP_ID.desktop
metainfo=/usr/share/metainfo/$APP_ID.metainfo.xml
dfield() { sed -n "/^\[Desktop Entry\]/,/^\[/{s/^$1=//p}" "$desktop" | head -n1; }
exec_line=$(dfield Exec)
icon=$(dfield Icon)
exec_cmd=${exec_line%% *}
check "the menu entry's Exec ('$exec_line') finds /usr/bin/concierge on PATH" \
  test "$(PATH=/usr/local/bin:/usr/bin:/bin command -v "$exec_cmd")" = /usr/bin/concierge -o \
       "$(PATH=/usr/bin:/bin command -v "$exec_cmd")" = /usr/bin/concierge
check "the menu entry's Icon ($icon) is installed in hicolor (scalable)" \
  test -f "/usr/share/icons/hicolor/scalable/apps/$icon.svg"
for s in $ICON_SIZES; do
  check "the menu entry's Icon is installed at ${s}x${s}" test -f "/usr/share/icons/hicolor/${s}x${s}/apps/$icon.png"
done
launchable=$("$PYTHON" -c 'import sys, xml.etree.ElementTree as E; print(E.parse(sys.argv[1]).getroot().findtext("launchable"))' "$metainfo")
check "the metainfo's launchable ($launchable) is the installed menu entry" \
  test -f "/usr/share/applications/$launchable"
for b in $("$PYTHON" -c 'import sys, xml.etree.ElementTree as E; print(" ".join(b.text for b in E.parse(sys.argv[1]).getroot().findall("provides/binary")))' "$metainfo"); do
  check "the metainfo's provided binary $b is /usr/bin/$b" test -x "/usr/bin/$b"
done
if command -v update-desktop-database >/dev/null; then
  check "the dpkg trigger registered $APP_ID.desktop for x-scheme-handler/matrix (mimeinfo.cache)" \
    grep -qE "^x-scheme-handler/matrix=(.*;)?$APP_ID\.desktop;" /usr/share/applications/mimeinfo.cache
fi

# ---------------------------------------------------------------------------------------------
# The installed programs run in a clean environment: no display, the system PATH, a fresh HOME.
clean_env=(env -i PATH=/usr/bin:/bin HOME="$WORK_DIR/home" XDG_RUNTIME_DIR="$WORK_DIR/runtime"
           XDG_CONFIG_HOME="$WORK_DIR/home/.config" XDG_DATA_HOME="$WORK_DIR/home/.local/share"
           XDG_CACHE_HOME="$WORK_DIR/home/.cache" LANG=C.UTF-8)

step "--version and --help, without a display"
for b in concierge concierge-cli; do
  out=$("${clean_env[@]}" "/usr/bin/$b" --version 2>&1) && rc=0 || rc=$?
  check "/usr/bin/$b --version exits 0 and prints '$b $VERSION' (got '$out')" \
    bash -c '[ "$1" -eq 0 ] && grep -qx "$2 $3" <<<"$4"' _ "$rc" "$b" "$VERSION" "$out"
  out=$("${clean_env[@]}" "/usr/bin/$b" --help 2>&1) && rc=0 || rc=$?
  check "/usr/bin/$b --help exits 0 and prints Usage: with --version and --help" \
    bash -c '[ "$1" -eq 0 ] && grep -q "^Usage: " <<<"$2" && grep -q -- "--version" <<<"$2" && grep -q -- "--help" <<<"$2"' _ "$rc" "$out"
  check "/usr/bin/$b --help names the program in its Usage: line ('$(grep -m1 '^Usage: ' <<<"$out" || true)')" \
    bash -c 'grep -qE "^Usage: (/usr/bin/)?$1 " <<<"$2"' _ "$b" "$out"
done

# Starts the installed app offscreen for a few seconds: it must still be running when stopped (so
# Main.qml loaded: a failed load exits at once) and print no QML warning. QML import tracing is on
# (qt.qml.import): its lines are kept apart and give the QML modules actually loaded.
qml_warnings='is not a type|is not installed|module "[^"]*" .*not|ReferenceError|TypeError|SyntaxError|\.qml:[0-9]+|Cannot assign|Binding loop|Unable to assign|Component is not ready|failed to load|plugin cannot be loaded|Could not find the Qt platform plugin'
run_gui() { # run_gui <label> <argv...>
  local label=$1; shift
  local log=$WORK_DIR/gui-${label//[^a-z]/_}.log rc
  "${clean_env[@]}" QT_QPA_PLATFORM=offscreen QT_FORCE_STDERR_LOGGING=1 QT_LOGGING_RULES=qt.qml.import=true \
    timeout -s TERM 8 "$@" >"$log.all" 2>&1 && rc=0 || rc=$?
  grep -v '^qt\.qml\.import:' "$log.all" >"$log" || true
  grep -oE '"/usr/lib/[^"]*/qt6/qml/[^"]*/qmldir"' "$log.all" | tr -d '"' | sort -u >"$log.qmldirs" || true
  echo "  \$ $*   (exit $rc; output below, if any)"
  sed 's/^/    | /' "$log" | head -n 40
  check "$label: still running after 8 s offscreen (QML loaded)" test "$rc" -eq 124
  check "$label: no QML warnings in the output" bash -c '! grep -qE "$1" "$2"' _ "$qml_warnings" "$log"
  # Every QML module loaded from the system comes from a package the installed concierge Depends on.
  local depends qmldir pkg n=0
  depends=$(dpkg-query -W -f='${Depends}' concierge)
  while read -r qmldir; do
    [ -n "$qmldir" ] || continue
    n=$((n + 1))
    pkg=$(dpkg -S "$qmldir" 2>/dev/null | head -n1 | cut -d: -f1)
    check "$label: loaded ${qmldir#/usr/lib/*/qt6/qml/} from ${pkg:-no package}, which is in Depends" \
      bash -c '[ -n "$1" ] && [[ ", $2," == *", $1"[\ ,]* ]]' _ "$pkg" "$depends"
  done <"$log.qmldirs"
  check "$label: loaded QML modules from the system ($n qmldir files)" test "$n" -gt 0
}

step "the installed GUI, offscreen"
run_gui "concierge --no-keychain" /usr/bin/concierge --no-keychain

step "launching through the menu entry's Exec line ($exec_line)"
# Desktop Entry spec: %u is dropped when launched from the menu, or replaced by one URL.
read -r -a exec_words <<<"$exec_line"
menu_argv=(); link_argv=()
for w in "${exec_words[@]}"; do
  case $w in
    %u) link_argv+=("matrix:r/lobby:localhost?action=join") ;;
    *)  menu_argv+=("$w"); link_argv+=("$w") ;;
  esac
done
run_gui "menu launch" "${menu_argv[@]}"
run_gui "matrix: link launch" "${link_argv[@]}"

# ---------------------------------------------------------------------------------------------
step "the installed concierge-cli against the test Synapse"
[ -f "$SERVER_JSON" ] || die "no $SERVER_JSON: the synapse fixture did not start"
base_url=$("$PYTHON" -c 'import json,sys; print(json.load(open(sys.argv[1]))["base_url"])' "$SERVER_JSON")
echo "  homeserver: $base_url"
user=pkg-$(od -An -N4 -tx4 /dev/urandom | tr -d ' \n')
reg=$("$PYTHON" "$HARNESS" --root "$SYNAPSE_ROOT" register --name tests --user "$user" 2>/dev/null) \
  || die "registering $user failed"
user_id=$("$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["user_id"])' <<<"$reg")
CONCIERGE_ACCESS_TOKEN=$("$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["access_token"])' <<<"$reg")
unset reg
[ -n "$CONCIERGE_ACCESS_TOKEN" ] || die "no access token for $user"
echo "  registered $user_id (access token not shown)"
export CONCIERGE_ACCESS_TOKEN
export CONCIERGE_HOMESERVER=$base_url
# A room of the user's own, to find in the listing (the token goes through the environment).
room_id=$("$PYTHON" - <<'EOF'
import json, os, urllib.request
req = urllib.request.Request(
    os.environ["CONCIERGE_HOMESERVER"].rstrip("/") + "/_matrix/client/v3/createRoom",
    data=json.dumps({"name": "Packaging test room"}).encode(), method="POST",
    headers={"Authorization": "Bearer " + os.environ["CONCIERGE_ACCESS_TOKEN"],
             "Content-Type": "application/json"})
print(json.load(urllib.request.urlopen(req, timeout=30))["room_id"])
EOF
) || die "creating a room for $user failed"
echo "  created $room_id as $user_id"

redact() { sed "s|$CONCIERGE_ACCESS_TOKEN|<token>|g"; }
out=$(cd "$WORK_DIR" && /usr/bin/concierge-cli login 2>&1) && rc=0 || rc=$?
echo "  \$ CONCIERGE_HOMESERVER=$base_url CONCIERGE_ACCESS_TOKEN=... concierge-cli login   (exit $rc)"
redact <<<"$out" | sed 's/^/    | /'
check "concierge-cli login exits 0 and prints $user_id" \
  bash -c '[ "$1" -eq 0 ] && grep -qF "$2" <<<"$3"' _ "$rc" "$user_id" "$out"
check "concierge-cli login does not print the access token" \
  bash -c '! grep -qF "$1" <<<"$2"' _ "$CONCIERGE_ACCESS_TOKEN" "$out"
out=$(cd "$WORK_DIR" && /usr/bin/concierge-cli rooms --json 2>"$WORK_DIR/rooms.err") && rc=0 || rc=$?
echo "  \$ concierge-cli rooms --json   (exit $rc)"
redact <<<"$out" | head -n 30 | sed 's/^/    | /'
redact <"$WORK_DIR/rooms.err" | sed 's/^/    ! /'
check "concierge-cli rooms --json exits 0" test "$rc" -eq 0
check "concierge-cli rooms --json lists $room_id as joined" "$PYTHON" -c '
import json, sys
rooms = json.loads(sys.argv[1])["rooms"]
sys.exit(0 if any(r.get("room_id") == sys.argv[2] and r.get("membership") == "join"
                  for r in rooms) else 1)' "$out" "$room_id"
check "concierge-cli rooms does not print the access token" \
  bash -c '! grep -qF "$1" <<<"$2"' _ "$CONCIERGE_ACCESS_TOKEN" "$out"
unset CONCIERGE_ACCESS_TOKEN CONCIERGE_HOMESERVER

# ---------------------------------------------------------------------------------------------
step "removing: apt-get remove concierge"
if apt_get remove -y concierge >"$WORK_DIR/apt-remove.log" 2>&1; then
  installed=0
  ok "apt-get remove -y concierge"
else
  tail -n 20 "$WORK_DIR/apt-remove.log"
  bad "apt-get remove -y concierge"
fi
check "dpkg no longer reports concierge installed" bash -c '! dpkg-query -W -f="\${Status}" concierge 2>/dev/null | grep -q "install ok installed"'
check "/usr/bin/concierge is gone" test ! -e /usr/bin/concierge
left=()
for f in "${expected[@]}"; do [ ! -e "/usr/$f" ] || left+=("/usr/$f"); done
check "no installed file is left behind (${left[*]:-none})" test "${#left[@]}" -eq 0
if [ -f /usr/share/applications/mimeinfo.cache ]; then
  check "mimeinfo.cache no longer names $APP_ID.desktop" \
    bash -c '! grep -qF "$1.desktop" /usr/share/applications/mimeinfo.cache' _ "$APP_ID"
fi

echo
if [ "$fail" -eq 0 ]; then echo "all package checks passed"; else echo "some package checks FAILED"; fi
exit "$fail"
