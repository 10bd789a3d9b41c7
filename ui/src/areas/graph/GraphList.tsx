import type { ReactNode } from "react";
import { VirtualRows } from "../../components/VirtualRows";

const ROW_HEIGHT = 36;

type GraphListProps = {
  /** The column titles above the rows (each row is one button, so they are drawn, not a table's headers). */
  heads: [string, string, string];
  /** The findings' column widths rather than the users'. */
  findings?: boolean;
  total: number;
  onRange: (start: number, end: number, keep: number | null) => void;
  label: string;
  testId: string;
  renderRow: (index: number) => ReactNode;
  foot?: ReactNode;
};

/** A long list of graph users or findings, each row a button that opens it beside the list. */
export function GraphList({ heads, findings = false, total, onRange, label, testId, renderRow, foot }: GraphListProps) {
  return (
    <div className="graph-list">
      <div className={`graph-list__head${findings ? " graph-list__head--findings" : ""}`} aria-hidden="true">
        {heads.map((head) => (
          <span key={head}>{head}</span>
        ))}
      </div>
      <div className="graph-vlist">
        <VirtualRows
          total={total}
          rowHeight={ROW_HEIGHT}
          height={480}
          onRange={onRange}
          label={label}
          testId={testId}
          renderRow={renderRow}
        />
      </div>
      {foot}
    </div>
  );
}
