#!/usr/bin/env bash
# Installs the Debian 12 packages Concierge needs to build, test, run and package.
# Only calls apt-get when something is missing, so a second run takes a second.
set -euo pipefail

packages=(
  # build
  build-essential cmake ninja-build pkg-config clang-format
  qt6-base-dev qt6-declarative-dev qt6-declarative-dev-tools qt6-websockets-dev
  qt6-httpserver-dev qtkeychain-qt6-dev libqt6sql6-sqlite libsimdjson-dev
  # translations: lupdate/lrelease and their CMake functions (the catalogue is checked by a test)
  qt6-tools-dev qt6-l10n-tools
  # QML runtime modules the app and its tests import
  qml6-module-qtquick qml6-module-qtqml qml6-module-qtqml-models qml6-module-qtqml-workerscript
  qml6-module-qtquick-controls qml6-module-qtquick-templates qml6-module-qtquick-layouts
  qml6-module-qtquick-window qml6-module-qttest qml6-module-qtquick-dialogs
  # rendering and screenshots
  fonts-dejavu-core libgl1-mesa-dri xvfb xauth imagemagick
  # the accessibility walk (tests/a11y): the AT-SPI bus, Debian's pyatspi, real key events
  at-spi2-core python3-pyatspi xdotool
  # the test homeserver (Synapse from PyPI in a venv) and the keychain
  python3 python3-venv dbus gnome-keyring libsecret-1-0
  # packaging
  dpkg-dev file desktop-file-utils appstream librsvg2-bin
  # ASan/UBSan unit tests and libFuzzer targets (scripts/test-sanitizers.sh)
  clang libclang-rt-14-dev
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# python3 may come from elsewhere (pyenv); what matters is that it can make a venv.
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi
echo "install-deps: installing ${missing[*]}"
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done"
