#!/usr/bin/env bash
# Builds IdLens's Linux packages, .deb and .rpm, from a release build:
#
#   scripts/package.sh
#
# Prints the packages' paths and SHA-256 sums. Windows (MSI, NSIS), macOS
# (universal dmg/app) and the AppImage (whose tools are downloaded while
# bundling) are built by .github/workflows/release.yml on their own runners.
#
# Environment: CARGO_TARGET_DIR (default ~/.cache/idlens/target).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/idlens/target}"
if [ -d "$HOME/.cargo/bin" ]; then export PATH="$HOME/.cargo/bin:$PATH"; fi

[ -x ui/node_modules/@tauri-apps/cli/tauri.js ] || [ -f ui/node_modules/@tauri-apps/cli/tauri.js ] ||
    { echo "package.sh: the UI's packages are missing: run scripts/setup.sh --deps-only first" >&2; exit 2; }

# `tauri build` runs the UI build (beforeBuildCommand) and a release build.
# Its hooks run in the "frontend" folder, which the CLI would otherwise guess
# from the first package.json it finds (tests/… have some): ui/.
export TAURI_APP_PATH="$REPO_ROOT" TAURI_FRONTEND_PATH="$REPO_ROOT/ui"
node ui/node_modules/@tauri-apps/cli/tauri.js build --bundles deb,rpm

bundle="$CARGO_TARGET_DIR/release/bundle"
echo
echo "Packages:"
for package in "$bundle"/deb/*.deb "$bundle"/rpm/*.rpm; do
    [ -f "$package" ] || continue
    sha256sum "$package"
done
