// A long list is one tab stop, not one per row: only the controls of one
// row (the row last focused while it is rendered, else the first row in
// view) take Tab; the others are reached with the arrow keys (VirtualRows'
// row keys). Without this, Tab walks every rendered row of a list of
// thousands before reaching what follows it.
import { useLayoutEffect, type RefObject } from "react";
import { ROW_INDEX } from "./heldRow";

/** Every control in a row that can take focus, tab stop or not, in document order. */
const ROW_CONTROL = 'a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]';

/** The controls inside `row`, including those taken out of the tab order here. */
export function rowControlsIn(row: Element): HTMLElement[] {
  return [...row.querySelectorAll<HTMLElement>(ROW_CONTROL)];
}

/** The row whose controls take Tab: `current` if it is rendered, else `firstInView`. */
export function tabStopRow(rendered: number[], current: number | null, firstInView: number): number | null {
  if (current !== null && rendered.includes(current)) return current;
  return rendered.find((i) => i >= firstInView) ?? rendered.at(-1) ?? null;
}

/** Gives the controls of row `stop` tabindex 0 and every other rendered row's -1. */
function applyTabStop(box: HTMLElement, current: number | null, firstInView: number) {
  const rows = [...box.querySelectorAll<HTMLElement>(`[${ROW_INDEX}]`)];
  const stop = tabStopRow(
    rows.map((r) => Number(r.getAttribute(ROW_INDEX))),
    current,
    firstInView,
  );
  for (const row of rows) {
    const tabIndex = Number(row.getAttribute(ROW_INDEX)) === stop ? 0 : -1;
    for (const control of rowControlsIn(row)) {
      if (control.tabIndex !== tabIndex) control.tabIndex = tabIndex;
    }
  }
}

/**
 * Keeps one row of `box` in the tab order (see the file comment), also when
 * a row re-renders on its own (its data arrives): rows are watched for new
 * controls.
 */
export function useRovingRows(box: RefObject<HTMLElement | null>, current: number | null, firstInView: number) {
  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    applyTabStop(el, current, firstInView);
    const observer = new MutationObserver(() => applyTabStop(el, current, firstInView));
    observer.observe(el, { childList: true, subtree: true });
    return () => observer.disconnect();
  });
}
