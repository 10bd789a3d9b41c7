# Shared by the rate-limited benchmarks (scripts/bench-rbac.sh,
# scripts/bench-support.sh): sourced, not run. It gives
#   - a work directory ($work) removed at exit (the request log and the
#     runs copied first into $keep when set), and the processes started
#     here stopped then;
#   - say, fail, wait_for;
#   - bench_tools: the tools and Auth0's Node SDK the benchmarks need;
#   - bench_build: the release binary ($idlens), built from this checkout;
#   - bench_keychain: a private D-Bus session with an unlocked gnome-keyring
#     in a throwaway HOME, so IdLens keeps its secret in a keychain of ours;
#   - bench_sandbox ARGS...: `idlens sandbox --port 0 --request-log … --json`
#     with ARGS, its JSON line in $work/sandbox.json ($issuer, $origin,
#     $m2m_id, M2M_SECRET exported for the SDK's helpers) and a profile
#     ($bench_profile, default `bench`) whose M2M secret is in that keychain;
#   - timed NAME RUN COMMAND...: one run, its share of the request log and
#     its time, CPU and memory (see below); next_window.
# The request log's figures are computed by bench/request_log.py.
# Callers set `set -euo pipefail`, cd to the repository root, source this,
# read their arguments, then call `bench_start NAME`.

sandbox_pid=""
keyring_pid=""
bus_pid=""
stop() {
    if [ -n "$1" ]; then
        kill "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}
bench_cleanup() {
    # --keep DIR: the request log and each run's share of it.
    if [ -n "${keep:-}" ] && [ -d "$work/runs" ]; then
        mkdir -p "$keep" && cp -r "$work/runs" "$work/runs.tsv" "$work/requests.log" "$keep/" 2>/dev/null || true
    fi
    stop "$sandbox_pid"
    stop "$keyring_pid"
    stop "$bus_pid"
    rm -rf "$work"
}

# bench_start NAME: the work directory, removed (and everything started
# here stopped) at exit.
bench_start() {
    work="$(mktemp -d "${TMPDIR:-/tmp}/idlens-bench-$1.XXXXXX")"
    trap bench_cleanup EXIT
    trap 'exit 130' INT
    trap 'exit 143' TERM
}

say() { printf '%s\n' "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# wait_for WHAT PID LOG COMMAND...: runs COMMAND until it succeeds, failing
# when PID (the process that should make it succeed) exits or
# $wait_seconds (default 20) pass.
wait_for() {
    local what="$1" pid="$2" log="$3" limit="${wait_seconds:-20}"
    local deadline=$((SECONDS + limit))
    shift 3
    until "$@"; do
        kill -0 "$pid" 2>/dev/null || fail "$what: the process exited: $(cat "$log")"
        [ "$SECONDS" -lt "$deadline" ] || fail "$what: not within $limit s: $(cat "$log")"
        sleep 0.05
    done
}

# whole_number VALUE...: exits 2 unless every VALUE is a whole number above 0.
whole_number() {
    for n in "$@"; do
        case "$n" in
            ''|*[!0-9]*|0) echo "error: the options take a whole number above 0, not '$n' (try --help)" >&2; exit 2 ;;
        esac
    done
}

# usage SCRIPT: prints the script's leading comment.
usage() { awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$1"; }

bench_tools() {
    [ -x /usr/bin/time ] || fail "/usr/bin/time is missing: apt-get install time"
    for tool in node python3 dbus-daemon dbus-send gnome-keyring-daemon; do
        command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/setup.sh --deps-only"
    done
    if [ ! -d tests/auth0-sdk/node_modules/auth0 ]; then
        say "==> Installing Auth0's Node SDK into tests/auth0-sdk"
        npm --prefix tests/auth0-sdk ci --no-audit --no-fund
    fi
}

bench_build() {
    export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/idlens/target}"
    if [ ! -f ui/dist/index.html ]; then
        say "==> Building the UI (the release binary embeds ui/dist)"
        [ -d ui/node_modules ] || npm --prefix ui ci --no-audit --no-fund
        npm --prefix ui run build
    fi
    say "==> Building the release binary"
    cargo build --release --bin idlens --quiet
    idlens="$CARGO_TARGET_DIR/release/idlens"
    "$idlens" sandbox --help 2>/dev/null | grep -q -- --request-log \
        || fail "$idlens has no \`sandbox --request-log\`"
}

# Everything IdLens and the keyring write goes under $work.
bench_keychain() {
    for dir in home runtime data config cache idlens; do mkdir -p "$work/$dir"; done
    chmod 700 "$work/runtime"
    export HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" XDG_DATA_HOME="$work/data" \
        XDG_CONFIG_HOME="$work/config" XDG_CACHE_HOME="$work/cache" IDLENS_CONFIG_DIR="$work/idlens"
    unset DISPLAY WAYLAND_DISPLAY IDLENS_PROFILE
    dbus-daemon --session --nofork --print-address=1 --address="unix:path=$work/bus" \
        >"$work/bus.address" 2>"$work/dbus.log" &
    bus_pid=$!
    wait_for "the D-Bus session" "$bus_pid" "$work/dbus.log" test -s "$work/bus.address"
    DBUS_SESSION_BUS_ADDRESS="$(head -1 "$work/bus.address")"
    export DBUS_SESSION_BUS_ADDRESS
    # --unlock reads the login keyring's password up to the end of its input.
    printf '%s' "bench-keyring-password" \
        | gnome-keyring-daemon --foreground --unlock --components=secrets >/dev/null 2>"$work/keyring.log" &
    keyring_pid=$!
    wait_for "gnome-keyring" "$keyring_pid" "$work/keyring.log" secret_service_up
}

secret_service_up() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
        | grep -q 'boolean true'
}

# bench_sandbox ARGS...: the sandbox with ARGS, its request log in $log.
bench_sandbox() {
    log="$work/requests.log"
    rm -f "$work/sandbox.json"
    "$idlens" sandbox --port 0 --request-log "$log" --json "$@" \
        >"$work/sandbox.json" 2>"$work/sandbox.log" &
    sandbox_pid=$!
    wait_for "the sandbox" "$sandbox_pid" "$work/sandbox.log" test -s "$work/sandbox.json"
    issuer="$(sandbox_field issuer)"
    m2m_id="$(sandbox_field m2m_client_id)"
    # The SDK's helpers take the secret from their environment, not their arguments.
    M2M_SECRET="$(sandbox_field m2m_client_secret)"
    export M2M_SECRET
    origin="${issuer%/}"
    local profile="${bench_profile:-bench}"
    "$idlens" profile add "$profile" --issuer "$issuer" --client-id idlens-desktop --mgmt-client-id "$m2m_id" \
        >/dev/null || fail "could not add the profile"
    printf '%s' "$M2M_SECRET" | "$idlens" profile set-mgmt-secret "$profile" >/dev/null \
        || fail "could not store the M2M secret in the keychain"
}

# sandbox_field NAME: a top-level field of the sandbox's JSON line.
sandbox_field() {
    python3 -c 'import json, sys; print(json.loads(open(sys.argv[1]).readline())[sys.argv[2]])' "$work/sandbox.json" "$1"
}

now_ns() { date +%s%N; }
lines() { wc -l <"$log" | tr -d ' '; }

# next_window: sleeps until a whole second (the sandbox's rate-limit window)
# begins, at least one second from now: the run before has no request in the
# windows of the next, and every run starts at the same point of a window.
next_window() {
    local left=$((2000000000 - $(now_ns) % 1000000000))
    sleep "$((left / 1000000000)).$(printf '%09d' $((left % 1000000000)))"
}

# timed NAME RUN COMMAND...: runs COMMAND under /usr/bin/time, keeps the run's
# lines of the request log in $work/runs/NAME-RUN.log and appends
# "NAME RUN wall_us cpu_us rss_kb" to $work/runs.tsv. COMMAND's output is in
# $work/out.txt and $work/err.txt; an exit status other than 0 (or one in
# $ok_status, e.g. "0 1") fails the benchmark.
timed() {
    local name="$1" run="$2" before started ended status=0
    shift 2
    mkdir -p "$work/runs"
    next_window
    before=$(lines)
    started=$(now_ns)
    /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || status=$?
    ended=$(now_ns)
    case " ${ok_status:-0} " in
        *" $status "*) ;;
        *) fail "$name exited $status (run $run): $(cat "$work/err.txt")" ;;
    esac
    tail -n "+$((before + 1))" "$log" >"$work/runs/$name-$run.log"
    printf '%s %s %d %d %d\n' "$name" "$run" "$(((ended - started) / 1000))" \
        "$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {t += $2} END {printf "%d", t * 1000000}' "$work/time.txt")" \
        "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")" >>"$work/runs.tsv"
}

machine() {
    say "==> Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
}
