import { useCallback, useEffect, useLayoutEffect, useRef, useState, type FocusEvent, type KeyboardEvent, type ReactNode, type RefObject } from "react";
import { ROW_INDEX, rowIndexOf, rowsToRender, useHeldRow } from "./heldRow";
import { rowControlsIn, useRovingRows } from "./rovingRows";
import { useScrollKeys } from "./scrollKeys";

type VirtualRowsProps = {
  /** How many rows the list has. */
  total: number;
  rowHeight: number;
  /** The visible height, in pixels. */
  height: number;
  /**
   * Rows `start`..`end` (exclusive) are on screen (plus a margin): fetch
   * them; `keep`, the row holding focus, is still shown: keep it.
   */
  onRange: (start: number, end: number, keep: number | null) => void;
  renderRow: (index: number) => ReactNode;
  label: string;
  testId?: string;
};

const OVERSCAN = 10;

/**
 * A long list that renders only the rows on screen: the scroll height is
 * that of every row, the DOM holds a few dozen. Each row says its position
 * (`aria-posinset` of `aria-setsize`). The list itself scrolls with
 * Up/Down/PageUp/PageDown/Home/End; from a row's control the same keys move
 * to the same control of the row above, below, a screen away, first or last.
 * The row holding focus stays rendered however far the list scrolls (see
 * heldRow.ts), and the list is one tab stop: only one row's controls take
 * Tab (see rovingRows.ts).
 */
export function VirtualRows({ total, rowHeight, height, onRange, renderRow, label, testId }: VirtualRowsProps) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const start = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
  const end = Math.min(total, Math.ceil((top + height) / rowHeight) + OVERSCAN);
  const focus = useHeldRow(box, total);
  const { held } = focus;
  const [current, setCurrent] = useState<number | null>(null);
  useRovingRows(box, current, Math.min(total - 1, Math.ceil(top / rowHeight)));
  const onFocus = (e: FocusEvent) => {
    focus.onFocus(e);
    const row = rowIndexOf(box.current, e.target);
    if (row !== null) setCurrent(row);
  };

  useEffect(() => onRange(start, end, held), [start, end, held, onRange]);
  useEffect(() => {
    box.current?.scrollTo?.({ top: 0 });
    setTop(0);
  }, [total]);

  const scrollKeys = useScrollKeys(box, rowHeight, height);
  const scrollTo = useCallback((next: number) => {
    const el = box.current;
    if (!el) return;
    el.scrollTop = next;
    setTop(el.scrollTop);
  }, []);
  const rowKeys = useRowKeys(box, { total, rowHeight, height, scrollTo });
  const onKeyDown = (e: KeyboardEvent) => (e.target === box.current ? scrollKeys(e) : rowKeys(e));

  const rows = rowsToRender(start, end, held).map((i) => (
    <div
      key={i}
      className="virtual-rows__row"
      role="listitem"
      aria-posinset={i + 1}
      aria-setsize={total}
      {...{ [ROW_INDEX]: i }}
      style={{ top: i * rowHeight, height: rowHeight }}
    >
      {renderRow(i)}
    </div>
  ));
  return (
    <div
      ref={box}
      className="virtual-rows"
      style={{ height: Math.min(height, Math.max(rowHeight, total * rowHeight)) }}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      onBlur={focus.onBlur}
      tabIndex={0}
      role="list"
      aria-label={label}
      data-testid={testId}
    >
      <div className="virtual-rows__space" style={{ height: total * rowHeight }}>
        {rows}
      </div>
    </div>
  );
}

type Geometry = { total: number; rowHeight: number; height: number; scrollTo: (top: number) => void };

/** Where each key moves focus from row `from`. */
function targetRow(key: string, from: number, total: number, perScreen: number): number | null {
  const moves: Record<string, number> = {
    ArrowDown: from + 1,
    ArrowUp: from - 1,
    PageDown: from + perScreen,
    PageUp: from - perScreen,
    Home: 0,
    End: total - 1,
  };
  return key in moves ? Math.min(total - 1, Math.max(0, moves[key]!)) : null;
}

/**
 * Up/Down/PageUp/PageDown/Home/End from a control in a row: the list scrolls
 * the target row into view and, once it is rendered (and loaded), focus
 * moves to its control in the same place (the first one otherwise).
 */
function useRowKeys(box: RefObject<HTMLDivElement | null>, { total, rowHeight, height, scrollTo }: Geometry) {
  const [wanted, setWanted] = useState<{ row: number; control: number } | null>(null);

  useLayoutEffect(() => {
    const el = box.current;
    if (!wanted || !el) return;
    if (!el.contains(document.activeElement)) {
      setWanted(null);
      return;
    }
    const row = el.querySelector(`[${ROW_INDEX}="${wanted.row}"]`);
    const controls = row ? rowControlsIn(row) : [];
    const control = controls[wanted.control] ?? controls[0];
    if (control) {
      control.focus({ preventScroll: true });
      setWanted(null);
    }
  });

  return (e: KeyboardEvent) => {
    const el = box.current;
    const from = wanted?.row ?? rowIndexOf(el, e.target);
    if (!el || from === null) return;
    const to = targetRow(e.key, from, total, Math.max(1, Math.floor(height / rowHeight) - 1));
    if (to === null) return;
    e.preventDefault();
    const row = el.querySelector(`[${ROW_INDEX}="${from}"]`);
    const control = row ? rowControlsIn(row).indexOf(e.target as HTMLElement) : 0;
    const rowTop = to * rowHeight;
    if (rowTop < el.scrollTop) scrollTo(rowTop);
    else if (rowTop + rowHeight > el.scrollTop + height) scrollTo(rowTop + rowHeight - height);
    setWanted({ row: to, control: Math.max(0, control) });
  };
}
