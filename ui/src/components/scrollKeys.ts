import { useCallback, type KeyboardEvent, type RefObject } from "react";

/**
 * Up/Down/PageUp/PageDown/Home/End scroll a virtualised list or table from
 * the keyboard, a row or a screen at a time (its rows are not in the page to
 * be focused one by one).
 */
export function useScrollKeys(box: RefObject<HTMLElement | null>, rowHeight: number, height: number) {
  return useCallback(
    (e: KeyboardEvent) => {
      const el = box.current;
      if (!el) return;
      const by: Record<string, number> = {
        ArrowDown: rowHeight,
        ArrowUp: -rowHeight,
        PageDown: height - rowHeight,
        PageUp: -(height - rowHeight),
      };
      if (e.key in by) el.scrollBy({ top: by[e.key] });
      else if (e.key === "Home") el.scrollTo({ top: 0 });
      else if (e.key === "End") el.scrollTo({ top: el.scrollHeight });
      else return;
      e.preventDefault();
    },
    [box, height, rowHeight],
  );
}
