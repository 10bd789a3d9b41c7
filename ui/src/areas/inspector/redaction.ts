// The redact toggle: personal claims (email, name, sub, custom claims — the
// core marks them `personal`) masked for screenshots, tickets and copies.
import type { Report } from "../../bindings";

/** What a masked value reads as in copies and exports. */
export const REDACTED_TEXT = "•••• (redacted)";

export function personalClaims(report: Report): ReadonlySet<string> {
  return new Set(report.explanations.filter((e) => e.personal).map((e) => e.name));
}

/** The report with every personal claim's value replaced, wherever it appears. */
export function redactReport(report: Report): Report {
  const personal = personalClaims(report);
  if (personal.size === 0) return report;
  const claims = report.claims
    ? Object.fromEntries(Object.entries(report.claims).map(([k, v]) => [k, personal.has(k) ? REDACTED_TEXT : v]))
    : null;
  return {
    ...report,
    claims,
    explanations: report.explanations.map((e) => (e.personal ? { ...e, value: REDACTED_TEXT, time: null } : e)),
  };
}

/** The report as pretty JSON, for the clipboard. */
export function reportJson(report: Report, redact: boolean): string {
  return JSON.stringify(redact ? redactReport(report) : report, null, 2);
}
