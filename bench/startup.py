#!/usr/bin/env python3
"""Startup time and memory of IdLens against a bare Tauri 2 app, side by side.

Run by scripts/bench-startup.sh inside Xvfb and a private D-Bus session with
an unlocked gnome-keyring (it sets all of that up). For each run, and for each
app in turn (the order alternates), it:

- launches the app with IDLENS_REPORT_FIRST_IPC=1 and times launch -> the line
  `first-ipc` on its stderr: the page has loaded and its first command reached
  the core (bench/bare-tauri prints the same line from its one command), and
  launch -> each `startup <step>` line both apps print (src-tauri/first_ipc.rs),
  so a slow launch shows which step took the time;
- then samples the resident memory of the main process and of its WebKit web
  and network processes every 200 ms until the sum has settled (it moved less
  than 1 MiB in the last 2 s; at most 15 s): the first screen is drawn;
- and closes the app.

scripts/bench-startup.sh gives it a throwaway HOME and XDG directories.
IdLens opens on a `sandbox` profile (an `idlens sandbox` tenant on
127.0.0.1), as a user with one tenant meets it each morning. A first run of
each app is a warm-up and not counted. Medians are reported, and written as
JSON with every run to bench/results/startup-<date>.json, with the 90th
percentile of the first IPC beside its median; it exits 1 when a goal is
missed.

It also times `idlens --version` (the CLI path, which must not initialise
GTK or WebKit): wall time and peak RSS over the same number of runs.
"""

import argparse
import datetime
import json
import math
import os
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

SETTLE_WINDOW_S = 2.0
SETTLE_BYTES = 1 << 20
SETTLE_LIMIT_S = 15.0
SAMPLE_EVERY_S = 0.2
FIRST_IPC_LIMIT_S = 60.0
MIB = 1 << 20
# IdLens against the bare app: memory of the first screen, and the time to
# the first IPC, both its median and its 90th percentile.
MEMORY_GOAL = 1.15
TIME_GOAL = 1.2

# /proc/PID/comm is cut at 15 characters.
PROCESS_KINDS = {"WebKitWebProces": "web", "WebKitNetworkPr": "network"}


def children_of(pid):
    """Direct children of `pid`, from /proc/PID/task/*/children."""
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            continue
    return found


def descendants_of(pid):
    pending, seen = [pid], []
    while pending:
        current = pending.pop()
        seen.append(current)
        pending += children_of(current)
    return seen


def status_field(pid, field):
    """A `kB` field of /proc/PID/status, in bytes (0 if the process is gone)."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def pss_of(pid):
    try:
        for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return 0


def kind_of(pid, main_pid):
    if pid == main_pid:
        return "main"
    try:
        comm = Path(f"/proc/{pid}/comm").read_text().strip()
    except OSError:
        return None
    return PROCESS_KINDS.get(comm, "other")


def memory_of(main_pid):
    """RSS per process kind (main, web, network, other), split into anonymous,
    file-backed and shared memory per kind, and the PSS sum."""
    rss = {"main": 0, "web": 0, "network": 0, "other": 0}
    for kind in list(rss):
        for part in ("Anon", "File", "Shmem"):
            rss[kind + part] = 0
    pss = 0
    for pid in descendants_of(main_pid):
        kind = kind_of(pid, main_pid)
        if kind is None:
            continue
        rss[kind] += status_field(pid, "VmRSS")
        for part in ("Anon", "File", "Shmem"):
            rss[kind + part] += status_field(pid, "Rss" + part)
        pss += pss_of(pid)
    return rss, pss


def total(rss):
    return rss["main"] + rss["web"] + rss["network"]


class LaunchSteps:
    """Reads an app's stderr on a thread, timestamping each line as it
    arrives: `startup <step>` lines and `first-ipc` (src-tauri/first_ipc.rs;
    bench/bare-tauri prints the same). Other lines are kept for errors."""

    def __init__(self, process, started):
        self.started = started
        self.steps = {}
        self.other = []
        self.first_ipc = threading.Event()
        self.thread = threading.Thread(target=self._read, args=(process.stderr,), daemon=True)
        self.thread.start()

    def _read(self, stream):
        for raw in stream:
            at = time.monotonic() - self.started
            line = raw.decode(errors="replace").rstrip()
            if line == "first-ipc":
                self.steps.setdefault("first-ipc", at)
                self.first_ipc.set()
            elif line.startswith("startup "):
                self.steps.setdefault(line[len("startup "):], at)
            else:
                self.other.append(line)

    def wait_for_first_ipc(self):
        """Seconds from launch to the `first-ipc` line."""
        if not self.first_ipc.wait(FIRST_IPC_LIMIT_S):
            raise RuntimeError("no first IPC within %.0f s; stderr:\n%s" % (
                FIRST_IPC_LIMIT_S, "\n".join(self.other[-20:])))
        return self.steps["first-ipc"]


def settled_memory(main_pid):
    """Samples until the RSS sum moved < 1 MiB over the last 2 s (or 15 s pass)."""
    samples = []
    started = time.monotonic()
    while True:
        now = time.monotonic()
        rss, pss = memory_of(main_pid)
        samples.append((now, rss, pss))
        window = [total(r) for (t, r, _) in samples if t >= now - SETTLE_WINDOW_S]
        spans_window = samples[0][0] <= now - SETTLE_WINDOW_S
        if spans_window and max(window) - min(window) < SETTLE_BYTES:
            return rss, pss, now - started
        if now - started > SETTLE_LIMIT_S:
            return rss, pss, now - started
        time.sleep(SAMPLE_EVERY_S)


def close(process):
    """Stops the app and every process it started."""
    family = descendants_of(process.pid)
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    for pid in family[1:]:
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def one_launch(binary, env):
    app_env = dict(env, IDLENS_REPORT_FIRST_IPC="1")
    started = time.monotonic()
    process = subprocess.Popen([binary], env=app_env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    steps = LaunchSteps(process, started)
    try:
        first_ipc = steps.wait_for_first_ipc()
        rss, pss, settle = settled_memory(process.pid)
    finally:
        close(process)
        steps.thread.join(timeout=10)
    return {"first_ipc_s": first_ipc, "settle_s": settle, "rss": rss,
            "rss_total": total(rss), "pss_total": pss, "steps": dict(steps.steps)}


def cli_run(binary, env):
    """Wall time and peak RSS of `idlens --version`."""
    started = time.monotonic()
    process = subprocess.Popen([binary, "--version"], env=env, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.monotonic() - started
    if status != 0:
        raise RuntimeError("idlens --version failed")
    return {"wall_s": wall, "max_rss": usage.ru_maxrss * 1024}


def start_sandbox(idlens, env, work):
    """An `idlens sandbox` tenant and a `sandbox` profile pointing at it."""
    out = open(work / "sandbox.json", "wb")
    err = open(work / "sandbox.log", "wb")
    sandbox = subprocess.Popen([idlens, "sandbox", "--port", "0", "--json"], env=env,
                               stdin=subprocess.PIPE, stdout=out, stderr=err)
    deadline = time.monotonic() + 60
    while not (work / "sandbox.json").read_text().strip():
        if time.monotonic() > deadline or sandbox.poll() is not None:
            raise RuntimeError("the sandbox did not start: " + (work / "sandbox.log").read_text())
        time.sleep(0.05)
    issuer = json.loads((work / "sandbox.json").read_text().splitlines()[0])["issuer"]
    subprocess.run([idlens, "profile", "add", "sandbox", "--issuer", issuer,
                    "--client-id", "idlens-desktop"], env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return sandbox


def median_of(runs, pick):
    return statistics.median(pick(r) for r in runs)


def p90_of(runs, pick):
    """The 90th percentile by nearest rank: with 10 runs, the second slowest."""
    values = sorted(pick(r) for r in runs)
    return values[math.ceil(0.9 * len(values)) - 1]


STEP_ORDER = ("main", "profiles", "setup", "page-started", "first-ipc", "page-finished")


def steps_of(runs):
    """Each launch step's median and 90th percentile, seconds from launch."""
    names = [n for n in STEP_ORDER if all(n in r["steps"] for r in runs)]
    return {n: {"median": median_of(runs, lambda r, n=n: r["steps"][n]),
                "p90": p90_of(runs, lambda r, n=n: r["steps"][n])} for n in names}


def slow_runs(runs):
    """Launches whose first IPC took over 1.5x the median, each with the step
    whose interval (from the step before it) grew most against the median
    launch's: where the extra time went."""
    typical = steps_of(runs)
    names = list(typical)
    found = []
    for number, run in enumerate(runs, 1):
        if run["first_ipc_s"] <= 1.5 * median_of(runs, lambda r: r["first_ipc_s"]):
            continue
        growth = {}
        for before, step in zip(["launch"] + names, names):
            start = run["steps"].get(before, 0.0)
            usual = typical[step]["median"] - (typical[before]["median"] if before in typical else 0.0)
            growth["%s -> %s" % (before, step)] = (run["steps"][step] - start) - usual
        worst = max(growth, key=growth.get)
        found.append({"run": number, "first_ipc_s": run["first_ipc_s"], "steps": run["steps"],
                      "grew_most": worst, "grew_by_s": growth[worst]})
    return found


def summary_of(runs):
    return {
        "first_ipc_s": median_of(runs, lambda r: r["first_ipc_s"]),
        "first_ipc_p90_s": p90_of(runs, lambda r: r["first_ipc_s"]),
        "first_ipc_max_s": max(r["first_ipc_s"] for r in runs),
        "steps": steps_of(runs),
        "slow_runs": slow_runs(runs),
        "main": median_of(runs, lambda r: r["rss"]["main"]),
        "web": median_of(runs, lambda r: r["rss"]["web"]),
        "network": median_of(runs, lambda r: r["rss"]["network"]),
        "rss_total": median_of(runs, lambda r: r["rss_total"]),
        "split": {key: median_of(runs, lambda r, key=key: r["rss"][key]) for key in runs[0]["rss"]
                  if key[-4:] in ("Anon", "File") or key.endswith("Shmem")},
        "pss_total": median_of(runs, lambda r: r["pss_total"]),
    }


def print_row(name, s):
    print("%-10s first IPC %6.3f s (p90 %.3f, max %.3f)" % (
        name, s["first_ipc_s"], s["first_ipc_p90_s"], s["first_ipc_max_s"]))
    print("%-10s RSS main %5.1f + web %5.1f + network %5.1f = %6.1f MiB   PSS %6.1f MiB" % (
        "", s["main"] / MIB, s["web"] / MIB, s["network"] / MIB,
        s["rss_total"] / MIB, s["pss_total"] / MIB))
    split = s["split"]
    print("%-10s anonymous / file / shared MiB: main %s, web %s, network %s" % ("", *(
        "%.0f/%.0f/%.0f" % (split[k + "Anon"] / MIB, split[k + "File"] / MIB, split[k + "Shmem"] / MIB)
        for k in ("main", "web", "network"))))
    print("%-10s steps, s from launch (median/p90): %s" % ("", ", ".join(
        "%s %.3f/%.3f" % (n, t["median"], t["p90"]) for n, t in s["steps"].items())))
    for slow in s["slow_runs"]:
        print("%-10s slow run %d: first IPC %.3f s; the interval %s took %.3f s longer than in the median launch" % (
            "", slow["run"], slow["first_ipc_s"], slow["grew_most"], slow["grew_by_s"]))


def report(apps, cli, args):
    idlens, bare = summary_of(apps["idlens"]), summary_of(apps["bare"])
    print("\nMedians over %d runs each (after a warm-up), paired and alternating:" % args.runs)
    print_row("bare Tauri", bare)
    print_row("IdLens", idlens)
    memory_ratio = idlens["rss_total"] / bare["rss_total"]
    time_ratio = idlens["first_ipc_s"] / bare["first_ipc_s"]
    p90_ratio = idlens["first_ipc_p90_s"] / bare["first_ipc_p90_s"]
    goals = {"memory": memory_ratio <= MEMORY_GOAL, "time": time_ratio <= TIME_GOAL,
             "time_p90": p90_ratio <= TIME_GOAL}
    print("IdLens / bare: memory %.3fx (goal <= %.2fx: %s), time to first IPC %.3fx (goal <= %.1fx: %s), "
          "its 90th percentile %.3fx (goal <= %.1fx: %s)" % (
              memory_ratio, MEMORY_GOAL, met(goals["memory"]), time_ratio, TIME_GOAL, met(goals["time"]),
              p90_ratio, TIME_GOAL, met(goals["time_p90"])))
    print("idlens --version: wall %.3f s (median), peak RSS %.1f MiB (median)" % (
        median_of(cli, lambda r: r["wall_s"]), median_of(cli, lambda r: r["max_rss"]) / MIB))
    return {"memory_ratio": memory_ratio, "time_ratio": time_ratio, "time_p90_ratio": p90_ratio,
            "goals_met": all(goals.values()), "idlens": idlens, "bare": bare}


def met(ok):
    return "met" if ok else "MISSED"


def measure(args, env):
    apps = {"idlens": [], "bare": []}
    binaries = {"idlens": args.idlens, "bare": args.bare}
    for name in ("idlens", "bare"):
        one_launch(binaries[name], env)  # warm-up: caches, page cache
    for run in range(args.runs):
        order = ("idlens", "bare") if run % 2 == 0 else ("bare", "idlens")
        for name in order:
            result = one_launch(binaries[name], env)
            apps[name].append(result)
            print("run %d %-6s first IPC %.3f s, RSS %.1f MiB (settled after %.1f s)" % (
                run + 1, name, result["first_ipc_s"], result["rss_total"] / MIB, result["settle_s"]),
                flush=True)
    cli = [cli_run(args.idlens, env) for _ in range(args.runs)]
    return apps, cli


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--idlens", required=True)
    parser.add_argument("--bare", required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--out", default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="idlens-startup-") as tmp:
        work = Path(tmp)
        env = dict(os.environ)
        sandbox = start_sandbox(args.idlens, env, work)
        try:
            apps, cli = measure(args, env)
        finally:
            sandbox.terminate()
            sandbox.wait()
    summary = report(apps, cli, args)
    out = Path(args.out or "bench/results/startup-%s.json" % datetime.date.today().isoformat())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps({"runs": apps, "cli": cli, "summary": summary}, indent=1))
    print("All runs: %s" % out)
    return 0 if summary["goals_met"] else 1


if __name__ == "__main__":
    sys.exit(main())
