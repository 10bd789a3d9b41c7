#!/usr/bin/env bash
# The long-session memory check: no growth after an hour of the Session screen
# refreshing tokens, after 1,000 tokens pasted into the token inspector (whose
# history is capped). Runs bench/soak.mjs against the real app, as the
# end-to-end tests run it (Xvfb, a private D-Bus session with gnome-keyring, a
# throwaway HOME, tauri-driver), signed in to `idlens sandbox` with 150-second
# access tokens, so the Session screen renews them about every 40 s.
#
#   scripts/bench-soak.sh [--minutes N] [--tokens N] [--bin PATH]
#
#   --minutes N   minutes on the Session screen after the tokens (default 60)
#   --tokens N    distinct tokens pasted into the inspector first (default 1000)
#   --bin PATH    the app to run. Default: the release build
#                 $HOME/.cache/idlens/target-release/release/idlens, else the
#                 debug build $CARGO_TARGET_DIR/debug/idlens. Both embed ui/dist
#                 as it was when they were built, so build the UI first:
#                   npm --prefix ui run build && cargo build
#                   npm --prefix ui run build && CARGO_TARGET_DIR=$HOME/.cache/idlens/target-release cargo build --release --bin idlens
#
# Samples the resident memory (VmRSS) of the app and its WebKitWebProcess and
# WebKitNetworkProcess at the first screen, signed in, every 100 tokens, after
# the tokens and every 30 s of the soak; counts the renewals; writes every
# sample to bench/results/soak-<time>.json and prints a summary: memory per
# process, the growth from 5 min into the soak to the end, the slope in MiB an
# hour, and "no growth" (end within +5 % of the 5-minute mark and a slope under
# 10 MiB/h) or "GROWTH". Logs of the display, bus, keyring and driver go to
# tests/e2e/logs/soak-*.log. Ctrl+C stops everything and keeps the samples so far.
#
# Environment:
#   CARGO_TARGET_DIR  as for every build here (default: $HOME/.cache/idlens/target)
#
# Exit status: 0 no growth and every check held; 1 GROWTH or a check failed
# (the history not at its cap, signed out at the end, no renewal); 2 the run
# could not be done, or bad arguments; 130 interrupted.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/idlens/target}"
export PATH="${IDLENS_TOOLS_DIR:-$HOME/.cache/idlens/tools}/bin:$PATH"
release_bin="$HOME/.cache/idlens/target-release/release/idlens"
debug_bin="$CARGO_TARGET_DIR/debug/idlens"

minutes=60
tokens=1000
bin=""
while [ $# -gt 0 ]; do
    case "$1" in
        --minutes|--tokens|--bin)
            [ $# -ge 2 ] || { echo "error: $1 needs a value (try --help)" >&2; exit 2; }
            case "$1" in
                --minutes) minutes="$2" ;;
                --tokens) tokens="$2" ;;
                --bin) bin="$2" ;;
            esac
            shift 2 ;;
        -h|--help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; exit 0 ;;
        *) echo "error: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$minutes" in
    ''|*[!0-9.]*|*.*.*) echo "error: --minutes takes a number of minutes, not '$minutes'" >&2; exit 2 ;;
esac
case "$tokens" in
    ''|*[!0-9]*|0) echo "error: --tokens takes a whole number above 0, not '$tokens'" >&2; exit 2 ;;
esac

fail() { printf 'error: %s\n' "$*" >&2; exit 2; }

if [ -z "$bin" ]; then
    if [ -x "$release_bin" ]; then bin="$release_bin"
    elif [ -x "$debug_bin" ]; then
        bin="$debug_bin"
        echo "note: no release build at $release_bin; using the debug build (its memory is not the release's)" >&2
    else
        fail "no app at $release_bin or $debug_bin: build one (see --help)"
    fi
fi
[ -x "$bin" ] || fail "no app at $bin"
# The UI is embedded at build time: a binary older than the UI's sources runs an older UI.
newer="$(find ui/src ui/index.html -newer "$bin" -type f -print -quit 2>/dev/null || true)"
[ -z "$newer" ] || echo "note: $newer is newer than $bin: the app may embed an older UI (see --help to rebuild)" >&2

for tool in node Xvfb dbus-daemon dbus-send gnome-keyring-daemon WebKitWebDriver tauri-driver; do
    command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/setup.sh --deps-only"
done
[ -d tests/e2e/node_modules/webdriverio ] || fail "tests/e2e has no npm packages: npm --prefix tests/e2e ci"

exec node bench/soak.mjs --minutes "$minutes" --tokens "$tokens" --bin "$bin"
