// A keyboard-only pass of the page the app shows now (WCAG 2.1.1 keyboard,
// 2.4.3 focus order, 2.4.7 focus visible, 2.4.11's spirit: not hidden under a
// sticky bar). `keyboardPass(state)` lists every enabled, visible element a
// user can act on, presses Tab (real key presses through WebDriver) from the
// start of the page until focus comes back round, walks each roving-tabindex
// group (the sidebar, tab lists) with its arrow keys, and fails naming the
// elements never reached and those focused without a visible indicator or
// out of view, and a keyboard trap. In a virtualised list it checks the first
// row it reaches and continues from the list's last row.
//
// Lives outside specs/ because run.mjs runs every specs/*.test.mjs as a spec.

import assert from "node:assert/strict";
import { Key } from "webdriverio";
import { browser } from "./driver.mjs";

/**
 * Runs in the page. Defines `window.__keyboardPass`: the candidates, a
 * baseline of their unfocused look, and `inspect()`, which describes the
 * element focused now and whether its focus shows. Each element is keyed by
 * its DOM path, so a panel a tab list re-renders keeps its keys.
 */
function installProbe() {
  const ACTIONABLE =
    'a[href], button, input:not([type="hidden"]), select, textarea, summary, [tabindex], [contenteditable="true"], ' +
    '[role="button"], [role="tab"], [role="link"], [role="checkbox"], [role="radio"], [role="switch"], [role="menuitem"], [role="option"]';
  const ROVING_GROUP = '[role="tablist"], [role="toolbar"], [role="radiogroup"], [role="menu"], [role="menubar"], [role="listbox"], nav';
  /** A virtualised list's scroller: its rows come and go as it scrolls, so the pass checks the first and skips to the end. */
  const VIRTUAL_LIST = '.virtual-rows, [role="region"]:has(> table.data-table--virtual)';
  /** Native controls and widget roles are acted on; other tabindex=-1 elements (headings, main) only take focus from script. */
  const WIDGET = 'a[href], button, input, select, textarea, summary, [contenteditable="true"], [role]:not([role="tabpanel"]):not([role="region"]):not([role="grid"]):not([role="table"])';

  function pathOf(el) {
    const parts = [];
    for (let e = el; e && e !== document.body; e = e.parentElement) {
      parts.unshift(`${e.tagName.toLowerCase()}:${[...e.parentElement.children].indexOf(e)}`);
    }
    return parts.join(">");
  }
  function describe(el) {
    const id = el.getAttribute("data-testid");
    const text = (el.getAttribute("aria-label") || el.textContent || el.getAttribute("placeholder") || "").trim().replace(/\s+/g, " ").slice(0, 40);
    const owner = id ? "" : el.closest("[data-testid]")?.getAttribute("data-testid");
    return `${el.tagName.toLowerCase()}${id ? `[data-testid="${id}"]` : ""}${owner ? ` in [data-testid="${owner}"]` : ""}${text ? ` "${text}"` : ""}`;
  }
  function visible(el) {
    if (el.closest("[inert], [hidden]") || el.getClientRects().length === 0) return false;
    // In a closed <details> only its summary shows (WebKit still gives the rest client rects).
    const closed = el.closest("details:not([open])");
    if (closed && !el.closest("summary")?.parentElement?.isSameNode(closed)) return false;
    for (let e = el; e; e = e.parentElement) {
      const style = getComputedStyle(e);
      if (style.visibility === "hidden" || style.display === "none" || Number(style.opacity) === 0) return false;
    }
    return true;
  }
  function enabled(el) {
    return !el.matches(":disabled") && el.getAttribute("aria-disabled") !== "true";
  }
  /** The group a tabindex=-1 widget is reached in by arrow keys: one whose other member is a tab stop. */
  function rovingGroup(el) {
    const group = el.closest(ROVING_GROUP);
    if (!group) return null;
    const members = [...group.querySelectorAll(ACTIONABLE)].filter((m) => m.matches(WIDGET) && visible(m) && enabled(m));
    return members.some((m) => m.tabIndex >= 0) ? group : null;
  }
  /** How focus could show on `el`: its own outline and shadow, and those of the two boxes around it (:focus-within). */
  function look(el) {
    const boxes = [el, el.parentElement, el.parentElement?.parentElement].filter(Boolean);
    return boxes.map((box) => {
      const s = getComputedStyle(box);
      return {
        outline: s.outlineStyle !== "none" && parseFloat(s.outlineWidth) > 0 && s.outlineColor !== "rgba(0, 0, 0, 0)" ? `${s.outlineWidth} ${s.outlineStyle} ${s.outlineColor}` : "",
        shadow: s.boxShadow === "none" ? "" : s.boxShadow,
        border: s.borderColor,
      };
    });
  }

  /** Every element a user can act on now, by path. */
  function listNow() {
    const found = new Map();
    for (const el of document.querySelectorAll(ACTIONABLE)) {
      if (!visible(el) || !enabled(el)) continue;
      // Reached by script only (a heading, the main column): not a control. A -1 widget outside a roving group is listed, and fails.
      if (el.tabIndex < 0 && !el.matches(WIDGET)) continue;
      if (el.parentElement?.closest(VIRTUAL_LIST)) continue;
      const roving = el.tabIndex < 0 ? rovingGroup(el) : null;
      found.set(pathOf(el), { el, name: describe(el), roving: Boolean(roving) });
    }
    return found;
  }

  const candidates = listNow();
  const baseline = new Map([...candidates].map(([key, c]) => [key, look(c.el)]));
  window.__keyboardPass = {
    /** Scrolls the focused element's virtual list to its end and focuses its last row's last control; answers when it is rendered. */
    skipVirtualList(done) {
      const list = document.activeElement?.parentElement?.closest(VIRTUAL_LIST);
      if (!list) return done(false);
      list.scrollTop = list.scrollHeight;
      list.dispatchEvent(new Event("scroll"));
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          const inside = [...list.querySelectorAll(ACTIONABLE)].filter((e) => e.tabIndex >= 0 && visible(e) && enabled(e));
          inside.at(-1)?.focus({ preventScroll: true });
          done(inside.length > 0);
        }),
      );
    },
    /** The paths of the candidates still on the page (a toast may have gone meanwhile). */
    present: () => [...listNow().keys()],
    inspect() {
      const el = document.activeElement;
      if (!el || el === document.body || el === document.documentElement) return { onPage: false };
      const key = pathOf(el);
      const before = baseline.get(key);
      const now = look(el);
      // A box whose look changed with focus and now draws an outline or a shadow.
      const indicator = now.some((box, i) => (box.outline || box.shadow) && (!before || JSON.stringify(box) !== JSON.stringify(before[i])));
      const r = el.getBoundingClientRect();
      // Wholly in the window; a box bigger than the window (a tab panel) starts in it or fills it.
      const fits = (start, end, size) =>
        end - start > size ? (start >= 0 && start < size) || (start <= 1 && end >= size - 1) : start >= 0 && end <= size + 1;
      const inViewport = r.width > 0 && r.height > 0 && fits(r.left, r.right, innerWidth) && fits(r.top, r.bottom, innerHeight);
      const centre = (start, end, size) => (Math.max(start, 0) + Math.min(end, size)) / 2;
      const hit = document.elementFromPoint(centre(r.left, r.right, innerWidth), centre(r.top, r.bottom, innerHeight));
      const uncovered = Boolean(hit) && (el.contains(hit) || [...(el.labels ?? [])].some((l) => l.contains(hit)));
      const group = rovingGroup(el);
      return {
        onPage: true,
        key,
        name: describe(el),
        focusVisible: el.matches(":focus-visible"),
        indicator,
        inView: inViewport && uncovered,
        coveredBy: uncovered || !hit ? null : describe(hit),
        where: `at ${Math.round(r.left)},${Math.round(r.top)} ${Math.round(r.width)}×${Math.round(r.height)} in ${innerWidth}×${innerHeight}`,
        group: group ? { key: pathOf(group), vertical: group.matches('nav, [aria-orientation="vertical"]') } : null,
        inVirtualList: Boolean(el.parentElement?.closest(VIRTUAL_LIST)),
      };
    },
  };
  return [...candidates].map(([key, c]) => ({ key, name: c.name, roving: c.roving }));
}

/** The focused element, inspected in the page. */
async function focused() {
  return browser.execute(() => window.__keyboardPass.inspect());
}

/** The focused element once it has scrolled into view (a smooth scroll or a transition may still be running), or as it ends up. */
async function focusedInView() {
  let seen = await focused();
  if (!seen.onPage || seen.inView) return seen;
  await browser
    .waitUntil(async () => (seen = await focused()).inView, { timeout: 2_000, interval: 50 })
    .catch(() => {});
  return seen;
}

/**
 * The keyboard-only pass of the page as it is now, named `state` in
 * failures. Leaves nothing focused. An element that left the page during the
 * walk (a toast that timed out) is not held against it.
 */
export async function keyboardPass(state) {
  const listed = await browser.execute(installProbe);
  assert.ok(listed.length > 0, `${state}: nothing on the page can be acted on`);
  const reached = new Map();
  const problems = [];
  const note = (seen) => {
    if (reached.has(seen.key)) return;
    reached.set(seen.key, seen);
    if (!seen.focusVisible || !seen.indicator) problems.push(`no visible focus: ${seen.name}${seen.focusVisible ? "" : " (not :focus-visible)"}`);
    if (!seen.inView) problems.push(`focused out of view: ${seen.name}${seen.coveredBy ? `, under ${seen.coveredBy}` : ` (${seen.where})`}`);
  };

  // From the start of the page: WebKit's next Tab starts from the element
  // focused last (a button just clicked), so focus the document's body first.
  await browser.execute(() => {
    window.getSelection()?.removeAllRanges();
    document.body.tabIndex = -1;
    document.body.focus({ preventScroll: true });
    document.body.removeAttribute("tabindex");
  });
  let first = null;
  let previous = null;
  let cameRound = false;
  const walkedGroups = new Set();
  const bound = listed.length * 2 + 10;
  for (let presses = 0; presses < bound && !cameRound; presses++) {
    await browser.keys(Key.Tab);
    const seen = await focusedInView();
    if (!seen.onPage) continue; // Focus left the page (the window's own chrome); the next Tab comes back.
    if (seen.key === previous) {
      problems.push(`Tab does not move on from ${seen.name}: a keyboard trap`);
      break;
    }
    previous = seen.key;
    if (first === null) first = seen.key;
    else if (seen.key === first) cameRound = true;
    if (cameRound) break;
    note(seen);
    if (seen.inVirtualList) {
      // One row's focus checked; Tab through hundreds more would only repeat it.
      await browser.executeAsync((done) => window.__keyboardPass.skipVirtualList(done));
      previous = null;
      continue;
    }
    if (seen.group && !walkedGroups.has(seen.group.key)) {
      walkedGroups.add(seen.group.key);
      await walkRovingGroup(seen, note);
    }
  }
  assert.ok(first !== null, `${state}: Tab never focused anything on the page`);
  if (!cameRound && !problems.some((p) => p.includes("keyboard trap"))) {
    problems.push(`Tab never came back round to ${reached.get(first)?.name} in ${bound} presses`);
  }

  // Leave nothing focused, so the next screenshot shows the page as a user left it.
  const present = new Set(await browser.execute(() => {
    document.activeElement?.blur();
    return window.__keyboardPass.present();
  }));
  const unreached = listed.filter((c) => !reached.has(c.key) && present.has(c.key)).map((c) => `${c.name}${c.roving ? " (arrow keys)" : ""}`);
  if (unreached.length) problems.push(`not reachable by keyboard: ${unreached.join("; ")}`);
  assert.deepEqual(problems, [], `${state}: the keyboard pass failed:\n  ${problems.join("\n  ")}`);
  const tabStops = [...reached.values()].filter((s) => !s.roving).length;
  console.log(`keyboard: ${state}: ${tabStops} tab stops and ${reached.size - tabStops} by arrow keys, all with focus shown`);
}

/**
 * Walks a roving-tabindex group with its arrow key round to where it started
 * (the app's groups wrap), noting each member; a tab list selects as it goes
 * and is back on its own tab at the end.
 */
async function walkRovingGroup(start, note) {
  const key = start.group.vertical ? Key.ArrowDown : Key.ArrowRight;
  for (let moves = 0; moves < 50; moves++) {
    await browser.keys(key);
    const seen = await focusedInView();
    if (!seen.onPage || seen.key === start.key) return;
    note({ ...seen, roving: true });
  }
  assert.fail(`arrow keys never bring focus back round to ${start.name}`);
}
