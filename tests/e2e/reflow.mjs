// Reflow (WCAG 1.4.10) and resize text (1.4.4) of the page the app shows
// now, through the app's real page zoom: Ctrl+= / Ctrl+- / Ctrl+0 (Tauri's
// `zoomHotkeysEnabled`, 20 % a step), which shrinks the CSS viewport so media
// queries respond. `reflowPass(area)` zooms the 1280×800 window to 200 %
// (640 CSS px) and to 400 % (320 CSS px, the width 1.4.10 names: the window
// cannot be made narrower than 960 px), checks each, screenshots it (which
// runs axe-core too) as `zoom-200-<area>` and `reflow-320-<area>`, and zooms
// back to 100 %.
//
// Lives outside specs/ because run.mjs runs every specs/*.test.mjs as a spec.

import assert from "node:assert/strict";
import { Key } from "webdriverio";
import { checkAccessibility } from "./accessibility.mjs";
import { browser, screenshot } from "./driver.mjs";

/** Tauri's zoom step (its zoom-hotkey.js). */
const ZOOM_STEP_PERCENT = 20;
/** The window's size in the specs (tauri.conf.json). */
const WINDOW_WIDTH = 1280;

/** Zooms the page to `percent` (a multiple of the step) with the keyboard, and waits for the CSS viewport to follow. */
export async function zoomTo(percent) {
  await browser.keys([Key.Ctrl, "0"]);
  for (let p = 100; p < percent; p += ZOOM_STEP_PERCENT) await browser.keys([Key.Ctrl, "="]);
  const width = Math.round((WINDOW_WIDTH * 100) / percent);
  let seen = 0;
  await browser.waitUntil(
    async () => {
      seen = await browser.execute(() => document.documentElement.clientWidth);
      return Math.abs(seen - width) <= 2;
    },
    { timeout: 5_000, timeoutMsg: `at ${percent} % zoom the page should be ${width} CSS px wide, is ${seen}` },
  );
}

/** Runs in the page: what breaks reflow now, as sentences. */
function reflowProblems() {
  const problems = [];
  const name = (el) => {
    const id = el.getAttribute("data-testid") ?? el.closest("[data-testid]")?.getAttribute("data-testid");
    const cls = typeof el.className === "string" && el.className ? `.${el.className.trim().split(/\s+/).join(".")}` : "";
    const text = (el.textContent || "").trim().replace(/\s+/g, " ").slice(0, 30);
    return `${el.tagName.toLowerCase()}${cls}${id ? ` in [data-testid="${id}"]` : ""}${text ? ` "${text}"` : ""}`;
  };
  // Shown (not in a closed <details>, to which WebKit still gives client rects)
  // and bigger than the 1-px box of text kept for screen readers only.
  const shown = (el) =>
    el.getClientRects().length > 0 &&
    getComputedStyle(el).visibility !== "hidden" &&
    !el.closest("details:not([open]) > :not(summary)") &&
    (el.offsetWidth > 1 || el.offsetHeight > 1 || el instanceof SVGElement);

  // The page itself and the shell's scroller: no horizontal scrolling.
  for (const el of [document.documentElement, document.body, document.querySelector(".app"), document.querySelector(".app__main")]) {
    if (el && el.scrollWidth > el.clientWidth + 1) problems.push(`scrolls sideways: ${name(el)} (${el.scrollWidth} > ${el.clientWidth} CSS px)`);
  }
  // What pushes it: the innermost boxes that end past the right edge.
  if (problems.length) {
    const width = document.documentElement.clientWidth;
    const past = [...document.querySelectorAll("body *")].filter((el) => shown(el) && el.getBoundingClientRect().right > width + 1);
    const innermost = past.filter((el) => !past.some((other) => other !== el && el.contains(other)));
    for (const el of innermost.slice(0, 8)) problems.push(`ends past the right edge: ${name(el)} (at ${Math.round(el.getBoundingClientRect().right)} CSS px)`);
  }

  // The window itself never scrolls up or down either: the shell's columns do.
  const doc = document.scrollingElement;
  if (doc.scrollHeight > doc.clientHeight + 1) {
    problems.push(`the window scrolls up and down (${doc.scrollHeight} > ${doc.clientHeight} CSS px)`);
    // The culprits: boxes below the window that no scroller holds, such as an
    // absolutely placed box whose containing block is outside its scroller.
    const scrollerOf = (el) => {
      for (let e = el.parentElement; e && e !== document.body; e = e.parentElement) {
        if (getComputedStyle(e).overflowY !== "visible") return e;
      }
      return null;
    };
    const escapes = (el) => {
      const scroller = scrollerOf(el);
      const position = getComputedStyle(el).position;
      if (!scroller || position === "fixed") return !scroller;
      if (position !== "absolute") return false;
      const block = el.offsetParent;
      return !block || (block === scroller ? getComputedStyle(scroller).position === "static" : !scroller.contains(block));
    };
    const below = [...document.querySelectorAll("body *")].filter(
      (el) => el.getClientRects().length > 0 && el.getBoundingClientRect().bottom > doc.clientHeight + 1 - doc.scrollTop && escapes(el),
    );
    const lowest = below.filter((el) => !below.some((other) => other !== el && el.contains(other)));
    for (const el of lowest.slice(0, 8)) problems.push(`ends below the window: ${name(el)}`);
  }

  // Nothing cut off: a box that hides its overflow holds all its content,
  // unless it ends in an ellipsis and the full text is at hand (a title);
  // and no text spills out of its box over its neighbours.
  for (const el of document.querySelectorAll("body *")) {
    if (!shown(el) || el.closest(".clipboard-proxy")) continue;
    const style = getComputedStyle(el);
    if (el.scrollWidth <= el.clientWidth + 1 || el.clientWidth === 0) continue;
    // Text spilling out of a box that lets it: over whatever is beside it.
    const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
    if (style.overflowX === "visible" && ownText && style.display !== "inline") {
      problems.push(`text spills out: ${name(el)} (${el.scrollWidth} > ${el.clientWidth} CSS px)`);
      continue;
    }
    if (!["hidden", "clip"].includes(style.overflowX)) continue;
    const explained = style.textOverflow === "ellipsis" && Boolean(el.closest("[title]") || el.querySelector("[title]"));
    if (!explained) problems.push(`cut off: ${name(el)} (${el.scrollWidth} > ${el.clientWidth} CSS px)`);
  }

  // The shell's bars stay out of the content, and hold their own content.
  const main = document.querySelector(".app__main")?.getBoundingClientRect();
  for (const bar of document.querySelectorAll(".sidebar, .topbar")) {
    const r = bar.getBoundingClientRect();
    const overlaps = main && r.left < main.right - 1 && main.left < r.right - 1 && r.top < main.bottom - 1 && main.top < r.bottom - 1;
    if (overlaps) problems.push(`${name(bar)} overlaps the content`);
    for (const child of bar.querySelectorAll("*")) {
      if (!shown(child)) continue;
      const c = child.getBoundingClientRect();
      if (c.width === 0 || c.height === 0) continue;
      if (c.left < r.left - 1 || c.right > r.right + 1 || c.top < r.top - 1 || c.bottom > r.bottom + 1) {
        problems.push(`sticks out of ${bar.className}: ${name(child)}`);
      }
    }
  }
  return problems;
}

/** Checks reflow on the page as it is now, named `state` in failures. */
export async function checkReflow(state) {
  const problems = await browser.execute(reflowProblems);
  assert.deepEqual(problems, [], `${state} does not reflow:\n  ${problems.join("\n  ")}`);
}

/**
 * The area's main state at 200 % zoom (640 CSS px) and at 320 CSS px (400 %):
 * checked, screenshot and axe-checked; back at 100 % afterwards. `prepare`
 * runs at each zoom before the check (scroll to what the screenshot shows).
 */
export async function reflowPass(area, prepare = async () => {}) {
  try {
    for (const [percent, name] of [
      [200, `zoom-200-${area}`],
      [400, `reflow-320-${area}`],
    ]) {
      await zoomTo(percent);
      await prepare();
      // The picture first, so a failure can be looked at; then reflow, then WCAG A/AA.
      await screenshot(name, { accessibility: false });
      await checkReflow(name);
      await checkAccessibility(name);
    }
  } finally {
    await zoomTo(100);
  }
}
