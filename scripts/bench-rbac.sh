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
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

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
        -h|--help) usage "$0"; exit 0 ;;
        *) echo "error: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
whole_number "$runs" "$rate"

bench_start rbac

bench_tools
bench_build
bench_keychain
bench_sandbox --mgmt-rate "$rate"

# --- Runs ----------------------------------------------------------------------
run_idlens() {
    timed idlens "$1" "$idlens" rbac snapshot --profile bench --out "$work/idlens-snapshot.json"
}

run_sdk() {
    timed sdk "$1" node bench/rbac_snapshot_sdk.mjs "$origin" "$m2m_id" "$work/sdk-snapshot.json"
    cp "$work/out.txt" "$work/sdk-counts.json"
}

machine
say "==> Sandbox $issuer, Management API at $rate requests/s; $runs runs each, alternating, after a warm-up"
: >"$work/runs.tsv"
run_idlens warm-up
run_sdk warm-up
for i in $(seq 1 "$runs"); do
    run_idlens "$i"
    run_sdk "$i"
done

# --- Report --------------------------------------------------------------------
PYTHONPATH=bench python3 - "$work/runs.tsv" "$work/runs" "$rate" "$work/idlens-snapshot.json" "$work/sdk-counts.json" <<'EOF'
import json
import sys

from request_log import med, pacing_problems, print_medians, print_runs, runs

tsv, runs_dir, rate = sys.argv[1], sys.argv[2], int(sys.argv[3])
idlens_doc = json.load(open(sys.argv[4]))
sdk_counts = json.loads(open(sys.argv[5]).read())

# Both read the same data: the same APIs, roles, permissions and members.
idlens_counts = {
    "apis": len(idlens_doc["apis"]),
    "roles": len(idlens_doc["roles"]),
    "permissions": sum(len(r["permissions"]) for r in idlens_doc["roles"]),
    "members": sum(len(r["members"]) for r in idlens_doc["roles"]),
}
same_data = idlens_counts == sdk_counts

rows = runs(tsv, runs_dir, rate, ("idlens", "sdk"))
label = {"idlens": "idlens rbac snapshot", "sdk": "auth0 SDK v7 (anchor)"}
print_runs(rows, label)
print_medians(rows, label, rate)
walls = {name: med(f["wall"] for _, f in rows[name]) for name in rows}
print(f"  {'wall, SDK / IdLens':<22} {walls['sdk'] / walls['idlens']:.2f}x")
print(f"  {'same data':<22} {'yes' if same_data else 'NO'}: IdLens {json.dumps(idlens_counts)},"
      f" SDK {json.dumps(sdk_counts)}")

fs = [f for _, f in rows["idlens"]]
problems = pacing_problems(fs, 1)
if med(f["ratio"] for f in fs) > 1.2:
    problems.append(f"IdLens's median ratio {med(f['ratio'] for f in fs):.2f} is above 1.2")
if not same_data:
    problems.append("IdLens and the SDK did not read the same data")
print()
print("GOAL MET: no request twice, at most one 429, within 1.2x of the floor." if not problems
      else "FAILED: " + "; ".join(problems) + ".")
sys.exit(1 if problems else 0)
EOF
