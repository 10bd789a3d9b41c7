#!/usr/bin/env bash
# Rate-limited benchmark: a full `idlens rbac snapshot` of the seeded sandbox
# tenant, its Management API limited to 10 requests per second, against
# Auth0's own Node SDK (`auth0` v7, bench/rbac_snapshot_sdk.mjs) reading the
# same data (APIs, roles, each role's permissions and members) on the same
# sandbox, in the same run.
#
#   scripts/bench-rbac.sh [--runs N] [--rate N] [--keep DIR]
#
# --keep DIR copies the sandbox's request log and each run's share of it
# (DIR/runs/NAME-RUN.log) into DIR at the end, to look at the pacing.
#
# Environment:
#   CARGO_TARGET_DIR as for every build here (default: $HOME/.cache/idlens/target)
#
# The sandbox (`idlens sandbox --port 0 --mgmt-rate N --request-log FILE`)
# writes down every Management API request; each run's lines give its figures:
#   requests  requests under /api/v2/, 429s and their retries included
#   fetched   distinct requests answered 2xx: the data the snapshot needs
#   dup       requests for something already answered 2xx in the same run
#   429       requests refused by the rate limit (each then retried)
#   wall      seconds from process start to exit (token request and file included)
#   floor     fetched / rate: what the limit allows for that data
#   ratio     wall / floor
# Both contenders run once as a warm-up, then N times each, alternately
# (default 3). The limit counts requests per second of the clock (as the
# x-ratelimit-reset header says), so every run starts as a second begins, more
# than a second after the run before: its windows are its own, and the first
# is whole, which is the least favourable start for both. IdLens reads its
# client secret from the OS keychain: a private D-Bus session with an
# unlocked gnome-keyring in a throwaway HOME, started and stopped here.
# Exit status: 0 when IdLens asked for nothing twice, got at most one 429 in
# every run and its median ratio is at most 1.2; 1 otherwise (2 for bad
# arguments).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

runs=3
rate=10
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs|--rate|--keep)
            [ $# -ge 2 ] || { echo "error: $1 needs a value (try --help)" >&2; exit 2; }
            case "$1" in
                --runs) runs="$2" ;;
                --rate) rate="$2" ;;
                --keep) keep="$2" ;;
            esac
            shift 2 ;;
        -h|--help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; exit 0 ;;
        *) echo "error: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
for n in "$runs" "$rate"; do
    case "$n" in
        ''|*[!0-9]*|0) echo "error: --runs and --rate take a whole number above 0, not '$n'" >&2; exit 2 ;;
    esac
done

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/idlens/target}"
work="$(mktemp -d "${TMPDIR:-/tmp}/idlens-bench-rbac.XXXXXX")"
sandbox_pid=""
keyring_pid=""
bus_pid=""
stop() {
    if [ -n "$1" ]; then
        kill "$1" 2>/dev/null || true
        wait "$1" 2>/dev/null || true
    fi
}
cleanup() {
    stop "$sandbox_pid"
    stop "$keyring_pid"
    stop "$bus_pid"
    if [ -n "$keep" ] && [ -d "$work/runs" ]; then
        mkdir -p "$keep" && cp -r "$work/runs" "$work/runs.tsv" "$work/requests.log" "$keep/" 2>/dev/null || true
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { printf '%s\n' "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# wait_for WHAT PID LOG COMMAND...: runs COMMAND until it succeeds, failing
# when PID (the process that should make it succeed) exits or 20 s pass.
wait_for() {
    local what="$1" pid="$2" log="$3" deadline=$((SECONDS + 20))
    shift 3
    until "$@"; do
        kill -0 "$pid" 2>/dev/null || fail "$what: the process exited: $(cat "$log")"
        [ "$SECONDS" -lt "$deadline" ] || fail "$what: not within 20 s: $(cat "$log")"
        sleep 0.05
    done
}

# --- Tools -------------------------------------------------------------------
[ -x /usr/bin/time ] || fail "/usr/bin/time is missing: apt-get install time"
for tool in node python3 dbus-daemon dbus-send gnome-keyring-daemon; do
    command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/setup.sh --deps-only"
done
if [ ! -d tests/auth0-sdk/node_modules/auth0 ]; then
    say "==> Installing Auth0's Node SDK into tests/auth0-sdk"
    npm --prefix tests/auth0-sdk ci --no-audit --no-fund
fi

# --- Binary ------------------------------------------------------------------
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

# --- A user of our own, with a keychain ----------------------------------------
# Everything IdLens and the keyring write goes under $work.
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
secret_service_up() {
    dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null \
        | grep -q 'boolean true'
}
wait_for "gnome-keyring" "$keyring_pid" "$work/keyring.log" secret_service_up

# --- The sandbox ---------------------------------------------------------------
log="$work/requests.log"
"$idlens" sandbox --port 0 --mgmt-rate "$rate" --request-log "$log" --json \
    >"$work/sandbox.json" 2>"$work/sandbox.log" &
sandbox_pid=$!
wait_for "the sandbox" "$sandbox_pid" "$work/sandbox.log" test -s "$work/sandbox.json"
field() { python3 -c 'import json, sys; print(json.loads(open(sys.argv[1]).readline())[sys.argv[2]])' "$work/sandbox.json" "$1"; }
issuer="$(field issuer)"
m2m_id="$(field m2m_client_id)"
# The SDK's helper takes the secret from its environment, not its arguments.
M2M_SECRET="$(field m2m_client_secret)"
export M2M_SECRET
origin="${issuer%/}"

"$idlens" profile add bench --issuer "$issuer" --client-id idlens-desktop --mgmt-client-id "$m2m_id" \
    >/dev/null || fail "could not add the profile"
printf '%s' "$M2M_SECRET" | "$idlens" profile set-mgmt-secret bench >/dev/null \
    || fail "could not store the M2M secret in the keychain"

# --- Runs ----------------------------------------------------------------------
mkdir -p "$work/runs"
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
# "NAME RUN wall_us cpu_us rss_kb" to $work/runs.tsv.
timed() {
    local name="$1" run="$2" before started ended status=0
    shift 2
    next_window
    before=$(lines)
    started=$(now_ns)
    /usr/bin/time -v -o "$work/time.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || status=$?
    ended=$(now_ns)
    [ "$status" -eq 0 ] || fail "$name exited $status (run $run): $(cat "$work/err.txt")"
    tail -n "+$((before + 1))" "$log" >"$work/runs/$name-$run.log"
    printf '%s %s %d %d %d\n' "$name" "$run" "$(((ended - started) / 1000))" \
        "$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {t += $2} END {printf "%d", t * 1000000}' "$work/time.txt")" \
        "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time.txt")" >>"$work/runs.tsv"
}

run_idlens() {
    timed idlens "$1" "$idlens" rbac snapshot --profile bench --out "$work/idlens-snapshot.json"
}

run_sdk() {
    timed sdk "$1" node bench/rbac_snapshot_sdk.mjs "$origin" "$m2m_id" "$work/sdk-snapshot.json"
    cp "$work/out.txt" "$work/sdk-counts.json"
}

say "==> Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
say "==> Sandbox $issuer, Management API at $rate requests/s; $runs runs each, alternating, after a warm-up"
: >"$work/runs.tsv"
run_idlens warm-up
run_sdk warm-up
for i in $(seq 1 "$runs"); do
    run_idlens "$i"
    run_sdk "$i"
done

# --- Report --------------------------------------------------------------------
python3 - "$work/runs.tsv" "$work/runs" "$rate" "$work/idlens-snapshot.json" "$work/sdk-counts.json" <<'EOF'
import json
import statistics
import sys

tsv, runs_dir, rate = sys.argv[1], sys.argv[2], int(sys.argv[3])
idlens_doc = json.load(open(sys.argv[4]))
sdk_counts = json.loads(open(sys.argv[5]).read())
med = statistics.median

# Both read the same data: the same APIs, roles, permissions and members.
idlens_counts = {
    "apis": len(idlens_doc["apis"]),
    "roles": len(idlens_doc["roles"]),
    "permissions": sum(len(r["permissions"]) for r in idlens_doc["roles"]),
    "members": sum(len(r["members"]) for r in idlens_doc["roles"]),
}
same_data = idlens_counts == sdk_counts


def figures(path):
    """The figures of one run's lines of the request log."""
    answered, asked = set(), set()
    f = dict(requests=0, fetched=0, dup=0, retries=0, r429=0, other=0)
    first = last = None
    for line in open(path):
        at, method, target, status = line.split()
        at, status, key = float(at), int(status), (method, target)
        first = at if first is None else first
        last = at
        f["requests"] += 1
        if key in answered:
            f["dup"] += 1
        elif key in asked:
            f["retries"] += 1
        asked.add(key)
        if status == 429:
            f["r429"] += 1
        elif 200 <= status < 300:
            if key not in answered:
                f["fetched"] += 1
            answered.add(key)
        else:
            f["other"] += 1
    f["span"] = (last - first) if first is not None else 0.0
    return f


rows = {"idlens": [], "sdk": []}
for line in open(tsv):
    name, run, wall_us, cpu_us, rss_kb = line.split()
    if run == "warm-up":
        continue
    f = figures(f"{runs_dir}/{name}-{run}.log")
    f["wall"] = int(wall_us) / 1e6
    f["cpu"] = int(cpu_us) / 1e6
    f["rss"] = int(rss_kb) / 1024
    f["floor"] = f["fetched"] / rate
    f["ratio"] = f["wall"] / f["floor"] if f["floor"] else float("inf")
    rows[name].append((run, f))

label = {"idlens": "idlens rbac snapshot", "sdk": "auth0 SDK v7 (anchor)"}
print()
print(f"{'':<22} {'run':>3}  {'requests':>8} {'fetched':>7} {'dup':>3} {'429':>3} {'other':>5}"
      f"  {'wall s':>6} {'span s':>6} {'floor s':>7} {'ratio':>5}  {'CPU s':>5} {'RSS':>7}")
for name in ("idlens", "sdk"):
    for run, f in rows[name]:
        print(f"{label[name]:<22} {run:>3}  {f['requests']:>8} {f['fetched']:>7} {f['dup']:>3} {f['r429']:>3}"
              f" {f['other']:>5}  {f['wall']:>6.2f} {f['span']:>6.2f} {f['floor']:>7.2f} {f['ratio']:>5.2f}"
              f"  {f['cpu']:>5.2f} {f['rss']:>6.1f}M")

print()
print(f"Medians of {len(rows['idlens'])} runs each, Management API at {rate} requests/s"
      f" (span: first to last request in the sandbox's log):")
for name in ("idlens", "sdk"):
    fs = [f for _, f in rows[name]]
    print(f"  {label[name]:<22} {med(f['requests'] for f in fs):>4g} requests"
          f" ({med(f['fetched'] for f in fs):g} fetched, {max(f['dup'] for f in fs)} asked twice at most,"
          f" {med(f['r429'] for f in fs):g} 429s), wall {med(f['wall'] for f in fs):.2f} s"
          f" (span {med(f['span'] for f in fs):.2f} s), floor {med(f['floor'] for f in fs):.2f} s,"
          f" ratio {med(f['ratio'] for f in fs):.2f}")
walls = {name: med(f["wall"] for _, f in rows[name]) for name in rows}
print(f"  {'wall, SDK / IdLens':<22} {walls['sdk'] / walls['idlens']:.2f}x")
print(f"  {'same data':<22} {'yes' if same_data else 'NO'}: IdLens {json.dumps(idlens_counts)},"
      f" SDK {json.dumps(sdk_counts)}")

fs = [f for _, f in rows["idlens"]]
problems = []
if any(f["dup"] for f in fs):
    problems.append("IdLens asked for something twice")
if any(f["r429"] > 1 for f in fs):
    problems.append("IdLens got more than one 429 in a run")
if any(f["other"] for f in fs):
    problems.append("IdLens got answers other than 2xx and 429")
if med(f["ratio"] for f in fs) > 1.2:
    problems.append(f"IdLens's median ratio {med(f['ratio'] for f in fs):.2f} is above 1.2")
if not same_data:
    problems.append("IdLens and the SDK did not read the same data")
print()
print("GOAL MET: no request twice, at most one 429, within 1.2x of the floor." if not problems
      else "FAILED: " + "; ".join(problems) + ".")
sys.exit(1 if problems else 0)
EOF
