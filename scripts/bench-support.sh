#!/usr/bin/env bash
# Rate-limited benchmark of the Support desk, in two measures.
#
#   scripts/bench-support.sh [--runs N] [--rate N] [--events N] [--keep DIR]
#
# 1. The support card: `idlens support USER_ID --json` for the sandbox's
#    `locked_out` customer (by ID: the seed gives its e-mail to a second
#    account, and a lookup by e-mail without a terminal lists both and exits
#    2; by ID the card still reads users-by-email for the other account),
#    its tenant on the Free plan (sessions and refresh tokens answer 403,
#    which the card's JSON says in one line each, `notOnPlan`) with its Management
#    API limited to --rate requests per second (default 2, Auth0's Free
#    plan) and --events background sign-ins in its logs (default 1,000,000),
#    against Auth0's own Node SDK (`auth0` v7, bench/support_card_sdk.mjs)
#    doing the same lookups one after another, in the same run. Figures per
#    run from the sandbox's request log (bench/request_log.py): requests,
#    fetched (distinct, answered: the plan's 403s count), dup (asked again
#    after an answer), 429s,
#    wall (process start to exit: the complete answer), floor (fetched /
#    rate: what the limit allows for that data). Both run once as a warm-up,
#    then N times each, alternately (default 3), each run starting as a
#    rate-limit window begins (see scripts/bench-lib.sh). Exit code 1 of
#    `idlens support` (a cause that blocks sign-in was found) is success here.
# 2. `idlens logs search 'type:s' --all --json`, its output counted by
#    `wc -l` as it comes, from a
#    sandbox without a rate limit holding 100,000 sign-ins, then one holding
#    10,000 (each matched by the query, the whole log read by checkpoint):
#    events per second and peak RSS (/usr/bin/time).
#
# --keep DIR copies the request log and each run's share of it into DIR.
#
# Exit status: 0 when every goal is met — IdLens asked for nothing twice,
# drew no 429 and got no refusal but the plan's two 403s in any run, read
# what the SDK read, its median wall is below the SDK's, the card said
# sessions are not on the plan, and its peak RSS streaming 100,000 events is within 1.2x of that for
# 10,000 (ten times the events in the same memory: nothing is held); 1 when
# one is missed; 2 for bad arguments.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"
# shellcheck source=scripts/bench-lib.sh
. scripts/bench-lib.sh

runs=3
rate=2
events=1000000
keep=""
while [ $# -gt 0 ]; do
    case "$1" in
        --runs|--rate|--events|--keep)
            [ $# -ge 2 ] || { echo "error: $1 needs a value (try --help)" >&2; exit 2; }
            case "$1" in
                --runs) runs="$2" ;;
                --rate) rate="$2" ;;
                --events) events="$2" ;;
                --keep) keep="$2" ;;
            esac
            shift 2 ;;
        -h|--help) usage "$0"; exit 0 ;;
        *) echo "error: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
whole_number "$runs" "$rate" "$events"
[ "$events" -le 2000000 ] || { echo "error: --events is at most 2000000" >&2; exit 2; }

bench_start support

bench_tools
bench_build
"$idlens" sandbox --help | grep -q -- --log-events || fail "$idlens has no \`sandbox --log-events\`"
bench_keychain
machine

# --- The sandbox: the Free plan, a million events ------------------------------------
say "==> Starting the sandbox with $events log events (Free plan, $rate requests/s)"
started=$(now_ns)
wait_seconds=300 bench_sandbox --mgmt-rate "$rate" --plan free --log-events "$events"
start_s=$(python3 -c "print(f'{($(now_ns) - $started) / 1e9:.1f}')")
start_rss=$(awk '/VmHWM/ {printf "%.0f", $2 / 1024}' "/proc/$sandbox_pid/status")
say "    up in $start_s s (key generation and the seed included), peak RSS $start_rss MiB"
customer="$(python3 -c '
import json, sys
line = json.loads(open(sys.argv[1]).readline())
print(next(s["user_id"] for s in line["support_stories"] if s["story"] == "locked_out"))' "$work/sandbox.json")"

# --- Measure 1: the support card --------------------------------------------------
run_idlens() {
    ok_status="0 1" timed idlens "$1" "$idlens" support "$customer" --json --profile bench
    cp "$work/out.txt" "$work/idlens-card.json"
}
run_sdk() {
    timed sdk "$1" node bench/support_card_sdk.mjs "$origin" "$m2m_id" "$customer"
    cp "$work/out.txt" "$work/sdk-counts.json"
}

say "==> The card of $customer: $runs runs each, alternating, after a warm-up"
: >"$work/runs.tsv"
run_idlens warm-up
run_sdk warm-up
for i in $(seq 1 "$runs"); do
    run_idlens "$i"
    run_sdk "$i"
done
# --- Measure 2: logs search --all, streamed -------------------------------------
# No rate limit: the figure is IdLens's, not the limit's. A sandbox per size.
stream() {
    local count="$1"
    stop "$sandbox_pid"
    sandbox_pid=""
    bench_profile="stream$count" wait_seconds=120 bench_sandbox --mgmt-rate 0 --plan free --log-events "$count"
    ok_status=0 timed "stream$count" 1 bash -o pipefail -c "\"\$0\" logs search 'type:s' --all --json --profile stream$count | wc -l >\"\$1\"" \
        "$idlens" "$work/printed.txt"
    printf '%s %s\n' "$count" "$(tr -d ' ' <"$work/printed.txt")" >>"$work/streamed.txt"
}
say "==> logs search 'type:s' --all over 100,000 and 10,000 sign-ins (no rate limit)"
: >"$work/streamed.txt"
stream 100000
stream 10000

# --- Report --------------------------------------------------------------------
PYTHONPATH=bench python3 - "$work" "$rate" "$events" "$start_s" "$start_rss" <<'EOF'
import json
import sys

from request_log import med, pacing_problems, print_medians, print_runs, runs

work, rate, events = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
start_s, start_rss = sys.argv[4], sys.argv[5]

out = open(f"{work}/idlens-card.json").read()
lookup = json.loads(out)
card = lookup["card"]


def items(availability):
    return len(availability["value"]) if availability["state"] == "available" else None


access = card["access"]["value"] if card["access"]["state"] == "available" else {"roles": [], "permissions": []}
idlens_counts = {
    "elsewhere": len(card["account"]["sameEmailElsewhere"]),
    "blocks": items(card["blocks"]),
    "roles": len(access["roles"]),
    "permissions": len(access["permissions"]),
    "mfa": items(card["mfa"]),
    "sessions": items(card["sessions"]),
    "refresh_tokens": items(card["refreshTokens"]),
    "ips": len(card["timeline"]["searchedIps"]),
    "events": len(card["timeline"]["events"]),
}
sdk_counts = json.loads(open(f"{work}/sdk-counts.json").read())
sdk_counts.pop("apis", None)
same_data = idlens_counts == sdk_counts
# The card says in one line (its message) that the plan lacks them.
not_on_plan = [card[part].get("message", "") for part in ("sessions", "refreshTokens")
               if card[part]["state"] == "notOnPlan"]
said_in_a_line = len(not_on_plan) == 2 and all(m and "\n" not in m for m in not_on_plan)

rows = runs(f"{work}/runs.tsv", f"{work}/runs", rate, ("idlens", "sdk"))
label = {"idlens": "idlens support", "sdk": "auth0 SDK v7 (anchor)"}
print(f"\nSandbox: {events:,} log events, Free plan, {rate} requests/s; up in {start_s} s, peak RSS {start_rss} MiB")
print_runs(rows, label)
print_medians(rows, label, rate)
walls = {name: med(f["wall"] for _, f in rows[name]) for name in rows}
print(f"  {'wall, SDK / IdLens':<21} {walls['sdk'] / walls['idlens']:.2f}x")
print(f"  {'same data':<21} {'yes' if same_data else 'NO'}: IdLens {json.dumps(idlens_counts)},"
      f" SDK {json.dumps(sdk_counts)}")
print(f"  {'plan lacks sessions':<21} {'said in one line' if said_in_a_line else 'NOT SAID'}:"
      f" {not_on_plan[:1]}")

print("\nlogs search 'type:s' --all --json | wc -l (no rate limit):")
streamed = {}
for line in open(f"{work}/streamed.txt"):
    count, printed = map(int, line.split())
    name = f"stream{count}"
    wall_us, cpu_us, rss_kb = next(l.split()[2:] for l in open(f"{work}/runs.tsv") if l.split()[0] == name)
    wall, rss = int(wall_us) / 1e6, int(rss_kb) / 1024
    streamed[count] = (printed, wall, rss)
    print(f"  {count:>7,} sign-ins: {printed:>7,} events printed in {wall:6.2f} s"
          f" ({printed / wall:>9,.0f} events/s, CPU {int(cpu_us) / 1e6:.2f} s), peak RSS {rss:.1f} MiB")
big, small = streamed[100000], streamed[10000]
rss_ratio = big[2] / small[2]
print(f"  peak RSS, 100,000 / 10,000: {rss_ratio:.2f}x")

fs = [f for _, f in rows["idlens"]]
# The Free plan's two 403s (sessions, refresh tokens) are answers.
problems = pacing_problems(fs, 0, expected_other=2)
if walls["idlens"] >= walls["sdk"]:
    problems.append("IdLens's median wall is not below the SDK's")
if not same_data:
    problems.append("IdLens and the SDK did not read the same data")
if not said_in_a_line:
    problems.append("the card did not say in a line that the plan lacks sessions")
if big[0] != 100000 or small[0] != 10000:
    problems.append(f"logs search --all printed {big[0]} and {small[0]} events, not 100,000 and 10,000")
if rss_ratio > 1.2:
    problems.append(f"peak RSS at 100,000 events is {rss_ratio:.2f}x that at 10,000 (goal 1.2x)")
print()
print("GOAL MET: nothing twice, no 429, faster than the SDK, the plan's gap said, streaming in constant memory."
      if not problems else "FAILED: " + "; ".join(problems) + ".")
sys.exit(1 if problems else 0)
EOF
