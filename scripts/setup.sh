#!/usr/bin/env bash
# Sets up a Debian bookworm (or Ubuntu) machine to build, test and run IdLens,
# then opens the app. Safe to run again: every step is skipped when done.
#
#   scripts/setup.sh              install, build, open the app
#   scripts/setup.sh --no-open    install and build only
#   scripts/setup.sh --deps-only  install only (system packages, npm packages, tauri-driver)
#
# Needs: Rust (rustup, 1.90+) and Node.js 20.19+ with npm; root or sudo for the
# system packages. Run it as yourself: it asks sudo for the apt step only. Run
# via sudo, it installs the packages as root and does the rest as $SUDO_USER,
# so node_modules and the build cache belong to that user.
#
# Environment: CARGO_TARGET_DIR (default ~/.cache/idlens/target, shared by
# every clone), IDLENS_TOOLS_DIR (default ~/.cache/idlens/tools: tauri-driver),
# IDLENS_BIN (the app to run, default $CARGO_TARGET_DIR/debug/idlens).
set -euo pipefail

usage() {
    sed -n '2,/^set -euo/{/^set -euo/d;s/^# \{0,1\}//;p}' "$0"
}

open_app=1
build=1
system_packages=1
for arg in "$@"; do
    case "$arg" in
        --no-open) open_app=0 ;;
        --deps-only) open_app=0 build=0 ;;
        # Internal: the sudo re-run below, after the packages are installed.
        --skip-system-packages) system_packages=0 ;;
        -h | --help) usage; exit 0 ;;
        *) echo "setup.sh: unknown option '$arg'" >&2; usage >&2; exit 2 ;;
    esac
done

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

# What Tauri v2 (WebKitGTK) needs to build, plus what the tests use: Xvfb and
# xauth (a display), webkit2gtk-driver (WebDriver), dbus-x11 and gnome-keyring
# (a real OS keychain), libsecret-tools (tests read the keychain with secret-tool),
# imagemagick (screenshots of a whole display), a JDK and Maven (the real
# Neo4j of the tests and the demo, tests/neo4j, built from Maven Central),
# rpm (reads the .rpm the package test builds) and x11-utils (xwininfo: the
# installed app's window under Xvfb).
APT_PACKAGES=(
    build-essential file pkg-config libssl-dev libxdo-dev
    libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev libayatana-appindicator3-dev
    xvfb xauth webkit2gtk-driver imagemagick fonts-dejavu-core at-spi2-core
    dbus-x11 gnome-keyring libsecret-1-dev libsecret-tools libdbus-1-dev keyutils
    openjdk-17-jdk-headless maven
    rpm x11-utils
)
MIN_NODE="20.19"
MIN_RUST="1.90"

if [ -t 1 ]; then
    say() { printf '\033[1m==> %s\033[0m\n' "$*"; }
else
    say() { printf '==> %s\n' "$*"; }
fi
die() { printf 'setup.sh: %s\n' "$*" >&2; exit 1; }

# Dotted versions, e.g. version_at_least 20.20.2 20.19
version_at_least() {
    [ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n1)" = "$2" ]
}

install_system_packages() {
    command -v dpkg-query >/dev/null ||
        die "this script installs Debian packages; on other systems install the equivalents of: ${APT_PACKAGES[*]}"
    local missing=() pkg
    for pkg in "${APT_PACKAGES[@]}"; do
        if [ "$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null)" != installed ]; then
            missing+=("$pkg")
        fi
    done
    if [ ${#missing[@]} -eq 0 ]; then
        say "System packages: all ${#APT_PACKAGES[@]} installed"
        return
    fi
    say "Installing system packages: ${missing[*]}"
    local as_root=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null || die "installing packages needs root: run this script as root or install sudo"
        as_root=(sudo)
    fi
    "${as_root[@]}" apt-get update
    "${as_root[@]}" env DEBIAN_FRONTEND=noninteractive \
        apt-get install -y --no-install-recommends "${missing[@]}"
}

check_toolchains() {
    # rustup installs to ~/.cargo/bin, which sudo's and CI's PATH may lack.
    if [ -d "$HOME/.cargo/bin" ]; then PATH="$HOME/.cargo/bin:$PATH"; fi
    command -v cargo >/dev/null ||
        die "Rust is missing: install it with rustup (https://rustup.rs), then run this again"
    local rust
    rust="$(rustc --version | awk '{print $2}')"
    version_at_least "$rust" "$MIN_RUST" ||
        die "Rust $rust is too old (IdLens needs $MIN_RUST+): run 'rustup update stable'"
    command -v node >/dev/null && command -v npm >/dev/null ||
        die "Node.js is missing: install Node.js $MIN_NODE+ with npm (Debian's nodejs 18 is too old for Vite)"
    local node
    node="$(node --version | sed 's/^v//')"
    version_at_least "$node" "$MIN_NODE" ||
        die "Node.js $node is too old (the UI build needs $MIN_NODE+)"
}

# `npm ci` reinstalls from scratch, so it runs only when package-lock.json
# changed since the last install in that folder.
npm_install() {
    local dir="$1" stamp="$1/node_modules/.idlens-installed-lock.sha256" want
    want="$(sha256sum "$dir/package-lock.json" | cut -d' ' -f1)"
    if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
        say "npm packages in $dir: up to date"
        return
    fi
    say "npm ci in $dir"
    (cd "$dir" && npm ci --no-audit --no-fund)
    printf '%s\n' "$want" >"$stamp"
}

install_tauri_driver() {
    if [ -x "$IDLENS_TOOLS_DIR/bin/tauri-driver" ]; then
        say "tauri-driver: installed in $IDLENS_TOOLS_DIR/bin"
        return
    fi
    say "Installing tauri-driver into $IDLENS_TOOLS_DIR (about a minute)"
    # Its own temporary target dir, not the app's build cache.
    env -u CARGO_TARGET_DIR cargo install tauri-driver --locked --version '^2' --root "$IDLENS_TOOLS_DIR"
}

# The Neo4j launcher (tests/neo4j): its jars come from Maven Central into
# ~/.m2 the first time (about 180 MB), then the build is a no-op.
build_neo4j_launcher() {
    say "Building the Neo4j launcher (tests/neo4j; the first build downloads Neo4j from Maven Central)"
    bash scripts/neo4j.sh build
}

build_app() {
    say "Building the UI (ui/dist)"
    npm --prefix ui run build
    say "Building the app into $CARGO_TARGET_DIR (a cold build takes a few minutes)"
    cargo build
}

# The app build_app made; IDLENS_BIN names another (as for the e2e specs).
idlens_bin() {
    printf '%s\n' "${IDLENS_BIN:-$CARGO_TARGET_DIR/debug/idlens}"
}

SANDBOX_PORT=4000
SANDBOX_ISSUER="http://127.0.0.1:$SANDBOX_PORT/"
SANDBOX_PID=""

sandbox_listening() {
    (exec 3<>"/dev/tcp/127.0.0.1/$SANDBOX_PORT") 2>/dev/null
}

# The built-in sandbox tenant (`idlens sandbox`, 127.0.0.1 only) and a
# "sandbox" profile for it, so a new machine opens IdLens on a tenant it can
# use. A sandbox already listening on the port is reused; one started here is
# stopped when the app closes.
start_sandbox_tenant() {
    local app
    app="$(idlens_bin)"
    local log="${TMPDIR:-/tmp}/idlens-sandbox.log"
    if ! sandbox_listening; then
        say "Starting the sandbox tenant at $SANDBOX_ISSUER (log: $log)"
        # --json: the first line of the log is the tenant's summary, with the
        # sandbox's (public, made-up) machine-to-machine client secret.
        "$app" sandbox --port "$SANDBOX_PORT" --json \
            --graph-csv "${TMPDIR:-/tmp}/idlens-demo-graph.csv" >"$log" 2>&1 &
        SANDBOX_PID=$!
        local deadline=$((SECONDS + 30))
        # Its summary line comes after the demo graph is written.
        until sandbox_listening && [ -s "$log" ]; do
            if ! kill -0 "$SANDBOX_PID" 2>/dev/null; then
                die "the sandbox tenant did not start; see $log"
            fi
            [ "$SECONDS" -lt "$deadline" ] || die "the sandbox tenant did not answer within 30 s; see $log"
            sleep 0.2
        done
    fi
}

NEO4J_PORT=7687
NEO4J_PASSWORD="idlens-demo"
NEO4J_PID=""

neo4j_listening() {
    (exec 3<>"/dev/tcp/127.0.0.1/$NEO4J_PORT") 2>/dev/null
}

# A demo Neo4j (the tests' launcher) seeded with the sandbox tenant's users
# as a drifted graph (the CSV `idlens sandbox --graph-csv` wrote), and the
# sandbox profile pointed at it, so Users & sync works at once. A Neo4j
# already listening on the port is reused (its password must be the demo's).
start_demo_neo4j() {
    local app
    app="$(idlens_bin)"
    local log="${TMPDIR:-/tmp}/idlens-neo4j.log" csv="${TMPDIR:-/tmp}/idlens-demo-graph.csv"
    if ! neo4j_listening; then
        [ -s "$csv" ] || die "the sandbox did not write its demo graph ($csv); see ${TMPDIR:-/tmp}/idlens-sandbox.log"
        say "Starting the demo Neo4j at bolt://127.0.0.1:$NEO4J_PORT, seeded from $csv (log: $log; about 20 s)"
        # Its standard input is a pipe this script holds open on fd 8: when
        # the script ends, however it ends, Neo4j reads end of input and stops.
        exec 8> >(exec bash scripts/neo4j.sh start --port "$NEO4J_PORT" --password "$NEO4J_PASSWORD" \
            --seed-csv "$csv" --label User --id-property sub >"$log" 2>&1)
        NEO4J_PID=$!
        local deadline=$((SECONDS + 180))
        until grep -q '^NEO4J READY' "$log" 2>/dev/null; do
            kill -0 "$NEO4J_PID" 2>/dev/null || die "the demo Neo4j did not start; see $log"
            [ "$SECONDS" -lt "$deadline" ] || die "the demo Neo4j was not ready within 180 s; see $log"
            sleep 0.5
        done
    fi
}

# The "sandbox" profile, reaching the sandbox tenant and the demo Neo4j, in
# use, with the demo's secrets. One made by an earlier setup without the graph
# is made again; secrets an earlier run could not store (no keychain then)
# are stored now.
ensure_sandbox_profile() {
    local app profiles
    app="$(idlens_bin)"
    profiles="$("$app" profile list --json)"
    if grep -q '"name": "sandbox"' <<<"$profiles" &&
        ! grep -q '"uri": "bolt://127.0.0.1:'"$NEO4J_PORT"'"' <<<"$profiles"; then
        "$app" profile remove sandbox >/dev/null
    fi
    if ! "$app" profile list --json | grep -q '"name": "sandbox"'; then
        "$app" profile add sandbox --issuer "$SANDBOX_ISSUER" --client-id idlens-desktop \
            --audience https://api.idlens.test/ --mgmt-client-id idlens-m2m \
            --neo4j-uri "bolt://127.0.0.1:$NEO4J_PORT" --neo4j-user neo4j >/dev/null
        say "Added the profile \"sandbox\" (the sandbox tenant and the demo Neo4j)"
    fi
    store_missing_sandbox_secrets "$app" "${TMPDIR:-/tmp}/idlens-sandbox.log"
    "$app" profile use sandbox >/dev/null
}

# Stores each demo secret the sandbox profile lacks (as `idlens status`
# reports them); one already stored is left as it is.
store_missing_sandbox_secrets() {
    local app="$1" log="$2" stored
    stored="$("$app" status --profile sandbox --json)"
    if ! grep -q '"managementClientSecret"' <<<"$stored"; then
        store_sandbox_mgmt_secret "$app" "$log"
    fi
    if ! grep -q '"neo4jPassword"' <<<"$stored"; then
        if printf '%s' "$NEO4J_PASSWORD" | "$app" profile set-secret sandbox neo4j-password >/dev/null 2>&1; then
            say "Stored the demo Neo4j's password in the keychain"
        else
            say "No OS keychain for the demo Neo4j's password: Users & sync will ask for it ($NEO4J_PASSWORD)"
        fi
    fi
}

# Stops what this script started (closing the app, Ctrl+C or a kill).
stop_demo_servers() {
    [ -n "$SANDBOX_PID" ] && kill "$SANDBOX_PID" 2>/dev/null
    # Closing the pipe stops Neo4j cleanly (a kill would skip its shutdown).
    exec 8>&- 2>/dev/null
    return 0
}

# Stores the sandbox's M2M client secret (from its summary line) in the
# keychain, so Roles & permissions reads the sandbox's Management API at once.
# Without a keychain (or a sandbox started elsewhere) the screen says how.
store_sandbox_mgmt_secret() {
    local app="$1" log="$2" secret
    secret="$(head -n 1 "$log" 2>/dev/null | sed -n 's/.*"m2m_client_secret": *"\([^"]*\)".*/\1/p')"
    if [ -z "$secret" ]; then
        say "The Management API secret was not stored: run \`idlens profile set-mgmt-secret sandbox\` with the M2M secret \`idlens sandbox\` prints"
        return
    fi
    if printf '%s' "$secret" | "$app" profile set-mgmt-secret sandbox >/dev/null 2>&1; then
        say "Stored the sandbox's Management API client secret in the keychain"
    else
        say "No OS keychain to store the Management API secret in: Roles & permissions will ask for it"
    fi
}

open_idlens() {
    local app
    app="$(idlens_bin)"
    if [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ]; then
        say "Opening IdLens ($app)"
        "$app" 8>&-
        return
    fi
    say "No display: running IdLens under Xvfb (invisible); stop it with Ctrl+C"
    xvfb-run -a -s "-screen 0 1280x800x24" "$app" 8>&-
}

# --- main -------------------------------------------------------------------

main() {
    if [ "$system_packages" -eq 1 ]; then
        install_system_packages
    fi

    # Run via sudo: everything after the packages happens as the invoking user.
    if [ "$(id -u)" -eq 0 ] && [ -n "${SUDO_USER:-}" ] && [ "$SUDO_USER" != root ]; then
        say "Continuing as $SUDO_USER"
        local forwarded=(--skip-system-packages)
        [ "$open_app" -eq 0 ] && forwarded+=(--no-open)
        [ "$build" -eq 0 ] && forwarded+=(--deps-only)
        exec sudo -u "$SUDO_USER" -H \
            env "DISPLAY=${DISPLAY:-}" "WAYLAND_DISPLAY=${WAYLAND_DISPLAY:-}" \
            ${CARGO_TARGET_DIR:+"CARGO_TARGET_DIR=$CARGO_TARGET_DIR"} \
            ${IDLENS_TOOLS_DIR:+"IDLENS_TOOLS_DIR=$IDLENS_TOOLS_DIR"} \
            bash "$REPO_ROOT/scripts/setup.sh" "${forwarded[@]}"
    fi

    export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/idlens/target}"
    export IDLENS_TOOLS_DIR="${IDLENS_TOOLS_DIR:-$HOME/.cache/idlens/tools}"

    check_toolchains
    npm_install ui
    npm_install tests/e2e
    npm_install tests/idp
    npm_install tests/auth0-sdk
    install_tauri_driver
    build_neo4j_launcher

    if [ "$build" -eq 0 ]; then
        say "Dependencies ready"
        exit 0
    fi
    build_app
    if [ "$open_app" -eq 0 ]; then
        say "Built $CARGO_TARGET_DIR/debug/idlens"
        exit 0
    fi
    trap stop_demo_servers EXIT
    trap 'exit 130' INT TERM
    start_sandbox_tenant
    start_demo_neo4j
    ensure_sandbox_profile
    open_idlens
}

# Sourced (by a test), it only defines the functions above.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    main
fi
