#!/usr/bin/env bash
# Regenerates every icon in icons/ from the two masters:
#   icons/source.svg     the icon (rendered to icons/source.png, 1024 px)
#   icons/source-16.svg  the same icon redrawn for 16 and 24 px: thicker
#                        strokes, less margin, so it stays legible in panels,
#                        taskbars and window lists
# The Tauri CLI derives the platform sizes, .icns and .ico from the first;
# then icons/16x16.png and the .ico's 16 and 24 px layers come from the second.
#
#   scripts/icons.sh
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
# The Tauri CLI's log goes to a file, shown only if it fails.
tauri() {
    node ui/node_modules/@tauri-apps/cli/tauri.js "$@" >"$work/tauri.log" 2>&1 ||
        { cat "$work/tauri.log" >&2; exit 1; }
}
convert=/usr/bin/convert # real ImageMagick (see ../shared/platform-notes.md)

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

tauri icon icons/source.svg -o "$work/large" -p 1024
cp "$work/large/1024x1024.png" icons/source.png
tauri icon icons/source.png -o icons
rm -rf icons/android icons/ios

tauri icon icons/source-16.svg -o "$work/small" -p 16 -p 24
cp "$work/small/16x16.png" icons/16x16.png
# icon.ico's layers are 16, 24, 32, 48, 64 and 256 px: swap the two smallest.
for layer in 2 3 4 5; do "$convert" "icons/icon.ico[$layer]" "$work/layer-$layer.png"; done
"$convert" "$work/small/16x16.png" "$work/small/24x24.png" "$work"/layer-{2,3,4,5}.png icons/icon.ico
echo "icons/ regenerated"
