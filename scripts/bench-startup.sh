#!/usr/bin/env bash
# Startup time and memory of IdLens against a bare Tauri 2 app (bench/bare-tauri),
# measured side by side in one run under Xvfb (see bench/startup.py):
#
#   scripts/bench-startup.sh [--runs N] [--no-build]
#
# Builds both release binaries first (same Tauri, same release profile) unless
# --no-build. Prints medians, the 90th percentile and maximum of the time to
# first IPC, each launch step's median and p90 (and, for a launch over 1.5x
# the median, the step that took the extra time), the IdLens/bare ratios
# against the goals (memory <= 1.15x; time to first IPC <= 1.2x, median and
# p90) and `idlens --version` time and RSS; every run goes to
# bench/results/startup-<date>.json. Exits 1 when a goal is missed.
#
# Environment: IDLENS_RELEASE_TARGET (default ~/.cache/idlens/target-release).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
if [ -d "$HOME/.cargo/bin" ]; then export PATH="$HOME/.cargo/bin:$PATH"; fi
target="${IDLENS_RELEASE_TARGET:-$HOME/.cache/idlens/target-release}"

runs=10
build=1
while [ $# -gt 0 ]; do
    case "$1" in
        --runs)
            [ $# -ge 2 ] || { echo "error: $1 needs a value (try --help)" >&2; exit 2; }
            runs="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        -h|--help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; exit 0 ;;
        *) echo "error: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$runs" in
    ''|*[!0-9]*|0) echo "error: --runs takes a whole number above 0, not '$runs'" >&2; exit 2 ;;
esac

if [ "$build" = 1 ]; then
    echo "==> Building IdLens and the bare Tauri app (release)"
    npm --prefix ui run build >/dev/null
    CARGO_TARGET_DIR="$target" cargo build --release --bin idlens
    CARGO_TARGET_DIR="$target" cargo build --release --manifest-path bench/bare-tauri/Cargo.toml
fi
for binary in "$target/release/idlens" "$target/release/bare-tauri"; do
    [ -x "$binary" ] || { echo "bench-startup: $binary is missing: run without --no-build" >&2; exit 2; }
done

# A throwaway user: config, caches, keychain and runtime directory.
work="$(mktemp -d /tmp/idlens-bench-startup.XXXXXX)"
trap 'rm -rf "$work"' EXIT
mkdir -p "$work/home" "$work/runtime"
chmod 700 "$work/runtime"
export HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime"
export XDG_CONFIG_HOME="$work/home/.config" XDG_DATA_HOME="$work/home/.local/share" XDG_CACHE_HOME="$work/home/.cache"

echo "==> Measuring ($runs runs each, under Xvfb)"
xvfb-run -a -s "-screen 0 1280x800x24" dbus-run-session -- bash -c '
    echo -n bench | gnome-keyring-daemon --unlock --components=secrets >/dev/null
    exec python3 "$0/bench/startup.py" --idlens "$1" --bare "$2" --runs "$3" --out "$0/bench/results/startup-$(date +%F).json"
' "$REPO_ROOT" "$target/release/idlens" "$target/release/bare-tauri" "$runs"
