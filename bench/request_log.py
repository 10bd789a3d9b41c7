"""The figures of the rate-limited benchmarks (scripts/bench-rbac.sh,
scripts/bench-support.sh), from the sandbox's request log (one line per
Management API request: `time method target status`) and the runs.tsv that
scripts/bench-lib.sh's `timed` writes ("name run wall_us cpu_us rss_kb").

Per run:
  requests  requests under /api/v2/, 429s and their retries included
  fetched   distinct requests answered (any status but 429): the data the
            contender needs, a plan's 403 included
  dup       requests for something already answered in the same run
  retries   requests asked again after a 429 or another refusal
  r429      requests refused by the rate limit
  other     answers other than 2xx and 429
  span      seconds from the first request to the last
  wall      seconds from process start to exit
  floor     fetched / rate: what the limit allows for that data
  ratio     wall / floor
"""

import statistics

med = statistics.median


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
            continue
        if key not in answered:
            f["fetched"] += 1
        answered.add(key)
        if not 200 <= status < 300:
            f["other"] += 1
    f["span"] = (last - first) if first is not None else 0.0
    return f


def runs(tsv, runs_dir, rate, names):
    """{name: [(run, figures)]} of every run but the warm-ups."""
    rows = {name: [] for name in names}
    for line in open(tsv):
        name, run, wall_us, cpu_us, rss_kb = line.split()
        if run == "warm-up" or name not in rows:
            continue
        f = figures(f"{runs_dir}/{name}-{run}.log")
        f["wall"] = int(wall_us) / 1e6
        f["cpu"] = int(cpu_us) / 1e6
        f["rss"] = int(rss_kb) / 1024
        f["floor"] = f["fetched"] / rate
        f["ratio"] = f["wall"] / f["floor"] if f["floor"] else float("inf")
        rows[name].append((run, f))
    return rows


def print_runs(rows, label):
    """One line per run: `label` names each contender."""
    width = max(len(text) for text in label.values())
    print()
    print(f"{'':<{width}} {'run':>3}  {'requests':>8} {'fetched':>7} {'dup':>3} {'429':>3} {'other':>5}"
          f"  {'wall s':>6} {'span s':>6} {'floor s':>7} {'ratio':>5}  {'CPU s':>5} {'RSS':>7}")
    for name, named in rows.items():
        for run, f in named:
            print(f"{label[name]:<{width}} {run:>3}  {f['requests']:>8} {f['fetched']:>7} {f['dup']:>3} {f['r429']:>3}"
                  f" {f['other']:>5}  {f['wall']:>6.2f} {f['span']:>6.2f} {f['floor']:>7.2f} {f['ratio']:>5.2f}"
                  f"  {f['cpu']:>5.2f} {f['rss']:>6.1f}M")


def print_medians(rows, label, rate):
    """The medians of each contender's runs."""
    width = max(len(text) for text in label.values())
    print()
    print(f"Medians of {len(next(iter(rows.values())))} runs each, Management API at {rate} requests/s"
          f" (span: first to last request in the sandbox's log):")
    for name, named in rows.items():
        fs = [f for _, f in named]
        print(f"  {label[name]:<{width}} {med(f['requests'] for f in fs):>4g} requests"
              f" ({med(f['fetched'] for f in fs):g} fetched, {max(f['dup'] for f in fs)} asked twice at most,"
              f" {med(f['r429'] for f in fs):g} 429s), wall {med(f['wall'] for f in fs):.2f} s"
              f" (span {med(f['span'] for f in fs):.2f} s), floor {med(f['floor'] for f in fs):.2f} s,"
              f" ratio {med(f['ratio'] for f in fs):.2f}")


def pacing_problems(fs, most_429, expected_other=0):
    """What IdLens's runs `fs` did against the pacing goals: nothing asked
    twice, at most `most_429` 429s in a run, no answer but 2xx and 429
    beyond the `expected_other` the tenant gives (a plan's 403s)."""
    problems = []
    if any(f["dup"] for f in fs):
        problems.append("IdLens asked for something twice")
    if any(f["r429"] > most_429 for f in fs):
        problems.append(f"IdLens got more than {most_429} 429s in a run" if most_429 else "IdLens drew a 429")
    if any(f["other"] > expected_other for f in fs):
        problems.append(f"IdLens got more than {expected_other} answers other than 2xx and 429")
    return problems
