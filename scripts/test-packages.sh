#!/usr/bin/env bash
# The Linux packages as a user gets them: builds the .deb and .rpm from the
# debug build the other tests made (`tauri build --debug`, about 25 s on top
# of it), checks their metadata and file lists, installs the .deb with apt,
# runs the installed `idlens --version`, opens the installed app under Xvfb
# on a sandbox tenant and takes a screenshot, then removes the package and
# checks that nothing of it is left in the system paths.
#
#   scripts/test-packages.sh
#
# Needs root or sudo (apt). The screenshot goes to tests/e2e/screenshots/
# installed-app.png. Exit status 0 only when every check passed.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/idlens/target}"

fail() { echo "test-packages: $*" >&2; exit 1; }
check() { echo "  ok: $*"; }
as_root=()
[ "$(id -u)" -eq 0 ] || as_root=(sudo)

version="$(sed -n 's/^version = "\(.*\)"/\1/p' Cargo.toml | head -n 1)"
work="$(mktemp -d "${TMPDIR:-/tmp}/idlens-packages.XXXXXX")"
sandbox_pid=""
cleanup() {
    [ -z "$sandbox_pid" ] || kill "$sandbox_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

echo "==> Bundling the debug build as .deb and .rpm"
TAURI_APP_PATH="$REPO_ROOT" TAURI_FRONTEND_PATH="$REPO_ROOT/ui" \
    node ui/node_modules/@tauri-apps/cli/tauri.js build --debug --bundles deb,rpm >"$work/bundle.log" 2>&1 ||
    { tail -n 30 "$work/bundle.log"; fail "bundling failed"; }
deb="$(ls "$CARGO_TARGET_DIR"/debug/bundle/deb/*_"$version"_amd64.deb)"
rpm="$(ls "$CARGO_TARGET_DIR"/debug/bundle/rpm/*-"$version"-1.x86_64.rpm)"

# The files every package must hold.
expected_files=(
    usr/bin/idlens
    usr/share/applications/IdLens.desktop
    usr/share/icons/hicolor/16x16/apps/idlens.png
    usr/share/icons/hicolor/32x32/apps/idlens.png
    usr/share/icons/hicolor/128x128/apps/idlens.png
)

echo "==> .deb metadata and files ($deb)"
package="$(dpkg-deb -f "$deb" Package)"
[ "$(dpkg-deb -f "$deb" Version)" = "$version" ] || fail ".deb version is not $version"
depends="$(dpkg-deb -f "$deb" Depends)"
for needed in libwebkit2gtk-4.1-0 libgtk-3-0; do
    grep -q "$needed" <<<"$depends" || fail ".deb does not depend on $needed: $depends"
done
grep -q gnome-keyring <<<"$(dpkg-deb -f "$deb" Recommends)" || fail ".deb does not recommend gnome-keyring"
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's#^\./##' >"$work/deb-files"
for file in "${expected_files[@]}"; do
    grep -qx "$file" "$work/deb-files" || fail ".deb lacks $file"
done
check "$package $version: depends on WebKitGTK 4.1 and GTK 3, recommends gnome-keyring, holds the binary, desktop entry and icons"

echo "==> .rpm metadata and files ($rpm)"
[ "$(rpm -qp --qf '%{VERSION}' "$rpm" 2>/dev/null)" = "$version" ] || fail ".rpm version is not $version"
requires="$(rpm -qpR "$rpm" 2>/dev/null)"
for needed in libwebkit2gtk-4.1.so.0 libgtk-3.so.0; do
    grep -q "$needed" <<<"$requires" || fail ".rpm does not require $needed"
done
rpm -qp --recommends "$rpm" 2>/dev/null | grep -q gnome-keyring || fail ".rpm does not recommend gnome-keyring"
rpm -qlp "$rpm" 2>/dev/null | sed 's#^/##' >"$work/rpm-files"
for file in "${expected_files[@]}"; do
    grep -qx "$file" "$work/rpm-files" || fail ".rpm lacks $file"
done
check "$(rpm -qp --qf '%{NAME}' "$rpm" 2>/dev/null) $version: requires WebKitGTK 4.1 and GTK 3, recommends gnome-keyring, holds the same files"

echo "==> Installing the .deb with apt"
# apt wants a path it can read as the _apt user: a copy in /tmp.
cp "$deb" "$work/idlens.deb"
chmod 644 "$work/idlens.deb"
chmod 755 "$work"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "$work/idlens.deb" >"$work/apt.log" 2>&1 ||
    { tail -n 20 "$work/apt.log"; fail "apt could not install $deb"; }
[ "$(/usr/bin/idlens --version)" = "idlens $version" ] || fail "the installed idlens --version says: $(/usr/bin/idlens --version)"
check "installed: /usr/bin/idlens --version says idlens $version"

echo "==> Opening the installed app on a sandbox tenant"
export IDLENS_CONFIG_DIR="$work/config" IDLENS_EXPORT_DIR="$work"
/usr/bin/idlens sandbox --port 0 --json >"$work/sandbox.json" 2>"$work/sandbox.log" &
sandbox_pid=$!
for _ in $(seq 1 600); do [ -s "$work/sandbox.json" ] && break; sleep 0.1; done
issuer="$(sed -n 's/.*"issuer":"\([^"]*\)".*/\1/p' "$work/sandbox.json")"
[ -n "$issuer" ] || fail "the installed sandbox printed no issuer: $(cat "$work/sandbox.log")"
/usr/bin/idlens profile add sandbox --issuer "$issuer" --client-id idlens-desktop >/dev/null
mkdir -p tests/e2e/screenshots
shot="$REPO_ROOT/tests/e2e/screenshots/installed-app.png"
rm -f "$shot"
xvfb-run -a -s "-screen 0 1280x800x24" bash -c '
    /usr/bin/idlens >"$1/app.log" 2>&1 &
    app=$!
    # The window is mapped once the first screen is drawn: poll for it.
    for _ in $(seq 1 600); do
        xwininfo -root -tree 2>/dev/null | grep -q "\"IdLens\"" && break
        kill -0 "$app" 2>/dev/null || exit 3
        sleep 0.1
    done
    xwininfo -root -tree | grep -q "\"IdLens\"" || exit 4
    # WebKit paints after mapping, then the profiles load behind a spinner:
    # wait for a painted screen that stays the same between two shots.
    previous=""
    for _ in $(seq 1 300); do
        import -window root "$2"
        now="$(md5sum <"$2")"
        [ "$(/usr/bin/identify -format %k "$2")" -gt 16 ] && [ "$now" = "$previous" ] && break
        previous="$now"
        sleep 0.3
    done
    kill "$app"
' _ "$work" "$shot" || fail "the installed app did not open its window (exit $?): $(tail -n 20 "$work/app.log" 2>/dev/null)"
colours="$(/usr/bin/identify -format %k "$shot")"
[ "$colours" -gt 16 ] || fail "the screenshot of the installed app is blank ($colours colours)"
check "the installed app opened on the sandbox profile: $shot ($colours colours)"

echo "==> Removing the package"
"${as_root[@]}" env DEBIAN_FRONTEND=noninteractive apt-get remove -y "$package" >"$work/apt.log" 2>&1 ||
    { tail -n 20 "$work/apt.log"; fail "apt could not remove $package"; }
[ "$(dpkg-query -W -f='${db:Status-Status}' "$package" 2>/dev/null)" != installed ] || fail "$package is still installed"
for file in "${expected_files[@]}"; do
    [ ! -e "/$file" ] || fail "/$file is left after removing $package"
done
[ "$(command -v idlens || true)" != /usr/bin/idlens ] || fail "idlens is still on the PATH"
check "removed: no /usr/bin/idlens, desktop entry or icons left"
echo "All package checks passed."
