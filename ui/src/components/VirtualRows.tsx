import { useEffect, useRef, useState, type ReactNode } from "react";
import { useScrollKeys } from "./scrollKeys";

type VirtualRowsProps = {
  /** How many rows the list has. */
  total: number;
  rowHeight: number;
  /** The visible height, in pixels. */
  height: number;
  /** Rows `start`..`end` (exclusive) are on screen (plus a margin): fetch them. */
  onRange: (start: number, end: number) => void;
  renderRow: (index: number) => ReactNode;
  label: string;
  testId?: string;
};

const OVERSCAN = 10;

/**
 * A long list that renders only the rows on screen: the scroll height is
 * that of every row, the DOM holds a few dozen. Up/Down/PageUp/PageDown/
 * Home/End scroll it from the keyboard.
 */
export function VirtualRows({ total, rowHeight, height, onRange, renderRow, label, testId }: VirtualRowsProps) {
  const box = useRef<HTMLDivElement>(null);
  const [top, setTop] = useState(0);
  const start = Math.max(0, Math.floor(top / rowHeight) - OVERSCAN);
  const end = Math.min(total, Math.ceil((top + height) / rowHeight) + OVERSCAN);

  useEffect(() => onRange(start, end), [start, end, onRange]);
  useEffect(() => {
    box.current?.scrollTo({ top: 0 });
    setTop(0);
  }, [total]);

  const onKey = useScrollKeys(box, rowHeight, height);

  const rows: ReactNode[] = [];
  for (let i = start; i < end; i++) {
    rows.push(
      <div
        key={i}
        className="virtual-rows__row"
        role="listitem"
        aria-posinset={i + 1}
        aria-setsize={total}
        style={{ top: i * rowHeight, height: rowHeight }}
      >
        {renderRow(i)}
      </div>,
    );
  }
  return (
    <div
      ref={box}
      className="virtual-rows"
      style={{ height: Math.min(height, Math.max(rowHeight, total * rowHeight)) }}
      onScroll={(e) => setTop(e.currentTarget.scrollTop)}
      onKeyDown={onKey}
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
