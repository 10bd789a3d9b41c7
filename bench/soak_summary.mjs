// The figures and the verdict of a soak run (bench/soak.mjs) from its samples:
// pure functions over the run's JSON document, so a saved run can be
// summarised again (`node bench/soak_summary.mjs bench/results/soak-….json`).

import { readFileSync } from "node:fs";
import { pathToFileURL } from "node:url";

/** "no growth" needs both: the end within +5 % of the mark, and a slope under 10 MiB an hour. */
export const LIMITS = { growth: 0.05, slopeMibPerHour: 10 };
/** Growth counts from this far into the soak (or half the soak, when it is shorter than twice this). */
const MARK_SECONDS = 300;

const mib = (kb) => kb / 1024;
const fixed = (value, digits = 1) => (value === null ? "n/a" : value.toFixed(digits));
const signed = (value, digits = 1) => (value === null ? "n/a" : `${value >= 0 ? "+" : ""}${value.toFixed(digits)}`);

/** The least-squares slope of y over x; null for fewer than two distinct x. */
export function slope(points) {
  if (points.length < 2) return null;
  const meanX = points.reduce((s, p) => s + p.x, 0) / points.length;
  const meanY = points.reduce((s, p) => s + p.y, 0) / points.length;
  let covariance = 0;
  let variance = 0;
  for (const { x, y } of points) {
    covariance += (x - meanX) * (y - meanY);
    variance += (x - meanX) ** 2;
  }
  return variance === 0 ? null : covariance / variance;
}

/** Seconds into the soak where growth is counted from. */
export function markSeconds(soakSeconds) {
  return Math.min(MARK_SECONDS, soakSeconds / 2);
}

/** The sample nearest `seconds` into the soak, before its last one (so growth and slope have two ends). */
function markSample(soak, seconds) {
  const candidates = soak.slice(0, -1);
  if (!candidates.length) return null;
  return candidates.reduce((best, s) => (Math.abs(s.soakSeconds - seconds) < Math.abs(best.soakSeconds - seconds) ? s : best));
}

/** Resident memory (MiB) per process name in `sample`: processes of one name are added up. */
export function byName(sample) {
  const sums = new Map();
  for (const p of sample.processes) sums.set(p.name, (sums.get(p.name) ?? 0) + mib(p.rssKb));
  return sums;
}

/** MiB of total resident memory per hour over `samples` (their soakSeconds). */
function slopePerHour(samples) {
  return slope(samples.map((s) => ({ x: s.soakSeconds / 3600, y: mib(s.totalKb) })));
}

/** Total MiB per 100 tokens over the samples taken while pasting, once the history is full. */
function tokenSlope(run) {
  const past = run.samples.filter((s) => s.phase === "tokens" && s.tokens >= run.inspector.historyLimit);
  const perToken = slope(past.map((s) => ({ x: s.tokens, y: mib(s.totalKb) })));
  return perToken === null ? null : perToken * 100;
}

/** The run's figures, its checks and its verdict. */
export function summarize(run) {
  const soak = run.samples.filter((s) => s.phase === "soak");
  const first = (phase) => run.samples.find((s) => s.phase === phase) ?? null;
  const end = soak.at(-1) ?? null;
  const mark = end ? markSample(soak, markSeconds(end.soakSeconds)) : null;
  const growthMib = mark && end ? mib(end.totalKb - mark.totalKb) : null;
  const growthRatio = mark && end ? (end.totalKb - mark.totalKb) / mark.totalKb : null;
  const slopeMibPerHour = mark ? slopePerHour(soak.filter((s) => s.soakSeconds >= mark.soakSeconds)) : null;
  const grew =
    growthRatio === null ||
    slopeMibPerHour === null ||
    growthRatio > LIMITS.growth ||
    slopeMibPerHour >= LIMITS.slopeMibPerHour;
  return {
    at: {
      firstScreen: first("firstScreen"),
      signedIn: first("signedIn"),
      afterTokens: first("afterTokens"),
      mark,
      end,
    },
    markSeconds: mark?.soakSeconds ?? null,
    growthMib,
    growthPercent: growthRatio === null ? null : growthRatio * 100,
    slopeMibPerHour,
    slopeWholeSoakMibPerHour: slopePerHour(soak),
    tokensMibPer100PastCap: tokenSlope(run),
    growth: grew,
    verdict: grew ? "GROWTH" : "no growth",
    failures: checkFailures(run),
  };
}

/** What the run was meant to show besides memory, where it did not. */
function checkFailures(run) {
  const failures = [];
  const { inspector, session } = run;
  const expectedHistory = Math.min(inspector.tokens, inspector.historyLimit);
  if (inspector.historyLength !== expectedHistory) {
    failures.push(
      `the inspector's history holds ${inspector.historyLength} tokens, not ${expectedHistory} (its cap is ${inspector.historyLimit})`,
    );
  }
  if (inspector.notValid > 0) failures.push(`${inspector.notValid} of the pasted tokens did not verify`);
  if (!session.signedInAtEnd) failures.push(`the session was not signed in at the end (state ${session.stateAtEnd})`);
  if (session.refreshes === 0) failures.push("the session screen never refreshed the access token");
  return failures;
}

function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

function minutes(seconds) {
  return `${Number((seconds / 60).toFixed(1))} min`;
}

/** The table of resident memory per process at the run's marks. */
function memoryTable(summary) {
  const { at } = summary;
  const rows = [
    ["first screen", at.firstScreen],
    ["after the tokens", at.afterTokens],
    [at.mark ? `${minutes(at.mark.soakSeconds)} into the soak (mark)` : "mark", at.mark],
    [at.end ? `end (${minutes(at.end.soakSeconds)})` : "end", at.end],
  ].filter(([, sample]) => sample);
  const names = [...new Set(rows.flatMap(([, sample]) => [...byName(sample).keys()]))];
  const widths = names.map((n) => Math.max(n.length, 8));
  const label = 30;
  const header = ["RSS (MiB)".padEnd(label), ...names.map((n, i) => n.padStart(widths[i])), "total".padStart(8)];
  const lines = [header.join("  ")];
  for (const [name, sample] of rows) {
    const sums = byName(sample);
    const cells = names.map((n, i) => fixed(sums.get(n) ?? null).padStart(widths[i]));
    lines.push([name.padEnd(label), ...cells, fixed(mib(sample.totalKb)).padStart(8)].join("  "));
  }
  return lines;
}

/** The summary printed at the end of a run. */
export function summaryText(run, summary) {
  const { inspector, session } = run;
  const lines = [...memoryTable(summary), ""];
  const perToken = inspector.tokens ? (inspector.seconds * 1000) / inspector.tokens : 0;
  lines.push(
    `Inspector: ${count(inspector.tokens, "token", "tokens")} in ${fixed(inspector.seconds)} s (${fixed(perToken, 0)} ms each, ` +
      `median ${fixed(inspector.medianMs, 0)} ms, slowest ${fixed(inspector.slowestMs, 0)} ms); ` +
      `history ${inspector.historyLength} (cap ${inspector.historyLimit}); ` +
      `while pasting past the cap ${signed(summary.tokensMibPer100PastCap, 2)} MiB per 100 tokens`,
  );
  const every = session.refreshes > 1 ? `, one every ${fixed(session.meanRefreshSeconds, 0)} s` : "";
  lines.push(
    `Session: ${count(session.refreshes, "access-token refresh", "access-token refreshes")} ` +
      `in ${minutes(run.options.minutes * 60)}${every}` +
      ` (tokens live ${run.options.tokenLifetime} s); signed in at the end: ${session.signedInAtEnd ? "yes" : "NO"}`,
  );
  lines.push(
    `Growth from the mark to the end: ${signed(summary.growthMib)} MiB (${signed(summary.growthPercent)} %); ` +
      `slope from the mark on ${signed(summary.slopeMibPerHour)} MiB/h ` +
      `(whole soak ${signed(summary.slopeWholeSoakMibPerHour)} MiB/h)`,
  );
  lines.push("");
  for (const failure of summary.failures) lines.push(`FAILED: ${failure}`);
  if (summary.growth) {
    lines.push(
      `GROWTH: the end is ${signed(summary.growthPercent)} % of the mark (limit +${LIMITS.growth * 100} %), ` +
        `slope ${signed(summary.slopeMibPerHour)} MiB/h (limit ${LIMITS.slopeMibPerHour})`,
    );
  } else lines.push("no growth");
  return lines.join("\n");
}

// `node bench/soak_summary.mjs FILE`: the summary of a saved run again.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const run = JSON.parse(readFileSync(process.argv[2], "utf8"));
  console.log(summaryText(run, summarize(run)));
}
