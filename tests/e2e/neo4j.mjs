// A real Neo4j 5.26 for the specs: `scripts/neo4j.sh start` (the launcher in
// tests/neo4j, the same the Rust tests and the demo use) on a free
// 127.0.0.1 port, seeded from a CSV, stopped by closing its standard input.
// Lives outside specs/ (run.mjs runs each specs/*.test.mjs file as a spec).

import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { setTimeout as delay } from "node:timers/promises";

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
/** A cold JVM on two busy cores: the tests have seen up to 30 s. */
const START_DEADLINE_MS = 180_000;
const STOP_DEADLINE_MS = 30_000;

export const NEO4J_PASSWORD = "idlens-e2e-password";

/** Starts Neo4j seeded with `csv` (:label nodes keyed by `idProperty`); resolves to `{uri, stop}`. */
export async function startNeo4j(csv, label = "User", idProperty = "sub") {
  const args = ["scripts/neo4j.sh", "start", "--port", "0", "--password", NEO4J_PASSWORD];
  args.push("--seed-csv", csv, "--label", label, "--id-property", idProperty);
  const child = spawn("bash", args, { cwd: REPO, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.setEncoding("utf8");
  child.stderr.on("data", (chunk) => {
    stderr = (stderr + chunk).slice(-4000);
  });
  const uri = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Neo4j was not ready in time; its log ends: ${stderr}`)), START_DEADLINE_MS);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`Neo4j exited (${code}) before it was ready; its log ends: ${stderr}`));
    });
    let stdout = "";
    child.stdout.setEncoding("utf8");
    child.stdout.on("data", (chunk) => {
      stdout += chunk;
      const ready = stdout.match(/^NEO4J READY (\S+)$/m);
      if (ready) {
        clearTimeout(timer);
        resolve(ready[1]);
      }
    });
  });
  child.removeAllListeners("exit");
  return { uri, stop: () => stopNeo4j(child) };
}

async function stopNeo4j(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  child.stdin.end();
  const stopped = await Promise.race([exited.then(() => true), delay(STOP_DEADLINE_MS).then(() => false)]);
  if (!stopped) {
    child.kill("SIGKILL");
    await exited;
  }
}
