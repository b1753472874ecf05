#!/usr/bin/env bash
# Validates the menu entry the package installs: desktop-file-validate (errors and warnings both
# fail), plus what the rest of the desktop integration relies on: the file is named after the app
# ID, Icon is the app ID, Exec starts the installed `concierge` with a %u for matrix: links, and
# it is registered for x-scheme-handler/matrix.
#   check_desktop_file.sh <file.desktop> <app-id>
set -euo pipefail
desktop=$1
app_id=$2
fail=0
check() { # check <description> <command...>
  local what=$1; shift
  if "$@"; then echo "ok   - $what"; else echo "FAIL - $what"; fail=1; fi
}
field() { sed -n "/^\[Desktop Entry\]/,/^\[/{s/^$1=//p}" "$desktop" | head -n1; }

echo "checking $desktop"
out=$(desktop-file-validate "$desktop" 2>&1) && rc=0 || rc=$?
[ -n "$out" ] && printf '%s\n' "$out"
check "desktop-file-validate exits 0" test "$rc" -eq 0
check "desktop-file-validate prints no error or warning" \
  bash -c '! grep -qiE "(error|warning):" <<<"$1"' _ "$out"
check "file name is the app ID ($app_id.desktop)" test "$(basename "$desktop")" = "$app_id.desktop"
check "Type=Application" test "$(field Type)" = Application
check "Icon is the app ID" test "$(field Icon)" = "$app_id"
exec_line=$(field Exec)
check "Exec ('$exec_line') runs concierge with %u" test "$exec_line" = "concierge %u"
check "TryExec is concierge" test "$(field TryExec)" = concierge
check "MimeType registers x-scheme-handler/matrix" \
  bash -c '[[ ";$1" == *";x-scheme-handler/matrix;"* ]]' _ "$(field MimeType)"
check "Categories include Network and InstantMessaging" \
  bash -c '[[ ";$1" == *";Network;"* && ";$1" == *";InstantMessaging;"* ]]' _ "$(field Categories)"
check "Name and GenericName are set" test -n "$(field Name)" -a -n "$(field GenericName)"
check "StartupWMClass matches the X11 class (application name) concierge" \
  test "$(field StartupWMClass)" = concierge
exit $fail
