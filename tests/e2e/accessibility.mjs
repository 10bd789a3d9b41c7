// WCAG 2.0/2.1 A and AA checks of the page the app shows now, by axe-core
// (npm `axe-core`) injected into the real web view. A spec calls
// `checkAccessibility(name)` on every area and state it reaches, which checks
// it in the light and the dark theme; a violation fails the step with the
// theme, the rule, the elements and axe's help text.
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

/** The theme a check switches to from the one shown. */
const OTHER_THEME = { light: "dark", dark: "light" };

/**
 * Runs axe-core on the whole page under both themes: as shown, then with
 * `data-theme` on <html> switched to the other theme the way the app's
 * switch does it (settings/themeStore.ts: `data-theme-switching` keeps colour
 * transitions off), and back. Fails naming every violation of the WCAG A/AA
 * rules on `state`, and the theme it was found under.
 */
export async function checkAccessibility(state) {
  // Injected as the driver's own script: the app's CSP allows no eval, and
  // needs none.
  if (!(await browser.execute(() => Boolean(window.axe)))) {
    await browser.execute(`${AXE_SOURCE}\n;return true;`);
  }
  const shown = await browser.execute(() => document.documentElement.dataset.theme);
  assert.ok(Object.hasOwn(OTHER_THEME, shown ?? ""), `${state}: <html> has data-theme=${shown}, not light or dark (the app sets it before it renders)`);
  const result = await browser.executeAsync(checkBothThemes, WCAG_TAGS, shown, OTHER_THEME[shown]);
  assert.equal(result.error, undefined, `axe-core could not check ${state}: ${result.error}`);
  const failures = result.checks
    .filter((c) => c.violations.length > 0)
    .map((c) => `${state} in the ${c.theme} theme breaks WCAG 2.1 AA:\n${describeViolations(c.violations)}`);
  assert.equal(failures.length, 0, failures.join("\n"));
}

/**
 * In the page: axe on the theme shown, then on `other`, then `shown` again.
 * Each run waits until the theme is painted (two animation frames) and no CSS
 * transition is under way, so axe reads settled colours.
 */
function checkBothThemes(tags, shown, other, done) {
  const root = document.documentElement;
  const frame = () => new Promise((resolve) => requestAnimationFrame(resolve));
  const transitionsDone = () =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a instanceof CSSTransition)
        .map((a) => a.finished.catch(() => undefined)),
    );
  // Like the app's switch: the new colours are computed at once with
  // transitions off, then painted (`frames`) before transitions come back.
  const show = async (theme, frames) => {
    root.dataset.themeSwitching = "";
    root.dataset.theme = theme;
    void root.offsetHeight;
    for (let i = 0; i < frames; i++) await frame();
    delete root.dataset.themeSwitching;
  };
  const check = async (theme) => {
    await transitionsDone();
    const r = await window.axe.run(document, { runOnly: { type: "tag", values: tags }, resultTypes: ["violations"] });
    return { theme, violations: r.violations };
  };
  (async () => {
    const checks = [await check(shown)];
    await show(other, 2);
    try {
      checks.push(await check(other));
    } finally {
      await show(shown, 1);
    }
    return { checks };
  })().then(done, (e) => done({ error: String(e) }));
}
