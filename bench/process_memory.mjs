// Resident memory of a process and everything it started, read from /proc
// (Linux only): for the soak benchmark (bench/soak.mjs), where the process is
// the IdLens app and its descendants are WebKitGTK's web and network
// processes.

import { readdirSync, readFileSync, readlinkSync, realpathSync } from "node:fs";
import path from "node:path";

/** Every process's parent: pid → ppid, from /proc/PID/stat. */
function parentsOfAll() {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // The command name in parentheses may hold spaces and parentheses: the fields start after the last ")".
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      parents.set(Number(entry), Number(fields[1]));
    } catch {
      // exited while we looked
    }
  }
  return parents;
}

/** `root` and every process below it, parents before children. */
export function processTree(root) {
  const parents = parentsOfAll();
  const children = new Map();
  for (const [pid, ppid] of parents) {
    if (!children.has(ppid)) children.set(ppid, []);
    children.get(ppid).push(pid);
  }
  const tree = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.shift();
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []).sort((a, b) => a - b));
  }
  return tree;
}

/** What the process runs: its executable's file name (what `comm` says when that cannot be read). */
function processName(pid) {
  try {
    return path.basename(readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, ""));
  } catch {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  }
}

/** The process below `ancestor` that runs the file `executable`, or null. */
export function findDescendant(ancestor, executable) {
  const wanted = realpathSync(executable);
  for (const pid of processTree(ancestor).slice(1)) {
    try {
      if (readlinkSync(`/proc/${pid}/exe`).replace(/ \(deleted\)$/, "") === wanted) return pid;
    } catch {
      // exited, or not ours to read
    }
  }
  return null;
}

export function isRunning(pid) {
  try {
    readFileSync(`/proc/${pid}/stat`);
    return true;
  } catch {
    return false;
  }
}

/** kB fields of /proc/PID/status: resident (VmRSS) and its anonymous, file-backed and shared parts. */
function residentMemory(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (field) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? 0);
  return { rssKb: kb("VmRSS"), anonKb: kb("RssAnon"), fileKb: kb("RssFile"), shmemKb: kb("RssShmem") };
}

/**
 * The resident memory of `root` and each process below it, and their sum.
 * Processes that exit while being read are left out.
 */
export function treeMemory(root) {
  const processes = [];
  for (const pid of processTree(root)) {
    try {
      processes.push({ pid, name: processName(pid), ...residentMemory(pid) });
    } catch {
      // exited while we looked
    }
  }
  const totalKb = processes.reduce((sum, p) => sum + p.rssKb, 0);
  const anonKb = processes.reduce((sum, p) => sum + p.anonKb, 0);
  return { processes, totalKb, anonKb };
}
