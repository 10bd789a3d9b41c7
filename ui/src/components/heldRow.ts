// A virtualised list or table renders only the rows in view. The row that
// holds focus (its button, say) is kept rendered, at its own position,
// wherever the list scrolls, until focus leaves it: a screen reader keeps
// its place and the keyboard goes on from that row. Were it unmounted, focus
// would fall to <body> and both would start again from the top of the page.
import { useCallback, useLayoutEffect, useState, type FocusEvent, type RefObject } from "react";

/** The attribute every rendered row carries: its index in the whole list. */
export const ROW_INDEX = "data-row-index";

/** The index of the row `node` is in, within `box`; null outside any row. */
export function rowIndexOf(box: HTMLElement | null, node: EventTarget | null): number | null {
  if (!box || !(node instanceof Element) || !box.contains(node)) return null;
  const row = node.closest(`[${ROW_INDEX}]`);
  if (!row || !box.contains(row)) return null;
  const index = Number(row.getAttribute(ROW_INDEX));
  return Number.isInteger(index) ? index : null;
}

/**
 * The rows to render: `start`..`end` (exclusive), in view, and `held`, the
 * row holding focus, wherever it is; in order.
 */
export function rowsToRender(start: number, end: number, held: number | null): number[] {
  const rows: number[] = [];
  if (held !== null && held < start) rows.push(held);
  for (let i = start; i < end; i++) rows.push(i);
  if (held !== null && held >= end) rows.push(held);
  return rows;
}

export type HeldRow = {
  /** The row that holds focus (below `total`), or null. */
  held: number | null;
  /** Put on the scrolling box: they follow focus into and out of its rows. */
  onFocus: (e: FocusEvent) => void;
  onBlur: (e: FocusEvent) => void;
};

/**
 * Follows which row of `box` holds focus. Should that row go anyway (the
 * list got shorter, its page was dropped), focus moves to `box` itself, the
 * list, rather than falling to <body>.
 */
export function useHeldRow(box: RefObject<HTMLElement | null>, total: number): HeldRow {
  const [focused, setFocused] = useState<number | null>(null);
  const held = focused !== null && focused < total ? focused : null;

  const onFocus = useCallback((e: FocusEvent) => setFocused(rowIndexOf(box.current, e.target)), [box]);
  const onBlur = useCallback(
    (e: FocusEvent) => {
      const el = box.current;
      // Focus moving within the list is followed by onFocus; a control
      // removed with focus in it is not leaving (the layout effect below),
      // nor is the window losing focus (it comes back to the same control).
      if (el && e.relatedTarget instanceof Node && el.contains(e.relatedTarget)) return;
      if (e.relatedTarget === null && (!(e.target as Node).isConnected || !document.hasFocus())) return;
      setFocused(null);
    },
    [box],
  );

  useLayoutEffect(() => {
    const el = box.current;
    if (focused === null || !el) return;
    const active = document.activeElement;
    if (active === null || active === document.body) {
      setFocused(null);
      el.focus({ preventScroll: true });
    }
  });

  return { held, onFocus, onBlur };
}
