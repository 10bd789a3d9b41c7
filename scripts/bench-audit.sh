#!/usr/bin/env bash
# Whole-process benchmark of the sync audit from files: `idlens audit --auth0
# users.json.gz --graph graph.csv --json` against DuckDB running the same
# findings as SQL over the same files (bench/audit_duckdb.py), side by side in
# one run, on generated data with drift of every kind (bench/audit_data.py).
#
#   scripts/bench-audit.sh [--users N] [--runs N] [--keep DIR] [--scale-check] [--sizes LIST]
#
#   --users N      Auth0 users, and as many graph rows (default 1M; 500k, 1M, 10M
#                  and plain numbers are accepted)
#   --runs N       timed runs of each contender, alternately, after one warm-up
#                  run each (default 3)
#   --keep DIR     copies the run table, every run's `time -v` report, both
#                  summaries, the expected one and IdLens's last report into DIR
#   --scale-check  then runs IdLens alone on each size of --sizes (default
#                  1M,3M,10M), to show time growing linearly and memory bounded
#   --sizes LIST   comma-separated sizes for --scale-check
#
# Environment:
#   BENCH_CACHE      where the Python venv (with duckdb) and the generated data
#                    live (default: $HOME/.cache/idlens; data under
#                    bench-data/audit/N-seedS, regenerated when the generator changes)
#   BENCH_SEED       the generator's seed (default 1)
#   IDLENS_BIN       an idlens binary to run instead of building the release one
#   CARGO_TARGET_DIR as for every build here (default: $HOME/.cache/idlens/target)
#
# Every run is a whole process, from start to exit (for DuckDB: the Python
# interpreter, the import, reading both files and the SQL); wall time from the
# clock around it, CPU time and peak RSS from /usr/bin/time -v. DuckDB keeps
# its defaults: as many threads as cores, memory limit 80 % of RAM. IdLens
# writes its report with --out to a file (its summary is read from there) and
# exits 0 or 1 (1: there are findings); any other status fails the run. Both
# summaries must equal the one the generator injected.
# Exit status: 0 when both summaries are right and IdLens's median wall time
# is below DuckDB's and its median peak RSS below half of DuckDB's (and, with
# --scale-check, every size gave the right summary and the time per million
# users at the largest size is at most 1.3x the smallest's); 1 otherwise (2
# for bad arguments).
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO_ROOT"

# count TEXT: a count as digits, from "1000000", "1M", "1.5M" or "500k"; empty when not one.
count() {
    awk -v s="$1" 'BEGIN {
        m = 1; t = s
        if (t ~ /[mM]$/) { m = 1000000; t = substr(t, 1, length(t) - 1) }
        else if (t ~ /[kK]$/) { m = 1000; t = substr(t, 1, length(t) - 1) }
        if (t !~ /^[0-9]+(\.[0-9]+)?$/ || (m == 1 && t !~ /^[0-9]+$/)) exit
        n = t * m
        if (n < 1 || n != int(n)) exit
        printf "%d", n
    }'
}

users=1000000
runs=3
keep=""
scale=0
sizes="1M,3M,10M"
while [ $# -gt 0 ]; do
    case "$1" in
        --users|--runs|--keep|--sizes)
            [ $# -ge 2 ] || { echo "error: $1 needs a value (try --help)" >&2; exit 2; }
            case "$1" in
                --users) users="$(count "$2")"
                         [ -n "$users" ] || { echo "error: --users takes a count above 0 (1000000, 1M, 500k), not '$2'" >&2; exit 2; } ;;
                --runs) runs="$2" ;;
                --keep) keep="$2" ;;
                --sizes) sizes="$2" ;;
            esac
            shift 2 ;;
        --scale-check) scale=1; shift ;;
        -h|--help) awk 'NR == 1 { next } /^#/ { sub(/^# ?/, ""); print; next } { exit }' "$0"; exit 0 ;;
        *) echo "error: unknown argument $1 (try --help)" >&2; exit 2 ;;
    esac
done
case "$runs" in
    ''|*[!0-9]*|0) echo "error: --runs takes a whole number above 0, not '$runs'" >&2; exit 2 ;;
esac
scale_sizes=()
IFS=',' read -r -a size_words <<<"$sizes"
for word in "${size_words[@]}"; do
    n="$(count "$word")"
    [ -n "$n" ] || { echo "error: --sizes takes counts above 0 separated by commas (1M,3M,10M), not '$sizes'" >&2; exit 2; }
    scale_sizes+=("$n")
done
[ "${#scale_sizes[@]}" -gt 0 ] || { echo "error: --sizes is empty" >&2; exit 2; }
seed="${BENCH_SEED:-1}"
case "$seed" in
    ''|*[!0-9]*) echo "error: BENCH_SEED must be a whole number, not '$seed'" >&2; exit 2 ;;
esac

export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$HOME/.cache/idlens/target}"
cache="${BENCH_CACHE:-$HOME/.cache/idlens}"
venv="$cache/bench-venv"
work="$(mktemp -d "${TMPDIR:-/tmp}/idlens-bench-audit.XXXXXX")"
cleanup() {
    if [ -n "$keep" ] && [ -f "$work/runs.tsv" ]; then
        mkdir -p "$keep"
        cp -r "$work/runs.tsv" "$work/time" "$keep/" 2>/dev/null || true
        cp "$work"/*.summary.json "$work"/expected-*.json "$work/idlens-report.json" "$keep/" 2>/dev/null || true
        [ -f "$work/scale.tsv" ] && cp "$work/scale.tsv" "$keep/"
    fi
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

say() { printf '%s\n' "$*"; }
fail() { printf 'error: %s\n' "$*" >&2; exit 1; }

# --- Tools -------------------------------------------------------------------
[ -x /usr/bin/time ] || fail "/usr/bin/time is missing: apt-get install time"
command -v python3 >/dev/null || fail "python3 is missing: run scripts/setup.sh --deps-only"
if [ ! -x "$venv/bin/python" ]; then
    say "==> Creating the benchmark's Python venv in $venv"
    python3 -m venv "$venv"
fi
py="$venv/bin/python"
if ! "$py" -c 'import duckdb' 2>/dev/null; then
    say "==> Installing duckdb into $venv"
    "$py" -m pip install --quiet --disable-pip-version-check "duckdb>=1.1"
fi
duckdb_version="$("$py" -c 'import duckdb; print(duckdb.__version__)')"

# --- Data ----------------------------------------------------------------------
# data_dir N: generates N users and N graph rows once (per seed and version of
# the generator) and prints the directory.
data_dir() {
    local n="$1" stamp dir
    stamp="$(sha256sum bench/audit_data.py | cut -c1-16)-$n-$seed"
    dir="$cache/bench-data/audit/$n-seed$seed"
    if [ "$(cat "$dir/stamp" 2>/dev/null)" != "$stamp" ]; then
        say "==> Generating $n Auth0 users and $n graph rows (seed $seed) into $dir" >&2
        rm -rf "$dir"
        python3 bench/audit_data.py "$dir" --users "$n" --seed "$seed" >/dev/null \
            || fail "the generator failed"
        echo "$stamp" >"$dir/stamp"
        say "    took $(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["seconds"])' "$dir/expected.json") s" >&2
    fi
    printf '%s' "$dir"
}

data="$(data_dir "$users")"
cp "$data/expected.json" "$work/expected-$users.json"

# --- Binary ------------------------------------------------------------------
if [ -n "${IDLENS_BIN:-}" ]; then
    idlens="$IDLENS_BIN"
    say "==> Using $idlens (IDLENS_BIN)"
else
    if [ ! -f ui/dist/index.html ]; then
        say "==> Building the UI (the release binary embeds ui/dist)"
        [ -d ui/node_modules ] || npm --prefix ui ci --no-audit --no-fund
        npm --prefix ui run build
    fi
    say "==> Building the release binary"
    cargo build --release -p idlens --bin idlens --quiet
    idlens="$CARGO_TARGET_DIR/release/idlens"
fi
"$idlens" audit --help 2>/dev/null | grep -q -- --auth0 \
    || fail "$idlens has no \`audit --auth0\` subcommand"

# --- Runs --------------------------------------------------------------------
mkdir -p "$work/time"
: >"$work/runs.tsv"
now_ns() { date +%s%N; }

# timed TSV NAME RUN COMMAND...: runs COMMAND under /usr/bin/time -v with its
# output in $work/out.txt; appends "NAME RUN wall_us cpu_us rss_kb status" to
# TSV. Statuses other than 0 (and 1 for idlens) fail the bench.
timed() {
    local tsv="$1" name="$2" run="$3" started ended status=0
    shift 3
    started=$(now_ns)
    /usr/bin/time -v -o "$work/time/$name-$run.txt" "$@" >"$work/out.txt" 2>"$work/err.txt" || status=$?
    ended=$(now_ns)
    case "$name:$status" in
        duckdb*:0|idlens*:0|idlens*:1) ;;
        *) fail "$name exited $status (run $run): $(tail -c 2000 "$work/err.txt")" ;;
    esac
    printf '%s %s %d %d %d %d\n' "$name" "$run" "$(((ended - started) / 1000))" \
        "$(awk -F': ' '/User time \(seconds\)|System time \(seconds\)/ {t += $2} END {printf "%d", t * 1000000}' "$work/time/$name-$run.txt")" \
        "$(awk -F': ' '/Maximum resident set size/ {print $2}' "$work/time/$name-$run.txt")" \
        "$status" >>"$tsv"
}

# summary_of REPORT: the report's "summary" object on one line, read without
# loading the whole report (it is the report's first member; a scan otherwise).
summary_of() {
    python3 - "$1" <<'EOF'
import json, re, sys
pattern = re.compile(rb'"summary"\s*:\s*(\{[^{}]*\})')
tail = b""
with open(sys.argv[1], "rb") as f:
    while True:
        block = f.read(1 << 24)
        if not block:
            sys.exit("no summary in " + sys.argv[1])
        m = pattern.search(tail + block)
        if m:
            print(json.dumps(json.loads(m.group(1)), sort_keys=True))
            break
        tail = (tail + block)[-4096:]
EOF
}

run_duckdb() {
    local tsv="$1" run="$2" dir="$3"
    timed "$tsv" duckdb "$run" "$py" bench/audit_duckdb.py "$dir/users.json.gz" "$dir/graph.csv"
    python3 -c 'import json,sys; print(json.dumps(json.loads(sys.stdin.read()), sort_keys=True))' \
        <"$work/out.txt" >"$work/duckdb.summary.json"
}

run_idlens() {
    local tsv="$1" run="$2" dir="$3" name="${4:-idlens}"
    rm -f "$work/idlens-report.json"
    timed "$tsv" "$name" "$run" "$idlens" audit --auth0 "$dir/users.json.gz" --graph "$dir/graph.csv" \
        --json --out "$work/idlens-report.json"
    [ -s "$work/idlens-report.json" ] || fail "idlens wrote no report (run $run): $(tail -c 2000 "$work/err.txt")"
    summary_of "$work/idlens-report.json" >"$work/$name.summary.json"
}
say "==> Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'); load average $(cut -d' ' -f1-3 /proc/loadavg)"
if awk -v load="$(cut -d' ' -f1 /proc/loadavg)" -v cores="$(nproc)" 'BEGIN { exit !(load > cores / 2) }'; then
    say "    The machine is busy (other builds or tests?): times will be longer and vary more."
fi
say "==> $users Auth0 users ($(du -h "$data/users.json.gz" | cut -f1) gzipped NDJSON) against $users graph rows ($(du -h "$data/graph.csv" | cut -f1) CSV)"
say "==> DuckDB $duckdb_version with its defaults ($("$py" -c 'import duckdb; print(duckdb.connect().execute("select current_setting(?)", ["threads"]).fetchone()[0])') threads); $runs runs each, alternating, after a warm-up"
run_duckdb "$work/runs.tsv" warm-up "$data"
run_idlens "$work/runs.tsv" warm-up "$data"
for i in $(seq 1 "$runs"); do
    run_duckdb "$work/runs.tsv" "$i" "$data"
    run_idlens "$work/runs.tsv" "$i" "$data"
done

# --- Scale ---------------------------------------------------------------------
: >"$work/scale.tsv"
if [ "$scale" -eq 1 ]; then
    for n in "${scale_sizes[@]}"; do
        dir="$(data_dir "$n")"
        cp "$dir/expected.json" "$work/expected-$n.json"
        say "==> IdLens alone on $n users and $n graph rows"
        run_idlens "$work/scale.tsv" "$n" "$dir" "idlens-$n"
    done
fi

# --- Report --------------------------------------------------------------------
python3 - "$work" "$users" "$duckdb_version" "$scale" "${scale_sizes[@]}" <<'EOF'
import json
import statistics
import sys

work, users, duckdb_version, scale = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4] == "1"
sizes = [int(s) for s in sys.argv[5:]]
med = statistics.median


def load(path):
    rows = {}
    for line in open(path):
        name, run, wall_us, cpu_us, rss_kb, status = line.split()
        rows.setdefault(name, []).append(dict(run=run, wall=int(wall_us) / 1e6, cpu=int(cpu_us) / 1e6,
                                              rss=int(rss_kb) / 1024, status=int(status)))
    return rows


def summary(path):
    return json.load(open(path))


expected = summary(f"{work}/expected-{users}.json")["summary"]
got = {"duckdb": summary(f"{work}/duckdb.summary.json"), "idlens": summary(f"{work}/idlens.summary.json")}
rows = load(f"{work}/runs.tsv")
label = {"duckdb": f"DuckDB {duckdb_version} (SQL)", "idlens": "idlens audit"}

print()
print(f"{'':<22} {'run':>7}  {'wall s':>7} {'CPU s':>7} {'peak RSS':>9}  exit")
for name in ("duckdb", "idlens"):
    for r in rows[name]:
        print(f"{label[name]:<22} {r['run']:>7}  {r['wall']:>7.2f} {r['cpu']:>7.2f} {r['rss']:>8.1f}M  {r['status']:>4}")

timed = {name: [r for r in rows[name] if r["run"] != "warm-up"] for name in rows}
wall = {name: med(r["wall"] for r in timed[name]) for name in timed}
cpu = {name: med(r["cpu"] for r in timed[name]) for name in timed}
rss = {name: med(r["rss"] for r in timed[name]) for name in timed}
time_ok = wall["idlens"] < wall["duckdb"]
rss_ok = rss["idlens"] < 0.5 * rss["duckdb"]

print()
print(f"{users:,} Auth0 users (gzipped NDJSON) against {users:,} graph rows (CSV), median of {len(timed['idlens'])} runs:")
print(f"  {'contender':<22} {'wall s':>7} {'(range)':>15} {'CPU s':>7} {'peak RSS':>9} {'wall ratio':>10} {'RSS ratio':>9}  goal")
for name in ("duckdb", "idlens"):
    ws = [r["wall"] for r in timed[name]]
    goal = ""
    if name == "idlens":
        goal = (f"time {'met' if time_ok else 'NOT met'} (< DuckDB), "
                f"RSS {'met' if rss_ok else 'NOT met'} (< 0.5x DuckDB)")
    print(f"  {label[name]:<22} {wall[name]:>7.2f} {f'({min(ws):.2f}-{max(ws):.2f})':>15} {cpu[name]:>7.2f}"
          f" {rss[name]:>8.1f}M {wall[name] / wall['duckdb']:>9.2f}x {rss[name] / rss['duckdb']:>8.2f}x  {goal}")
print(f"  {'speed-up, DuckDB / IdLens':<22} {wall['duckdb'] / wall['idlens']:.2f}x wall,"
      f" {rss['duckdb'] / rss['idlens']:.2f}x less memory")

problems = []
print()
print(f"  {'expected (injected)':<22} {json.dumps(expected)}")
for name in ("duckdb", "idlens"):
    same = got[name] == expected
    print(f"  {label[name]:<22} {'same' if same else 'DIFFERENT: ' + json.dumps(got[name])}")
    if not same:
        problems.append(f"{label[name]}'s summary is not the expected one")
if not time_ok:
    problems.append(f"IdLens's median wall time {wall['idlens']:.2f} s is not below DuckDB's {wall['duckdb']:.2f} s")
if not rss_ok:
    problems.append(f"IdLens's median peak RSS {rss['idlens']:.1f} MiB is not below half of DuckDB's {rss['duckdb']:.1f} MiB")

if scale:
    srows = load(f"{work}/scale.tsv")
    print()
    print("IdLens alone, one run per size:")
    print(f"  {'users':>12} {'graph rows':>12} {'wall s':>8} {'s per 1M':>9} {'CPU s':>7} {'peak RSS':>9}  summary")
    per = []
    for n in sizes:
        r = srows[f"idlens-{n}"][0]
        exp = summary(f"{work}/expected-{n}.json")["summary"]
        got_n = summary(f"{work}/idlens-{n}.summary.json")
        ok = got_n == exp
        if not ok:
            problems.append(f"IdLens's summary at {n:,} users is not the expected one")
        per.append((n, r["wall"] / (n / 1e6), r["rss"]))
        print(f"  {n:>12,} {n:>12,} {r['wall']:>8.2f} {per[-1][1]:>9.2f} {r['cpu']:>7.2f} {r['rss']:>8.1f}M  {'same' if ok else 'DIFFERENT'}")
    small, large = min(per), max(per)
    growth = large[1] / small[1]
    print(f"  time per million at {large[0]:,} / at {small[0]:,}: {growth:.2f}x (linear: at most 1.3x);"
          f" peak RSS {small[2]:.1f} MiB -> {large[2]:.1f} MiB ({large[2] / small[2]:.2f}x for {large[0] / small[0]:.0f}x the data)")
    if len(per) > 1 and growth > 1.3:
        problems.append(f"IdLens's time per million users grew {growth:.2f}x from {small[0]:,} to {large[0]:,}")

print()
print("GOAL MET: IdLens is faster than DuckDB with less than half its peak memory, and both agree with the data."
      if not problems else "FAILED: " + "; ".join(problems) + ".")
sys.exit(1 if problems else 0)
EOF
