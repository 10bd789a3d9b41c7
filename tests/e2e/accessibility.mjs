// WCAG 2.0/2.1 A and AA checks of the page the app shows now, by axe-core
// (npm `axe-core`) injected into the real web view. A spec calls
// `checkAccessibility(name)` on every area and state it reaches; a violation
// fails the step with the rule, the elements and axe's help text.
//
// Lives outside specs/ because run.mjs runs every specs/*.test.mjs as a spec.

import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { browser } from "./driver.mjs";

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

/** The rules IdLens keeps: WCAG 2.0 and 2.1, levels A and AA. */
export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

/** Each violation as lines: the rule, its help text and link, and every element it found with axe's reason. */
export function describeViolations(violations) {
  return violations
    .map((v) => {
      const nodes = v.nodes.map((n) => `    ${n.target.join(" ")}\n      ${n.failureSummary.replace(/\n/g, "\n      ")}`);
      return `  ${v.id} (${v.impact}): ${v.help}\n    ${v.helpUrl}\n${nodes.join("\n")}`;
    })
    .join("\n");
}

/** Runs axe-core on the whole page; fails naming every violation of the WCAG A/AA rules on `state`. */
export async function checkAccessibility(state) {
  // Injected as the driver's own script: the app's CSP allows no eval, and
  // needs none.
  if (!(await browser.execute(() => Boolean(window.axe)))) {
    await browser.execute(`${AXE_SOURCE}\n;return true;`);
  }
  const result = await browser.executeAsync(
    (tags, done) => {
      window.axe
        .run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] })
        .then((r) => done({ violations: r.violations }), (e) => done({ error: String(e) }));
    },
    WCAG_TAGS,
  );
  assert.equal(result.error, undefined, `axe-core could not check ${state}: ${result.error}`);
  assert.equal(
    result.violations.length,
    0,
    `${state} breaks WCAG 2.1 AA:\n${describeViolations(result.violations)}`,
  );
}
